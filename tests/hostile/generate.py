"""Deterministic hostile and huge inputs, written as files (issue 16 §2).

Why a generator and not checked-in files: most inputs are megabytes of structure (100k-deep
nesting, 200k-line dumps, gzip bombs); generating them takes a second and keeps the repository
small. Every byte comes from seeded pseudo-random syllables and fixed templates — no real
content. Each case says what a correct outcome is: a document, a one-line error with one of the
allowed codes, or either. Cases marked ``fast`` are small enough for the normal test run; the
rest run in the ``slow`` suite and in ``bench/hostile.py``.

Usage: ``python -m tests.hostile.generate OUT_DIR`` (writes every case) or
``write_corpus(out_dir, names=None)`` from code.
"""

from __future__ import annotations

import gzip
import io
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
SEED = 16  # issue 16: every run writes the same bytes

# Outcomes a case may have. "doc": a valid document; a code: a one-line error with that code.
DOC = "doc"


@dataclass(frozen=True)
class Case:
    """One hostile input: its file name, how to build its bytes, and what may come out."""

    name: str
    filename: str
    build: Callable[[], bytes]
    allowed: frozenset[str]  # DOC and/or error codes ("E004", …)
    fast: bool = False  # small enough for the normal (non-slow) suite
    why: str = ""


# --- deterministic fake language ----------------------------------------------------------

_SYLLABLES = "ka lo mi ne ru sa ti vo ze ba de fi go hu ja ke li mo nu pa re si tu va".split()


def _rng(salt: str) -> random.Random:
    return random.Random(f"{SEED}:{salt}")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))


def name(rng: random.Random) -> str:
    return f"{word(rng).capitalize()} {word(rng).capitalize()}{word(rng)}"


# English function words and plain verbs woven between the made-up nouns, so the language
# detector says "en" and every English layer runs on the hostile text (a page in an unknown
# language skips them, which would test nothing).
_GLUE = "the of and to in that said was for on with as by at from has will".split()
_VERBS = "said rose fell opened closed approved rejected reported met signed".split()


def sentence(rng: random.Random, n: int = 12) -> str:
    words = []
    for i in range(n):
        if i % 4 == 2:
            words.append(rng.choice(_VERBS))
        elif i % 2:
            words.append(rng.choice(_GLUE))
        else:
            words.append(word(rng))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def article_html(body: str, title: str = "Kalo mire vote", head: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    )


def small_article(salt: str = "small", paragraphs: int = 6) -> str:
    rng = _rng(salt)
    return article_html("".join(f"<p>{paragraph(rng)}</p>" for _ in range(paragraphs)))


