"""Unit tests of the HTML path: engine output → typed blocks, second opinion, captions,
dateline offsets, language evidence, and bad input that must not crash."""

from __future__ import annotations

from presslens.extract.blocks import Block, assemble
from presslens.extract.html import extract_html, find_captions, find_dateline, parse_html
from presslens.extract.html_body import needs_second_opinion

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a fictional report on the Lindqvist ferry timetable, which the "
    f"regional transport board changed again this week after complaints from commuters.</p>"
    for i in range(1, 7)
)


def page(body: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Ferry timetable changes again | Sound Post</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Ferry timetable changes again</h1>{body}</article>"
        "<footer>Sound Post, Harbour Road</footer></body></html>"
    )


def test_blocks_keep_their_kind() -> None:
    html = page(
        PARAGRAPHS[:600]
        + "<h2>What changes for commuters</h2>"
        + "<ul><li>The 7:10 sailing moves to 7:25 on weekdays.</li>"
        + "<li>The last sailing on Sundays is cancelled until spring.</li></ul>"
        + "<blockquote><p>We listened, and then we changed it twice, said the board chair.</p>"
        + "</blockquote>"
        + PARAGRAPHS[600:]
    )
    result = extract_html(html, url="https://soundpost.example/news/ferry")
    kinds = {b.kind for b in result.blocks}
    assert {"paragraph", "subheading", "list_item"} <= kinds
    assert "What changes for commuters" in result.metadata.subheadings
    items = [b.text for b in result.blocks if b.kind == "list_item"]
    assert items[0] == "The 7:10 sailing moves to 7:25 on weekdays."


def test_headline_and_residue_are_not_body() -> None:
    html = page(
        "<p>Ferry timetable changes again</p>"
        + PARAGRAPHS
        + "<p>Read more: Bridge tolls rise in January</p><p>Share | Tweet | Email</p>"
    )
    result = extract_html(html)
    text = assemble(result.blocks)[0]
    assert not text.startswith("Ferry timetable changes again")
    assert "Read more" not in text and "Tweet" not in text
    assert text.startswith("Paragraph 1 of a fictional report")


def test_title_site_suffix_removed_and_url_kept() -> None:
    result = extract_html(page(PARAGRAPHS), url="https://soundpost.example/a/2026/02/03/x")
    assert result.metadata.title == "Ferry timetable changes again"
    assert result.metadata.url == "https://soundpost.example/a/2026/02/03/x"
    assert result.metadata.published == "2026-02-03"
    assert result.metadata.evidence["published"] == "date in the URL"


def test_captions_go_to_metadata_not_body() -> None:
    caption = "Commuters board the morning ferry at Lindqvist pier on Tuesday."
    html = page(
        PARAGRAPHS[:300]
        + f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>"
        + f"<p>{caption}</p>"
        + PARAGRAPHS[300:]
    )
    result = extract_html(html)
    assert result.metadata.captions == [caption]
    assert caption not in assemble(result.blocks)[0]


def test_find_captions_deduplicates_and_skips_containers() -> None:
    tree = parse_html(
        "<html><body><figure><figcaption>A harbour at dawn. Photo: K. Lund</figcaption></figure>"
        "<p class='caption'>A harbour at dawn.</p>"
        f"<div class='caption-wrapper'>{'long text ' * 80}</div></body></html>"
    )
    assert find_captions(tree) == ["A harbour at dawn. Photo: K. Lund"]


def test_dateline_offsets_point_into_assembled_text() -> None:
    blocks = [
        Block("Quick facts", "subheading"),
        Block("ARDANAK, Jan. 3 (VNA) – The minister said reserves were sufficient."),
    ]
    dateline = find_dateline(blocks)
    text = assemble(blocks)[0]
    assert dateline is not None and dateline.agency == "VNA"
    assert text[dateline.start : dateline.end] == "ARDANAK, Jan. 3 (VNA) –"


def test_no_dateline_in_ordinary_first_paragraph() -> None:
    assert find_dateline([Block("However, the minister said reserves were sufficient.")]) is None


