"""Shared machinery of the attribution passes: constants, the Found record, content trimming,
subjects, sources, hedges, and the final layer dict.

The passes themselves live in ``_attribution_quotes`` (direct quotes) and
``_attribution_clauses`` ("according to", reported clauses). Three passes, in this order so
each cue verb is used once:
1. quotes — a quoted passage with a cue and speaker next to it (“…,” said X / X said: “…”),
   plus follow-on quotes in the same paragraph that continue the last speaker;
2. "according to X" — the rest of the sentence is the content;
3. reported clauses — a cue verb (say, believe, find …) governing a clause (``ccomp``) with a
   subject; the clause is the content ("Officials said the bridge was closed").
The parse is spaCy's (shared through presslens.nlp); these rules only read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from presslens.layers.attributions.lexicon import (
    CUE_VERBS,
    HEDGE_ADVERBS,
    HEDGE_CONTENT_VERBS,
    HEDGE_MODALS,
    HEDGE_VERBS,
)
from presslens.layers.attributions.source import (
    cluster_for,
    is_vague,
    source_tokens,
    span_of,
)

# A dateline at the start of a paragraph ("PORT ELLIS, March 4 (Agency) –") is not content.
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,[^–—\n]{0,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?(?:–|—|--|-)\s+"
)
# How many tokens after a closing quote (or before an opening one) the cue verb may sit.
QUOTE_CUE_WINDOW = 8
# Trailing / leading characters removed from a content span.
CONTENT_TRAIL = " \t\n,.;:–—-"
CONTENT_LEAD = ",;:–—-"
# Conjunctions that open a contrasting clause after a comma: the reported content stops there
# ("officials believe X, although I think Y" → content X).
CONTRAST_MARKS = frozenset({"although", "though", "whereas", "while", "but", "yet"})
# Nouns of a statement a cue can report through ("said in a statement that …").
STATEMENT_NOUNS = frozenset(
    {
        "statement",
        "interview",
        "letter",
        "post",
        "tweet",
        "message",
        "speech",
        "release",
        "report",
        "communique",
        "communiqué",
        "briefing",
        "filing",
        "ruling",
        "note",
    }
)
# Cues whose infinitive complement is a reported claim ("claimed to have captured"); not
# "promise"/"vow", which announce intentions rather than state facts.
CLAIM_XCOMP_VERBS = frozenset({"claim", "deny", "admit", "profess", "purport", "allege"})
# Cues whose content may be a noun phrase: announcements and forecasts ("announced a new
# timetable", "expected a reading of 3.3 percent"), not "said"/"told" (whose objects are
# listeners or topics).
NP_CONTENT_VERBS = frozenset(
    {"announce", "expect", "forecast", "predict", "estimate", "project", "unveil"}
)
# Verbs that put a label in quotes right after them: a difference "the authors called
# “meaningless”".
LABEL_CUES = frozenset(
    {"call", "describe", "dub", "term", "label", "brand", "characterize", "characterise"}
)
# Cues that report speech in the trailing "…, officials said." pattern.
SAY_LIKE = frozenset(
    {
        "say",
        "tell",
        "announce",
        "add",
        "report",
        "state",
        "claim",
        "confirm",
        "write",
        "note",
        "explain",
        "warn",
        "insist",
        "allege",
        "estimate",
    }
)
# What may follow the trailing cue and its subject: a day, "in a statement", the full stop.
TRAILING_REST = re.compile(
    r"\s*(?:(?:on|in|late|early|last|this)\s+[\w ,'’-]{0,40}?)?\s*[.!?]?[”\"]?\s*"
)
# Entity labels whose span a source is widened to cover, and a bound against runaway spans.
NAME_LABELS = frozenset({"PERSON", "ORG"})
MAX_NAME_CHARS = 80
# Subjects of a cue verb that are dependency labels for a subject.
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Clausal complements that carry reported content.
CONTENT_DEPS = ("ccomp",)


@dataclass
class Found:
    """One attribution before it becomes a layer dict."""

    start: int
    end: int
    cue: str
    cue_token: Token | None
    source_tokens: list[Token]
    source_head: Token | None
    kind: str = "indirect"
    hedges: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- small helpers
def _content_bounds(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Trim content to its words: no leading "that", no trailing punctuation; quotes balanced."""
    start = max(start, floor)
    while start < end and (text[start].isspace() or text[start] in CONTENT_LEAD):
        start += 1
    while end > start and text[end - 1] in CONTENT_TRAIL:
        end -= 1
    if (
        end < len(text)
        and text[end] == "."
        and re.search(r"(?:\b[A-Za-z]\.)+[A-Za-z]$", text[max(start, end - 8) : end])
    ):
        end += 1  # "shortly after 5 a.m." keeps the abbreviation's full stop
    piece = text[start:end]
    if piece.count("“") > piece.count("”") or piece.count('"') % 2:
        # "… “as a private bank account”." / "… “within the season.”": keep the closing quote
        close = re.match(r"[.,!?]?[”\"]", text[end : end + 2])
        if close:
            end += close.end()
    return start, end


