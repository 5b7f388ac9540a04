"""Figures and dates by value, negation, and the agreement checks built on them."""

from __future__ import annotations

import pytest

from presslens.tracking.agreement import agreement, names
from presslens.tracking.normalize import normalize


@pytest.mark.parametrize(
    "text",
    ["1.2 million", "1,200,000", "1.2m", "1,2 Millionen", "1 200 000", "1.200.000", "1.2 mln"],
)
def test_figure_formats_share_one_value(text: str) -> None:
    n = normalize(f"Protesters numbered {text} on Sunday")
    assert n.figures == frozenset({1_200_000.0})
    assert "#1200000" in n.tokens


@pytest.mark.parametrize(
    "text", ["6 January 2020", "January 6, 2020", "2020-01-06", "6th of January 2020"]
)
def test_date_formats_share_one_value(text: str) -> None:
    n = normalize(f"The vote was held on {text}.")
    assert "@2020-01-06" in n.dates
    assert "#6" not in n.tokens  # the day is not read as a figure


def test_percent_and_words() -> None:
    n = normalize("Inflation rose 3.5% and twenty-five buses were sold")
    assert n.figures == frozenset({3.5, 25.0})
    assert "#3.5%" in n.tokens


def test_negation_flag_and_contractions() -> None:
    assert normalize("The minister didn't resign").negated
    assert normalize("The claim is false").negated
    assert not normalize("The minister resigned").negated


def test_agreement_figures_clash_and_tolerance() -> None:
    a, b = normalize("61% turnout"), normalize("16% turnout")
    assert agreement(a, b, frozenset(), frozenset()).figures_clash == 1.0
    big, rounded = normalize("1,187,000 voters"), normalize("about 1.2 million voters")
    assert agreement(big, rounded, frozenset(), frozenset()).figures_shared == 1.0
    small = agreement(normalize("age 67"), normalize("age 68"), frozenset(), frozenset())
    assert small.figures_clash == 1.0  # small numbers are exact: no rounding tolerance


def test_agreement_negation_and_dates() -> None:
    a = normalize("The mayor resigned on 3 March 2021")
    b = normalize("The mayor did not resign on 3 March 2021")
    c = normalize("The mayor resigned on 9 March 2021")
    ab = agreement(a, b, frozenset(), frozenset())
    assert ab.negation_differs == 1.0 and ab.dates_shared == 1.0
    assert agreement(a, c, frozenset(), frozenset()).dates_clash == 1.0


def test_names_skip_sentence_initial_word() -> None:
    assert names("Officials said Mayor Jane Okafor left Brussels") == frozenset(
        {"mayor", "jane", "okafor", "brussels"}
    )
    assert names("Orm Bank's profit rose on Monday") == frozenset({"orm", "bank"})


def test_weekdays_resolved_against_publication() -> None:
    tuesday = normalize("Dockers struck on Tuesday", "2025-04-15T06:00:00+00:00")
    assert tuesday.dates == frozenset({"@2025-04-15"})  # the day itself is a Tuesday
    monday = normalize("The bridge fell on Monday", "2025-01-14")
    assert monday.dates == normalize("The bridge fell yesterday", "2025-01-14").dates
    assert normalize("The bridge fell on Monday").dates == frozenset()  # no anchor: unknown


def test_partial_figure_clash_only_when_asked() -> None:
    a, b = normalize("photo 7 of 30"), normalize("photo 9 of 30")
    assert agreement(a, b, frozenset(), frozenset()).figures_clash == 0.0  # matcher reading
    assert agreement(a, b, frozenset(), frozenset(), partial_figure_clash=True).figures_clash
    more = normalize("12 dead in the 2024 collapse of 30 homes")
    less = normalize("12 dead as 30 homes collapse")
    assert not agreement(more, less, frozenset(), frozenset(), True).figures_clash
