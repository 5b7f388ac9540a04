"""Web app load test, loopback only and bounded: mixed reads at 16 concurrent clients over a
store of ≥ 5,000 documents, then a burst of analysis requests past capacity.

    .venv/bin/python bench/web.py [--docs 5000] [--seconds 60] [--clients 16] [--store PATH]

The store is synthetic (made here, deterministic: outlets, dates, technique/figure/attribution/
entity annotations) and cached at --store between runs. The server is ``presslens serve`` in its
own process (the real Pipeline, 1 analysis worker, queue 4) on 127.0.0.1. No web app peer runs
offline here, so each route's latency is printed beside the floor of the same stack measured in
the same run: uvicorn + Starlette serving a small static file.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
TOKEN = "bench-token-0123456789"
WORDS = (
    "minister council harbour ferry budget bridge tunnel school clinic market river station "
    "tariff grain rail port mayor union strike court vote election summit treaty officials "
    "army border talks ceasefire protest police report agency statement spokesman crisis"
).split()
TECHS = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Doubt",
    "Flag-Waving",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Repetition",
)
NAMES = [f"Person{i}" for i in range(150)] + [f"Place{i}" for i in range(50)]
# Share of each kind of read in the mix (what an analyst clicking around would do).
MIX = (
    ("document_json", 20),
    ("document_page", 15),
    ("search_api", 15),
    ("search_page", 10),
    ("outlets", 5),
    ("profile_api", 10),
    ("profile_page", 10),
    ("compare_page", 10),
    ("series_csv", 5),
)


def synthetic_doc(i: int) -> Any:
    from presslens.document import Document, Metadata, Source

    rng = random.Random(i)
    words = [rng.choice(WORDS) for _ in range(rng.randint(200, 500))] + [
        f"w{i}x{j}" for j in range(40)
    ]
    rng.shuffle(words)
    text = " ".join(words) + "."
    spans: dict[str, list[dict[str, Any]]] = {"paragraphs": [{"start": 0, "end": len(text)}]}
    starts = [m for m in range(0, len(text) - 30, 97)]

    def pick(n: int) -> list[int]:
        return sorted(rng.sample(starts, min(n, len(starts))))

    spans["techniques"] = [
        {
            "id": f"techniques-{k}",
            "start": s,
            "end": s + 12,
            "technique": rng.choice(TECHS),
            "score": round(rng.random(), 3),
        }
        for k, s in enumerate(pick(rng.randint(0, 8)))
    ]
    spans["attributions"] = [
        {
            "id": f"attributions-{k}",
            "start": s,
            "end": s + 25,
            "cue": "said",
            "hedged": rng.random() < 0.2,
            "vague_source": rng.random() < 0.3,
            "hedges": [],
        }
        for k, s in enumerate(pick(rng.randint(0, 5)))
    ]
    n_att = len(spans["attributions"])
    spans["quantities"] = [
        {
            "id": f"quantities-{k}",
            "start": s,
            "end": s + 3,
            "value": 1.0,
            "unit": "count",
            "attribution": rng.randrange(n_att) if n_att and rng.random() < 0.6 else None,
        }
        for k, s in enumerate(pick(rng.randint(0, 6)))
    ]
    spans["entities"] = [
        {
            "id": f"entities-{k}",
            "start": s,
            "end": s + 6,
            "label": "PERSON",
            "cluster": k,
            "canonical": rng.choice(NAMES),
        }
        for k, s in enumerate(pick(rng.randint(3, 12)))
    ]
    day = 1 + (i * 7919) % 730
    published = time.strftime("%Y-%m-%d", time.gmtime(1672531200 + day * 86400))
    return Document(
        id=hashlib.sha256(f"bench-{i}".encode()).hexdigest(),
        source=Source(uri=f"https://outlet{i % 40}.example/{i}"),
        metadata=Metadata(
            title=f"Story {i} " + " ".join(words[:6]), published=published, language="en"
        ),
        text=text,
        layers=spans,
        provenance={k: {"component": "bench", "version": "1"} for k in spans},
    )


def build_store(path: Path, n: int) -> None:
    from presslens.store import Outlet, open_store

    store = open_store(str(path))
    have = store.stats().get("documents", 0) if hasattr(store, "stats") else 0
    if isinstance(have, dict):
        have = have.get("total", 0)
    if have >= n:
        return
    for k in range(40):
        store.upsert_outlet(Outlet(name=f"Outlet {k}", collections=[f"Region {k % 4}"]))
    started = time.perf_counter()
    for i in range(n):
        store.add_document(synthetic_doc(i), outlet=f"Outlet {i % 40}")
        if i % 1000 == 999:
            print(
                f"  stored {i + 1} documents ({time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
            )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PRESSLENS_TOKEN": TOKEN, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "presslens.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--queue",
            "4",
            "--time-limit",
            "60",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(600):  # the Pipeline loads, then the statistics are precomputed
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()["warm"]:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def request_for(kind: str, rng: random.Random, n_docs: int) -> str:
    doc = hashlib.sha256(f"bench-{rng.randrange(n_docs)}".encode()).hexdigest()
    outlet = rng.randrange(1, 41)
    word = rng.choice(WORDS)
    return {
        "document_json": f"/api/documents/{doc}",
        "document_page": f"/documents/{doc}",
        "search_api": f"/api/search?q={word}&outlet=Outlet+{outlet - 1}",
        "search_page": f"/search?q={word}+{rng.choice(WORDS)}",
        "outlets": "/api/outlets",
        "profile_api": f"/api/outlets/{outlet}/profile",
        "profile_page": f"/outlets/{outlet}?peer=outlet:{(outlet % 40) + 1}",
        "compare_page": f"/compare?group=outlet:{outlet}&group=outlet:{(outlet % 40) + 1}"
        f"&group=corpus&metric={rng.choice(['techniques', 'sourced_figures'])}",
        "series_csv": f"/api/stats/series.csv?group=outlet:{outlet}&group=corpus&by=week",
        "static": "/static/app.css",
    }[kind]


async def read_load(base: str, seconds: float, clients: int, n_docs: int) -> dict[str, Any]:
    kinds = [k for k, w in MIX for _ in range(w)]
    lat: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    stop = time.perf_counter() + seconds

    async def client(cid: int) -> None:
        rng = random.Random(cid)
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            while time.perf_counter() < stop:
                kind = "static" if rng.random() < 0.1 else rng.choice(kinds)
                url = request_for(kind, rng, n_docs)
                t0 = time.perf_counter()
                try:
                    r = await c.get(url)
                    ok = r.status_code == 200
                except httpx.HTTPError as exc:
                    ok, r = False, exc
                lat[kind].append(time.perf_counter() - t0)
                if not ok:
                    errors.append(f"{url}: {getattr(r, 'status_code', r)}")

    await asyncio.gather(*(client(i) for i in range(clients)))
    return {"lat": lat, "errors": errors}


async def analysis_burst(base: str, n: int) -> dict[int, int]:
    text = (REPO / "examples" / "dump-velmora-talks.txt").read_text(encoding="utf-8")

    async def one(i: int, c: httpx.AsyncClient) -> int:
        r = await c.post(
            "/api/documents",
            json={"text": f"{text}\n\nBurst copy {i}."},
            headers={"authorization": f"Bearer {TOKEN}"},
        )
        return r.status_code

    async with httpx.AsyncClient(base_url=base, timeout=300) as c:
        codes = await asyncio.gather(*(one(i, c) for i in range(n)))
    out: dict[int, int] = defaultdict(int)
    for code in codes:
        out[code] += 1
    return dict(out)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--burst", type=int, default=40, help="concurrent analysis requests")
    ap.add_argument(
        "--store", type=Path, default=Path(tempfile.gettempdir()) / "presslens-bench-web.db"
    )
    args = ap.parse_args()
    print(f"store: {args.store} ({args.docs} documents)", file=sys.stderr)
    build_store(args.store, args.docs)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.store, port)
    try:
        res = asyncio.run(read_load(base, args.seconds, args.clients, args.docs))
        burst = asyncio.run(analysis_burst(base, args.burst))
        alive = httpx.get(f"{base}/api/outlets", timeout=10).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    lat = res["lat"]
    floor = statistics.median(lat["static"]) * 1000
    everything = [x for k, v in lat.items() if k != "static" for x in v]
    print(
        f"\n{args.clients} clients, {args.seconds:.0f} s, {args.docs} documents, "
        f"{len(everything)} reads ({len(everything) / args.seconds:.0f}/s), "
        f"errors: {len(res['errors'])}"
    )
    print("| route | requests | p50 ms | p99 ms | p50 / static-file floor |")
    print("|---|---:|---:|---:|---:|")
    for kind in [k for k, _ in MIX] + ["static"]:
        v = lat.get(kind, [])
        if v:
            print(
                f"| {kind} | {len(v)} | {pct(v, 0.5):.1f} | {pct(v, 0.99):.1f} | "
                f"{pct(v, 0.5) / floor:.1f}× |"
            )
    print(
        f"| **all reads** | {len(everything)} | **{pct(everything, 0.5):.1f}** | "
        f"**{pct(everything, 0.99):.1f}** | {pct(everything, 0.5) / floor:.1f}× |"
    )
    print(
        f"\nanalysis burst of {args.burst} concurrent POSTs (1 worker, queue 4): "
        + ", ".join(f"{code}: {n}" for code, n in sorted(burst.items()))
        + f"; lost: {args.burst - sum(burst.values())}; server up afterwards: {alive}"
    )
    if res["errors"]:
        print("first errors:", res["errors"][:5])
    bad = set(burst) - {201, 429}
    return 1 if res["errors"] or bad or not alive else 0


if __name__ == "__main__":
    sys.exit(main())
