"""Shared helpers for the web tests: synthetic documents, a populated store, a fake analyser.

The fake analyser derives its layers from the text with simple rules (a word list for
techniques, digits for figures, "said" for attributions), so tests exercise the app's own logic
fast; the browser test and the live-server test use the real Pipeline.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from presslens.document import Document, Metadata, Source
from presslens.extract import extract_page
from presslens.ingest.rawpage import RawPage

LOADED = ("catastrophe", "disgraceful", "heroic", "traitors")
TOKENS = "alice:alice-token-1,bob:bob-token-22"


def make_doc(
    text: str,
    *,
    title: str = "A test article",
    published: str | None = "2024-03-05",
    uri: str = "paste:test",
    language: str = "en",
) -> Document:
    """A Document with entity, quantity, attribution, claim and technique layers from rules."""
    layers: dict[str, list[dict[str, Any]]] = {"paragraphs": [{"start": 0, "end": len(text)}]}
    techniques = []
    for i, m in enumerate(re.finditer("|".join(LOADED), text)):
        techniques.append(
            {
                "id": f"techniques-{i}",
                "start": m.start(),
                "end": m.end(),
                "technique": "Loaded_Language",
                "score": 0.8,
                "cues": [m.group(0)],
            }
        )
    attributions = []
    for i, m in enumerate(re.finditer(r"[^.]*\bsaid\b[^.]*\.", text)):
        attributions.append(
            {
                "id": f"attributions-{i}",
                "start": m.start(),
                "end": m.end(),
                "cue": "said",
                "hedged": "reportedly" in m.group(0),
                "vague_source": "officials" in m.group(0),
                "hedges": [],
            }
        )
    quantities = []
    for i, m in enumerate(re.finditer(r"\d+", text)):
        cover = next(  # the covering attribution, linked by id (contract /2)
            (a["id"] for a in attributions if a["start"] <= m.start() and m.end() <= a["end"]),
            None,
        )
        quantities.append(
            {
                "id": f"quantities-{i}",
                "start": m.start(),
                "end": m.end(),
                "value": float(m.group(0)),
                "unit": "count",
                "attribution": cover,
            }
        )
    entities = []
    for i, m in enumerate(re.finditer(r"\b(Velmora|Norhaven|Haj Qassem|Soleimani)\b", text)):
        canonical = "Soleimani" if m.group(0) in ("Haj Qassem", "Soleimani") else m.group(0)
        entities.append(
            {
                "id": f"entities-{i}",
                "start": m.start(),
                "end": m.end(),
                "label": "PERSON",
                "cluster": f"c-{canonical}",
                "canonical": canonical,
            }
        )
    claims = [
        {
            "id": f"claims-{i}",
            "start": m.start(),
            "end": m.end(),
            "label": "check_worthy",
            "checkworthiness": 0.7,
        }
        for i, m in enumerate(re.finditer(r"[^.]*\d[^.]*\.", text))
    ]
    layers.update(
        techniques=techniques,
        attributions=attributions,
        quantities=quantities,
        entities=entities,
        claims=claims,
    )
    prov = {k: {"component": f"test.{k}", "version": "1"} for k in layers if k != "paragraphs"}
    return Document(
        id=hashlib.sha256((uri + text).encode()).hexdigest(),
        source=Source(uri=uri),
        metadata=Metadata(title=title, published=published, language=language),
        text=text,
        layers=layers,
        provenance=prov,
    )


def fake_analyze(page: RawPage) -> Document:
    """Extraction for real (cheap), layers by rule."""
    doc = extract_page(page, _settings())
    base = make_doc(
        doc.text,
        title=doc.metadata.title or "Untitled",
        uri=page.uri,
        published=doc.metadata.published or "2024-03-05",
    )
    return Document(
        base.id if doc.id is None else doc.id,
        doc.source,
        doc.metadata,
        doc.text,
        base.layers,
        base.provenance,
    )


def _settings():  # type: ignore[no-untyped-def]
    from presslens.settings import DEFAULT_SETTINGS

    return DEFAULT_SETTINGS


ARTICLE = (
    "Norhaven officials said 40 schools would reopen after the catastrophe. "
    "The mayor called the delay disgraceful. Velmora reported 12 new cases. "
    "Critics said reportedly 7 bridges were closed."
)


_FILL = (
    "harbour council ferry budget bridge tunnel school clinic market river station "
    "tariff grain rail port mayor union strike court vote election summit treaty"
).split()


def filler(outlet: str, j: int, n: int = 60) -> str:
    """Deterministic words unique to one story, so stories are not taken for copies of each
    other (the store links texts sharing 70 % of their word 5-grams)."""
    seed = int(hashlib.sha256(f"{outlet}/{j}".encode()).hexdigest(), 16)
    out = []
    for _ in range(n):
        seed, k = divmod(seed * 6364136223846793005 + 1442695040888963407, len(_FILL))
        seed %= 2**128
        out.append(_FILL[k])
    return " ".join(out)


def populate(store: Any) -> dict[str, list[str]]:
    """Three outlets over three months and one reprint; document ids per outlet."""
    DOCS.clear()
    ids: dict[str, list[str]] = {}
    plan = {
        "Daily Alpha": ["2024-01-10", "2024-02-11", "2024-03-12"],
        "Beta Times": ["2024-01-15", "2024-03-01"],
        "Gamma Wire": ["2024-02-02"],
    }
    for outlet, dates in plan.items():
        for j, day in enumerate(dates):
            extra = " heroic" * (j + 1) if outlet == "Daily Alpha" else ""
            text = f"{ARTICLE} {filler(outlet, j)}.{extra} Haj Qassem and Soleimani."
            doc = make_doc(
                text,
                title=f"{outlet} story {j}",
                published=day,
                uri=f"https://{outlet.split()[0].lower()}.example/{j}",
            )
            store.add_document(doc, outlet=outlet)
            ids.setdefault(outlet, []).append(doc.id)
            DOCS[doc.id] = (outlet, doc)
    # Beta Times reprints the Gamma Wire story word for word: the store links it as a copy.
    wire = DOCS[ids["Gamma Wire"][0]][1]
    reprint = make_doc(
        wire.text, title="Reprint", published="2024-02-03", uri="https://beta.example/reprint"
    )
    store.add_document(reprint, outlet="Beta Times")
    ids["reprint"] = [reprint.id]
    DOCS[reprint.id] = ("Beta Times", reprint)
    return ids


DOCS: dict[str, tuple[str, Document]] = {}  # id -> (outlet, document) of the last populate()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving ``app`` on 127.0.0.1 in a thread of the test process."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False
        )
        self.server = uvicorn.Server(config)

    def __enter__(self) -> LiveServer:
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
