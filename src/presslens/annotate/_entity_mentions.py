"""Entity mentions: spaCy's NER spans, repaired, plus mentions spaCy misses.

Why: spaCy's small model gets most names but with systematic span errors on news text — it
drops titles ("Brig. Gen." outside "Tomas Varga"), keeps a leading "the", tags share-bar words
and currency codes, and misses datelines and all-caps headings. Each function here fixes one
of those, and records *label votes* with a weight so that the cluster step can decide a label
from all the evidence in the article (a title says PERSON, "in X" says place, an ORG head noun
says ORG) instead of trusting one noisy prediction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from presslens.annotate._entity_rules import (
    CURRENCY_CODES,
    DEMONYM_SUFFIXES,
    EVENT_HEADS,
    FAC_HEADS,
    LEADING_DETERMINERS,
    LOC_WORDS,
    LOCATIVE_PREPOSITIONS,
    MOTION_WORDS,
    NUMERIC_LABELS,
    ORG_HEADS,
    PERSON_HONORIFICS,
    PLACE_NOUNS,
    POST_NOMINALS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    UI_WORDS,
    bare,
    is_title,
)

# Evidence weights for label votes. spaCy's own label is the baseline (1); rule evidence
# outweighs it because each rule fires only on an unambiguous signal.
W_SPACY = 1.0
W_MULTIWORD_PERSON = 1.0  # extra for a 2+ word PERSON: full names are spaCy's strongest case
W_HEAD = 2.5  # ORG/FAC/LOC head noun in the name: beats a two-word PERSON guess (2)
W_CONTEXT = 2.5  # "in X", "the town of X", "X and <place>": beats a two-word PERSON guess
W_TITLE = 3.0  # a personal title or honorific before the name
W_DATELINE = 5.0  # the dateline's place and agency

# Brackets never sit inside a name; spaCy sometimes runs a span across "(NDL)".
BRACKETS = frozenset("()[]{}")

# Datelines open the body; a press-release dump may have a header line and a headline first.
DATELINE_PARAGRAPHS = 3

# Most tokens a name can have after a title when we build a mention spaCy missed.
MAX_NAME_TOKENS = 3


@dataclass
class Mention:
    """A candidate entity mention with character offsets and weighted label votes."""

    start: int
    end: int
    name_start: int  # where the name begins after titles/honorifics
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    honorific: str | None = None  # first title word, lower-case without period
    origin: str = "spacy"
    cluster: int | None = None
    nominal: bool = False  # "the commander": a back-reference, not a name
    n_words: int = 0  # words in the name, set when the mention joins a cluster

    def vote(self, label: str, weight: float) -> None:
        self.votes[label] += weight

    @property
    def label(self) -> str:
        return max(self.votes.items(), key=lambda kv: kv[1])[0] if self.votes else "ORG"

    def name(self, text: str) -> str:
        return text[self.name_start : self.end]


def _tokens_between(sdoc: Any, start: int, end: int) -> list[Any]:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def extend_titles(sdoc: Any, first_token_i: int) -> int:
    """Index of the first token of the title sequence right before ``first_token_i``.

    spaCy sometimes splits an abbreviated title from its period ("Brig", "." before "Gen."),
    so a bare "." glued to a title word is stepped over as part of that title.
    """
    i = first_token_i
    while i > 0:
        prev = sdoc[i - 1]
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            break
        if prev.text == "." and i >= 2 and not sdoc[i - 2].whitespace_ and is_title(sdoc[i - 2].text):
            i -= 2
            continue
        if is_title(prev.text):
            i -= 1
            continue
        # "Foreign Minister", "Deputy Mayor": a modifier counts only before a title word
        if prev.text[:1].isupper() and bare(prev.text) in TITLE_MODIFIERS and is_title(sdoc[i].text):
            i -= 1
            continue
        break
    return i


def _leading_titles(tokens: list[Any]) -> int:
    """How many leading tokens of a span are titles/honorifics (at least one name must stay)."""
    n = 0
    while n < len(tokens) - 1 and (
        is_title(tokens[n].text)
        or (tokens[n].text == "." and n > 0 and is_title(tokens[n - 1].text))
        or (bare(tokens[n].text) in TITLE_MODIFIERS and is_title(tokens[n + 1].text))
    ):
        n += 1
    return n


def _clean_tokens(tokens: list[Any]) -> list[Any]:
    """Drop a leading article, trailing possessive/punctuation/lower-case words ("Basij
    forces") and post-nominal letters; cut at a bracket ("IRGC) Ground Force" → "IRGC")."""
    for k, tok in enumerate(tokens):
        if tok.text in BRACKETS and k:
            tokens = tokens[:k]
            break
    while tokens and tokens[0].lower_ in LEADING_DETERMINERS:
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].text in ("'s", "’s", "'", "’")
        or (tokens[-1].is_punct and not tokens[-1].text.endswith("."))
        or tokens[-1].text in POST_NOMINALS
        or (tokens[-1].is_lower and tokens[-1].is_alpha and len(tokens) > 1)
    ):
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    return tokens


