"""Appeals to religious or national duty (Flag-Waving).

Why: "it is the religious and national duty of every citizen to stand behind the leadership"
turns obedience into patriotism or piety. PTC's Flag-Waving covers appeals to a nation or any
group (religion included), so the appeal is Flag-Waving, not Appeal_to_fear-prejudice.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector

FW = "Flag-Waving"
_CLAUSE = r"[^.;!?\n]{0,140}"

DUTY = Detector(
    name="duty.religious_national",
    technique=FW,
    why="'the religious and national duty of every citizen', 'every honest worker knows his duty'",
    patterns={
        "en": (
            r"(?P<span>[^.;!?\n]{0,60}\b(?:religious|national|sacred|patriotic|holy|Islamic|"
            r"revolutionary|internationalist)(?:\s+and\s+\w+)?\s+(?:duty|obligation)\b"
            + _CLAUSE
            + ")",
            r"(?P<span>\b(?:every|each)\s+(?:honest|loyal|real)\s+\w+\s+"
            r"(?:knows|must|will)\b" + _CLAUSE + ")",
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

DETECTORS = (DUTY,)
