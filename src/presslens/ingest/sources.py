"""Read one source — a path, '-' for stdin, an http(s) URL, a gzip file — into a RawPage.

This is the one-page reader of ``presslens analyze``; many-page sources (folders, WARC, feeds,
sitemaps, URL lists) are expanded by ``expand.iter_pages``. URLs go through ``fetch.fetch_url``
(SSRF guard on every hop, bounded body and deadline).
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from presslens.errors import InputError, TooLargeError
from presslens.ingest.fetch import fetch_url
from presslens.ingest.limits import GZIP_MAGIC, gunzip_bounded, read_bounded
from presslens.ingest.rawpage import RawPage
from presslens.ingest.ssrf import check_url
from presslens.settings import DEFAULT_SETTINGS, Settings

# Schemes written without "//" that are still URLs (refused by the guard, reported as such).
URL_ONLY_SCHEMES = frozenset({"data", "javascript", "mailto", "file", "gopher", "ftp"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]+):")  # two letters at least: C: is a drive


def looks_like_url(src: str) -> bool:
    """Whether ``src`` names a URL rather than a local file (an existing file wins)."""
    match = _SCHEME.match(src)
    if not match or not (
        src[match.end() :].startswith("//") or match.group(1).lower() in URL_ONLY_SCHEMES
    ):
        return False
    try:
        return not Path(src).exists()
    except (OSError, ValueError):  # too long for a file name, or a NUL byte: not a file
        return True


def read_source(source: str | Path, settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """Read ``source`` into a RawPage, raising a PressLens InputError subclass on failure."""
    src = str(source)
    if src == "-":
        page = RawPage("stdin", read_bounded(sys.stdin.buffer, settings.max_bytes, "stdin"))
    elif looks_like_url(src):
        page = fetch_url(src, settings)  # any scheme: the SSRF guard refuses all but http(s)
    else:
        page = read_file(Path(src), settings)
    return inflate_page(page, settings)


def inflate_page(page: RawPage, settings: Settings) -> RawPage:
    """The page with its gzip body inflated (bounded; a truncated stream is an error)."""
    if not page.data.startswith(GZIP_MAGIC):
        return page
    data = gunzip_bounded(page.data, settings.max_bytes, settings.max_compression_ratio, page.uri)
    return replace(page, data=data)


def read_file(path: Path, settings: Settings) -> RawPage:
    """A local file as a RawPage (file: URI, mtime as fetch time), not yet inflated."""
    src = str(path)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", source=src)
        size = path.stat().st_size
        if size > settings.max_bytes and not src.endswith(".gz"):
            raise TooLargeError(
                f"file is {size:,} bytes, above the limit of {settings.max_bytes:,}", source=src
            )
        with path.open("rb") as fh:
            data = read_bounded(fh, settings.max_bytes, src)
    except FileNotFoundError:
        raise InputError("no such file", source=src) from None
    except PermissionError:
        raise InputError("permission denied", source=src) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=src) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", source=src) from None
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    return RawPage(uri=path.resolve().as_uri(), data=data, fetched_at=mtime)


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs that may not be fetched (kept for callers of the older API; see ssrf.py)."""
    check_url(url, allow_private)
