"""The text path: page-dump recognition and segmentation, the plain fallback, robustness.

The dumps here are built from one fictional article (own words) so each test changes one
thing — line endings, a missing timestamp, a dateline on its own line — and checks that only
the expected part of the result moves.
"""

from __future__ import annotations

import time

import pytest

from presslens.extract.blocks import Extracted, assemble
from presslens.extract.dump_authors import person_names
from presslens.extract.textdump import extract_text

TITLE = "Lake Orvo ferry service to resume after hull repairs"
HEAD = ["Home", "News", "Economy", "Nov 25, 2026, 5:42 PM", "Society", TITLE, TITLE]
DATELINE = "ORVO, Nov. 25 (PNA) – "
BODY = [
    DATELINE + "The ferry linking the two shores of Lake Orvo will return to service on Monday "
    "after three weeks of repairs to its hull, the transport office said.",
    "Engineers found corrosion on two plates during a routine inspection in early November.",
    "Timetable changes",
    "The first crossing will leave at 6:30 a.m., half an hour later than before, and the last "
    "at 9 p.m. on weekdays.",
    "Fares stay the same until the end of the year, the office added.",
]
TAIL = ["Reported by Mira Halvorsen", "News ID: 55120", "Tags", "ferry", "Your Comment", "Send"]


def dump(head: list[str] = HEAD, body: list[str] = BODY, tail: list[str] = TAIL) -> str:
    return "\n".join(head + body + tail) + "\n"


def text_of(result: Extracted) -> str:
    return assemble(result.blocks)[0]


def test_reference_dump() -> None:
    result = extract_text(dump())
    meta = result.metadata
    text = text_of(result)
    assert meta.title == TITLE
    assert meta.published == "2026-11-25T17:42:00"
    assert meta.section == "Society"
    assert meta.article_id == "55120"
    assert meta.authors == ["Mira Halvorsen"]
    assert meta.subheadings == ["Timetable changes"]
    assert meta.dateline is not None
    assert (meta.dateline.place, meta.dateline.date, meta.dateline.agency) == (
        "ORVO",
        "Nov. 25",
        "PNA",
    )
    assert text[meta.dateline.start : meta.dateline.end] == DATELINE.strip()
    assert text.startswith(DATELINE + "The ferry")
    assert text.endswith("the office added.")
    assert [b.kind for b in result.blocks] == ["paragraph"] * 2 + ["subheading"] + ["paragraph"] * 2
    for residue in [TITLE, "Reported by", "News ID", "Tags", "Your Comment", "Send", "Economy"]:
        assert residue not in text


def test_windows_and_old_mac_line_endings_change_nothing() -> None:
    reference = extract_text(dump())
    for ending in ("\r\n", "\r"):
        result = extract_text(dump().replace("\n", ending))
        assert result.blocks == reference.blocks
        assert result.metadata == reference.metadata


def test_whitespace_lines_and_padding_change_nothing() -> None:
    reference = extract_text(dump())
    padded = "\n".join(f"  {line}\t\n \u00a0 \n\t" for line in dump().splitlines())
    result = extract_text("\ufeff" + padded)
    assert result.blocks == reference.blocks
    assert result.metadata.title == reference.metadata.title
    assert result.metadata.dateline == reference.metadata.dateline


def test_without_timestamp() -> None:
    result = extract_text(dump(head=["Society", TITLE, TITLE]))
    assert result.metadata.published is None
    assert result.metadata.title == TITLE
    assert text_of(result).startswith(DATELINE)


def test_title_repeated_three_times_and_again_in_the_body() -> None:
    body = BODY[:2] + [TITLE] + BODY[2:]
    result = extract_text(dump(head=HEAD + [TITLE], body=body))
    assert result.metadata.title == TITLE
    assert TITLE not in text_of(result)
    assert result.metadata.evidence["title"].startswith("text dump: line repeated")


def test_dateline_on_its_own_line_is_joined_to_its_sentence() -> None:
    body = [DATELINE.strip(), BODY[0][len(DATELINE) :]] + BODY[1:]
    result = extract_text(dump(body=body))
    text = text_of(result)
    meta = result.metadata
    assert text.startswith(DATELINE + "The ferry")
    assert meta.dateline is not None
    assert text[meta.dateline.start : meta.dateline.end] == DATELINE.strip()


def test_without_dateline_the_body_starts_after_the_last_headline_copy() -> None:
    body = [BODY[0][len(DATELINE) :]] + BODY[1:]
    result = extract_text(dump(body=body))
    assert result.metadata.dateline is None
    assert text_of(result).startswith("The ferry linking")
    assert result.metadata.title == TITLE


def test_headline_not_repeated_is_found_after_the_label() -> None:
    result = extract_text(dump(head=HEAD[:-1]))  # one copy only
    assert result.metadata.title == TITLE
    assert TITLE not in text_of(result)
    assert text_of(result).startswith(DATELINE)


def test_lead_between_headline_copies_goes_to_description() -> None:
    lead = "Repairs to the hull took a week longer than planned, the transport office said."
    result = extract_text(dump(head=HEAD[:-1] + [lead, TITLE]))
    assert result.metadata.description == lead
    assert lead not in text_of(result)


