"""Decode bytes to text: BOM → HTTP header → <meta charset> → statistical detection.

Every decision records its evidence (``source.encoding_evidence``), because a researcher
comparing outlets must be able to see why a page's letters look the way they do. A declared
charset is checked, not trusted: if the bytes cannot be decoded with it, or are valid UTF-8 with
multi-byte sequences while the declaration names a single-byte code page, we say so and use
what the bytes are.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from presslens.errors import BinaryInputError, EncodingError, InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats people feed by mistake; named so the error says what it was.
BINARY_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"RIFF", "a RIFF media file"),
)

META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)
_HIGH_WORD = re.compile(rb"[^\s<>]*[\x80-\xff][^\s<>]*")
SINGLE_BYTE_HINTS = ("windows-", "cp", "iso-8859", "iso8859", "latin", "koi8", "ascii", "mac")


@dataclass(frozen=True)
class DecodedText:
    """Text plus the codec used and the evidence for choosing it."""

    text: str
    encoding: str
    evidence: str


def decode(
    data: bytes, *, http_charset: str | None = None, source: str = "<input>", sniff: int = 262144
) -> DecodedText:
    """Decode ``data``, recording which rule decided the encoding."""
    if not data or not data.strip():
        raise InputError("empty input", source=source)
    for bom, name in BOMS:
        if data.startswith(bom):
            return DecodedText(_strict(data[len(bom) :], name, source), name, "byte-order mark")
    _refuse_binary(data, source)

    declared: list[tuple[str, str]] = []
    if http_charset:
        declared.append((http_charset, "HTTP Content-Type header"))
    head = data[:4096]
    m = META_CHARSET.search(head) or XML_DECL.search(head)
    if m:
        declared.append((m.group(1).decode("ascii", "replace"), "<meta charset> in the page"))

    notes: list[str] = []
    for label, where in declared:
        name = _codec_name(label)
        if name is None:
            notes.append(f"unknown charset {label!r} in {where}")
            continue
        if _is_single_byte(name) and _looks_like_utf8(data):
            notes.append(f"{where} said {label} but the bytes are valid UTF-8")
            return DecodedText(data.decode("utf-8", errors="replace"), "utf-8", "; ".join(notes))
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            notes.append(f"{where} said {label} but the bytes do not decode with it")
            continue
        return DecodedText(text, name, where)

    if _looks_like_utf8(data) or data.isascii():
        notes.append("bytes are valid UTF-8" if not data.isascii() else "bytes are ASCII")
        return DecodedText(data.decode("utf-8", errors="replace"), "utf-8", "; ".join(notes))
    return _detect(data, source, sniff, notes)


def _detect(data: bytes, source: str, sniff: int, notes: list[str]) -> DecodedText:
    from charset_normalizer import from_bytes

    # Looking past the first kilobytes matters: pages often open with ASCII markup and put
    # the first non-ASCII letters deep in the body.
    sample = _non_ascii_window(data, sniff)
    best = from_bytes(sample).best()
    if best is None:
        raise EncodingError("cannot determine the text encoding", source=source)
    name = _codec_name(best.encoding) or best.encoding
    text = data.decode(name, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(16, len(text) // 50):
        raise EncodingError("bytes do not decode as text in any likely encoding", source=source)
    notes.append(f"statistical detection (charset-normalizer: {best.encoding})")
    return DecodedText(text, name, "; ".join(notes))


def _non_ascii_window(data: bytes, size: int) -> bytes:
    """The words that carry non-ASCII bytes, joined: what actually tells encodings apart.

    Markup and English boilerplate are ASCII in every candidate encoding; left in, they drown a
    short run of Arabic or Cyrillic and push the detector to a Latin code page.
    """
    words = _HIGH_WORD.findall(data)
    sample = b" ".join(words)
    return sample[:size] if len(sample) >= 32 else data[:size]


def _refuse_binary(data: bytes, source: str) -> None:
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"not a web page or text: looks like {what}", source=source)
    head = data[:8192]
    if head.count(b"\x00") > len(head) // 100 + 1:
        if head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3:
            return  # BOM-less UTF-16: let detection handle it
        raise BinaryInputError("not a web page or text: binary data", source=source)
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) // 10:
        raise BinaryInputError("not a web page or text: binary data", source=source)


def _strict(data: bytes, name: str, source: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        text = data.decode(name, errors="replace")
        if text.count("\ufffd") > max(16, len(text) // 50):
            raise EncodingError(
                f"byte-order mark says {name} but bytes disagree", source=source
            ) from None
        return text


def _codec_name(label: str) -> str | None:
    label = label.strip().lower()
    # WHATWG: these labels mean windows-1252 in every browser.
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"}:
        label = "windows-1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    return {"cp1252": "windows-1252", "cp1256": "windows-1256", "cp1251": "windows-1251"}.get(
        info.name, info.name
    )


def _is_single_byte(name: str) -> bool:
    return name.startswith(SINGLE_BYTE_HINTS) or name.startswith("windows")


def _looks_like_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 *and* contain multi-byte sequences."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # A truncated page may end mid-character: judge all but the last 3 bytes.
        try:
            data[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True
