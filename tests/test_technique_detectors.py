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


# (detector, language, fictional sentence, text inside its first match or None)
POSITIVE = [
    ("epithet.group", "en", "They are warmongers and lackeys.", "warmongers"),
    ("epithet.group", "ru", "Их поддерживают бандеровцы и наёмники.", "бандеровцы"),
    ("epithet.group", "fr", "Des mercenaires et leurs laquais.", "mercenaires"),
    ("epithet.group", "fa", "منافقین و مزدوران در این حادثه", "منافقین"),
    ("epithet.group", "ar", "هاجم المرتزقة القرية", "المرتزقة"),
    ("epithet.regime_named", "ru", "киевский режим продолжает обстрелы", "киевский режим"),
    ("epithet.regime_labelled", "en", "the terrorist Vardan regime fell", "terrorist Vardan"),
    ("epithet.regime_labelled", "en", "troops of the Zionist entity", "Zionist entity"),
    ("epithet.regime_labelled", "en", "the Kessel junta shelled it", "Kessel junta"),
    ("epithet.regime_labelled", "ru", "неонацистский режим пал", "неонацистский режим"),
    ("epithet.regime_labelled", "fr", "le régime fantoche a fui", "régime fantoche"),
    ("epithet.regime_labelled", "fa", "رژیم صهیونیستی حمله کرد", "رژیم صهیونیستی"),
    ("epithet.hostile_forces", "en", "the hostile voices abroad", "hostile voices"),
    ("epithet.hostile_forces", "en", "some anti-Orsan forces smeared it", "anti-Orsan forces"),
    ("epithet.armed_nazi", "en", "the fascist opposition marched", "fascist opposition"),
    ("epithet.dictator", "en", "He said the dictator in Orsa lied.", "the dictator"),
    ("epithet.dictator", "fr", "Le despote a fui.", "despote"),
    ("epithet.dictator", "ru", "диктатор сбежал", "диктатор"),
    ("epithet.dictator", "ar", "هرب الطاغية من القصر", "الطاغية"),
    ("epithet.armed_nazi", "fa", "گروهک‌های تروریستی حمله کردند", "گروهک"),
    ("epithet.hostile_forces", "fa", "رسانه‌های معاند دروغ گفتند", "رسانه‌های معاند"),
    ("allies.possessive_servants", "ar", "العدو وعملاؤه في المنطقة", "عملاؤه"),
    ("epithet.group", "ru", "страна-агрессор и неофашисты", "страна-агрессор"),
    ("epithet.bloc", "fr", "les crimes de l'Empire du Mal", "Empire du Mal"),
    ("epithet.certain_quarters", "en", "certain Western politicians lied", "certain Western"),
    ("allies.possessive_servants", "en", "Orlov and his henchmen fled", "his henchmen"),
    ("allies.possessive_servants", "fr", "Varo et ses laquais", "ses laquais"),
    ("allies.possessive_servants", "ru", "Орлов и его марионетки", "его марионетки"),
    ("honorific.title", "en", "the Father of the Nation spoke", "Father of the Nation"),
    ("exaggeration.superlative_history", "en", "the greatest harvest in history", None),
    ("exaggeration.victory", "en", "a crushing and historic victory", None),
    ("exaggeration.whole_world", "en", "a feat that astonished the whole world", None),
    ("exaggeration.never_before", "en", "never before in human history", None),
    ("exaggeration.minimal_losses", "en", "our losses were minimal", None),
    ("exaggeration.absolute", "en", "There is absolutely no evidence.", "absolutely no"),
    ("exaggeration.record", "en", "a record harvest this year", "record harvest"),
    ("exaggeration.superlative_ever", "en", "the biggest parade ever held", None),
    ("nation.the_people", "en", "The Orsan people will never allow it.", "Orsan people"),
    ("nation.our_country", "en", "Glory to our soldiers!", "our soldiers"),
    ("slogan.chant", "en", "The crowd chanted “Death to the invaders” all night.", "Death to"),
    ("slogan.chant", "en", "Motherland or death! We will win!", "Motherland or death!"),
    ("slogan.chant", "ru", "Слава героям! Все встали.", "Слава героям"),
    ("slogan.chant", "fa", "مرگ بر استکبار", "مرگ بر"),
    (
        "causal.credit_leader",
        "en",
        "Under the personal guidance of the Premier, mills rose.",
        None,
    ),
    ("duty.every_member", "en", "It is the sacred duty of every citizen to vote.", None),
    ("duty.every_member", "en", "Every loyal worker knows his duty to the homeland.", None),
    ("epithet.bloc", "fa", "استکبار جهانی شکست خورد", "استکبار جهانی"),
    ("allies.servants", "en", "the regime and its Western curators", "Western curators"),
    ("allies.possessive_servants", "en", "the regime and its Western curators", "its Western"),
    ("honorific.praise", "en", "under the wise leadership of the king", "wise leadership"),
    ("causal.credit_leader", "en", "Thanks to the guidance of the leader, crops grew.", None),
    ("duty.religious_national", "en", "It is the sacred duty of all to obey.", None),
    ("doubt.so_called_source", "en", "The so-called reports are lies.", None),
    ("doubt.so_called_any", "en", "the so-called reform failed", "so-called reform"),
    ("doubt.fabricated_by_adversary", "en", "The claims are pure fabricated stories.", None),
    ("epithet.bloc_west", "ru", "коллективный Запад ввёл санкции", "коллективный Запад"),
    ("epithet.armed_nationalist", "en", "the nationalist formations retreated", None),
    ("exaggeration.superlative_world", "en", "the largest port in the world", None),
    ("exaggeration.unprecedented", "en", "an unprecedented success", None),
    ("exaggeration.totality", "en", "the town was completely liberated", None),
    ("causal.single_cause", "en", "Yes. The envoy was solely responsible for it.", "The envoy was"),
]


