"""Deterministic mutators for the fuzz suite: bytes, tags, charsets, datelines, timestamps.

Each mutator takes a ``random.Random`` and the page bytes and returns new bytes. They aim at the
places PressLens makes decisions (issue 16 §3): the byte level (decoding, binary sniffing,
gzip), the markup (parsing, the body and boilerplate rules), the declared charset (encoding
evidence), the wire dateline (the dateline parser) and timestamps (metadata dates, text-dump
timestamp lines). Seeds are the bundled examples and the small hostile cases; nothing here is
real content.
"""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

Mutator = Callable[[random.Random, bytes], bytes]

# Markup fragments inserted at random: unclosed, misnested, comments, CDATA, script, entities.
TAG_SNIPPETS = [
    b"<div>", b"</div>", b"<p>", b"</p>", b"<table><tr><td>", b"</td></tr></table>",
    b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<script>", b"</script>", b"<style>",
    b"<b><i>", b"</b></i>", b"<article>", b"</article>", b"<h1>", b"<time datetime='x'>",
    b"<meta charset='utf-7'>", b"<?xml version='1.0'?>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"&#x110000;", b"&#0;", b"&#xD800;", b"&amp", b"&nbsp;", b"<br/>" * 3, b"<",
    b"<svg><foreignObject><p>", b"<noscript>", b"<template>", b"<a href='javascript:x'>",
    b"<figure><figcaption>", b"</figcaption></figure>", b'<script type="application/ld+json">',
]  # fmt: skip
CHARSETS = [
    "utf-8", "utf-7", "utf-16", "utf-16-be", "utf-32", "x-unknown-charset", "", "latin-1",
    "windows-1252", "koi8-r", "shift_jis", "gb18030", "iso-2022-jp", "big5", "utf-8\"><x y='",
]  # fmt: skip
ENCODE_AS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252", "koi8-r", "shift_jis"]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x2b\x2f\x76\x38"]
DATELINES = [
    "KALO CITY, Feb. 31 (Vona) – ", "MIRE, 2026-13-45 (AP) — ", "TOWN, Jan. 1 (", "X, (Y) – ",
    "ZUNA, March 4 (Agency) -- ", "A" * 300 + ", May 5 (B) – ", "PORT, 9999 Dec. 99 (Z) – ",
    "ЛОКА, 3 марта (ТАСС) – ", "CITY, Mon. D (AGENCY) – ", ", () – ", "BÉRA, Oct. 0 (X) – ",
]  # fmt: skip
TIMESTAMPS = [
    "2026-13-45T99:99:99Z", "0000-00-00", "-0001-01-01T00:00:00", "1e309", "9" * 40,
    "2026-02-30", "1405-01-01", "Thursday, 31 February 2026 25:61", "٢٠٢٦-٠١-٠١",
    "2026-01-01T00:00:00+99:00", "March 2026 2026 2026", "", "NaN", "1/1/1",
    "Nov 25, 2026 | 17:42:09 | Editor", "23 Dhu al-Hijjah 1447", "2026-11-25 17:42:09.123456789",
]  # fmt: skip
DATE_RE = re.compile(rb"\d{4}-\d{2}-\d{2}(?:T[\d:.+Z-]+)?|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}")


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    pos = rng.randint(0, len(data))
    junk = rng.choice(
        [
            rng.randbytes(rng.randint(1, 64)),
            b"\0" * rng.randint(1, 50),
            "\u202e\u200b\u200d\ufeff".encode(),
            b"\r" * 20,
            b"\xed\xa0\x80",
        ]
    )
    return data[:pos] + junk + data[pos:]  # fmt: skip


