"""presslens.timexes.v1 — dates, times, durations and sets with ISO/TIMEX3 values.

Values are resolved against the publication date (``metadata.published``, else the dateline
date); without either, relative expressions ("last Tuesday") keep ``value`` null rather than
guessing. Granularity is what the text says: "March 2019" → ``2019-03``, "the late 1990s" →
``199X`` with ``qualifier`` "late", "1990-1991" → ``1990/1991`` with ``low``/``high``.
The grammar lives in ``rules`` (one named regex per construction), the resolution
judgement calls in ``resolve``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from presslens.context import Context, Models
from presslens.deadline import check as check_deadline
from presslens.document import Document
from presslens.layers.registry import register
from presslens.layers.timexes.resolve import anchor_date
from presslens.layers.timexes.rules import scan
from presslens.settings import Settings


def find_timexes(
    text: str, anchor: dt.date | None, sentences: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Timex annotations over ``text`` (offsets into it), sentence by sentence.

    Reading one sentence at a time keeps tense cues local: a "will" in the next sentence must
    not push "Tuesday" into the future.
    """
    return _find(text, anchor, sentences or [{"start": 0, "end": len(text)}])


def _find(text: str, anchor: dt.date | None, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for sent in spans:
        check_deadline()
        base = sent["start"]
        for t in scan(text[base : sent["end"]], anchor):
            ann: dict[str, Any] = {
                "start": base + t.start,
                "end": base + t.end,
                "kind": t.kind,
                "value": t.value,
            }
            ann.update(t.extra)
            out.append(ann)
    return out


def document_anchor(doc: Document) -> dt.date | None:
    """The date relative expressions are resolved against."""
    dateline = doc.metadata.dateline.date if doc.metadata.dateline else None
    return anchor_date(doc.metadata.published, dateline, doc.metadata.modified)


@register("presslens.timexes.v1", assigns="timexes", needs=("sentences",), languages=("en",))
def make(
    settings: Settings, models: Models | None = None
) -> Callable[[Document, Context], list[dict[str, Any]]]:
    """Dates, times, durations and sets, resolved against the publication date."""

    def annotate(doc: Document, ctx: Context | None = None) -> list[dict[str, Any]]:
        return find_timexes(doc.text, document_anchor(doc), doc.layers.get("sentences"))

    return annotate
