"""Which lines of a generic text dump are article body: a small shipped model, then smoothing.

Why a model and not more rules: the agency form (timestamp, dateline, "Reported by") has rules of
its own (``textdump``), but a dump of any other page has no fixed signs; what separates body
from furniture is many weak cues together (``dump_features``). A logistic regression over them,
trained on dumps of pages from sites kept apart from the test pages (training/dumps/), is small
(a few hundred numbers in JSON, no pickle), fast and inspectable. Its per-line probabilities are
averaged over neighbouring lines (``smooth``), because body and furniture come in runs.

Why a gate before cutting (``is_generic_dump``): plain article text (no furniture) must stay
intact. A text is cut only when the model finds a real share of furniture in it; otherwise
every line is kept, as the plain-text path always did.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from presslens.extract.dump_features import FEATURES, page_features
from presslens.extract.dump_lines import Line

MODEL_FILE = "dump_lines.json"


@dataclass(frozen=True)
class LineModel:
    """Logistic regression on standardised features, then a smoothing window and a threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    smooth: np.ndarray
    threshold: float
    # The gate, a second logistic regression over page-level figures (``gate_features``):
    # the text is cut only when its score reaches ``gate_threshold``, set so that plain article
    # texts of the training pages stay whole.
    gate_mean: np.ndarray
    gate_scale: np.ndarray
    gate_coef: np.ndarray
    gate_intercept: float
    gate_threshold: float

    def gate(self, p: np.ndarray, features: np.ndarray) -> float:
        """Probability that the text is a dump with furniture (not plain article text)."""
        z = (gate_features(p, features) - self.gate_mean) / self.gate_scale
        return float(1.0 / (1.0 + np.exp(-(z @ self.gate_coef + self.gate_intercept))))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Smoothed probability that each line is body."""
        if len(features) == 0:
            return np.zeros(0)
        z = (features - self.mean) / self.scale
        p = 1.0 / (1.0 + np.exp(-(z @ self.coef + self.intercept)))
        k = len(self.smooth) // 2
        padded = np.pad(p, k, mode="edge")
        return np.convolve(padded, self.smooth[::-1], mode="valid")


GATE_FEATURES = (
    "mean_p", "share_p_below_0.1", "share_p_below_0.3", "share_p_below_0.5", "head_mean_p",
    "tail_mean_p", "furniture_lines", "link_lines", "form_lines", "list_lines", "short_lines",
    "log_lines",
)  # fmt: skip
# Lines at each end of the text whose mean probability is a gate feature (menus and footers).
GATE_EDGE_LINES = 10


def gate_features(p: np.ndarray, features: np.ndarray) -> np.ndarray:
    """Page-level figures the gate reads (``GATE_FEATURES``), from line probabilities and the
    line feature matrix."""
    from presslens.extract.dump_features import BASE_FEATURES

    col = {name: i for i, name in enumerate(BASE_FEATURES)}
    if len(p) == 0:
        return np.zeros(len(GATE_FEATURES))
    words = features[:, col["words"]] * 60
    return np.array(
        [
            p.mean(),
            (p < 0.1).mean(),
            (p < 0.3).mean(),
            (p < 0.5).mean(),
            p[:GATE_EDGE_LINES].mean(),
            p[-GATE_EDGE_LINES:].mean(),
            (features[:, col["furniture_words"]] > 0).mean(),
            (features[:, col["link_marks"]] > 0).mean(),
            (features[:, col["form_mark"]] > 0).mean(),
            (features[:, col["list_mark"]] > 0).mean(),
            (words <= 3).mean(),
            np.log1p(len(p)),
        ]
    )


def model_path() -> Path:
    from presslens.resources import model_dir

    return model_dir("dumps") / MODEL_FILE


def from_json(data: dict) -> LineModel:  # type: ignore[type-arg]
    """Build the model from its JSON form; the feature list must match this code's."""
    if tuple(data["features"]) != FEATURES:
        raise ValueError("dump line model was trained on other features; retrain it")
    return LineModel(
        mean=np.asarray(data["mean"], dtype=float),
        scale=np.asarray(data["scale"], dtype=float),
        coef=np.asarray(data["coef"], dtype=float),
        intercept=float(data["intercept"]),
        smooth=np.asarray(data["smooth"], dtype=float),
        threshold=float(data["threshold"]),
        gate_mean=np.asarray(data["gate"]["mean"], dtype=float),
        gate_scale=np.asarray(data["gate"]["scale"], dtype=float),
        gate_coef=np.asarray(data["gate"]["coef"], dtype=float),
        gate_intercept=float(data["gate"]["intercept"]),
        gate_threshold=float(data["gate"]["threshold"]),
    )


@lru_cache(maxsize=1)
def load_model() -> LineModel | None:
    """The shipped model, loaded once per process; None when it is not installed."""
    path = model_path()
    if not path.exists():
        return None
    return from_json(json.loads(path.read_text(encoding="utf-8")))


