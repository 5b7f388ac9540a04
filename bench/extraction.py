"""Extraction benchmark: PressLens vs the maintained extractors, same pages, same run.

Data: ../shared/data/extraction-bench (ScrapingHub/Zyte article-extraction-benchmark, 181 news
and blog pages with gold article bodies). Metric: the upstream 4-gram shingle P/R/F1,
macro-averaged per page (bench/scoring.py, checked against the published outputs).

Why one process per system and CPU time: see ``run``. Wall time is printed too.

    .venv/bin/python bench/extraction.py                      # all systems, markdown table
    .venv/bin/python bench/extraction.py --systems presslens  # quick loop while developing
    .venv/bin/python bench/extraction.py --write-readme       # also update bench/README.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import PageScore, Summary, load_gold, score_page, summarise  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "data" / "extraction-bench"
README = ROOT / "bench" / "README.md"

Runner = Callable[[str, str], "str | None"]

# Block-level tags after which readability's HTML summary gets a line break, so words of
# adjacent paragraphs are not glued into one token (what html_text does upstream).
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "figure",
    "figcaption",
    "dd",
    "dt",
}


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment with line breaks at block boundaries."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    parts: list[str] = []

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style"):
            if el.tail:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    return re.sub(r"[ \t]*\n\s*", "\n", "".join(parts)).strip()


def _presslens() -> Runner:
    # Modules PressLens loads lazily (the second opinion, the date fallback) are imported here,
    # as trafilatura imports its own at import time: a one-off cost, not a per-page one.
    import htmldate  # noqa: F401
    import readability  # noqa: F401

    from presslens.extract.blocks import assemble
    from presslens.extract.html import extract_html

    def run(html: str, url: str) -> str:
        return assemble(extract_html(html, url=url).blocks)[0]

    return run


def _trafilatura() -> Runner:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, include_comments=False)


def _trafilatura_precision() -> Runner:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, include_comments=False, favor_precision=True)


def _trafilatura_meta() -> Runner:
    """Trafilatura asked for body *and* metadata: the time budget PressLens must meet."""
    import trafilatura

    def run(html: str, url: str) -> str | None:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
        return doc.text if doc is not None else None

    return run


def _readability() -> Runner:
    from readability import Document

    return lambda html, url: html_to_text(Document(html).summary(html_partial=True))


def _newspaper() -> Runner:
    import newspaper

    return lambda html, url: newspaper.article(url, input_html=html, fetch_images=False).text


def _justext() -> Runner:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(html: str, url: str) -> str:
        paragraphs = justext.justext(html, stoplist, 50, 200, 0.1, 0.2, 0.2, 200, True)
        return " ".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _resiliparse() -> Runner:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html, url: extract_plain_text(html, main_content=True)


# name → (factory, description for the table)
SYSTEMS: dict[str, tuple[Callable[[], Runner], str]] = {
    "presslens": (_presslens, "PressLens (body + metadata)"),
    "trafilatura": (_trafilatura, "trafilatura, upstream settings"),
    "trafilatura-precision": (_trafilatura_precision, "trafilatura, favor_precision=True"),
    "trafilatura-meta": (_trafilatura_meta, "trafilatura, body + metadata"),
    "readability": (_readability, "readability-lxml"),
    "newspaper4k": (_newspaper, "newspaper4k, fetch_images=False"),
    "justext": (_justext, "jusText, upstream settings"),
    "resiliparse": (_resiliparse, "resiliparse, main_content=True"),
}
OURS = "presslens"
WARM_UP_PAGES = 3
TIME_REFERENCE = "trafilatura-meta"


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    dist = {
        "presslens": "presslens",
        "trafilatura": "trafilatura",
        "trafilatura-precision": "trafilatura",
        "trafilatura-meta": "trafilatura",
        "readability": "readability-lxml",
        "newspaper4k": "newspaper4k",
        "justext": "jusText",
        "resiliparse": "resiliparse",
    }[name]
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def load_pages(bench_dir: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, url, html) for every page that has gold, sorted by id."""
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages = []
    for page_id in ids:
        with gzip.open(bench_dir / "html" / f"{page_id}.html.gz", "rt", encoding="utf8") as fh:
            pages.append((page_id, truth[page_id]["url"], fh.read()))
    return pages