# --- builders -----------------------------------------------------------------------------


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _gzip_zeros(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes, built in chunks (never ``size`` bytes in memory)."""
    out = io.BytesIO()
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * MB
    for _ in range(size // MB):
        out.write(comp.compress(chunk))
    out.write(comp.flush())
    return out.getvalue()


def _random_bytes(salt: str, n: int) -> bytes:
    return _rng(salt).randbytes(n)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes("png", 4096)


def _jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _random_bytes("jpeg", 4096)


def _pdf() -> bytes:
    body = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + _random_bytes("pdf", 4096)
    return body + b"\n%%EOF\n"


def _utf(codec: str) -> Callable[[], bytes]:
    """A page encoded in UTF-16/32 without the BOM that would announce it."""

    def build() -> bytes:
        return small_article(codec).replace("utf-8", codec).encode(codec)

    return build


def _invalid_utf8() -> bytes:
    page = small_article("invalid-utf8").encode()
    cut = len(page) // 2
    return page[:cut] + b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xff\xfe" + page[cut:]


def _utf7() -> bytes:
    page = small_article("utf7").replace("charset='utf-8'", "charset='utf-7'")
    return page.replace("<h1>", "<h1>+ADw-script+AD4-alert(1)+ADw-/script+AD4-").encode()


def _unknown_charset() -> bytes:
    return small_article("unknown").replace("utf-8", "x-no-such-charset-16").encode()


def _nul_bytes() -> bytes:
    page = small_article("nul").encode()
    return page.replace(b" ", b" \0", 200)


def _surrogates() -> bytes:
    rng = _rng("surrogates")
    refs = "&#xD800; &#xDFFF; &#55296; &#x110000; &#99999999999; &#0; &#x0; &#-1; &#xFFFE;"
    body = "".join(f"<p>{paragraph(rng)} {refs} \ud83d</p>" for _ in range(5))
    # lone surrogates written raw (CESU-style bytes), which strict UTF-8 rejects
    return article_html(body).encode("utf-8", "surrogatepass")


def _deep_nesting() -> bytes:
    n = 100_000
    return ("<html><body>" + "<div>" * n + paragraph(_rng("deep")) + "</div>" * n).encode()


def _unclosed() -> bytes:
    rng = _rng("unclosed")
    tags = "".join(f"<{t}>{word(rng)} " for t in ("b", "i", "span", "em", "font") * 10_000)
    return article_html(f"<p>{paragraph(rng)}</p>" + tags).encode()


def _huge_table() -> bytes:
    rng = _rng("table")
    rows = "".join(
        "<tr>" + "".join(f"<td>{rng.randint(0, 10**6):,}</td>" for _ in range(40)) + "</tr>"
        for _ in range(5_000)
    )
    return article_html(f"<p>{paragraph(rng)}</p><table>{rows}</table>").encode()


def _many_links() -> bytes:
    rng = _rng("links")
    links = "".join(f'<a href="/k/{i}">{word(rng)}</a> ' for i in range(50_000))
    return article_html(f"<p>{paragraph(rng)}</p><nav>{links}</nav><p>{links}</p>").encode()


def _mb_title() -> bytes:
    rng = _rng("title")
    title = " ".join(word(rng) for _ in range(200_000))[:MB]
    return article_html(f"<p>{paragraph(rng)}</p>", title=title).encode()


def _giant_token(salt: str, size: int) -> str:
    rng = _rng(salt)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789.-/") for _ in range(size))


def _token_2mb_html() -> bytes:
    rng = _rng("token")
    token = _giant_token("token", 2 * MB)
    return article_html(f"<p>{paragraph(rng)}</p><p>{token}</p><p>{paragraph(rng)}</p>").encode()


def _big_scripts() -> bytes:
    rng = _rng("scripts")
    script = "var k=[" + ",".join(str(rng.randint(0, 9999)) for _ in range(600_000)) + "];"
    head = "".join(f"<script>{script}</script>" for _ in range(3))
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(6))
    return article_html(body + f"<script>{script}</script>", head=head).encode()


def _comment_only() -> bytes:
    rng = _rng("comments")
    return ("<html><body>" + "".join(f"<!-- {paragraph(rng)} -->" for _ in range(500))).encode()


_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10))
).replace("&lol0;", "&lol;")


def _laughs_xhtml() -> bytes:
    rng = _rng("laughs")
    return (
        _LAUGHS + ']>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>&lol9;</title>'
        f"</head><body><p>&lol9;</p><p>{paragraph(rng)}</p><p>{paragraph(rng)}</p></body></html>"
    ).encode()


def _laughs_feed() -> bytes:
    return (
        _LAUGHS + ']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;'
        "</title><description>&lol9;</description></item></channel></rss>"
    ).encode()


def _dump_lines() -> bytes:
    rng = _rng("lines")
    return "\n".join(sentence(rng, rng.randint(2, 9)) for _ in range(200_000)).encode()


def _one_line() -> bytes:
    rng = _rng("oneline")
    parts, size = [], 0
    while size < 5 * MB:
        s = sentence(rng)
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts).encode()


def _cr_only() -> bytes:
    rng = _rng("cr")
    return "\r\r".join(paragraph(rng) for _ in range(400)).replace(". ", ".\r").encode()


def _bidi() -> bytes:
    rng = _rng("bidi")
    controls = "\u202e\u202d\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u061c\u200e"
    paras = []
    for _ in range(300):
        text = paragraph(rng)
        paras.append("".join(ch + rng.choice(controls) for ch in text))
    return "\n\n".join(paras).encode()


def _emoji() -> bytes:
    rng = _rng("emoji")
    zwj = ["👩‍👩‍👧‍👦", "🏳️‍🌈", "👨🏽‍🚀", "🧑‍🤝‍🧑", "👁️‍🗨️", "🇺🇳", "❤️‍🔥"]
    lines = []
    for _ in range(20_000):
        run = "".join(rng.choice(zwj) for _ in range(rng.randint(3, 30)))
        zwj_tail = "\u200d" * rng.randint(0, 50)
        lines.append(f"{sentence(rng, 6)} {run} {sentence(rng, 6)} {zwj_tail}")
    return "\n".join(lines).encode()


def _many_paragraphs() -> bytes:
    rng = _rng("paragraphs")
    return article_html("".join(f"<p>{sentence(rng, 8)}</p>" for _ in range(100_000))).encode()


def _many_figures() -> bytes:
    rng = _rng("figures")
    units = ["percent", "people", "km", "tonnes", "dollars", "%", "votes"]
    sents = []
    for i in range(30_000):
        sents.append(
            f"The {word(rng)} rose to {rng.randint(1, 10**6):,} {rng.choice(units)} "
            f"and {rng.random() * 100:.1f} {rng.choice(units)} in {1990 + i % 35}, "
            f"not {rng.randint(1, 999)}."
        )
    return "\n\n".join(" ".join(sents[i : i + 5]) for i in range(0, len(sents), 5)).encode()


def _many_names() -> bytes:
    rng = _rng("names")
    people = [name(rng) for _ in range(20_000)]
    sents = []
    for i in range(30_000):
        a, b = people[i % len(people)], rng.choice(people)
        sents.append(f"{a} met {b} and Minister {a.split()[1]} of the {word(rng).title()} Council.")
    return "\n\n".join(" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)).encode()


def _many_quotes() -> bytes:
    rng = _rng("quotes")
    sents = []
    for _ in range(20_000):
        who = name(rng)
        sents.append(f'\u201c{sentence(rng, 6)}\u201d said {who}. "{word(rng)}" {word(rng)} "')
    return "\n\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)).encode()


def _similar_sentences() -> bytes:
    """Thousands of near-identical claims: every pair is a contradiction candidate."""
    rng = _rng("similar")
    sents = []
    for i in range(12_000):
        verb = "approved" if i % 2 else "did not approve"
        sents.append(
            f"The Kalo council {verb} the harbour budget of {rng.randint(1, 99)} million "
            f"on March {1 + i % 28}, 2024."
        )
    return "\n\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)).encode()


def _long_article() -> bytes:
    """60,000 words of ordinary-looking prose: the time-limit case of issue 16."""
    rng = _rng("long")
    paras, words = [], 0
    while words < 60_000:
        p = paragraph(rng, 5)
        paras.append(f"<p>{p}</p>")
        words += p.count(" ") + 1
    return article_html("".join(paras)).encode()


def _truncated_gzip() -> bytes:
    data = _gzip(small_article("truncated", 60).encode())
    return data[: len(data) // 2]


def _nested_gzip() -> bytes:
    return _gzip(_gzip(small_article("nested").encode()))


def _nested_bomb() -> bytes:
    return _gzip(_gzip_zeros(256 * MB))


def _cases() -> list[Case]:
    """Every case with the outcomes a correct PressLens may give it (issue 16 §2 order)."""
    doc = frozenset({DOC})
    text_or_none = frozenset({DOC, "E010"})  # a document, or "no article text found"
    too_complex = frozenset({DOC, "E014"})  # a document, or refused by a work limit
    table = [
        # name, file name, builder, allowed outcomes, fast
        ("empty", "empty.html", lambda: b"", {"E001"}, True),
        ("whitespace", "whitespace.txt", lambda: b" \n\t\r\n  \f\n", {"E001", "E010"}, True),
        ("png", "photo.html", _png, {"E004"}, True),
        ("jpeg", "jpeg.html", _jpeg, {"E004"}, True),
        ("pdf", "paper.html", _pdf, {"E004"}, True),
        ("random-bytes", "random.html", lambda: _random_bytes("random", 65536), {"E004", "E005"}, True),
        ("gzip-bomb", "bomb.html.gz", lambda: _gzip_zeros(256 * MB), {"E003"}, True),
        ("gzip-nested", "nested.html.gz", _nested_gzip, {DOC, "E004", "E009"}, True),
        ("gzip-nested-bomb", "nested-bomb.html.gz", _nested_bomb, {"E003", "E004", "E009"}, True),
        ("gzip-truncated", "truncated.html.gz", _truncated_gzip, {"E009"}, True),
        ("utf16le-nobom", "utf16le.html", _utf("utf-16-le"), text_or_none | {"E005"}, True),
        ("utf16be-nobom", "utf16be.html", _utf("utf-16-be"), text_or_none | {"E005"}, True),
        ("utf32le-nobom", "utf32le.html", _utf("utf-32-le"), text_or_none | {"E004", "E005"}, True),
        ("utf32be-nobom", "utf32be.html", _utf("utf-32-be"), text_or_none | {"E004", "E005"}, True),
        ("invalid-utf8", "invalid-utf8.html", _invalid_utf8, doc, True),
        ("utf7-declared", "utf7.html", _utf7, doc, True),
        ("unknown-charset", "unknown-charset.html", _unknown_charset, doc, True),
        ("nul-bytes", "nul.html", _nul_bytes, {DOC, "E004"}, True),
        ("surrogates-ncr", "surrogates.html", _surrogates, doc, True),
        ("comment-only", "comments.html", _comment_only, {"E010"}, True),
        ("billion-laughs-xhtml", "laughs.xhtml", _laughs_xhtml, text_or_none, True),
        ("billion-laughs-feed", "laughs-feed.xml", _laughs_feed, text_or_none, True),
        ("cr-only", "cr-only.txt", _cr_only, doc, False),
        ("deep-nesting", "deep.html", _deep_nesting, too_complex, False),
        ("unclosed-tags", "unclosed.html", _unclosed, too_complex, False),
        ("huge-table", "table.html", _huge_table, too_complex, False),
        ("many-links", "links.html", _many_links, too_complex, False),
        ("megabyte-title", "title.html", _mb_title, doc, False),
        ("token-2mb", "token.html", _token_2mb_html, doc, False),
        ("big-scripts", "scripts.html", _big_scripts, doc, False),
        ("bidi-zero-width", "bidi.txt", _bidi, doc, False),
        ("emoji-zwj", "emoji.txt", _emoji, doc, False),
        ("dump-200k-lines", "lines.txt", _dump_lines, doc, False),
        ("one-line-5mb", "one-line.txt", _one_line, doc, False),
        ("paragraphs-100k", "paragraphs.html", _many_paragraphs, too_complex, False),
        ("many-figures", "figures.txt", _many_figures, doc, False),
        ("many-names", "names.txt", _many_names, doc, False),
        ("many-quotes", "quotes.txt", _many_quotes, doc, False),
        ("similar-claims", "similar.txt", _similar_sentences, doc, False),
        ("long-article", "long.html", _long_article, doc, False),
    ]  # fmt: skip
    # Slow inputs may also end at the time limit on a slow machine: a one-line E011 is a
    # correct outcome for every one of them (the deadline is the last bound on work).
    return [
        Case(name, filename, build, frozenset(allowed) | ({"E011"} if not fast else set()), fast)
        for name, filename, build, allowed, fast in table
    ]


CASES: dict[str, Case] = {c.name: c for c in _cases()}


def write_corpus(out_dir: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the chosen cases (all by default) into ``out_dir``; returns name → path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case_name in names or list(CASES):
        case = CASES[case_name]
        path = out_dir / case.filename
        if not path.exists():
            path.write_bytes(case.build())
        paths[case_name] = path
    return paths


if __name__ == "__main__":
    for n, p in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")).items():
        print(f"{n}\t{p}\t{p.stat().st_size:,}")
