"""The ingest progress display: failure lines always, the bar only on a terminal."""

from __future__ import annotations

import io

from presslens.batch.progress import Progress
from presslens.batch.runner import Event


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal_but_failures_are_printed() -> None:
    out = io.StringIO()
    with Progress(out) as progress:
        progress(Event("stored", uri="file:///tmp/a.html"))
        progress(Event("failed", uri="file:///tmp/b%20c.html", code="E004", message="a PNG"))
        progress(Event("total", count=2))
    assert out.getvalue() == "presslens: error: /tmp/b c.html: a PNG [E004]\n"


def test_bar_on_a_terminal_counts_documents_and_errors() -> None:
    out = _Tty()
    with Progress(out) as progress:
        progress(Event("total", count=3))
        for kind in ("stored", "skipped", "failed"):
            progress(Event(kind, uri="https://example.org/x", code="E006", message="HTTP 404"))
    text = out.getvalue()
    assert "presslens: error: https://example.org/x: HTTP 404 [E006]" in text
    assert "3/3" in text and "errors=1" in text
