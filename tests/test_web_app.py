"""The web app through Starlette's TestClient: pages, API, errors, auth, CSRF, headers."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("presslens.store")

from fastapi.testclient import TestClient  # noqa: E402

import webkit  # noqa: E402
from presslens.settings import DEFAULT_SETTINGS  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.web.app import create_app  # noqa: E402
from presslens.web.auth import parse_tokens  # noqa: E402
from webkit import ARTICLE, TOKENS, fake_analyze, populate  # noqa: E402

ALICE = {"authorization": "Bearer alice-token-1"}
HTML = {"accept": "text/html"}


@pytest.fixture()
def app_and_ids(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(str(tmp_path / "web.db"))
    ids = populate(store)
    settings = DEFAULT_SETTINGS.with_overrides(max_bytes=200_000)
    app = create_app(
        settings=settings,
        store=store,
        analyze=fake_analyze,
        tokens=parse_tokens({"PRESSLENS_TOKENS": TOKENS}),
    )
    return app, ids


@pytest.fixture()
def client(app_and_ids) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app_and_ids[0])


def login(client: TestClient, token: str = "alice-token-1") -> str:
    """Log in through the form; returns the new session's CSRF token."""
    csrf = _csrf(client.get("/login", headers=HTML).text)
    r = client.post("/login", data={"token": token, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    return _csrf(client.get("/", headers=HTML).text)


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', page)
    assert m, "no CSRF field on the page"
    return m.group(1)


def test_pages_render_and_carry_security_headers(client: TestClient, app_and_ids) -> None:  # type: ignore[no-untyped-def]
    doc_id = app_and_ids[1]["Daily Alpha"][0]
    for url in [
        "/",
        "/search?q=schools",
        "/outlets",
        "/outlets/1",
        "/docs",
        "/compare?group=outlet:1&group=outlet:2",
        f"/documents/{doc_id}",
    ]:
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, url
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'none'" in csp
        assert "<script" not in r.text.lower()
    cookie = TestClient(app_and_ids[0]).get("/").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert "set-cookie" not in TestClient(app_and_ids[0]).get("/api/outlets").headers


def test_post_document_json_text_then_read_it(client: TestClient) -> None:
    r = client.post(
        "/api/documents", json={"text": ARTICLE + " Fresh.", "outlet": "New One"}, headers=ALICE
    )
    assert r.status_code == 201
    doc_id = r.json()["id"]
    got = client.get(f"/api/documents/{doc_id}").json()
    assert got["id"] == doc_id and "schools" in got["text"]
    names = [o["name"] for o in client.get("/api/outlets").json()["outlets"]]
    assert "New One" in names
    page = client.get(f"/documents/{doc_id}", headers=HTML).text
    assert "L-techniques" in page and "New One" in page


def test_upload_gzip_and_text(client: TestClient) -> None:
    body = gzip.compress(
        f"<html><head><title>Up</title></head><body><p>{ARTICLE}</p></body></html>".encode()
    )
    r = client.post(
        "/api/documents", files={"file": ("page.html.gz", body, "application/gzip")}, headers=ALICE
    )
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"text": "x"}}, 401),  # no token
        ({"json": {"text": ""}, "headers": ALICE}, 422),
        ({"json": {"text": "a", "url": "http://x.example/"}, "headers": ALICE}, 422),
        ({"json": {"url": "file:///etc/passwd"}, "headers": ALICE}, 422),
        ({"json": {"url": "http://127.0.0.1:1/x"}, "headers": ALICE}, 422),  # SSRF guard
        ({"content": b"text", "headers": {**ALICE, "content-type": "text/plain"}}, 415),
        (
            {
                "files": {"file": ("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "image/png")},
                "headers": ALICE,
            },
            415,
        ),
        ({"json": {"text": "word " * 60_000}, "headers": ALICE}, 413),
    ],
)
def test_post_document_errors_are_one_line(client: TestClient, kwargs, status: int) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/documents", **kwargs)
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and detail


def test_bad_parameters_are_422_with_one_line(client: TestClient) -> None:
    for url in [
        "/api/search?limit=0",
        "/api/search?since=yesterday&q=a",
        "/api/stats/series?group=outlet:999",
        "/api/stats/series?metric=nope",
        "/api/stats/series?by=year",
        "/api/outlets/1/profile?since=2024-13-01",
        "/api/stats/series?group=outlet:99999999999999999999",  # found by schemathesis
        "/api/outlets/99999999999999999999/profile",
    ]:
        r = client.get(url)
        assert r.status_code == 422, url
        assert "\n" not in r.json()["detail"]
    assert client.get("/api/documents/" + "0" * 64).status_code == 404
    assert client.get("/api/outlets/999/profile").status_code == 404


def test_search_api_shape_and_page_escapes_highlight(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "schools"}).json()
    assert r["total"] == len(webkit.DOCS) and set(r["results"][0]) == {
        "id",
        "title",
        "outlet",
        "published",
        "snippet",
    }
    page = client.get("/search", params={"q": "schools"}, headers=HTML).text
    assert "<mark>schools</mark>" in page
    page = client.get("/search", params={"q": "schools", "since": "2024-03-01"}, headers=HTML)
    assert page.text.count('class="result"') == 2  # Alpha and Beta in March
    api = client.get("/api/search", params={"q": "x", "since": "March"})
    assert api.status_code == 422


