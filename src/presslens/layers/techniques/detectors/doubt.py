"""Conspiracy and doubt framings about adversary sources (Doubt).

Why: state media answer an adversary's report by questioning its source — "the so-called
investigation", "reports fabricated by Western-funded media", "claim to speak for human rights"
— instead of its facts. PTC's Doubt covers questioning the credibility of someone or something.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

DO = "Doubt"
_CLAUSE = r"[^.;!?\n]{0,140}"

SO_CALLED = Detector(
    name="doubt.so_called_source",
    technique=DO,
    why="'the so-called investigation / reports / experts / observers' of the adversary",
    patterns={
        "en": (
            r"(?P<span>\b(?:the\s+)?so-called\s+(?:[\w-]+\s+){0,2}"
            + words(
                "reports",
                "report",
                "experts",
                "evidence",
                "journalists",
                "human rights defenders",
                "independent reports",
                "independent media",
            )
            + _CLAUSE
            + ")",
        ),
        "fr": (
            r"(?P<span>\b(?:les?\s+)?(?:prétendu|soi-disant)e?s?\s+(?:rapports?|enquêtes?|experts?|preuves?)"
            + _CLAUSE
            + ")",
        ),
        "ru": (
            r"(?P<span>(?:так\s+называем|так\s+называем)\w+\s+(?:доклад|расследован|эксперт|доказательств|журналист)\w*"
            + _CLAUSE
            + ")",
        ),
    },
)

FABRICATED = Detector(
    name="doubt.fabricated_by_adversary",
    technique=DO,
    why="an adversary's reporting called fabricated, staged or paid for",
    patterns={
        "en": (
            r"(?#clause:100)(?P<span>\b(?:are|is|were|was)\s+(?:nothing\s+but\s+|pure\s+|a\s+)?"
            + words("fabricated", "a pitiful invention", "pitiful invention", "staged")
            + _CLAUSE
            + ")",
            r"(?P<span>\b(?:[\w-]+\s+){0,2}(?:media|channels|television|newspapers|outlets)\s+"
            r"(?:funded|paid|financed|backed)\s+by\s+(?:hostile|foreign|western)" + _CLAUSE + ")",
            r"(?P<span>\bclaim(?:s|ed)?\s+to\s+(?:speak\s+for|defend|fight\s+for)\s+human\s+rights)",
            r"(?P<span>\bpaid\s+(?:with|in)\s+(?:dollars|foreign\s+money)(?:\s+from\s+abroad)?)",
        ),
    },
)

# Generalised from the tune half (sm01, sm04, sm07 all doubt a source with "so-called"): any
# "so-called <noun phrase>" casts doubt on what it names; kept separate so the gold can judge
# the general form apart from the source-specific list above.
SO_CALLED_ANY = Detector(
    name="doubt.so_called_any",
    technique=DO,
    why="'so-called' before any noun phrase: doubt cast on the thing named",
    patterns={
        "en": (r"(?P<span>\b(?:the\s+|its\s+|their\s+)?so-called\s+[\w-]+(?:\s+[\w-]+)?)",),
        "fr": (r"(?P<span>\b(?:soi-disant|prétendu(?:e|s|es)?)\s+[\w-]+)",),
        "ru": (r"(?P<span>так\s+называем\w+\s+\w+)",),
    },
)

DETECTORS = (SO_CALLED, FABRICATED, SO_CALLED_ANY)