def test_typographic_characters_stay() -> None:
    body = [
        "ORVO,\u202fNov.\u202f25 (PNA)\u202f—\u202fThe captain said the boat was “as good as "
        "new” \u2014 and that passengers would notice the quieter engine."
    ] + BODY[1:]
    result = extract_text(dump(body=body))
    text = text_of(result)
    assert "ORVO,\u202fNov.\u202f25 (PNA)\u202f—\u202fThe captain" in text
    assert "“as good as new” \u2014 and" in text
    assert result.metadata.dateline is not None
    assert result.metadata.dateline.date == "Nov.\u202f25"


def test_share_bar_and_read_more_between_paragraphs_are_dropped() -> None:
    body = BODY[:2] + ["Share", "Read more: Orvo bridge closes for winter"] + BODY[2:]
    text = text_of(extract_text(dump(body=body)))
    assert "Share" not in text and "Orvo bridge" not in text
    assert text.endswith("the office added.")


def test_related_headlines_without_a_marker_are_trimmed() -> None:
    tail = ["Orvo bridge closes for winter", "New bus line to the airport opens in March"]
    text = text_of(extract_text(dump(tail=["News ID: 55120", *tail])))
    assert text.endswith("the office added.")
    text = text_of(extract_text(dump(tail=tail + ["Share", "Print"])))
    assert text.endswith("the office added.")


def test_widget_inside_the_article_does_not_end_it() -> None:
    widget = ["take our poll", "Which crossing do you use most?", "Email *"]
    long_tail = [
        "Passengers waiting on the northern pier said they had driven around the lake for weeks, "
        "a trip of more than two hours each way.",
        "The transport office said it would review how repairs are scheduled so that the ferry "
        "is never out of service in the busy autumn season again.",
    ]
    text = text_of(extract_text(dump(body=BODY + widget + long_tail)))
    assert text.endswith("busy autumn season again.")


# -- plain text -----------------------------------------------------------------------------


def test_plain_article_keeps_every_line() -> None:
    paragraphs = [BODY[0], BODY[1], BODY[3], BODY[4]]
    text = "Ferry returns to Lake Orvo\n\n" + "\n\n".join(paragraphs) + "\n"
    result = extract_text(text)
    assert result.metadata.title == "Ferry returns to Lake Orvo"
    assert result.metadata.published is None
    assert [b.text for b in result.blocks] == paragraphs
    assert result.metadata.dateline is not None and result.metadata.dateline.place == "ORVO"


def test_plain_one_paragraph_per_line_after_a_title() -> None:
    text = "Ferry returns to Lake Orvo\n\n" + "\n".join(BODY)
    result = extract_text(text)
    assert result.metadata.title == "Ferry returns to Lake Orvo"
    assert [b.text for b in result.blocks] == BODY
    assert result.metadata.subheadings == ["Timetable changes"]


def test_plain_text_without_blank_lines_splits_at_single_newlines() -> None:
    result = extract_text("\n".join(BODY[1:2] + BODY[3:]))
    assert result.metadata.title is None
    assert len(result.blocks) == 3


def test_plain_hard_wrapped_prose_is_joined() -> None:
    wrapped = (
        "The ferry linking the two shores of Lake Orvo will return to\n"
        "service on Monday after three weeks of repairs to its hull, the\n"
        "transport office said on Wednesday in a short statement.\n"
        "\n"
        "Engineers found corrosion on two plates during a routine\n"
        "inspection in early November, and the owner decided to replace\n"
        "them both.\n"
    )
    result = extract_text(wrapped)
    assert [b.text[:20] for b in result.blocks] == ["The ferry linking th", "Engineers found corr"]
    assert result.blocks[0].text.endswith("in a short statement.")


def test_plain_text_with_one_sign_is_not_cut() -> None:
    # A dateline alone is one sign: the closing "Share" line and everything stay.
    text = "\n\n".join(BODY + ["Share this with your friends, said the office spokesman."])
    result = extract_text(text)
    assert len(result.blocks) == len(BODY) + 1


def test_single_paragraph_has_no_title() -> None:
    result = extract_text("Fares stay the same until the end of the year, the office added.")
    assert result.metadata.title is None
    assert len(result.blocks) == 1


def test_empty_and_whitespace_give_no_blocks() -> None:
    for text in ("", "   \n\t\n\u00a0\n", "\r\n\r\n"):
        assert extract_text(text).blocks == []


# -- authors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Mira Halvorsen", ["Mira Halvorsen"]),
        ("Omid Sadr and Hana Kovacs", ["Omid Sadr", "Hana Kovacs"]),
        ("M. Rahimi", ["M. Rahimi"]),
        ("Maria de la Cruz", ["Maria de la Cruz"]),
        ("PNA", []),
        ("Staff Writer", []),
        ("our correspondent", []),
        ("Mira Halvorsen, PNA correspondent", ["Mira Halvorsen"]),
        ("the end of the day", []),
    ],
)
def test_person_names(byline: str, names: list[str]) -> None:
    assert person_names(byline) == names


# -- scale ----------------------------------------------------------------------------------


