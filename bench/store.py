"""The corpus store at 10,000+ documents: insert rate and the two corpus queries, per engine.

Why: the store is the ledger of every ingest and the back end of the web views, so adding a
document must stay far cheaper than analysing it, and the two questions researchers ask first
— "technique spans per outlet per month" and a filtered full-text search — must answer in
well under 200 ms on the default SQLite store. SQLite and PostgreSQL run on the same documents
in the same invocation; peers in the same run: DuckDB over the Parquet export for the
aggregation (a column store built for it) and a plain ``LIKE`` scan for search (what a store
without a full-text index would do).

Documents: sentences of the SemEval-2020 Task 11 training articles (../shared/data; exits 0
with a message when absent), drawn at random into synthetic articles (so texts are distinct,
as in a real corpus) spread over 8 outlets and 24 months; 5 % are syndicated copies of an
earlier article with small edits. Each carries synthetic layers shaped like the real ones
(paragraphs, sentences, entities with clusters/canonical names, techniques with the 14 PTC
labels and scores, claims with check-worthiness), ≈ 50 annotations per document.

Usage::

    python bench/store.py                       # 10,000 documents, both engines
    python bench/store.py --docs 2000 --no-postgres
    python bench/store.py --write-readme
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from presslens.document import Dateline, Document, Metadata, Source  # noqa: E402
from presslens.store import DocumentFilter, Store, open_store  # noqa: E402
from presslens.store.stats import technique_spans_per_outlet_month  # noqa: E402

PTC = ROOT.parent / "shared" / "data" / "semeval2020-task11-ptc"
OUTLETS = [
    "Daily Harbour",
    "Velmora Times",
    "Coastline Wire",
    "Norhaven Public Radio",
    "State Courier",
    "Morning Ledger",
    "Valley Post",
    "Capital Observer",
]
MONTHS = [f"{2023 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]
SENTENCES_PER_DOC = (12, 30)
COPY_SHARE = 0.05
SEARCHES = [
    ("word", "president", {}),
    ("phrase", '"white house"', {}),
    (
        "word + outlet + dates",
        "election",
        {"outlet": "Velmora Times", "since": "2023-06-01", "until": "2024-05-31"},
    ),
    ("word + technique", "border", {"technique": "Loaded_Language"}),
]
REPEATS = 5
_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def load_sentences() -> tuple[list[str], list[str]]:
    """(sentences of every training article, technique labels)."""
    sentences = []
    for path in sorted((PTC / "train-articles").glob("article*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                if len(sentence.split()) >= 5:
                    sentences.append(sentence)
    labels = [
        name.split(",")[0]
        for name in (PTC / "propaganda-techniques-names-semeval2020task11.txt")
        .read_text(encoding="utf-8")
        .split()
    ]
    return sentences, labels


def synthetic_layers(
    text: str, rng: random.Random, labels: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Layers shaped like the real ones, on real word boundaries of ``text``."""
    paragraphs, sentences = [], []
    pos = 0
    for i, para in enumerate(text.split("\n\n")):
        paragraphs.append({"id": f"paragraphs-{i}", "start": pos, "end": pos + len(para)})
        pos += len(para) + 2
    for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]", text)):
        sentences.append({"id": f"sentences-{i}", "start": m.start(), "end": m.end()})
    words = list(_WORD.finditer(text))
    names = list(_CAPITALISED.finditer(text))
    entities = []
    for i, m in enumerate(rng.sample(names, min(len(names), rng.randint(8, 20)))):
        entities.append(
            {
                "id": f"entities-{i}",
                "start": m.start(),
                "end": m.end(),
                "label": rng.choice(["PERSON", "ORG", "GPE", "NORP"]),
                "cluster": f"e{i % 7 + 1}",
                "canonical": m.group(),
            }
        )
    techniques = []
    for i in range(rng.randint(1, 8)):
        a = rng.randrange(max(1, len(words) - 6))
        techniques.append(
            {
                "id": f"techniques-{i}",
                "start": words[a].start(),
                "end": words[min(a + rng.randint(1, 5), len(words) - 1)].end(),
                "technique": rng.choice(labels),
                "score": round(rng.random(), 4),
            }
        )
    claims = [
        {
            "id": f"claims-{i}",
            "start": s["start"],
            "end": s["end"],
            "label": rng.choice(["factual", "non_factual"]),
            "checkworthiness": round(rng.random(), 4),
        }
        for i, s in enumerate(rng.sample(sentences, min(len(sentences), rng.randint(3, 10))))
    ]
    return {
        "paragraphs": paragraphs,
        "sentences": sentences,
        "entities": entities,
        "techniques": techniques,
        "claims": claims,
    }


