"""Expand sources into a stream of pages: ``iter_pages(sources, settings)``.

A source is a file, a folder (recursive), a glob, a ``.gz``, a WARC or WARC.gz, an RSS/Atom feed
or an XML sitemap (local or by URL; sitemap indexes and ``.xml.gz`` too), ``@urls.txt`` (one URL
a line), an http(s) URL, or ``-`` (stdin). What a file or a fetched body *is* is decided by its
content (``sniff.py``), not its name. Everything is streamed and bounded: WARC records one at a
time with the size limit each, sitemap entries and nesting depth, feed entries, URL lines.

Why failures are yielded, not raised: one broken WARC record, a malformed feed or a 404 must
not end a batch of thousands; the caller prints ``str(failure)`` (one line naming the input and
the cause) and goes on.
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from presslens.errors import InputError, PressLensError, SourceFormatError, TooLargeError
from presslens.ingest.feeds import parse_feed, parse_sitemap
from presslens.ingest.fetch import Fetcher
from presslens.ingest.limits import read_bounded
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.ingest.sniff import SNIFF_BYTES, Kind, peek_gzip, sniff
from presslens.ingest.sources import inflate_page, looks_like_url, read_file
from presslens.ingest.warc import iter_warc_file, iter_warc_stream
from presslens.settings import DEFAULT_SETTINGS, Settings

__all__ = ["SourceFailure", "iter_pages"]

Item = RawPage | SourceFailure
GLOB_CHARS = frozenset("*?[")
MAX_URL_LINE = 8192  # characters; longer lines in a URL list are not URLs (browsers cap ~2-8k)


@dataclass
class _Budget:
    """How many more sitemap entries one source may still follow (shared across its index)."""

    left: int


def iter_pages(
    sources: Iterable[str | os.PathLike[str]], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[Item]:
    """Every page of every source, in source order, as RawPage or SourceFailure.

    Never raises PressLensError for a bad input: it becomes a SourceFailure and the iteration
    goes on. URLs are fetched through one ``Fetcher`` (SSRF guard, robots.txt, per-host delay,
    ``fetch_workers`` requests in flight).
    """
    with Fetcher(settings) as fetcher:
        for source in sources:
            yield from _Expander(settings, fetcher).source(str(source))


class _Expander:
    """Expands one source; holds the settings, the shared fetcher and the sitemap budget."""

    def __init__(self, settings: Settings, fetcher: Fetcher) -> None:
        self.settings = settings
        self.fetcher = fetcher
        self.budget = _Budget(settings.max_sitemap_urls)

    # --- what the user typed -----------------------------------------------------------------
    def source(self, src: str) -> Iterator[Item]:
        if src == "-":
            yield from self.stdin()
        elif src.startswith("@"):
            yield from self.url_list(Path(src[1:]))
        elif looks_like_url(src):
            yield from self.url(src)  # any scheme: the SSRF guard refuses all but http(s)
        else:
            yield from self.path_source(src)

    def path_source(self, src: str) -> Iterator[Item]:
        path = Path(src)
        if path.is_dir():
            yield from self.folder(path)
        elif path.exists():
            yield from self.file(path)
        elif GLOB_CHARS & set(src):
            matches = sorted(glob.glob(src, recursive=True))
            if not matches:
                yield SourceFailure(src, InputError("no file matches this pattern", source=src))
            # `**` matches a folder and the files in it: each file is read once.
            seen: set[Path] = set()
            for match in map(Path, matches):
                for path in _files_under(match) if match.is_dir() else [match]:
                    if path not in seen:
                        seen.add(path)
                        yield from self.file(path)
        else:
            yield SourceFailure(src, InputError("no such file", source=src))

    def folder(self, root: Path) -> Iterator[Item]:
        """Files under ``root`` in path order (a/, then b.html), hidden entries skipped."""
        try:
            for path in _files_under(root):
                yield from self.file(path)
        except OSError as exc:
            src = str(root)
            yield SourceFailure(src, InputError(f"cannot list ({exc.strerror or exc})", source=src))

    def file(self, path: Path) -> Iterator[Item]:
        src = str(path)
        try:
            with path.open("rb") as fh:
                head = fh.read(SNIFF_BYTES)
        except OSError as exc:
            yield SourceFailure(src, InputError(f"cannot read ({exc.strerror or exc})", source=src))
            return
        kind = sniff(head)
        if kind is Kind.WARC or (kind is Kind.GZIP and peek_gzip(head).startswith(b"WARC/")):
            yield from _guarded(src, iter_warc_file(path, self.settings))
            return
        try:
            page = inflate_page(read_file(path, self.settings), self.settings)
        except PressLensError as exc:
            yield SourceFailure(src, exc)
            return
        yield from self.content(page)

    def stdin(self) -> Iterator[Item]:
        stream = sys.stdin.buffer
        head = stream.read(SNIFF_BYTES)
        kind = sniff(head)
        whole = _Prefixed(head, stream)
        if kind is Kind.WARC or (kind is Kind.GZIP and peek_gzip(head).startswith(b"WARC/")):
            records = iter_warc_stream(whole, "stdin", self.settings, gzipped=kind is Kind.GZIP)
            yield from _guarded("stdin", records)
            return
        try:
            data = read_bounded(whole, self.settings.max_bytes, "stdin")
            page = inflate_page(RawPage("stdin", data), self.settings)
        except PressLensError as exc:
            yield SourceFailure("stdin", exc)
            return
        yield from self.content(page)

    def url(self, url: str) -> Iterator[Item]:
        try:
            page = inflate_page(self.fetcher.fetch(url), self.settings)
        except PressLensError as exc:
            yield SourceFailure(url, exc)
            return
        yield from self.content(page)

    def url_list(self, path: Path) -> Iterator[Item]:
        """``@urls.txt``: one URL a line; blank lines and ``#`` comments skipped."""
        src = str(path)
        try:
            fh = path.open("r", encoding="utf-8", errors="replace")
        except OSError as exc:
            yield SourceFailure(
                src, InputError(f"cannot read URL list ({exc.strerror})", source=src)
            )
            return
        with fh:
            for page in self.fetcher.fetch_many(_url_lines(fh, src)):
                if isinstance(page, SourceFailure):
                    yield page
                    continue
                try:
                    page = inflate_page(page, self.settings)
                except PressLensError as exc:
                    yield SourceFailure(page.uri, exc)
                    continue
                yield from self.content(page)

    # --- what the bytes are --------------------------------------------------------------------
    def content(self, page: RawPage) -> Iterator[Item]:
        """A page, or the pages a feed / sitemap / in-memory WARC holds.

        Pages listed by a feed or sitemap are not expanded again (``_inflated`` only), so a
        listing that points at listings cannot fan out without bound.
        """
        kind = sniff(page.data[:SNIFF_BYTES])
        if kind in (Kind.PAGE, Kind.GZIP):
            yield page  # GZIP here is gzip inside gzip: refused later as binary, not inflated
        elif kind is Kind.WARC:  # a fetched .warc.gz was inflated by inflate_page already
            stream = io.BytesIO(page.data)
            yield from _guarded(page.uri, iter_warc_stream(stream, page.uri, self.settings))
        elif kind is Kind.FEED:
            yield from self.feed(page)
        else:
            pages = self.fetcher.fetch_many(self.sitemap_urls(page, depth=0))
            yield from _inflated(pages, self.settings)

    def feed(self, page: RawPage) -> Iterator[Item]:
        limit = self.settings.max_feed_entries
        try:
            listing = parse_feed(page.data, page.uri, limit)
        except PressLensError as exc:
            yield SourceFailure(page.uri, exc)
            return
        if listing.total > limit:
            yield _over(
                page.uri, f"feed lists {listing.total:,} entries", "max_feed_entries", limit
            )
        yield from _inflated(self.fetcher.fetch_many(listing.pages), self.settings)

    def sitemap_urls(self, page: RawPage, depth: int) -> Iterator[str | SourceFailure]:
        """Page URLs of a sitemap, descending into an index up to ``max_sitemap_depth``."""
        try:
            listing = parse_sitemap(page.data, page.uri, max(self.budget.left, 0))
        except PressLensError as exc:
            yield SourceFailure(page.uri, exc)
            return
        limit = self.settings.max_sitemap_urls
        if listing.total > len(listing.pages) + len(listing.children):
            yield _over(page.uri, "sitemap entries past the limit", "max_sitemap_urls", limit)
        self.budget.left -= len(listing.pages)
        yield from listing.pages
        for child in listing.children:
            if depth + 1 > self.settings.max_sitemap_depth:
                yield _over(child, "sitemap index nested too deep", "max_sitemap_depth", depth)
                continue
            if self.budget.left <= 0:
                return
            try:
                sub = inflate_page(self.fetcher.fetch(child), self.settings)
            except PressLensError as exc:
                yield SourceFailure(child, exc)
                continue
            if sniff(sub.data[:SNIFF_BYTES]) is not Kind.SITEMAP:
                yield SourceFailure(
                    child,
                    SourceFormatError("listed in a sitemap index but not a sitemap", source=child),
                )
                continue
            yield from self.sitemap_urls(sub, depth + 1)


