"""Size and decompression limits shared by every reader.

Why here: a file, stdin, a URL body and a gzip member must all be cut at the same limit with
the same one-line error, so a huge or hostile input never exhausts memory.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from presslens.errors import DecompressionBombError, TooLargeError

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
    """Decompress gzip data incrementally, refusing bombs before they are fully expanded."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = io.BytesIO()
    pos = 0
    try:
        while pos < len(data):
            piece = data[pos : pos + CHUNK]
            pos += CHUNK
            out.write(inflater.decompress(piece, limit + 1 - out.tell()))
            _check(out.tell(), pos, limit, max_ratio, source)
            while inflater.unconsumed_tail:
                out.write(inflater.decompress(inflater.unconsumed_tail, limit + 1 - out.tell()))
                _check(out.tell(), pos, limit, max_ratio, source)
        out.write(inflater.flush())
    except zlib.error as exc:
        if out.tell() == 0:
            from presslens.errors import InputError

            raise InputError(f"corrupt gzip data ({exc})", source=source) from None
        # A truncated gzip keeps what was inflated; the extractor copes with partial HTML.
    _check(out.tell(), len(data), limit, max_ratio, source)
    return out.getvalue()


def _check(size: int, consumed: int, limit: int, max_ratio: int, source: str) -> None:
    if size > limit:
        raise DecompressionBombError(
            f"decompressed size exceeds the limit of {limit:,} bytes", source=source
        )
    if consumed and size > 1024 * 1024 and size / consumed > max_ratio:
        raise DecompressionBombError(
            f"compression ratio above {max_ratio}:1 (decompression bomb?)", source=source
        )
