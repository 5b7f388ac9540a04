"""Full-text search with filters, highlights and paging — the same answers on both engines."""

from __future__ import annotations

import pytest

from presslens.store import Outlet, Store
from presslens.store.search import parse_query, split_highlights

from .factory import make_doc, span

ARTICLES = [
    # (outlet, uri, published, language, text, technique, entity, claim score)
    (
        "Daily Harbour",
        "https://dailyharbour.example/1",
        "2024-01-10",
        "en",
        "The tanker crossed the Strait of Hormuz at dawn while navy ships watched closely.",
        "Loaded_Language",
        "Strait of Hormuz",
        0.9,
    ),
    (
        "Daily Harbour",
        "https://dailyharbour.example/2",
        "2024-02-12",
        "en",
        "Fishermen said the tanker spill ruined a season of work along the coast.",
        "Exaggeration",
        "Fishermen",
        0.4,
    ),
    (
        "Velmora Times",
        "https://velmora.example/3",
        "2024-03-15",
        "en",
        "Velmora's council approved a new harbour budget after a long debate on tanker fees.",
        None,
        "Velmora",
        0.7,
    ),
    (
        "Velmora Times",
        "https://velmora.example/4",
        "2024-03-20",
        "fr",
        "Le conseil de Velmora a voté le budget du port après un long débat.",
        None,
        "Velmora",
        None,
    ),
]


@pytest.fixture
def corpus(store: Store) -> Store:
    store.upsert_outlet(Outlet("Daily Harbour", ("dailyharbour.example",), collections=("coast",)))
    store.upsert_outlet(Outlet("Velmora Times", ("velmora.example",), collections=("inland",)))
    for outlet, uri, published, language, text, technique, entity, score in ARTICLES:
        layers = {
            "entities": [
                span(text, entity, id="entities-0", label="GPE", cluster="e1", canonical=entity)
            ]
        }
        if technique:
            word = text.split()[3]
            layers["techniques"] = [
                span(text, word, id="techniques-0", technique=technique, score=0.8)
            ]
        if score is not None:
            layers["claims"] = [
                span(text, text.split()[1], id="claims-0", label="factual", checkworthiness=score)
            ]
        store.add_document(
            make_doc(
                text,
                uri=uri,
                published=published,
                language=language,
                title=f"{outlet} story",
                layers=layers,
            )
        )
    return store


def _uris(page) -> list[str]:
    return sorted(h.uri.rsplit("/", 1)[-1] for h in page.results)


def test_words_must_all_occur(corpus: Store) -> None:
    assert _uris(corpus.search("tanker")) == ["1", "2", "3"]
    assert _uris(corpus.search("tanker coast")) == ["2"]
    assert corpus.search("tanker").total == 3
    assert corpus.search("submarine").total == 0


def test_phrase_and_title_match(corpus: Store) -> None:
    assert _uris(corpus.search('"strait of hormuz"')) == ["1"]
    assert _uris(corpus.search('"hormuz strait"')) == []
    assert _uris(corpus.search("velmora times")) == ["3", "4"]  # title words count


def test_hostile_query_syntax_is_plain_words(corpus: Store) -> None:
    for q in ["tanker OR NEAR(", '"unclosed', "title:tanker", "tanker*", "-tanker", "'; DROP"]:
        page = corpus.search(q)
        assert page.total == len(page.results) or page.total > 0
    assert corpus.search("title:tanker").total == 0  # "title" is a word here, not a column


def test_highlights_mark_the_matched_words(corpus: Store) -> None:
    hit = corpus.search("spill").results[0]
    assert [hit.snippet[s:e].lower() for s, e in hit.highlights] == ["spill"]
    assert "\ue000" not in hit.snippet and hit.marked().count("«spill»") == 1
    assert "".join(t for t, _ in hit.segments()) == hit.snippet


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"outlet": "Velmora Times"}, ["3", "4"]),
        ({"collection": "coast"}, ["1", "2"]),
        ({"since": "2024-02-12", "until": "2024-03-15"}, ["2", "3"]),
        ({"language": "fr"}, ["4"]),
        ({"technique": "Exaggeration"}, ["2"]),
        ({"entity": "strait of hormuz"}, ["1"]),
        ({"min_claim_score": 0.65}, ["1", "3"]),
    ],
)
def test_filters_alone(corpus: Store, filters: dict, expected: list[str]) -> None:
    assert _uris(corpus.search("", **filters, limit=50)) == expected


def test_filters_with_words(corpus: Store) -> None:
    assert _uris(corpus.search("tanker", outlet="Daily Harbour", min_claim_score=0.5)) == ["1"]
    assert _uris(corpus.search("budget", language="en")) == ["3"]


def test_paging_keeps_the_total(corpus: Store) -> None:
    first = corpus.search("tanker", limit=2)
    second = corpus.search("tanker", limit=2, offset=2)
    assert first.total == second.total == 3
    assert len(first.results) == 2 and len(second.results) == 1
    assert not {h.id for h in first.results} & {h.id for h in second.results}


def test_hit_carries_outlet_and_date(corpus: Store) -> None:
    hit = corpus.search("spill").results[0]
    assert hit.outlet == "Daily Harbour" and hit.published == "2024-02-12"


def test_parse_query_and_highlight_split() -> None:
    assert parse_query('Tanker "Strait of, Hormuz" "" x') == [
        ["tanker"],
        ["strait", "of", "hormuz"],
        ["x"],
    ]
    assert split_highlights("a \ue000b\ue001 c") == ("a b c", ((2, 3),))