# Lines this long or longer are prose enough to tell the language from (menus are not).
LANGUAGE_MIN_WORDS = 8


def language_of(lines: Sequence[Line]) -> str | None:
    """The language of a dump's prose lines (its menus would mislead the detector)."""
    from presslens.extract.language import detect_language

    prose = [x.text for x in lines if len(x.text.split()) >= LANGUAGE_MIN_WORDS]
    return detect_language(" ".join(prose)[:2000] if prose else " ".join(x.text for x in lines))


# Text browsers wrap at 80 columns, and the model learnt from such lines; a dump with one
# paragraph per line (a browser's innerText, a plain article) is seen through the same width.
WRAP_COLUMNS = 79


def wrapped_view(lines: Sequence[Line]) -> tuple[list[Line], list[int]]:
    """Lines wrapped at ``WRAP_COLUMNS`` and, per wrapped line, the index of its source line."""
    import textwrap

    out: list[Line] = []
    owner: list[int] = []
    for i, line in enumerate(lines):
        parts = textwrap.wrap(line.text, WRAP_COLUMNS) if len(line.text) > WRAP_COLUMNS else []
        for j, part in enumerate(parts or [line.text]):
            out.append(Line(part, line.blank_before if j == 0 else False))
            owner.append(i)
    return out, owner


def line_probabilities(
    model: LineModel,
    lines: Sequence[Line],
    language: str | None,
    repeated_lines: Collection[str] | None = None,
) -> tuple[np.ndarray, float]:
    """Smoothed body probability of each line (the mean over its wrapped parts) and the gate's
    probability that the text is a dump at all."""
    view, owner = wrapped_view(lines)
    features = page_features(view, language, repeated_lines)
    p = model.probabilities(features)
    gate = model.gate(p, features)
    if len(view) == len(lines):
        return p, gate
    total = np.bincount(owner, weights=p, minlength=len(lines))
    return total / np.bincount(owner, minlength=len(lines)), gate


# Unmistakable page furniture, as whole short lines: legal footers, consent, account and search
# links, skip links, widget marks. Plain article text has none of these as a line of its own;
# a dump has them by the dozen. ``FURNITURE_EVIDENCE_LINES`` distinct ones make a dump even when
# the gate model is unsure (rules first; the gate model adds the dumps without such lines).
_FURNITURE_LINE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b"
    r"|^(?:privacy(?: policy| notice| settings)?|terms(?: of (?:use|service))?"
    r"|terms (?:and|&) conditions|cookie (?:policy|settings|preferences)|accessibility"
    r"|site ?map|contact us|about us|log ?in|log ?out|sign ?in|sign ?up|register|subscribe"
    r"|my account|search|menu|home|newsletter|careers|advertise(?: with us)?)\s*[»›>|]?$"
    r"|^skip to (?:main )?(?:content|navigation)|^jump to (?:navigation|content)"
    r"|\((?:BUTTON|IMAGE)\)|^\[IMG\]|^IFRAME"
    r"|\b(?:we use|this (?:web)?site uses|uses) cookies\b|^accept (?:all )?cookies"
    r"|^(?:share|share this(?: \w+)?|tweet|follow us)(?: on [\w ]+)?\s*:?$",
    re.IGNORECASE,
)
FURNITURE_LINE_MAX_WORDS = 10
FURNITURE_EVIDENCE_LINES = 4


def furniture_evidence(lines: Sequence[Line]) -> int:
    """Distinct lines of unmistakable page furniture (see ``_FURNITURE_LINE``)."""
    found = {
        x.text.casefold()
        for x in lines
        if len(x.text.split()) <= FURNITURE_LINE_MAX_WORDS and _FURNITURE_LINE.search(x.text)
    }
    return len(found)


def decide(
    p: np.ndarray, gate: float, threshold: float, gate_threshold: float, evidence: int = 0
) -> np.ndarray:
    """Keep mask: every line unless the gate model or the furniture evidence says dump; then
    the lines at or over threshold (and every line when none would be left)."""
    keep = p >= threshold
    is_dump = gate >= gate_threshold or evidence >= FURNITURE_EVIDENCE_LINES
    if not is_dump or not keep.any():
        return np.ones(len(p), dtype=bool)
    return keep


def body_mask(
    lines: Sequence[Line],
    language: str | None = None,
    repeated_lines: Collection[str] | None = None,
    model: LineModel | None = None,
) -> list[bool]:
    """True for each line the model keeps as body; all True when the text is not a dump.

    ``repeated_lines``: folded keys (``dump_features.line_key``) of lines that recur across
    other pages of the same outlet, when the caller has them (a store or a batch): the
    strongest sign of a menu or footer.
    """
    model = model or load_model()
    if model is None or not lines:
        return [True] * len(lines)
    if language is None:
        language = language_of(lines)
    p, gate = line_probabilities(model, lines, language, repeated_lines)
    evidence = furniture_evidence(lines)
    return decide(p, gate, model.threshold, model.gate_threshold, evidence).tolist()