def _is_junk(tokens: list[Any], label: str) -> bool:
    """Spans that are not names: UI words, currency codes, single letters, code-like tokens."""
    text = " ".join(t.text for t in tokens)
    if not tokens or not any(ch.isalpha() for ch in text):
        return True
    if text.lower() in UI_WORDS or tokens[0].text in CURRENCY_CODES or tokens[-1].text in CURRENCY_CODES:
        return True  # share bars; "EUR 5" is an amount (quantities layer)
    if len(tokens) == 1 and len(text.rstrip(".")) == 1:
        return True  # "D." of "vitamin D."
    if label in ("PERSON", "NORP", "GPE", "LOC") and any(ch.isdigit() for ch in text):
        return True  # "D3": a person or place name has no digits
    return False


def from_spacy(sdoc: Any, text: str) -> list[Mention]:
    """spaCy's non-numeric entities with repaired spans and their label votes."""
    out: list[Mention] = []
    for ent in sdoc.ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        for part in _split_possessive(list(ent), text):
            m = _mention(sdoc, text, part, ent.label_)
            if m is not None:
                out.append(m)
    return out


def _split_possessive(tokens: list[Any], text: str) -> list[list[Any]]:
    """"Intellihub's Shepard Ambellas" is two names when the article also names "Intellihub"
    on its own; "Lloyd's List", "People's Liberation Army", "St. Mary's Hospital" stay one."""
    for k, tok in enumerate(tokens[:-1]):
        if k and tok.text in ("'s", "’s"):
            right = tokens[k + 1 :]
            if bare(right[-1].text) in ORG_HEADS | FAC_HEADS:
                return [tokens]
            left = text[tokens[0].idx : tok.idx]
            whole = text[tokens[0].idx : right[-1].idx + len(right[-1].text)]
            if text.count(left) > text.count(whole):
                return [tokens[:k], right]
            return [tokens]
    return [tokens]


def _mention(sdoc: Any, text: str, tokens: list[Any], label: str) -> Mention | None:
    """One repaired spaCy mention, or None when nothing name-like is left."""
    tokens = _clean_tokens(tokens)
    if _is_junk(tokens, label):
        return None
    first = tokens[0].i
    title_start = extend_titles(sdoc, first) if label == "PERSON" else first
    span_tokens = list(sdoc[title_start : tokens[-1].i + 1])
    n_titles = _leading_titles(span_tokens)
    start, end = span_tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if "\n" in text[start:end]:
        return None
    name_tokens = span_tokens[n_titles:]
    m = Mention(start=start, end=end, name_start=name_tokens[0].idx)
    m.vote(label, W_SPACY)
    if label == "PERSON" and len(name_tokens) >= 2:
        m.vote("PERSON", W_MULTIWORD_PERSON)
    if n_titles:
        m.honorific = bare(span_tokens[0].text)
    return m


def title_name_mentions(sdoc: Any, text: str, taken: list[Mention]) -> list[Mention]:
    """"General Varga", "Judge X" where spaCy found nothing: a title then capitalised names."""
    covered = _covered(taken, len(text))
    out: list[Mention] = []
    i = 0
    n = len(sdoc)
    while i < n:
        tok = sdoc[i]
        if not is_title(tok.text) or bare(tok.text) not in PERSON_HONORIFICS or covered[tok.idx]:
            i += 1
            continue
        j = i
        while j + 1 < n and is_title(sdoc[j + 1].text):
            j += 1
        k = j + 1
        names = []
        while (
            k < n
            and len(names) < MAX_NAME_TOKENS
            and sdoc[k].text[:1].isupper()
            and sdoc[k].is_alpha
            and not covered[sdoc[k].idx]
            and bare(sdoc[k].text) not in ORG_HEADS
            and "\n" not in sdoc[k - 1].whitespace_
        ):
            names.append(sdoc[k])
            k += 1
        if names and sdoc[i].i == extend_titles(sdoc, sdoc[i].i):
            start, end = tok.idx, names[-1].idx + len(names[-1].text)
            m = Mention(start=start, end=end, name_start=names[0].idx, origin="title")
            m.honorific = bare(tok.text)
            m.vote("PERSON", W_SPACY)
            out.append(m)
            for t in range(start, end):
                covered[t] = True
        i = k if names else i + 1
    return out


