"""The pipeline: order from the registry, provenance, language-aware skipping."""

from __future__ import annotations

import pytest

from presslens.document import Document, Metadata, Source, validate
from presslens.errors import PipelineError
from presslens.layers.registry import components, resolve
from presslens.pipeline import default_pipeline


def doc_in(language: str | None, text: str) -> Document:
    return Document(
        id="2" * 64,
        source=Source(uri="mem://x"),
        metadata=Metadata(language=language, published="2026-03-01"),
        text=text,
        layers={"paragraphs": [{"start": 0, "end": len(text)}]},
        provenance={},
    )


def test_english_components_skip_other_languages() -> None:
    doc = doc_in("ru", "Городской совет Заречинска одобрил бюджет. Мэр Ольга Мельник выступила.")
    out = default_pipeline().subset(["entities"])(doc)
    assert out.layers["sentences"]  # language-neutral rules still run
    assert out.layers["entities"] == []
    assert "not for language 'ru'" in out.provenance["entities"]["skipped"]
    validate(out)


def test_english_components_run_on_english_and_unknown() -> None:
    text = "Mayor Lena Ortiz of Brackenford said the council approved the budget."
    for lang in ("en", None):
        out = default_pipeline().subset(["entities"])(doc_in(lang, text))
        assert any(out.span_text(e).endswith("Ortiz") for e in out.layers["entities"])
        assert "skipped" not in out.provenance["entities"]
        assert out.provenance["entities"]["component"] == "presslens.entities.v1"


def test_every_english_model_component_declares_it() -> None:
    for name in ("entities", "timexes", "quantities", "attributions", "claims", "techniques"):
        assert components()[f"presslens.{name}.v1"].languages == ("en",)
    assert components()["presslens.sentences.v1"].languages is None


def test_unknown_layer_fails_before_running() -> None:
    with pytest.raises(PipelineError, match="unknown layer"):
        resolve(["sentiment"])


def test_soft_after_orders_without_pulling_in() -> None:
    default = [s.assigns for s in resolve(None)]
    assert default.index("quantities") < default.index("claims")
    assert default.index("attributions") < default.index("claims")
    assert [s.assigns for s in resolve(["claims"])] == ["sentences", "claims"]
