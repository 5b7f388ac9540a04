"""Work limits (presslens.limits): which limit refuses, which cuts, and that every cut is said."""

from __future__ import annotations

import json

import pytest

from presslens.document import Document, Source, validate
from presslens.errors import LimitError
from presslens.extract import extract_page
from presslens.extract.blocks import Block
from presslens.ingest import RawPage
from presslens.limits import (
    apply_token_budget,
    check_tree,
    count_tokens,
    limit_blocks,
    split_text,
    token_budget,
)
from presslens.pipeline import Pipeline
from presslens.settings import Settings, load_settings


def _page(body: str) -> RawPage:
    html = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    return RawPage("file:///tmp/limits-test.html", html.encode(), content_type="text/html")


def _sentences(n: int) -> str:
    return " ".join(f"Sentence number {i} says little." for i in range(n))


def test_dom_node_limit_refuses_with_one_line_naming_the_input() -> None:
    paras = "".join(f"<p>{_sentences(2)}</p>" for _ in range(300))
    with pytest.raises(LimitError) as err:
        extract_page(_page(paras), Settings(max_dom_nodes=200))
    line = str(err.value)
    assert line.startswith("/tmp/limits-test.html: ") and line.endswith("[E014]")
    assert "max_dom_nodes" in line and "\n" not in line
    # the same page under the default limit is a document
    assert extract_page(_page(paras)).text


def test_dom_depth_limit_refuses_what_the_parser_would_cut() -> None:
    deep = "<div>" * 300 + "<p>Deep text here for the test.</p>" + "</div>" * 300
    with pytest.raises(LimitError, match="max_dom_depth"):
        extract_page(_page(deep))
    check_tree(None, Settings())  # nothing parsed: nothing to refuse


def test_limits_zero_turn_off() -> None:
    from lxml import html

    tree = html.fromstring("<div>" * 50 + "x" + "</div>" * 50)
    with pytest.raises(LimitError):
        check_tree(tree, Settings(max_dom_depth=10))
    check_tree(tree, Settings(max_dom_depth=0, max_dom_nodes=0))


def test_long_paragraph_split_at_sentence_ends_without_losing_text() -> None:
    text = _sentences(400)
    pieces = split_text(text, 1000)
    assert all(len(p) <= 1000 for p in pieces) and len(pieces) > 5
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text


def test_split_text_without_spaces_cuts_hard() -> None:
    pieces = split_text("x" * 2500, 1000)
    assert [len(p) for p in pieces] == [1000, 1000, 500]


def test_limit_blocks_cuts_and_says_so() -> None:
    blocks = [Block(_sentences(3)) for _ in range(30)] + [Block("a" * 50 + " tail")]
    out, notes = limit_blocks(blocks, Settings(max_paragraphs=10, max_token_chars=20))
    assert len(out) == 10
    assert "kept the first 10 of 31 paragraphs (max_paragraphs)" in notes
    assert any("max_token_chars" in n for n in notes)
    out, notes = limit_blocks(blocks[-1:], Settings(max_token_chars=20))
    assert out[0].text == "a" * 20 + "… tail"
    assert "max_token_chars" in notes[0]
    out, notes = limit_blocks(blocks, Settings())
    assert out == blocks and notes == []


def test_extraction_records_cuts_in_provenance() -> None:
    paras = "".join(f"<p>{_sentences(2)} {i}</p>" for i in range(50))
    doc = extract_page(_page(paras), Settings(max_paragraphs=7))
    assert len(doc.layers["paragraphs"]) == 7
    assert "max_paragraphs" in doc.provenance["paragraphs"]["limited"][0]
    validate(doc)


def _doc(text: str, sentences: bool = True) -> Document:
    layers: dict = {"paragraphs": [{"start": 0, "end": len(text)}]}
    if sentences:
        spans, pos = [], 0
        for part in text.split(". "):
            end = pos + len(part) + (1 if not part.endswith(".") else 0)
            end = min(end, len(text))
            spans.append({"start": pos, "end": end})
            pos = end + 1
        layers["sentences"] = spans
    return Document(id="0" * 64, source=Source(uri="x"), metadata=None, text=text, layers=layers)  # type: ignore[arg-type]


