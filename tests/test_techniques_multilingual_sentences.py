"""Sentence spans of the multilingual technique model: the pick rule, the train-span reader,
the sentence heads' loading, and the component's output.

Model tests skip when the shipped sentence heads are absent; the rest needs only the code.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from presslens.layers.techniques.multilingual.classifier import MODEL_DIR
from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023
from presslens.layers.techniques.multilingual.paragraphs import paragraph_spans
from presslens.layers.techniques.multilingual.sentences import (
    SENTENCE_CUTS,
    SENTENCE_HEADS,
    SentenceIndex,
    load_sentence_heads,
    pick_sentences,
)
from presslens.layers.techniques.multilingual.spans2023 import read_train_sentences

needs_heads = pytest.mark.skipif(
    not (MODEL_DIR / SENTENCE_HEADS).is_file(), reason="multilingual sentence heads not shipped"
)

# Fictional paragraphs (written for these tests): the loaded second paragraph has a neutral
# first sentence, so the sentence heads have something to choose between.
FRENCH = (
    "Le Conseil de Valdorie trahit encore la nation\n\n"
    "Le maire a parlé mardi. Ces traîtres corrompus et leurs marionnettes étrangères veulent "
    "détruire notre patrie, comme toujours. Personne ne peut croire un mot de leurs mensonges "
    "honteux ! Ces menteurs, ces escrocs, ces larbins de Bruxelles nous méprisent !\n\n"
    "Le conseil municipal se réunira mardi à dix heures pour examiner le budget.\n"
)
RUSSIAN = (
    "Предатели снова лгут народу\n\n"
    "Совет собрался во вторник утром. Эти продажные марионетки Запада и их жалкие наёмники "
    "хотят уничтожить нашу великую родину. Разве можно верить хоть одному их лживому слову?\n\n"
    "Заседание городского совета состоится во вторник в десять часов.\n"
)


def test_pick_keeps_the_best_sentence_and_those_over_the_cut() -> None:
    assert pick_sentences(np.array([0.1, 0.3, 0.2]), cut=0.9) == [1]
    assert pick_sentences(np.array([0.8, 0.3, 0.7]), cut=0.6) == [0, 2]
    assert pick_sentences(np.array([]), cut=0.5) == []


def test_sentence_index_keeps_only_those_inside_the_paragraph() -> None:
    index = SentenceIndex([(30, 40), (0, 10), (8, 25), (12, 20), (5, 5), (20, 30)])
    assert index.inside(0, 20) == [(0, 10), (12, 20)]
    assert index.inside(20, 40) == [(20, 30), (30, 40)]
    assert index.inside(41, 50) == []


def _bundle(tmp_path: Path, article: str, spans: list[str], labels: list[str]) -> Path:
    folder = tmp_path / "data" / "fr"
    (folder / "train-articles-subtask-3").mkdir(parents=True)
    (folder / "train-labels-subtask-3-spans").mkdir()
    (folder / "train-articles-subtask-3" / "article1.txt").write_bytes(article.encode("utf-8"))
    (folder / "train-labels-subtask-3-spans" / "article1-labels-subtask-3.txt").write_text(
        "".join(f"1\t{s}\n" for s in spans), encoding="utf-8"
    )
    (folder / "train-labels-subtask-3.txt").write_text(
        "".join(f"1\t{lab}\n" for lab in labels), encoding="utf-8"
    )
    return tmp_path


def test_train_reader_counts_carriage_returns_and_labels_overlapping_sentences(
    tmp_path: Path,
) -> None:
    article = "Titre\r\n\r\nUne phrase calme. Des traîtres honteux mentent.\r\nFin ici.\r\n"
    loaded = article.index("traîtres")
    past_end = len(article) + 40  # a span running past the file (longer template text)
    spans = [
        f"Loaded_Language\t{loaded}\t{loaded + 17}",
        f"Doubt\t{article.index('Fin')}\t{past_end}",
        # spills two characters into the next sentence: too little to label it
        f"Slogans\t{article.index('Une')}\t{article.index('Des') + 2}",
    ]
    root = _bundle(tmp_path, article, spans, ["1\t", "3\tLoaded_Language,Slogans", "4\tDoubt"])
    rows, gold = read_train_sentences(root, "fr")
    by_line = {r.line: r for r in rows}
    assert set(by_line) == {1, 3, 4}  # line 2 (blank) is not labelled
    para = by_line[3]
    assert article[para.start : para.end] == "Une phrase calme. Des traîtres honteux mentent."
    assert [article[s:e] for s, e in para.sentences] == [
        "Une phrase calme.",
        "Des traîtres honteux mentent.",
    ]
    assert para.sentence_labels == (frozenset({"Slogans"}), frozenset({"Loaded_Language"}))
    assert by_line[4].sentence_labels == (frozenset({"Doubt"}),)
    assert max(g.end for g in gold["1"]) == len(article)


def _write_heads(model_dir: Path, sha: str, n_features: int) -> None:
    np.savez_compressed(
        model_dir / SENTENCE_HEADS,
        weights=np.zeros((23, n_features), np.float16),
        bias=np.zeros(23, np.float32),
    )
    doc = {"paragraph_heads_sha256": sha, "cuts": {t: 0.5 for t in TECHNIQUES_2023}}
    (model_dir / SENTENCE_CUTS).write_text(json.dumps(doc), encoding="utf-8")


def test_sentence_heads_absent_load_as_none_and_mismatched_ones_fail(tmp_path: Path) -> None:
    from presslens.errors import ModelError

    assert load_sentence_heads(tmp_path, "abc", TECHNIQUES_2023) is None
    _write_heads(tmp_path, "abc", 10)
    heads = load_sentence_heads(tmp_path, "abc", TECHNIQUES_2023)
    assert heads is not None and heads.weights.shape == (23, 10)
    with pytest.raises(ModelError) as err:
        load_sentence_heads(tmp_path, "other", TECHNIQUES_2023)
    assert "\n" not in str(err.value) and "[E040]" in str(err.value)


@needs_heads
@pytest.mark.parametrize(("text", "lang"), [(FRENCH, "fr"), (RUSSIAN, "ru")])
def test_sentence_spans_lie_inside_labelled_paragraphs(text: str, lang: str) -> None:
    from presslens.layers.sentences.component import split_sentences
    from presslens.layers.techniques.multilingual.classifier import annotate_paragraphs, load_model

    found = annotate_paragraphs(load_model(), text, lang)
    paras = {
        (a["start"], a["end"], a["technique_2023"])
        for a in found
        if a["granularity"] == "paragraph"
    }
    sents = [a for a in found if a["granularity"] == "sentence"]
    assert sents, "a labelled paragraph should get at least one sentence span"
    for a in sents:
        owner = [p for p in paras if p[0] <= a["start"] and a["end"] <= p[1]]
        assert owner and a["technique_2023"] in {p[2] for p in owner}
        assert (a["start"], a["end"]) in split_sentences(text, owner[0][0], owner[0][1])
        assert text[a["start"] : a["end"]] == text[a["start"] : a["end"]].strip()
        assert a["source"] == "model:multilingual"
    # every (paragraph, technique) label gets at least one sentence
    assert {(p[0], p[2]) for p in paras} <= {
        (next(p[0] for p in paras if p[0] <= a["start"] and a["end"] <= p[1]), a["technique_2023"])
        for a in sents
    }
    # the loaded paragraph's neutral first sentence is not where its techniques are
    first = text.index(text.split("\n\n")[1])
    opener = split_sentences(text, first, first + len(text.split("\n\n")[1]))[0]
    loaded_labels = {a["technique_2023"] for a in sents if a["start"] >= first}
    on_opener = {a["technique_2023"] for a in sents if (a["start"], a["end"]) == opener}
    assert len(on_opener) < len(loaded_labels)


@needs_heads
def test_paragraph_annotations_unchanged_and_sentences_can_be_switched_off() -> None:
    from presslens.layers.techniques.multilingual.classifier import annotate_paragraphs, load_model

    model = load_model()
    with_s = annotate_paragraphs(model, FRENCH, "fr")
    without = annotate_paragraphs(model, FRENCH, "fr", with_sentences=False)
    assert without == [a for a in with_s if a["granularity"] == "paragraph"]
    bare = dataclasses.replace(model, sentence_heads=None)
    assert annotate_paragraphs(bare, FRENCH, "fr") == without


@needs_heads
def test_sentences_straddling_paragraphs_fall_back_to_the_splitter() -> None:
    from presslens.layers.sentences.component import split_sentences
    from presslens.layers.techniques.multilingual.classifier import annotate_paragraphs, load_model

    # one "sentence" covering the whole text: it lies inside no paragraph, so unusable
    layer = [{"start": 0, "end": len(RUSSIAN)}]
    found = annotate_paragraphs(load_model(), RUSSIAN, "ru", sentences=layer)
    sents = [a for a in found if a["granularity"] == "sentence"]
    assert sents
    body = RUSSIAN.split("\n\n")[1]
    start = RUSSIAN.index(body)
    split = split_sentences(RUSSIAN, start, start + len(body))
    assert all((a["start"], a["end"]) in split for a in sents)


def _doc(text: str, language: str):
    from presslens.document import Document, Metadata, Source

    paragraphs = [{"start": a, "end": b} for a, b in paragraph_spans(text)]
    return Document(
        id="0" * 64,  # the schema wants a sha256-shaped id
        source=Source(uri="test"),
        metadata=Metadata(language=language),
        text=text,
        layers={"paragraphs": paragraphs},
    )


@needs_heads
def test_component_output_with_sentence_spans_validates() -> None:
    from presslens.document import validate
    from presslens.pipeline import analyze

    out = analyze(_doc(RUSSIAN, "ru"), layers=["techniques"])
    ml = [a for a in out.layers["techniques"] if a.get("source") == "model:multilingual"]
    assert {a["granularity"] for a in ml} == {"paragraph", "sentence"}
    sentences = {(s["start"], s["end"]) for s in out.layers["sentences"]}
    assert all((a["start"], a["end"]) in sentences for a in ml if a["granularity"] == "sentence")
    validate(out)


@needs_heads
@pytest.mark.skipif(
    not (MODEL_DIR.parent / "techniques" / "si.int8.onnx").is_file(), reason="no English model"
)
def test_english_gets_sentence_spans_only_when_opted_in() -> None:
    from presslens.pipeline import analyze
    from presslens.settings import DEFAULT_SETTINGS

    text = (
        "Traitors Sell Out Our Heroes\n\n"
        "These idiots and their lying puppets want to destroy our beloved country. Nobody can "
        "believe a single word of their shameful lies! The meeting ended at noon.\n"
    )
    default = analyze(_doc(text, "en"), layers=["techniques"]).layers["techniques"]
    assert not any(a.get("source") == "model:multilingual" for a in default)
    on = dataclasses.replace(
        DEFAULT_SETTINGS, layer_options={"techniques": {"multilingual_en": True}}
    )
    opted = analyze(_doc(text, "en"), layers=["techniques"], settings=on).layers["techniques"]
    ml = [a for a in opted if a.get("source") == "model:multilingual"]
    assert any(a["granularity"] == "paragraph" for a in ml)
    assert any(a["granularity"] == "sentence" for a in ml)