def _covered(mentions: list[Mention], n: int) -> list[bool]:
    covered = [False] * (n + 1)
    for m in mentions:
        for t in range(m.start, m.end):
            covered[t] = True
    return covered


def add_evidence(mentions: list[Mention], sdoc: Any, text: str) -> None:
    """Label votes from titles, head nouns and the words around each mention."""
    places = {text[m.start : m.end] for m in mentions if m.label in ("GPE", "LOC")}
    for m in mentions:
        words = text[m.name_start : m.end].split()
        if not words:
            continue
        first, last = bare(words[0]), bare(words[-1])
        if m.honorific in PERSON_HONORIFICS and last not in ORG_HEADS:
            m.vote("PERSON", W_TITLE)
        # the last word is the head ("Canal Road" is a road); a landform word may lead
        if len(words) >= 2 and last in EVENT_HEADS:
            m.vote("EVENT", W_HEAD)
        elif len(words) >= 2 and last in ORG_HEADS:
            m.vote("ORG", W_HEAD)
        elif len(words) >= 2 and last in FAC_HEADS:
            m.vote("FAC", W_HEAD)
        elif len(words) >= 2 and (first in LOC_WORDS or last in LOC_WORDS):
            m.vote("LOC", W_HEAD)
        if m.honorific is None and not (len(words) == 1 and first.endswith(LANGUAGE_ENDINGS)) and (
            _place_context(text, m.start) or PLACE_NOUN_AFTER.match(text, m.end)
        ):
            m.vote("GPE", W_CONTEXT)
        if INITIALS_NAME.match(text, m.name_start, m.end):
            m.vote("PERSON", W_TITLE)  # "H. P. Lunde": initials then a surname
        elif m.honorific is None and len(words) >= 2 and _title_before(text, m.start):
            m.vote("PERSON", W_TITLE)  # "the Deputy Foreign Minister of X, Elnur Mammadli"
        elif m.honorific is None and len(words) >= 2 and _person_appositive(text, m.end, sdoc):
            m.vote("PERSON", W_TITLE)  # "Eliana Murillo, head of multicultural marketing"
        if (
            len(words) == 1
            and m.label in ("PERSON", "GPE")
            and m.honorific is None
            and (
                words[0].lower().endswith(DEMONYM_SUFFIXES)
                or any(_derives_from(words[0], p) for p in places)
            )
            and _next_is_lower_noun(sdoc, text, m.end)
        ):
            m.vote("NORP", W_TITLE)  # "the Arvanian minister", "Kestran officials": adjectives


# Initials before a capitalised surname: "H. P. Lunde", "J.R.R. Tolkien".
INITIALS_NAME = re.compile(r"(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+")
# A title phrase ending right before ", <name>": "… Foreign Minister of Azerbaijan, ".
TITLE_BEFORE = re.compile(
    r"([A-Z][a-z]+)(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,4})?,\s+$"
)


# "the Eastbank district", "Halvik province": a place noun right after the name.
PLACE_NOUN_AFTER = re.compile(
    r" (?:" + "|".join(sorted(PLACE_NOUNS - {"state", "states", "port", "capital"})) + r")\b"
)


# "in Spanish", "in Arabic": a language after "in", not a place.
LANGUAGE_ENDINGS = ("ish", "ese", "ic", "ian")
# Role nouns of people in an appositive right after a name ("X, the commander of …").
PERSON_ROLE_NOUNS = frozenset(
    """
    head chief director spokesman spokeswoman spokesperson minister president economist
    analyst professor author lawyer attorney judge commander officer official founder
    executive manager leader member secretary ambassador editor reporter correspondent
    researcher scientist doctor physician chairman chairwoman governor mayor senator adviser
    advisor aide deputy envoy negotiator owner partner prosecutor candidate activist
    """.split()
)


