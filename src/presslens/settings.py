"""Every tunable in one place, read into one options object (trafilatura's settings habit).

Defaults live here; `presslens.toml` in the working directory or the file named by
``PRESSLENS_CONFIG`` may override them, and CLI flags override both.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Limits and switches for ingest, extraction and the pipeline."""

    max_bytes: int = 20 * MB  # largest input accepted, after decompression
    max_compression_ratio: int = 200  # a gzip expanding more than this is treated as a bomb
    time_limit: float = 120.0  # seconds per document, extraction plus annotation
    # Seconds for one fetch in total (every redirect hop, headers and body together), not per
    # read: a server that drips one byte a second must not hold a worker past it (issue 16).
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False  # fetch loopback/private/link-local addresses
    user_agent: str = "PressLens/0.1 (+news analysis; offline-first)"
    encoding_sniff_bytes: int = 256 * 1024  # how far statistical detection looks
    # Batch workers (`presslens ingest`). One hostile page can grow a worker past several GB
    # (issue 16), which takes every other worker and the machine with it; 2 GB leaves room for
    # the models (~0.6 GB) plus a large page, and a worker over it is replaced.
    worker_max_rss_mb: int = 2048
    # A worker still busy this long after the document's own deadline is stuck where the deadline
    # cannot reach (inside C code): it is killed and replaced, and the document fails with E011.
    worker_kill_grace: float = 10.0
    # Fetching many URLs (feeds, sitemaps, URL lists). A polite crawler waits between requests
    # to one host; 1 s is the common default of research crawlers and Crawl-delay practice.
    fetch_host_delay: float = 1.0
    # Parallel requests across hosts: enough to hide latency on 2 cores without looking like a
    # flood; requests to one host are still spaced by fetch_host_delay.
    fetch_workers: int = 4
    # Retries after a timeout, a connection error, 429 or a 5xx; each waits fetch_backoff * 2**n
    # seconds (0.5, 1, 2): a restarting server gets a few seconds, a dead one costs little.
    fetch_retries: int = 3
    fetch_backoff: float = 0.5
    # robots.txt is read once per host and obeyed for every page fetched in bulk; switching it
    # off is for the owner of the site only.
    respect_robots: bool = True
    # Feeds and sitemaps are expanded, so bound the fan-out: 50,000 is the sitemap protocol's
    # own per-file maximum; three levels of index covers every real site we know of.
    max_sitemap_urls: int = 50_000
    max_sitemap_depth: int = 3
    max_feed_entries: int = 1_000  # real feeds carry 10-100 items; more is a mistake or abuse
    # Limits on the work itself (presslens.limits; README "Limits"). 0 turns one off. Real-page
    # figures are the maxima over the 1,180 pages of ../shared/data/extraction-bench{,-2}.
    # Elements in the parsed tree; more is refused (E014). Largest real page: 15.8k, so ~6×;
    # extraction is linear at ~0.2 ms per element, so this bounds it near 20 s of one core.
    max_dom_nodes: int = 100_000
    # Nesting depth; deeper is refused (E014). Deepest real page: 56. Kept under libxml2's own
    # cap (256), which silently drops everything nested deeper.
    max_dom_depth: int = 250
    # Paragraphs kept, in reading order; the rest are cut and provenance says so. Most in a
    # real article: 254, so ~20×; per-paragraph rules then cost a bounded total.
    max_paragraphs: int = 5_000
    # Characters per paragraph; longer ones are split at sentence ends (nothing dropped).
    # Longest real paragraph: 2,071, so ~10×; keeps per-paragraph regexes and the language
    # and dateline rules on bounded input (a 5 MB text with no line breaks is one "paragraph").
    max_paragraph_chars: int = 20_000
    # Characters in one run of non-space characters; longer runs are shortened (+ "…").
    # Longest real token: 114; long URLs reach ~1,000. A 2 MB "word" otherwise becomes a
    # 2 MB spaCy token and a 2 MB subword sequence in the technique model.
    max_token_chars: int = 1_000
    # Tokens each annotation layer reads (``[layers.<name>] token_budget`` overrides per
    # layer). Longest real article: ~8k words (~10k tokens), so ~10×. Memory and time of every
    # layer grow with tokens; past the budget a layer reads a prefix of whole sentences
    # (or is skipped: layer_budget_mode = "skip"), and provenance says so.
    # Characters of one metadata text (title, description, each author or caption …) and items
    # of one metadata list; longer ones are cut (+ "…"), and provenance says so. Longest real
    # title ~200 characters; a page can declare a megabyte one.
    max_field_chars: int = 2_000
    max_field_items: int = 500
    layer_token_budget: int = 100_000
    layer_budget_mode: str = "prefix"  # "prefix" or "skip"
    layer_options: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    def layer(self, name: str) -> dict[str, Any]:
        """Options for one layer (``[layers.<name>]`` in presslens.toml)."""
        return dict(self.layer_options.get(name, {}))

    def with_overrides(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Defaults, overridden by a TOML file when one is given or found.

    A file named explicitly (``path`` or ``PRESSLENS_CONFIG``) must exist; ``presslens.toml``
    in the working directory is read when present. A file that is not TOML, a setting of the
    wrong type, or an unknown top-level setting (a misspelt limit would otherwise be ignored
    silently) is a one-line :class:`SettingsError`.
    """
    from presslens.errors import SettingsError

    explicit = path or os.environ.get("PRESSLENS_CONFIG")
    p = Path(explicit or "presslens.toml")
    if not p.is_file():
        if explicit:
            raise SettingsError("no such settings file", source=str(p))
        return Settings()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read settings ({exc})", source=str(p)) from None
    known = {f.name: f for f in fields(Settings)}
    section = data.get("presslens", data)
    values: dict[str, Any] = {}
    for key, value in section.items():
        if isinstance(value, dict):
            continue  # a table: [layers], or another part's own section
        if key not in known:
            raise SettingsError(f"unknown setting {key!r}", source=str(p))
        expected = _TYPES.get(str(known[key].type))
        if expected and not (
            isinstance(value, expected) and not (isinstance(value, bool) and bool not in expected)
        ):
            raise SettingsError(
                f"setting {key!r} must be {' or '.join(t.__name__ for t in expected)}, "
                f"not {value!r}",
                source=str(p),
            )
        values[key] = value
    if "layers" in data:
        values["layer_options"] = data["layers"]
    return Settings(**values)


# Value types a settings file may give each annotated field type (a float field takes 20 too).
_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
    "str": (str,),
}


DEFAULT_SETTINGS = Settings()
