"""Claims: the scorer, claim types, the three-way label, the component and the CLI.

Sentences are written for these tests (fictional places and people). Score tests compare
rankings, not exact numbers, so retraining the model does not break them unless it gets worse.
"""

from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
import pytest

from presslens.cli import main
from presslens.document import Document, Metadata, Source, validate
from presslens.layers.claims.cli import score_lines
from presslens.layers.claims.component import annotate_claims
from presslens.layers.claims.features import HAND_NAMES, hand_features
from presslens.layers.claims.model import LABELS, load_scorer
from presslens.layers.claims.types import claim_types, is_factual
from presslens.layers.registry import components

CHECKABLE = [
    "Unemployment in Carrow Vale fell from 9 percent to 4 percent between 2015 and 2020.",
    "The state spent $4.2 billion on prisons last year, more than it spent on universities.",
    "Senator Hale voted against the veterans' health bill three times.",
    "Crime in Port Elwin has doubled since the new policy was introduced.",
]
NOT_CHECKABLE = [
    "Thank you all for being here tonight.",
    "Good evening and welcome.",
    "I think we need to have a serious conversation about our future.",
    "What would you say to the families watching tonight?",
]


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


def test_hand_features_read_figures_and_first_person():
    x = hand_features(["In 2019 about 40 percent of $3 million was spent.", "I love my dog"])
    names = list(HAND_NAMES)
    assert x.shape == (2, len(HAND_NAMES))
    assert x[0, names.index("number")] > 0 and x[1, names.index("number")] == 0
    assert x[0, names.index("percent")] > 0 and x[0, names.index("year")] > 0
    assert x[1, names.index("first_person")] > 0 and x[0, names.index("first_person")] == 0


def test_scores_are_probabilities_and_rank_checkable_first(scorer):
    p = scorer.score(CHECKABLE + NOT_CHECKABLE)
    assert p.shape == (8,) and np.all((p >= 0) & (p <= 1))
    # every checkable sentence outranks every greeting/opinion/question
    assert p[:4].min() > p[4:].max(), p


def test_empty_sentences_score_zero(scorer):
    p = scorer.score(["", "   ", CHECKABLE[0]])
    assert p[0] == 0 and p[1] == 0 and p[2] > 0


def test_model_carries_provenance_and_metadata(scorer):
    assert re.fullmatch(r"[0-9a-f]{64}", scorer.sha256)
    assert 0 < scorer.threshold < 1
    # what it was trained and calibrated on travels with the model (models/claims/README.md)
    assert scorer.meta["trained_on"] and scorer.meta["calibrated_on"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Exports rose 12 percent in March.", {"statistic", "comparison"}),
        ("Prices climbed because the port was closed for a month.", {"causal"}),
        ("The deficit will reach 5 percent of output by 2030.", {"prediction", "statistic"}),
        ("The new law makes it illegal to fish in the Tolm.", {"rule"}),
        ("When I was a nurse I saw patients wait for hours.", {"personal_experience"}),
        ("Crime is falling, the mayor said.", {"attributed", "comparison"}),
        ("Osk is bigger than Lenmouth.", {"comparison"}),
    ],
)
def test_claim_types(sentence: str, expected: set[str]):
    assert expected <= set(claim_types(sentence))


def test_claim_types_stay_quiet_on_plain_sentences():
    assert claim_types("The band played until dawn.") == []


def test_types_use_other_layers_when_given():
    assert "statistic" in claim_types("The crowd was enormous.", quantities=[0])
    assert "attributed" in claim_types("The crowd was enormous.", attributions=[0])


def test_factual_rule():
    assert not is_factual("Thank you very much.", [])
    assert not is_factual("Why did the council wait so long?", [])
    assert is_factual("The council met on Tuesday in the old hall.", [])


