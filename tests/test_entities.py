"""Entities layer: spans with titles, alias clusters, acronyms, canonical names, NORP, datelines.

All texts are fictional and written for these tests.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from presslens.layers.entities import component as entities
from presslens.layers.entities.clusters import acronym_of
from presslens.layers.sentences import component as sentences
from presslens.settings import DEFAULT_SETTINGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from gold import build_document  # noqa: E402
from presslens.context import Context  # noqa: E402
from presslens.pipeline import default_pipeline  # noqa: E402

VARGA = (
    "KESTRA, March 4 (Meridian Wire) — Brig. Gen. Tomas Varga, the commander of the Northern "
    "Defence League (NDL), was killed near the town of Halvik on Tuesday, the group said.\n\n"
    'The NDL called him "Martyr Varga" in a statement. General Varga had led the group since '
    "2019.\n\n"
    'Mourners in Halvik chanted for "Hajj Tomas" on Wednesday. The commander\'s death is the '
    "heaviest blow to the NDL in years, Kestran officials said. Varga was 54."
)


@pytest.fixture(scope="module")
def annotate() -> Any:
    models = default_pipeline().models
    split = sentences.make(DEFAULT_SETTINGS, models)
    ents = entities.make(DEFAULT_SETTINGS, models)

    def run(text: str, published: str | None = None) -> tuple[str, list[dict[str, Any]]]:
        doc = build_document(text, published, "test")
        ctx = Context.for_document(doc, models)
        doc = doc.with_layer("sentences", split(doc, ctx), {})
        return text, ents(doc, ctx)

    return run


def _by_text(text: str, ents: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for e in ents:
        out.setdefault(text[e["start"] : e["end"]], []).append(e)
    return out


def test_varga_aliases_share_one_cluster_with_the_full_name_as_canonical(annotate: Any) -> None:
    text, ents = annotate(VARGA)
    found = _by_text(text, ents)
    forms = [
        "Brig. Gen. Tomas Varga",
        "Martyr Varga",
        "General Varga",
        "Hajj Tomas",
        "The commander",
        "Varga",
    ]
    for form in forms:
        assert form in found, f"{form!r} not found in {sorted(found)}"
    clusters = {e["cluster"] for form in forms for e in found[form]}
    assert len(clusters) == 1
    assert {e["label"] for form in forms for e in found[form]} == {"PERSON"}
    assert {e["canonical"] for form in forms for e in found[form]} == {"Tomas Varga"}


def test_acronym_joins_its_expansion_without_leading_the(annotate: Any) -> None:
    text, ents = annotate(VARGA)
    found = _by_text(text, ents)
    assert "Northern Defence League" in found and "the Northern Defence League" not in found
    ndl = {e["cluster"] for e in found["NDL"]}
    assert ndl == {found["Northern Defence League"][0]["cluster"]}
    assert found["NDL"][0]["canonical"] == "Northern Defence League"
    assert all(e["label"] == "ORG" for e in found["NDL"])


def test_dateline_place_and_agency(annotate: Any) -> None:
    text, ents = annotate(VARGA)
    found = _by_text(text, ents)
    assert found["KESTRA"][0]["label"] == "GPE"
    assert found["KESTRA"][0]["canonical"] == "Kestra"
    assert found["Meridian Wire"][0]["label"] == "ORG"


def test_demonym_is_norp_not_person_and_places_in_context(annotate: Any) -> None:
    text, ents = annotate(VARGA)
    found = _by_text(text, ents)
    assert [e["label"] for e in found["Kestran"]] == ["NORP"]
    assert {e["label"] for e in found["Halvik"]} == {"GPE"}
    assert len({e["cluster"] for e in found["Halvik"]}) == 1


def test_spans_are_exact_words_and_inside_sentences(annotate: Any) -> None:
    text, ents = annotate(VARGA)
    for e in ents:
        span = text[e["start"] : e["end"]]
        assert span == span.strip() and not span.endswith(("'s", "’s", ",", "."))
        assert set(e) == {"start", "end", "label", "cluster", "canonical"}


def test_titles_enter_the_span_and_post_nominals_and_possessives_do_not(annotate: Any) -> None:
    text, ents = annotate(
        "Judge Eleri Morgan jailed the former director on Friday. Defending, Sian Lloyd KC said "
        "her client was sorry. Morgan's ruling was read out by Prof. Anders Holm."
    )
    found = _by_text(text, ents)
    assert "Judge Eleri Morgan" in found
    assert "Sian Lloyd" in found and "Sian Lloyd KC" not in found
    assert "Morgan" in found and "Morgan's" not in found
    assert found["Morgan"][0]["cluster"] == found["Judge Eleri Morgan"][0]["cluster"]
    assert found["Judge Eleri Morgan"][0]["canonical"] == "Eleri Morgan"
    assert "Prof. Anders Holm" in found


def test_surname_found_where_the_model_missed_it_and_label_follows_the_cluster(
    annotate: Any,
) -> None:
    text, ents = annotate(
        "Prosecutors said Paul Renner moved the money abroad. Renner denied it. "
        "Later Renner wept. The judge said Renner lied."
    )
    renner = [e for e in ents if text[e["start"] : e["end"]] == "Renner"]
    assert len(renner) == 3
    assert {e["label"] for e in renner} == {"PERSON"}
    assert {e["canonical"] for e in renner} == {"Paul Renner"}


def test_nominal_back_reference_to_an_organisation(annotate: Any) -> None:
    text, ents = annotate(
        "The Calder Regional Health Board sacked its director. The health board said it had "
        "recovered the money."
    )
    found = _by_text(text, ents)
    assert "The health board" in found
    assert (
        found["The health board"][0]["cluster"]
        == found["Calder Regional Health Board"][0]["cluster"]
    )
    assert found["The health board"][0]["canonical"] == "Calder Regional Health Board"


def test_two_people_with_different_surnames_stay_apart(annotate: Any) -> None:
    text, ents = annotate(
        "Mira Castell, chief economist at Hanse Bank, disagreed with Jonas Weller. "
        "Castell said prices would fall. Weller said they would not."
    )
    found = _by_text(text, ents)
    assert found["Castell"][0]["cluster"] == found["Mira Castell"][0]["cluster"]
    assert found["Weller"][0]["cluster"] == found["Jonas Weller"][0]["cluster"]
    assert found["Castell"][0]["cluster"] != found["Weller"][0]["cluster"]


def test_heading_words_and_share_bars_are_not_entities(annotate: Any) -> None:
    text, ents = annotate(
        "Rest centre opened\n\nShare this: Email | Print\n\nFees rose in EUR 5.\n\nTHE END"
    )
    assert _by_text(text, ents) == {}
    text, ents = annotate("UPDATE: The EU and the US met.")
    assert sorted(_by_text(text, ents)) == ["EU", "US"]


def test_acronym_initials() -> None:
    assert acronym_of("Port Ellin Harbour Authority".split()) == "PEHA"
    assert acronym_of("Ministry of Defence".split()) == "MD"


def test_component_carries_model_hash_for_provenance() -> None:
    annotator = entities.make(DEFAULT_SETTINGS, default_pipeline().models)
    assert isinstance(annotator.model, str) and len(annotator.model) == 64


def test_panel_groups_by_cluster_and_escapes() -> None:
    from presslens.render.panels import entities as panel

    text = "Dr. <b>Evil</b> Smith met Ana Ruiz. Smith left. Ruiz stayed. Ruiz spoke."
    evil, ruiz = "<b>Evil</b> Smith", "Ana Ruiz"
    spans = [
        ("Dr. <b>Evil</b> Smith", 0, "e1", evil),
        ("Ana Ruiz", 0, "e2", ruiz),
        ("Smith", 1, "e1", evil),
        ("Ruiz", 1, "e2", ruiz),
        ("Ruiz", 2, "e2", ruiz),
    ]
    layer = []
    for form, skip, cluster, canonical in spans:
        start = -1
        for _ in range(skip + 1):
            start = text.index(form, start + 1)
        layer.append(
            {
                "start": start,
                "end": start + len(form),
                "label": "PERSON",
                "cluster": cluster,
                "canonical": canonical,
            }
        )
    doc = build_document(text, None, "test").with_layer("entities", layer, {})
    html_out = panel.panel(doc)
    assert "<b>" not in html_out and "&lt;b&gt;Evil&lt;/b&gt; Smith" in html_out
    assert [c["canonical"] for c in panel.clusters(doc)] == [ruiz, evil]  # most mentioned first
    assert 'Ruiz <span class="muted">×2</span>' in html_out


def test_bracketed_acronym_defined_on_the_spot_and_ministry_back_reference(annotate: Any) -> None:
    text, ents = annotate(
        "The Ministry of Transport (MoT) ordered a review. The ministry will publish it. "
        "Critics say the MoT is slow."
    )
    found = _by_text(text, ents)
    cluster = found["Ministry of Transport"][0]["cluster"]
    assert {e["cluster"] for e in found["MoT"]} == {cluster}
    assert len(found["MoT"]) == 2
    assert found["The ministry"][0]["cluster"] == cluster
    assert found["MoT"][0]["canonical"] == "Ministry of Transport"


def test_company_back_reference_and_surname_with_particle(annotate: Any) -> None:
    text, ents = annotate(
        "Judge Marieke de Vries fined Van Leeuwen Marine B.V. on Thursday. The company said it "
        "would pay. De Vries said the case was closed."
    )
    found = _by_text(text, ents)
    firm = found["Van Leeuwen Marine B.V."][0]
    assert firm["label"] == "ORG"
    assert found["The company"][0]["cluster"] == firm["cluster"]
    assert found["De Vries"][0]["cluster"] == found["Judge Marieke de Vries"][0]["cluster"]
    assert found["De Vries"][0]["label"] == "PERSON"


def test_possessive_inside_a_span_and_event_heads(annotate: Any) -> None:
    text, ents = annotate(
        "Readers of Harbourlight trust it. Harbourlight's Tessa Quill wrote about the Velmora "
        "Massacre. Lloyd's List reported the same."
    )
    found = _by_text(text, ents)
    assert "Harbourlight's Tessa Quill" not in found
    assert "Tessa Quill" in found
    assert found["Velmora Massacre"][0]["label"] == "EVENT"
    assert "Velmora" not in found


def test_capitalised_alias_does_not_match_lower_case_words(annotate: Any) -> None:
    text, ents = annotate(
        "The State Visit Committee met on Monday. Officials said the state visit committee "
        "would meet again."
    )
    spans = [text[e["start"] : e["end"]] for e in ents]
    assert "state visit committee" not in " | ".join(spans)


def test_person_role_back_reference_needs_a_noun_appositive_and_a_recent_naming(
    annotate: Any,
) -> None:
    filler = "Nothing else happened that week in the valley, and the markets were quiet. " * 10
    text, ents = annotate(
        "Inspector General Lena Horvath published her report. The inspector general found no "
        "bias. Mayor Ivo Stark, ordered the closure in March, and residents protested. "
        + filler
        + "The mayor was not available. Then the closure ended."
    )
    found = _by_text(text, ents)
    assert (
        found["The inspector general"][0]["cluster"]
        == found["Inspector General Lena Horvath"][0]["cluster"]
    )
    assert "the closure" not in found  # "Stark, ordered the closure" is a clause, not a role
    assert "The mayor" not in found  # too far from the last naming to be sure


def test_travel_words_before_to_mark_a_place_but_told_to_does_not(annotate: Any) -> None:
    text, ents = annotate(
        "Renner was arrested as he tried to board a flight to Varonne. "
        "He had spoken to Ilse Brandt the day before."
    )
    found = _by_text(text, ents)
    assert found["Varonne"][0]["label"] == "GPE"
    assert found["Ilse Brandt"][0]["label"] == "PERSON"


def test_person_appositive_languages_and_capitalised_adjectives(annotate: Any) -> None:
    text, ents = annotate(
        "The email was sent by Eliana Murillo, Harbourlight's regional marketing head. "
        "Murillo wrote it in Spanish. Critics called the plan Presidential overreach."
    )
    found = _by_text(text, ents)
    assert found["Eliana Murillo"][0]["label"] == "PERSON"
    assert found["Murillo"][0]["cluster"] == found["Eliana Murillo"][0]["cluster"]
    assert all(e["label"] != "GPE" for e in found.get("Spanish", []))
    assert "Presidential" not in found
