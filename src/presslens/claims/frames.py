"""What a sentence asserts, read from its spaCy parse: predicates with polarity, figures, dates.

Why frames and not a trained NLI model: no offline NLI model ships here, contradictions inside
one article are mostly of three surface kinds (negated predicate, different figure, different
date), and an explicit frame lets the contradictions layer say *why* two sentences clash.
Every word list below is named data with the reason it exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Negators attached to a verb (spaCy labels them ``neg``) or quantifying its object ("no").
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing"})
# Verbs whose own meaning negates their complement: "refused to approve" ≈ "did not approve".
NEGATING_VERBS = frozenset({"refuse", "fail", "decline", "deny", "reject"})
# Modals and hedges make a statement non-committal, so it cannot contradict a fact.
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will", "shall", "must"})
# Verbs too generic to identify an event on their own.
LIGHT_VERBS = frozenset({"be", "have", "do", "say", "tell", "make", "get", "go", "take", "come"})
# Antonym predicates: an affirmed pair of these about the same thing cannot both hold.
ANTONYMS: tuple[frozenset[str], ...] = (
    frozenset({"approve", "reject"}),
    frozenset({"win", "lose"}),
    frozenset({"accept", "reject"}),
    frozenset({"confirm", "deny"}),
    frozenset({"admit", "deny"}),
    frozenset({"open", "close"}),
    frozenset({"rise", "fall"}),
    frozenset({"increase", "decrease"}),
    frozenset({"pass", "fail"}),
)
# Events that happen once, so two different dates for them conflict (meetings recur, so a
# "met in May" / "met in June" pair is not a contradiction).
ONE_OFF_EVENTS = frozenset({
    "approve", "reject", "bear", "die", "found", "establish", "open", "close", "launch",
    "sign", "resign", "elect", "appoint", "arrest", "marry", "announce", "complete", "finish",
    "start", "begin", "end", "release", "publish", "pass", "vote", "kill", "collapse", "sell",
    "buy", "acquire", "merge", "file", "sentence", "convict", "fire", "hire", "retire", "win",
    "lose", "discover", "invent", "inaugurate", "unveil", "adopt", "ratify", "introduce",
})
# Words before a figure that turn it into a range: (low factor, high factor) of the value.
APPROX: dict[str, tuple[float, float]] = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1), "some": (0.9, 1.1),
    "approximately": (0.9, 1.1), "nearly": (0.9, 1.0), "almost": (0.9, 1.0),
    "estimated": (0.85, 1.15), "over": (1.0, float("inf")), "more": (1.0, float("inf")),
    "above": (1.0, float("inf")), "least": (1.0, float("inf")), "under": (0.0, 1.0),
    "fewer": (0.0, 1.0), "less": (0.0, 1.0), "below": (0.0, 1.0), "up": (0.0, 1.0),
    "most": (0.0, 1.0),
}
MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
}
MONTHS = {m: i for i, m in enumerate(
    ("january february march april may june july august september october november "
     "december").split(), 1)}
WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})


@dataclass
class Predicate:
    lemma: str
    negated: bool
    modal: bool
    args: frozenset[str]  # content lemmas of the predicate's arguments (subtree nouns)
    subj: frozenset[str] = frozenset()  # head lemmas of its subject(s)
    obj: frozenset[str] = frozenset()  # head lemmas of its object(s) or the noun it modifies


@dataclass
class Figure:
    value: float
    low: float
    high: float
    anchor: str  # lemma of the counted thing ("people", "percent", "dollar")
    verb: str = ""  # lemma of the predicate the figure belongs to ("destroy", "cost")
    modal: bool = False  # the figure is predicted or hypothetical ("will cost")


@dataclass
class Frame:
    """One sentence's checkable content."""

    start: int
    end: int
    predicates: list[Predicate] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[dict[str, int]] = field(default_factory=list)  # year/month/day/weekday parts
    content: frozenset[str] = frozenset()  # all content lemmas
    names: frozenset[str] = frozenset()  # lower-cased named-entity texts (PERSON, ORG, GPE…)
    date_texts: frozenset[str] = frozenset()  # every DATE expression, lower-cased
    modifiers: dict[str, frozenset[str]] = field(default_factory=dict)  # noun → its modifiers


def _number(tok: Any) -> float | None:
    text = tok.text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    return None


def _figure(tok: Any) -> Figure | None:
    """A figure from a number token: its value, range from approximators, and anchor noun."""
    value = _number(tok)
    if value is None or tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
        return None
    head = tok.head
    for right in tok.doc[tok.i + 1 : min(tok.i + 3, len(tok.doc))]:
        word = right.lower_
        if word in MULTIPLIERS:
            value *= MULTIPLIERS[word]
            head = right.head if right.head != tok else head
        elif word in ("%", "percent", "per"):
            head = right
            break
        else:
            break
    # money: "$5 million" -> anchor "$"
    anchor_tok = head
    if tok.i > 0 and tok.doc[tok.i - 1].text in "$€£":
        anchor = tok.doc[tok.i - 1].text
    else:
        anchor = "percent" if anchor_tok.lower_ in ("%", "percent", "per") else anchor_tok.lemma_
        if anchor_tok == tok or anchor_tok.pos_ not in ("NOUN", "PROPN", "SYM", "X"):
            anchor = ""
    low = high = value
    window = [t.lower_ for t in tok.doc[max(tok.i - 3, tok.sent.start) : tok.i]]
    for word in window:
        if word in APPROX:
            lo, hi = APPROX[word]
            low, high = min(low, value * lo), max(high, value * hi)
    if not anchor:
        return None
    verb = _governing_verb(tok)
    return Figure(value, low, high, anchor, _lemma(verb) if verb else "",
                  _modal(verb) if verb else False)


