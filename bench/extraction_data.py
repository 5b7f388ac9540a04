"""The extraction datasets under ../shared/data: pages, gold bodies and metadata, and subsets.

Two sets are read the same way, so one benchmark run reports each of them:

* ``extraction-bench`` (ScrapingHub/Zyte, 181 news and blog pages, human gold ``articleBody``;
  every page is an article; no metadata gold);
* ``extraction-bench-2`` (Foley 2026, 999 pages of every kind, LLM-drafted gold ``text`` with
  ``title``/``author``/``publish_date``; 730 reviewed by a person, ``needs_review`` false).

Why a fixed split of bench-2 by site: PressLens's rules are chosen on one half of its sites
(``tune``) and reported on the other (``report``) too, so the tuning cannot flatter the figure.
The split is a hash of the host name (``www.`` dropped), committed here, so every page of a site
falls on the same side and the split never changes between runs.

Why 36 pages are dropped from bench-2: its SOURCE.md shows 36 pairs of byte-identical pages whose
gold was written twice; keeping both would count one page twice. The lower id (the curated
copy) is kept.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True)
class Page:
    """One page with its gold; ``tags`` names the subsets it belongs to."""

    id: str
    url: str
    gold: str
    tags: frozenset[str]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    # Share of the gold's shingles found in the page (bench-2 only): under 0.5 the gold was
    # paraphrased or summarised, so its lines are poor labels for training.
    coverage: float = 1.0


@dataclass(frozen=True)
class Dataset:
    """A named set of pages, read lazily (the HTML is only opened by ``html``)."""

    name: str
    directory: Path
    pages: list[Page] = field(default_factory=list)
    has_metadata: bool = False

    def html(self, page_id: str) -> str:
        with gzip.open(self.directory / "html" / f"{page_id}.html.gz", "rt", encoding="utf8") as fh:
            return fh.read()

    def subset(self, tag: str) -> list[Page]:
        return [p for p in self.pages if tag in p.tags]


def site(url: str) -> str:
    """Host name without ``www.``: the unit of the split (one outlet, one side)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def split_half(url: str) -> str:
    """``tune`` or ``report``, fixed by the first byte of the site's SHA-1 (about half each)."""
    return "tune" if hashlib.sha1(site(url).encode()).digest()[0] % 2 == 0 else "report"


def _bench1(directory: Path) -> Dataset:
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        Page(k, v["url"], v["articleBody"], frozenset({"all", "article"}))
        for k, v in sorted(truth.items())
    ]
    return Dataset("extraction-bench", directory, pages)


def _bench2(directory: Path) -> Dataset:
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for k, v in sorted(truth.items()):
        twin = v.get("same_html_as")
        if twin and twin < k:
            continue  # the same bytes under a lower id: counted once (see module docstring)
        tags = {"all", split_half(v["url"])}
        if v.get("kind") == "article":
            tags.add("article")
        if not v.get("needs_review"):
            tags.add("curated")
        pages.append(
            Page(
                k,
                v["url"],
                v["text"],
                frozenset(tags),
                title=v.get("title"),
                author=v.get("author"),
                date=v.get("publish_date"),
                coverage=float(v.get("gold_coverage_in_html") or 1.0),
            )
        )
    return Dataset("extraction-bench-2", directory, pages, has_metadata=True)


LOADERS = {"extraction-bench": _bench1, "extraction-bench-2": _bench2}
# Subsets reported per dataset, in this order (a subset a dataset lacks is skipped).
SUBSETS = ("all", "article", "curated", "tune", "report")


def load(name: str, root: Path = SHARED) -> Dataset | None:
    """The named dataset, or None when its directory is absent (benchmarks then skip it)."""
    directory = root / name
    if not (directory / "ground-truth.json").exists():
        return None
    return LOADERS[name](directory)
