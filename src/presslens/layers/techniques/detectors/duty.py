"""Appeals to religious or national duty (Flag-Waving).

Why: "it is the religious and national duty of every citizen to stand behind the leadership"
turns obedience into patriotism or piety. PTC's Flag-Waving covers appeals to a nation or any
group (religion included), so the appeal is Flag-Waving, not Appeal_to_fear-prejudice.

Split by what the gold says: "sacred/moral/civic duty" alone is one person's conscience in US
news ("my civic duty to testify": 0 of 5 marked in PTC) and does not ship; the duty laid on
*every* member of a nation or faith is the state-media formula and ships.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector

FW = "Flag-Waving"
_CLAUSE = r"[^.;!?\n]{0,140}"
_MEMBER_EN = (
    r"(?:every|each|all|any)\s+(?:true\s+|loyal\s+|honest\s+|real\s+|good\s+)?"
    r"(?:citizens?|believers?|Muslims?|Christians?|patriots?|workers?|compatriots?|sons?|"
    r"daughters?|members?\s+of\s+the\s+nation|(?-i:[A-Z])\w+(?:ian|ese|an|i)s?)\b"
)

DUTY_ALL = Detector(
    name="duty.every_member",
    technique=FW,
    why="a religious or national duty laid on every citizen or believer: 'the religious and "
    "national duty of every citizen', 'every honest worker knows his duty'",
    patterns={
        "en": (
            r"(?#clause:60)(?P<span>\b(?:duty|obligation)\s+(?:of|for|upon|on)\s+"
            + _MEMBER_EN
            + _CLAUSE
            + ")",
            r"(?P<span>\b" + _MEMBER_EN + r"\s+(?:knows|must\s+do|will\s+do|has)\s+"
            r"(?:his|her|their)\s+(?:sacred\s+|patriotic\s+)?duty\b" + _CLAUSE + ")",
        ),
        "fr": (
            r"(?P<span>\b(?:devoir|obligation)\s+(?:religieu(?:x|se)|national(?:e)?|sacré(?:e)?)"
            r"\s+de\s+(?:chaque|tout|tous\s+les)\s+(?:citoyens?|croyants?|patriotes?)"
            + _CLAUSE
            + ")",
        ),
        "ru": (
            r"(?P<span>(?:священн|патриотическ|гражданск)\w+\s+долг\w*\s+(?:каждого|всех)"
            + _CLAUSE
            + ")",
        ),
        "fa": (
            r"(?P<span>(?:وظیفه|تکلیف)\s+(?:شرعی|دینی|ملی|انقلابی)\s+(?:هر|همه)" + _CLAUSE + ")",
        ),
        "ar": (
            r"(?P<span>(?:ال)?(?:واجب|فريضة)\s+(?:ال)?(?:ديني|وطني|شرعي)\s+(?:على\s+)?(?:كل|جميع)"
            + _CLAUSE
            + ")",
        ),
    },
)

DUTY = Detector(
    name="duty.religious_national",
    technique=FW,
    why="'sacred duty', 'religious duty', 'national duty' without saying whose",
    patterns={
        "en": (
            r"(?#clause:60)(?P<span>\b(?:religious|national|sacred|patriotic|holy|Islamic|"
            r"revolutionary|internationalist)(?:\s+and\s+\w+)?\s+(?:duty|obligation)\b"
            + _CLAUSE
            + ")",
        ),
        "fr": (
            r"(?P<span>\b(?:devoir|obligation)\s+(?:religieu(?:x|se)|national(?:e)?|sacré(?:e)?)"
            + _CLAUSE
            + ")",
        ),
        "ru": (r"(?P<span>(?:священн|патриотическ|гражданск)\w+\s+долг\w*" + _CLAUSE + ")",),
        "fa": (r"(?P<span>(?:وظیفه|تکلیف)\s+(?:شرعی|دینی|ملی|انقلابی)" + _CLAUSE + ")",),
        "ar": (r"(?P<span>(?:ال)?(?:واجب|فريضة)\s+(?:ال)?(?:ديني|وطني|شرعي)" + _CLAUSE + ")",),
    },
)

DETECTORS = (DUTY_ALL, DUTY)
