"""'X and its allies / puppets / mercenaries': the adversary's partners as its servants.

Why: state media rarely name an adversary alone; they add its "puppets", "curators",
"masters" or "mercenaries", which labels the partners as servants and the adversary as a
puppet-master. PTC marks such labels Name_Calling,Labeling. Plain "its allies" is neutral
(0 of 26 marked in PTC) and is never matched.

Split by what the gold says: the possessive servant noun ("its puppets", "his henchmen",
"leurs laquais") is marked as Name_Calling in most gold sentences and ships; the attributive
form ("puppet government", "proxy forces", "Western curators") is mostly neutral usage in the
gold and is only measured.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

NC = "Name_Calling,Labeling"

# Servant nouns that are insults in themselves. Not "proxies" (a term of analysis in US news,
# 0 of 4 marked), "cronies" (0 of 2), "handlers" (FBI handlers: 0 of 5) or "agents" (job titles).
_SERVANTS_EN = words(
    "puppets",
    "puppet",
    "mercenaries",
    "lackeys",
    "henchmen",
    "stooges",
    "minions",
    "hirelings",
    "vassals",
    "flunkies",
    "toadies",
    "sycophants",
    "curators",
    "masters",
)

POSSESSIVE = Detector(
    name="allies.possessive_servants",
    technique=NC,
    why="'its puppets', 'his henchmen', 'their American masters', 'ses laquais', "
    "'их западные кураторы': the partners named as servants",
    patterns={
        "en": (r"\b(?P<span>(?:its|their|his|her)\s+(?:[\w-]+\s+){0,2}?" + _SERVANTS_EN + r")\b",),
        "fr": (
            r"\b(?P<span>(?:ses|leurs|son|sa)\s+(?:[\w-]+\s+)?"
            + words(
                "marionnettes",
                "marionnette",
                "mercenaires",
                "laquais",
                "valets",
                "vassaux",
                "larbins",
                "suppôts",
                "séides",
                "maîtres",
                "parrains",
                "commanditaires",
                "supplétifs",
            )
            + r")\b",
        ),
        "ru": (
            r"(?P<span>(?:его|их|её|ее)\s+(?:\w+\s+){0,2}?"
            # Not "их хозяева" (their masters): the Russian gold marks it Loaded_Language.
            r"(?:марионетк|куратор|наймит|прихвост|вассал|пособник|холу)\w*)",
        ),
        "fa": (r"(?P<span>(?:مزدوران|عوامل|نوکران|اربابان|دست‌نشاندگان)\s+(?:آن|آنها|او)(?:ها)?)",),
        "ar": (r"(?P<span>(?:و)?(?:عملائه|عملاؤه|أذنابه|مرتزقته|أدواته|أسياده|أسيادهم))",),
    },
    skip_quoted=True,
)

SERVANTS = Detector(
    name="allies.servants",
    technique=NC,
    why="'puppet government', 'proxy forces', 'Western curators': a client named as such",
    patterns={
        "en": (
            r"\b(?P<span>(?:puppet|vassal|proxy|client)\s+"
            + words("regime", "government", "army", "state", "warmongers", "forces")
            + r")\b",
            r"\b(?P<span>(?:Western|American|NATO|foreign|overseas)\s+"
            + words("curators", "masters", "handlers", "patrons", "sponsors")
            + r")\b",
        ),
        "ru": (
            r"(?P<span>(?:западн|американск|натовск|заокеанск)\w+\s+"
            r"(?:куратор|хозяе|хозяев|покровител)\w*)",
        ),
    },
    skip_quoted=True,
)

DETECTORS = (POSSESSIVE, SERVANTS)
