"""Claims on news: the news rule (adjusted score, per-article cap), Full Fact types, ranks,
the panel's order and the report underlining only check-worthy claims.

Sentences are written for these tests (fictional places and people).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from presslens.document import Document, Metadata, Source, validate
from presslens.layers.claims.component import annotate_claims
from presslens.layers.claims.model import load_scorer
from presslens.layers.claims.news import NewsRule, adjusted_score, decide, full_fact_type
from presslens.render.panels.claims import panel, ranked
from presslens.render.report import render_report

STATE_MEDIA = [
    "The Chairman attended the opening ceremony of the new Northern Highway on Friday.",
    "He was warmly greeted by workers and thanked them for their devotion.",
    "The 320-kilometre highway was built in 26 months at a cost of 410 billion kyats.",
    "The Chairman expressed great satisfaction at the results of the people's labour.",
    "Senior officers and ministers accompanied the Chairman.",
    "He called on all officials to serve the people with loyalty.",
    "Monks recited prayers for the success of the project.",
    "The ceremony ended with a performance by a military band.",
    "According to the ministry, 1,200 local people were employed on the project.",
    "The people pledged to achieve even greater successes.",
]


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


def _doc(sentences: list[str]) -> Document:
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        spans.append({"start": start, "end": start + len(s)})
        pos = start + len(s)
    return Document(
        id=Document.id_for(text.encode()),
        source=Source(uri="test"),
        metadata=Metadata(language="en"),
        text=text,
        layers={"paragraphs": [{"start": 0, "end": len(text)}], "sentences": spans},
    )


def test_adjusted_score_moves_with_news_features() -> None:
    p = 0.5
    assert adjusted_score("Sales rose 12 percent.", p, ["statistic", "comparison"]) > p
    assert adjusted_score("He warmly greeted the delegation.", p, []) < p
    assert adjusted_score("I grew up in a flat.", p, ["personal_experience"]) < p
    # ceremony wording does not sink a sentence that carries a figure
    with_figure = adjusted_score("He praised the 15 percent rise.", p, ["statistic"])
    assert with_figure > p


def test_a_dateline_is_not_a_figure() -> None:
    p = 0.5
    dateline = "VARNHOLD, March 4 (Northwire) - Dockworkers extended their strike on Tuesday."
    figure = "Dockworkers at 14 ports extended their strike on Tuesday."
    assert adjusted_score(dateline, p, ["statistic"]) == pytest.approx(p)
    assert adjusted_score(figure, p, ["statistic"]) > p


def test_decide_caps_the_share_and_keeps_the_threshold() -> None:
    rule = NewsRule(threshold=0.5, share=0.4, min_top=3)
    flags = decide([0.99] * 20, rule)
    assert sum(flags) == 8  # 40 % of 20
    assert decide([0.2] * 10, rule) == [False] * 10  # nothing clears the threshold
    assert sum(decide([0.9, 0.9, 0.9, 0.1], rule)) == 3  # short article: min_top
    flags = decide([0.6, 0.95, 0.7, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], rule)
    assert flags[:3] == [True, True, True] and not any(flags[3:])


def test_full_fact_types() -> None:
    assert full_fact_type(["statistic", "attributed"]) == "quantity"
    assert full_fact_type(["statistic", "rule"]) == "laws_and_rules"
    assert full_fact_type(["prediction", "statistic"]) == "prediction"
    assert full_fact_type(["causal"]) == "correlation_or_causation"
    assert full_fact_type(["personal_experience", "statistic"]) == "personal_experience"
    assert full_fact_type(["attributed"]) == "other"


def test_state_media_article_is_ranked_and_labelled_sparingly(scorer) -> None:
    doc = _doc(STATE_MEDIA)
    claims = annotate_claims(doc, scorer)
    worthy = [c for c in claims if c["label"] == "check_worthy"]
    assert len(worthy) <= 0.4 * len(claims)
    assert sorted(c["rank"] for c in claims) == list(range(1, len(claims) + 1))
    top2 = {doc.span_text(c) for c in claims if c["rank"] <= 2}
    assert top2 == {STATE_MEDIA[2], STATE_MEDIA[8]}  # the two sentences with figures
    assert all(c["claim_type"] == "quantity" for c in claims if c["rank"] <= 2)
    ceremony = claims[1]
    assert ceremony["label"] != "check_worthy"
    assert ceremony["checkworthiness"] < ceremony["model_score"]
    validate(doc.with_layer("claims", claims, {"component": "presslens.claims.v1", "version": "1"}))


def _ranked_doc() -> Document:
    doc = _doc(["Prices rose 9 percent last year.", "Thank you all for coming tonight."])
    a, b = doc.layers["sentences"]
    claims = [
        {**b, "checkworthiness": 0.1, "rank": 2, "label": "non_factual", "claim_type": "other"},
        {
            **a,
            "checkworthiness": 0.9,
            "rank": 1,
            "label": "check_worthy",
            "claim_type": "quantity",
            "quantities": ["quantities-0"],
        },
    ]
    return doc.with_layer("claims", claims, {"component": "presslens.claims.v1", "version": "1"})


def test_panel_follows_rank_with_type_and_figures() -> None:
    doc = _ranked_doc()
    assert [c["rank"] for c in ranked(doc)] == [1, 2]
    html = panel(doc)
    assert html.index("Prices rose") < html.index("Thank you")
    assert "quantities-0" in html and ">quantity<" in html


def test_report_underlines_only_check_worthy_claims() -> None:
    html = render_report(_ranked_doc())
    marked = re.findall(r'<span class="a [^"]*L-claims[^"]*"[^>]*>([^<]+)</span>', html)
    assert marked == ["Prices rose 9 percent last year."]


def test_news_gold_parses_into_halves() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from news_claims import average_precision, half, load_gold, precision_at

    articles = load_gold()
    assert len(articles) >= 15
    assert all(len(a.sentences) == len(a.worthy) == len(a.types) >= 14 for a in articles)
    assert len(half(articles, "tune")) + len(half(articles, "test")) == len(articles)
    import numpy as np

    gold = np.array([True, False, True])
    assert average_precision(gold, np.array([0.9, 0.8, 0.1])) == pytest.approx((1 + 2 / 3) / 2)
    assert precision_at(gold, np.array([0.1, 0.2, 0.3]), k=1) == 1.0
