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

from presslens.layers.contradictions.slots import NAME_LABELS, Aliases, Slots, name_key, slots
from presslens.vocab.months import MONTH_NUMBERS
from presslens.vocab.numbers import TENS, UNITS, WORD_SCALES
from presslens.vocab.weekdays import WEEKDAY_NAMES

# Negators attached to a verb (spaCy labels them ``neg``) or quantifying its object ("no").
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing"})
# Verbs whose own meaning negates their complement: "refused to approve" ≈ "did not approve".
NEGATING_VERBS = frozenset({"refuse", "fail", "decline", "deny", "reject"})
# Modals and hedges make a statement non-committal, so it cannot contradict a fact.
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will", "shall", "must"})
# Verbs too generic to identify an event on their own.
LIGHT_VERBS = frozenset({"be", "have", "do", "say", "tell", "make", "get", "go", "take", "come"})
# Antonym predicates: an affirmed pair of these about the same thing cannot both hold. Outcomes
# (approved / rejected) are reported as ``negation``, positions (STANCE_ANTONYMS) as ``stance``.
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
# Stances: one side's position on one thing reported both ways ("warned the Kurds against
# holding the referendum" / "encouraged the Kurds to hold it"; "welcomed the idea" / "rejected
# the idea"). Any verb of the first list against any of the second is a stance reversal.
# Outcomes (approve, accept) are left to ANTONYMS above.
POSITIVE_STANCE = frozenset(
    {
        "welcome",
        "praise",
        "support",
        "endorse",
        "applaud",
        "embrace",
        "encourage",
        "back",
        "favor",
        "favour",
        "hail",
        "defend",
    }
)
NEGATIVE_STANCE = frozenset(
    {
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "oppose",
        "reject",
        "decry",
        "deplore",
        "slam",
        "warn",
        "blast",
    }
)
STANCE_ANTONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset({x, y}) for x in sorted(POSITIVE_STANCE) for y in sorted(NEGATIVE_STANCE)
)
# Pronoun heads (lemmas as spaCy gives them).
PRONOUNS = frozenset(
    {
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "this",
        "that",
        "who",
        "which",
        "one",
        "someone",
        "something",
    }
)
# Events that happen once, so two different dates for them conflict (meetings recur, so a
# "met in May" / "met in June" pair is not a contradiction).
ONE_OFF_EVENTS = frozenset(
    {
        "approve",
        "reject",
        "bear",
        "die",
        "found",
        "establish",
        "open",
        "close",
        "launch",
        "sign",
        "resign",
        "elect",
        "appoint",
        "arrest",
        "marry",
        "announce",
        "complete",
        "finish",
        "start",
        "begin",
        "end",
        "release",
        "publish",
        "pass",
        "vote",
        "kill",
        # a fatal shooting or a murder happens once to its victim (edited real articles)
        "shoot",
        "murder",
        "acquit",
        "collapse",
        "sell",
        "buy",
        "acquire",
        "merge",
        "file",
        "sentence",
        "convict",
        "fire",
        "hire",
        "retire",
        "win",
        "lose",
        "discover",
        "invent",
        "inaugurate",
        "unveil",
        "adopt",
        "ratify",
        "introduce",
    }
)
# Words before a figure that turn it into a range: (low factor, high factor) of the value.
APPROX: dict[str, tuple[float, float]] = {
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "some": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "estimated": (0.85, 1.15),
    "over": (1.0, float("inf")),
    "more": (1.0, float("inf")),
    "above": (1.0, float("inf")),
    "least": (1.0, float("inf")),
    "under": (0.0, 1.0),
    "fewer": (0.0, 1.0),
    "less": (0.0, 1.0),
    "below": (0.0, 1.0),
    "up": (0.0, 1.0),
    "most": (0.0, 1.0),
}
# Counted things that are times, not amounts: "posted 5 hours ago" / "3 hours ago" are time stamps.
TIME_UNITS = frozenset(
    {
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "decade",
        "century",
        "am",
        "pm",
        "a.m.",
        "p.m.",
    }
)
MULTIPLIERS = WORD_SCALES
# Number words a figure may be written in ("forty workers", "a dozen"); "hundred" alone is 100.
NUMBER_WORDS = {**UNITS, **TENS, "hundred": 100, "dozen": 12}
MONTHS = MONTH_NUMBERS
WEEKDAYS = {d: i for i, d in enumerate(WEEKDAY_NAMES)}  # Monday = 0, as datetime.weekday()
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")


