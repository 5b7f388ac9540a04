"""The first corpus view: how many documents per outlet and month, how many annotations per layer.

``collect`` returns plain data (the web app and ``presslens stats --json`` can use it as is);
``format_stats`` turns it into the text table the CLI prints. Copies linked to an earlier
document are counted apart (``copies``) so a reader sees how much of an outlet is reprints.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, case, func, select

from presslens.store.filters import DocumentFilter, conditions
from presslens.store.schema import annotations, documents, failures, outlets

UNKNOWN = "(unknown)"


def collect(conn: Connection, filters: DocumentFilter) -> dict[str, Any]:
    """Counts: totals, per outlet, per month, per (outlet, month), per layer and label."""
    d = documents.c
    where = and_(True, *conditions(filters))
    copy = func.sum(case((d.duplicate_of.is_not(None), 1), else_=0))
    outlet_name = func.coalesce(outlets.c.name, UNKNOWN)
    base = documents.outerjoin(outlets, outlets.c.id == d.outlet_id)

    total, copies = conn.execute(
        select(func.count(), copy).select_from(documents).where(where)
    ).one()
    per_outlet = [
        {"outlet": name, "documents": n, "copies": int(c or 0)}
        for name, n, c in conn.execute(
            select(outlet_name, func.count(), copy)
            .select_from(base)
            .where(where)
            .group_by(outlet_name)
            .order_by(func.count().desc(), outlet_name)
        )
    ]
    per_month = [
        {"month": m or UNKNOWN, "documents": n, "copies": int(c or 0)}
        for m, n, c in conn.execute(
            select(d.month, func.count(), copy)
            .select_from(documents)
            .where(where)
            .group_by(d.month)
            .order_by(d.month)
        )
    ]
    per_outlet_month = [
        {"outlet": o, "month": m or UNKNOWN, "documents": n}
        for o, m, n in conn.execute(
            select(outlet_name, d.month, func.count())
            .select_from(base)
            .where(where)
            .group_by(outlet_name, d.month)
            .order_by(outlet_name, d.month)
        )
    ]
    a = annotations.c
    per_layer = [
        {"layer": layer, "annotations": n, "documents": docs}
        for layer, n, docs in conn.execute(
            select(a.layer, func.count(), func.count(func.distinct(a.document_id)))
            .select_from(annotations.join(documents, d.id == a.document_id))
            .where(where)
            .group_by(a.layer)
            .order_by(a.layer)
        )
    ]
    n_failures = conn.execute(select(func.count()).select_from(failures)).scalar_one()
    return {
        "documents": int(total),
        "copies": int(copies or 0),
        "failures": int(n_failures),
        "outlets": per_outlet,
        "months": per_month,
        "outlet_months": per_outlet_month,
        "layers": per_layer,
    }


def technique_spans_per_outlet_month(
    conn: Connection, filters: DocumentFilter
) -> list[dict[str, Any]]:
    """Technique spans per outlet, month and technique — the corpus question the store is for."""
    d, a = documents.c, annotations.c
    outlet_name = func.coalesce(outlets.c.name, UNKNOWN)
    rows = conn.execute(
        select(outlet_name, d.month, a.label, func.count())
        .select_from(
            annotations.join(documents, d.id == a.document_id).outerjoin(
                outlets, outlets.c.id == d.outlet_id
            )
        )
        .where(a.layer == "techniques", *conditions(filters))
        .group_by(outlet_name, d.month, a.label)
        .order_by(outlet_name, d.month, a.label)
    )
    return [{"outlet": o, "month": m, "technique": t, "spans": n} for o, m, t, n in rows]


def format_stats(stats: dict[str, Any]) -> str:
    """The text the ``presslens stats`` command prints."""
    lines = [
        f"documents: {stats['documents']} ({stats['copies']} linked copies), "
        f"failures: {stats['failures']}",
        "",
        _table(["outlet", "documents", "copies"], stats["outlets"]),
        "",
        _table(["month", "documents", "copies"], stats["months"]),
        "",
        _table(["layer", "annotations", "documents"], stats["layers"]),
    ]
    return "\n".join(lines)


def _table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    cells = [[str(r[c]) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = [v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    if not rows:
        out.append("(none)")
    return "\n".join(out)
