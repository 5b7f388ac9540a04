"""Full-text search over title + text with the document filters, on either engine.

SQLite: the FTS5 table ``documents_fts`` (bm25 ranking, ``snippet()``); PostgreSQL: the
``documents_fts`` tsvector table with its GIN index (``ts_rank_cd``, ``ts_headline``), both
created by migration 0001 and kept in sync by triggers. The user's query is parsed
here into words and "quoted phrases" that must all occur — never passed through as FTS syntax,
so no input can raise a syntax error or reach the engine as an operator.

Highlights: the engines mark hits with two private-use characters (U+E000/U+E001) that cannot
occur in extracted text; :class:`SearchHit` carries the snippet as plain text plus the
highlighted ``(start, end)`` spans, so a web page escapes the text and wraps the spans itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from presslens.store.filters import DocumentFilter, conditions
from presslens.store.schema import documents, outlets

HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
ELLIPSIS = "…"
# Snippet size: about two lines of a results page.
SNIPPET_TOKENS = 24
MAX_LIMIT = 200

# The FTS5 virtual table of migration 0001, described for queries only: it lives in its own
# MetaData so that schema.metadata lists real tables, identical on both engines.
documents_fts = Table(
    "documents_fts",
    MetaData(),
    Column("rowid", Integer, key="rowid"),
    Column("title", Text),
    Column("text", Text),
)

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    """One matching document."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    uri: str
    snippet: str  # plain text, no markup
    highlights: tuple[tuple[int, int], ...] = ()  # spans of ``snippet`` that matched
    score: float = 0.0
    duplicate_of: str | None = None

    def segments(self) -> Iterator[tuple[str, bool]]:
        """The snippet as (text, is_hit) pieces, for a renderer that escapes each piece."""
        pos = 0
        for start, end in self.highlights:
            if start > pos:
                yield self.snippet[pos:start], False
            yield self.snippet[start:end], True
            pos = end
        if pos < len(self.snippet):
            yield self.snippet[pos:], False

    def marked(self, open_mark: str = "«", close_mark: str = "»") -> str:
        """The snippet with hits between the given marks (for terminals and logs)."""
        return "".join(f"{open_mark}{t}{close_mark}" if hit else t for t, hit in self.segments())


@dataclass(frozen=True)
class SearchPage:
    """One page of results and the total number of matching documents."""

    results: list[SearchHit] = field(default_factory=list)
    total: int = 0
    limit: int = 20
    offset: int = 0


def parse_query(q: str) -> list[list[str]]:
    """``'tanker "Strait of Hormuz"'`` → ``[['tanker'], ['strait', 'of', 'hormuz']]``.

    Each inner list is a phrase of words (a single word is a one-word phrase); all must occur.
    Punctuation is dropped the way both engines' tokenisers drop it.
    """
    phrases = []
    for m in _TERM.finditer(q):
        tokens = [w.lower() for w in _WORD.findall(m.group(1) or m.group(2) or "")]
        if tokens:
            phrases.append(tokens)
    return phrases


def split_highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Engine snippet with U+E000/U+E001 marks → (plain text, hit spans)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for ch in marked:
        if ch == HIT_OPEN:
            start = pos
        elif ch == HIT_CLOSE:
            if start is not None and pos > start:
                spans.append((start, pos))
            start = None
        else:
            plain.append(ch)
            pos += 1
    return "".join(plain), tuple(spans)