def _files_under(root: Path) -> Iterator[Path]:
    """Files below ``root`` in path order, hidden files and folders skipped.

    Symbolic links to folders are not followed, so a link loop cannot recurse forever.
    """
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _url_lines(fh: io.TextIOBase, src: str) -> Iterator[str | SourceFailure]:
    for number, raw in enumerate(iter(lambda: fh.readline(MAX_URL_LINE + 1), ""), start=1):
        if len(raw) > MAX_URL_LINE and not raw.endswith("\n"):
            where = f"{src}:{number}"
            yield SourceFailure(where, InputError("line too long to be a URL", source=where))
            while raw and not raw.endswith("\n"):  # skip the rest of the long line
                raw = fh.readline(MAX_URL_LINE + 1)
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "://" not in line:
            where = f"{src}:{number}"
            yield SourceFailure(where, InputError(f"not a URL: {line[:80]!r}", source=where))
            continue
        yield line


def _inflated(items: Iterable[Item], settings: Settings) -> Iterator[Item]:
    """Fetched pages with a gzip body inflated (``article.html.gz`` listed in a sitemap)."""
    for item in items:
        if isinstance(item, SourceFailure):
            yield item
            continue
        try:
            yield inflate_page(item, settings)
        except PressLensError as exc:
            yield SourceFailure(item.uri, exc)


def _over(uri: str, what: str, setting: str, limit: int) -> SourceFailure:
    """A bound was reached: say so in one line instead of cutting silently."""
    return SourceFailure(
        uri, TooLargeError(f"{what}; not followed past {setting}={limit:,}", source=uri)
    )


def _guarded(src: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an error escaping a reader (e.g. the file vanished mid-read) into a failure."""
    try:
        yield from items
    except PressLensError as exc:
        yield SourceFailure(src, exc)
    except OSError as exc:
        yield SourceFailure(src, InputError(f"cannot read ({exc.strerror or exc})", source=src))


class _Prefixed(io.RawIOBase):
    """A stream that replays the bytes already read for sniffing, then the rest of ``inner``."""

    def __init__(self, head: bytes, inner: BinaryIO) -> None:
        self._head = head
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
