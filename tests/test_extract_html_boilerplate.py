"""Unit tests of the news rules: each rule removes its residue and leaves prose alone."""

from __future__ import annotations

import pytest

from presslens.extract.blocks import Block
from presslens.extract.boilerplate import (
    clean_blocks,
    drop_captions,
    drop_duplicates,
    drop_title_repeats,
    residue_rule,
)

PROSE = (
    "Read more than forty pages of the report and you find that the board never tested the "
    "timetable it approved, a finding the chair disputed in a letter on Monday."
)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Read more: Bridge tolls rise in January", "read-more teaser"),
        ("[Related: Council approves budget]", "read-more teaser"),
        ("SEE MORE: Storm closes schools", "read-more teaser"),
        ("You may also like", "teaser box heading"),
        ("Most read in world news", "teaser box heading"),
        ("12 comments", "comment section"),
        ("Leave a comment", "comment section"),
        ("Share | Tweet | Email", "share bar"),
        ("Follow us on Twitter and Facebook for updates.", "share bar"),
        ("Sign up for our morning newsletter.", "newsletter or subscription pitch"),
        ("Already a subscriber? Log in", "newsletter or subscription pitch"),
        ("We use cookies to improve your experience.", "cookie notice"),
        ("(Image credit: Harbour Trust)", "photo credit"),
        ("© Reuters", "copyright line"),
        ("Advertisement", "ad placeholder"),
    ],
)
def test_residue_rules_match(text: str, rule: str) -> None:
    assert residue_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        PROSE,
        "Share prices fell 4% on Tuesday after the announcement.",
        "Comments by the minister drew criticism from the opposition.",
        "More than 300 people attended the vigil.",
        "(Graphic: Global currencies vs. dollar - here)",
        "Watch closely, the coach told his players before the final.",
        "Subscribers to the service complained on Monday.",
        "Topics discussed at the summit included trade and fishing rights.",
        "More — much more — was at stake than the mayor admitted.",
        "For copies of the report, residents can visit the town hall.",
        "Distributed by the UN, the aid reached 3,000 families in the valley.",
    ],
)
def test_prose_is_not_residue(text: str) -> None:
    assert residue_rule(text) is None


def test_title_repeat_dropped_only_at_the_top() -> None:
    title = "Ferry timetable changes again"
    blocks = [Block("FERRY TIMETABLE changes again!"), Block(PROSE), Block("x y"), Block(title)]
    out = drop_title_repeats(blocks, [title])
    assert [b.text for b in out] == [PROSE, "x y", title]


def test_duplicates_stutter_and_far_repeat_but_not_structure() -> None:
    long = "A long paragraph " * 12
    blocks = [
        Block("The minister arrived in the capital."),
        Block("The minister arrived in the capital."),  # stutter
        Block(long),
        Block("Q: What inspired you to start?"),
        Block("Q: What inspired you to start?"),  # structure: repeated three times
        Block("filler between"),
        Block("Q: What inspired you to start?"),
        Block(long),  # far repeat of a long paragraph
    ]
    texts = [b.text for b in drop_duplicates(blocks)]
    assert texts.count("The minister arrived in the capital.") == 1
    assert texts.count(long) == 1
    assert texts.count("Q: What inspired you to start?") == 2  # stutter removed, rest kept


def test_captions_and_caption_with_credit_dropped() -> None:
    caption = "Spectators on the headland wait for the lamp to be switched on"
    blocks = [Block(caption + "."), Block(caption + ". Photo: I. Marchetti/Gazette"), Block(PROSE)]
    assert [b.text for b in drop_captions(blocks, [caption])] == [PROSE]


def test_clean_blocks_runs_all_rules() -> None:
    blocks = [Block("Headline here today"), Block(PROSE), Block("Read more: x"), Block(PROSE)]
    out = clean_blocks(blocks, ["Headline here today"], [])
    assert [b.text for b in out] == [PROSE]


def test_dangling_separators_dropped_inner_kept() -> None:
    from presslens.extract.boilerplate import drop_residue

    blocks = [Block("___"), Block(PROSE), Block("* * *"), Block(PROSE + " Again."), Block("___")]
    assert [b.text for b in drop_residue(blocks)] == [PROSE, "* * *", PROSE + " Again."]
