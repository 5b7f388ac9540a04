"""Exaggeration constructions (Exaggeration,Minimisation).

Why: official results come as superlatives ("the most remarkable transformation in the history
of the region"), totals ("completely liberated", "the whole world"), miracles and "minimal"
own losses. The formula, not any single word, is the signal.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector, words

EX = "Exaggeration,Minimisation"

SUPERLATIVE = Detector(
    name="exaggeration.superlative_history",
    technique=EX,
    why="a superlative bounded by history or the world: 'the greatest … in history'",
    patterns={
        "en": (
            r"\b(?P<span>(?:the\s+)?(?:most\s+\w+|greatest|biggest|largest|best|worst|"
            r"strongest)\s+(?:[\w-]+\s+){0,4}?(?:in|of)\s+(?:the\s+)?"
            r"(?:history|whole world|entire world|world|century|region|planet|earth)"
            r"(?:\s+of\s+(?:the\s+)?\w+)?)\b",
        ),
    },
)

TOTALITY = Detector(
    name="exaggeration.totality",
    technique=EX,
    why="'a complete and historic victory', 'the whole world looks to', 'a miracle'",
    patterns={
        "en": (
            r"\b(?P<span>(?:a\s+)?(?:complete|total|historic|resounding|unprecedented)"
            r"(?:\s+and\s+(?:historic|unprecedented|complete))?\s+"
            + words("victory", "triumph", "success", "defeat", "achievement")
            + r")\b",
            r"\b(?P<span>(?:the\s+)?(?:whole|entire)\s+(?:world|nation|country|planet)"
            r"(?:\s+now)?\s+(?:looks|admires|knows|watches|stands))\b",
            r"\b(?P<span>(?:a\s+)?miracle(?:\s+on\s+earth)?(?:\s+that\s+\w+\s+the\s+whole\s+world)?)\b",
            r"\b(?P<span>(?:completely|totally|utterly|fully)\s+"
            + words("liberated", "destroyed", "crushed", "defeated", "annihilated")
            + r")\b",
            r"\b(?P<span>(?:losses|casualties)\s+(?:were\s+)?(?:described\s+as\s+)?"
            r"(?:minimal|insignificant|negligible))\b",
        ),
    },
)

DETECTORS = (SUPERLATIVE, TOTALITY)
