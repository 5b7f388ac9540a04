"""One analysis request, from what the user sent to a stored document id.

Fetching a URL, extraction, the layers and the store write all run on the analysis runner's
worker (never on the event loop), under one deadline; the caller gets the document id or an
exception the app maps to an HTTP status (413/415/422/429/502/504).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from presslens.ingest.rawpage import RawPage
from presslens.web.state import AppState

MAX_OUTLET_NAME = 200  # characters; longer names are refused (422), not cut


def analyse_and_store(
    state: AppState, make_page: Callable[[], RawPage], outlet: str | None, label: str
) -> Coroutine[Any, Any, str]:
    """Return an awaitable of the stored document id (``label`` names the input in errors)."""

    def work() -> str:
        page = make_page()
        doc = state.analyze(page)
        result = state.store.add_document(doc, outlet=outlet or None)
        return str(getattr(result, "id", doc.id))

    async def run() -> str:
        doc_id = await state.runner.run(work, deadline=state.settings.time_limit, source=label)
        state.cache.clear()
        return doc_id

    return run()


def clean_outlet(name: str | None) -> str | None:
    """An outlet name from a form or JSON body: trimmed, None when blank."""
    if name is None:
        return None
    name = " ".join(str(name).split())
    if len(name) > MAX_OUTLET_NAME:
        raise ValueError(f"outlet name is longer than {MAX_OUTLET_NAME} characters")
    return name or None
