"""The quantity grammar: numbers with their approximation, range, scale, unit or counted noun.

Why our own grammar rather than quantulum3 alone: quantulum3 reads "212 drones" as a bare
number, "2,400 billion rials" without the currency, and "No. 41" as a quantity; news needs
the counted noun ("drone"), ISO currency codes, honest bounds ("over 600" → low 600) and
identifiers kept out. Counted nouns come from the shared spaCy parse (the number's head noun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from presslens.layers.quantities.filters import (
    REFERENCE_DETERMINERS,
    age_before,
    before_words,
    change_before,
    is_age,
    is_identifier,
    is_marker,
    is_phone,
    labels_a_noun,
)
from presslens.layers.quantities.lexicon import (
    APPROX_ONLY,
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    FRACTIONS,
    LOWER_BOUND,
    NOT_COUNTED,
    UNIT_WORDS,
    UPPER_BOUND,
    VAGUE_COUNTS,
)
from presslens.layers.quantities.nouns import counted_noun, singular
from presslens.layers.quantities.numbers import (
    DIGITS_RE,
    NUMBER_WORD_SET,
    NUMBER_WORDS_RE,
    SCALES,
    parse_number,
    tidy,
)

# Number words that are too often pronouns or articles to count alone ("one of them").
WEAK_NUMBER_WORDS = frozenset({"one", "a", "an", "zero"})


@dataclass
class Quantity:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    approx: bool
    # wins overlaps regardless of length: "magnitude 6.8" over "6.8 earthquake"
    priority: int = 0


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_APPROX = rf"(?:(?P<approx>(?i:{_alt(APPROX_ONLY + LOWER_BOUND + UPPER_BOUND)}))\s+)?"
_CUR = rf"(?:{_alt(list(CURRENCY_SIGNS))}|(?:{_alt(CURRENCY_CODES)})\s?)"
_NUM = (
    rf"(?:{DIGITS_RE}|(?i:{NUMBER_WORDS_RE})|(?i:a\s+dozen)"
    r"|(?i:an?(?=[\s-]+(?:hundred|thousand|million|billion|trillion)\b)))"
)
_SCALE_WORD = r"(?i:hundred|thousand|million|billion|trillion|lakh|crore|dozen)"
_SCALE_ABBR = r"(?:bn|mn|tn|m|k|b)"


def _x(i: int) -> str:
    """One number with optional currency sign and scale (group names suffixed by ``i``)."""
    return (
        rf"(?P<c{i}>{_CUR})?(?P<n{i}>{_NUM})"
        rf"(?:[\s-]+(?P<s{i}>{_SCALE_WORD})|(?P<a{i}>{_SCALE_ABBR})\b)?"
    )


_TAIL = (
    rf"(?:(?P<pct>\s?%|\s+(?i:percent|per\s+cent))(?!\s+points?)"
    rf"|(?P<unit>[\s-]+(?:{_alt(list(UNIT_WORDS))}))"
    rf"|(?P<cw>\s+(?i:{_alt(list(CURRENCY_WORDS))})))?"
)
_START = r"(?<![\w.,/:#$€£+'’-])"  # not inside ids, decimals, phones or "’78"
_END = r"(?![A-Za-z0-9]|[:/]\d|-\d|,\d|\.\d)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "between",
        re.compile(
            rf"{_START}{_APPROX}(?i:between)\s+{_x(1)}\s+(?i:and)\s+{_x(2)}"
            rf"{_TAIL}{_END}"
        ),
    ),
    (
        "from",
        re.compile(
            rf"{_START}{_APPROX}(?i:from)\s+{_x(1)}\s+(?i:to)\s+{_x(2)}{_TAIL}"
            rf"{_END}"
        ),
    ),
    (
        "dash",
        re.compile(
            rf"{_START}{_APPROX}{_x(1)}\s*(?:-|–|\s(?i:to)\s)\s*{_x(2)}{_TAIL}"
            rf"{_END}"
        ),
    ),
    ("single", re.compile(rf"{_START}{_APPROX}{_x(1)}{_TAIL}{_END}")),
    # "tens of thousands of citizens", "leaving hundreds homeless"
    (
        "vague",
        re.compile(
            rf"{_START}{_APPROX}(?P<vague>(?i:{_alt(list(VAGUE_COUNTS))}))"
            r"(?![\w-])"
        ),
    ),
    # "a magnitude 6.8 earthquake": a unit written before its number
    ("prefix_unit", re.compile(rf"{_START}{_APPROX}(?P<pu>(?i:magnitude))\s+{_x(1)}{_END}")),
    # "a quarter", "one third": a share written as a fraction word
    (
        "fraction",
        re.compile(
            rf"{_START}{_APPROX}(?P<n1>(?i:an?|one))\s+"
            r"(?P<fw>(?i:half(?=\s+of\b)|third|quarter|fifth|sixth|eighth|tenth))"
            r"\b(?!-)"
        ),
    ),
    # "one in five adults": a share
    (
        "ratio",
        re.compile(
            rf"{_START}{_APPROX}(?P<n1>{_NUM})\s+(?i:in|out\s+of)\s+(?P<n2>{_NUM})"
            rf"{_END}"
        ),
    ),
]


def _is_score(m: re.Match[str]) -> bool:
    """A "high to low" pair of plain integers without unit: a vote or a score."""
    if any(m.groupdict().get(g) for g in ("pct", "unit", "cw", "c1", "c2", "s1", "s2")):
        return False
    a, b = parse_number(m["n1"]), parse_number(m["n2"])
    return a is not None and b is not None and a >= b and a == int(a) and b == int(b)


def _bound_kind(approx: str | None) -> str | None:
    if not approx:
        return None
    word = " ".join(approx.lower().split())
    if word in LOWER_BOUND:
        return "low"
    if word in UPPER_BOUND:
        return "high"
    return "approx"


def _currency(m: re.Match[str], *groups: str) -> str | None:
    for g in groups:
        raw = m.groupdict().get(g)
        if raw:
            raw = raw.strip()
            return CURRENCY_SIGNS.get(raw) or (raw if raw in CURRENCY_CODES else None)
    if m.groupdict().get("cw"):
        return CURRENCY_WORDS.get(" ".join(m["cw"].lower().split()))
    return None


def _number(m: re.Match[str], i: int, currency: bool) -> float | None:
    raw = m[f"n{i}"]
    value = parse_number(" ".join(raw.split()).lower().replace("a dozen", "dozen"))
    if value is None:
        return None
    if m[f"s{i}"]:
        value *= SCALES[m[f"s{i}"].lower()]
    elif m[f"a{i}"]:
        if not currency:
            return None  # "60m" without a currency is metres, not millions
        value *= SCALES[m[f"a{i}"].lower()]
    return value


def scan(text: str, doc: Doc) -> list[Quantity]:
    """Every quantity candidate in ``text`` (offsets into it), overlaps settled longest-first."""
    found: list[Quantity] = []
    scores: list[tuple[int, int]] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text):
            q = _build(name, m, text, doc)
            if q is not None:
                found.append(q)
            elif name == "dash" and _is_score(m):
                scores.append((m.start(), m.end()))
    # "voted 21 to 9", "won 3-1": a tally, neither number is an amount on its own
    found = [q for q in found if not any(s <= q.start and q.end <= e for s, e in scores)]
    found.sort(key=lambda q: (-q.priority, -(q.end - q.start), q.start))
    chosen: list[Quantity] = []
    for q in found:
        if all(q.end <= c.start or q.start >= c.end for c in chosen):
            chosen.append(q)
    return _share_units(text, sorted(chosen, key=lambda q: q.start))


# Words between two figures that make the second elliptical for the first's unit ("20 people
# were killed and 50 injured", "up from 2.9 million", "another 3,000").
ELLIPSIS_GAP = re.compile(
    r"[^.;!?]{0,40}?\b(?:and|or|to|from|than|versus|vs|against|another|while|compared\s+with"
    r"|compared\s+to|up\s+from|down\s+from)\s*$",
    re.I,
)


def _share_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Give a unit-less figure the unit of its neighbour in an elliptical pair."""
    for i, q in enumerate(quantities):
        if q.unit is not None:
            continue
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        prev = quantities[i - 1] if i > 0 else None
        if nxt and nxt.unit and re.fullmatch(r"\s*(?:to|-|–)\s*", text[q.end : nxt.start]):
            q.unit = nxt.unit  # "rose from 3 to 4 percent"
        elif prev and prev.unit and ELLIPSIS_GAP.fullmatch(text[prev.end : q.start]):
            q.unit = prev.unit
    return quantities