def _person_appositive(text: str, end: int, sdoc: Any) -> bool:
    """A comma then a person's role noun phrase: "X, the commander of …", "X, head of …"."""
    match = PERSON_APPOSITIVE.match(text, end)
    if not match or match.group(1) not in PERSON_ROLE_NOUNS:
        return False
    span = sdoc.char_span(match.start(1), match.end(1))
    return span is not None and span[0].pos_ == "NOUN"


# ", (the|a|an|its|his|her)? (up to four modifiers) ROLE (of|at|for|in|, . ;)":
# "Eliana Murillo, Google's Multicultural Marketing department head."
PERSON_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w'’-]+\s+){0,4}?([a-z]+)"
    r"(?=\s+(?:of|at|for|in|with|to)\b|[,.;])"
)


def _title_before(text: str, start: int) -> bool:
    match = TITLE_BEFORE.search(text[max(0, start - 80) : start])
    return bool(match) and bare(match.group(1)) in TITLE_WORDS


def _derives_from(word: str, place: str) -> bool:
    """"Kestran" from "KESTRA", "Arvanian" from "Arvania": a demonym built on a place name."""
    w, p = word.lower(), place.lower()
    return len(p) >= MIN_DEMONYM_STEM and w != p and w.startswith(p[:-1]) and len(w) - len(p) <= 3


# Shortest place name we derive demonyms from ("Iran" → "Iranian" works, "Ur" does not).
MIN_DEMONYM_STEM = 4


def _place_context(text: str, start: int) -> bool:
    """True when the words before ``start`` say a place follows ("in", "the town of")."""
    before = text[max(0, start - 40) : start]
    words = re.findall(r"[A-Za-z]+", before)
    if not words or not before.endswith((" ", "\u00a0")):
        return False
    if words[-1].lower() in LOCATIVE_PREPOSITIONS and words[-1].islower():
        return True
    if len(words) >= 2 and words[-1] in ("to", "from") and words[-2].lower() in MOTION_WORDS:
        return True  # "a flight to Varonne", "the crossing to Skarra", "fled from Halvik"
    return len(words) >= 2 and words[-1] == "of" and words[-2].lower() in PLACE_NOUNS


def _next_is_lower_noun(sdoc: Any, text: str, end: int) -> bool:
    # never ``sdoc.text``: spaCy rebuilds the whole string on every access
    span = sdoc.char_span(end, min(len(text), end + 40), alignment_mode="expand")
    if span is None:
        return False
    toks = [t for t in span if not t.is_space]
    return bool(toks) and toks[0].idx >= end and toks[0].is_lower and toks[0].pos_ == "NOUN"


def dateline_mentions(doc: Any, text: str) -> list[Mention]:
    """The dateline's place (GPE) and agency (ORG), from the extraction's dateline parser.

    The first of the opening paragraphs whose dateline has a date or an agency wins; a bare
    all-caps line ("PRESS RELEASE --") parses as a place too, so it is only used when its
    place is not made of ordinary words.
    """
    from presslens.extract.dateline import parse_dateline
    from presslens.nlp import dictionary_words

    words = dictionary_words()
    for para in (doc.layers.get("paragraphs") or [])[:DATELINE_PARAGRAPHS]:
        chunk = text[para["start"] : para["end"]]
        parsed = parse_dateline(chunk)
        if parsed is None:
            continue
        dateline, offset = parsed
        place = (dateline.place or "").split(",")[0].strip()
        if not (dateline.date or dateline.agency) and all(
            w.lower() in words for w in place.split()
        ):
            continue
        head = chunk[:offset]
        out: list[Mention] = []
        for value, label in ((place, "GPE"), (dateline.agency, "ORG")):
            i = head.find(value) if value else -1
            if i >= 0:
                start = para["start"] + i
                m = Mention(start, start + len(value), start, origin="dateline")
                m.vote(label, W_DATELINE)
                out.append(m)
        return out
    return []