Role = dict[str, frozenset[str]]  # head lemma -> the words that narrow it down


@dataclass
class Predicate:
    lemma: str
    negated: bool
    modal: bool
    args: frozenset[str]  # content lemmas of the predicate's arguments (subtree nouns)
    subj: Role = field(default_factory=dict)  # who does it (passives normalised: the agent)
    obj: Role = field(default_factory=dict)  # what it is done to (or the noun it modifies)
    obl: Role = field(default_factory=dict)  # prepositional arguments other than dates
    head_noun: str = ""  # for a participle or relative clause: the noun it modifies
    dates: tuple[dict[str, int], ...] = ()  # dates attached to this predicate ("in May")
    first: bool = False  # "first met", "for the first time": a one-off even for a recurring verb
    i: int = -1  # the verb's token index in the Doc (the key of its slots)


@dataclass
class Figure:
    value: float
    low: float
    high: float
    anchor: str  # lemma of the counted thing ("people", "percent", "dollar")
    verb: str = ""  # lemma of the predicate the figure belongs to ("destroy", "cost")
    modal: bool = False  # the figure is predicted or hypothetical ("will cost")
    phrase: frozenset[str] = frozenset()  # other content words of the counted noun phrase
    subj: frozenset[str] = frozenset()  # subject heads of the figure's predicate


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
    question: bool = False
    words: int = 0  # word tokens (punctuation and spaces left out)
    slots: Slots = field(default_factory=Slots)  # who, where, what role (entity checks)


def _number(tok: Any) -> float | None:
    text = tok.text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    return None


# Number shapes that name rather than count: calibres (".308"), codes ("32-135"), "#4".
IDENTIFIER = re.compile(r"^\.\d|^#|\d-\d|[A-Za-z]\d|\d[A-Za-z]")


# Units of a length of time ("the class lasts 90 minutes", "sentenced to 12 years"), and the
# words after one that make it a point in time or an age instead ("3 hours ago", "5 years old").
DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
NOT_DURATION_AFTER = frozenset({"ago", "later", "earlier", "before", "after", "old", "since"})


def _duration(tok: Any) -> bool:
    """A number counting a unit of time that is a length, not a time stamp or an age."""
    unit = tok.head if tok.head.i > tok.i else None
    if unit is None or unit.lemma_.lower() not in DURATION_UNITS:
        return False
    rest = [t for t in tok.doc[unit.i + 1 : unit.i + 3] if t.text != "-"]  # "37-year-old"
    return not rest or rest[0].lower_ not in NOT_DURATION_AFTER


def _figure(tok: Any) -> Figure | None:
    """A figure from a number token: its value, range from approximators, and anchor noun."""
    if IDENTIFIER.search(tok.text) or (tok.i > 0 and tok.doc[tok.i - 1].text in ("#", "No.")):
        return None
    value = _number(tok)
    if value is None or tok.ent_type_ == "ORDINAL":
        return None
    if tok.ent_type_ in ("DATE", "TIME") and not _duration(tok):
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
        if (
            anchor_tok == tok
            or anchor_tok.pos_ not in ("NOUN", "PROPN", "SYM", "X")
            or anchor_tok.i < tok.i  # "Photo 4", "Gate 12": an identifier, not a count
            or (anchor.lower() in TIME_UNITS and not _duration(tok))
        ):
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
    skip = {tok.i} | {c.i for c in tok.children}
    phrase = (
        frozenset(
            t.lemma_.lower()
            for t in anchor_tok.subtree
            if t.i not in skip
            and t.i != anchor_tok.i
            and not t.is_stop
            and not t.is_punct
            and t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X")
        )
        if anchor_tok.pos_ != "SYM"
        else frozenset()
    )
    subj = frozenset(_subject_and_object(verb)[0]) if verb else frozenset()
    return Figure(
        value,
        low,
        high,
        anchor,
        _lemma(verb) if verb else "",
        _modal(verb) if verb else False,
        phrase,
        subj,
    )


