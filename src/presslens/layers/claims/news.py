"""The news decision rule: which sentences of an article a fact-checking desk would check first.

Why a second rule on top of the model: the model's probability is calibrated to debate
transcripts (a quarter of ClaimBuster's sentences are check-worthy) and its threshold was set
for that balance; on news it labelled 60 % of sentences check-worthy (bench/news_claims.py).
A desk wants a short list. So the model's score is adjusted, in logit space, by what makes a
news sentence worth checking first (a figure, a stated cause, a dated prediction, a rule) and
what does not (ceremony in reported speech, quoted opinion, private testimony), and the label
goes to sentences that clear a score threshold AND rank inside a share of the article.
Every weight, the threshold and the share were chosen on the tuning half of the news gold
(bench/news-claims/, odd-numbered articles) and reported on the other half.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Ceremony, protocol and praise in reported speech: state media and press releases are full of
# them, the model reads "the President stressed ..." as a claim, a desk never checks them.
CEREMONY = re.compile(
    r"\b(warm(ly)?|cordial(ly)?|greeted|prais(ed|es|ing)|thank(ed|s)|gratitude|grateful|"
    r"expressed (great |deep |full )?(satisfaction|confidence|gratitude|hope|condolences)|"
    r"congratulat\w*|pledged|called (on|for)|urged|hospitality|friendly atmosphere|"
    r"exchanged views|accompanied by|laid (a )?(wreath|flowers)|posed for|ribbon|"
    r"commemorative|ceremony|devotion|loyalty|glorious|brilliant|boundless|proud|"
    r"committed to|leading (innovator|provider)|valuable guidance)\b",
    re.IGNORECASE,
)
# A sentence that is a quotation (opens with a quote mark): usually colour or opinion.
QUOTE_OPENING = re.compile(r"^\s*[\"“‘']")
# A named source in the sentence ("according to", "the ministry said"): who says it is known.
NAMED_SOURCE = re.compile(
    r"\baccording to\b|\b(said|says|reported|showed?|found|estimates?)\b", re.IGNORECASE
)
# A date or period that makes a prediction checkable later ("by 2028", "next year").
DATED = re.compile(
    r"\b(19|20)\d\d\b|\b(next|this|coming) (year|month|week|spring|summer|autumn|winter)\b|"
    r"\bwithin \w+ (years?|months?|weeks?)\b",
    re.IGNORECASE,
)


# Dates and datelines ("VARNHOLD, March 4 (Northwire) -", "in 2019"): digits that are not a
# figure anyone would check. A sentence whose only digits are these gets no figure bonus.
DATE_DIGITS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\.? \d{1,2}(st|nd|rd|th)?\b|"
    r"\b\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(19|20)\d\d\b|\b\d{1,2}(:\d\d)? ?(a\.?m\.?|p\.?m\.?)",
    re.IGNORECASE,
)
_FIGURE_LEFT = re.compile(
    r"\d|%|\bper ?cent\b|\b(hundreds?|thousands?|millions?|billions?|dozens?|half|third|"
    r"quarter|twice|doubled|tripled|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)


def _has_figure(text: str, kinds: set[str]) -> bool:
    """A comparison, or a statistic whose figure is not only a date."""
    if "comparison" in kinds:
        return True
    return "statistic" in kinds and bool(_FIGURE_LEFT.search(DATE_DIGITS.sub(" ", text)))


@dataclass(frozen=True)
class NewsRule:
    """Adjustments (logit units) and the decision thresholds; defaults are the tuned ones."""

    figure: float = 1.5  # a quantity in the sentence
    causal: float = 0.0  # a stated cause or effect (the model already ranks these high)
    dated_prediction: float = 0.5  # a prediction with a date or a figure
    rule: float = 0.5  # what a law or ruling says
    ceremony: float = -2.0  # ceremony/praise wording and no figure
    quote: float = 0.0  # a sentence opening with a quotation mark and no figure (no gain)
    personal: float = -1.5  # first-person testimony
    threshold: float = 0.7  # adjusted probability needed for check_worthy
    share: float = 0.4  # at most this share of the article's sentences ...
    min_top: int = 3  # ... but always up to this many when they clear the threshold


DEFAULT_RULE = NewsRule()


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def adjusted_score(
    text: str, p: float, types: Sequence[str], rule: NewsRule = DEFAULT_RULE
) -> float:
    """The model's probability moved by the news features; used to rank and to decide."""
    kinds = set(types)
    figure = _has_figure(text, kinds)
    z = _logit(p)
    z += rule.figure * figure
    z += rule.causal * ("causal" in kinds)
    z += rule.rule * ("rule" in kinds)
    if "prediction" in kinds and (figure or DATED.search(text)):
        z += rule.dated_prediction
    if not figure and CEREMONY.search(text):
        z += rule.ceremony
    if not figure and QUOTE_OPENING.search(text):
        z += rule.quote
    z += rule.personal * ("personal_experience" in kinds)
    return 1.0 / (1.0 + math.exp(-z))


def decide(scores: Sequence[float], rule: NewsRule = DEFAULT_RULE) -> list[bool]:
    """Check-worthy flags: the adjusted score clears the threshold and ranks inside the cap."""
    cap = max(rule.min_top, math.floor(rule.share * len(scores) + 0.5))
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    top = set(order[:cap])
    return [i in top and s >= rule.threshold for i, s in enumerate(scores)]


# Full Fact's claim types from the rule types, most specific first: testimony is testimony even
# with a figure in it; a rule or a forecast is checked against the text or the outcome; a
# cause needs evidence beyond the figures; a figure alone is a quantity claim.
FULL_FACT_TYPES: tuple[tuple[str, str], ...] = (
    ("personal_experience", "personal_experience"),
    ("rule", "laws_and_rules"),
    ("prediction", "prediction"),
    ("causal", "correlation_or_causation"),
    ("statistic", "quantity"),
    ("comparison", "quantity"),
)


def full_fact_type(types: Sequence[str]) -> str:
    """The single Full Fact claim type of a sentence (``other`` when no rule type fits)."""
    for ours, theirs in FULL_FACT_TYPES:
        if ours in types:
            return theirs
    return "other"
