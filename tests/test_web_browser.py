"""The web app in Debian's Chromium (Playwright): paste an article and see highlights and
charts, correct a span and find it in the export, compare outlets, and a corpus of hostile
pages that must run no script and send no request anywhere — on the app's pages and in the
file reports. ``PRESSLENS_SCREENSHOTS=1`` saves a screenshot of each page to docs/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("presslens.store")
pytest.importorskip("playwright")

import webkit  # noqa: E402
from presslens.render.exports import labelstudio  # noqa: E402
from presslens.render.report import render_report  # noqa: E402
from presslens.settings import DEFAULT_SETTINGS  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.web.app import create_app  # noqa: E402
from presslens.web.auth import parse_tokens  # noqa: E402
from presslens.web.export_cli import export_items  # noqa: E402
from presslens.web.serve import make_analyzer  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CANARY = "window.__pwned=1;alert(1)"
# One payload per way a page can smuggle markup or script, each tripping the canary or a dialog.
PAYLOADS = (
    f"<script>{CANARY}</script>",
    f'"><img src=x onerror="{CANARY}">',
    f"<svg/onload={CANARY}>",
    f"javascript:{CANARY}",
    f'\'><iframe srcdoc="<script>parent.{CANARY}</script>"></iframe>',
    "<img src=http://127.0.0.1:9/leak.png>",
    f'<a href="javascript:{CANARY}">x</a>',
    "</style><style>body{background:url(http://127.0.0.1:9/css)}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
)


def hostile_page(i: int) -> bytes:
    p = PAYLOADS[i % len(PAYLOADS)]
    body = " ".join(
        f"<p>The disgraceful minister {p} said 40 schools would close in Norhaven. {p}</p>"
        for _ in range(3)
    )
    return (
        f"<html><head><title>Title {p}</title><meta property='og:url' content='{p}'>"
        f"<meta name='author' content='{p}'><link rel=canonical href='javascript:{CANARY}'>"
        f"</head><body><article><h1>Headline {p}</h1>{body}"
        f"<figure><img src='http://127.0.0.1:9/i.png'><figcaption>Caption {p}</figcaption>"
        f"</figure><p>Officials said reportedly {p} 12 bridges shut.</p>"
        f"<p>“We will not accept {p},” said Velmora {p} Aldaya on Monday.</p>"
        "</article></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    store = open_store(str(tmp_path_factory.mktemp("browser") / "b.db"))
    ids = webkit.populate(store)
    analyze = make_analyzer(DEFAULT_SETTINGS)
    app = create_app(
        settings=DEFAULT_SETTINGS,
        store=store,
        analyze=analyze,
        tokens=parse_tokens({"PRESSLENS_TOKENS": webkit.TOKENS}),
    )
    with webkit.LiveServer(app) as live:
        yield {"url": live.url, "store": store, "ids": ids, "analyze": analyze}


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


class Watch:
    """A page with listeners for dialogs, console messages and requests leaving ``origin``."""

    def __init__(self, browser: Any, origin: str) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(str(e)))

        def on_request(req: Any) -> None:
            if not req.url.startswith((origin + "/", "data:", "about:")):
                self.outside.append(req.url)

        self.page.on("request", on_request)

    def clean(self) -> None:
        assert self.page.evaluate("() => window.__pwned") is None
        assert self.dialogs == [] and self.outside == []
        assert [c for c in self.console if "Content Security Policy" not in c] == []


def shot(page: Any, name: str) -> None:
    if os.environ.get("PRESSLENS_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def login(page: Any, url: str, token: str = "alice-token-1") -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=token]", token)
    page.click("button:has-text('Log in')")
    assert "signed in as" in page.inner_text("header")


def test_paste_article_shows_highlights_and_charts(site, browser) -> None:  # type: ignore[no-untyped-def]
    w = Watch(browser, site["url"])
    page = w.page
    login(page, site["url"])
    shot(page, "analyse")
    text = (Path(__file__).resolve().parents[1] / "examples" / "dump-velmora-talks.txt").read_text()
    page.fill("textarea[name=text]", text)
    page.fill("input[name=outlet]", "Pasted Post")
    page.click("button:has-text('Analyse')")
    page.wait_for_url("**/documents/**")
    assert page.locator(".article .a").count() > 5  # highlighted annotations
    assert page.locator(".article .L-entities").count() > 0
    assert page.locator("section.controls input[type=checkbox]").count() >= 3
    shot(page, "document")
    page.goto(site["url"] + "/outlets")
    page.click("text=Pasted Post")
    assert page.locator(".chart svg").count() >= 4  # technique bars + 4 lines over time
    assert page.locator(".chart svg polyline, .chart svg circle").count() > 0
    shot(page, "profile")
    w.clean()


def test_correct_a_span_persists_and_exports(site, browser) -> None:  # type: ignore[no-untyped-def]
    doc_id = site["ids"]["Daily Alpha"][2]
    w = Watch(browser, site["url"])
    page = w.page
    login(page, site["url"], "bob-token-22")
    page.goto(f"{site['url']}/documents/{doc_id}")
    row = page.locator("#span-techniques-0")
    with page.expect_navigation():  # the form posts, then the server redirects back
        row.locator("button:has-text('reject')").click()
    row = page.locator("#span-techniques-1")
    row.locator("select[name=label]").select_option("Doubt")
    with page.expect_navigation():
        row.locator("button:has-text('relabel')").click()
    page.reload()
    assert "rejected" in page.inner_text("#span-techniques-0")
    assert "Doubt" in page.inner_text("#span-techniques-1")
    shot(page, "corrections")
    items = {it.doc_id: it for it in export_items(site["store"])}
    bob = {s.id: s for s in items[doc_id].by_author["bob"]}
    assert "techniques-0" not in bob and bob["techniques-1"].label == "Doubt"
    task = labelstudio.task(items[doc_id])
    assert len(task["predictions"][0]["result"]) == len(items[doc_id].model)
    w.clean()


def test_outlet_comparison_renders(site, browser) -> None:  # type: ignore[no-untyped-def]
    w = Watch(browser, site["url"])
    page = w.page
    page.goto(f"{site['url']}/compare?group=outlet:1&group=outlet:2&group=corpus&by=month")
    chart = page.locator("#comparison svg")
    assert chart.locator("rect").count() == 3  # one legend swatch per compared group
    assert chart.locator("polyline").count() >= 2 and chart.locator("circle").count() >= 6
    assert "Wide CSV" in page.inner_text("main")
    shot(page, "compare")
    href = page.locator("a:has-text('Wide CSV')").get_attribute("href")
    csv = page.request.get(site["url"] + href)
    header = csv.text().splitlines()[0]
    assert header.startswith("period,") and "ratio" in header and "total" in header
    page.goto(f"{site['url']}/search")
    page.fill("input[name=q]", "schools")
    page.select_option("select[name=outlet]", "Daily Alpha")
    page.click("button:has-text('Search')")  # the form sends its empty filters too
    assert page.locator(".result").count() == 3 and page.locator("mark").count() > 0
    shot(page, "search")
    w.clean()


def test_hostile_pages_run_no_script_in_the_app(site, browser) -> None:  # type: ignore[no-untyped-def]
    import httpx

    ids = []
    with httpx.Client(base_url=site["url"], timeout=120) as c:
        for i in range(len(PAYLOADS)):
            r = c.post(
                "/api/documents",
                headers={"authorization": "Bearer alice-token-1"},
                files={"file": (f"x{i}.html", hostile_page(i), "text/html")},
                data={"outlet": f"Outlet {PAYLOADS[i]}"[:200]},
            )
            # a page whose payload swallows the article is refused in one line: also fine
            assert r.status_code in (201, 422), r.text
            if r.status_code == 201:
                ids.append(r.json()["id"])
        assert len(ids) >= len(PAYLOADS) - 2
        r = c.post(
            "/api/documents/" + ids[0] + "/corrections",
            headers={"authorization": "Bearer alice-token-1"},
            json={"action": "add", "label": "Doubt", "start": 0, "end": 5},
        )
        assert r.status_code == 201
        outlets = c.get("/api/outlets").json()["outlets"]
    hostile_outlets = [o["id"] for o in outlets if o["name"].startswith("Outlet ")]
    w = Watch(browser, site["url"])
    urls = [
        "/",
        "/outlets",
        "/search?q=minister",
        f"/search?q={PAYLOADS[0]}",
        "/compare?" + "&".join(f"group=outlet:{i}" for i in hostile_outlets[:5]),
        *[f"/outlets/{i}" for i in hostile_outlets],
        *[f"/documents/{i}" for i in ids],
        f"/documents/{ids[0]}/agreement",
    ]
    for url in urls:
        w.page.goto(site["url"] + url)
        for el in w.page.locator(".a").all()[:5]:
            el.focus()  # tooltips (data-tip) show on focus
    w.clean()
    w.page.goto(f"{site['url']}/documents/{ids[0]}")
    assert "window.__pwned" in w.page.inner_text("main")  # the payload is visible as text
    w.clean()


def test_hostile_file_reports_run_no_script(site, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from presslens.ingest.rawpage import RawPage

    w = Watch(browser, "file://")
    from presslens.errors import ExtractionError

    for i in range(len(PAYLOADS)):
        try:
            doc = site["analyze"](RawPage(f"https://x.example/{PAYLOADS[i]}", hostile_page(i)))
        except ExtractionError:
            continue
        path = tmp_path / f"r{i}.html"
        path.write_text(render_report(doc), encoding="utf-8")
        w.page.goto(path.as_uri())
        for el in w.page.locator(".a").all()[:5]:
            el.focus()
        assert w.page.locator("script").count() == 0
    w.outside = [u for u in w.outside if not u.startswith("file://")]
    w.clean()
    assert json.dumps(w.console) == "[]"


def test_the_watch_catches_a_script_that_runs(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Control: the same listeners do see a script, a dialog and a request when one happens."""
    path = tmp_path / "control.html"
    path.write_text(f"<script>{CANARY}</script><img src='http://127.0.0.1:9/x.png'>")
    w = Watch(browser, "file://")
    w.page.goto(path.as_uri())
    w.page.wait_for_timeout(200)
    assert w.page.evaluate("() => window.__pwned") == 1
    assert w.dialogs and any("127.0.0.1:9" in u for u in w.outside)
    with pytest.raises(AssertionError):
        w.clean()


