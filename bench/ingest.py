"""Batch ingest benchmarks (issue 9 §5): speed, extraction only, worker memory, stores, resume.

    .venv/bin/python bench/ingest.py                       # every section
    .venv/bin/python bench/ingest.py --only speed,resume   # some sections

Sections (each prints our figure beside the peer measured in the same run, as a ratio):
- speed: `presslens ingest --workers 2`, all layers, vs today's single-process
  `presslens analyze DIR -o OUT` on the same PTC articles (text files; goal ≥ 1.8×).
- extraction: `presslens ingest --no-layers --workers 2` vs `trafilatura --parallel 2` on the same
  HTML pages (the ScrapingHub benchmark's pages, each repeated with a distinct comment so every
  copy is a new document; goal ≥ 1.0×).
- memory: worker RSS over ≥ 10,000 documents (PTC texts wrapped as HTML pages of ten invented
  outlets with dates over 2026; fast layers): growth after warm-up (goal ≤ 50 MB).
- stores: the same ingest into SQLite and into PostgreSQL (a private server, as in the tests).
- resume: 10 SIGKILLs at seeded random moments during an ingest, then a re-run: lost/duplicated.

Data comes from ../shared/data (never copied into the project); sections without it are skipped.
Everything runs as subprocesses of the installed `presslens` command, as a user would run it.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
PTC = DATA / "semeval2020-task11-ptc" / "train-articles"
HTML = DATA / "extraction-bench" / "html"
BIN = Path(sys.executable).parent
PRESSLENS = [str(BIN / "presslens")]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}
OUTLETS = [f"outlet{i}.example" for i in range(10)]


def load() -> str:
    """The 1-minute load average and core count, to say how busy the shared machine was."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0,):
        sys.exit(f"bench: {' '.join(cmd[:3])} failed: {done.stderr[-800:]}")
    return seconds


def ptc_folder(tmp: Path, n: int) -> Path:
    folder = tmp / f"ptc{n}"
    folder.mkdir()
    for src in sorted(PTC.glob("article*.txt"))[:n]:
        shutil.copy(src, folder / src.name)
    return folder


def count_documents(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def row(name: str, ours: str, peer: str, ratio: float, goal: str) -> str:
    return f"| {name} | {ours} | {peer} | **{ratio:.2f}×** | {goal} |"


# -- sections -----------------------------------------------------------------------------------
def bench_speed(tmp: Path, n: int) -> str:
    folder = ptc_folder(tmp, n)
    n = len(list(folder.iterdir()))
    single = timed([*PRESSLENS, "analyze", str(folder), "-o", str(tmp / "out"), "--format", "json"])
    ingest = timed(
        [*PRESSLENS, "ingest", str(folder), "--store", str(tmp / "speed.db"), "--workers", "2"]
    )
    ours, peer = n / ingest, n / single
    return row(
        f"all layers, {n} PTC articles",
        f"ingest --workers 2: {ours:.2f} docs/s ({ingest:.0f} s)",
        f"analyze (1 process): {peer:.2f} docs/s ({single:.0f} s)",
        ours / peer,
        "≥ 1.8×",
    )


def html_folder(tmp: Path, copies: int) -> Path:
    folder = tmp / "html"
    folder.mkdir()
    for src in sorted(HTML.glob("*.html.gz")):
        page = gzip.decompress(src.read_bytes())
        for k in range(copies):
            name = f"{src.name.removesuffix('.html.gz')}-{k}.html"
            (folder / name).write_bytes(page + f"\n<!-- copy {k} -->\n".encode())
    return folder


def bench_extraction(tmp: Path, copies: int) -> str:
    folder = html_folder(tmp, copies)
    n = len(list(folder.iterdir()))
    out = tmp / "traf"
    out.mkdir()
    peer_s = timed(
        [str(BIN / "trafilatura"), "--input-dir", str(folder), "-o", str(out), "--parallel", "2"]
    )
    ours_s = timed(
        [*PRESSLENS, "ingest", str(folder), "--no-layers", "--workers", "2",
         "--store", str(tmp / "extract.db")]
    )  # fmt: skip
    return row(
        f"extraction only, {n} HTML pages",
        f"ingest --no-layers --workers 2: {n / ours_s:.1f} pages/s ({ours_s:.0f} s)",
        f"trafilatura --parallel 2: {n / peer_s:.1f} pages/s ({peer_s:.0f} s)",
        peer_s / ours_s,
        "≥ 1.0×",
    )


def memory_folder(tmp: Path, n: int) -> Path:
    """``n`` distinct HTML pages: PTC texts under ten outlets' URLs, dated over 2026."""
    folder = tmp / "memory"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(PTC.glob("article*.txt"))]
    rng = random.Random(7)
    for i in range(n):
        lines = [x for x in texts[i % len(texts)].splitlines() if x.strip()]
        outlet = OUTLETS[i % len(OUTLETS)]
        date = f"2026-{1 + i % 12:02d}-{1 + rng.randrange(28):02d}T{rng.randrange(24):02d}:00:00Z"
        body = "".join(f"<p>{x}</p>" for x in lines[1:])
        page = (
            f'<html><head><meta charset="utf-8"><title>{lines[0]}</title>'
            f'<meta property="article:published_time" content="{date}">'
            f'<meta property="og:url" content="https://{outlet}/story/{i}"></head>'
            f"<body><article><h1>{lines[0]}</h1>{body}</article></body></html>"
        )
        (folder / f"p{i:05d}.html").write_text(page, encoding="utf-8")
    return folder


