"""``presslens claims``: claim clusters of a store, and matching claims against fact-checks.

    presslens claims [--store S] [--outlet O] [--since DATE] [--limit N]   clusters by spread
    presslens claims show ID [--store S]                                   one cluster
    presslens claims match --queries FILE --claims PATH [-k 5] [-o RUN]    TREC run

Only option parsing and printing live here; the work is in matcher/clusters/export. Heavy
modules are imported inside the commands so that ``presslens --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Any

from presslens.errors import InputError

RUN_TAG = "presslens"
CLAIM_FORMATS = ("claimreview", "csv")


def cmd_match(args: argparse.Namespace) -> int:
    from presslens.tracking.factchecks import read_factchecks, read_queries, write_run
    from presslens.tracking.matcher import Matcher, load_weights

    if args.k < 1:
        raise InputError("-k must be at least 1", source=str(args.k))
    if bool(args.queries) == bool(args.store):
        raise InputError("give --queries FILE or --store STORE (its claim clusters)")
    queries = read_queries(args.queries) if args.queries else _cluster_queries(args)
    factchecks = read_factchecks(args.claims)
    matcher = Matcher(factchecks, weights=load_weights())
    ranked = matcher.rank_many(queries, args.k)
    rows = zip((q.id for q in queries), ranked, strict=True)
    if args.output in (None, "-"):
        write_run(rows, sys.stdout, args.tag)
        return 0
    out = Path(args.output)
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            write_run(rows, fh, args.tag)
        tmp.replace(out)
    except OSError as exc:
        raise InputError(f"cannot write run ({exc.strerror})", source=str(out)) from None
    return 0


def _cluster_queries(args: argparse.Namespace) -> list[Any]:
    """Every claim cluster of a store as a query ``cluster-<id>`` (its canonical wording)."""
    from presslens.tracking.clusters import list_clusters, update_clusters
    from presslens.tracking.factchecks import Query

    store = _open(args)
    update_clusters(store)
    queries, offset = [], 0
    while page := list_clusters(store, limit=1000, offset=offset):
        queries += [Query(f"cluster-{r['id']}", r["canonical_text"]) for r in page]
        offset += len(page)
    if not queries:
        raise InputError("the store has no claim clusters", source=str(args.store))
    return queries


def _open(args: argparse.Namespace) -> Any:
    from presslens.store import open_store

    return open_store(args.store)


def _print_clusters(rows: list[dict[str, Any]], out: IO[str]) -> None:
    out.write("id\tappearances\toutlets\tfirst_published\tcanonical_text\n")
    for r in rows:
        out.write(
            f"{r['id']}\t{r['n_appearances']}\t{r['n_outlets']}\t"
            f"{r['first_published'] or ''}\t{r['canonical_text']}\n"
        )


def cmd_list(args: argparse.Namespace) -> int:
    from presslens.tracking.clusters import list_clusters, update_clusters

    store = _open(args)
    if not args.no_update:
        update_clusters(store)
    rows = list_clusters(store, outlet=args.outlet, since=args.since, limit=args.limit)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        _print_clusters(rows, sys.stdout)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from presslens.tracking.clusters import cluster_detail

    store = _open(args)
    detail = cluster_detail(store, args.id)
    if detail is None:
        raise InputError("no such claim cluster", source=str(args.id))
    json.dump(detail, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from presslens.tracking.export import export_claims

    export_claims(_open(args), args.format, args.output)
    return 0


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    """Options of the claims export, shared by ``export-claims`` and ``export claims``."""
    p.add_argument("--store", default=None, help="store path or URL (default $PRESSLENS_STORE)")
    p.add_argument("--format", choices=CLAIM_FORMATS, default="claimreview")
    p.add_argument("-o", "--output", required=True, metavar="PATH")


def add_claims_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``claims`` (list/show/match), ``export-claims`` and the ``claims`` kind of the
    corpus ``export`` (called by presslens.cli)."""
    p = sub.add_parser(
        "claims",
        help="claim clusters of a store; match claims against fact-checks",
        description="Without a sub-command: list the store's claim clusters by spread.",
    )
    p.add_argument("--store", default=None, help="store path or URL (default $PRESSLENS_STORE)")
    p.add_argument("--outlet", default=None, help="only clusters this outlet repeated")
    p.add_argument("--since", default=None, help="only appearances on/after this ISO date")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true", help="JSON instead of TSV")
    p.add_argument(
        "--no-update", action="store_true", help="list as stored; do not cluster new documents"
    )
    p.set_defaults(func=cmd_list)
    csub = p.add_subparsers(dest="claims_command", metavar="SUBCOMMAND")

    show = csub.add_parser("show", help="one claim cluster with its appearances (JSON)")
    show.add_argument("id", type=int)
    show.add_argument("--store", default=argparse.SUPPRESS, help="store path or URL")
    show.set_defaults(func=cmd_show)

    match = csub.add_parser(
        "match",
        help="rank already fact-checked claims for each query (TREC run)",
        description="Queries: TSV id<TAB>text. Claims: folder/.tar.gz of CheckThat! JSON or "
        "JSONL {id, text}. Output: query_id Q0 claim_id rank score tag.",
    )
    match.add_argument("--queries", metavar="FILE", help="TSV id<TAB>text (or use --store)")
    match.add_argument(
        "--store", default=None, help="match this store's claim clusters (ids cluster-<id>)"
    )
    match.add_argument("--claims", required=True, metavar="PATH")
    match.add_argument("-k", type=int, default=5, help="fact-checks per query (default 5)")
    match.add_argument("-o", "--output", default="-", metavar="RUN", help="run file or '-'")
    match.add_argument("--tag", default=RUN_TAG, help="run tag (last column)")
    match.set_defaults(func=cmd_match)

    exp = sub.add_parser(
        "export-claims", help="claim clusters as ClaimReview JSON or a CSV of appearances"
    )
    add_export_arguments(exp)
    exp.set_defaults(func=cmd_export)
    # `presslens export claims …`, the command the issue names, on the batch runner's `export`.
    from presslens.batch.export_kinds import ExportKind, register_export_kind

    register_export_kind(sub, ExportKind("claims", CLAIM_FORMATS, cmd_export))
