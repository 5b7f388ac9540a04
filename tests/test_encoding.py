"""Encoding matrix: BOM → HTTP header → <meta charset> → statistical detection."""

from __future__ import annotations

import codecs

import pytest

from presslens.errors import BinaryInputError, EncodingError, InputError
from presslens.ingest.encoding import decode

ARABIC = "أعلنت الوزارة اليوم أن المجلس وافق على الميزانية الجديدة بعد نقاش طويل حول الطرق."
RUSSIAN = "Городской совет одобрил новый бюджет после долгих споров о дорогах и школах."
JAPANESE = "市議会は道路と学校をめぐる長い議論の末、新しい予算を承認した。"
FRENCH = "Le conseil a approuvé le budget « définitif » après un débat — très long — sur l’école."


def page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    filler = "<p>" + "Lorem ipsum dolor sit amet. " * 200 + "</p>"  # push letters past 4 KB
    return f"<!DOCTYPE html><html><head>{meta}<title>x</title></head><body>{filler}<p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "codec", "declared", "expect"),
    [
        (FRENCH, "utf-8", "utf-8", "utf-8"),
        (FRENCH, "windows-1252", "windows-1252", "windows-1252"),
        (ARABIC, "windows-1256", "windows-1256", "windows-1256"),
        (RUSSIAN, "koi8-r", "koi8-r", "koi8_r"),
        (JAPANESE, "shift_jis", "shift_jis", "shift_jis"),
        (RUSSIAN, "utf-8", None, "utf-8"),
    ],
)
def test_declared_or_plain(text: str, codec: str, declared: str | None, expect: str) -> None:
    data = page(text, declared).encode(codec)
    out = decode(data)
    assert text in out.text
    assert out.encoding.replace("-", "_") == expect.replace("-", "_")


def test_utf8_bom_wins() -> None:
    data = codecs.BOM_UTF8 + page(FRENCH, "windows-1252").encode("utf-8")
    out = decode(data)
    assert FRENCH in out.text and out.evidence == "byte-order mark"


def test_utf16_bom() -> None:
    data = codecs.BOM_UTF16_LE + page(ARABIC, None).encode("utf-16-le")
    out = decode(data)
    assert ARABIC in out.text and out.encoding == "utf-16-le"


def test_http_header_beats_meta() -> None:
    data = page(RUSSIAN, "windows-1252").encode("koi8-r")
    out = decode(data, http_charset="koi8-r")
    assert RUSSIAN in out.text and "HTTP" in out.evidence


def test_wrong_meta_charset_utf8_bytes() -> None:
    """A page that says windows-1252 but is UTF-8: the bytes win, the evidence says why."""
    data = page(RUSSIAN, "windows-1252").encode("utf-8")
    out = decode(data)
    assert RUSSIAN in out.text and out.encoding == "utf-8"
    assert "valid UTF-8" in out.evidence


def test_wrong_meta_charset_undecodable() -> None:
    """A page that says utf-8 but is windows-1256: detection takes over past the first KB."""
    data = page(ARABIC, "utf-8").encode("windows-1256")
    out = decode(data)
    assert "do not decode" in out.evidence
    assert ARABIC in out.text


def test_undeclared_single_byte_is_detected() -> None:
    data = page(RUSSIAN * 5, None).encode("windows-1251")
    out = decode(data)
    assert RUSSIAN in out.text


def test_empty_and_whitespace_inputs() -> None:
    with pytest.raises(InputError, match="empty"):
        decode(b"")
    with pytest.raises(InputError, match="empty"):
        decode(b"   \n\t ")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, b"PK\x03\x04" + bytes(range(256))],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        decode(data)


def test_random_bytes_are_refused() -> None:
    import random

    rnd = random.Random(7)
    data = bytes(rnd.randrange(256) for _ in range(20000))
    with pytest.raises((BinaryInputError, EncodingError)):
        decode(data)


def test_truncated_utf8_still_utf8() -> None:
    data = page(RUSSIAN, None).encode("utf-8")
    cut = data[: data.index(RUSSIAN.encode()[:9]) + 7]  # mid-character
    out = decode(cut)
    assert out.encoding == "utf-8"
