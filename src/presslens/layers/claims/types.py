"""Claim types from rules over the sentence and the quantities/attributions layers.

Why rules: no labelled claim-type corpus ships here, the types are defined by surface
constructions a fact-checker recognises ("more than", "because", "will"), and a rule can say
exactly why it fired. Each pattern is named data with the reason it exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

TYPES = (
    "statistic",
    "comparison",
    "causal",
    "prediction",
    "attributed",
    "rule",
    "personal_experience",
)

# A figure in words or digits; used when no quantities layer is present.
STATISTIC = re.compile(
    r"\d|%|\bper ?cent\b|\b(hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"twice|doubled|tripled)\b",
    re.IGNORECASE,
)

TYPE_PATTERNS: dict[str, tuple[str, ...]] = {
    "comparison": (
        r"\b\w+er than\b",  # "higher than", "faster than"
        r"\b(more|less|fewer|worse|better) than\b",  # explicit comparatives
        r"\b(the )?(highest|lowest|largest|biggest|smallest|most|least|fastest|worst|best)\b",
        r"\bcompared (with|to)\b|\bthan (ever|before|any)\b",  # explicit baselines
        r"\b(twice|three times|half) as\b|\bas (many|much) as\b",  # ratio comparisons
        # change over time, in any tense ("rose", "is falling", "has doubled")
        r"\b(ris(e|es|ing)|rose|(fall(s|ing)?|fell)(?! (asleep|ill|in love|silent|apart))|"
        r"(in|de)creas(e|es|ed|ing)|doubl(ed|es|ing)|"
        r"tripl(ed|es|ing)|drop(s|ped|ping)|gr(ew|ows|owing)|climb(s|ed|ing)|declin(ed|es|ing)|"
        r"surg(ed|es|ing)|plung(ed|es|ing)|soar(ed|s|ing))\b",
    ),
    "causal": (
        r"\bbecause( of)?\b|\bdue to\b|\bowing to\b|\bthanks to\b",  # stated causes
        r"\b(led|leads|lead) to\b|\bresult(ed|s)? in\b|\bas a result\b",  # stated effects
        r"\b(caused?|causing|blamed?|triggered|sparked|fuell?ed|drove)\b",  # causal verbs
        r"\bso that\b|\btherefore\b|\bconsequently\b",  # discourse connectives
    ),
    "prediction": (
        r"\bwill\b|\bwon't\b|\bshall\b|\bgoing to\b",  # future tense
        r"\b(expected|forecast|projected|predicted|set|likely|poised) to\b",  # forecasts
        r"\b(forecasts?|projections?|predicts?|estimates? that)\b",
        r"\bby (the end of )?(20\d\d|next (year|month|week))\b",  # future deadlines
    ),
    "rule": (
        r"\b(law|laws|statute|regulations?|constitution(al)?|ordinance|decree|treaty)\b",
        r"\b(illegal|unlawful|legal(ly)?|banned?|prohibit(s|ed)?|forbid(s|den)?)\b",
        r"\b(requires?|required|mandatory|obliged|must)\b",  # obligations
        r"\b(bill|act|amendment|ruling|court ruled)\b",  # legislative and judicial acts
    ),
    "personal_experience": (
        # first person singular with a past-tense or perception verb: testimony, not data
        r"\b(i|we) (was|were|saw|met|heard|grew up|lived|worked|remember|visited|went|had)\b",
        r"\bmy (father|mother|family|son|daughter|wife|husband|own|experience)\b",
        r"\bwhen i\b|\bi've (seen|been|met|heard)\b",
    ),
}
_COMPILED = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in TYPE_PATTERNS.items()}

# Reporting cues: attributed speech even when no attributions layer is present.
ATTRIBUTION_CUE = re.compile(
    r"\b(said|says|told|according to|claimed|stated|announced|reported|argued|insisted|"
    r"added|wrote|estimated)\b",
    re.IGNORECASE,
)

# Signs that a sentence asserts nothing checkable (questions, greetings, feelings, orders).
NON_FACTUAL = (
    re.compile(r"\?\s*$"),  # a question
    re.compile(
        r"^\s*(thank|thanks|welcome|good (evening|morning|night)|hello|please|"
        r"let me|let's|applause|laughter)\b",
        re.IGNORECASE,
    ),  # formulae
    re.compile(r"\bi (think|believe|feel|hope|want|love|wish)\b", re.IGNORECASE),  # stance
)
_WORD = re.compile(r"\w+")


def claim_types(
    text: str, quantities: Sequence[Any] = (), attributions: Sequence[Any] = ()
) -> list[str]:
    """The claim types of one sentence, in TYPES order."""
    found: set[str] = set()
    if quantities or STATISTIC.search(text):
        found.add("statistic")
    for name, patterns in _COMPILED.items():
        if any(p.search(text) for p in patterns):
            found.add(name)
    if attributions or ATTRIBUTION_CUE.search(text):
        found.add("attributed")
    return [t for t in TYPES if t in found]


def is_factual(text: str, types: Sequence[str]) -> bool:
    """Rule for non-factual vs factual among sentences the model did not call check-worthy."""
    if len(_WORD.findall(text)) < 4:
        return False
    if any(p.search(text) for p in NON_FACTUAL):
        return bool(set(types) & {"statistic", "comparison"})
    return True
