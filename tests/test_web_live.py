"""The API over real HTTP: uvicorn on 127.0.0.1, httpx as the client; overload behaviour under
concurrent analysis requests; schemathesis property tests from the app's own OpenAPI schema."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

pytest.importorskip("presslens.store")

from presslens.settings import DEFAULT_SETTINGS  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.web.app import create_app  # noqa: E402
from presslens.web.auth import parse_tokens  # noqa: E402
from webkit import ARTICLE, TOKENS, LiveServer, fake_analyze, populate  # noqa: E402

ALICE = {"authorization": "Bearer alice-token-1"}


def slow_analyze(page):  # type: ignore[no-untyped-def]
    time.sleep(0.4)  # a busy worker: lets concurrent requests pile up
    return fake_analyze(page)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = open_store(str(tmp_path_factory.mktemp("live") / "live.db"))
    populate(store)
    app = create_app(
        settings=DEFAULT_SETTINGS.with_overrides(max_bytes=300_000, fetch_timeout=2.0),
        store=store,
        analyze=slow_analyze,
        tokens=parse_tokens({"PRESSLENS_TOKENS": TOKENS}),
        workers=1,
        queue=2,
    )
    with LiveServer(app) as live:
        yield live


def test_health_reports_warm_statistics(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        for _ in range(100):
            health = c.get("/api/health").json()
            if health["warm"]:
                break
            time.sleep(0.1)
        assert health["warm"] and health["capacity"] == 3


def test_post_then_get_over_http(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        r = c.post("/api/documents", json={"text": ARTICLE + " over http"}, headers=ALICE)
        assert r.status_code == 201
        doc = c.get(f"/api/documents/{r.json()['id']}").json()
        assert doc["text"].startswith("Norhaven")
        r = c.post(
            "/api/documents",
            headers=ALICE,
            files={"file": ("a.txt", (ARTICLE + " uploaded").encode(), "text/plain")},
        )
        assert r.status_code == 201
        big = c.post("/api/documents", headers=ALICE, content=b"x" * 600_000, params={}, files=None)
        assert big.status_code == 413  # refused from Content-Length, before reading the body

        def chunks():  # type: ignore[no-untyped-def]
            yield b'{"text": "'
            yield b"word " * 1000
            yield b'"}'

        chunked = c.post(
            "/api/documents",
            headers={**ALICE, "content-type": "application/json"},
            content=chunks(),
        )
        assert chunked.status_code == 411


def test_overload_is_429_never_lost(server: LiveServer) -> None:
    """12 concurrent analyses against 1 worker + 2 queued: each is served (201) or refused
    (429 + Retry-After); nothing else, and the server answers reads afterwards."""
    results: list[httpx.Response] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            r = c.post("/api/documents", json={"text": f"{ARTICLE} burst {i}"}, headers=ALICE)
        with lock:
            results.append(r)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results)
    assert len(codes) == 12 and set(codes) <= {201, 429}
    assert 201 in codes and 429 in codes
    assert all(r.headers["retry-after"].isdigit() for r in results if r.status_code == 429)
    with httpx.Client(base_url=server.url, timeout=10) as c:
        assert c.get("/api/outlets").status_code == 200
        stored = [r.json()["id"] for r in results if r.status_code == 201]
        assert all(c.get(f"/api/documents/{i}").status_code == 200 for i in stored)


def _fuzz(operation, base_url: str, failures: list[str], calls: list[int]) -> None:  # type: ignore[no-untyped-def]
    from hypothesis import HealthCheck, given, settings

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case) -> None:  # type: ignore[no-untyped-def]
        response = case.call(base_url=base_url, timeout=30)
        calls.append(response.status_code)
        if response.status_code >= 500 and response.status_code != 502:
            failures.append(f"{operation.label}: {response.status_code} {response.text[:200]}")
        if response.status_code >= 400:
            detail = response.json().get("detail")
            if not isinstance(detail, str) or "\n" in detail:
                failures.append(f"{operation.label}: detail {detail!r}")

    check()


def test_api_property_based_from_openapi(server: LiveServer) -> None:
    """Schemathesis: generated requests for every operation never get a 5xx (other than 502
    for an unreachable URL), and every error carries a one-line detail."""
    schemathesis = pytest.importorskip("schemathesis")
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    failures: list[str] = []
    calls: list[int] = []
    operations = [r.ok() for r in schema.get_all_operations()]
    for operation in operations:
        _fuzz(operation, server.url, failures, calls)
    assert failures == []
    assert len(operations) >= 10 and len(calls) >= 5 * len(operations)
