"""Chanted slogans (Slogans).

Why: "Long live the Revolution!", "Death to America", "Homeland or death!" are the slogan's
oldest forms — a short call that replaces an argument. PTC marks them Slogans even inside
quotation marks (7 of 8 "Death to …" / "Long live …" in PTC train), so quoted chants are kept.
The opening words are matched case-sensitively at a phrase start, so "sat down with" or
"glory to God the Father" in running text do not fire.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector

SL = "Slogans"
# The rest of the chant: up to the sentence end or the closing quotation mark.
_REST = r"[^.!?\n\"”»]{1,60}"

CHANT = Detector(
    name="slogan.chant",
    technique=SL,
    why="'Long live …!', 'Glory to …!', 'Death to …', 'Down with …', '<Homeland> or death!'",
    patterns={
        "en": (
            r"(?P<span>(?-i:\b(?:Long live|Glory to|Death to|Down with|Victory to)\b)"
            + _REST
            + ")",
            r"(?P<span>(?-i:\b[A-Z]\w+)\s+or\s+death!)",
        ),
        "fr": (r"(?P<span>(?-i:\b(?:Vive|Mort aux?|À bas|Gloire aux?)\b)" + _REST + ")",),
        # Not "Слава богу" (thank God), an everyday idiom.
        "ru": (r"(?P<span>(?-i:(?:Слава|Смерть|Да здравствует|Долой)\s)(?![Бб]ог)" + _REST + ")",),
        "fa": (r"(?P<span>(?:مرگ\s+بر|زنده\s+باد|درود\s+بر)\s+[^.!؟\n]{1,60})",),
        "ar": (r"(?P<span>(?:الموت\s+ل|يحيا\s+|عاش\s+|المجد\s+ل)[^.!؟\n]{1,60})",),
    },
)

DETECTORS = (CHANT,)