# A hang guard, not a speed figure (speed is bench/'s job): quadratic work on 5 MB would take
# hours, so a generous ceiling cannot flake on a slow or busy CI machine yet still fails a hang.
HANG_GUARD_SECONDS = 60


def _timed(text: str) -> tuple[Extracted, float]:
    started = time.perf_counter()
    result = extract_text(text)
    assemble(result.blocks)
    return result, time.perf_counter() - started


def test_five_megabyte_dump_is_linear() -> None:
    paragraph = BODY[1] + " " + BODY[3]
    repeats = 5_000_000 // (len(paragraph) + 1)
    big = dump(body=BODY + [paragraph] * repeats)
    assert len(big) > 5_000_000
    result, seconds = _timed(big)
    assert result.metadata.title == TITLE
    assert len(result.blocks) == len(BODY) + repeats
    assert seconds < HANG_GUARD_SECONDS, seconds


def test_five_megabyte_single_line_and_marker_flood() -> None:
    _, one_mb = _timed("word " * 200_000)
    _, seconds = _timed("word " * 1_000_000)
    assert seconds < HANG_GUARD_SECONDS, seconds
    assert seconds < 5 * one_mb * 3 + 1, (one_mb, seconds)  # five times the text, not 25 times
    flood = dump(body=BODY + ["Email *", BODY[1]] * 55_000)  # about 5 MB
    result, seconds = _timed(flood)
    assert result.metadata.title == TITLE
    assert seconds < HANG_GUARD_SECONDS, seconds


def test_headline_copy_with_site_name_counts_as_a_copy() -> None:
    head = ["Nov 25, 2026, 5:42 PM", "Society", TITLE, f"{TITLE} - Pelorian News Agency"]
    result = extract_text(dump(head=head))
    assert result.metadata.title == TITLE
    assert result.metadata.evidence["title"].startswith("text dump: line repeated 2×")
    assert "Pelorian" not in text_of(result)


def test_menu_item_before_the_timestamp_is_not_the_section() -> None:
    head = ["Politics", "Economy", "Sports", "Nov 25, 2026, 5:42 PM", TITLE, TITLE]
    result = extract_text(dump(head=head))
    assert result.metadata.section is None
    assert result.metadata.title == TITLE


def test_label_on_the_timestamp_line() -> None:
    head = ["Society | 17:42 - November 25, 2026", TITLE, TITLE]
    meta = extract_text(dump(head=head)).metadata
    assert (meta.section, meta.published) == ("Society", "2026-11-25T17:42:00")


@pytest.mark.parametrize(
    ("line", "section", "published"),
    [
        ("Politics | Nov 25, 2026 | 17:42", "Politics", "2026-11-25T17:42:00"),
        ("Source: PNA| 2026-11-25 17:42:09|Editor: Lin", None, "2026-11-25T17:42:09"),
        ("November, 25, 2026 - 17:42", None, "2026-11-25T17:42:00"),
    ],
)
def test_timestamp_line_forms(line: str, section: str | None, published: str) -> None:
    meta = extract_text(dump(head=[line, TITLE, TITLE])).metadata
    assert (meta.section, meta.published) == (section, published)


def test_update_line_gives_modified_not_published() -> None:
    head = ["Last updated: Nov 26, 2026, 8:10 AM", "Nov 25, 2026, 5:42 PM", "Society", TITLE, TITLE]
    meta = extract_text(dump(head=head)).metadata
    assert meta.published == "2026-11-25T17:42:00"
    assert meta.modified == "2026-11-26T08:10:00"


def test_hard_wrapped_dump_body_is_joined_back() -> None:
    body = [
        "ORVO, Nov. 25 (PNA) – The ferry linking the two shores of Lake Orvo will",
        "return to service on Monday after three weeks of repairs to its hull, the",
        "transport office said.",
        "",
        "Engineers found corrosion on two plates during a routine inspection in",
        "early November, and the owner chose to replace both of them at once.",
    ]
    result = extract_text(dump(body=body))
    assert [b.text[:16] for b in result.blocks] == ["ORVO, Nov. 25 (P", "Engineers found "]
    assert result.blocks[0].text.endswith("the transport office said.")
    assert result.metadata.dateline is not None and result.metadata.dateline.end == len(
        "ORVO, Nov. 25 (PNA) –"
    )


def test_comment_thread_after_the_form_is_cut_even_when_it_is_prose() -> None:
    thread = [
        "Your Comment",
        "You are replying to: Arvid",
        "Arvid",
        "I have taken this ferry every day for twelve years and the old engine was far too loud "
        "for anyone to rest on the crossing.",
        "Good news for the northern villages, but the fares should have been lowered after such "
        "a long interruption of the service.",
    ]
    text = text_of(extract_text(dump(tail=thread)))
    assert text.endswith("the office added.")
    assert "twelve years" not in text


def test_headline_above_the_timestamp() -> None:
    result = extract_text(dump(head=["Home", "News", TITLE, "Nov 25, 2026, 5:42 PM", "Society"]))
    assert result.metadata.title == TITLE
    assert result.metadata.section == "Society"
    assert text_of(result).startswith(DATELINE)
