"""Generic text dumps: the line features, the shipped line model, the gate that keeps plain text.

The dump here is fictional (own words): a page's furniture as a text browser prints it around
a short article. Each test checks one promise: furniture goes, the article stays whole, plain
text is never cut, lines that repeat across an outlet's pages count against a line.
"""

from __future__ import annotations

import numpy as np
import pytest

from presslens.extract.blocks import assemble
from presslens.extract.dump_classifier import body_mask, load_model
from presslens.extract.dump_features import FEATURES, line_key, page_features
from presslens.extract.dump_lines import read_lines
from presslens.extract.textdump import extract_text

MENU = [
    "Skip to content", "* Home", "* World", "* Business", "* Sport", "* Culture", "Log in",
    "Subscribe", "Search", "We use cookies to improve your experience. Accept all cookies",
]  # fmt: skip
ARTICLE = [
    "Harbour town votes to rebuild its old stone pier",
    "",
    "The council of Velmora voted on Tuesday to rebuild the stone pier that storms damaged "
    "last winter, ending a debate that had divided the town for months.",
    "",
    "Fishermen had asked for a new pier since the spring, when two boats were damaged while "
    "mooring beside the broken end of the old one during a gale.",
    "",
    "The work will start in March and should take about a year, the mayor said after the vote, "
    "adding that the cost would be shared with the regional government.",
    "",
    "Some residents wanted a modern concrete pier instead, arguing that it would be cheaper to "
    "maintain, but the council chose to keep the historic design of the harbour.",
]
FOOTER = [
    "Share this article", "Facebook", "Twitter", "Email", "Related stories",
    "* Ferry fares rise again", "* New bridge opens", "About us", "Contact",
    "Privacy policy", "Terms of use", "© 2026 Velmora Herald. All rights reserved.",
]  # fmt: skip


def page() -> str:
    return "\n".join(MENU + [""] + ARTICLE + [""] + FOOTER) + "\n"


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    found = load_model()
    if found is None:
        pytest.skip("dump line model not shipped in this checkout")
    return found


def test_features_have_one_row_per_line_and_named_columns() -> None:
    lines = read_lines(page())
    x = page_features(lines, "en")
    assert x.shape == (len(lines), len(FEATURES))
    assert np.isfinite(x).all()
    assert page_features([], "en").shape == (0, len(FEATURES))


def test_line_key_folds_case_and_punctuation() -> None:
    assert line_key("  Privacy Policy! ") == line_key("privacy policy")


def test_furniture_goes_and_the_article_stays(model) -> None:  # type: ignore[no-untyped-def]
    text = assemble(extract_text(page()).blocks)[0]
    for line in ARTICLE[2::2]:
        assert line in text
    for junk in ("Privacy policy", "Log in", "Share this article", "All rights reserved"):
        assert junk not in text


def test_plain_article_text_is_kept_whole(model) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(ARTICLE) + "\n"
    assert all(body_mask(read_lines(text), "en"))
    out = assemble(extract_text(text).blocks)[0]
    for line in ARTICLE[2::2]:
        assert line in out


def test_outlet_repeats_push_a_line_out(model) -> None:  # type: ignore[no-untyped-def]
    lines = read_lines(page())
    x_alone = page_features(lines, "en")
    repeated = {line_key(x.text) for x in lines if x.text in MENU + FOOTER}
    x_outlet = page_features(lines, "en", repeated)
    p_alone, p_outlet = model.probabilities(x_alone), model.probabilities(x_outlet)
    menu_rows = [i for i, x in enumerate(lines) if x.text in MENU]
    assert p_outlet[menu_rows].mean() <= p_alone[menu_rows].mean()
