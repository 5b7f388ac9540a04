"""The report in a real browser (Debian's Chromium via Playwright): toggles and focus details.

Skips when Chromium is not installed (``make test`` installs it as root via ``make browser``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from presslens.document import Document, Metadata, Source
from presslens.render.report import render_report

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def sample() -> Document:
    text = "Officials warned of a catastrophe.\n\nThe mayor said <b>nothing</b> else."
    return Document(
        id="1" * 64,
        source=Source(uri="file:///sample.html", encoding="utf-8"),
        metadata=Metadata(title="Sample <i>report</i>"),
        text=text,
        layers={
            "paragraphs": [{"start": 0, "end": 34}, {"start": 36, "end": len(text)}],
            "entities": [
                {"start": 0, "end": 9, "label": "ORG", "cluster": "e1", "canonical": "Officials"}
            ],
            "techniques": [
                {
                    "start": 22,
                    "end": 33,
                    "technique": "Loaded_Language",
                    "score": 0.87,
                    "cues": ["catastrophe"],
                }
            ],
        },
        provenance={},
    )


def test_report_renders_toggles_and_tips(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.html"
    path.write_text(render_report(sample()), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    assert page.title().startswith("Sample <i>report</i>")
    assert "<b>nothing</b>" in page.inner_text(".article")  # escaped, shown as text

    ent = page.locator(".L-entities").first
    before = ent.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before not in ("rgba(0, 0, 0, 0)", "transparent")
    page.click("label[for=show-entities]")
    after = ent.evaluate("e => getComputedStyle(e).backgroundColor")
    assert after in ("rgba(0, 0, 0, 0)", "transparent")

    tech = page.locator(".L-techniques").first
    tech.focus()
    tip = tech.evaluate("e => getComputedStyle(e, '::after').content")
    assert "Loaded_Language" in tip and "catastrophe" in tip
    page.screenshot(path=str(tmp_path / "report.png"))
    assert errors == []
    page.close()