def test_language_detected_and_checked_against_declaration() -> None:
    result = extract_html(page(PARAGRAPHS))
    assert result.metadata.language == "en"
    assert "agrees" in result.metadata.evidence["language"]
    mislabelled = page(PARAGRAPHS).replace("lang='en'", "lang='fr'")
    result = extract_html(mislabelled)
    assert result.metadata.language == "en"
    assert "'fr'" in result.metadata.evidence["language"]


def test_second_opinion_trigger() -> None:
    short = [Block("Only a teaser sentence.")]
    assert needs_second_opinion(short, page_paragraph_chars=5000)
    full = [Block("x" * 3000)]
    assert not needs_second_opinion(full, page_paragraph_chars=4000)
    assert needs_second_opinion(full, page_paragraph_chars=20000)


def test_bad_input_does_not_crash() -> None:
    for html in ("", "   ", "<html>", "<html><body><p>Hi</body>", "\x00\x01 binary-ish", "<<<>>>"):
        result = extract_html(html)
        assert isinstance(result.blocks, list)


def test_truncated_page_still_yields_body() -> None:
    html = page(PARAGRAPHS)
    result = extract_html(html[: len(html) - 300])
    assert assemble(result.blocks)[0].startswith("Paragraph 1")


def test_malformed_urls_are_not_fatal() -> None:
    html = page(PARAGRAPHS, head="<link rel='canonical' href='http://[broken'>")
    for url in ("http://[::1", "not a url", None):
        result = extract_html(html, url=url)
        assert assemble(result.blocks)[0].startswith("Paragraph 1")


def test_trafilatura_output_mapping() -> None:
    from lxml import etree

    from presslens.extract.html_body import _blocks_from_trafilatura

    body = etree.fromstring(
        "<body>lead text<head rend='h2'>A heading</head>loose tail"
        "<p>First <hi>bold</hi> para<lb/>line two</p>"
        "<list><item>one</item><item>two</item></list>"
        "<quote><p>quoted a</p><p>quoted b</p></quote>"
        "<table><row><cell>x</cell><cell>y</cell></row></table></body>"
    )
    got = [(b.kind, b.text) for b in _blocks_from_trafilatura(body)]
    assert got == [
        ("paragraph", "lead text"),
        ("subheading", "A heading"),
        ("paragraph", "loose tail"),
        ("paragraph", "First bold para line two"),
        ("list_item", "one"),
        ("list_item", "two"),
        ("quote", "quoted a"),
        ("quote", "quoted b"),
        ("paragraph", "x | y"),
    ]


# -- issue 15: the engine's mode follows what the page declares; the fallback ----------------


def test_article_declaration_chooses_precision_mode() -> None:
    from presslens.extract.html import declares_article

    og = '<meta property="og:type" content="article">'
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H"}</script>'
    web = '<script type="application/ld+json">{"@type": "WebPage", "name": "H"}</script>'
    assert declares_article(parse_html(page(PARAGRAPHS, og)))
    assert not declares_article(parse_html(page(PARAGRAPHS, ld)))  # CMSs put it everywhere
    assert not declares_article(parse_html(page(PARAGRAPHS, web)))
    assert not declares_article(parse_html(page(PARAGRAPHS)))
    # either way the article text comes out
    for head in (og, web):
        assert "Paragraph 6" in assemble(extract_html(page(PARAGRAPHS, head)).blocks)[0]


def test_fallback_keeps_the_engine_output_when_rules_remove_most() -> None:
    from presslens.extract import html_body as hb

    raw = [Block("Read more: " + "x" * 290), Block("Share this story"), Block("A" * 120)]
    saved = hb.FALLBACK_REMOVED_SHARE
    try:
        hb.FALLBACK_REMOVED_SHARE = 0.5
        cleaned = raw[2:]
        assert hb.removed_too_much(raw, [])
        assert not hb.removed_too_much(raw, raw)
        assert hb.removed_too_much(raw, cleaned)  # 120 of 437 characters left
        assert not hb.removed_too_much(raw, raw[:1])  # 301 of 437 left
        assert not hb.removed_too_much(raw[2:], [])  # too short to judge
    finally:
        hb.FALLBACK_REMOVED_SHARE = saved
