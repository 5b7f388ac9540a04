"""The multilingual paragraph-technique model (SemEval-2023 subtask 3) and its dispatch.

Model tests skip when the shipped model directory is absent; the scorer, paragraph and
featuriser tests need nothing but the code.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from presslens.layers.techniques.multilingual.classifier import MODEL_DIR
from presslens.layers.techniques.multilingual.dispatch import uses_paragraph_model
from presslens.layers.techniques.multilingual.features import (
    DEFAULT_TFIDF,
    Featurizer,
    make_vectorizer,
)
from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023, TO_2020, output_label
from presslens.layers.techniques.multilingual.paragraphs import paragraph_spans
from presslens.layers.techniques.multilingual.scorer import score
from presslens.vocab.techniques import TECHNIQUES

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "semeval2023-task3"
needs_model = pytest.mark.skipif(
    not (MODEL_DIR / "heads.npz").is_file(), reason="multilingual model not shipped"
)

# Fictional paragraphs in the register of partisan or state media (written for these tests).
FRENCH = (
    "Le Conseil de Valdorie trahit encore la nation\n\n"
    "Ces traîtres corrompus et leurs marionnettes étrangères veulent détruire notre patrie, "
    "comme toujours. Personne ne peut croire un mot de leurs mensonges honteux !\n\n"
    "Le conseil municipal se réunira mardi à dix heures pour examiner le budget.\n"
)
RUSSIAN = (
    "Предатели снова лгут народу\n\n"
    "Эти продажные марионетки Запада и их жалкие наёмники хотят уничтожить нашу великую "
    "родину. Разве можно верить хоть одному их лживому слову?\n\n"
    "Заседание городского совета состоится во вторник в десять часов.\n"
)


def test_scorer_matches_hand_computed_micro_and_macro() -> None:
    classes = ["A", "B", "C"]
    gold = {"p1": ["A", "B"], "p2": ["A"], "p3": [], "p4": ["B"]}
    pred = {"p1": ["A"], "p2": ["A", "B"], "p3": ["B"], "p4": ["X"]}  # X: outside the list
    s = score(pred, gold, classes)
    # A: tp 2, fp 0, fn 0 → 1.0; B: tp 0, fp 2, fn 2 → 0.0; C: nothing anywhere → 1.0
    assert s.per_class == {"A": (2, 0, 0), "B": (0, 2, 2), "C": (0, 0, 0)}
    assert s.micro_f1 == pytest.approx(2 * 2 / (2 * 2 + 2 + 2))  # 0.5
    assert s.macro_f1 == pytest.approx((1.0 + 0.0 + 1.0) / 3)


def test_scorer_scores_only_predicted_paragraphs_and_needs_their_gold() -> None:
    gold = {"p1": ["A"], "p2": ["A"]}
    assert score({"p1": ["A"]}, gold, ["A"]).micro_f1 == 1.0
    with pytest.raises(KeyError):
        score({"p9": []}, gold, ["A"])


def test_labels_map_onto_the_14_output_labels() -> None:
    assert len(TECHNIQUES_2023) == 23 and len(set(TECHNIQUES_2023)) == 23
    assert set(TO_2020) <= set(TECHNIQUES_2023)
    assert set(TO_2020.values()) == set(TECHNIQUES)  # every 2020 label is reachable
    assert output_label("Questioning_the_Reputation") == "Questioning_the_Reputation"
    assert output_label("Straw_Man") == "Whataboutism,Straw_Men,Red_Herring"


@pytest.mark.skipif(not DATA.is_dir(), reason="SemEval-2023 data absent")
def test_class_list_is_the_scorers() -> None:
    from presslens.layers.techniques.multilingual.semeval2023 import read_techniques_list

    assert tuple(read_techniques_list(DATA)) == TECHNIQUES_2023


def test_paragraph_spans_from_layer_and_from_lines() -> None:
    text = "Title\n\n  First para.  \n\nSecond para.\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Title", "First para.", "Second para."]
    layer = [
        {"start": 0, "end": 5},
        {"start": 7, "end": 23},
        {"start": 22, "end": 24},
    ]  # blank: dropped
    assert [text[s:e] for s, e in paragraph_spans(text, layer)] == ["Title", "First para."]


def test_featurizer_rebuilt_from_arrays_matches_training_transform() -> None:
    texts = ["Les traîtres mentent encore.", "Заседание совета во вторник.", "The council met."]
    vec = make_vectorizer(DEFAULT_TFIDF | {"min_df": 1})
    vec.fit(texts)
    trained = Featurizer(vec)
    vocab = np.array(sorted(vec.vocabulary_, key=vec.vocabulary_.get))
    rebuilt = Featurizer.from_arrays(DEFAULT_TFIDF, vocab, vec.idf_.astype(np.float32))
    langs = ["fr", "ru", "xx"]
    a = trained.transform(texts, langs).toarray()
    b = rebuilt.transform(texts, langs).toarray()
    assert np.allclose(a, b, atol=1e-6)
    assert a[:, -6:].sum() == 2  # one-hot for fr and ru; an unknown language gets none


def test_dispatch_by_language() -> None:
    assert uses_paragraph_model("fr", {}) and uses_paragraph_model("pl", {})
    assert not uses_paragraph_model("en", {})
    assert uses_paragraph_model("en", {"multilingual_en": True})
    assert not uses_paragraph_model("ru", {"multilingual": False})
    assert not uses_paragraph_model("fa", {}) and not uses_paragraph_model(None, {})


@needs_model
@pytest.mark.parametrize(("text", "lang"), [(FRENCH, "fr"), (RUSSIAN, "ru")])
def test_fictional_paragraphs_get_valid_annotations(text: str, lang: str) -> None:
    from presslens.layers.techniques.multilingual.classifier import annotate_paragraphs, load_model

    found = annotate_paragraphs(load_model(), text, lang, with_sentences=False)
    assert found, "the loaded second paragraph should carry at least one technique"
    spans = set(paragraph_spans(text))
    for a in found:
        assert (a["start"], a["end"]) in spans
        assert a["technique_2023"] in TECHNIQUES_2023
        assert a["technique"] == output_label(a["technique_2023"])
        assert a["granularity"] == "paragraph" and a["source"] == "model:multilingual"
        assert 0.0 < a["score"] <= 1.0
    loaded = text.split("\n\n")[1]
    assert any(text[a["start"] : a["end"]] == loaded for a in found)


@needs_model
def test_past_deadline_stops_the_paragraph_loop() -> None:
    from presslens import deadline
    from presslens.errors import TimeLimitError
    from presslens.layers.techniques.multilingual.classifier import annotate_paragraphs, load_model

    model = load_model()
    with pytest.raises(TimeLimitError), deadline.scope(deadline=deadline.Deadline(1.0, 0.0)):
        annotate_paragraphs(model, FRENCH, "fr")


def _doc(text: str, language: str):
    from presslens.document import Document, Metadata, Source

    paragraphs = [{"start": a, "end": b} for a, b in paragraph_spans(text)]
    return Document(
        id="t",
        source=Source(uri="test"),
        metadata=Metadata(language=language),
        text=text,
        layers={"paragraphs": paragraphs},
    )


@needs_model
def test_component_adds_paragraph_labels_on_french_pages() -> None:
    from presslens.pipeline import analyze

    out = analyze(_doc(FRENCH, "fr"), layers=["techniques"])
    ml = [a for a in out.layers["techniques"] if a.get("source") == "model:multilingual"]
    assert ml and {a["granularity"] for a in ml} <= {"paragraph", "sentence"}
    assert any(a["granularity"] == "paragraph" for a in ml)


@needs_model
@pytest.mark.skipif(
    not (MODEL_DIR.parent / "techniques" / "si.int8.onnx").is_file(), reason="no English model"
)
def test_english_output_unchanged() -> None:
    from presslens.pipeline import analyze
    from presslens.settings import DEFAULT_SETTINGS

    text = (
        "Traitors in Washington Sell Out Our Heroes\n\n"
        "The corrupt elites have betrayed every patriot who loves this great nation.\n"
    )
    off = dataclasses.replace(
        DEFAULT_SETTINGS, layer_options={"techniques": {"multilingual": False}}
    )
    default = analyze(_doc(text, "en"), layers=["techniques"]).layers["techniques"]
    without = analyze(_doc(text, "en"), layers=["techniques"], settings=off).layers["techniques"]
    assert default == without
    assert not any(a.get("source") == "model:multilingual" for a in default)


def test_missing_model_is_one_line_model_error(tmp_path: Path) -> None:
    from presslens.errors import ModelError
    from presslens.layers.techniques.multilingual.classifier import load_model

    with pytest.raises(ModelError) as err:
        load_model(tmp_path)
    assert "\n" not in str(err.value) and "[E040]" in str(err.value)


@needs_model
def test_language_cuts_override_the_shared_cut_and_shift() -> None:
    from presslens.layers.techniques.multilingual.classifier import load_model

    model = load_model()
    model.language_cuts = {"fr": {"Doubt": 0.9}}
    model.language_shift = {"fr": 0.05}
    cut = model.cut_for("fr")
    doubt = TECHNIQUES_2023.index("Doubt")
    assert cut[doubt] == pytest.approx(0.9)
    others = np.delete(np.arange(23), doubt)
    assert np.allclose(cut[others], np.clip(model.cuts[others] + 0.05, 0.01, 0.99))
    assert np.allclose(model.cut_for("pl"), np.clip(model.cuts, 0.01, 0.99))


def test_provenance_names_both_technique_models(tmp_path) -> None:
    """The layer's model digest changes when the multilingual model's files change, and is the
    English model's own when the multilingual model is switched off."""
    import shutil

    from presslens.layers.techniques.component import _model_digest
    from presslens.layers.techniques.multilingual.classifier import MODEL_DIR, files_digest

    english = "a" * 64
    assert _model_digest(english, {"multilingual": False}) == english
    both = _model_digest(english, {})
    assert len(both) == 64 and both != english
    copy = tmp_path / "ml"
    shutil.copytree(MODEL_DIR, copy)
    assert files_digest(copy) == files_digest(MODEL_DIR)
    (copy / "thresholds.json").write_text("{}", encoding="utf-8")
    assert files_digest(copy) != files_digest(MODEL_DIR)
