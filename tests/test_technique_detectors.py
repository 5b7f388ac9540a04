"""Named state-media detectors: they fire on their formulas, in several languages, the
precision gate removes weak ones, and the combination with the model follows its precedence."""

from __future__ import annotations

import pytest

from presslens.layers.techniques import detectors as reg
from presslens.layers.techniques.annotate import annotate_text
from presslens.layers.techniques.combine import combine, drop_generic_loaded
from presslens.layers.techniques.detectors import ALL, detect


def _found(name: str, text: str, lang: str = "en") -> list[str]:
    return [text[s:e] for s, e in ALL[name].find(text, lang)]


@pytest.mark.parametrize(
    ("name", "lang", "text", "expected"),
    [
        ("epithet.group", "en", "They are warmongers and lackeys.", "warmongers"),
        ("epithet.group", "ru", "Их поддерживают бандеровцы и наёмники.", "бандеровцы"),
        ("epithet.group", "fr", "Des mercenaires et leurs laquais.", "mercenaires"),
        ("epithet.group", "fa", "منافقین و مزدوران در این حادثه", "منافقین"),
        ("epithet.group", "ar", "هاجم المرتزقة القرية", "المرتزقة"),
        ("epithet.regime", "ru", "киевский режим продолжает обстрелы", "киевский режим"),
        ("epithet.bloc", "fa", "استکبار جهانی شکست خورد", "استکبار جهانی"),
        ("allies.servants", "en", "the regime and its Western curators", "its Western curators"),
        ("honorific.praise", "en", "under the wise leadership of the king", "wise leadership"),
        ("causal.credit_leader", "en", "Thanks to the guidance of the leader, crops grew.", None),
        ("duty.religious_national", "en", "It is the sacred duty of all to obey.", None),
        ("doubt.so_called_source", "en", "The so-called reports are lies.", None),
    ],
)
def test_detector_fires(name: str, lang: str, text: str, expected: str | None) -> None:
    found = _found(name, text, lang)
    assert found, f"{name} found nothing in {text!r}"
    if expected is not None:
        assert expected in found[0]


def test_no_fire_on_neutral_text() -> None:
    text = "The central bank kept rates unchanged. A tax regime for small firms was announced."
    assert detect(text, "en", tuple(ALL.values())) == []


def test_russian_adjective_and_betrayal_not_epithets() -> None:
    assert _found("epithet.group", "нацистская идеология и предательство", "ru") == []


def test_gate_rejects_low_precision(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = {
        "epithet.group": {"hits": 10, "correct": 2, "languages": {}},
        "honorific.praise": {"hits": 10, "correct": 9, "languages": {}},
        "epithet.bloc": {"hits": 10, "correct": 9, "languages": {"ru": {"hits": 8, "correct": 1}}},
    }
    monkeypatch.setattr(reg, "measured", lambda: fake)
    assert reg.verdict("epithet.group") == (False, 0.2)
    assert reg.verdict("honorific.praise") == (True, 0.9)
    assert reg.verdict("epithet.bloc", "ru")[0] is False  # its own language's gold decides
    assert reg.verdict("epithet.bloc", "fa")[0] is True  # no fa gold: the pooled gold decides
    assert reg.verdict("causal.credit_leader") == (True, reg.UNMEASURED_SCORE)
    names = {d.name for d in reg.shipped("en")}
    assert "epithet.group" not in names and "honorific.praise" in names


def _m(s, e, t, score):
    return {"start": s, "end": e, "technique": t, "score": score, "source": "model"}


def _d(s, e, t, score, name="x"):
    return {"start": s, "end": e, "technique": t, "score": score, "source": f"detector:{name}"}


def test_combine_precedence() -> None:
    prec = {"Name_Calling,Labeling": 0.7, "Loaded_Language": 0.6}
    # identical span and label: one span, max score, detector source
    out = combine(
        [_m(0, 5, "Name_Calling,Labeling", 0.9)], [_d(0, 5, "Name_Calling,Labeling", 0.5)], prec
    )
    assert len(out) == 1 and out[0]["score"] == 0.9 and out[0]["source"] == "detector:x"
    # same label, overlapping, detector less precise than the model: the model span stays
    out = combine(
        [_m(0, 9, "Name_Calling,Labeling", 0.8)], [_d(2, 5, "Name_Calling,Labeling", 0.6)], prec
    )
    assert [o["source"] for o in out] == ["model"]
    # model span inside a winning detector span with another label: the detector's label
    out = combine(
        [_m(2, 5, "Loaded_Language", 0.8)], [_d(0, 9, "Name_Calling,Labeling", 0.65)], prec
    )
    assert [o["technique"] for o in out] == ["Name_Calling,Labeling"]
    # different labels, not nested: both kept
    out = combine(
        [_m(0, 6, "Loaded_Language", 0.8)], [_d(4, 9, "Name_Calling,Labeling", 0.9)], prec
    )
    assert len(out) == 2


def test_drop_generic_loaded() -> None:
    text = "a terrible plan and a truly terrible plan"
    spans = [
        _m(2, 10, "Loaded_Language", 0.4),
        _m(22, 35, "Loaded_Language", 0.4),
        _m(2, 10, "Loaded_Language", 0.9),
    ]
    kept = drop_generic_loaded(spans, text, 0.5)
    assert [(k["start"], k["score"]) for k in kept] == [(22, 0.4), (2, 0.9)]


class _NoModel:
    """A model stand-in that fails if the English encoder is called."""

    config: dict = {}
    dir = "."

    def annotate(self, *_a, **_k):  # pragma: no cover - must not run
        raise AssertionError("the English encoder ran on a non-English page")


def test_non_english_runs_detectors_not_encoder() -> None:
    text = "Киевский режим и его западные кураторы. Бандеровцы отступили."
    out = annotate_text(_NoModel(), text, None, "ru", {})
    assert out and all(o["source"].startswith("detector:") for o in out)


def test_panel_ranks_by_confidence_and_names_the_finder() -> None:
    from presslens.document import Document, Metadata, Source
    from presslens.render.panels.techniques import panel

    text = "The warmongers lied. A terrible plan."
    doc = Document(
        id="p",
        source=Source(uri="t"),
        metadata=Metadata(),
        text=text,
        layers={
            "techniques": [
                _m(23, 31, "Loaded_Language", 0.4),
                _d(4, 14, "Name_Calling,Labeling", 0.6, "epithet.group"),
            ]
        },
    )
    out = panel(doc)
    assert "detector epithet.group" in out and "<td>model</td>" in out
    assert out.index("warmongers</td>") < out.index("terrible</td>")
