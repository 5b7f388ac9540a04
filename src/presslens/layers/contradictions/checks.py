"""Contradictions inside one article: sentence pairs that cannot both hold.

Two stages. Candidates: sentence pairs about the same thing, found by cosine similarity of
static MiniLM-distilled embeddings (cheap: one matrix product per article) and kept only if
they also share a content word. Checks: three explicit tests over the sentences' frames —
opposite polarity of the same predicate about the same arguments (``negation``), figures for
the same counted thing whose ranges do not overlap (``quantity``), and different dates for
the same one-off event (``date``). Every check first rules out the near-misses that make
naive systems noisy: different named entities, different times, modal or conditional
statements, approximate figures that overlap. Precision is preferred over recall.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from presslens.deadline import check as check_deadline
from presslens.layers.contradictions.candidates import event_pairs
from presslens.layers.contradictions.conflicts import (
    check_agent_swap,
    check_denied_attribution,
    check_place,
    check_role,
)
from presslens.layers.contradictions.frames import (
    ANTONYMS,
    HEDGING_VERBS,
    LIGHT_VERBS,
    ONE_OFF_EVENTS,
    PRONOUNS,
    STANCE_ANTONYMS,
    Frame,
    Predicate,
    Role,
    ents_by_span,
    event_dates,
    frame,
)
from presslens.layers.contradictions.slots import aliases

# Candidate pairs: cosine of the two sentence embeddings (measured on the fictional pairs
# sets the lowest contradiction pair sits at 0.70; 0.55 leaves a margin for unseen wording
# and still drops ~90 % of sentence pairs before parsing-based checks; bench/claims.py).
MIN_COSINE = 0.55
# Content words two sentences must share to be about the same thing.
MIN_SHARED_CONTENT = 2
# Later sentences each sentence is compared with: its most similar ones. An article of a few
# hundred sentences rarely has more than a handful above MIN_COSINE for one sentence; the bound
# keeps a page of 10,000 near-identical sentences linear instead of 50 million pairs.
MAX_NEIGHBOURS = 50
# Rows of the similarity matrix computed at once (memory: rows × sentences × 4 bytes).
BLOCK_ROWS = 256


@dataclass
class Finding:
    a: Frame
    b: Frame
    kind: str
    score: float
    why: str


def _names_clash(a: Frame, b: Frame) -> bool:
    """Each sentence names someone or something the other does not: different subjects.

    Words, not whole names, because NER cuts the same name differently ("Councillor Ben
    Arkwright" / "Ben Arkwright"); a name present on one side only is fine (elision)."""
    words_a = a.names - STOP_NAME_WORDS
    words_b = b.names - STOP_NAME_WORDS
    # each side names something the other does not: "Marle by-election" / "Dunby by-election"
    return bool(words_a - words_b and words_b - words_a)


# Words inside entity names that do not identify anyone.
STOP_NAME_WORDS = frozenset({"the", "of", "and", "a", "'s", "mr", "mrs", "ms", "dr"})


def _dates_differ(a: Frame, b: Frame) -> bool:
    """Both sentences are dated and no date of one agrees with a date of the other: maybe two
    times. One agreeing date is enough ("54,000 in May, the smallest gain since September" /
    "210,000 in May" are both about May)."""
    if a.dates and b.dates:
        return not any(
            set(x) & set(y) and not _date_conflict(x, y) for x in a.dates for y in b.dates
        )
    return bool(a.date_texts and b.date_texts and not (a.date_texts & b.date_texts))


def _date_conflict(x: dict[str, int], y: dict[str, int]) -> bool:
    """Two dates disagree on a part both state (year, month, day or weekday)."""
    return any(x[k] != y[k] for k in set(x) & set(y))


def different_things(a: Frame, b: Frame) -> bool:
    """Veto shared by all checks: different named entities, a question (asserts nothing), or
    a fragment too short to state an event ("median rent: 900")."""
    if a.question or b.question or min(a.words, b.words) < MIN_WORDS:
        return True
    return _names_clash(a, b)


# Shortest sentence (in words) that can state a checkable event.
MIN_WORDS = 5


def _role_match(x: Role, y: Role) -> bool | None:
    """True: the role has the same head (narrowed compatibly) on both sides; False: filled
    differently ("the driver" / "the passenger", "nonviolent crimes" / "violent crimes");
    None: unsaid on one side ("anyone" is unsaid: it stands for every filler)."""
    x = {h: m for h, m in x.items() if h not in ANY_HEADS}
    y = {h: m for h, m in y.items() if h not in ANY_HEADS}
    if not x or not y:
        return None
    shared = x.keys() & y.keys()
    if not shared:
        return False
    for head in shared:
        if x[head] and y[head] and not (x[head] & y[head]):
            return False
    if shared <= PRONOUNS:
        return None  # "he" and "he" may be two people: not evidence of the same event
    return True


# Heads that stand for any filler of the role ("did not arrest anyone" denies every arrest).
ANY_HEADS = frozenset({"anyone", "anybody", "anything", "any"})
# First and second person: statements relative to whoever is speaking.
SPEAKER_PRONOUNS = frozenset({"i", "we", "you"})
# Counted things too generic to identify a quantity alone: "3 percent" of what, "$5" for what?
GENERIC_ANCHORS = frozenset(
    {
        "percent",
        "%",
        "$",
        "€",
        "£",
        "number",
        "point",
        "pt",
        "dollar",
        "pound",
        "euro",
        "time",
        "one",
        "rate",
        "share",
    }
)


def _args_match(p: Predicate, q: Predicate) -> bool:
    """Same event: no role filled differently, and the subject or object shared."""
    roles = [_role_match(p.subj, q.subj), _role_match(p.obj, q.obj), _role_match(p.obl, q.obl)]
    if False in roles:
        return False
    # "I never sold the farm" is about the speaker: only the same speaker-relative
    # subject can contradict it
    if (p.subj.keys() | q.subj.keys()) & SPEAKER_PRONOUNS and p.subj.keys() != q.subj.keys():
        return False
    if roles[0] or roles[1]:
        return True
    # a participle with no subject or object of its own: the noun it modifies stands in
    # ("the budget approved in May" / "the council never approved the budget")
    for x, y in ((p, q), (q, p)):
        if x.head_noun and not (x.subj or x.obj) and x.head_noun in (y.subj.keys() | y.obj.keys()):
            return True
    return False


# Light verbs that still state a checkable fact once subject and object are both the same:
# "Haig had no reason to suspect" / "Haig had reason to suspect". "be", "say", "do", "go" stay
# out: their objects are clauses or nothing.
OBJECT_LIGHT_VERBS = frozenset({"have", "make", "get", "take"})


def _specific_light(p: Predicate, q: Predicate) -> bool:
    """A light verb pinned down by the same named or noun subject and the same object."""
    return (
        p.lemma in OBJECT_LIGHT_VERBS
        and _role_match(p.subj, q.subj) is True
        and _role_match(p.obj, q.obj) is True
        and not (p.obj.keys() & q.obj.keys()) <= PRONOUNS | GENERIC_ANCHORS
    )


def _opposed(
    a: Frame, b: Frame, antonyms: tuple[frozenset[str], ...], polarity: bool
) -> tuple[float, str] | None:
    """About the same arguments: the same predicate affirmed and negated (if ``polarity``), or
    a pair of ``antonyms`` both affirmed."""
    if _dates_differ(a, b) or different_things(a, b):
        return None
    lemmas_a, lemmas_b = {p.lemma for p in a.predicates}, {q.lemma for q in b.predicates}
    both_ways = {w for pair in antonyms if pair <= lemmas_a or pair <= lemmas_b for w in pair}
    for p in a.predicates:
        if p.modal or p.lemma in HEDGING_VERBS:
            continue  # "I don't think …" states an opinion, not a checkable fact
        light = p.lemma in LIGHT_VERBS
        for q in b.predicates:
            if q.modal or not _args_match(p, q) or light and not _specific_light(p, q):
                continue
            if polarity and p.lemma == q.lemma and p.negated != q.negated:
                return 0.9, f"'{p.lemma}' affirmed in one and negated in the other"
            pair = frozenset({p.lemma, q.lemma})
            if pair <= both_ways:
                continue  # "fell for immigrants and rose for natives": a comparison
            if not p.negated and not q.negated and pair in antonyms:
                return 0.8, f"'{p.lemma}' vs '{q.lemma}' about the same thing"
    return None


def check_negation(a: Frame, b: Frame) -> tuple[float, str] | None:
    """Negated / affirmed, or opposite outcomes: approved / rejected, won / lost."""
    return _opposed(a, b, ANTONYMS, polarity=True)


def check_stance(a: Frame, b: Frame) -> tuple[float, str] | None:
    """Opposite positions of one side on one thing: welcomed / criticized, warned / encouraged."""
    return _opposed(a, b, STANCE_ANTONYMS, polarity=False)


def check_quantity(a: Frame, b: Frame) -> tuple[float, str] | None:
    if _dates_differ(a, b) or different_things(a, b):
        return None
    shared_preds = {p.lemma for p in a.predicates} & {q.lemma for q in b.predicates}
    context = (a.content & b.content) - {f.anchor for f in a.figures}
    for f in a.figures:
        for g in b.figures:
            if f.modal or g.modal or f.anchor != g.anchor or not f.verb or f.verb != g.verb:
                continue  # a figure with no verb is a list or caption fragment
            needs_subject = f.anchor.lower() in GENERIC_ANCHORS or f.verb in LIGHT_VERBS
            if needs_subject and not ((f.subj & g.subj) - PRONOUNS - {f.anchor}):
                continue  # "2.1%" and "7%" of different things; "there have been 3 …"
            if (f.phrase - g.phrase and g.phrase - f.phrase) or (
                f.subj and g.subj and not (f.subj & g.subj)
            ):
                continue  # "crates of red apples" / "crates of green apples": other things
            if f.high < g.low or g.high < f.low:
                if not shared_preds and len(context) < MIN_SHARED_CONTENT:
                    continue
                gap = abs(f.value - g.value) / max(abs(f.value), abs(g.value), 1e-9)
                score = 0.6 + 0.3 * min(gap * 2, 1.0)
                return score, f"{f.value:g} vs {g.value:g} {f.anchor}"
    return None


# A sentence restating another's event: this many content words in common (date words left
# out) and this share of the shorter sentence's. "Tweeden says Franken groped and kissed her
# on a USO tour in 2011" restates the 2006 account (7 shared words, 78 %); "X visited Paris in
# 2011" / "X visited Paris in 2006" (3 words) may be two visits and stays unflagged.
RESTATED_WORDS = 5
RESTATED_SHARE = 0.6


# Verbs of things people do again and again: even in a restated sentence, two dates for them
# are two occasions ("met at the embassy in 2013" / "met at the embassy in 2015").
RECURRING_VERBS = frozenset(
    {"meet", "visit", "travel", "speak", "talk", "call", "see", "attend", "hold", "work", "live"}
)


def _restated(a: Frame, b: Frame) -> bool:
    """The two sentences tell the same event, so a recurring verb in them is one occurrence."""
    date_words = {w for t in a.date_texts | b.date_texts for w in t.split()}
    shared = (a.content & b.content) - date_words
    smaller = min(len(a.content - date_words), len(b.content - date_words)) or 1
    return len(shared) >= RESTATED_WORDS and len(shared) / smaller >= RESTATED_SHARE


def check_date(a: Frame, b: Frame) -> tuple[float, str] | None:
    if different_things(a, b) or not (a.dates and b.dates):
        return None
    for p in a.predicates:
        p_dates = event_dates(p, a)
        restated = _restated(a, b) and p.lemma not in LIGHT_VERBS | HEDGING_VERBS | RECURRING_VERBS
        if not (p.lemma in ONE_OFF_EVENTS or p.first or restated) or p.modal or not p_dates:
            continue
        for q in b.predicates:
            q_dates = event_dates(q, b)
            if q.lemma != p.lemma or q.modal or q.negated != p.negated or not q_dates:
                continue
            if p.lemma not in ONE_OFF_EVENTS and not q.first and not restated:
                continue
            if not _args_match(p, q):
                continue
            for x in p_dates:
                for y in q_dates:
                    if _date_conflict(x, y):
                        return 0.85, f"'{p.lemma}' dated differently"
    return None


def _numbers(modifiers: frozenset[str]) -> set[float]:
    """Plain numbers among a role's modifiers ("312" in "312 people")."""
    out = set()
    for m in modifiers:
        try:
            out.add(float(m.replace(",", "")))
        except ValueError:
            continue
    return out


# Smallest ratio between two counts of the same thing that reads as a contradiction, not as
# rounding ("about 200" / "207").
MIN_COUNT_RATIO = 1.5


def check_role_count(a: Frame, b: Frame) -> tuple[float, str] | None:
    """The same predicate with a different count of the same participant: "312 people were
    murdered" / "106 people were murdered". Reads the numbers the parse attaches to a
    subject or object, which finds figures the figure extractor leaves out (fronted dates,
    appositions) and needs the predicate itself to match, not only the counted noun."""
    if _dates_differ(a, b) or different_things(a, b):
        return None
    for p in a.predicates:
        if p.modal or p.lemma in LIGHT_VERBS or p.lemma in HEDGING_VERBS:
            continue
        for q in b.predicates:
            if q.lemma != p.lemma or q.modal or q.negated != p.negated:
                continue
            for x, y in ((p.subj, q.subj), (p.obj, q.obj)):
                for head in (x.keys() & y.keys()) - PRONOUNS - GENERIC_ANCHORS:
                    nx, ny = _numbers(x[head]), _numbers(y[head])
                    if len(nx) != 1 or len(ny) != 1:
                        continue
                    u, v = nx.pop(), ny.pop()
                    if min(u, v) > 0 and max(u, v) / min(u, v) >= MIN_COUNT_RATIO:
                        return 0.75, f"{u:g} vs {v:g} {head} ('{p.lemma}')"
    return None


# (kind, check), tried in this order on each candidate pair; the first hit names the kind.
CHECKS: tuple[tuple[str, Callable[[Frame, Frame], tuple[float, str] | None]], ...] = (
    ("negation", check_negation),
    ("stance", check_stance),
    ("quantity", check_quantity),
    ("date", check_date),
    ("quantity", check_role_count),
    ("attribution", check_denied_attribution),
    ("attribution", check_agent_swap),
    ("entity", check_place),
    ("entity", check_role),
)


def candidate_pairs(
    emb: np.ndarray,
    frames: Sequence[Frame],
    min_cosine: float = MIN_COSINE,
    neighbours: int = MAX_NEIGHBOURS,
) -> list[tuple[int, int, float]]:
    """Sentence pairs similar enough to be about the same thing (i < j), in (i, j) order.

    Each sentence is paired with at most ``neighbours`` of the later sentences, the most
    similar ones, and the similarity matrix is computed ``BLOCK_ROWS`` rows at a time: memory
    is O(rows × sentences) and the pairs checked O(sentences × neighbours), where the full
    matrix and all pairs grew with the square of the sentence count (23 GB for a page of
    100,000 one-line paragraphs, issue 16).
    """
    n = len(frames)
    if n < 2:
        return []
    emb = np.asarray(emb, dtype=np.float32)
    cols = np.arange(n)
    out: list[tuple[int, int, float]] = []
    for lo in range(0, n, BLOCK_ROWS):
        check_deadline()
        hi = min(n, lo + BLOCK_ROWS)
        sims = emb[lo:hi] @ emb.T
        sims[cols[None, :] <= np.arange(lo, hi)[:, None]] = -np.inf  # only later sentences
        if n > neighbours:
            top = np.argpartition(-sims, neighbours - 1, axis=1)[:, :neighbours]
        else:
            top = np.broadcast_to(cols, sims.shape)
        for r, row in enumerate(top):
            i = lo + r
            for j in sorted(int(j) for j in row if sims[r, j] >= min_cosine):
                if len(frames[i].content & frames[j].content) < MIN_SHARED_CONTENT:
                    continue
                out.append((i, j, float(sims[r, j])))
    return out


def find_contradictions(
    spans: Sequence[Any], embed: Callable[[list[str]], np.ndarray], min_cosine: float = MIN_COSINE
) -> list[Finding]:
    """Contradicting pairs among spaCy sentence spans, best first."""
    known = aliases(spans[0].doc.ents) if spans else {}
    frames = [frame(s, e, known) for s, e in zip(spans, ents_by_span(list(spans)), strict=True)]
    emb = embed([s.text for s in spans]) if spans else np.zeros((0, 1))
    pairs = candidate_pairs(emb, frames, min_cosine)
    seen = {(i, j) for i, j, _ in pairs}
    emb = np.asarray(emb, dtype=np.float32)
    pairs += [(i, j, float(emb[i] @ emb[j])) for i, j in sorted(event_pairs(frames) - seen)]
    found = []
    for i, j, cos in pairs:
        check_deadline()
        for kind, check in CHECKS:
            hit = check(frames[i], frames[j]) or check(frames[j], frames[i])
            if hit:
                score, why = hit
                found.append(
                    Finding(frames[i], frames[j], kind, round(score * (0.5 + cos / 2), 4), why)
                )
                break
    return sorted(found, key=lambda f: -f.score)
