"""Extraction regression floor (as trafilatura's eval gate) and the benchmark scorer's rules.

The gate runs PressLens on all 181 pages of ../shared/data/extraction-bench and fails when body
F1 falls more than the pinned tolerance below ``bench/floors.json``. The scorer tests pin the
upstream metric's edge cases and check it reproduces the published figures.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import scoring  # noqa: E402

BENCH = REPO.parent / "shared" / "data" / "extraction-bench"


@pytest.fixture(scope="module")
def bench_dir() -> Path:
    if not (BENCH / "ground-truth.json").exists():
        pytest.skip("../shared/data/extraction-bench is absent")
    return BENCH


# -- scorer rules -----------------------------------------------------------------------------


def test_tokens_are_unicode_words_with_case_kept() -> None:
    assert scoring.tokenize("Hello, World! it's 3.5 — Тегеран") == [
        "Hello", "World", "it", "s", "3", "5", "Тегеран",
    ]  # fmt: skip
    assert scoring.tokenize(None) == []


def test_short_texts_give_one_shorter_shingle() -> None:
    assert scoring.shingles(["a", "b"]) == {("a", "b"): 1}
    assert scoring.shingles([]) == {}
    assert sum(scoring.shingles(list("abcdef")).values()) == 3


def test_page_counts_use_multisets() -> None:
    s = scoring.score_page("a b c d a b c d", "a b c d")
    assert (s.tp, s.fp, s.fn) == (1, 0, 4)
    assert s.precision == 1.0 and s.recall == pytest.approx(0.2)


def test_edge_cases_follow_upstream() -> None:
    empty = scoring.score_page("some gold text here", "")
    assert empty.precision == 0.0 and empty.recall == 0.0
    same = scoring.score_page("x", "x")
    assert same.precision == same.recall == 1.0 and same.exact


def test_empty_output_leaves_precision_mean() -> None:
    gold = {"a": "one two three four five", "b": "six seven eight nine ten"}
    pred = {"a": "one two three four five", "b": ""}
    summary = scoring.evaluate(gold, pred)
    assert summary.precision == 1.0  # page b has no output: only its recall counts
    assert summary.recall == 0.5
    assert summary.f1 == pytest.approx(2 * 0.5 / 1.5)


@pytest.mark.shared
def test_scorer_reproduces_published_figures(bench_dir: Path) -> None:
    """Upstream README figures (F1, precision, recall) to the 3rd decimal."""
    published = {
        "trafilatura": (0.958, 0.938, 0.978),
        "readability": (0.922, 0.913, 0.931),
        "newspaper": (0.949, 0.964, 0.934),
        "AutoExtract": (0.970, 0.984, 0.956),
        "justext": (0.804, 0.858, 0.756),
        "rs_trafilatura": (0.970, 0.951, 0.990),
    }
    got = scoring.check_published(bench_dir)
    for name, (f1, p, r) in published.items():
        s = got[name]
        assert (round(s.f1, 3), round(s.precision, 3), round(s.recall, 3)) == (f1, p, r), name


# -- the gate ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_presslens_f1_above_floor(bench_dir: Path) -> None:
    import extraction_data
    from presslens.extract.blocks import assemble
    from presslens.extract.html import extract_html

    floor = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8"))["extraction"]
    gold = scoring.load_gold(bench_dir)
    scores = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = extraction_data.load("extraction-bench", bench_dir.parent)
        assert dataset is not None
        for page in dataset.pages:
            text = assemble(extract_html(dataset.html(page.id), url=page.url).blocks)[0]
            scores.append(scoring.score_page(gold[page.id], text))
    summary = scoring.summarise(scores)
    assert summary.pages == 181
    assert summary.f1 >= floor["f1"] - floor["tolerance"], (
        f"extraction F1 {summary.f1:.4f} fell below the pinned {floor['f1']} "
        f"- {floor['tolerance']} (P {summary.precision:.4f}, R {summary.recall:.4f})"
    )


# -- the benchmark script's own helpers -------------------------------------------------------


def test_write_readme_replaces_only_its_section(tmp_path: Path) -> None:
    import extraction

    readme = tmp_path / "README.md"
    readme.write_text(
        "# Benchmarks\n\n## Layers\n\nkeep me\n\n## Extraction\n\nold\n\n## Zeta\n\nz\n"
    )
    extraction.write_readme("new table", readme)
    text = readme.read_text()
    assert "old" not in text and "new table" in text
    assert "## Layers\n\nkeep me" in text and "## Zeta\n\nz" in text
    fresh = tmp_path / "fresh.md"
    extraction.write_readme("first", fresh)
    assert (
        fresh.read_text().startswith("# Benchmarks")
        and "## Extraction\n\nfirst" in fresh.read_text()
    )


def test_html_to_text_separates_blocks() -> None:
    import extraction

    text = extraction.html_to_text("<div><p>One two</p><p>three</p><script>x()</script>four</div>")
    assert scoring.tokenize(text) == ["One", "two", "three", "four"]
    assert extraction.html_to_text("  ") == ""


def test_split_is_by_site_and_fixed() -> None:
    import extraction_data

    half = extraction_data.split_half
    assert half("https://www.example.com/a") == half("https://example.com/b?x=1")
    assert extraction_data.site("https://WWW.Example.com:8080/x") == "example.com"
    sites = [f"https://site{i}.example/" for i in range(400)]
    tune = sum(half(u) == "tune" for u in sites)
    assert 150 < tune < 250  # about half each way


def test_metadata_exact_match_rules() -> None:
    assert scoring.same_title("Big News: Today", "big news — today")
    assert not scoring.same_title("Big News", "Big News | Outlet")
    assert not scoring.same_title(None, None)  # no gold, nothing to match
    assert scoring.same_authors("Ann Lee, Bo Chan and Cy Dee", ["Cy Dee", "Ann Lee", "Bo Chan"])
    assert not scoring.same_authors("Ann Lee, Bo Chan", ["Ann Lee"])
    assert scoring.same_date("2025-09-04", "2025-09-04T10:00:00+02:00")
    assert not scoring.same_date("2025-09-04", "2025-09-05")
    assert not scoring.same_date("2025-09-04", None)
