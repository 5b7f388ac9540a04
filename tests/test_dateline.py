"""parse_dateline: the wire forms it must read, and ordinary sentences it must leave alone."""

from __future__ import annotations

import pytest

from presslens.extract.dateline import parse_dateline, resolve_date

NNBSP = "\u202f"

# (paragraph, place, date, agency, first words of the sentence after the dateline)
POSITIVE = [
    ("TEHRAN, Jan. 3 (MNA) – Iran's envoy said", "TEHRAN", "Jan. 3", "MNA", "Iran's envoy"),
    ("TEHRAN, Jan. 03 (MNA) - Iran's envoy said", "TEHRAN", "Jan. 03", "MNA", "Iran's envoy"),
    ("MOSCOW, March 5 (TASS) — The Kremlin said", "MOSCOW", "March 5", "TASS", "The Kremlin"),
    ("WASHINGTON (AP) — The Senate voted", "WASHINGTON", None, "AP", "The Senate"),
    ("KYIV, Ukraine (Reuters) - Officials said", "KYIV, Ukraine", None, "Reuters", "Officials"),
    ("BEIRUT, Nov. 25 (Xinhua) -- Lebanese", "BEIRUT", "Nov. 25", "Xinhua", "Lebanese"),
    ("London, 4 May: The government said", "London", "4 May", None, "The government"),
    (
        f"TEHRAN,{NNBSP}Jan.{NNBSP}3{NNBSP}(MNA){NNBSP}–{NNBSP}Iran's envoy",
        "TEHRAN",
        f"Jan.{NNBSP}3",
        "MNA",
        "Iran's envoy",
    ),
    ("TEHRAN (MNA)–The ministry said", "TEHRAN", None, "MNA", "The ministry"),
    ("NEW YORK, Jan 3, 2026 (PNA) -The council", "NEW YORK", "Jan 3, 2026", "PNA", "The council"),
    ("WASHINGTON, D.C. (AP) — Lawmakers", "WASHINGTON, D.C.", None, "AP", "Lawmakers"),
    ("RIO DE JANEIRO, Brazil (AP) — Rain", "RIO DE JANEIRO, Brazil", None, "AP", "Rain"),
    ("Rio de Janeiro, 12 June (NRA) – Rain", "Rio de Janeiro", "12 June", "NRA", "Rain"),
    ("ANKARA, 25 November (AA) – Turkey", "ANKARA", "25 November", "AA", "Turkey"),
    ("BERLIN (dpa) - Germany's cabinet", "BERLIN", None, "dpa", "Germany's"),
    ("GAZA CITY — Residents returned", "GAZA CITY", None, None, "Residents"),
    ("SAN DIEGO -- People gathered", "SAN DIEGO", None, None, "People"),
    ("Geneva - The World Health Organisation", "Geneva", None, None, "The World"),
    ("(Reuters) - Oil prices rose", None, None, "Reuters", "Oil prices"),
    ("Feb 9 (Reuters) - Puerto Rico said", None, "Feb 9", "Reuters", "Puerto Rico"),
    ("PORT ELSA, Sept. 9 (PNA) — “We will rebuild”", "PORT ELSA", "Sept. 9", "PNA", "“We will"),
    ("MOSCOW, November 25. /TASS/. Russia's envoy", "MOSCOW", "November 25", "TASS", "Russia's"),
    ("Tehran, IRNA – Iran's envoy said", "Tehran", None, "IRNA", "Iran's envoy"),
    ("TEHRAN, Nov. 25 (Tasnim) - The speaker", "TEHRAN", "Nov. 25", "Tasnim", "The speaker"),
    ("BELLEVUE, WA – The Department of Justice", "BELLEVUE, WA", None, None, "The Department"),
]

NEGATIVE = [
    "However, the minister said — nothing changed.",
    "In Tehran, officials – speaking on condition of anonymity – said.",
    "In Tehran – Officials said the talks were over.",
    "Abu-Dhabi is a large city.",
    "Hamas (Islamic Resistance Movement) — The group said.",
    "Note: This article was updated.",
    "Tehran: The capital woke to snow.",
    "(Laughs) — Yes, of course.",
    "The minister (PNA) – said nothing.",
    "Iran's president – The man of the hour.",
    "U.S. officials said – The talks failed.",
    "Sanctions — The economy shrank.",
    "Mr Karimi – The minister – spoke.",
    "A – The letter.",
    "Federation: Spain – Castile Burgos",
    "Many other Democrats – who stayed silent – spoke.",
    "Monday: The schedule.",
    "NATO – the alliance said.",
    "",
    "TEHRAN",
    "Moscow, he said. /TASS/. Text",
    "Tehran, Isfahan – The two cities",
    "PRESS RELEASE -- FOR IMMEDIATE RELEASE",
    "FLOOD WARNING – ALL ROADS CLOSED",
]


@pytest.mark.parametrize(("paragraph", "place", "date", "agency", "after"), POSITIVE)
def test_reads_wire_datelines(
    paragraph: str, place: str | None, date: str | None, agency: str | None, after: str
) -> None:
    result = parse_dateline(paragraph)
    assert result is not None, paragraph
    dateline, offset = result
    assert (dateline.place, dateline.date, dateline.agency) == (place, date, agency)
    assert paragraph[offset:].startswith(after)
    assert dateline.start is None and dateline.end is None


@pytest.mark.parametrize("paragraph", NEGATIVE)
def test_leaves_ordinary_sentences_alone(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_dateline_alone_on_its_line_points_past_the_end() -> None:
    text = "TEHRAN, Nov. 25 (PNA) –"
    result = parse_dateline(text)
    assert result is not None
    assert result[1] == len(text)


def test_offset_leaves_the_dateline_as_written() -> None:
    text = "BEIRUT, Nov. 25 (Xinhua) --  Lebanese banks reopened."
    _, offset = parse_dateline(text)  # type: ignore[misc]
    assert text[:offset].rstrip() == "BEIRUT, Nov. 25 (Xinhua) --"


def test_long_paragraph_costs_no_more_than_a_short_one() -> None:
    import time

    big = "TEHRAN " * 800_000 + "(MNA) – x"  # would explode a regex without bounds
    started = time.perf_counter()
    assert parse_dateline(big) is None
    assert parse_dateline("TEHRAN (MNA) – " + "Word " * 1_000_000) is not None
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("written", "published", "iso"),
    [
        ("Jan. 3", "2026-01-05T10:00:00", "2026-01-03"),
        ("Dec. 31", "2027-01-01", "2026-12-31"),  # the dateline belongs to the old year
        ("Jan. 3", "2026-12-30", "2027-01-03"),
        ("4 May", "2026-05-04", "2026-05-04"),
        ("Jan 3, 2025", None, "2025-01-03"),
        (f"Nov.{NNBSP}25", "2026-11-25T17:42:00", "2026-11-25"),
        ("Monday", "2026-01-01", None),  # a weekday alone names no date
        ("Feb. 30", "2026-03-01", None),
        ("Jan. 3", None, None),
    ],
)
def test_resolve_date(written: str, published: str | None, iso: str | None) -> None:
    assert resolve_date(written, published) == iso
