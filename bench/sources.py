"""Sources benchmark: what reading a WARC and fetching URLs through PressLens's guards costs.

Two figures, each beside the best peer measured in the same run, as a ratio:
- WARC.gz → pages/s: ``iter_pages`` (warcio, size limit per record, resynchronisation, header
  parsing) against FastWARC's ``ArchiveIterator`` reading the same payloads (the fastest WARC
  reader we have; it does none of our checks).
- URLs → pages/s from a local server: ``iter_pages`` on ``@urls.txt`` (SSRF guard and pinned
  connection per hop, robots.txt, throttle with delay 0, 4 workers) against a plain pooled
  ``httpx.Client`` with the same 4 threads and no guard.

Synthetic, deterministic inputs (no real content). Run:
    .venv/bin/python bench/sources.py [--records 3000] [--urls 300]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from localhttp import LocalServer  # noqa: E402
from presslens.ingest.expand import iter_pages  # noqa: E402
from presslens.ingest.rawpage import RawPage  # noqa: E402
from presslens.settings import Settings  # noqa: E402

WORDS = "council budget minister river harbour election court report village market".split()


def article(rng: random.Random, n: int) -> bytes:
    paras = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>" for _ in range(12)
    )
    return f"<html><head><title>Story {n}</title></head><body>{paras}</body></html>".encode()


def write_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(7)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"http://news.example/{i}",
                    "response",
                    payload=io.BytesIO(article(rng, i)),
                    http_headers=headers,
                )
            )


def bench_warc(records: int) -> tuple[float, float, float]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        write_warc(path, records)
        start = time.perf_counter()
        ours = sum(isinstance(p, RawPage) for p in iter_pages([path]))
        t_ours = time.perf_counter() - start
        start = time.perf_counter()
        peer = 0
        for record in ArchiveIterator(str(path), record_types=WarcRecordType.response):
            record.parse_http(auto_decode="all")  # undo chunked and gzip like warcio
            if record.reader.read():
                peer += 1
        t_peer = time.perf_counter() - start
    assert ours == peer == records, (ours, peer)
    return records / t_ours, records / t_peer, path.stat().st_size if path.exists() else 0


def bench_fetch(n: int) -> tuple[float, float]:
    import httpx

    rng = random.Random(11)
    server = LocalServer(
        {f"/a/{i}": (200, {"Content-Type": "text/html"}, article(rng, i)) for i in range(n)}
    ).start()
    urls = [f"{server.url}/a/{i}" for i in range(n)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            listing = Path(tmp) / "urls.txt"
            listing.write_text("\n".join(urls), encoding="utf-8")
            settings = Settings(allow_private=True, fetch_host_delay=0.0, fetch_workers=4)
            start = time.perf_counter()
            ours = sum(isinstance(p, RawPage) for p in iter_pages([f"@{listing}"], settings))
            t_ours = time.perf_counter() - start
        with httpx.Client() as client, ThreadPoolExecutor(4) as pool:
            start = time.perf_counter()
            peer = sum(r.status_code == 200 for r in pool.map(client.get, urls))
            t_peer = time.perf_counter() - start
    finally:
        server.stop()
    assert ours == peer == n, (ours, peer)
    return n / t_ours, n / t_peer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--urls", type=int, default=300)
    args = parser.parse_args()
    ours, peer, _ = bench_warc(args.records)
    print("| input | PressLens pages/s | peer | peer pages/s | ratio |")
    print("|---|---:|---|---:|---:|")
    print(
        f"| WARC.gz, {args.records} responses | {ours:,.0f} | FastWARC ArchiveIterator "
        f"| {peer:,.0f} | {ours / peer:.2f}× |"
    )
    ours, peer = bench_fetch(args.urls)
    print(
        f"| {args.urls} URLs from 127.0.0.1, 4 workers | {ours:,.0f} | httpx.Client pooled, "
        f"no guard | {peer:,.0f} | {ours / peer:.2f}× |"
    )


if __name__ == "__main__":
    main()
