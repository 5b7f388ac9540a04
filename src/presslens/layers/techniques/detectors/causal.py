"""Credit or blame given to one cause or one person for a complex outcome
(Causal_Oversimplification).

Why: "thanks to the directives of His Majesty, revenues rose" or "the shortages are the
only cause of every shortage" turn an economy, a harvest or a war into one cause. The
connective ("thanks to the guidance of", "solely responsible for", "only because") is the cue;
the span runs from it to the end of the clause, as PTC marks the whole causal claim.
"""

from __future__ import annotations

from presslens.layers.techniques.detectors.base import Detector

CO = "Causal_Oversimplification"
_CLAUSE = r"[^.;!?\n]{0,160}"

CREDIT = Detector(
    name="causal.credit_leader",
    technique=CO,
    why="an outcome credited to a leader's guidance, directives or policy",
    patterns={
        "en": (
            r"(?P<span>\b(?:thanks|owing|owed|due)\s+(?:entirely\s+|solely\s+)?to\s+(?:the\s+)?"
            r"(?:\w+\s+){0,2}(?:guidance|directives|leadership|policy|vision|instructions|"
            r"thought|wisdom|care|decisiveness|foresight)\b" + _CLAUSE + ")",
            r"(?P<span>\b(?:is|are|was)\s+entirely\s+owed\s+to\b" + _CLAUSE + ")",
            # "under the personal guidance of the President, the plant was rebuilt": one
            # person's direction named as the cause of a collective result.
            r"(?P<span>\bunder\s+the\s+personal\s+(?:guidance|direction|supervision|"
            r"leadership|care)\s+of\b" + _CLAUSE + ")",
        ),
    },
)

BLAME = Detector(
    name="causal.single_cause",
    technique=CO,
    why="one cause named for a complex outcome: 'solely responsible for', 'entirely organised "
    "by', 'the cause of every'",
    patterns={
        "en": (
            r"(?P<span>[^.;!?\n]{0,120}\b(?:solely|entirely|alone)\s+"
            r"(?:responsible\s+for|organised\s+by|organized\s+by|to\s+blame)" + _CLAUSE + ")",
            r"(?P<span>[^.;!?\n]{0,80}\bthe\s+(?:sole\s+)?cause\s+of\s+(?:all|every)\b"
            + _CLAUSE
            + ")",
        ),
    },
)

DETECTORS = (CREDIT, BLAME)