def test_forms_need_login_and_csrf(client: TestClient, app_and_ids) -> None:  # type: ignore[no-untyped-def]
    anonymous_csrf = _csrf(client.get("/", headers=HTML).text)
    r = client.post("/analyse", data={"text": ARTICLE, "csrf": anonymous_csrf}, headers=HTML)
    assert r.status_code == 401
    csrf = login(client)
    r = client.post("/analyse", data={"text": ARTICLE, "csrf": "forged"}, headers=HTML)
    assert r.status_code == 403
    r = client.post(
        "/analyse", data={"text": ARTICLE + " form", "csrf": csrf}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/documents/")


def test_wrong_token_login_is_refused(client: TestClient) -> None:
    csrf = _csrf(client.get("/login", headers=HTML).text)
    r = client.post("/login", data={"token": "nope-nope-nope", "csrf": csrf}, headers=HTML)
    assert r.status_code == 401 and "not valid" in r.text


def test_corrections_via_form_and_api_then_agreement(client: TestClient, app_and_ids) -> None:  # type: ignore[no-untyped-def]
    doc_id = app_and_ids[1]["Daily Alpha"][0]
    csrf = login(client)
    r = client.post(
        f"/documents/{doc_id}/corrections",
        follow_redirects=False,
        data={
            "csrf": csrf,
            "action": "relabel",
            "annotation_id": "techniques-0",
            "label": "Exaggeration,Minimisation",
        },
    )
    assert r.status_code == 303
    bob = {"authorization": "Bearer bob-token-22"}
    assert (
        client.post(
            f"/api/documents/{doc_id}/corrections",
            headers=bob,
            json={"action": "reject", "annotation_id": "techniques-1"},
        ).status_code
        == 201
    )
    r = client.post(
        f"/api/documents/{doc_id}/corrections",
        headers=bob,
        json={"action": "resize", "annotation_id": "techniques-0", "start": 0, "end": 10**6},
    )
    assert r.status_code == 422 and "outside the text" in r.json()["detail"]
    log = client.get(f"/api/documents/{doc_id}/corrections").json()["corrections"]
    assert [(c["author"], c["action"]) for c in log] == [("alice", "relabel"), ("bob", "reject")]
    assert log[0]["before"]["label"] == "Loaded_Language" and log[0]["model_version"] == "1"
    assert log[0]["score"] == pytest.approx(0.8)
    agree = client.get(f"/api/documents/{doc_id}/agreement", params={"a": "alice", "b": "bob"})
    overall = agree.json()["overall"]
    assert 0 <= overall["f1"] < 1
    page = client.get(f"/documents/{doc_id}/agreement", headers=HTML).text
    assert "Exaggeration,Minimisation" in page and "kappa" in page


def test_overload_answers_429_with_retry_after(app_and_ids) -> None:  # type: ignore[no-untyped-def]
    from presslens.web.jobs import Overloaded

    app = app_and_ids[0]
    runner = app.state.pl.runner
    runner._admitted = runner.capacity  # every slot taken
    r = TestClient(app).post("/api/documents", json={"text": ARTICLE}, headers=ALICE)
    assert r.status_code == 429 and r.headers["retry-after"].isdigit()
    assert issubclass(Overloaded, Exception)


def test_deadline_answers_504(tmp_path: Path) -> None:
    import time

    def slow(page):  # type: ignore[no-untyped-def]
        time.sleep(3)
        return fake_analyze(page)

    app = create_app(
        settings=DEFAULT_SETTINGS.with_overrides(time_limit=0.2),
        store=open_store(str(tmp_path / "s.db")),
        analyze=slow,
        tokens=parse_tokens({"PRESSLENS_TOKENS": TOKENS}),
    )
    from presslens.web import jobs

    jobs_grace, jobs.DEADLINE_GRACE = jobs.DEADLINE_GRACE, 0.1
    try:
        r = TestClient(app).post("/api/documents", json={"text": ARTICLE}, headers=ALICE)
    finally:
        jobs.DEADLINE_GRACE = jobs_grace
    assert r.status_code == 504 and "time limit" in r.json()["detail"]


def test_openapi_has_the_documented_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in [
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/outlets",
        "/api/outlets/{outlet_id}/profile",
        "/api/stats/series",
    ]:
        assert p in paths


def test_profile_draws_top_entity_clusters_over_time(client: TestClient) -> None:
    profile = client.get("/api/outlets/1/profile").json()
    lines = {s["name"]: s for s in profile["entities_over_time"]["series"]}
    assert "Soleimani" in lines  # aliases merged: one line for both names
    assert all(p["ratio"] in (None, 1.0) for p in lines["Soleimani"]["points"])
    page = client.get("/outlets/1", headers=HTML).text
    assert "Top entity clusters over time" in page


def test_forms_submitted_with_empty_fields_work(client: TestClient) -> None:
    """A browser sends every field of a GET form, empty ones as "": that is not an error."""
    empty = "&outlet=&collection=&since=&until=&language=&technique=&entity=&min_claim_score="
    assert client.get("/search?q=schools" + empty, headers=HTML).status_code == 200
    assert client.get("/search?q=schools&min_claim_score=0.5", headers=HTML).status_code == 200
    assert client.get("/search?q=a&min_claim_score=2", headers=HTML).status_code == 422
    assert (
        client.get("/outlets/1?peer=&peer=&by=month&since=&until=", headers=HTML).status_code == 200
    )
    url = "/compare?group=outlet:1&group=&group=&metric=techniques&by=week&since=&until="
    assert client.get(url, headers=HTML).status_code == 200


def test_file_report_download_keeps_its_no_script_policy(client: TestClient, app_and_ids) -> None:  # type: ignore[no-untyped-def]
    doc_id = app_and_ids[1]["Daily Alpha"][0]
    r = client.get(f"/documents/{doc_id}/report.html")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert "script-src 'none'" in r.headers["content-security-policy"]
    assert 'http-equiv="Content-Security-Policy"' in r.text and "<script" not in r.text
