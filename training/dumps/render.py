"""Render text dumps of the extraction sets' pages with Debian's text browsers.

Why render ourselves: no corpus of text dumps with body gold exists, and a dump is what a text
browser prints of a page (menus, cookie text, headline, captions, body, related links, footers).
The pages of ../shared/data/extraction-bench and extraction-bench-2 have gold bodies, so each
page gives one labelled dump per renderer. Renderers (apt-get install w3m lynx html2text):

* ``w3m -dump`` (80 columns, tables laid out);
* ``lynx -dump -nolist`` (link numbers inline, no link list);
* ``html2text`` (the C program of Debian's ``html2text`` package).

Dumps go to training/dumps/out/<dataset>/<renderer>/<id>.txt (git-ignored); an existing file is
not rendered again. Usage::

    .venv/bin/python training/dumps/render.py [--limit N] [--jobs 1]
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import extraction_data as datasets  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
# Seconds a renderer may take on one page (the largest pages are 5 MB of markup).
TIMEOUT = 60
RENDERERS: dict[str, list[str]] = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "lynx": [
        "lynx",
        "-dump",
        "-nolist",
        "-force_html",
        "-assume_charset=utf-8",
        "-display_charset=utf-8",
    ],  # fmt: skip
    "html2text": ["html2text", "-utf8"],
}


def render(job: tuple[str, str, str]) -> str:
    """Render one page with every renderer whose dump is missing; returns the page id."""
    dataset_name, directory, page_id = job
    todo = [r for r in RENDERERS if not (OUT / dataset_name / r / f"{page_id}.txt").exists()]
    if not todo:
        return page_id
    with gzip.open(Path(directory) / "html" / f"{page_id}.html.gz", "rb") as fh:
        data = fh.read()
    with tempfile.NamedTemporaryFile(suffix=".html") as tmp:
        tmp.write(data)
        tmp.flush()
        for name in todo:
            target = OUT / dataset_name / name / f"{page_id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                proc = subprocess.run(
                    [*RENDERERS[name], tmp.name], capture_output=True, timeout=TIMEOUT, check=False
                )
                text = proc.stdout.decode("utf-8", errors="replace")
            except subprocess.TimeoutExpired:
                text = ""
            target.write_text(text, encoding="utf-8")
    return page_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    jobs = []
    for name in datasets.LOADERS:
        ds = datasets.load(name)
        if ds is None:
            print(f"{name}: absent, skipped", file=sys.stderr)
            continue
        pages = ds.pages[: args.limit] if args.limit else ds.pages
        jobs += [(name, str(ds.directory), p.id) for p in pages]
    with Pool(args.jobs) as pool:
        for i, _ in enumerate(pool.imap_unordered(render, jobs), 1):
            if i % 200 == 0 or i == len(jobs):
                print(f"rendered {i}/{len(jobs)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
