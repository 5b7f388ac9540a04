"""Hostile input, fuzzing, and the cost of the work limits (issue 16), as markdown tables.

Three parts, each optional:
- ``corpus``: every input of the hostile corpus (tests/hostile/generate.py) through
  ``presslens analyze`` in its own process — wall time, peak RSS, outcome — beside the peer
  (bare ``trafilatura.extract`` on the same bytes, same kill limits), and the worst case of each
  figure beside its limit.
- ``fuzz``: mutated inputs (tests/fuzz/mutate.py) through extraction and through every layer:
  inputs run, exceptions that were not PressLensError, runs past the deadline + 1 s, rate.
- ``cost``: documents per second on examples/ (and a bounded sample of PTC articles from
  ../shared/data when present) with the limits on vs off, alternating, best of the rounds.

Usage: ``.venv/bin/python bench/hostile.py [--parts corpus,fuzz,cost] [--time-limit 20]
[--fuzz-extract 2000] [--fuzz-analyze 50] [--ptc 40] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fuzz.mutate import mutate, seeds  # noqa: E402
from hostile import runner  # noqa: E402
from hostile.generate import CASES, write_corpus  # noqa: E402
from presslens.errors import PressLensError  # noqa: E402
from presslens.settings import Settings  # noqa: E402

PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc" / "train-articles"
MB = 2**20
GZIP_MAGIC = b"\x1f\x8b"
# Every work limit switched off: the "limits off" side of the cost comparison.
NO_LIMITS = dict(
    max_dom_nodes=0,
    max_dom_depth=0,
    max_paragraphs=0,
    max_paragraph_chars=0,
    max_token_chars=0,
    layer_token_budget=0,
)
PEER = "import sys, trafilatura; trafilatura.extract(open(sys.argv[1], 'rb').read())"


def part_corpus(time_limit: float, workers: int) -> str:
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    paths = write_corpus(folder)
    example = REPO / "examples" / "wire-harbor-crane.html"
    kill = time_limit + 90
    with ThreadPoolExecutor(workers) as pool:
        startup = max(
            o.wall
            for o in pool.map(lambda _: runner.run(example, time_limit=time_limit), range(workers))
        )
        names = sorted(paths, key=lambda n: -paths[n].stat().st_size)
        ours = list(
            pool.map(lambda n: runner.run(paths[n], time_limit=time_limit, kill_after=kill), names)
        )
        peer = list(pool.map(lambda n: runner.run_command([sys.executable, "-c", PEER, str(paths[n])], kill_after=kill), names))  # fmt: skip
    lines = [
        f"Start-up (a small page, same conditions): {startup:.1f} s. Time limit {time_limit:g} s; "
        f"peer = bare `trafilatura.extract` in its own process (extraction only, no layers).",
        "",
        "| input | size | outcome | wall s | peak RSS MB | peer outcome | peer wall s | peer RSS MB |",
        "|---|---:|---|---:|---:|---|---:|---:|",
    ]
    for name, o, p in zip(names, ours, peer, strict=True):
        size = paths[name].stat().st_size
        lines.append(
            f"| {name} | {size / MB:.2f} MB | {o.outcome} | {o.wall:.1f} | {o.peak_rss / MB:.0f} "
            f"| {p.outcome} | {p.wall:.1f} | {p.peak_rss / MB:.0f} |"
        )
    bad = [n for n, o in zip(names, ours, strict=True) if o.outcome not in CASES[n].allowed]
    worst_wall = max(ours, key=lambda o: o.wall)
    worst_rss = max(ours, key=lambda o: o.peak_rss)
    peer_rss = max(p.peak_rss for p in peer)
    lines += [
        "",
        "| worst case | PressLens | limit | peer (same inputs) |",
        "|---|---:|---:|---:|",
        f"| wall time | {worst_wall.wall:.1f} s ({Path(worst_wall.path).name}) | "
        f"start-up + {time_limit:g} + 10 = {startup + time_limit + 10:.1f} s | "
        f"{max(p.wall for p in peer):.1f} s |",
        f"| peak RSS | {worst_rss.peak_rss / MB:.0f} MB ({Path(worst_rss.path).name}) | 2,048 MB | "
        f"{peer_rss / MB:.0f} MB (ratio {worst_rss.peak_rss / max(peer_rss, 1):.2f}×) |",
        f"| tracebacks | {sum(o.outcome == 'traceback' for o in ours)} | 0 | "
        f"{sum(p.outcome == 'traceback' for p in peer)} |",
        f"| outcome not allowed | {len(bad)} {bad or ''} | 0 | – |",
    ]
    return "\n".join(lines)


def _fuzz(n: int, run, limit: float, folder: Path, label: str) -> tuple[str, Counter[str]]:
    pool = seeds()
    outcomes: Counter[str] = Counter()
    crashes: list[str] = []
    over = 0
    started = time.monotonic()
    for i in range(n):
        rng = random.Random(f"bench:{label}:{i}")
        name, data = pool[rng.randrange(len(pool))]
        data, ops = mutate(rng, data)
        suffix = ".gz" if data[:2] == GZIP_MAGIC else Path(name).suffix
        path = folder / f"{label}-{i}{suffix}"
        path.write_bytes(data)
        t = time.monotonic()
        try:
            run(path)
            outcomes["doc"] += 1
        except PressLensError as exc:
            outcomes[exc.code] += 1
        except Exception as exc:  # noqa: BLE001 - counted: the property under test
            crashes.append(f"{label}-{i} {ops}: {type(exc).__name__}: {exc}"[:200])
        over += time.monotonic() - t > limit + 1
        path.unlink()
    seconds = time.monotonic() - started
    row = (
        f"| {label} | {n:,} | {len(crashes)} | {over} | {n / seconds:.1f} | "
        f"{', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))} |"
    )
    for c in crashes:
        print("crash:", c, file=sys.stderr)
    return row, outcomes


def part_fuzz(n_extract: int, n_analyze: int) -> str:
    import presslens

    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    fast = Settings(time_limit=5)
    full = Settings(time_limit=20)
    presslens.analyze(REPO / "examples" / "wire-harbor-crane.html", settings=full)  # warm
    rows = [
        _fuzz(n_extract, lambda p: presslens.extract(p, settings=fast), 5, folder, "extract")[0],
        _fuzz(n_analyze, lambda p: presslens.analyze(p, settings=full), 20, folder, "analyze")[0],
    ]
    fixed = (REPO / "tests" / "test_fuzz_regressions.py").read_text().count("\ndef test_")
    return "\n".join(
        [
            "| stage | inputs | exceptions not PressLensError | past deadline + 1 s | inputs/s | outcomes |",
            "|---|---:|---:|---:|---:|---|",
            *rows,
            "",
            f"Found and fixed so far: {fixed} regression tests in tests/test_fuzz_regressions.py.",
        ]
    )  # fmt: skip


def part_cost(ptc: int, rounds: int) -> str:
    import presslens
    from presslens.ingest import RawPage

    pages = [p for p in sorted((REPO / "examples").iterdir()) if p.is_file()]
    sets = {"examples/": [RawPage(p.resolve().as_uri(), p.read_bytes()) for p in pages]}
    if PTC.is_dir() and ptc:
        arts = sorted(PTC.glob("*.txt"))[:ptc]
        sets[f"PTC train articles ({len(arts)})"] = [
            RawPage(p.resolve().as_uri(), p.read_bytes()) for p in arts
        ]
    on = Settings(time_limit=0)
    off = replace(on, **NO_LIMITS)
    lines = [
        "| documents | limits on docs/s | limits off docs/s | on / off | slower by |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, docs in sets.items():
        best = {"on": 0.0, "off": 0.0}
        for settings in (on, off):  # warm both pipelines
            presslens.analyze(docs[0], settings=settings)
        for r in range(rounds):
            for key, settings in (("on", on), ("off", off)) if r % 2 == 0 else (("off", off), ("on", on)):  # fmt: skip
                t = time.perf_counter()
                for page in docs:
                    presslens.analyze(page, settings=settings)
                best[key] = max(best[key], len(docs) / (time.perf_counter() - t))
        ratio = best["on"] / best["off"]
        lines.append(
            f"| {label} | {best['on']:.2f} | {best['off']:.2f} | {ratio:.3f} | "
            f"{(1 - ratio) * 100:+.1f} % |"
        )
        checks = _limit_checks_ms([presslens.extract(p, settings=on) for p in docs], docs, on)
        lines.append(
            f"| {label}: the limit checks alone | {checks:.2f} ms per document | | | "
            f"{checks / 10 * best['on']:.3f} % of a document's time |"
        )
    return "\n".join(lines)


def _limit_checks_ms(docs: list, pages: list, settings: Settings) -> float:
    """Milliseconds per document spent in the limit checks themselves (tree walk, block
    limits, the eight layers' token budgets): a figure load noise cannot swamp."""
    from presslens.extract.blocks import Block
    from presslens.extract.html import parse_html
    from presslens.limits import _token_ends, apply_token_budget, check_tree, limit_blocks

    trees = [parse_html(p.data.decode("utf-8", "replace")) for p in pages if b"<html" in p.data[:2000].lower()]  # fmt: skip
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for tree in trees:
            check_tree(tree, settings)
        for d in docs:
            limit_blocks([Block(d.text[a["start"] : a["end"]]) for a in d.layers["paragraphs"]], settings)  # fmt: skip
            _token_ends.cache_clear()
            for _layer in range(8):
                apply_token_budget(d, settings.layer_token_budget, "x")
    return (time.perf_counter() - started) / rounds / len(docs) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", default="corpus,fuzz,cost")
    ap.add_argument("--time-limit", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--fuzz-extract", type=int, default=2000)
    ap.add_argument("--fuzz-analyze", type=int, default=50)
    ap.add_argument("--ptc", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    parts = args.parts.split(",")
    if "corpus" in parts:
        print(
            "### Hostile corpus\n\n" + part_corpus(args.time_limit, args.workers) + "\n", flush=True
        )
    if "fuzz" in parts:
        print("### Fuzz\n\n" + part_fuzz(args.fuzz_extract, args.fuzz_analyze) + "\n", flush=True)
    if "cost" in parts:
        print("### Cost of the limits\n\n" + part_cost(args.ptc, args.rounds) + "\n", flush=True)


if __name__ == "__main__":
    main()
