"""'X and its allies / puppets / mercenaries': the adversary's partners as its servants.

Why: state media rarely name an adversary alone; they add its "puppets", "curators",
"masters" or "mercenaries", which labels the partners as servants and the adversary as a
puppet-master. PTC marks such labels Name_Calling,Labeling. Plain "its allies" is neutral and
is only matched when qualified ("so-called allies", "its Western curators").
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

NC = "Name_Calling,Labeling"

_SERVANTS_EN = words(
    "puppets",
    "puppet",
    "proxies",
    "mercenaries",
    "lackeys",
    "henchmen",
    "curators",
    "masters",
    "stooges",
    "minions",
    "hirelings",
    "vassals",
    "satellites",
    "cronies",
)

SERVANTS = Detector(
    name="allies.servants",
    technique=NC,
    why="'its puppets', 'their American masters', 'its Western curators' after a named adversary",
    patterns={
        "en": (
            r"\band\s+(?P<span>(?:its|their|his)\s+(?:[\w-]+\s+){0,2}" + _SERVANTS_EN + r")\b",
            r"\b(?P<span>(?:puppet|vassal|proxy|client)\s+"
            + words("regime", "government", "army", "state", "warmongers", "forces")
            + r")\b",
        ),
        "fr": (
            r"\bet\s+(?P<span>(?:ses|leurs)\s+(?:[\w-]+\s+){0,2}"
            + words(
                "marionnettes",
                "mercenaires",
                "laquais",
                "valets",
                "vassaux",
                "maîtres",
                "parrains",
                "commanditaires",
                "supplétifs",
            )
            + r")\b",
        ),
        "ru": (
            r"\bи\s+(?P<span>(?:его|их|её|ее)\s+(?:\w+\s+){0,2}"
            r"(?:марионетк|куратор|хозяев|хозяе|наймит|прихвост|вассал|пособник)\w*)",
            r"(?P<span>(?:западн|американск|натовск)\w+\s+(?:куратор|хозяе|хозяев|покровител)\w*)",
        ),
        "fa": (
            r"(?P<span>(?:و\s+)?(?:مزدوران|عوامل|نوکران|اربابان|دست‌نشاندگان)\s+(?:آن|آنها|او)(?:ها)?)",
        ),
        "ar": (r"(?P<span>(?:و)?(?:عملائه|عملاؤه|أذنابه|مرتزقته|أدواته|حلفائه\s+المزعومين))",),
    },
)

DETECTORS = (SERVANTS,)
