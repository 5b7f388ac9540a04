"""Two writers on one store (e.g. an ingest and a re-run): each document stored exactly once."""

from __future__ import annotations

import threading

from presslens.store import Store, open_store

from .factory import make_doc


def test_two_writers_same_documents_store_each_once(store: Store) -> None:
    docs = [
        make_doc(
            f"Story {i} about the port and the council, told in a few words.",
            uri=f"https://x.example/{i}",
        )
        for i in range(30)
    ]
    other = open_store(store.url)
    statuses: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def write(target: Store, order: list) -> None:
        try:
            for doc in order:
                status = target.add_document(doc).status
                with lock:
                    statuses.append(status)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(store, docs)),
        threading.Thread(target=write, args=(other, list(reversed(docs)))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert errors == []
    assert statuses.count("stored") == 30 and statuses.count("skipped") == 30
    assert store.count_documents() == 30