def search(
    conn: Connection,
    q: str,
    filters: DocumentFilter,
    *,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Documents matching every word/phrase of ``q`` and the filters, best first.

    An empty query lists the filtered documents, newest first (a browse view).
    """
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    phrases = parse_query(q)
    where = conditions(filters)
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, phrases, where, limit, offset)
    return _search_postgres(conn, phrases, where, limit, offset)


def _columns() -> list[Any]:
    d = documents.c
    return [
        d.id,
        d.title,
        outlets.c.name.label("outlet"),
        d.published,
        d.language,
        d.uri,
        d.duplicate_of,
    ]


def _hit(row: Any, marked: str | None, score: float) -> SearchHit:
    snippet, spans = split_highlights(marked or "")
    return SearchHit(
        id=row.id,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
        uri=row.uri,
        snippet=snippet,
        highlights=spans,
        score=score,
        duplicate_of=row.duplicate_of,
    )


def _browse(conn: Connection, where: list[Any], limit: int, offset: int) -> SearchPage:
    d = documents.c
    base = documents.outerjoin(outlets, outlets.c.id == d.outlet_id)
    total = conn.execute(select(func.count()).select_from(documents).where(and_(True, *where)))
    rows = conn.execute(
        select(*_columns(), func.substr(d.text, 1, 240).label("snip"))
        .select_from(base)
        .where(and_(True, *where))
        .order_by(d.published_at.desc().nulls_last(), d.id)
        .limit(limit)
        .offset(offset)
    )
    hits = [_hit(r, r.snip, 0.0) for r in rows]
    return SearchPage(hits, int(total.scalar_one()), limit, offset)


# -- SQLite FTS5 --------------------------------------------------------------------------
def fts5_query(phrases: list[list[str]]) -> str:
    """FTS5 MATCH expression: every phrase double-quoted (FTS5's literal string syntax)."""
    return " AND ".join('"' + " ".join(p).replace('"', '""') + '"' for p in phrases)


def _search_sqlite(
    conn: Connection, phrases: list[list[str]], where: list[Any], limit: int, offset: int
) -> SearchPage:
    if not phrases:
        return _browse(conn, where, limit, offset)
    match = literal_column("documents_fts").op("MATCH")(fts5_query(phrases))
    from_clause = documents_fts.join(
        documents, literal_column("documents.rowid") == documents_fts.c.rowid
    ).outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
    total = conn.execute(
        select(func.count()).select_from(from_clause).where(match, *where)
    ).scalar_one()
    rank = literal_column("bm25(documents_fts, 2.0, 1.0)", Float)
    snippet = literal_column(
        f"snippet(documents_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '{ELLIPSIS}', {SNIPPET_TOKENS})"
    )
    rows = conn.execute(
        select(*_columns(), snippet.label("snip"), rank.label("rank"))
        .select_from(from_clause)
        .where(match, *where)
        .order_by(rank, documents.c.id)
        .limit(limit)
        .offset(offset)
    )
    hits = [_hit(r, r.snip, -float(r.rank)) for r in rows]
    return SearchPage(hits, int(total), limit, offset)


# -- PostgreSQL tsvector ------------------------------------------------------------------
# The tsvector side table of migration 0001 (filled by a trigger), described for queries only.
documents_tsv = Table(
    "documents_fts",
    MetaData(),
    Column("document_id", Text, primary_key=True),
    Column("vector", TSVECTOR),
)
_SIMPLE = literal_column("'simple'::regconfig")


def tsquery_expression(phrases: list[list[str]]) -> Any:
    """All phrases required: ``phraseto_tsquery`` per phrase joined with ``&&``."""
    parts = [func.phraseto_tsquery(_SIMPLE, " ".join(p)) for p in phrases]
    query = parts[0]
    for part in parts[1:]:
        query = query.op("&&")(part)
    return query


def _search_postgres(
    conn: Connection, phrases: list[list[str]], where: list[Any], limit: int, offset: int
) -> SearchPage:
    if not phrases:
        return _browse(conn, where, limit, offset)
    d = documents.c
    query = tsquery_expression(phrases)
    match = documents_tsv.c.vector.op("@@")(query)
    joined = documents_tsv.join(documents, d.id == documents_tsv.c.document_id)
    total = conn.execute(select(func.count()).select_from(joined).where(match, *where))
    rank = func.ts_rank_cd(documents_tsv.c.vector, query).label("rank")
    page = (
        select(*_columns(), d.text, rank)
        .select_from(joined.outerjoin(outlets, outlets.c.id == d.outlet_id))
        .where(match, *where)
        .order_by(rank.desc(), d.id)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    options = (
        f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords={SNIPPET_TOKENS}, MinWords=8, "
        f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
    )
    headline = func.ts_headline(_SIMPLE, page.c.text, query, options).label("snip")
    rows = conn.execute(
        select(
            page.c.id,
            page.c.title,
            page.c.outlet,
            page.c.published,
            page.c.language,
            page.c.uri,
            page.c.duplicate_of,
            page.c.rank,
            headline,
        ).order_by(page.c.rank.desc(), page.c.id)
    )
    hits = [_hit(r, r.snip, float(r.rank)) for r in rows]
    return SearchPage(hits, int(total.scalar_one()), limit, offset)
