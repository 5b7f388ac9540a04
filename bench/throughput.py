"""Throughput of the annotation layers beside spaCy's small pipeline alone, on 2 processes.

Why: the layers must stay cheap next to the parse they build on (target: PressLens with all
its layers ≥ 0.5× the tokens/s of spaCy's small pipeline alone), and memory must stay flat
over a long run (no per-document caches that grow). Both systems run in the same invocation,
on the same articles, in the same 2-process pool, so machine load affects both alike; the
order of the two passes alternates per round to cancel drift.

Texts: the SemEval-2020 Task 11 training articles in ../shared/data (news and propaganda
articles, 371 files); the script exits 0 with a message when that folder is absent.
Tokens are counted once per article with spaCy's tokenizer, identically for both systems.
PressLens runs each group of ``--batch`` texts as ``Pipeline.pipe`` does: one component at a
time over the group, through a component's ``annotate_batch`` when it has one (the technique
layer runs its encoder over all the group's sentences at once); ``--batch 1`` runs document by
document.

Usage::

    python bench/throughput.py                    # all articles, 2 processes, 1 round,
                                                  # nlp.pipe batches of 16 for both systems
    python bench/throughput.py --limit 200 --rounds 2 --write-readme
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import ROOT, build_document  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "semeval2020-task11-ptc" / "train-articles"
LAYERS = ("sentences", "entities", "timexes", "quantities", "attributions")
PAGE = os.sysconf("SC_PAGE_SIZE")
# How many times per worker share memory is sampled (start … end).
CHECKPOINTS = 5
_LIBC_NAME = ctypes.util.find_library("c")
_LIBC = ctypes.CDLL(_LIBC_NAME) if _LIBC_NAME else None

_runner: Any = None
_mode = ""


def _rss_mb() -> float:
    """Live resident set size of this process, MB (from /proc, Linux).

    Freed heap pages are handed back to the OS first (glibc ``malloc_trim``), so the number is
    the memory still in use, not the allocator's high-water mark (which ``_peak_mb`` shows).
    """
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * PAGE / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _init(mode: str, layers: tuple[str, ...]) -> None:
    """Load models once per worker (outside the timed work)."""
    global _runner, _mode
    _mode = mode
    from layers import MODELS

    MODELS.parser  # noqa: B018 - load spaCy now, outside the timed work
    if mode == "presslens":
        from layers import Runner

        _runner = Runner(layers)
        _runner(build_document("Warm-up. Officials said 3 people died on Monday.", None, "w"))


def _work(job: tuple[list[tuple[str, str]], int]) -> dict[str, Any]:
    """Process one worker's share in groups of ``size`` texts (spaCy via ``nlp.pipe`` on both
    sides when size > 1); report time, and memory at CHECKPOINTS points of the share."""
    from layers import MODELS

    share, size = job
    nlp = MODELS.parser.nlp
    mem = [(_rss_mb(), _peak_mb())]
    marks = {len(share) * k // (CHECKPOINTS - 1) for k in range(1, CHECKPOINTS - 1)}
    paused = 0.0
    parse_s = 0.0
    layer_before = dict(_runner.seconds) if _runner is not None else {}
    started = time.perf_counter()
    for i in range(0, len(share), size):
        group = share[i : i + size]
        if _mode == "spacy":
            if size > 1:
                list(nlp.pipe([text for _, text in group], batch_size=size))
            else:
                nlp(group[0][1])
        else:
            texts = [text for _, text in group]
            parse_started = time.perf_counter()
            parses = MODELS.parser.pipe(texts, batch_size=size) if size > 1 else [None] * len(group)
            parse_s += time.perf_counter() - parse_started
            docs = [build_document(text, None, name) for name, text in group]
            run_group(_runner, docs, list(parses))
        if any(i <= mark < i + size for mark in marks):
            pause = time.perf_counter()
            mem.append((_rss_mb(), _peak_mb()))
            paused += time.perf_counter() - pause
    seconds = time.perf_counter() - started - paused
    mem.append((_rss_mb(), _peak_mb()))
    parts = {}
    if _runner is not None:  # where PressLens' time went (a layer's own parse counts as its own)
        parts = {"parse": parse_s}
        parts |= {k: v - layer_before.get(k, 0.0) for k, v in _runner.seconds.items()}
    return {"seconds": seconds, "mem": mem, "pid": os.getpid(), "parts": parts}


def run_group(runner: Any, docs: list[Any], parses: list[Any]) -> list[Any]:
    """The runner's components over a group of documents, component by component, as
    ``Pipeline.pipe`` runs a batch: ``annotate_batch`` where the annotator offers it."""
    from presslens.context import Context

    ctxs = [
        Context.for_document(d, runner_models(), runner.settings, parse=p)
        for d, p in zip(docs, parses, strict=True)
    ]
    for spec in runner.specs:
        annotator = runner.annotators[spec.name]
        started = time.perf_counter()
        batch = getattr(annotator, "annotate_batch", None)
        if batch is not None and len(docs) > 1:
            layers = batch(list(zip(docs, ctxs, strict=True)))
        else:
            layers = [annotator(d, c) for d, c in zip(docs, ctxs, strict=True)]
        runner.seconds[spec.assigns] += time.perf_counter() - started
        docs = [
            d.with_layer(spec.assigns, a, {"component": spec.name})
            for d, a in zip(docs, layers, strict=True)
        ]
    return docs


def runner_models() -> Any:
    from layers import MODELS

    return MODELS


def run_pass(
    mode: str, texts: list[tuple[str, str]], processes: int, layers: tuple[str, ...], batch: int
) -> dict[str, Any]:
    """Wall time and worker memory for one system over all texts."""
    chunks = [(texts[i::processes], batch) for i in range(processes)]
    ctx = mp.get_context("fork")
    with ctx.Pool(processes, initializer=_init, initargs=(mode, layers)) as pool:
        pool.map(_noop, range(processes))  # wait until every worker has loaded its models
        started = time.perf_counter()
        results = pool.map(_work, chunks)
        wall = time.perf_counter() - started
    return {"wall": wall, "workers": results}


def _noop(_: int) -> None:
    return None


def count_tokens(texts: list[tuple[str, str]]) -> int:
    from layers import MODELS

    tokenizer = MODELS.parser.nlp.tokenizer
    return sum(len(tokenizer(text)) for _, text in texts)


def load_texts(limit: int | None) -> list[tuple[str, str]]:
    files = sorted(DATA.glob("*.txt"))[:limit]
    return [(p.name, p.read_text(encoding="utf-8").strip()) for p in files]


def report(
    tokens: int,
    n_docs: int,
    passes: dict[str, list[dict[str, Any]]],
    processes: int,
    batch: int,
    layers: tuple[str, ...],
) -> str:
    wall = {mode: sum(p["wall"] for p in runs) for mode, runs in passes.items()}
    rounds = len(passes["spacy"])
    tps = {mode: tokens * rounds / wall[mode] for mode in wall}
    lines = [
        f"{n_docs} articles, {tokens} spaCy tokens, {processes} processes, {rounds} round(s), "
        f"nlp.pipe batches of {batch} on both sides; layers: {', '.join(layers)}.",
        "",
        "| system | wall s | tokens/s | × spaCy alone |",
        "|---|---:|---:|---:|",
    ]
    for mode, label in (
        ("spacy", "spaCy en_core_web_sm (all pipes) alone"),
        ("presslens", f"PressLens, {len(layers)} layers (incl. its spaCy parse)"),
    ):
        lines.append(
            f"| {label} | {wall[mode]:.1f} | {tps[mode]:,.0f} | {tps[mode] / tps['spacy']:.2f} |"
        )
    lines += ["", *time_shares(passes["presslens"])]
    lines += [
        "",
        f"Worker memory, MB live RSS / peak RSS, sampled {CHECKPOINTS} times from start "
        "to end of each worker's share (live = after gc and malloc_trim):",
        "",
    ]
    for mode, runs in passes.items():
        for r, run in enumerate(runs):
            for w in run["workers"]:
                marks = " → ".join(f"{cur:.0f}/{peak:.0f}" for cur, peak in w["mem"])
                lines.append(f"- {mode} round {r + 1} worker {w['pid']}: {marks}")
    return "\n".join(lines)


def time_shares(runs: list[dict[str, Any]]) -> list[str]:
    """Markdown table: PressLens' worker seconds per part (the spaCy parse, each layer, the
    rest), summed over workers and rounds, with each part's share of the total.

    Why in the report: the target is a ratio to the parse alone, so what matters is how much
    each layer adds beside the parse; a profile made apart from the bench drifts from it."""
    totals: dict[str, float] = {}
    worker_s = 0.0
    for run in runs:
        for w in run["workers"]:
            worker_s += w["seconds"]
            for part, sec in w.get("parts", {}).items():
                totals[part] = totals.get(part, 0.0) + sec
    if not totals or worker_s <= 0:
        return []
    totals["other (documents, contexts)"] = max(0.0, worker_s - sum(totals.values()))
    lines = [
        "Where PressLens' worker time goes (seconds summed over workers and rounds):",
        "",
        "| part | s | share |",
        "|---|---:|---:|",
    ]
    for part, sec in totals.items():
        label = "spaCy parse (nlp.pipe)" if part == "parse" else part
        lines.append(f"| {label} | {sec:.1f} | {sec / worker_s:.0%} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--layers", default=",".join(LAYERS))
    parser.add_argument(
        "--batch",
        type=int,
        default=16,
        help="texts per nlp.pipe call on both sides (1 = one by one)",
    )
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (needs ../shared/data)")
        return 0
    layers = tuple(x.strip() for x in args.layers.split(",") if x.strip())
    texts = load_texts(args.limit)
    tokens = count_tokens(texts)
    passes: dict[str, list[dict[str, Any]]] = {"spacy": [], "presslens": []}
    for r in range(args.rounds):
        order = ("spacy", "presslens") if r % 2 == 0 else ("presslens", "spacy")
        for mode in order:
            passes[mode].append(run_pass(mode, texts, args.processes, layers, args.batch))
            print(f"round {r + 1} {mode}: {passes[mode][-1]['wall']:.1f} s", file=sys.stderr)
    table = report(tokens, len(texts), passes, args.processes, args.batch, layers)
    load = os.getloadavg()
    table += (
        f"\n\nLoad average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (2 cores)."
    )
    print(table)
    if args.write_readme:
        from layers import write_readme_section

        cmd = " ".join(["bench/throughput.py", *(argv if argv is not None else sys.argv[1:])])
        body = (
            f"Made by `.venv/bin/python {cmd}` ({time.strftime('%Y-%m-%d')}); the machine "
            "is shared, so compare the two rows, not runs on different days.\n\n" + table
        )
        write_readme_section(body, heading="## Throughput")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