_QUOTED = re.compile(r"[“\"«]([^”\"»]{1,400})[”\"»]")


def _kind(text: str, start: int, end: int) -> str:
    """Mixed when the content quotes the source's own words; a quoted name ("Hajj Tomas") or
    title is a label, not a quotation, so it leaves the content indirect."""
    for match in _QUOTED.finditer(text, start, end):
        words = match.group(1).split()
        if any(w[:1].islower() for w in words) or len(words) > 4:
            return "mixed"
    return "indirect"


def _is_cue(tok: Token) -> bool:
    """A cue verb; also one the tagger took for a noun ("analysts estimate that …") when the
    parse still gives it a subject and a clause."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return lemma in CUE_VERBS
    return (
        tok.pos_ == "NOUN"
        and tok.lower_ in CUE_VERBS
        and tok.dep_ == "ROOT"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "ccomp" for c in tok.children)
    )


def _subject(verb: Token, floor: int = 0) -> Token | None:
    """The cue's subject nearest to it, ignoring a dateline the parser made a subject."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.idx >= floor]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, floor)  # "said he would appeal and added that …"
    return None


def _cue_text(verb: Token) -> str:
    particles = [c for c in verb.rights if c.dep_ == "prt"]
    if particles and verb.lemma_ == "point":
        return f"{verb.lower_} {particles[0].lower_}"
    return verb.lower_


def _hedges(doc: Doc, cue: Token | None, start: int, end: int, cue_word: str) -> list[str]:
    """Hedge words of one attribution: the cue itself, adverbs on it, modals/adverbs inside."""
    words: list[str] = []
    if cue is not None:
        if cue.lemma_.lower() in HEDGE_VERBS:
            words.append(cue_word)
        for child in cue.children:
            if child.lower_ in HEDGE_ADVERBS:
                words.append(child.lower_)
        if cue.dep_ in ("ccomp", "xcomp") and cue.head.lemma_ in HEDGE_CONTENT_VERBS:
            words.append(cue.head.lower_)
        # "it is said that …", "X is believed to …": passive reporting
        if any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in cue.children):
            words.append(f"it is {cue.lower_}")
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        for tok in span:
            low = tok.lower_
            if (
                (low in HEDGE_MODALS and tok.tag_ == "MD")
                or low in HEDGE_ADVERBS
                or (tok.lemma_.lower() in HEDGE_CONTENT_VERBS and tok.pos_ == "VERB")
            ):
                words.append(low)
            elif (
                tok.lemma_.lower() in HEDGE_VERBS
                and tok.lemma_.lower() != "feel"
                and tok.tag_ in ("VBP", "VB")  # "we expect", not "I never thought"
                and not any(c.dep_ == "neg" for c in tok.children)
                and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children)
            ):
                words.append(low)  # "We expect savings …" inside a quote: a forecast
    seen: list[str] = []
    for w in words:
        if w not in seen:
            seen.append(w)
    return seen


# ---------------------------------------------------------------- shared by passes 2 and 3
def sentence_bounds(sentences: list[dict[str, Any]], tok: Token) -> tuple[int, int]:
    """The sentences-layer sentence holding ``tok`` (spaCy's own sentence as a fallback)."""
    for sent in sentences:
        if sent["start"] <= tok.idx < sent["end"]:
            return sent["start"], sent["end"]
    return tok.sent.start_char, tok.sent.end_char


def _floor(text: str, bounds: tuple[int, int]) -> int:
    """Where content may start: the sentence start, after a paragraph-initial dateline."""
    line_start = text.rfind("\n", 0, bounds[0]) + 1
    if line_start != bounds[0]:
        return bounds[0]
    match = DATELINE_RE.match(text, bounds[0])
    return match.end() if match else bounds[0]