def test_the_real_deadline_holds_in_the_analysis_thread(site, tmp_path: Path) -> None:
    """The Pipeline's own deadline fires in the runner's worker thread: a long article with
    a 0.5 s limit is a 504 in about that time, and the worker is free again afterwards."""
    import time

    import httpx

    from presslens.pipeline import Pipeline

    base = site["analyze"].__self__
    quick = Pipeline(DEFAULT_SETTINGS.with_overrides(time_limit=0.5), models=base.models)
    app = create_app(
        settings=quick.settings,
        store=open_store(str(tmp_path / "d.db")),
        analyze=quick.analyze,
        tokens=parse_tokens({"PRESSLENS_TOKENS": webkit.TOKENS}),
        warm=False,
    )
    text = " ".join(f"Minister {i} said 40 schools in Norhaven would close." for i in range(3000))
    with webkit.LiveServer(app) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        started = time.perf_counter()
        r = c.post(
            "/api/documents", json={"text": text}, headers={"authorization": "Bearer alice-token-1"}
        )
        took = time.perf_counter() - started
        assert r.status_code == 504 and "time limit" in r.json()["detail"]
        assert took < 0.5 + 2.0 + 1.0  # deadline + the runner's grace + slack
        for _ in range(50):
            if c.get("/api/health").json()["analyses"] == 0:
                break
            time.sleep(0.1)
        assert c.get("/api/health").json()["analyses"] == 0
