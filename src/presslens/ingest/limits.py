"""Size and decompression limits shared by every reader.

Why here: a file, stdin, a URL body and a gzip member must all be cut at the same limit with
the same one-line error, so a huge or hostile input never exhausts memory.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from presslens.errors import DecompressionBombError, SourceFormatError, TooLargeError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024


def read_bounded(stream: BinaryIO, limit: int, source: str) -> bytes:
    """Read at most ``limit`` bytes; more than that is a TooLargeError."""
    buf = io.BytesIO()
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        buf.write(chunk)
        if buf.tell() > limit:
            raise TooLargeError(f"input larger than the limit of {limit:,} bytes", source=source)
    return buf.getvalue()


def gunzip_bounded(data: bytes, limit: int, max_ratio: int, source: str) -> bytes:
    """Decompress gzip data incrementally, refusing bombs before they are fully expanded.

    Every member of a multi-member file is inflated (gzip allows concatenation). A stream that
    ends before its member's end-of-stream marker is refused with SourceFormatError: analysing
    the first half of a page as if it were the whole page would be a silent wrong answer
    (issue 16). Only one level is inflated: gzip inside gzip stays compressed and is refused
    later as binary, so nesting cannot multiply the ratio guard.
    """
    out = io.BytesIO()
    pos = 0
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        fed = _inflate_member(inflater, data, pos, out, limit, max_ratio, source)
        pos = fed - len(inflater.unused_data)  # where this member ended
        if not data.startswith(GZIP_MAGIC, pos):
            break  # trailing padding or garbage after the last member is ignored, like gzip(1)
    _check(out.tell(), len(data), limit, max_ratio, source)
    return out.getvalue()


def _inflate_member(
    inflater: zlib._Decompress,
    data: bytes,
    pos: int,
    out: io.BytesIO,
    limit: int,
    max_ratio: int,
    source: str,
) -> int:
    """Inflate one gzip member starting at ``pos`` into ``out``; returns the input consumed."""
    try:
        while pos < len(data) and not inflater.eof:
            piece = data[pos : pos + CHUNK]
            pos += len(piece)
            out.write(inflater.decompress(piece, limit + 1 - out.tell()))
            _check(out.tell(), pos, limit, max_ratio, source)
            while inflater.unconsumed_tail and not inflater.eof:
                out.write(inflater.decompress(inflater.unconsumed_tail, limit + 1 - out.tell()))
                _check(out.tell(), pos, limit, max_ratio, source)
        out.write(inflater.flush())
    except zlib.error as exc:
        raise SourceFormatError(f"corrupt gzip data ({exc})", source=source) from None
    if not inflater.eof:
        raise SourceFormatError(
            f"gzip data is truncated ({out.tell():,} bytes inflated before it ends); "
            "refusing to analyse part of a page as if it were whole",
            source=source,
        )
    return pos


def _check(size: int, consumed: int, limit: int, max_ratio: int, source: str) -> None:
    if size > limit:
        raise DecompressionBombError(
            f"decompressed size exceeds the limit of {limit:,} bytes", source=source
        )
    if consumed and size > 1024 * 1024 and size / consumed > max_ratio:
        raise DecompressionBombError(
            f"compression ratio above {max_ratio}:1 (decompression bomb?)", source=source
        )