def build_documents(n: int, seed: int = 7) -> Iterator[tuple[Document, str]]:
    """``n`` (document, outlet) pairs, deterministic for a seed."""
    rng = random.Random(seed)
    pool, labels = load_sentences()
    earlier: list[str] = []
    for i in range(n):
        outlet = OUTLETS[i % len(OUTLETS)]
        month = MONTHS[rng.randrange(len(MONTHS))]
        published = f"{month}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
        if earlier and rng.random() < COPY_SHARE:  # a syndicated copy with a small edit
            text = rng.choice(earlier).replace(" the ", " a ", 1) + "\n\nReporting by staff."
        else:
            chosen = rng.sample(pool, rng.randint(*SENTENCES_PER_DOC))
            paras = [" ".join(chosen[k : k + 4]) for k in range(0, len(chosen), 4)]
            text = "\n\n".join(paras)
            earlier.append(text)
        uri = f"https://{outlet.lower().replace(' ', '')}.example/{i}"
        doc = Document(
            id=Document.id_for(f"{uri}\n{text}".encode()),
            source=Source(uri=uri),
            metadata=Metadata(
                title=text.split(".")[0][:120],
                published=published,
                language="en",
                url=uri,
                dateline=Dateline(agency="CW") if i % 10 == 0 else None,
            ),
            text=text,
            layers=synthetic_layers(text, rng, labels),
            provenance={},
        )
        yield doc, outlet


def timed(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, Any]:
    """Median wall time in ms over ``repeats`` runs (after one warm-up) and the last result."""
    result = fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def run_engine(name: str, store: Store, docs: list[tuple[Document, str]]) -> dict[str, Any]:
    started = time.perf_counter()
    copies = 0
    for doc, outlet in docs:
        copies += store.add_document(doc, outlet=outlet).duplicate_of is not None
    insert_s = time.perf_counter() - started
    out: dict[str, Any] = {"engine": name, "insert_s": insert_s, "docs_per_s": len(docs) / insert_s}
    out["copies"] = copies

    def aggregate() -> list[dict[str, Any]]:
        with store.engine.connect() as conn:
            return technique_spans_per_outlet_month(conn, DocumentFilter())

    out["aggregate_ms"], rows = timed(aggregate)
    out["aggregate_rows"] = len(rows)
    for label, q, filters in SEARCHES:
        ms, page = timed(lambda q=q, filters=filters: store.search(q, **filters))
        out[f"search:{label}"] = (ms, page.total)
    return out


def like_scan(store: Store, word: str) -> Callable[[], int]:
    """The no-index baseline: a case-insensitive substring scan of every text."""
    from sqlalchemy import func, select

    from presslens.store.schema import documents

    def run() -> int:
        with store.engine.connect() as conn:
            return conn.execute(
                select(func.count()).where(func.lower(documents.c.text).like(f"%{word}%"))
            ).scalar_one()

    return run


