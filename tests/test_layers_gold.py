"""Gold-evaluation floors: every layer keeps the F1 it had when its floor was pinned (− 0.02).

Why: the layers are rule-heavy; a change that helps one article can quietly hurt five others.
This runs the full chain over tests/gold/layers (the same code as ``bench/layers.py``) and
fails when exact or overlap F1 of any pinned layer drops more than ``TOLERANCE`` below
bench/layer_floors.json. Raise a floor with ``python bench/layers.py --write-floors`` after a
real improvement; never lower one to make a change pass without saying why in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from gold import GOLD_DIR, GoldError, load_article, load_gold  # noqa: E402
from layers import FLOORS, evaluate  # noqa: E402

TOLERANCE = 0.02


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    articles = load_gold()
    assert len(articles) >= 20, "the gold set shrank"
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    return {"floors": floors, "results": evaluate(articles, list(floors), baselines=False)}


def test_every_pinned_layer_ran(scores: dict[str, Any]) -> None:
    missing = sorted(set(scores["floors"]) - set(scores["results"]))
    assert not missing, f"layers with floors but no registered component: {missing}"


@pytest.mark.parametrize("mode", ["exact", "overlap"])
def test_f1_at_or_above_floor(scores: dict[str, Any], mode: str) -> None:
    failures = []
    for layer, floor in scores["floors"].items():
        result = scores["results"].get(layer, {}).get("presslens")
        if result is None:
            continue
        f1 = getattr(result, mode).f1
        pinned = floor[f"f1_{mode}"]
        if f1 < pinned - TOLERANCE:
            failures.append(f"{layer}: F1 {mode} {f1:.3f} < floor {pinned:.3f} - {TOLERANCE}")
    assert not failures, "; ".join(failures)


def test_every_gold_file_resolves() -> None:
    for txt in sorted(GOLD_DIR.glob("*.txt")):
        art = load_article(txt)
        for layer in ("entities", "timexes", "quantities"):
            for item in art.layers[layer]:
                assert art.text[item["start"] : item["end"]] == item["text"]


def test_loader_names_the_file_when_a_string_is_missing(tmp_path: Path) -> None:
    (tmp_path / "99-x.txt").write_text("Nothing here.\n", encoding="utf-8")
    (tmp_path / "99-x.json").write_text(
        json.dumps(
            {
                "sentences": ["Nothing here."],
                "entities": [{"text": "Varga", "label": "PERSON", "cluster": "e1"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match=r"99-x\.json.*'Varga' not found"):
        load_gold(tmp_path)
