"""Appeals to the nation as a whole (Flag-Waving).

Why: "the Hanlu people will never allow", "our soldiers", "our country" speak for the
whole nation to justify a position; PTC's Flag-Waving is "playing on strong national feeling",
and its annotators mark "the American people" and "our country" in most sentences where they
occur (measured in training/techniques/measure_detectors.md). The rule is the construction
— a nation's people, or "our" + a national noun — not a list of nations.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

FW = "Flag-Waving"

PEOPLE = Detector(
    name="nation.the_people",
    technique=FW,
    why="'the Kandaran people', 'the American people': a nation's whole people invoked",
    patterns={
        # A capitalised adjective or name before "people"; not sentence-initial "The people".
        "en": (r"\b(?P<span>the\s+(?-i:[A-Z])[\w-]+\s+people)\b(?!['’]s\s+(?:Republic|Party))",),
        "fr": (
            r"\b(?P<span>(?:le\s+)?peuple\s+(?:français|russe|iranien|chinois|syrien|palestinien))\b",
        ),
        "ru": (r"(?P<span>(?:русск|российск|советск)\w+\s+народ\w*)",),
    },
)

OUR = Detector(
    name="nation.our_country",
    technique=FW,
    why="'our country', 'our nation', 'our soldiers', 'our motherland'",
    patterns={
        "en": (
            r"\b(?P<span>our\s+"
            + words(
                "country",
                "nation",
                "homeland",
                "motherland",
                "fatherland",
                "soldiers",
                "troops",
                "army",
                "heroes",
            )
            + r")\b",
        ),
        "fr": (r"\b(?P<span>notre\s+(?:pays|nation|patrie|armée)|nos\s+(?:soldats|héros))\b",),
        "ru": (r"(?P<span>наш\w*\s+(?:стран|родин|отечеств|солдат|бойц|геро)\w*)",),
    },
)

DETECTORS = (PEOPLE, OUR)
