"""Glorifying honorifics and titles used as arguments (Name_Calling,Labeling).

Why: "under the wise leadership of the Father of the Nation" argues by praise — the leader's
title stands in for the evidence. PTC's definition of Name_Calling,Labeling covers labels the
audience "loves or praises", so the glorifying label is the span. Literal titles ("His Majesty",
"President", "Supreme Leader") are not matched: they are names, not arguments.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

NC = "Name_Calling,Labeling"

_PRAISE = words(
    "wise",
    "beloved",
    "great",
    "dear",
    "glorious",
    "peerless",
    "brilliant",
    "sagacious",
    "farsighted",
    "far-sighted",
    "wise and far-sighted",
    "tireless",
    "respected",
    "heroic",
    "genius",
    "strong",
    "correct",
    "outstanding",
    "extraordinary",
    "unrivalled",
    "invincible",
    "visionary",
    "enlightened",
    "decisive",
)
_LEADER = words(
    "leadership",
    "leader",
    "guidance",
    "helmsman",
    "marshal",
    "commander",
    "commander-in-chief",
    "great man",
    "comrade",
)

PRAISE = Detector(
    name="honorific.praise",
    technique=NC,
    why="'the wise leadership', 'the beloved leader', 'the peerless great man' as an argument",
    patterns={
        "en": (r"\b(?P<span>" + _PRAISE + r"(?:\s+and\s+[\w-]+)?\s+" + _LEADER + r")\b",),
        "fr": (
            r"\b(?P<span>(?:sage|clairvoyant|bien-aimé|glorieux|grand)e?\s+"
            r"(?:direction|dirigeant|guide|leadership))",
        ),
        "ru": (
            r"(?P<span>(?:мудр|великого|великий|любим|дальновидн)\w*\s+(?:руководств|лидер|вожд)\w*)",
        ),
        "fa": (r"(?P<span>(?:رهبری|رهبر)\s+(?:داهیانه|فرزانه|حکیمانه|معظم))",),
        "ar": (r"(?P<span>(?:ال)?(?:قيادة|توجيهات)\s+(?:ال)?(?:حكيمة|رشيدة|سديدة))",),
    },
)

# "<honorific noun> of the Nation / Homeland / Revolution": a title that makes the leader the
# nation's parent or keeper, generalised from the tune half's "Custodian of the Nation".
_TITLE_NOUN = words(
    "Father",
    "Mother",
    "Custodian",
    "Guardian",
    "Saviour",
    "Savior",
    "Builder",
    "Founder",
    "Architect",
    "Helmsman",
)
_TITLE_OF = words("Nation", "Homeland", "Fatherland", "Motherland", "Revolution", "People")

TITLE = Detector(
    name="honorific.title",
    technique=NC,
    why="invented glorifying titles: 'the Father of the Nation', 'the Custodian of the Nation'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?(?-i:"
            + _TITLE_NOUN
            + r")\s+of\s+(?:the\s+)?(?:Modern\s+)?(?-i:"
            + _TITLE_OF
            + r"))\b",
            r"\b(?P<span>(?:the\s+)?"
            + words("Great Leader", "Dear Leader", "Eternal President", "as the core")
            + r"(?:\s+(?-i:[A-Z])[\w-]+)?)",
        ),
        "fr": (r"\b(?P<span>(?:le\s+)?(?:Père de la Nation|Guide suprême de la Révolution))",),
        "ar": (r"(?P<span>(?:والد|باني|أب)\s+(?:الأمة|الوطن|النهضة)(?:\s+الحديثة)?)",),
    },
    skip_quoted=True,
)

DETECTORS = (PRAISE, TITLE)