def delete_span(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 2000) :]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def duplicate_span(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    piece = data[a : a + rng.randint(1, 500)]
    return data[:a] + piece * rng.randint(2, 40) + data[a:]


def insert_tags(rng: random.Random, data: bytes) -> bytes:
    out = data
    for _ in range(rng.randint(1, 10)):
        pos = rng.randint(0, len(out))
        out = out[:pos] + rng.choice(TAG_SNIPPETS) + out[pos:]
    return out


def drop_tags(rng: random.Random, data: bytes) -> bytes:
    tags = list(re.finditer(rb"<[^<>]{0,200}>", data))
    if not tags:
        return data
    kill = {m.start() for m in rng.sample(tags, min(len(tags), rng.randint(1, 30)))}
    return b"".join(
        b"" if m.start() in kill else m.group(0)
        for m in re.finditer(rb"<[^<>]{0,200}>|[^<]+|<", data)
    )


def nest_deep(rng: random.Random, data: bytes) -> bytes:
    pos = rng.randint(0, len(data))
    tag = rng.choice([b"div", b"span", b"b", b"table", b"ul"])
    n = rng.choice([10, 300, 2000])
    return data[:pos] + b"<" + tag + b">" * 1 + (b"<" + tag + b">") * n + data[pos:]


def set_charset(rng: random.Random, data: bytes) -> bytes:
    cs = rng.choice(CHARSETS).encode("utf-8")
    new, n = re.subn(rb"charset=['\"]?[\w-]*", b"charset=" + cs, data, count=1)
    return new if n else b"<meta charset='" + cs + b"'>" + data


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(ENCODE_AS), "replace")


def add_bom(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(BOMS) + data


def dateline(rng: random.Random, data: bytes) -> bytes:
    line = rng.choice(DATELINES).encode("utf-8")
    m = re.search(rb"<p[^>]*>", data)
    if m and rng.random() < 0.7:
        return data[: m.end()] + line + data[m.end() :]
    pos = data.find(b"\n\n")
    pos = pos + 2 if pos >= 0 else 0
    return data[:pos] + line + data[pos:]


def timestamp(rng: random.Random, data: bytes) -> bytes:
    stamp = rng.choice(TIMESTAMPS).encode("utf-8")
    found = list(DATE_RE.finditer(data))
    if found:
        m = rng.choice(found)
        return data[: m.start()] + stamp + data[m.end() :]
    return stamp + b"\n" + data


def gzip_wrap(rng: random.Random, data: bytes) -> bytes:
    packed = gzip.compress(data, mtime=0)
    return packed[: rng.randint(10, len(packed))] if rng.random() < 0.4 else packed


MUTATORS: dict[str, Mutator] = {
    "flip_bytes": flip_bytes,
    "insert_bytes": insert_bytes,
    "delete_span": delete_span,
    "truncate": truncate,
    "duplicate_span": duplicate_span,
    "insert_tags": insert_tags,
    "drop_tags": drop_tags,
    "nest_deep": nest_deep,
    "set_charset": set_charset,
    "reencode": reencode,
    "add_bom": add_bom,
    "dateline": dateline,
    "timestamp": timestamp,
    "gzip_wrap": gzip_wrap,
}
# gzip is applied last (a mutation inside a gzip stream is just a byte flip).
_LAST = ("gzip_wrap",)


def mutate(rng: random.Random, data: bytes, rounds: int | None = None) -> tuple[bytes, list[str]]:
    """``data`` after 1–4 random mutations; returns the bytes and the mutators' names."""
    names = [n for n in MUTATORS if n not in _LAST]
    applied = []
    for _ in range(rounds or rng.randint(1, 4)):
        name = rng.choice(names)
        data = MUTATORS[name](rng, data)
        applied.append(name)
    if rng.random() < 0.05:
        data = gzip_wrap(rng, data)
        applied.append("gzip_wrap")
    return data, applied


def seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) of every seed: the bundled examples and the small hostile cases."""
    from hostile.generate import CASES

    out = [(p.name, p.read_bytes()) for p in sorted((REPO / "examples").iterdir()) if p.is_file()]
    out += [(c.filename, c.build()) for c in CASES.values() if c.fast and "bomb" not in c.name]
    return out