def _doc(text: str, with_layers: bool) -> Document:
    sentences = [{"start": m.start(), "end": m.end()} for m in re.finditer(r"[^.?!]+[.?!]", text)]
    sentences = [
        {
            "start": s["start"]
            + (len(text[s["start"] : s["end"]]) - len(text[s["start"] : s["end"]].lstrip())),
            "end": s["end"],
        }
        for s in sentences
    ]
    layers: dict[str, Any] = {
        "paragraphs": [{"start": 0, "end": len(text)}],
        "sentences": sentences,
    }
    if with_layers:
        q = text.index("40 percent")
        src = text.index("the port authority")
        layers["quantities"] = [{"start": q, "end": q + 10, "value": 40, "unit": "percent"}]
        layers["attributions"] = [
            {
                "start": text.index("Freight traffic"),
                "end": text.index(" according"),
                "source": {"start": src, "end": src + 18, "text": "the port authority"},
                "cue": "according to",
                "hedged": False,
            }
        ]
    return Document(
        id=Document.id_for(text.encode()),
        source=Source(uri="test"),
        metadata=Metadata(language="en"),
        text=text,
        layers=layers,
    )


ARTICLE = (
    "Good morning from Port Elwin. Freight traffic fell 40 percent in a year, according "
    "to the port authority. What happens next? The harbour master will retire in May."
)


def test_component_links_quantities_attributions_and_sources(scorer):
    doc = _doc(ARTICLE, with_layers=True)
    claims = annotate_claims(doc, scorer)
    assert len(claims) == 4
    freight = claims[1]
    assert doc.span_text(freight).startswith("Freight traffic")
    assert freight["quantities"] == ["quantities-0"]  # links by id
    assert freight["attributions"] == ["attributions-0"]
    assert freight["sources"] == ["the port authority"]
    assert {"statistic", "attributed", "comparison"} <= set(freight["types"])
    assert all(c["label"] in LABELS for c in claims)
    assert claims[0]["label"] == "non_factual" and claims[2]["label"] == "non_factual"
    assert freight["checkworthiness"] > max(
        claims[0]["checkworthiness"], claims[2]["checkworthiness"]
    )
    validate(doc.with_layer("claims", claims, {"component": "presslens.claims.v1", "version": "1"}))


def test_component_works_without_optional_layers(scorer):
    doc = _doc(ARTICLE, with_layers=False)
    claims = annotate_claims(doc, scorer)
    assert [c["quantities"] for c in claims] == [[], [], [], []]
    assert "statistic" in claims[1]["types"]  # from the sentence itself
    assert "attributed" in claims[1]["types"]  # "according to" cue


def test_component_registration():
    spec = components()["presslens.claims.v1"]
    assert spec.assigns == "claims" and spec.needs == ("sentences",)


def test_score_lines_keeps_alignment(scorer):
    lines = [CHECKABLE[0] + "\n", "\n", NOT_CHECKABLE[0] + "\r\n", "   \n", CHECKABLE[1]]
    out = io.StringIO()
    n = score_lines(lines, out, scorer, batch_size=2)  # batches cut inside the input
    rows = out.getvalue().splitlines()
    assert n == len(rows) == 5
    scores = [float(r.split("\t")[0]) for r in rows]
    labels = [r.split("\t")[1] for r in rows]
    assert rows[1] == "0.0000\tnon_factual" and rows[3] == "0.0000\tnon_factual"
    assert scores[0] > scores[2] and scores[4] > scores[2]
    assert set(labels) <= set(LABELS)


def test_cli_reads_a_file(tmp_path, capsys):
    f = tmp_path / "s.txt"
    f.write_text("\n".join(CHECKABLE + [""] + NOT_CHECKABLE) + "\n", encoding="utf-8")
    assert main(["checkworthiness", str(f)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 9
    assert all(
        re.fullmatch(r"\d\.\d{4}\t(non_factual|unimportant_factual|check_worthy)", r) for r in rows
    )


def test_cli_missing_file_is_one_line_error(capsys):
    assert main(["checkworthiness", "/nonexistent/claims.txt"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such file" in err[0]


def test_panel_ranks_and_escapes(scorer):
    from presslens.render.panels import claims as claims_panel

    text = ARTICLE + " <b>Bold</b> claims 90 percent rose."
    doc = _doc(text, with_layers=False)
    doc = doc.with_layer("claims", annotate_claims(doc, scorer), {})
    html = claims_panel.panel(doc)
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    scores = [float(x) for x in re.findall(r"</span>(\d\.\d\d)</td>", html)]
    assert scores == sorted(scores, reverse=True) and len(scores) == len(doc.layers["claims"])
    first = min(doc.layers["claims"], key=lambda c: -c["checkworthiness"])
    assert f'id="claim-{first["start"]}"' in html.split("</tr>")[1]
