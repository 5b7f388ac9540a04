"""Claim clustering benchmark: quality on the gold corpus, and the cost of adding documents.

    .venv/bin/python bench/claim_clusters.py                  # gold + incremental cost
    .venv/bin/python bench/claim_clusters.py --no-cost        # gold only (seconds)
    .venv/bin/python bench/claim_clusters.py --tune           # grid search on half A of the gold
    .venv/bin/python bench/claim_clusters.py --write-readme   # replace the bench/README section

Quality: pairwise precision/recall over the independent appearances of
tests/gold/claim-clusters/claims.txt (fictional, committed before tuning), the pairs of a
claim and its denial merged (target 0), near misses (another figure/date) merged, and wire
copies linked to their source. Reported for the untuned first settings and the shipped ones,
on the whole corpus and on half B (the families of clusters the grid search never saw).

Cost: a SQLite store of N documents (default 10,000) built from sentences of real articles
(../shared/data/semeval2020-task11-ptc, read at run time, never copied), three check-worthy
claims each, many repeated across documents; then 1,000 more documents are added and
clustered incrementally — beside re-clustering all 11,000 from scratch (the naive peer).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))
README = REPO / "bench" / "README.md"
SECTION = "## Claim clusters"
PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc" / "train-articles"

from claim_gold import Gold, load_gold, score  # noqa: E402
from presslens.tracking.clustering import Clusterer, Thresholds  # noqa: E402

# The settings of the first run, written before the gold was scored (kept for the report).
UNTUNED = Thresholds(
    w_cos=0.55, w_lex=0.30, w_agree=0.15, name_clash=0.15, one_sided=0.0, high=0.72, low=0.55
)
# What the first run scored, before the bug fixes its errors showed (names at sentence
# start, "without" as a negation, years before a full stop): commit 636d3f3 + first code.
# What the grid search on half A chose, before `high` was raised for real text.
GRID_CHOICE = Thresholds(
    w_cos=0.65, w_lex=0.30, w_agree=0.25, name_clash=0.20, one_sided=0.20, high=0.72, low=0.57
)
FIRST_RUN = "precision 0.944, recall 0.554, 0 denial pairs merged, 3 near-miss pairs merged"


class CachedEmbedder:
    """The shipped embedder with a cache: the grid search embeds the same texts many times."""

    def __init__(self) -> None:
        from presslens.layers.claims.model import load_embedder

        self.inner = load_embedder()
        self.cache: dict[str, object] = {}

    def __call__(self, texts):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for t, e in zip(missing, self.inner(missing), strict=True):
                self.cache[t] = e
        return np.vstack([self.cache[t] for t in texts]) if texts else np.zeros((0, 1))


def family(cluster: str, gold: Gold) -> str:
    rel = gold.relations.get(cluster)
    return rel[1] if rel else cluster


def halves(gold: Gold) -> tuple[Gold, Gold]:
    """Split by cluster family (a claim with its denials and near misses), alternately."""
    fams = sorted({family(c, gold) for c in gold.cluster_of.values()})
    half_a = set(fams[0::2])

    def sub(keep: bool) -> Gold:
        recs = [r for r in gold.records if (family(gold.cluster_of[r.key], gold) in half_a) == keep]
        keys = {r.key for r in recs}
        return Gold(
            recs,
            {k: v for k, v in gold.cluster_of.items() if k in keys},
            gold.relations,
            {k for k in gold.reprints if k in keys},
        )

    return sub(True), sub(False)


def run(gold: Gold, embed, th: Thresholds) -> dict:
    out = Clusterer(embed, th).add(gold.records)
    s = score(gold, {a.record.key: a.cluster for a in out})
    s["suggested"] = sum(a.suggested_cluster is not None for a in out)
    # recall if a reviewer accepted every correct suggestion
    ok = sum(
        1
        for a in out
        if a.suggested_cluster is not None
        and any(
            b.cluster == a.suggested_cluster
            and gold.cluster_of[b.record.key] == gold.cluster_of[a.record.key]
            for b in out
        )
    )
    s["suggested_correct"] = ok
    return s


def tune(gold_a: Gold, embed) -> Thresholds:
    """Best F1 on half A with precision ≥ 0.95 and no denial merged; near ties (F1 within
    0.01) go to the stricter setting — higher merge threshold, then larger penalties — because
    a real corpus has more look-alike claims than the gold."""
    best, best_key = UNTUNED, (-1.0,)
    grid = itertools.product(
        (0.45, 0.55, 0.65),  # w_cos
        (0.2, 0.3, 0.4),  # w_lex
        (0.1, 0.15, 0.25),  # w_agree
        (0.1, 0.2),  # name_clash
        (0.0, 0.1, 0.2),  # one_sided
        (0.56, 0.6, 0.62, 0.64, 0.66, 0.68, 0.72),  # high
    )
    for w_cos, w_lex, w_agree, clash, one_sided, high in grid:
        th = Thresholds(w_cos, w_lex, w_agree, clash, one_sided, high, round(high - 0.15, 2))
        s = run(gold_a, embed, th)
        ok = s["precision"] >= 0.95 and not s["denial_pairs_merged"]
        key = (round(s["f1"], 2) if ok else -1.0, s["precision"], high, one_sided, clash)
        if key > best_key:
            best, best_key = th, key
    return best


def real_merge_rate(embed, th: Thresholds, n: int = 3000) -> str:
    """Merges per 1,000 sentences of real articles: nearly all are distinct claims, so this
    bounds the false merges from above (genuine repeats across articles count too)."""
    if not PTC.is_dir():
        return "n/a"
    from presslens.tracking.records import ClaimRecord

    pool = claim_pool()
    sample = random.Random(0).sample(pool, min(n, len(pool)))
    recs = [
        ClaimRecord(f"r{i}", "claims-0", t, published="2025-01-01") for i, t in enumerate(sample)
    ]
    out = Clusterer(embed, th).add(recs)
    return f"{1000 * sum(a.similarity < 1.0 for a in out) / len(recs):.1f}"


def gold_table(embed, tuned: Thresholds | None) -> str:
    from presslens.tracking.clustering import DEFAULT

    gold = load_gold()
    _, half_b = halves(gold)
    rows = [
        ("untuned (first settings)", UNTUNED),
        ("grid search on half A", GRID_CHOICE),
        ("shipped (high 0.80)", DEFAULT),
    ]
    if tuned is not None and tuned != DEFAULT:
        rows.append(("grid search result", tuned))
    lines = [
        f"Gold: {len(gold.records)} appearances, {len(set(gold.cluster_of.values()))} clusters "
        f"({sum(r[0] == 'denies' for r in gold.relations.values())} denials, "
        f"{sum(r[0] == 'differs' for r in gold.relations.values())} near misses), "
        f"{len(gold.reprints)} wire copies.\n",
        "| settings | corpus | precision | recall | F1 | denial pairs merged | near-miss pairs "
        "merged | copies linked | suggested (correct) | real merges / 1,000 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, th in rows:
        rate = real_merge_rate(embed, th)
        for part, g in (("all", gold), ("half B (unseen by the grid)", half_b)):
            s = run(g, embed, th)
            lines.append(
                f"| {name} | {part} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                f"{s['denial_pairs_merged']} | {s['near_miss_pairs_merged']} | "
                f"{s['reprints_linked']}/{s['reprints']} | {s['suggested']} "
                f"({s['suggested_correct']}) | {rate if part == 'all' else ''} |"
            )
    lines.append(
        "\nReal merges / 1,000: clustering 3,000 sentences of real articles "
        "(../shared/data/semeval2020-task11-ptc, at run time), nearly all distinct claims — an "
        "upper bound on false merges. The grid search (weights, and high = 0.72) saw only the "
        "gold; `high` was then raised to 0.80 because of this column."
    )
    lines.append(f"\nFirst run ever (untuned, before bug fixes): {FIRST_RUN}.")
    lines.append(f"Shipped settings: `{DEFAULT}`.\n")
    return "\n".join(lines) + "\n"


# -- cost ---------------------------------------------------------------------------------
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
OUTLETS = [f"Outlet {chr(65 + i)}{j}" for i in range(10) for j in range(3)]


def claim_pool() -> list[str]:
    """Sentences of real articles that state something specific (a figure or a name)."""
    pool = []
    for path in sorted(PTC.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            for s in SENTENCE_RE.split(line.strip()):
                words = s.split()
                if 8 <= len(words) <= 40 and re.search(r"\d|\s[A-Z][a-z]+", s):
                    pool.append(s)
    return list(dict.fromkeys(pool))


def synthetic_docs(pool: list[str], n: int, seed: int, start: int = 0):
    """``n`` documents of three claims; popular claims repeat across outlets (Zipf-like)."""
    from claim_gold import claims_doc

    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(pool))]
    for i in range(start, start + n):
        claims = rng.choices(pool, weights=weights, k=3)
        day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00+00:00"
        yield claims_doc(claims, day, f"https://bench.example/{i}"), rng.choice(OUTLETS)


def _timed(fn):
    """(result, CPU seconds, wall seconds): CPU is the stable figure on a shared machine."""
    c0, w0 = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.process_time() - c0, time.perf_counter() - w0


def cost_table(n_base: int, n_add: int) -> str:
    from sqlalchemy import delete

    from presslens.store import open_store
    from presslens.store.schema import claim_appearances, claim_clusters
    from presslens.tracking import clusters as tracking_clusters

    if not PTC.is_dir():
        return f"Real articles absent ({PTC}): incremental cost not measured.\n"
    pool = claim_pool()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        _, store_cpu, _ = _timed(
            lambda: [store.add_document(d, outlet=o) for d, o in synthetic_docs(pool, n_base, 1)]
        )
        first, base_cpu, base_wall = _timed(lambda: tracking_clusters.update_clusters(store))
        for doc, outlet in synthetic_docs(pool, n_add, seed=2, start=n_base):
            store.add_document(doc, outlet=outlet)
        added, add_cpu, add_wall = _timed(lambda: tracking_clusters.update_clusters(store))
        tracking_clusters._CACHE.clear()  # as in a new process: rebuild from the store
        _, open_cpu, open_wall = _timed(lambda: tracking_clusters.update_clusters(store))
        # the naive peer: forget every cluster and cluster all documents again
        with store.engine.begin() as conn:
            conn.execute(delete(claim_appearances))
            conn.execute(delete(claim_clusters))
        tracking_clusters._CACHE.clear()
        full, full_cpu, full_wall = _timed(lambda: tracking_clusters.update_clusters(store))
        store.close()
    return (
        f"Store: {n_base:,} documents ({first['claims']:,} check-worthy claims, drawn from a "
        f"{len(pool):,}-sentence pool of real articles; storing them took {store_cpu:.0f} CPU s, "
        f"not counted), then {n_add:,} more ({added['claims']:,} claims).\n\n"
        "| step | CPU s | wall s |\n|---|---|---|\n"
        f"| cluster the first {n_base:,} documents | {base_cpu:.1f} | {base_wall:.1f} |\n"
        f"| **add {n_add:,} documents (incremental)** | **{add_cpu:.1f}** | {add_wall:.1f} |\n"
        f"| re-open: rebuild the index from the store (no new claims) | {open_cpu:.1f} | "
        f"{open_wall:.1f} |\n"
        f"| naive peer: cluster all {n_base + n_add:,} from scratch ({full['claims']:,} claims) "
        f"| {full_cpu:.1f} | {full_wall:.1f} |\n\n"
        f"Incremental / from scratch (CPU): **{add_cpu / max(full_cpu, 1e-9):.3f}**.\n"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true", help="grid search on half A")
    ap.add_argument("--no-cost", action="store_true")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--add", type=int, default=1_000)
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()
    embed = CachedEmbedder()
    tuned = None
    if args.tune:
        half_a, _ = halves(load_gold())
        tuned = tune(half_a, embed)
        print(f"grid search on half A: {tuned}")
    text = "### Quality (gold corpus)\n\n" + gold_table(embed, tuned)
    if not args.no_cost:
        text += "\n### Incremental cost\n\n" + cost_table(args.docs, args.add)
    print(text)
    if args.write_readme:
        write_section(text)
    return 0


def write_section(text: str) -> None:
    body = (
        f"{SECTION}\n\nCommand: `.venv/bin/python bench/claim_clusters.py` "
        "(`--tune` reruns the grid search on half A of the gold; `--no-cost` skips the store).\n\n"
        + text
    )
    old = README.read_text(encoding="utf-8") if README.exists() else ""
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: body + "\n", old)
    else:
        new = old.rstrip("\n") + "\n\n" + body
    README.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
