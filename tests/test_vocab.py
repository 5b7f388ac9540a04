"""Shared word lists: every consumer reads every form from presslens.vocab, not its own copy."""

from __future__ import annotations

import datetime as dt

import pytest

from presslens.extract.dateline import parse_dateline
from presslens.extract.metadata_dates import normalise_date
from presslens.layers.sentences.component import split_sentences
from presslens.layers.timexes.component import find_timexes
from presslens.vocab import alternation
from presslens.vocab.months import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS
from presslens.vocab.weekdays import WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

ANCHOR = dt.date(2025, 6, 15)


@pytest.mark.parametrize("form", list(MONTHS))
def test_every_month_form_is_a_timex_and_a_dateline_date(form: str) -> None:
    written = form.capitalize() + ("." if form in MONTH_ABBREVIATIONS else "")
    (timex,) = find_timexes(f"The vote was on {written} 3, 2024.", ANCHOR)
    assert timex["value"] == f"2024-{MONTHS[form]:02d}-03"
    parsed = parse_dateline(f"KESTRA, {written} 3 (Meridian Wire) — The council met.")
    assert parsed is not None and parsed[0].date == f"{written} 3"


@pytest.mark.parametrize("name", MONTH_NAMES)
def test_every_month_name_reads_in_metadata_dates(name: str) -> None:
    assert normalise_date(f"{name.capitalize()} 18, 2019") == f"2019-{MONTHS[name]:02d}-18"


@pytest.mark.parametrize("short", list(MONTH_ABBREVIATIONS))
def test_month_abbreviations_before_a_day_never_end_a_sentence(short: str) -> None:
    text = f"The ferry stopped on {short.capitalize()}. 3 and resumed later."
    assert split_sentences(text) == [(0, len(text))]


def test_weekday_forms_are_timexes() -> None:
    for i, form in enumerate([*WEEKDAY_NAMES, *WEEKDAY_ABBREVIATIONS]):
        found = find_timexes(f"Talks resume on {form.capitalize()}, Jan. {i + 1}, 2025.", ANCHOR)
        assert found and found[0]["value"] == f"2025-01-{i + 1:02d}", form


def test_alternation_tries_longer_forms_first() -> None:
    assert alternation(["sep", "sept", "s"]) == "sept|sep|s"
    assert alternation(("tue", "tues"), capitalise=True) == "Tues|Tue"