def duckdb_aggregate(folder: Path) -> Callable[[], int]:
    import duckdb

    con = duckdb.connect()
    sql = (
        "SELECT outlet, month, label, count(*) FROM read_parquet("
        f"'{folder}/annotations/**/*.parquet', hive_partitioning=true) "
        "WHERE layer = 'techniques' GROUP BY ALL ORDER BY ALL"
    )
    return lambda: len(con.execute(sql).fetchall())


def report(n: int, results: list[dict[str, Any]], peers: dict[str, float]) -> str:
    base = results[0]
    lines = [
        f"{n} documents, ≈ {base['annotations'] / n:.0f} annotations each, "
        f"{base['copies']} linked as copies; times are medians of {REPEATS} runs after a warm-up.",
        "",
        "| measure | "
        + " | ".join(r["engine"] for r in results)
        + " | peer (same run) | SQLite ÷ peer |",
        "|---|" + "---:|" * (len(results) + 2),
    ]

    def row(label: str, values: list[str], peer: str = "", ratio: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(values) + f" | {peer} | {ratio} |")

    row("insert, documents/s", [f"{r['docs_per_s']:.0f}" for r in results])
    row("insert, total s", [f"{r['insert_s']:.1f}" for r in results])
    agg_peer = peers.get("duckdb")
    row(
        "technique spans per outlet per month, ms",
        [f"{r['aggregate_ms']:.1f}" for r in results],
        f"DuckDB on the Parquet export {agg_peer:.1f}" if agg_peer else "",
        f"{base['aggregate_ms'] / agg_peer:.2f}×" if agg_peer else "",
    )
    for label, q, _ in SEARCHES:
        key = f"search:{label}"
        peer = peers.get(key)
        row(
            f"search `{q}` ({label}), ms [hits]",
            [f"{r[key][0]:.1f} [{r[key][1]}]" for r in results],
            f"LIKE scan {peer:.1f}" if peer else "",
            f"{base[key][0] / peer:.2f}×" if peer else "",
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args(argv)
    if not (PTC / "train-articles").is_dir():
        print(f"skipped: {PTC} is absent (needs ../shared/data)")
        return 0
    docs = list(build_documents(args.docs))
    n_annotations = sum(sum(len(v) for v in d.layers.values()) for d, _ in docs)
    results = []
    peers: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="presslens-bench-") as tmp:
        sqlite = open_store(Path(tmp) / "bench.db")
        results.append(run_engine("SQLite", sqlite, docs))
        print(f"SQLite: {results[-1]['docs_per_s']:.0f} docs/s", file=sys.stderr)
        for label, q, filters in SEARCHES:
            if not filters and not q.startswith('"'):
                peers[f"search:{label}"] = timed(like_scan(sqlite, q))[0]
        from presslens.export import export_store

        export_store(sqlite, "parquet", Path(tmp) / "parquet")
        peers["duckdb"] = timed(duckdb_aggregate(Path(tmp) / "parquet"))[0]
        sqlite.close()
        if not args.no_postgres:
            from pg_server import postgres_server

            try:
                with postgres_server(fsync=True) as url:
                    pg = open_store(url)
                    results.append(run_engine("PostgreSQL", pg, docs))
                    print(f"PostgreSQL: {results[-1]['docs_per_s']:.0f} docs/s", file=sys.stderr)
                    pg.close()
            except RuntimeError as exc:
                print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
    results[0]["annotations"] = n_annotations
    table = report(args.docs, results, peers)
    print(table)
    if args.write_readme:
        from layers import write_readme_section

        cmd = " ".join(["bench/store.py", *(argv if argv is not None else sys.argv[1:])])
        body = (
            f"Made by `.venv/bin/python {cmd}` ({time.strftime('%Y-%m-%d')}) on the shared "
            "2-core machine. SQLite: WAL, synchronous=NORMAL (durable across application "
            "crashes); PostgreSQL 15 from Debian with its defaults (fsync on, a commit per "
            "document), on 127.0.0.1. Goal: < 200 ms for each query on SQLite.\n\n" + table
        )
        write_readme_section(body, heading="## Store")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
