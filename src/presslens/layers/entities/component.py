"""Entities: named mentions with labels, alias clusters and canonical names.

How: spaCy's small English NER (the shared parse, ``ctx.parse()``) proposes mentions;
``mentions`` repairs their spans and adds what spaCy misses (titles, datelines,
"General Varga"); ``clusters`` groups aliases within the article, re-finds known names
spaCy skipped, adds nominal back-references ("the commander") and decides each cluster's label
from all its evidence. Output: ``{"start","end","label","cluster","canonical"}`` per mention,
clusters numbered "e1", "e2", … in order of first mention.

Why not spaCy alone: on the gold, raw spaCy gets the span exactly right for well under
two-thirds of mentions (leading "the", titles outside, share-bar words) and has no notion of
one person named five ways; see bench/README.md, "## Layers", for both side by side.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.deadline import check as check_deadline
from presslens.document import Document
from presslens.layers.entities.aliases import place_prefixes, rescan
from presslens.layers.entities.clusters import (
    Cluster,
    canonical,
    cluster_mentions,
    coordinate_places,
)
from presslens.layers.entities.evidence import add_evidence
from presslens.layers.entities.mentions import (
    Mention,
    from_spacy,
    merge,
    merge_adjacent_persons,
)
from presslens.layers.entities.nominals import nominal_mentions
from presslens.layers.entities.patterns import (
    acronym_mentions,
    dateline_mentions,
    extend_heads,
    pattern_mentions,
    title_name_mentions,
)
from presslens.layers.registry import register
from presslens.settings import Settings
from presslens.vocab.entities import ENTITY_LABELS

# A single all-caps dictionary word this long is a heading word ("END", "UPDATE"), shorter
# ones are acronyms ("EU", "US").
MIN_CAPS_WORD = 3

# Parts of speech of a capitalised dictionary word that is not being used as a name.
NON_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "INTJ", "AUX"})

# Labels the layer emits; anything else spaCy produces is dropped.
LABELS = frozenset(ENTITY_LABELS)


def _inside_one(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies inside a single sentence (or there are no sentences).

    ``spans`` are sorted and do not overlap (the sentences layer), so the only candidate is
    the last sentence starting at or before ``start``: a binary search, not a scan of every
    sentence for every mention (quadratic on long pages, issue 16)."""
    if not spans:
        return True
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _is_common_words(c: Cluster, text: str, sentence_starts: set[int], sdoc: Any) -> bool:
    """A one-mention cluster made of ordinary words where capitals prove nothing: a heading's
    first word ("Rest centre opened"), an all-caps line ("PRESS RELEASE"), a capitalised
    adjective the tagger itself does not call a proper noun ("Guilty", "Presidential"). Names
    used as such are repeated, titled or multi-word proper nouns, so they survive this test."""
    from presslens.nlp import dictionary_words

    named = [m for m in c.mentions if not m.nominal]
    if len(named) != 1 or named[0].honorific or named[0].origin == "dateline":
        return False
    m = named[0]
    name = text[m.start : m.end]
    words = dictionary_words()
    if not all(w.lower().strip(".") in words for w in name.split()):
        return False
    if name.isupper():
        # "PRESS RELEASE", "THE END"; a lone "EU" or "US" is an acronym
        return len(name.split()) >= 2 or len(name) >= MIN_CAPS_WORD
    if len(name.split()) != 1:
        return False
    if m.start in sentence_starts:
        return True
    if c.label() in ("NORP", "LANGUAGE"):
        return False  # "Dutch", "Qatari" are adjectives and dictionary words, and still NORP
    token = sdoc.char_span(m.start, m.end)
    return token is not None and token[0].pos_ in NON_NAME_POS


def finalize(mentions: list[Mention], text: str, sdoc: Any) -> list[Cluster]:
    """Cluster the mentions, find more mentions of the clusters, return the clusters.

    Place prefixes ("Marlow" from "Marlow City Hall") are new names, so clustering reruns when
    they are found; nominal back-references come last because they need final labels.
    """
    clusters = cluster_mentions(mentions, text)
    check_deadline()
    mentions.extend(rescan(clusters, mentions, text, sdoc))
    extra = place_prefixes(clusters, mentions, text, sdoc)
    if extra:
        check_deadline()
        mentions[:] = merge(mentions, extra)
        for m in mentions:
            m.cluster = None
        clusters = cluster_mentions(mentions, text)
    check_deadline()
    coordinate_places(clusters, mentions, text)
    mentions.extend(nominal_mentions(clusters, mentions, text, sdoc))
    check_deadline()
    return clusters


def annotate_entities(doc: Document, sdoc: Any) -> list[dict[str, Any]]:
    """The entities layer for ``doc`` given its spaCy parse ``sdoc`` (of ``doc.text``)."""
    text = doc.text
    mentions: list[Mention] = merge(dateline_mentions(doc, text), from_spacy(sdoc, text))
    mentions = merge_adjacent_persons(mentions, text)
    mentions = merge(mentions, title_name_mentions(sdoc, text, mentions))
    mentions = merge_adjacent_persons(mentions, text)
    extend_heads(mentions, text)
    check_deadline()
    mentions = merge(pattern_mentions(sdoc, text, mentions), mentions)
    add_evidence(mentions, sdoc, text)
    mentions = merge(mentions, acronym_mentions(mentions, text))
    check_deadline()
    clusters = finalize(mentions, text, sdoc)
    sentences = sorted((s["start"], s["end"]) for s in doc.layers.get("sentences", []))
    starts = {a for a, _ in sentences}
    dropped = {c.id for c in clusters if _is_common_words(c, text, starts, sdoc)}
    labels = {c.id: c.label() for c in clusters}
    names = {c.id: canonical(c, text) for c in clusters}
    kept = [
        m
        for m in sorted(mentions, key=lambda m: (m.start, m.end))
        if m.cluster is not None
        and m.cluster not in dropped
        and labels[m.cluster] in LABELS
        and _inside_one(sentences, m.start, m.end)
    ]
    public: dict[int, str] = {}
    out: list[dict[str, Any]] = []
    for m in kept:
        cid = public.setdefault(m.cluster, f"e{len(public) + 1}")
        label = labels[m.cluster]
        if label == "NORP" and m.label != "NORP":
            continue
        out.append(
            {
                "start": m.start,
                "end": m.end,
                "label": label,
                "cluster": cid,
                "canonical": names[m.cluster] or text[m.start : m.end],
            }
        )
    return out


@register(
    "presslens.entities.v1",
    assigns="entities",
    needs=("sentences",),
    description="spaCy NER + title/alias/acronym rules, alias clusters, canonical names",
    languages=("en",),
    parses=True,
)
def make(settings: Settings, models: Models) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Factory: loads the Pipeline's spaCy parser once; the annotator reads the shared parse."""
    parser = models.parser

    def annotate(doc: Document, ctx: Context) -> list[dict[str, Any]]:
        return annotate_entities(doc, ctx.parse())

    annotate.model = parser.sha256  # type: ignore[attr-defined]
    return annotate
