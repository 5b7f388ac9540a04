"""Document → rows: published dates of any granularity, label/score per layer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from presslens.store.records import annotation_records, parse_published

from .factory import make_doc, span


@pytest.mark.parametrize(
    ("value", "moment", "month"),
    [
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC), "2024-03"),
        ("2024-03-05T01:30:00+03:00", datetime(2024, 3, 4, 22, 30, tzinfo=UTC), "2024-03"),
        ("2024-03-05T10:00:00Z", datetime(2024, 3, 5, 10, tzinfo=UTC), "2024-03"),
        ("2024-03", None, "2024-03"),
        ("2024", None, None),
        ("last Tuesday", None, None),
        (None, None, None),
    ],
)
def test_parse_published(value, moment, month) -> None:
    assert parse_published(value) == (moment, month)


def test_label_and_score_keys_per_layer() -> None:
    text = "Prices rose 5% on Monday, the minister said, in a shameful betrayal."
    doc = make_doc(
        text,
        layers={
            "quantities": [span(text, "5%", id="quantities-0", unit="%", value=5)],
            "timexes": [span(text, "Monday", id="timexes-0", kind="date", value="2024-03-04")],
            "attributions": [span(text, "the minister said", id="attributions-0", cue="said")],
            "techniques": [
                span(
                    text,
                    "shameful betrayal",
                    id="techniques-0",
                    technique="Loaded_Language",
                    score=0.9,
                )
            ],
            "sentences": [{"id": "sentences-0", "start": 0, "end": len(text)}],
        },
    )
    rows = {r["layer"]: r for r in annotation_records(doc)}
    assert rows["quantities"]["label"] == "%" and rows["quantities"]["attributes"] == {"value": 5}
    assert rows["timexes"]["label"] == "date"
    assert rows["attributions"]["label"] == "said"
    assert rows["techniques"]["label"] == "Loaded_Language" and rows["techniques"]["score"] == 0.9
    assert rows["sentences"]["label"] is None and rows["sentences"]["score"] is None
