"""Unit tests of the metadata finders: sources in order of trust, with evidence."""

from __future__ import annotations

import json

import pytest

from presslens.extract.html import parse_html
from presslens.extract.metadata import find_metadata, strip_site_name, url_article_id
from presslens.extract.metadata_authors import is_person, validate_authors
from presslens.extract.metadata_dates import normalise_date, url_date


def meta_page(head: str, body: str = "<p>Text.</p>") -> str:
    return f"<html lang='en'><head>{head}</head><body>{body}</body></html>"


def jsonld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2019-11-18T10:05:33.123+0100", "2019-11-18T10:05:33+01:00"),
        ("2024-01-01T17:00:00+03:30", "2024-01-01T17:00:00+03:30"),
        ("2024-01-01", "2024-01-01"),
        ("2019/11/18 10:05", "2019-11-18T10:05"),
        ("2019-11-18T10:05:00Z", "2019-11-18T10:05:00Z"),
        ("Mon, 18 Nov 2019 10:05:00 GMT", "2019-11-18T10:05:00Z"),
        ("20191118", "2019-11-18"),
        ("not a date", None),
        ("1870-01-01", None),
        ("2019-02-30", None),
    ],
)
def test_normalise_date_keeps_precision(raw: str, iso: str | None) -> None:
    assert normalise_date(raw) == iso


def test_url_dates() -> None:
    assert url_date("https://x.example/2019/11/18/story") == "2019-11-18"
    assert url_date("https://x.example/news/20191118/story") == "2019-11-18"
    assert url_date("https://x.example/2019/11/") is None
    assert url_date(None) is None


@pytest.mark.parametrize(
    "bad",
    ["Staff", "Daily Planet Staff", "2 hours ago", "Email the author", "jane@example.com",
     "https://example.com/jane", "The Associated Press", "Editorial Board", "admin",
     "Updated 5 minutes ago", "Follow on Twitter", "Daily Planet"],
)  # fmt: skip
def test_not_people(bad: str) -> None:
    assert not is_person(bad, outlets=("Daily Planet",))


def test_bylines_split_and_cleaned() -> None:
    assert validate_authors(["By Jane Doe and John Smith, Staff Writers"]) == [
        "Jane Doe",
        "John Smith",
    ]
    assert validate_authors(["By ALI REZAEI | Reporter", "Ali Rezaei"]) == ["ALI REZAEI"]
    assert validate_authors(["Maria García-López", "Ирина Соколова"]) == [
        "Maria García-López",
        "Ирина Соколова",
    ]


def test_jsonld_beats_meta_and_url_never_overrides() -> None:
    html = meta_page(
        jsonld(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": "Ledger"},
                    {
                        "@type": ["NewsArticle"],
                        "headline": "Barrier approved",
                        "datePublished": "2025-12-02T18:05:00+00:00",
                        "author": [{"@type": "Person", "name": "Priya Halvorsen"}, "Ledger"],
                        "publisher": {"name": "The Ledger"},
                    },
                ],
            }
        )
        + "<meta property='article:published_time' content='2025-12-05'>"
    )
    found = find_metadata(parse_html(html), "https://ledger.example/2025/12/01/barrier")
    assert found.values["published"] == "2025-12-02T18:05:00+00:00"
    assert found.evidence["published"].startswith("JSON-LD")
    assert found.values["authors"] == ["Priya Halvorsen"]
    assert found.values["publisher"] == "The Ledger"


def test_meta_date_beats_url_date() -> None:
    html = meta_page("<meta name='parsely-pub-date' content='2026-09-08T16:20:00Z'>")
    found = find_metadata(parse_html(html), "https://x.example/2026/09/01/story")
    assert found.values["published"] == "2026-09-08T16:20:00Z"
    assert found.evidence["published"] == '<meta name="parsely-pub-date">'