Result = tuple[Summary, tuple[float, float], dict[str, PageScore], int]


def run_one(name: str, bench_dir: Path, limit: int | None, progress: bool) -> Result:
    """One system over every page: summary, (CPU, wall) ms/page, per-page scores, crashes."""
    gold = load_gold(bench_dir)
    pages = load_pages(bench_dir, limit)
    runner = SYSTEMS[name][0]()
    # Warm-up on the first pages, untimed: imports and lazy model loading are not per-page cost.
    for _page_id, url, html in pages[:WARM_UP_PAGES]:
        try:
            runner(html, url)
        except Exception:  # noqa: BLE001 - a peer failing on a page is scored, not fatal
            pass
    cpu = wall = 0.0
    errors = 0
    per_page: dict[str, PageScore] = {}
    for i, (page_id, url, html) in enumerate(pages, 1):
        t0, w0 = time.process_time(), time.perf_counter()
        try:
            text = runner(html, url)
        except Exception:  # noqa: BLE001 - upstream counts a crash as an empty output
            text, errors = "", errors + 1
        cpu += time.process_time() - t0
        wall += time.perf_counter() - w0
        per_page[page_id] = score_page(gold[page_id], text)
        if progress:
            print(f"\r{name}: {i}/{len(pages)} pages", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    summary = summarise([per_page[k] for k in sorted(per_page)])
    return summary, (1000 * cpu / len(pages), 1000 * wall / len(pages)), per_page, errors


def _worker(name: str, bench_dir: Path, limit: int | None) -> None:
    """Subprocess entry: run one system and print its result as JSON on stdout."""
    summary, ms, per_page, errors = run_one(name, bench_dir, limit, progress=True)
    json.dump(
        {
            "ms": ms,
            "errors": errors,
            "per_page": {k: [s.tp, s.fp, s.fn, s.exact] for k, s in per_page.items()},
        },
        sys.stdout,
    )


def run(
    bench_dir: Path,
    names: list[str],
    limit: int | None = None,
    progress: bool = True,
    rounds: int = 2,
) -> tuple[
    dict[str, Summary],
    dict[str, tuple[float, float]],
    dict[str, dict[str, PageScore]],
    dict[str, int],
]:
    """Run every system on the same pages, each in its own fresh process, one after another.

    Why separate processes: systems share libraries (three of them are trafilatura) whose
    caches and garbage carry over from one system to the next; interleaved in one process, the
    measured time ratio moved by ±7% with nothing but the order of the systems. Each process
    times CPU (not wall) time, which the load of other processes on a shared machine does not
    inflate. Even so, other processes share the cores' caches, so each system runs ``rounds``
    times (the order reversed every round) and keeps its fastest round, as ``timeit`` does.
    Returns summaries, (CPU ms/page, wall ms/page), per-page scores and crash counts.
    """
    summaries: dict[str, Summary] = {}
    ms: dict[str, tuple[float, float]] = {}
    per_page: dict[str, dict[str, PageScore]] = {}
    errors: dict[str, int] = {}
    plan = [name for r in range(rounds) for name in (names if r % 2 == 0 else names[::-1])]
    for name in plan:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name,
               "--bench-dir", str(bench_dir)]  # fmt: skip
        if limit:
            cmd += ["--limit", str(limit)]
        proc = subprocess.run(
            cmd, stdout=subprocess.PIPE, stderr=None if progress else subprocess.DEVNULL,
            text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            print(f"skipping {name}: its run failed (exit {proc.returncode})", file=sys.stderr)
            continue
        data = json.loads(proc.stdout)
        cpu, wall = data["ms"]
        if name in ms:  # a later round: keep the fastest; the scores are deterministic
            ms[name] = (min(ms[name][0], cpu), min(ms[name][1], wall))
            continue
        per_page[name] = {k: PageScore(*v) for k, v in data["per_page"].items()}
        summaries[name] = summarise([per_page[name][k] for k in sorted(per_page[name])])
        ms[name] = (cpu, wall)
        errors[name] = data["errors"]
    return summaries, ms, per_page, errors


def table(
    summaries: dict[str, Summary], ms: dict[str, tuple[float, float]], errors: dict[str, int]
) -> str:
    """Markdown table sorted by F1, with differences to the best peer and time ratios."""
    peers = {n: s for n, s in summaries.items() if n != OURS}
    best = max(peers, key=lambda n: peers[n].f1) if peers else None
    ref_ms = ms[TIME_REFERENCE][0] if TIME_REFERENCE in ms else None
    lines = [
        "| system | version | F1 | precision | recall | accuracy | CPU ms/page | wall ms/page "
        f"| F1 − best peer | CPU time ÷ {TIME_REFERENCE} | crashes |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in sorted(summaries, key=lambda n: -summaries[n].f1):
        s = summaries[name]
        diff = f"{s.f1 - peers[best].f1:+.3f}" if best else "–"
        cpu, wall_ms = ms[name]
        ratio = f"{cpu / ref_ms:.2f}" if ref_ms else "–"
        label = f"**{SYSTEMS[name][1]}**" if name == OURS else SYSTEMS[name][1]
        lines.append(
            f"| {label} | {_version(name)} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} "
            f"| {s.accuracy:.3f} | {cpu:.1f} | {wall_ms:.1f} | {diff} | {ratio} | {errors[name]} |"
        )
    if best:
        lines.append("")
        lines.append(f"Best peer: {SYSTEMS[best][1]} (F1 {peers[best].f1:.3f}).")
    return "\n".join(lines)


def write_readme(body: str, path: Path = README) -> None:
    """Replace (or add) the ``## Extraction`` section of bench/README.md, leaving the rest."""
    section = "## Extraction\n\n" + body.strip() + "\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^## Extraction\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def ablation(bench_dir: Path, limit: int | None = None) -> str:
    """Markdown table: what each part of PressLens's HTML path adds, on the same pages.

    Rebuilds the path from its parts (trafilatura blocks, readability blocks, the news rules)
    so every row is measured, not remembered; rows "without <rule>" drop one rule at a time.
    """
    from presslens.extract import boilerplate as bp
    from presslens.extract import html as html_path
    from presslens.extract import html_body as hb
    from presslens.extract.blocks import Block, assemble

    gold = load_gold(bench_dir)
    pages = []
    for page_id, url, html in load_pages(bench_dir, limit):
        tree = html_path.parse_html(html)
        meta = html_path.find_metadata(tree, url)
        captions = html_path.find_captions(tree)
        etree_strip = html_path.etree.strip_elements
        etree_strip(tree, *html_path.NON_CONTENT_TAGS, with_tail=False)
        titles = html_path._title_candidates(tree, meta.values.get("title"))
        pages.append(
            (
                page_id,
                hb.run_trafilatura(tree, url),
                hb.run_readability(hb.deepcopy(tree)),
                hb.paragraph_text_length(tree),
                titles,
                captions,
            )
        )

    def score(pick: Callable[..., list[Block]]) -> Summary:
        return summarise([score_page(gold[p[0]], assemble(pick(*p[1:]))[0]) for p in pages])

    def rules(blocks: list[Block], titles: list[str], captions: list[str]) -> list[Block]:
        return bp.clean_blocks(blocks, titles, captions)

    def second(traf, read, plen, titles, captions, clean_first=True):  # type: ignore[no-untyped-def]
        clean = (lambda b: rules(b, titles, captions)) if clean_first else (lambda b: b)
        body = clean(traf)
        if hb.needs_second_opinion(body, plen):
            other = clean(read)
            if hb._length(other) > hb.SECOND_OPINION_GAIN * hb._length(body) and (
                not body or hb._coverage(body, other) >= hb.SECOND_OPINION_OVERLAP
            ):
                body = other
        return body if clean_first else rules(body, titles, captions)

    rows: list[tuple[str, Summary]] = [
        ("trafilatura favor_precision, as typed blocks", score(lambda t, r, n, ti, c: t)),
        ("+ news rules", score(lambda t, r, n, ti, c: rules(t, ti, c))),
        (
            "+ readability second opinion (raw candidates compared)",
            score(lambda t, r, n, ti, c: second(t, r, n, ti, c, clean_first=False)),
        ),
        ("+ candidates cleaned before comparing (shipped)", score(second)),
    ]
    all_rules = bp.RESIDUE_RULES
    try:
        for rule in all_rules:
            bp.RESIDUE_RULES = tuple(x for x in all_rules if x is not rule)
            rows.append((f"shipped without rule “{rule.name}”", score(second)))
    finally:
        bp.RESIDUE_RULES = all_rules
    for fn in ("drop_title_repeats", "drop_captions", "drop_duplicates"):
        original = getattr(bp, fn)
        setattr(bp, fn, lambda blocks, *_args: blocks)
        try:
            rows.append((f"shipped without {fn}", score(second)))
        finally:
            setattr(bp, fn, original)
    lines = ["| PressLens variant | F1 | precision | recall |", "|---|---|---|---|"]
    lines += [f"| {n} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} |" for n, s in rows]
    return "\n".join(lines)


README_INTRO = """\
Body extraction on the ScrapingHub/Zyte article-extraction benchmark (181 news and blog pages,
`../shared/data/extraction-bench`, gold `articleBody`). Metric: the upstream 4-gram shingle
precision/recall/F1, macro-averaged per page; F1 is the harmonic mean of mean P and mean R
(`bench/scoring.py`; it reproduces the 18 published outputs' README figures to 3 decimals:
`.venv/bin/python bench/scoring.py`). Same pages, same run; each system runs in its own fresh
process (in one process, libraries shared by several systems carried caches from one to the
next and moved the time ratio by ±7%), twice in alternating order, keeping its faster round.
Time is CPU time per page (wall time, inflated by other processes on the shared 2-core machine,
is shown beside it); read the ratios rather than the absolute values. PressLens's time includes
all its metadata (dates, authors, captions, dateline, language), so `trafilatura, body +
metadata` is its time budget. newspaper4k's crashes are the Korean/Japanese pages without NLTK.

Command (about 3 minutes):

    .venv/bin/python bench/extraction.py --ablation --write-readme

Reading the ablation: most rules move F1 by a page or two each; "bare link" and "reprint
notice" weigh 0.006 because on one page (a paywalled story) they are all trafilatura keeps, and
removing them is what sends the page to the second opinion, which recovers the article. Without
that page PressLens's margin over the best peer is about +0.009. The time ratio wobbles
between runs on this loaded machine (0.91 to 1.00 in today's full runs): read it as "at or a
little under trafilatura's time with metadata", not as a clear speed-up.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated names")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--write-readme", action="store_true", help="update bench/README.md")
    parser.add_argument("--per-page", type=Path, help="write per-page P/R as JSON here")
    parser.add_argument("--rounds", type=int, default=2, help="timing rounds; fastest is kept")
    parser.add_argument(
        "--ablation", action="store_true", help="also measure what each part of PressLens adds"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # internal: one system per process
    args = parser.parse_args(argv)
    if args.worker:
        warnings.filterwarnings("ignore")
        _worker(args.worker, args.bench_dir, args.limit)
        return 0
    if not (args.bench_dir / "ground-truth.json").exists():
        print(f"benchmark data not found in {args.bench_dir}", file=sys.stderr)
        return 2
    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        print(
            f"unknown systems: {', '.join(unknown)}; known: {', '.join(SYSTEMS)}", file=sys.stderr
        )
        return 2
    warnings.filterwarnings("ignore")
    summaries, ms, per_page, errors = run(args.bench_dir, names, args.limit, rounds=args.rounds)
    out = table(summaries, ms, errors)
    if args.ablation:
        out += "\n\n### What each part adds\n\n" + ablation(args.bench_dir, args.limit)
    print(out)
    if args.per_page:
        args.per_page.write_text(
            json.dumps(
                {
                    n: {k: [round(s.precision, 4), round(s.recall, 4)] for k, s in pp.items()}
                    for n, pp in per_page.items()
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.write_readme:
        if args.limit:
            print("--write-readme needs the full benchmark (no --limit)", file=sys.stderr)
            return 2
        write_readme(README_INTRO + "\n" + out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