def _build(name: str, m: re.Match[str], text: str, doc: Doc) -> Quantity | None:
    bound = _bound_kind(m["approx"])
    start, end = m.start(), m.end()
    groups = m.groupdict()
    core_start = (
        m.start("vague")
        if name == "vague"
        else m.start("c1")
        if groups.get("c1")
        else m.start("n1")
    )
    has_unit = any(groups.get(g) for g in ("pct", "unit", "cw", "c1"))
    if is_identifier(
        text,
        core_start,
        chapter_verse=not has_unit and (name == "dash" or "." in (groups.get("n1") or "")),
    ):
        return None
    if name == "prefix_unit":
        value = parse_number(m["n1"])
        if value is None:
            return None
        return Quantity(start, end, tidy(value), None, None, m["pu"].lower(), False, priority=1)
    if name == "fraction":
        share = 1 / FRACTIONS[m["fw"].lower()]
        return Quantity(
            start, end, tidy(round(share, 4)), None, None, "fraction", bound is not None
        )
    if name == "ratio":
        n1, n2 = parse_number(m["n1"].lower()), parse_number(m["n2"].lower())
        if not n1 or not n2 or n1 >= n2:
            return None
        noun = counted_noun(doc, start, end)
        if noun is not None and noun.idx >= end:
            end = noun.idx + len(noun.text)
        return Quantity(
            start, end, tidy(round(n1 / n2, 4)), None, None, "fraction", bound is not None
        )
    if name == "vague":
        low, high = VAGUE_COUNTS[" ".join(m["vague"].lower().split())]
        value: float | None = None
        approx = True
        unit_source: str | None = None
    else:
        currency = _currency(m, "c1", "c2")
        n1 = _number(m, 1, bool(currency))
        if n1 is None:
            return None
        if name == "single":
            word = m["n1"].lower()
            if word in WEAK_NUMBER_WORDS and not (m["s1"] or m["a1"]):
                return None
            if is_age(text, start, end) or is_phone(text, start, end):
                return None
            if word in NUMBER_WORD_SET and before_words(text, start, 1) in REFERENCE_DETERMINERS:
                return None
            if age_before(text, start):
                return Quantity(start, end, tidy(n1), None, None, "year", bound is not None)
            if before_words(text, start, 1) in ("minus", "negative"):
                n1 = -n1  # "minus 5 degrees"
            value, low, high = n1, None, None
            if bound == "low":
                low = n1
            elif bound == "high":
                high = n1
        else:
            if age_before(text, start):
                return (
                    None
                    if name == "dash"
                    else Quantity(
                        start, end, None, tidy(n1), tidy(_number(m, 2, False)), "year", False
                    )
                )
            if name == "from" and change_before(doc, start):
                return None
            if name == "dash" and before_words(text, start, 1) == "from":
                return None  # the "from" rule owns "from X to Y"
            n2 = _number(m, 2, bool(currency))
            if n2 is None:
                return None
            scale2 = m["s2"] or m["a2"]
            if scale2 and not (m["s1"] or m["a1"]):
                n1 *= SCALES[scale2.lower()]  # "between 3 and 4 thousand": one scale for both
            if not n1 < n2:
                return None  # "3-1" is a score, "2019-20" a season
            value, low, high = None, n1, n2
        approx = bound is not None
        unit_source = currency
        if m["pct"]:
            unit_source = "percent"
        elif m["unit"]:
            unit_source = UNIT_WORDS.get(" ".join(m["unit"].strip(" -").split()))
    unit = unit_source
    after = re.match(r"[\s-]+([A-Za-z]+)", text[end:])
    if unit is None and after and after.group(1).lower() in NOT_COUNTED:
        return None  # "14 times its earnings", "three years": a multiple or a timex
    if unit is None:
        noun = counted_noun(doc, start if name == "vague" else m.start(), end)
        if noun is not None and noun.lower_ in FRACTIONS and value is not None:
            # "two thirds of the cost": a share, not two things called "third"
            denominator = FRACTIONS[noun.lower_]
            if value < denominator:
                end = noun.idx + len(noun.text)
                fraction = tidy(round(value / denominator, 4))
                return Quantity(start, end, fraction, None, None, "fraction", approx)
        if noun is not None:
            unit = singular(noun)
            if unit in NOT_COUNTED:
                return None  # "52-year-old", "three times": ages and frequencies
            end = max(end, noun.idx + len(noun.text))
        elif name != "vague" and not re.match(DIGITS_RE, m["n1"]):
            return None  # "two of them": a number word with nothing counted
        elif name == "single" and (is_marker(text, start, end) or labels_a_noun(doc, start)):
            return None
    return Quantity(start, end, tidy(value), tidy(low), tidy(high), unit, approx)


def as_dict(q: Quantity) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "unit": q.unit,
        "approx": q.approx,
    }