def test_token_budget_prefix_ends_on_a_sentence_and_keeps_offsets() -> None:
    text = _sentences(100)
    doc = _doc(text)
    view, note = apply_token_budget(doc, 50, "entities")
    assert view is not None and note is not None
    assert text.startswith(view.text) and view.text.endswith(".")
    assert count_tokens(view.text) <= 50 < count_tokens(text)
    assert all(s["end"] <= len(view.text) for s in view.layers["sentences"])
    assert note["analysed_chars"] == len(view.text) and note["total_chars"] == len(text)
    assert "token_budget" in note["reason"] and note["action"].startswith("ran on the first")


def test_token_budget_fits_or_off_returns_the_document_itself() -> None:
    doc = _doc(_sentences(5))
    assert apply_token_budget(doc, 10_000, "x") == (doc, None)
    assert apply_token_budget(doc, 0, "x") == (doc, None)


def test_token_budget_skip_mode_and_unsplittable_text() -> None:
    doc = _doc(_sentences(100))
    view, note = apply_token_budget(doc, 50, "techniques", mode="skip")
    assert view is None and note["action"] == "skipped"
    # one unit longer than the budget: cut at the token boundary, never empty
    one = _doc("word " * 500, sentences=False)
    view, note = apply_token_budget(one, 40, "x")
    assert view is not None and count_tokens(view.text) == 40


def test_token_budget_per_layer_override_from_toml(tmp_path) -> None:
    cfg = tmp_path / "presslens.toml"
    cfg.write_text("layer_token_budget = 500\n[layers.techniques]\ntoken_budget = 20\n")
    settings = load_settings(cfg)
    assert token_budget(settings, "entities") == 500
    assert token_budget(settings, "techniques") == 20


def test_pipeline_writes_the_budget_into_provenance(tmp_path) -> None:
    page = tmp_path / "long.txt"
    page.write_text("\n\n".join(_sentences(6) for _ in range(40)))
    import presslens

    settings = Settings(time_limit=0, layer_token_budget=200)
    doc = presslens.analyze(page, layers=["sentences"], settings=settings)
    limited = doc.provenance["sentences"]["limited"]
    assert limited["budget"] == 200 and limited["analysed_chars"] < len(doc.text)
    assert all(s["end"] <= limited["analysed_chars"] for s in doc.layers["sentences"])
    validate(json.loads(doc.to_json()))
    skipped = presslens.analyze(
        page,
        layers=["sentences"],
        settings=Settings(time_limit=0, layer_token_budget=200, layer_budget_mode="skip"),
    )
    assert skipped.layers["sentences"] == []
    assert "token_budget" in skipped.provenance["sentences"]["skipped"]
    assert Pipeline(settings, ["sentences"]).layer_names == ["paragraphs", "sentences"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("max_bytes = [\n", "cannot read settings"),
        ('max_dom_nodes = "lots"\n', "must be int"),
        ("max_dom_node = 5\n", "unknown setting 'max_dom_node'"),
        ("allow_private = 1\n", "must be bool"),
        ("max_paragraphs = true\n", "must be int"),
    ],
)
def test_settings_file_errors_are_one_line(tmp_path, content: str, message: str) -> None:
    from presslens.errors import SettingsError

    cfg = tmp_path / "presslens.toml"
    cfg.write_text(content)
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    assert message in str(err.value) and str(cfg) in str(err.value)
    assert str(err.value).endswith("[E015]")


def test_settings_file_named_but_missing_is_an_error(tmp_path) -> None:
    from presslens.errors import SettingsError

    with pytest.raises(SettingsError, match="no such settings file"):
        load_settings(tmp_path / "nope.toml")
    cfg = tmp_path / "ok.toml"
    cfg.write_text("time_limit = 30\n[web]\nport = 1\n")  # float takes an int; tables pass
    assert load_settings(cfg).time_limit == 30


def test_megabyte_title_and_endless_captions_are_cut_and_said() -> None:
    title = "Kalo " * 50_000
    figures = "".join(f"<figure><figcaption>Caption {i}</figcaption></figure>" for i in range(40))
    body = f"<h1>{title}</h1><p>{_sentences(6)}</p>{figures}<p>{_sentences(6)}</p>"
    page = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    doc = extract_page(
        RawPage("file:///tmp/t.html", page.encode(), content_type="text/html"),
        Settings(max_field_chars=100, max_field_items=10),
    )
    assert len(doc.metadata.title) <= 101 and doc.metadata.title.endswith("…")
    assert len(doc.metadata.captions) == 10
    notes = doc.provenance["paragraphs"]["limited"]
    assert any("metadata.title" in n for n in notes) and any("captions" in n for n in notes)
    validate(doc)