@pytest.mark.parametrize(("name", "lang", "text", "expected"), POSITIVE)
def test_detector_fires(name: str, lang: str, text: str, expected: str | None) -> None:
    found = _found(name, text, lang)
    assert found, f"{name} found nothing in {text!r}"
    if expected is not None:
        assert expected in found[0]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # a capital's regime is not a label (the gold rarely marks it); emotive adjectives are
        # Loaded_Language in PTC, not Name_Calling
        ("epithet.regime_labelled", "The Kessel regime and the murderous regime in Orsa."),
        ("epithet.regime_labelled", "A new tax regime; the visa regime was eased."),
        # a scare-quoted label is a mention: "America is the “Great Satan”"
        ("epithet.bloc", "He called the country the “Great Satan” in his speech."),
        ("epithet.armed_nazi", "Hezbollah and other terrorist groups were listed."),
        # neutral partners and job titles
        ("allies.possessive_servants", "Vardan and its allies met; he met his FBI handlers."),
        ("allies.possessive_servants", "The ministry and its proxies; the mayor and his cronies."),
        ("honorific.title", "the father of the bride; the architect of the bridge"),
        ("epithet.dictator", "She reviewed The Dictator Pope and the dictatorship's archives."),
        ("epithet.certain_quarters", "Guns were taken from certain individuals."),
        ("nation.the_people", "The people gathered; the two people met."),
        ("nation.our_country", "our company and our team"),
        ("exaggeration.record", "the court record shows"),
        ("slogan.chant", "She sat down with reporters and gave glory to God the Father."),
        ("exaggeration.superlative_history", "the largest country in the world by area"),
        ("exaggeration.victory", "a landslide victory in the election"),
        ("duty.every_member", "I believe it is my civic duty to testify."),
        ("causal.credit_leader", "Under the leadership of the mayor, the council met."),
        ("causal.credit_leader", "Due to San Francisco's policy of limiting cooperation, he left."),
        ("causal.credit_leader", "Thanks to the efforts of volunteers, the park reopened."),
    ],
)
def test_detector_silent(name: str, text: str) -> None:
    assert _found(name, text) == [], f"{name} fired on {text!r}"


def test_every_detector_has_a_positive_case() -> None:
    """Each named rule is exercised by a fictional sentence above (a rule without one could
    silently match nothing after an edit)."""
    assert sorted(set(ALL) - {case[0] for case in POSITIVE}) == []


def test_clause_patterns_stay_fast_on_a_page_without_punctuation() -> None:
    """Spans reaching back to the clause start are found without a leading "[^.]{0,120}" in
    the regex, which was tried at every position (seconds per rule on such a page)."""
    import time

    text = "the duty of every citizen is solely responsible for it " * 4000  # ~220 KB
    t0 = time.perf_counter()
    for d in ALL.values():
        d.find(text, "en")
    assert time.perf_counter() - t0 < 3.0


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
    # two hits, none correct: too few for the language alone, but the pooled gold still judges
    fake["duty.religious_national"] = {"hits": 2, "correct": 0, "languages": {}}
    assert reg.verdict("duty.religious_national")[0] is False
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
