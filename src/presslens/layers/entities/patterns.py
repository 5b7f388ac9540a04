"""Entity mentions spaCy's small model misses, recognised by their shape or position.

Why: the model skips datelines ("KESTRA, March 4 (Meridian Wire) —"), titled surnames it has
not seen ("General Varga"), landforms ("River Tell"), capitalised organisation names it does not
know ("General Staff", also in all-caps headings), the tail of an institution after a saint's
name ("St. Mary" + "'s Primary School") and acronyms defined in brackets ("(MoT)"). Each
function adds mentions with label votes; overlaps with spaCy's mentions are resolved by
``merge`` in the caller.
"""

from __future__ import annotations

import re
from typing import Any

from presslens.layers.entities.mentions import (
    W_DATELINE,
    W_HEAD,
    W_SPACY,
    Mention,
    covered_map,
    extend_titles,
)
from presslens.layers.entities.rules import (
    FAC_HEADS,
    LEADING_DETERMINERS,
    ORG_HEADS,
    PERSON_HONORIFICS,
    bare,
    is_title,
)

# Datelines open the body; a press-release dump may have a header line and a headline first.
DATELINE_PARAGRAPHS = 3

# Most tokens a name can have after a title when we build a mention spaCy missed.
MAX_NAME_TOKENS = 3


def title_name_mentions(sdoc: Any, text: str, taken: list[Mention]) -> list[Mention]:
    """ "General Varga", "Judge X" where spaCy found nothing: a title then capitalised names."""
    covered = covered_map(taken, len(text))
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


def pattern_mentions(sdoc: Any, text: str, taken: list[Mention]) -> list[Mention]:
    """Names spaCy misses that their shape gives away: "River Tell", "the General Staff"."""
    out = [m for m in _loc_patterns(text)]
    covered = covered_map(taken + out, len(text))
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
    """ "St. Mary" + "'s Primary School": grow a mention over the head noun that follows it."""
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
