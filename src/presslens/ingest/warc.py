"""WARC and WARC.gz files: one RawPage per HTTP response record that holds a page, streamed.

Why warcio: pure Python, streams record by record (a multi-gigabyte crawl is never in memory;
each payload is read with the size limit), decodes chunked and gzip transfer, and parses the
HTTP headers that give us the content type and charset. Its iterator stops at the first broken
record, so this module resynchronises itself: it records where each good record started, and
after a failure scans forward for the next record start (``WARC/1.`` in a plain file, a gzip
member header in a .warc.gz, where every record is its own member) and goes on from there. Each
broken stretch is one SourceFailure. A stream that cannot seek (stdin) stops at the first one.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from presslens.errors import PressLensError, SourceFormatError, TooLargeError
from presslens.ingest.limits import GZIP_MAGIC, read_bounded
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.settings import Settings

# What warcio raises on a broken record (bad header, wrong length, bad gzip member, bad HTTP).
# AttributeError and TypeError come from inside warcio when a required header is mangled (a
# missing WARC-Target-URI reaches ``uri.startswith``); found by tests/test_expand_fuzz.py.
WARC_READ_ERRORS = (
    ArchiveLoadFailed,
    AttributeError,
    TypeError,
    StatusAndHeadersParserException,
    ValueError,
    IndexError,
    KeyError,
    EOFError,
    zlib.error,
    OSError,
)

# Response records whose payload is a page; scripts, styles, images, fonts and JSON in a crawl
# are passed over without a failure line, as are redirects and error statuses (not pages).
PAGE_MIME_TYPES = frozenset(
    {"", "text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml"}
)
SKIPPED_PATHS = ("/robots.txt",)  # crawl bookkeeping, text/plain but not an article
MAX_FAILURES_PER_FILE = 1_000
# WARC plus HTTP headers of one record: a few KB in real crawls (cookies stay under 8 KB);
# 1 MB is generous and still bounds memory against endless header lines.
MAX_HEADER_BYTES = 1024 * 1024  # a file that is all damage reports this many lines, then stops

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:\-]+)", re.IGNORECASE)
_PLAIN_MARKER = b"WARC/1."
_GZIP_MARKER = GZIP_MAGIC + b"\x08"  # gzip magic + deflate method
_SCAN_CHUNK = 1 << 20
_GZIP_PIECE = 64 * 1024  # at most this much is lost before a truncation is reported


class _BudgetedReader(DecompressingBufferedReader):
    """warcio's reader with a byte budget for header lines.

    warcio reads header lines with an unbounded ``readline``: one endless header line, or
    millions of short ones, would grow in memory without limit. While a record's headers are
    parsed (``header_budget`` set), lines are cut to what is left of the budget and exceeding
    it is an OSError, i.e. a broken record; payloads are read with the budget off.
    """

    header_budget: int | None = None

    def readline(self, length: int | None = None) -> bytes:
        if self.header_budget is None:
            return super().readline(length)
        if self.header_budget <= 0:
            raise OSError(f"WARC record headers longer than {MAX_HEADER_BYTES:,} bytes")
        cap = self.header_budget if not length or length < 0 else min(length, self.header_budget)
        line = super().readline(cap)
        self.header_budget -= len(line)
        return line


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator with the budgeted reader, and without its stderr warning on a bad
    record length (library code never prints; the bad record becomes a SourceFailure line)."""

    INC_RECORD = ""

    def __init__(self, fh: BinaryIO, **kwargs: object) -> None:
        super().__init__(fh, **kwargs)
        # Same class layout, one method overridden: swap the class rather than copy warcio's
        # constructor (it builds the reader inside __init__ with no hook).
        self.reader.__class__ = _BudgetedReader

    def next_record_budgeted(self, records: Iterator[ArcWarcRecord]) -> ArcWarcRecord:
        """The next record, its WARC and HTTP headers read within MAX_HEADER_BYTES."""
        self.reader.header_budget = MAX_HEADER_BYTES
        try:
            return next(records)
        finally:
            if self.reader is not None:  # warcio drops its reader at the end of the file
                self.reader.header_budget = None


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    match = _CHARSET.search(content_type or "")
    return match.group(1).strip().lower() if match else None


def iter_warc_file(path: Path, settings: Settings) -> Iterator[RawPage | SourceFailure]:
    """Pages of a WARC or WARC.gz file, resynchronising after each broken record."""
    name = str(path)
    handled = 0  # records read to their end, for the switch to whole-file gzip below
    with path.open("rb") as fh:
        marker = _GZIP_MARKER if fh.read(2) == GZIP_MAGIC else _PLAIN_MARKER
        start: int | None = 0
        failures = 0
        while start is not None:
            fh.seek(start)
            good_end = start
            broken: _Broken | None = None
            for item in _iter_records(fh, name, settings, base=start):
                if isinstance(item, int):  # the end offset of the last good record
                    good_end = max(good_end, item)
                    handled += 1
                elif isinstance(item, SourceFailure) and isinstance(item.error, _Broken):
                    broken = item.error
                    break
                else:
                    yield item
            if broken is None:
                return
            if broken.whole_file_gzip:
                yield from _iter_whole_gzip(path, settings, skip=handled)
                return
            failures += 1
            if failures > MAX_FAILURES_PER_FILE:
                return
            yield SourceFailure(name, broken.public(good_end))
            start = _scan(fh, marker, _past_broken_start(fh, marker, good_end))