def test_invalid_meta_author_falls_back_to_byline() -> None:
    html = meta_page(
        "<meta name='author' content='Courier Staff'><meta property='og:site_name' "
        "content='Courier'>",
        "<p class='byline'>By <a rel='author' href='/s/l'>Lena Whitcombe</a></p>",
    )
    found = find_metadata(parse_html(html), None)
    assert found.values["authors"] == ["Lena Whitcombe"]
    assert found.evidence["authors"] == "visible byline"


def test_broken_jsonld_is_tolerated() -> None:
    html = meta_page(
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        '"headline": "Trailing comma",}</script><script type="application/ld+json">{oops</script>'
    )
    found = find_metadata(parse_html(html), None)
    assert found.values["title"] == "Trailing comma"


def test_canonical_and_time_element() -> None:
    html = meta_page(
        "<link rel='canonical' href='/news/story-12345'>",
        "<article><time datetime='2026-03-14T09:42:00-05:00'>March 14</time><p>x</p></article>",
    )
    found = find_metadata(parse_html(html), "https://wire.example/amp/story")
    assert found.values["url"] == "https://wire.example/news/story-12345"
    assert found.values["published"] == "2026-03-14T09:42:00-05:00"
    assert found.evidence["published"] == "<time> element"
    assert found.values["article_id"] == "12345"


def test_strip_site_name_and_url_ids() -> None:
    assert strip_site_name("Barrier approved | The Ledger", ["The Ledger"]) == "Barrier approved"
    assert strip_site_name("Ledger - Barrier approved", ["ledger"]) == "Barrier approved"
    assert strip_site_name("Left - right: a study", ["Ledger"]) == "Left - right: a study"
    assert url_article_id("https://x.example/news/471033-south-dakota") == "471033"
    assert url_article_id("https://x.example/news/20191118/story") is None


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Sarah E. Needleman", ["Sarah E. Needleman"]),  # an initial is not the pt/it "e"
        ("Bruce Y. Lee", ["Bruce Y. Lee"]),  # nor the es "y"
        ("Maria e Joana Silva", ["Maria", "Joana Silva"]),
        ("TOM KRISHER, AP Auto Writer", ["TOM KRISHER"]),
        ("Analysis by Chris Cillizza; CNN Editor-at-large", ["Chris Cillizza"]),
        ("Finian Cunningham. Sputnik International", ["Finian Cunningham"]),
        ("Jeff FoustMonday", ["Jeff Foust"]),
        ("Carrie Arnold November 15, 2019", ["Carrie Arnold"]),
        ("Theresa May", ["Theresa May"]),
        ("Ilana Muhlstein, MS, RDN", ["Ilana Muhlstein"]),
        ("Anthony, Maya, and Caroline Ghosn", ["Anthony", "Maya", "Caroline Ghosn"]),
        ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
        ("Name *", []),
        ("Colin Rust commented on", []),
        ("Detroit News wire services", []),
    ],
)
def test_byline_forms(raw: str, names: list[str]) -> None:
    assert validate_authors([raw]) == names


def test_loose_byline_tier_needs_two_words_and_few_names() -> None:
    place_only = meta_page("", "<span class='story-author-location'>Washington</span><p>x</p>")
    assert "authors" not in find_metadata(parse_html(place_only), None).values
    many = "".join(f"<a href='/author/p{i}'>Person Number{chr(65 + i)}</a>" for i in range(6))
    assert "authors" not in find_metadata(parse_html(meta_page("", many)), None).values
    link = meta_page("", "<p>By <a href='/author/jd'>Jane Doe</a></p>")
    assert find_metadata(parse_html(link), None).values["authors"] == ["Jane Doe"]


def test_comment_authors_are_not_bylines() -> None:
    html = meta_page(
        "", "<div id='comments'><span class='comment-author'>Rob Walker</span></div><p>x</p>"
    )
    assert "authors" not in find_metadata(parse_html(html), None).values