def _governing_verb(tok: Any) -> Any | None:
    """The nearest verb above a token in the parse (the predicate a figure is an argument of)."""
    seen = 0
    while tok.head is not tok and seen < 8:
        tok = tok.head
        seen += 1
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _lemma(verb: Any) -> str:
    """Verb lemma, keeping a hyphenated 're-' prefix ("re-elected" is not "elected")."""
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "re":
        return "re" + verb.lemma_.lower()
    return verb.lemma_.lower()


# Dependents that distinguish one thing from another of the same kind ("northern route").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})


def _modifiers(span: Any) -> dict[str, frozenset[str]]:
    """noun lemma -> lemmas that narrow it down (adjectives, compounds, 'in/of/at' objects)."""
    out: dict[str, set[str]] = {}
    for tok in span:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = out.setdefault(tok.lemma_.lower(), set())
        for c in tok.children:
            if c.dep_ in MODIFIER_DEPS and c.pos_ in ("ADJ", "NOUN", "PROPN") and not c.is_stop:
                mods.add(c.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ in ("in", "of", "at", "on"):
                mods.update(g.lemma_.lower() for g in c.children
                            if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"))
    return {k: frozenset(v) for k, v in out.items() if v}


def _role(verb: Any, deps: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c.lemma_.lower() for c in verb.children
                     if c.dep_ in deps and c.pos_ in ("NOUN", "PROPN", "PRON"))


def _date_parts(text: str) -> dict[str, int]:
    parts: dict[str, int] = {}
    lowered = text.lower()
    for word in re.findall(r"[a-z]+", lowered):
        if word in MONTHS:
            parts["month"] = MONTHS[word]
        elif word in WEEKDAYS:
            parts["weekday"] = WEEKDAYS[word]
    year = _YEAR.search(text)
    if year:
        parts["year"] = int(year.group(1))
    if "month" in parts:
        rest = _YEAR.sub(" ", text)
        day = _DAY.search(rest)
        if day and 1 <= int(day.group(1)) <= 31:
            parts["day"] = int(day.group(1))
    return parts


def _args(verb: Any) -> frozenset[str]:
    """Content lemmas in the verb's arguments, not crossing into another clause."""
    out: set[str] = set()
    stack = [c for c in verb.children if c.dep_ not in ("ccomp", "advcl", "conj", "relcl")]
    while stack:
        t = stack.pop()
        if t.pos_ in ("NOUN", "PROPN") and not t.is_stop:
            out.add(t.lemma_.lower())
        stack.extend(c for c in t.children if c.dep_ not in ("ccomp", "advcl", "relcl"))
    # a participle modifying a noun ("the budget the council approved") argues about that noun
    if verb.dep_ in ("acl", "relcl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        out.add(verb.head.lemma_.lower())
    return frozenset(out)


def _negated(verb: Any) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "neg")
           for c in verb.children):
        return True
    # "approved no budget": a negative determiner on the object
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
            g.lower_ in ("no", "neither") and g.dep_ == "det" for g in c.children
        ):
            return True
    # "refused to approve": xcomp of a negating verb
    return verb.dep_ == "xcomp" and verb.head.lemma_ in NEGATING_VERBS and not _negated(verb.head)


def _modal(verb: Any) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return True
    # embedded under a condition ("if ... approves") or a question
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children)


def frame(span: Any) -> Frame:
    """The frame of one sentence, from a spaCy Span."""
    preds, figures, dates = [], [], []
    content: set[str] = set()
    for tok in span:
        if tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not tok.is_stop:
            content.add(tok.lemma_.lower())
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            lemma = tok.lemma_.lower()
            if lemma in NEGATING_VERBS and any(c.dep_ == "xcomp" for c in tok.children):
                continue  # the xcomp carries the predicate, with negated=True
            lemma = _lemma(tok)
            subj, obj = _role(tok, ("nsubj",)), _role(tok, ("dobj", "attr"))
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                # passive: "the bill was approved by the committee" = committee approved bill
                obj = obj | _role(tok, ("nsubjpass",))
                subj = frozenset(g.lemma_.lower() for c in tok.children if c.dep_ == "agent"
                                 for g in c.children if g.dep_ == "pobj")
            if tok.dep_ == "xcomp" and not subj:  # "the union refused to accept": union
                subj = _role(tok.head, ("nsubj", "nsubjpass"))
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and subj:
                # "the budget the council approved": with its own subject, the noun it
                # modifies is its object; without one, the noun's role is unknown (args only)
                obj = obj | {tok.head.lemma_.lower()}
            preds.append(Predicate(lemma, _negated(tok), _modal(tok), _args(tok), subj, obj))
        if tok.like_num or tok.lower_ in NUMBER_WORDS:
            fig = _figure(tok)
            if fig:
                figures.append(fig)
    for ent in span.ents:
        if ent.label_ == "DATE":
            parts = _date_parts(ent.text)
            if parts:
                dates.append(parts)
    # names: words of named entities plus proper nouns outside dates (the parser sometimes
    # misses an entity, e.g. an unfamiliar place name, but still tags it PROPN)
    names = {w for e in span.ents if e.label_ in NAME_LABELS for w in e.text.lower().split()}
    names.update(t.lower_ for t in span
                 if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "CARDINAL"))
    names = frozenset(names)
    date_texts = frozenset(e.text.lower() for e in span.ents if e.label_ == "DATE")
    return Frame(span.start_char, span.end_char, preds, figures, dates, frozenset(content), names,
                 date_texts, _modifiers(span))