def merge_adjacent_persons(mentions: list[Mention], text: str) -> list[Mention]:
    """Join "Prof. Anders" + "Holm" when spaCy cut one name in two (only a space between)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end : m.start] == " "
            and prev.label == "PERSON"
            and m.label == "PERSON"
            and m.honorific is None
        ):
            prev.end = m.end
            for label, weight in m.votes.items():
                prev.vote(label, weight)
            continue
        out.append(m)
    return out


def pattern_mentions(sdoc: Any, text: str, taken: list[Mention]) -> list[Mention]:
    """Names spaCy misses that their shape gives away: "River Tell", "the General Staff"."""
    out = [m for m in _loc_patterns(text)]
    covered = _covered(taken + out, len(text))
    for m in _org_patterns(sdoc):
        if not any(covered[m.start : m.end]):
            out.append(m)
    return out


# "River Tell", "Lake Vara", "Mount Elbrus" / "Sava River", "Kessel Ridge".
LOC_BEFORE = re.compile(r"\b(?:River|Lake|Mount|Mt\.)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
LOC_AFTER = re.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:River|Lake|Sea|Mountains|Valley|Glacier|Desert|"
    r"Ridge|Gulf|Bay|Strait|Peninsula)\b"
)


def _loc_patterns(text: str) -> list[Mention]:
    out = []
    for pattern in (LOC_BEFORE, LOC_AFTER):
        for match in pattern.finditer(text):
            first = match.group(0).split()[0].lower()
            if first in LEADING_DETERMINERS or "\n" in match.group(0):
                continue
            m = Mention(match.start(), match.end(), match.start(), origin="pattern")
            m.vote("LOC", W_HEAD)
            out.append(m)
    return out


# Longest organisation name built from capitalised words before a head noun.
MAX_ORG_WORDS = 6
ORG_CONNECTORS = frozenset({"of", "and", "for", "&"})


def _org_patterns(sdoc: Any) -> list[Mention]:
    """Capitalised word runs ending in an ORG head noun ("General Staff", "GENERAL STAFF")."""
    out = []
    for tok in sdoc:
        if not tok.text[:1].isupper() or bare(tok.text) not in ORG_HEADS:
            continue
        i = tok.i
        while i > 0 and tok.i - i < MAX_ORG_WORDS:
            prev = sdoc[i - 1]
            if "\n" in prev.whitespace_ or prev.lower_ in LEADING_DETERMINERS:
                break
            if prev.text[:1].isupper() and prev.is_alpha:
                i -= 1
            elif prev.lower_ in ORG_CONNECTORS and i - 2 >= 0 and sdoc[i - 2].text[:1].isupper():
                i -= 1
            else:
                break
        while i < tok.i and sdoc[i].lower_ in ORG_CONNECTORS:
            i += 1
        if i == tok.i:
            continue
        m = Mention(sdoc[i].idx, tok.idx + len(tok.text), sdoc[i].idx, origin="pattern")
        m.vote("ORG", W_HEAD)
        out.append(m)
    return out


def extend_heads(mentions: list[Mention], text: str) -> None:
    """"St. Mary" + "'s Primary School": grow a mention over the head noun that follows it."""
    starts = sorted(m.start for m in mentions)
    for m in mentions:
        match = HEAD_AFTER.match(text, m.end)
        if not match:
            continue
        if match.group(1) and m.label == "PERSON":
            continue  # "Varga's Defence Ministry" is two entities
        words = list(re.finditer(r"[A-Z][\w-]*", match.group(2)))
        heads = [w for w in words if bare(w.group(0)) in ORG_HEADS | FAC_HEADS]
        if not heads:
            continue
        last = heads[-1].group(0)
        end = match.start(2) + heads[-1].end()
        if any(m.end < s < end for s in starts):
            continue
        m.end = end
        m.vote("ORG" if bare(last) in ORG_HEADS else "FAC", W_HEAD)


# Optional possessive then one to three capitalised words right after a mention.
HEAD_AFTER = re.compile(r"(['’]s)?((?:[ ]+[A-Z][\w-]*){1,3})")


# "(NDL)", "(MoT)" right after an organisation's name: its acronym, defined on the spot.
PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,4})\)")


def acronym_mentions(mentions: list[Mention], text: str) -> list[Mention]:
    """An acronym in brackets right after an ORG/GPE name, which spaCy often leaves out."""
    out = []
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.label not in ("ORG", "GPE", "FAC", "LOC", "EVENT", "LAW"):
            continue
        match = PAREN_ACRONYM.match(text, m.end)
        if not match or match.start(1) in starts:
            continue
        if sum(ch.isupper() for ch in match.group(1)) < 2:
            continue
        a = Mention(match.start(1), match.end(1), match.start(1), origin="acronym")
        a.vote(m.label, W_HEAD)
        out.append(a)
    return out


def merge(preferred: list[Mention], others: list[Mention]) -> list[Mention]:
    """``preferred`` plus every mention of ``others`` that overlaps none of them."""
    out = list(preferred)
    for m in others:
        if not any(m.start < p.end and p.start < m.end for p in preferred):
            out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))