def test_publisher_from_title_beside_headline() -> None:
    html = (
        "<html><head><title>Velmora News Agency - Minister says reserves suffice</title></head>"
        "<body><h1>Minister says reserves suffice</h1><p>x</p></body></html>"
    )
    found = find_metadata(parse_html(html), None)
    assert found.values["publisher"] == "Velmora News Agency"
    assert found.values["title"] == "Minister says reserves suffice"
    assert found.evidence["publisher"] == "<title> beside the headline"


def test_section_from_breadcrumbs() -> None:
    crumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home"},
            {"@type": "ListItem", "position": 2, "item": {"name": "World"}},
            {"@type": "ListItem", "position": 3, "name": "Europe"},
            {"@type": "ListItem", "position": 4, "name": "Ferry strike ends"},
        ],
    }
    found = find_metadata(parse_html(meta_page(jsonld(crumbs))), None)
    assert found.values["section"] == "Europe"
    assert found.evidence["section"] == "JSON-LD BreadcrumbList"
    declared = meta_page(jsonld(crumbs) + "<meta property='article:section' content='News'>")
    assert find_metadata(parse_html(declared), None).values["section"] == "News"


# -- issue 15: authors from schema.org graphs, card labels and byline text; dates -------------


def _authors(html: str, url: str = "https://news.example.org/a/1") -> list[str]:
    return find_metadata(parse_html(html), url).values.get("authors", [])


def test_jsonld_author_by_reference_in_the_graph() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Article", "headline": "H", "author": {"@id": "#p1"}},
            {"@type": "Person", "@id": "#p1", "name": "Mara Velisko"},
        ],
    }
    assert _authors(meta_page(jsonld(graph))) == ["Mara Velisko"]


def test_person_typed_author_named_like_the_site_is_kept_alone() -> None:
    item = {"@type": "Article", "author": {"@type": "Person", "name": "Tomas Brell"}}
    head = jsonld(item) + '<meta property="og:site_name" content="Tomas Brell">'
    assert _authors(meta_page(head)) == ["Tomas Brell"]
    # the same name as a plain string is the outlet's name: rejected, as before
    plain = jsonld({"@type": "Article", "author": "Tomas Brell"})
    assert _authors(meta_page(plain + '<meta property="og:site_name" content="Tomas Brell">')) == []


def test_card_label_written_by() -> None:
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Ilse Marrow">'
    )
    assert _authors(meta_page(head)) == ["Ilse Marrow"]
    other = '<meta name="twitter:label1" content="Reading time"><meta name="twitter:data1" content="4 min">'
    assert _authors(meta_page(other)) == []


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("<h1>T</h1><p class='meta'>By <a href='/p/ana'>Ana Ruiz Soto</a></p>", "Ana Ruiz Soto"),
        ("<h1>T</h1><div><span>Von Max Mustermann</span></div>", "Max Mustermann"),
        ("<h1>T</h1><p>Par Jeanne Dufresne</p>", "Jeanne Dufresne"),
    ],
)
def test_byline_text_in_the_page_language(body: str, name: str) -> None:
    assert _authors(meta_page("", body)) == [name]


def test_byline_text_in_a_related_block_is_ignored() -> None:
    body = "<h1>T</h1><aside class='related'><p>By Ana Ruiz Soto</p></aside><p>Text.</p>"
    assert _authors(meta_page("", body)) == []


def test_no_date_from_a_related_block() -> None:
    body = (
        "<h1>T</h1><div class='related-stories'><time datetime='2020-01-02'>Jan 2</time></div>"
        "<p>Text.</p><time datetime='2024-05-06'>May 6</time>"
    )
    found = find_metadata(parse_html(meta_page("", body)), None).values
    assert found["published"] == "2024-05-06"


def test_glued_and_bare_prefixes_are_not_names() -> None:
    assert validate_authors(["BySummer Lake"]) == ["Summer Lake"]
    assert validate_authors(["Written by"]) == []
    assert validate_authors(["Dana Holt", "More About Dana Holt »"]) == ["Dana Holt"]
    assert validate_authors(["Dana Holt", "Senior Director", "Acme Institute"]) == ["Dana Holt"]
