"""The SemEval-2020 Task 11 scorer and file I/O, on hand-made cases with known answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.semeval.scorer import merge_spans, score_si, score_tc
from presslens.semeval.t11 import (
    TECHNIQUES,
    T11FormatError,
    read_articles,
    read_si_labels,
    read_tc_labels,
    write_si_labels,
    write_tc_labels,
)


def test_si_exact_match_scores_one() -> None:
    s = score_si([("a", 0, 10)], [("a", 0, 10)])
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_si_half_overlap() -> None:
    s = score_si([("a", 0, 10)], [("a", 5, 15)])
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(0.5)


def test_si_one_long_prediction_over_two_gold_spans() -> None:
    # P = (10/30 + 10/30) / 1 pred; R = (10/10 + 10/10) / 2 gold
    s = score_si([("a", 0, 10), ("a", 20, 30)], [("a", 0, 30)])
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(1.0)
    assert s.f1 == pytest.approx(0.8)


def test_si_other_article_gets_no_credit_and_missing_article_costs_recall() -> None:
    s = score_si([("a", 0, 10), ("b", 0, 10)], [("c", 0, 10), ("a", 0, 10)])
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(0.5)


def test_si_overlapping_predictions_are_merged() -> None:
    s = score_si([("a", 0, 10)], [("a", 0, 6), ("a", 4, 10)])
    assert s.n_pred == 1
    assert s.f1 == pytest.approx(1.0)
    assert merge_spans([(0, 5), (5, 8), (7, 9), (3, 3)]) == [(0, 5), (5, 9)]


def test_si_empty_prediction() -> None:
    s = score_si([("a", 0, 10)], [])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_tc_micro_f1_and_per_technique() -> None:
    gold = [("a", "Doubt", 0, 5), ("a", "Slogans", 10, 20)]
    pred = [("a", "Doubt", 0, 5), ("a", "Doubt", 10, 20)]
    s = score_tc(gold, pred)
    assert s.f1 == pytest.approx(0.5)
    p, r, f, n = s.per_technique["Doubt"]
    assert (p, r, n) == (0.5, 1.0, 1)
    assert s.per_technique["Slogans"][:3] == (0.0, 0.0, 0.0)


def test_tc_multi_label_span_is_a_multiset() -> None:
    gold = [("a", "Doubt", 0, 5), ("a", "Repetition", 0, 5)]
    assert score_tc(gold, [("a", "Repetition", 0, 5), ("a", "Doubt", 0, 5)]).f1 == 1.0
    assert score_tc(gold, [("a", "Doubt", 0, 5), ("a", "Doubt", 0, 5)]).f1 == 0.5


def test_label_files_round_trip(tmp_path: Path) -> None:
    si = [("111", 3, 9), ("112", 0, 4)]
    tc = [("111", "Loaded_Language", 3, 9)]
    write_si_labels(si, tmp_path / "si.txt")
    write_tc_labels(tc, tmp_path / "tc.txt")
    assert read_si_labels(tmp_path / "si.txt") == si
    assert read_tc_labels(tmp_path / "tc.txt") == tc
    (tmp_path / "bad.txt").write_text("111\tx\ty\n")
    with pytest.raises(T11FormatError):
        read_si_labels(tmp_path / "bad.txt")


def test_articles_keep_offsets_with_crlf(tmp_path: Path) -> None:
    (tmp_path / "article7.txt").write_bytes("Title\r\n\r\nÉté — ok\n".encode())
    (tmp_path / "notes.txt").write_text("ignored")
    arts = read_articles(tmp_path)
    assert list(arts) == ["7"]
    assert arts["7"].index("Été") == 9


def test_technique_names_match_the_task_file(shared_data: Path) -> None:
    f = shared_data / "semeval2020-task11-ptc" / "propaganda-techniques-names-semeval2020task11.txt"
    names = tuple(x.strip() for x in f.read_text().splitlines() if x.strip())
    assert names == TECHNIQUES


def test_gold_scores_perfectly_against_itself(shared_data: Path) -> None:
    d = shared_data / "semeval2020-task11-ptc"
    si = read_si_labels(d / "train-task-si.labels")
    tc = read_tc_labels(d / "train-task-flc-tc.labels")
    assert score_si(si, si).f1 == pytest.approx(1.0)
    assert score_tc(tc, tc).f1 == pytest.approx(1.0)