def worker_pids(parent: int) -> list[int]:
    try:
        kids = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    except OSError:
        return []
    out = []
    for pid in kids:
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" in cmd and b"resource_tracker" not in cmd:
            out.append(int(pid))
    return out


def rss(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def bench_memory(tmp: Path, n: int, layers: str) -> str:
    folder = memory_folder(tmp, n)
    db = tmp / "memory.db"
    cmd = [*PRESSLENS, "ingest", str(folder), "--store", str(db), "--workers", "2",
           "--layers", layers]  # fmt: skip
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[tuple[int, int, float]] = []  # (docs stored, pid, rss MB)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(2.0):
            docs = count_documents(db)
            for pid in worker_pids(proc.pid):
                mb = rss(pid)
                if mb is not None:
                    samples.append((docs, pid, mb))

    thread = threading.Thread(target=sample, daemon=True)
    started = time.perf_counter()
    thread.start()
    _, err = proc.communicate()
    stop.set()
    thread.join()
    seconds = time.perf_counter() - started
    warm = n // 10  # warm-up: the first 10 % of the documents (models loaded, caches filled)
    growth = []
    for pid in {p for _, p, _ in samples}:
        mine = [(d, mb) for d, p, mb in samples if p == pid]
        base = [mb for d, mb in mine if d >= warm]
        if len(base) >= 2:
            growth.append((max(base) - base[0], base[0], max(base)))
    worst = max(growth) if growth else (float("nan"), float("nan"), float("nan"))
    stored = count_documents(db)
    return (
        f"| worker RSS, {stored:,} documents ({layers}), {len(growth)} workers | "
        f"after warm-up {worst[1]:.0f} MB → max {worst[2]:.0f} MB: **growth {worst[0]:.0f} MB** "
        f"| {stored / seconds:.1f} docs/s | — | ≤ 50 MB |"
    )


def bench_stores(tmp: Path, n: int, pg_url: str | None) -> list[str]:
    folder = ptc_folder(tmp, n)
    rows = []
    targets = [("SQLite", str(tmp / "stores.db"))]
    if pg_url:
        targets.append(("PostgreSQL", pg_url))
    rates = {}
    for name, target in targets:
        s = timed([*PRESSLENS, "ingest", str(folder), "--store", target, "--workers", "2",
                   "--layers", "sentences"])  # fmt: skip
        rates[name] = n / s
    base = rates["SQLite"]
    for name, rate in rates.items():
        rows.append(
            f"| ingest into {name}, {n} PTC articles (sentences) | {rate:.1f} docs/s | "
            f"SQLite {base:.1f} docs/s | **{rate / base:.2f}×** | — |"
        )
    if not pg_url:
        rows.append("| ingest into PostgreSQL | not run (no PostgreSQL server available) | | | |")
    return rows


def kill_mid_run(proc: subprocess.Popen[bytes], db: Path, rng: random.Random) -> bool:
    """SIGKILL ``proc`` at a random moment once it has stored a new document (so the kill lands
    while documents are flowing, not during start-up); True when it did, False on a timeout."""
    start = count_documents(db)
    deadline = time.monotonic() + 300
    while count_documents(db) == start and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    mid_run = count_documents(db) > start
    time.sleep(rng.uniform(0.0, 0.5))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return mid_run


def bench_resume(tmp: Path, n: int, kills: int) -> str:
    folder = ptc_folder(tmp, n)
    ids = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    db = tmp / "resume.db"
    cmd = [*PRESSLENS, "ingest", str(folder), "--store", str(db), "--workers", "2",
           "--layers", "sentences"]  # fmt: skip
    rng = random.Random(11)
    started = time.perf_counter()
    landed = 0
    for _ in range(kills):
        proc = subprocess.Popen(
            cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        landed += kill_mid_run(proc, db, rng)
    before = count_documents(db)
    timed(cmd)
    seconds = time.perf_counter() - started
    con = sqlite3.connect(db)
    rows = [r[0] for r in con.execute("SELECT id FROM documents")]
    con.close()
    lost = len(ids - set(rows))
    duplicated = len(rows) - len(set(rows))
    return (
        f"| resume: {kills} SIGKILLs ({landed} while documents were being stored) during an "
        f"ingest of {n} PTC articles, then a re-run | "
        f"{before} stored before the re-run, {len(rows)} after: **{lost} lost, {duplicated} "
        f"duplicated** | {seconds:.0f} s in all | — | 0 lost, 0 duplicated |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="speed,extraction,memory,stores,resume")
    parser.add_argument("--docs", type=int, default=300, help="PTC articles for speed/resume")
    parser.add_argument("--copies", type=int, default=3, help="copies of each HTML page")
    parser.add_argument("--memory-docs", type=int, default=10_000)
    parser.add_argument("--memory-layers", default="sentences")
    parser.add_argument("--pg-url", help="PostgreSQL URL for the stores section")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if not PTC.is_dir():
        print("bench/ingest.py: ../shared/data is absent; skipped")
        return 0
    print(f"Machine: {load()} at start.\n")
    print("| measure | PressLens | peer (same run) | ratio | goal |")
    print("|---|---|---|---:|---|")
    with tempfile.TemporaryDirectory(prefix="presslens-bench-") as name:
        tmp = Path(name)
        if "speed" in only:
            (tmp / "s").mkdir()
            print(bench_speed(tmp / "s", args.docs))
        if "extraction" in only and HTML.is_dir():
            (tmp / "e").mkdir()
            print(bench_extraction(tmp / "e", args.copies))
        if "memory" in only:
            (tmp / "m").mkdir()
            print(bench_memory(tmp / "m", args.memory_docs, args.memory_layers))
        if "stores" in only:
            (tmp / "d").mkdir()
            with pg_server() as url:
                for line in bench_stores(tmp / "d", args.docs, args.pg_url or url):
                    print(line)
        if "resume" in only:
            (tmp / "r").mkdir()
            print(bench_resume(tmp / "r", args.docs, 10))
    print(f"\nMachine: {load()} at the end.")
    return 0


@contextmanager
def pg_server() -> Iterator[str | None]:
    """A private PostgreSQL server (the store tests' helper), fsync on as a real one; or None."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from pg_server import postgres_server
    except ImportError:
        yield None
        return
    try:
        with postgres_server(fsync=True) as url:
            yield url
    except RuntimeError:
        yield None


if __name__ == "__main__":
    sys.exit(main())
