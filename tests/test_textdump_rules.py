"""Timestamp lines and residue rules of the dump path, each with lines that must not match."""

from __future__ import annotations

import pytest

from presslens.extract.dump_rules import ARTICLE_ID, is_end_marker, is_furniture
from presslens.extract.dump_timestamp import parse_timestamp

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Nov 25, 2026, 5:42 PM", "2026-11-25T17:42:00"),
        (f"Nov 25, 2026, 5:42{NNBSP}PM", "2026-11-25T17:42:00"),
        ("Nov. 25, 2026 at 5:42 p.m.", "2026-11-25T17:42:00"),
        ("2026-11-25 17:42", "2026-11-25T17:42:00"),
        ("2026/11/25 - 08:05:09", "2026-11-25T08:05:09"),
        ("2026-11-25T17:42:00+03:30", "2026-11-25T17:42:00+03:30"),
        ("25 November 2026 - 17:42", "2026-11-25T17:42:00"),
        ("25 Nov 2026 17:42 GMT", "2026-11-25T17:42:00+00:00"),
        ("Wednesday, November 25, 2026 - 09:15 GMT", "2026-11-25T09:15:00+00:00"),
        ("Wed 25 Nov 2026 17:42:09 GMT+3:30", "2026-11-25T17:42:09+03:30"),
        ("17:42 - November 25, 2026", "2026-11-25T17:42:00"),
        ("5:42 PM, Nov 25, 2026", "2026-11-25T17:42:00"),
        ("Published: Nov 25, 2026 | 17:42 IRST", "2026-11-25T17:42:00+03:30"),
        ("12:05 AM, Jan 1, 2027", "2027-01-01T00:05:00"),
        ("25.11.2026 17:42", "2026-11-25T17:42:00"),
        ("25-11-2026 - 17:42", "2026-11-25T17:42:00"),
        ("11/25/2026", "2026-11-25"),
        ("November 25, 2026", "2026-11-25"),
        ("Updated on 25 November 2026", "2026-11-25"),
    ],
)
def test_timestamp_lines(line: str, iso: str) -> None:
    stamp = parse_timestamp(line)
    assert stamp is not None, line
    assert stamp.iso == iso
    assert stamp.has_time == ("T" in iso)


@pytest.mark.parametrize(
    "line",
    [
        "Politics",
        "The talks ended on Nov 25, 2026 at 5 pm.",
        "Nov 31, 2026",  # no such day
        "2026-11-25 25:42",  # no such hour
        "Nov 25, 2026, 13:42 PM",  # 13 PM
        "05/11/2026 10:00",  # day-first and month-first both read: no guess
        "Nov 25, 2026, 5:42 PM XYZ",  # an unknown zone is not silently dropped
        "Nov 25",  # no year
        "",
        "Nov 25, 2026 " + "x" * 200,
    ],
)
def test_not_timestamps(line: str) -> None:
    assert parse_timestamp(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "News ID: 4827731",
        "News Code 77120",
        "Reported by Leyla Farrokh",
        "Written by: M. Rahimi",
        "Tags",
        "Tags: ferry, Lake Orvo",
        "Your Comment",
        "Leave a comment",
        "You are replying to: Rasmus",
        "Please enter the captcha code",
        "Send",
        "Name *",
        "Related News",
        "More from Politics",
        "Most Viewed",
        "You may also like",
        "© 2026 Pelorian News Agency. All rights reserved.",
        "Copyright 2026 Coastal News Agency",
        "Comments (3)",
    ],
)
def test_end_markers(line: str) -> None:
    assert is_end_marker(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Reported by state media, the clashes killed three people.",
        "Topics on the table include trade and the border crossings.",
        "Tags on the crates showed they came from the northern port.",
        "Sending the ferry back into service was the priority, he said.",
        "The minister's comments drew criticism from the opposition.",
        "Share prices fell by 3 percent on Wednesday.",
        "Related talks will take place in Velmora next week.",
        "Email",  # a share icon, not the comment form's required field
        "x" * 400,
    ],
)
def test_body_lines_are_no_end_markers(line: str) -> None:
    assert not is_end_marker(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Share on Telegram",
        "Share this",
        "Print",
        "Telegram",
        "Twitter | Facebook | WhatsApp",
        "A+ A-",
        "3 min read",
        "1,204 views",
        "Read more: Orvo bridge closes for winter",
        "AB/4123",
        "Back to top",
    ],
)
def test_furniture(line: str) -> None:
    assert is_furniture(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Share prices",
        "Printing costs rose sharply this year.",
        "Home ministry officials declined to comment.",
        "Read the full statement on the ministry's website.",
    ],
)
def test_body_lines_are_no_furniture(line: str) -> None:
    assert not is_furniture(line), line


def test_article_id_group() -> None:
    m = ARTICLE_ID.fullmatch("News ID: 4827731")
    assert m is not None and m.group(1) == "4827731"
