"""Finding more mentions of known clusters: names spaCy skipped, places inside institutions.

Why: the small model tags a name in one sentence and misses it in the next ("Gareth Pryce" …
"Pryce"), and all-caps headings repeat names in another case ("GENERAL STAFF"). Once an
article has told us who is who, every further capitalised occurrence of a known alias is a
mention of that cluster; and an institution named after a civic place ("Marlow City Hall")
tells us its first word is a place when it stands alone.
"""

from __future__ import annotations

import re
from typing import Any

from presslens.layers.entities.clusters import (
    Cluster,
    brand_tail,
    nearest_cluster,
    words_of,
)
from presslens.layers.entities.mentions import W_CONTEXT, Mention, extend_titles
from presslens.layers.entities.rules import (
    ACRONYM_STOPWORDS,
    CIVIC_WORDS,
    GIVEN_NAME_HONORIFICS,
    ORG_HEADS,
    bare,
)

# Shortest single-word alias re-searched in the text ("Li" would match too much noise).
MIN_ALIAS_CHARS = 3


# -- finding more mentions of known clusters -------------------------------------------------------
def rescan(clusters: list[Cluster], mentions: list[Mention], text: str, sdoc: Any) -> list[Mention]:
    """Occurrences of known names that spaCy did not tag ("Pryce" after "Gareth Pryce").

    All aliases are searched in one pass (:func:`find_aliases`, longest first) so long texts
    with many names stay linear; an alias shared by two clusters goes to the nearer one.
    """
    owners: dict[tuple[str, bool], list[Cluster]] = {}
    labels = {c.id: c.label() for c in clusters}
    for c in clusters:
        for alias, case_insensitive in _aliases(c, labels[c.id]):
            key = alias.lower() if case_insensitive else alias
            owners.setdefault((key, case_insensitive), []).append(c)
    added: list[Mention] = []
    covered = bytearray(len(text) + 1)
    for x in mentions:
        covered[x.start : x.end] = b"\x01" * (x.end - x.start)
    for case_insensitive in (True, False):
        keys = [k for k, ci in owners if ci == case_insensitive]
        for s, e, found in find_aliases(text, keys, case_insensitive):
            if any(covered[s:e]) or not _name_cased(found):
                continue  # "state visit" is not the heading "State Visit"
            key = found.lower() if case_insensitive else found
            new = _alias_mention(owners[(key, case_insensitive)], labels, s, e, text, sdoc, covered)
            if new is not None:
                added.append(new)
    return added


# A word as the alias search sees it; an alias can only match where the text's word at that
# position equals the alias's first word (both are maximal runs of word characters).
_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<![\w-])\w+")


