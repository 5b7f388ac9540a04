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

_THANKS = r"\b(?:thanks|owing|owed|due)\s+(?:entirely\s+|solely\s+|above\s+all\s+)?to\s+"
# Whose credit it is: a leader's title or the ruling party. A city's or an agency's policy
# ("due to San Francisco's policy") is an ordinary cause and is not matched.
_LEADER = (
    r"(?-i:(?:the\s+)?(?:President|Leader|Supreme\s+Leader|Party|Chairman|Premier|King|Emir|"
    r"Sultan|Marshal|General\s+Secretary|Government|Comrade\s+[A-Z]\w+)|His\s+(?:Majesty|"
    r"Highness|Excellency)|Her\s+(?:Majesty|Excellency))"
)
_CREDIT_NOUN = (
    r"(?:guidance|directives|leadership|vision|instructions|thought|wisdom|care|foresight|"
    r"decisiveness|policy|policies|decisions|measures|action|initiative)"
)

CREDIT = Detector(
    name="causal.credit_leader",
    technique=CO,
    why="an outcome credited to a leader's guidance, directives or policy: 'thanks to the wise "
    "leadership of', 'owing to the President's decisive action', 'under the personal guidance of'",
    patterns={
        "en": (
            # "thanks to the (wise) guidance/directives/leadership …": the noun names a leader's
            # role, so no owner is needed ("policy" is not in this list; see the next pattern).
            r"(?P<span>" + _THANKS + r"(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}"
            r"(?:guidance|directives|leadership|vision|instructions|thought|wisdom|care|"
            r"foresight|decisiveness)\b" + _CLAUSE + ")",
            # "thanks to the correct policy of the Party", "owing to the President's decisive
            # action": any credit noun, with the leader or party as its owner.
            r"(?P<span>"
            + _THANKS
            + r"(?:the\s+)?(?:[\w-]+\s+){0,2}"
            + _CREDIT_NOUN
            + r"\s+of\s+"
            + _LEADER
            + _CLAUSE
            + ")",
            r"(?P<span>"
            + _THANKS
            + _LEADER
            + r"['’]s\s+(?:[\w-]+\s+){0,2}"
            + _CREDIT_NOUN
            + r"\b"
            + _CLAUSE
            + ")",
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
            r"(?#clause:120)(?P<span>\b(?:solely|entirely|alone)\s+"
            r"(?:responsible\s+for|organised\s+by|organized\s+by|to\s+blame)" + _CLAUSE + ")",
            r"(?#clause:80)(?P<span>\bthe\s+(?:sole\s+)?cause\s+of\s+(?:all|every)\b"
            + _CLAUSE
            + ")",
        ),
    },
)

DETECTORS = (CREDIT, BLAME)