def _governing_verb(tok: Any) -> Any | None:
    """The nearest verb above a token in the parse (the predicate a figure is an argument of)."""
    seen = 0
    while tok.head.i != tok.i and seen < 8:
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
# Prepositions whose object narrows a noun down ("cracks in the bridge", "crimes of violence").
NARROWING_PREPS = frozenset({"in", "of", "at", "on", "for", "from"})


def _narrowing(noun: Any) -> frozenset[str]:
    """Lemmas that narrow a noun down: adjectives, compounds, numbers, 'in/of/at X' objects."""
    mods: set[str] = set()
    for c in noun.children:
        if c.dep_ in MODIFIER_DEPS and c.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") and not c.is_stop:
            mods.add(c.lemma_.lower())
        elif c.dep_ == "prep" and c.lower_ in NARROWING_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.ent_type_ != "DATE":
                    mods.add(g.lemma_.lower())
                    mods.update(
                        m.lemma_.lower()
                        for m in g.children
                        if m.dep_ in MODIFIER_DEPS and not m.is_stop
                    )
    return frozenset(mods)


def _role(verb: Any, deps: tuple[str, ...]) -> Role:
    """Heads of the verb's dependents with these labels, each with its narrowing words.

    A clause in the role ("agreed that the plan is costly") is keyed by its verb
    ("<clause>be"), so "recalled the meeting" and "did not recall signing the letter"
    are seen to have different objects."""
    role: Role = {}
    for c in verb.children:
        if c.dep_ in deps and c.pos_ in ("NOUN", "PROPN", "PRON"):
            role[c.lemma_.lower()] = _narrowing(c)
    if "dobj" in deps:
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
                role["<clause>" + c.lemma_.lower()] = frozenset(
                    t.lemma_.lower()
                    for t in c.subtree
                    if t.pos_ in ("NOUN", "PROPN") and not t.is_stop
                )
    return role


def _passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subject_and_object(verb: Any) -> tuple[Role, Role]:
    """Logical subject and object; passives normalised ("the bill was approved by the
    committee" = the committee approved the bill)."""
    subj, obj = _role(verb, ("nsubj",)), _role(verb, ("dobj", "attr"))
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        obj = {**obj, **_role(verb, ("nsubjpass",))}
        subj = {
            g.lemma_.lower(): _narrowing(g)
            for c in verb.children
            if c.dep_ == "agent"
            for g in c.children
            if g.dep_ == "pobj"
        }
    return subj, obj


def _obl(verb: Any) -> Role:
    """Prepositional arguments and recipients of the verb; dates are left out (the date check
    handles them)."""
    out: Role = {}
    for c in verb.children:
        if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out[c.lemma_.lower()] = _narrowing(c)  # "gave them": the recipient
        if c.dep_ in ("prep", "dative") and c.lower_ not in ("because", "due"):
            for g in c.children:
                if (
                    g.dep_ == "pobj"
                    and g.pos_ in ("NOUN", "PROPN")
                    and g.ent_type_ not in ("DATE", "TIME")
                ):
                    out[g.lemma_.lower()] = _narrowing(g)
    return out


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
    if _not_only(verb):
        return False
    if any(
        c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "neg")
        for c in verb.children
    ):
        return True
    # "found Zarate not guilty": the negation sits on the verdict, the verb's complement
    verdict = _verdict(verb)
    if verdict is not None and any(g.dep_ == "neg" for g in verdict.children):
        return True
    # "approved no budget": a negative determiner on the object
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
            g.lower_ in ("no", "neither") and g.dep_ == "det" for g in c.children
        ):
            return True
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # "refused to approve" negates; "did not seem to object" passes its 'not' down
        if verb.head.lemma_ in NEGATING_VERBS:
            return not _negated(verb.head)
        return _negated(verb.head)
    return False