def find_aliases(
    text: str, aliases: list[str], case_insensitive: bool
) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences of ``aliases`` standing as whole words, left to right,
    the longest alias first where several start at the same place: ``(start, end, found)``.

    The same matches as one regex alternation of all aliases, ``(?<![\\w-])(?:a|b|…)(?![\\w-])``,
    but aliases are grouped by their first word and only the group of the word at hand is
    tried: linear in the text, where the alternation cost text × aliases (issue 16: pages of
    thousands of names). Aliases that do not open with a word character keep the regex.
    """
    by_first: dict[str, list[str]] = {}
    odd: list[str] = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        first = _WORD.match(alias)
        if first is None:
            odd.append(alias)
        else:
            by_first.setdefault(
                first.group(0).lower() if case_insensitive else first.group(0), []
            ).append(alias)
    found: list[tuple[int, int, str]] = []
    pos = 0
    for word in _WORD_START.finditer(text):
        s = word.start()
        if s < pos:
            continue
        key = word.group(0).lower() if case_insensitive else word.group(0)
        for alias in by_first.get(key, ()):
            e = s + len(alias)
            piece = text[s:e]
            if (piece.lower() == alias.lower() if case_insensitive else piece == alias) and not (
                e < len(text) and (text[e].isalnum() or text[e] in "_-")
            ):
                found.append((s, e, piece))
                pos = e
                break
    if odd:
        flags = re.I if case_insensitive else 0
        alternation = "|".join(re.escape(k) for k in odd)
        taken = bytearray(len(text) + 1)
        for s, e, _ in found:
            taken[s:e] = b"\x01" * (e - s)
        for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text, flags):
            if not any(taken[m.start() : m.end()]):
                found.append((m.start(), m.end(), m.group(0)))
        found.sort()
    return found


def _alias_mention(
    candidates: list[Cluster],
    labels: dict[int, str],
    s: int,
    e: int,
    text: str,
    sdoc: Any,
    covered: bytearray,
) -> Mention | None:
    span = sdoc.char_span(s, e, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    if (
        " " not in text[s:e]
        and len(span) == 1
        and span[0].tag_ != "NNP"
        and not text[s:e].isupper()
    ):
        return None
    probe = Mention(start=s, end=e, name_start=s)
    c = nearest_cluster(candidates, probe) if len(candidates) > 1 else candidates[0]
    label = labels[c.id]
    first = extend_titles(sdoc, span[0].i) if label == "PERSON" else span[0].i
    start = sdoc[first].idx
    if any(covered[start:s]):
        start = s
    new = Mention(
        start=start,
        end=e,
        name_start=s,
        origin="alias",
        cluster=c.id,
        n_words=len(words_of(text[s:e])),
    )
    if start != s:
        new.honorific = bare(sdoc[first].text)
    new.vote(label, 0.5)
    c.add(new)
    covered[start:e] = b"\x01" * (e - start)
    return new


def _name_cased(found: str) -> bool:
    """All capitals, or every word capitalised except little connecting words."""
    words = found.split()
    return (
        found.isupper()
        or all(w[:1].isupper() or w.lower() in ACRONYM_STOPWORDS for w in words)
        and words[0][:1].isupper()
    )


def _aliases(c: Cluster, label: str) -> list[tuple[str, bool]]:
    """Strings that name cluster ``c``: its forms, and a person's surname (given name too when
    the article used it after an honorific). Multi-word forms match case-insensitively, so the
    all-caps heading "GENERAL STAFF" joins "General Staff"."""
    out: list[tuple[str, bool]] = []
    for surface in c.surfaces.values():
        if len(words_of(surface)) >= 2:
            out.append((surface, True))
        elif label != "PERSON":
            out.append((surface, False))
    if label == "ORG" and len(c.words) >= 3 and bare(c.words[-1]) in ORG_HEADS:
        tail = c.words[-2:]
        if all(w[:1].isupper() for w in tail):
            out.append((" ".join(tail), False))  # "Harbour Authority" in a headline
    if label != "PERSON" and len(c.words) >= 2 and brand_tail(c.words[1:]):
        out.append((c.words[0], False))  # "Brightwater", "Sava"
    if label == "PERSON" and len(c.words) >= 2:
        out.append((c.words[-1], False))
        if any(m.honorific in GIVEN_NAME_HONORIFICS for m in c.mentions):
            out.append((c.words[0], False))
    return [(a, ci) for a, ci in out if len(a) >= MIN_ALIAS_CHARS]


def place_prefixes(
    clusters: list[Cluster], mentions: list[Mention], text: str, sdoc: Any
) -> list[Mention]:
    """ "Marlow" alone when the article names "Marlow City Hall": institutions named after a
    place ("X City Hall", "X Regional Health Board") tell us X is a place (GPE)."""
    added: list[Mention] = []
    taken = list(mentions)
    for c in clusters:
        if c.label() not in ("ORG", "FAC") or len(c.words) < 2:
            continue
        rest = {bare(w) for w in c.words[1:]}
        if not rest & CIVIC_WORDS:
            continue
        place = c.words[0]
        if len(place) < MIN_ALIAS_CHARS or not place[:1].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", text):
            s, e = match.span()
            if any(s < x.end and x.start < e for x in taken):
                continue
            span = sdoc.char_span(s, e)
            if span is None or span[0].tag_ != "NNP":
                continue
            new = Mention(start=s, end=e, name_start=s, origin="place-prefix")
            new.vote("GPE", W_CONTEXT)
            taken.append(new)
            added.append(new)
    return added
