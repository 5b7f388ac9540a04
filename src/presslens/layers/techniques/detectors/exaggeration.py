"""Exaggeration constructions (Exaggeration,Minimisation).

Why: official results come as superlatives ("the most remarkable transformation in the history
of the region"), totals ("a complete and historic victory", "the whole world looks to"),
miracles and "minimal" own losses. The formula, not any single word, is the signal.

Split by what the gold says: a superlative bounded by *history* is marked in PTC (3 of 5), one
bounded by the world or a region is mostly a plain fact there ("the sixth-largest country in
the world"); "unprecedented" alone and "completely destroyed" describe real disasters as often
as they inflate. The loose forms are kept for measurement and do not ship.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

EX = "Exaggeration,Minimisation"
_SUPER = r"(?:the\s+)?(?:most\s+\w+|greatest|biggest|largest|best|worst|strongest|finest)"

SUPERLATIVE = Detector(
    name="exaggeration.superlative_history",
    technique=EX,
    why="a superlative bounded by history: 'the greatest … in history', 'the most remarkable "
    "… in the history of the region'",
    patterns={
        "en": (
            r"\b(?P<span>" + _SUPER + r"\s+(?:[\w-]+\s+){0,4}?(?:in|of)\s+(?:all\s+)?(?:the\s+)?"
            r"(?:human\s+|recorded\s+|modern\s+|entire\s+)?history(?:\s+of\s+(?:the\s+)?\w+)?)\b",
        ),
    },
)

SUPERLATIVE_WORLD = Detector(
    name="exaggeration.superlative_world",
    technique=EX,
    why="a superlative bounded by the world, a region or a century (often a plain fact)",
    patterns={
        "en": (
            r"\b(?P<span>" + _SUPER + r"\s+(?:[\w-]+\s+){0,4}?(?:in|of|on)\s+(?:the\s+)?"
            r"(?:whole\s+world|entire\s+world|world|century|region|planet|earth))\b",
        ),
    },
)

# "a complete and historic victory", "a crushing defeat": the result inflated by its adjective.
# Not "landslide victory" (an electoral term, 0 of 2 marked in PTC).
VICTORY = Detector(
    name="exaggeration.victory",
    technique=EX,
    why="'a complete and historic victory', 'a crushing defeat', 'a resounding triumph'",
    patterns={
        "en": (
            r"\b(?P<span>(?:a\s+)?(?:complete|total|historic|crushing|resounding|unprecedented|"
            r"epochal|glorious)(?:\s+and\s+(?:historic|unprecedented|complete|crushing|"
            r"decisive|glorious))?\s+"
            + words("victory", "victories", "triumph", "defeat", "achievement", "achievements")
            + r")\b",
        ),
    },
)

# The whole world as witness or admirer of one's achievement.
WHOLE_WORLD = Detector(
    name="exaggeration.whole_world",
    technique=EX,
    why="'the whole world now looks to', 'a miracle that astonished the whole world'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?(?:whole|entire)\s+(?:world|planet|mankind|humanity)"
            r"(?:\s+now)?\s+(?:looks|admires|envies|marvels|applauds|is\s+watching|watches)"
            r"[^.;!?\n]{0,80})",
            r"\b(?P<span>(?:a\s+)?(?:miracle|feat|achievement)\s+that\s+"
            r"(?:astonished|amazed|stunned|shocked)\s+the\s+(?:whole|entire)\s+world)\b",
        ),
    },
)

# "for the first time in history", "never before in history": history itself as the measure.
NEVER_BEFORE = Detector(
    name="exaggeration.never_before",
    technique=EX,
    why="'never before in history', 'for the first time in human history', 'unprecedented in "
    "history'",
    patterns={
        "en": (
            r"\b(?P<span>(?:never\s+before\s+in|for\s+the\s+first\s+time\s+in|unprecedented\s+in|"
            r"unparalleled\s+in)\s+(?:all\s+)?(?:the\s+)?(?:human\s+|world\s+|recorded\s+)?"
            r"history(?:\s+of\s+(?:the\s+)?\w+)?)\b",
        ),
    },
)

UNPRECEDENTED = Detector(
    name="exaggeration.unprecedented",
    technique=EX,
    why="'unprecedented' before a noun (as often a fact as an inflation)",
    patterns={"en": (r"\b(?P<span>unprecedented\s+[\w-]+)\b",)},
)

TOTALITY = Detector(
    name="exaggeration.totality",
    technique=EX,
    why="'completely liberated', 'utterly crushed' (as often a fact as an inflation)",
    patterns={
        "en": (
            r"\b(?P<span>(?:completely|totally|utterly|fully)\s+"
            + words("liberated", "destroyed", "crushed", "defeated", "annihilated", "dismantled")
            + r")\b",
        ),
    },
)

# Own losses called minimal: the minimisation half of the label.
MINIMAL_LOSSES = Detector(
    name="exaggeration.minimal_losses",
    technique=EX,
    why="'losses were described as minimal', 'negligible casualties'",
    patterns={
        "en": (
            r"\b(?P<span>(?:losses|casualties)\s+(?:were\s+)?(?:described\s+as\s+)?"
            r"(?:minimal|insignificant|negligible))\b",
            r"\b(?P<span>(?:minimal|insignificant|negligible)\s+(?:losses|casualties))\b",
        ),
    },
)

# "absolutely no evidence", "absolutely nothing": a total denial or a total claim; PTC marks
# it Exaggeration in 10 of 15 sentences.
ABSOLUTE = Detector(
    name="exaggeration.absolute",
    technique=EX,
    why="'absolutely no evidence', 'absolutely nothing to do with': the claim made total",
    patterns={"en": (r"\b(?P<span>absolutely\s+(?:no|nothing|none)(?:\s+[\w-]+)?)\b",)},
)

# Records: "record-breaking", "an all-time high", "a record harvest".
RECORD = Detector(
    name="exaggeration.record",
    technique=EX,
    why="'record-breaking numbers', 'an all-time high', 'a record harvest'",
    patterns={
        "en": (
            r"\b(?P<span>record-breaking(?:\s+[\w-]+)?|(?:an\s+)?all-time\s+(?:high|record)|"
            r"(?:a\s+)?record\s+(?:level|harvest|high|numbers|turnout|growth))\b",
        )
    },
)

# "the biggest arms sale ever": a superlative bounded by "ever" (PTC 4 of 8, at the gate).
SUPERLATIVE_EVER = Detector(
    name="exaggeration.superlative_ever",
    technique=EX,
    why="'the biggest … ever', 'the most flagrant lies ever'",
    patterns={"en": (r"\b(?P<span>" + _SUPER + r"\s+(?:[\w-]+\s+){0,3}?ever)\b",)},
)

DETECTORS = (
    ABSOLUTE,
    RECORD,
    SUPERLATIVE_EVER,
    SUPERLATIVE,
    SUPERLATIVE_WORLD,
    VICTORY,
    WHOLE_WORLD,
    NEVER_BEFORE,
    UNPRECEDENTED,
    TOTALITY,
    MINIMAL_LOSSES,
)