# Complements that carry what the verb asserts of its object ("found him guilty", "ruled it
# unlawful"; the parser also reads "found Varga not guilty" as an adjectival ccomp): a "not" on
# them negates the statement (found in edited real articles) — for verdict verbs only, since
# "became frantic, not normal" contrasts two states and negates nothing.
NEGATABLE_COMPLEMENTS = frozenset({"oprd", "acomp"})
VERDICT_VERBS = frozenset({"find", "rule", "declare", "deem", "judge", "plead", "pronounce"})


def _verdict(verb: Any) -> Any | None:
    """The adjective a verdict verb asserts ("found him guilty"), or None."""
    if verb.lemma_.lower() not in VERDICT_VERBS:
        return None
    for c in verb.children:
        if c.dep_ in NEGATABLE_COMPLEMENTS or (c.dep_ == "ccomp" and c.pos_ == "ADJ"):
            return c
    return None


def _not_only(verb: Any) -> bool:
    """'Not only did X …' adds, it does not negate."""
    return any(
        c.lower_ == "not" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only"
        for c in verb.children
    )


# Subordinators that make a clause hypothetical or purposive rather than asserted.
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest", "until", "once", "so"})


def _modal(verb: Any) -> bool:
    """Modal, conditional, hypothetical or wished: true of the verb or any verb above it."""
    tok, steps = verb, 0
    while steps < 6:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in tok.children):
            return True
        if tok.lemma_ in HEDGING_VERBS and tok.i != verb.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok, steps = tok.head, steps + 1
    return False


# Verbs whose complement is not asserted ("wants to close", "believe that … rose"), including
# mandative ones ("demanded that the files be published" says nothing about whether they were).
HEDGING_VERBS = frozenset(
    {
        "want",
        "hope",
        "try",
        "plan",
        "seek",
        "wish",
        "believe",
        "think",
        "suggest",
        "propose",
        "threaten",
        "promise",
        "expect",
        "allege",
        "claim",
        "ask",
        "urge",
        "intend",
        "consider",
        "fear",
        "demand",
        "insist",
        "request",
        "recommend",
        "order",
        "call",
    }
)


# A "sentence" with this many numbers is a table row, price box or statistics list, where
# different figures are different things ("Price: $4.50 Was: $9.00 Save 50%").
TABLE_NUMBERS = 4


def _looks_like_table(span: Any) -> bool:
    return sum(1 for t in span if t.like_num) >= TABLE_NUMBERS