def iter_warc_stream(
    stream: BinaryIO, name: str, settings: Settings, *, gzipped: bool = False, skip: int = 0
) -> Iterator[RawPage | SourceFailure]:
    """Pages of a WARC read from a stream that cannot seek: the first broken record ends it.

    ``gzipped`` streams are inflated here (one member per record or one for the whole file,
    both work); ``skip`` passes over that many records first (already read in another mode).
    """
    if gzipped:
        stream = _StrictGzip(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[assignment]
    pending: list[RawPage | SourceFailure] = []
    seen = 0
    for item in _iter_records(stream, name, settings, base=0):
        if isinstance(item, int):
            if seen >= skip:
                yield from pending
            pending.clear()
            seen += 1
        elif isinstance(item, SourceFailure) and isinstance(item.error, _Broken):
            yield from pending
            yield SourceFailure(item.uri, item.error.public(None))
            return
        else:
            pending.append(item)
    yield from pending


def _iter_whole_gzip(
    path: Path, settings: Settings, skip: int
) -> Iterator[RawPage | SourceFailure]:
    """A WARC compressed as one gzip stream (``gzip crawl.warc``), not one member per record.

    warcio refuses these after the first record; read through Python's gzip instead, which
    streams across the whole file (no resynchronisation: a broken stretch ends the file).
    """
    with path.open("rb") as raw:
        yield from iter_warc_stream(raw, str(path), settings, gzipped=True, skip=skip)


class _StrictGzip(io.RawIOBase):
    """Reads a GzipFile in bounded pieces and turns its EOFError into an OSError.

    warcio treats EOFError as the end of the archive, so a truncated gzip stream would end the
    file silently; as an OSError it is a broken record, reported in one line.
    """

    def __init__(self, inner: gzip.GzipFile) -> None:
        self._inner = inner

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        try:
            return self._inner.read(min(size, _GZIP_PIECE) if size and size > 0 else _GZIP_PIECE)
        except EOFError:
            raise OSError("gzip stream truncated before its end") from None

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Broken(SourceFormatError):
    """Internal: the archive itself broke here (as opposed to one record being unusable)."""

    @property
    def whole_file_gzip(self) -> bool:
        return "non-chunked gzip" in self.message

    def public(self, offset: int | None) -> SourceFormatError:
        where = f" after byte {offset:,}" if offset and offset > 0 else ""
        return SourceFormatError(f"broken WARC record{where} ({self.message})", source=self.source)


def _iter_records(
    fh: BinaryIO, name: str, settings: Settings, base: int
) -> Iterator[RawPage | SourceFailure | int]:
    """Records from the current position; ints report where the last good record ended."""
    try:
        iterator = _QuietArchiveIterator(fh, arc2warc=False)
        records = iter(iterator)
    except WARC_READ_ERRORS as exc:
        yield SourceFailure(name, _Broken(_reason(exc), source=name))
        return
    while True:
        try:
            record = iterator.next_record_budgeted(records)
        except StopIteration:
            return
        except WARC_READ_ERRORS as exc:
            yield SourceFailure(name, _Broken(_reason(exc), source=name))
            return
        try:
            item = _page(record, name, settings)
            iterator.read_to_end()
            end = base + iterator.get_record_offset() + iterator.get_record_length()
        except WARC_READ_ERRORS as exc:
            yield SourceFailure(name, _Broken(_reason(exc), source=name))
            return
        if item is not None:
            yield item
        yield end


def _page(record: ArcWarcRecord, name: str, settings: Settings) -> RawPage | SourceFailure | None:
    """The record as a RawPage, a SourceFailure (too large, cut short), or None (not a page)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    uri = uri or f"{name}#record"
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type")
    mime = (content_type or "").split(";")[0].strip().lower()
    if not status.startswith("2") or mime not in PAGE_MIME_TYPES or uri.endswith(SKIPPED_PATHS):
        return None
    try:
        data = read_bounded(record.content_stream(), settings.max_bytes, uri)
    except TooLargeError as exc:
        return SourceFailure(uri, exc)
    except PressLensError as exc:  # pragma: no cover - read_bounded raises only TooLargeError
        return SourceFailure(uri, exc)
    if record.raw_stream.limit > 0:  # fewer bytes than Content-Length before the file ends
        # A truncated file, or a wrong length that swallowed the records after it: broken
        # framing, so the caller resynchronises and finds those records if they are there.
        return SourceFailure(
            name,
            _Broken(f"record {uri} is shorter than its Content-Length; file cut?", source=name),
        )
    headers = {k.lower(): v for k, v in record.http_headers.headers}
    return RawPage(
        uri=uri,
        data=data,
        content_type=content_type,
        http_charset=charset_of(content_type),
        fetched_at=record.rec_headers.get_header("WARC-Date"),
        headers=headers,
    )


def _past_broken_start(fh: BinaryIO, marker: bytes, good_end: int) -> int:
    """Where to look for the next record after the one that broke right after ``good_end``.

    If the broken record still begins with a valid-looking marker, scanning must start past
    it, or the same record would be found and fail again (two lines for one break); if its
    start is garbled, the next marker already belongs to the following record.
    """
    fh.seek(good_end)
    head = fh.read(64 + len(marker))
    skipped = len(head) - len(head.lstrip(b"\r\n"))
    return good_end + skipped + (1 if head[skipped:].startswith(marker) else 0)


def _scan(fh: BinaryIO, marker: bytes, start: int) -> int | None:
    """The offset of the next ``marker`` at or after ``start``, reading in bounded chunks."""
    fh.seek(start)
    offset = start
    tail = b""
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return offset - len(tail) + found
        tail = window[-(len(marker) - 1) :]
        offset += len(chunk)


def _reason(exc: BaseException) -> str:
    """The first non-empty line of the error (warcio's messages start with a newline)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[0] if lines else type(exc).__name__)[:160]