def _source_for(
    doc: Doc, cue: Token, subject: Token | None, bounds: tuple[int, int]
) -> tuple[list[Token], Token | None]:
    """Source tokens inside the cue's sentence; for "…, said Jared Pike" whose parse put the
    subject elsewhere, the noun phrase right after the cue."""
    if subject is not None and subject.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
        subject = cue.head  # "officials who said …": the noun the relative clause hangs on
    if subject is not None and (subject.tag_ in ("WP", "WDT", "WRB") or subject.dep_ == "csubj"):
        return [], None  # "what he said", "when or where …": no nameable source
    if subject is not None and bounds[0] <= subject.idx < bounds[1]:
        tokens = [t for t in source_tokens(subject) if bounds[0] <= t.idx < bounds[1]]
        if tokens:
            return tokens, subject
    if cue.i == 0 or not (doc[cue.i - 1].is_punct or doc[cue.i - 1].is_quote):
        return [], None  # only the inverted "…,” said Jared Pike" puts the source after
    run: list[Token] = []
    for tok in doc[cue.i + 1 : cue.i + 8]:
        if tok.is_punct or tok.is_space or tok.idx >= bounds[1] or tok.pos_ in ("VERB", "ADP"):
            break
        run.append(tok)
    if run and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in run):
        head = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON")][-1]
        while run and run[0].lower_ in ("the", "a", "an"):
            run = run[1:]
        return run, head
    return [], None


def _contrast_cut(doc: Doc, clause: Token, end: int) -> int:
    """End the content before ", although …" style clauses attached inside it."""
    for tok in clause.subtree:
        if (
            tok.lower_ in CONTRAST_MARKS
            and tok.i > 0
            and doc[tok.i - 1].text == ","
            and tok.idx < end
        ):
            return doc[tok.i - 1].idx
    return end


def _clause_of(tok: Token) -> Token | None:
    """The reported clause of a cue: its ccomp, the that-clause of "said in a statement", or
    the infinitive of a claim ("the army claimed to have captured the town")."""
    for child in tok.children:
        if child.dep_ in CONTENT_DEPS:
            return child
    if tok.lemma_.lower() in CLAIM_XCOMP_VERBS:
        for child in tok.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                return child
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() in STATEMENT_NOUNS:
                for acl in (c for c in pobj.children if c.dep_ in ("acl", "relcl", "ccomp")):
                    if any(m.dep_ == "mark" and m.lower_ == "that" for m in acl.children):
                        return acl
    return None


def to_annotation(doc: Doc, text: str, f: Found, entities: list[dict[str, Any]]) -> dict[str, Any]:
    """The layer dict for one attribution."""
    source: dict[str, Any] | None = None
    vague = True
    if f.source_tokens and f.source_head is not None:
        s_start, s_end = span_of(f.source_tokens)
        for ent in entities:  # a name cut by the parse ("Brig." split off) is made whole
            if (
                ent["start"] < s_end
                and ent["end"] > s_start
                and ent.get("label") in NAME_LABELS
                and ent["end"] - ent["start"] < MAX_NAME_CHARS
            ):
                s_start, s_end = min(s_start, ent["start"]), max(s_end, ent["end"])
        lead = re.match(r"(?i:(?:the|an?)\s+)", text[s_start:s_end])
        if lead and lead.end() < s_end - s_start:
            s_start += lead.end()
        source = {"start": s_start, "end": s_end, "text": text[s_start:s_end]}
        cluster = cluster_for(f.source_tokens, f.source_head, entities, text)
        if cluster:
            source["cluster"] = cluster
        vague = is_vague(f.source_tokens, f.source_head, entities)
        if (
            f.cue_token is not None
            and f.source_head.lower_ == "it"
            and any(c.dep_ == "nsubjpass" for c in f.cue_token.children)
        ):
            vague = True  # "it is said that …"
    hedges = _hedges(doc, f.cue_token, f.start, f.end, f.cue)
    return {
        "start": f.start,
        "end": f.end,
        "source": source,
        "cue": f.cue,
        "kind": f.kind,
        "hedged": bool(hedges),
        "hedges": hedges,
        "vague_source": vague,
    }