def frame(span: Any, ents: list[Any] | None = None, known: Aliases | None = None) -> Frame:
    """The frame of one sentence, from a spaCy Span.

    ``ents`` are the named entities inside the span when the caller has them (see
    :func:`ents_by_span`): ``Span.ents`` re-reads every entity of the whole Doc on each call,
    which made framing all sentences quadratic in the article's length (issue 16). ``known``
    are the article's name aliases (:func:`~presslens.layers.contradictions.slots.aliases`)."""
    ents = list(span.ents) if ents is None else ents
    preds, figures, dates = [], [], []
    verbs: list[Any] = []  # the token of each predicate, in step with preds
    content: set[str] = set()
    table = _looks_like_table(span)
    for tok in span:
        if tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not tok.is_stop:
            content.add(tok.lemma_.lower())
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            lemma = tok.lemma_.lower()
            if lemma in NEGATING_VERBS and any(c.dep_ == "xcomp" for c in tok.children):
                continue  # the xcomp carries the predicate, with negated=True
            lemma = _lemma(tok)
            subj, obj = _subject_and_object(tok)
            if tok.dep_ == "xcomp" and not subj:  # "the union refused to accept": union
                subj = _role(tok.head, ("nsubj", "nsubjpass"))
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and subj:
                # "the budget the council approved": with its own subject, the noun it
                # modifies is its object; without one, the noun's role is unknown (args only)
                obj = {**obj, tok.head.lemma_.lower(): _narrowing(tok.head)}
            head_noun = ""
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                head_noun = tok.head.lemma_.lower()
            verdict = _verdict(tok)
            if verdict is not None:  # "guilty of murder" / "guilty of gun possession"
                obj = {**obj, f"<{verdict.lemma_.lower()}>": _narrowing(verdict)}
            if tok.dep_ == "conj" and not (subj or obj) and _passive(tok):
                # "one citizen had convictions … and had been deported": the subject of the
                # first verb is the one the passive second verb is done to
                obj = _role(tok.head, ("nsubj", "nsubjpass"))
            elif tok.dep_ == "conj" and not subj:  # "the mayor delayed … and signed …"
                subj = _subject_and_object(tok.head)[0]
            verbs.append(tok)
            preds.append(
                Predicate(
                    lemma,
                    _negated(tok),
                    _modal(tok),
                    _args(tok),
                    subj,
                    obj,
                    _obl(tok),
                    head_noun,
                    first=any(c.lower_ == "first" and c.dep_ == "advmod" for c in tok.children),
                    i=tok.i,
                )
            )
        if (tok.like_num or tok.lower_ in NUMBER_WORDS) and not table:
            fig = _figure(tok)
            if fig:
                figures.append(fig)
    for ent in ents:
        if ent.label_ == "DATE":
            parts = _date_parts(ent.text)
            if parts:
                dates.append(parts)
                verb = _governing_verb(ent.root)
                for pred, tok in zip(preds, verbs, strict=True):
                    if verb is not None and tok.i == verb.i:
                        pred.dates = (*pred.dates, parts)
    # names: words of named entities plus proper nouns outside dates (the parser sometimes
    # misses an entity, e.g. an unfamiliar place name, but still tags it PROPN)
    names = {name_key(w) for e in ents if e.label_ in NAME_LABELS for w in e.text.split()}
    names.update(
        name_key(t.text)
        for t in span
        if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "CARDINAL")
    )
    names = frozenset(names)
    date_texts = frozenset(e.text.lower() for e in ents if e.label_ == "DATE")
    question = span.text.rstrip().rstrip("\"'”’)").endswith("?")
    words = sum(1 for t in span if not (t.is_punct or t.is_space))
    return Frame(
        span.start_char,
        span.end_char,
        preds,
        figures,
        dates,
        frozenset(content),
        names,
        date_texts,
        question,
        words,
        slots(span, ents, verbs, known),
    )


def event_dates(p: Predicate, f: Frame) -> tuple[dict[str, int], ...]:
    """The predicate's own dates, else the sentence's when it states exactly one: the parser
    often hangs "in July 2015" on a neighbouring verb ("was shot while she walked … in July
    2015"), and with one date in the sentence there is nothing else it can date."""
    return p.dates or (tuple(f.dates) if len(f.dates) == 1 else ())


def ents_by_span(spans: list[Any]) -> list[list[Any]]:
    """For each sentence span (of one Doc, in order), the entities that lie inside it — the
    same as ``span.ents`` for every span, with the Doc's entities read once."""
    if not spans:
        return []
    import bisect

    all_ents = list(spans[0].doc.ents)
    starts = [e.start for e in all_ents]
    out = []
    for span in spans:
        i = bisect.bisect_left(starts, span.start)
        inside = []
        while i < len(all_ents) and all_ents[i].start < span.end:
            if all_ents[i].end <= span.end:
                inside.append(all_ents[i])
            i += 1
        out.append(inside)
    return out
