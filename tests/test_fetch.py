"""Bulk fetching: feeds, sitemaps (index, .xml.gz), robots.txt, retries, 404, per-host delay.

Every server here is on 127.0.0.1 and reached with allow_private=True, the only way in.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from localhttp import LocalServer, sequence
from presslens.errors import (
    DecompressionBombError,
    FetchError,
    RobotsDisallowedError,
    SourceFormatError,
    TooLargeError,
)
from presslens.ingest.expand import iter_pages
from presslens.ingest.fetch import Fetcher, HostThrottle, fetch_url
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.settings import Settings

LOCAL = Settings(
    allow_private=True, fetch_host_delay=0.0, fetch_retries=2, fetch_backoff=0.05, fetch_timeout=5
)
HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}


def article(n: int) -> bytes:
    return f"<html><body><p>Article {n}: the council met.</p></body></html>".encode()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>t</title><link>{base}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>{items}</channel></rss>'.encode()


def atom(paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>t</title><id>tag:x,{i}</id><link rel="alternate" href="{p}"/></entry>'
        for i, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment first -->\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entries}</feed>'
    ).encode()


def urlset(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def index(base: str, paths: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'.encode()


@pytest.fixture()
def site() -> Iterator[LocalServer]:
    server = LocalServer({f"/a/{n}": (200, HTML, article(n)) for n in range(6)}).start()
    yield server
    server.stop()


def split(items: list[RawPage | SourceFailure]) -> tuple[list[bytes], list[str]]:
    return (
        [i.data for i in items if isinstance(i, RawPage)],
        [str(i) for i in items if isinstance(i, SourceFailure)],
    )


def test_rss_feed_by_url_entries_fetched(site: LocalServer) -> None:
    # Served as /news (no .xml): recognised by its root element.
    site.routes["/news"] = (200, XML, rss(site.url, ["/a/0", "/a/1", "/gone"]))
    pages, failures = split(list(iter_pages([site.url + "/news"], LOCAL)))
    assert pages == [article(0), article(1)]
    assert len(failures) == 1 and "404" in failures[0] and "/gone" in failures[0]


def test_atom_feed_from_local_file_with_relative_links(site: LocalServer, tmp_path: Path) -> None:
    feed = tmp_path / "feed.txt"  # the extension says nothing; the content does
    feed.write_bytes(atom([f"{site.url}/a/2", f"{site.url}/a/3"]))
    pages, failures = split(list(iter_pages([feed], LOCAL)))
    assert pages == [article(2), article(3)] and failures == []


def test_malformed_feed_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<?xml version="1.0"?><rss><channel><item><link>http://x</link></channel>')
    (failure,) = list(iter_pages([bad], LOCAL))
    assert isinstance(failure.error, SourceFormatError)
    assert "malformed feed" in str(failure) and "\n" not in str(failure)


def test_feed_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rss"
    bomb.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<rss><channel><title>&b;</title></channel></rss>"
    )
    (failure,) = list(iter_pages([bomb], LOCAL))
    assert isinstance(failure.error, SourceFormatError) and "entities" in str(failure)


def test_sitemap_index_with_gzipped_child(site: LocalServer) -> None:
    site.routes["/sitemap.xml"] = (200, XML, index(site.url, ["/s1.xml.gz", "/s2.xml"]))
    site.routes["/s1.xml.gz"] = (
        200,
        {"Content-Type": "application/gzip"},
        gzip.compress(urlset(site.url, ["/a/0", "/a/1"])),
    )
    site.routes["/s2.xml"] = (200, XML, urlset(site.url, ["/a/2"]))
    pages, failures = split(list(iter_pages([site.url + "/sitemap.xml"], LOCAL)))
    assert pages == [article(0), article(1), article(2)] and failures == []


def test_sitemap_bounds_are_reported_not_silent(site: LocalServer) -> None:
    site.routes["/big.xml"] = (200, XML, urlset(site.url, [f"/a/{n}" for n in range(6)]))
    pages, failures = split(
        list(iter_pages([site.url + "/big.xml"], LOCAL.with_overrides(max_sitemap_urls=2)))
    )
    assert pages == [article(0), article(1)]
    assert len(failures) == 1 and "max_sitemap_urls" in failures[0]
    # An index that points at itself stops at the depth bound.
    site.routes["/loop.xml"] = (200, XML, index(site.url, ["/loop.xml"]))
    items = list(iter_pages([site.url + "/loop.xml"], LOCAL.with_overrides(max_sitemap_depth=2)))
    pages, failures = split(items)
    assert pages == [] and len(failures) == 1 and "max_sitemap_depth" in failures[0]
    assert site.hits["/loop.xml"] == 3  # the top one + two nested levels, then it stops


def test_robots_disallow_is_its_own_failure(site: LocalServer) -> None:
    site.routes["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        b"User-agent: PressLens\nDisallow: /a/1\n\nUser-agent: *\nDisallow: /a/\n",
    )
    site.routes["/list"] = (200, XML, urlset(site.url, ["/a/0", "/a/1", "/a/2"]))
    items = list(iter_pages([site.url + "/list"], LOCAL))
    pages, failures = split(items)
    assert pages == [article(0), article(2)]
    (skipped,) = [i for i in items if isinstance(i, SourceFailure)]
    assert isinstance(skipped.error, RobotsDisallowedError) and "[E008]" in str(skipped)
    assert "robots.txt" in str(skipped) and "/a/1" in str(skipped)
    assert site.hits["/a/1"] == 0 and site.hits["/robots.txt"] == 1  # read once per host


def test_robots_5xx_means_disallow(site: LocalServer) -> None:
    site.routes["/robots.txt"] = (503, {}, b"down")
    with Fetcher(LOCAL.with_overrides(fetch_retries=0)) as fetcher:
        with pytest.raises(RobotsDisallowedError):
            fetcher.fetch(site.url + "/a/0")
    assert site.hits["/a/0"] == 0


def test_retry_503_then_200(site: LocalServer) -> None:
    site.routes["/flaky"] = sequence(
        (503, {"Retry-After": "0"}, b"busy"), (503, {}, b"busy"), (200, HTML, article(9))
    )
    page = fetch_url(site.url + "/flaky", LOCAL)
    assert page.data == article(9) and site.hits["/flaky"] == 3
    assert page.headers and page.headers["content-type"].startswith("text/html")


def test_retries_are_bounded_and_404_is_not_retried(site: LocalServer) -> None:
    site.routes["/down"] = (500, {}, b"")
    with pytest.raises(FetchError, match="HTTP 500"):
        fetch_url(site.url + "/down", LOCAL)
    assert site.hits["/down"] == 1 + LOCAL.fetch_retries
    with pytest.raises(FetchError, match="404"):
        fetch_url(site.url + "/nothing", LOCAL)
    assert site.hits["/nothing"] == 1


def test_per_host_delay_spaces_requests(site: LocalServer) -> None:
    site.routes["/list"] = (200, XML, urlset(site.url, [f"/a/{n}" for n in range(4)]))
    settings = LOCAL.with_overrides(fetch_host_delay=0.3, fetch_workers=4)
    start = time.monotonic()
    pages, failures = split(list(iter_pages([site.url + "/list"], settings)))
    elapsed = time.monotonic() - start
    assert len(pages) == 4 and failures == []
    # list, robots.txt, 4 pages = 6 requests to one host, spaced 0.3 s even with 4 workers
    assert elapsed >= 5 * 0.3 - 0.05


def test_throttle_reserves_slots_per_host() -> None:
    throttle = HostThrottle(0.2)
    start = time.monotonic()
    for _ in range(3):
        throttle.wait("a")
    throttle.wait("b")  # another host does not wait for a
    assert 0.35 <= time.monotonic() - start < 1.0


def test_entry_over_size_limit(site: LocalServer) -> None:
    site.routes["/big"] = (200, HTML, b"<p>" + b"x" * 5000 + b"</p>")
    site.routes["/feed"] = (200, XML, rss(site.url, ["/big", "/a/0"]))
    items = list(iter_pages([site.url + "/feed"], LOCAL.with_overrides(max_bytes=2000)))
    assert isinstance(items[0], SourceFailure) and isinstance(items[0].error, TooLargeError)
    assert isinstance(items[1], RawPage)


def test_parallel_requests_are_bounded(site: LocalServer) -> None:
    import threading

    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def slow(handler) -> None:  # type: ignore[no-untyped-def]
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        handler.reply(200, HTML, article(0))

    for n in range(8):
        site.routes[f"/slow/{n}"] = slow
    site.routes["/list"] = (200, XML, urlset(site.url, [f"/slow/{n}" for n in range(8)]))
    items = list(iter_pages([site.url + "/list"], LOCAL.with_overrides(fetch_workers=3)))
    assert len(items) == 8 and all(isinstance(i, RawPage) for i in items)
    assert 2 <= state["max"] <= 3  # parallel, but never more than fetch_workers


def test_failures_pickle_for_worker_processes(site: LocalServer) -> None:
    import pickle

    (failure,) = list(iter_pages([site.url + "/nothing"], LOCAL))
    again = pickle.loads(pickle.dumps(failure))
    assert str(again) == str(failure) and "404" in str(again)
    assert again.error.status == 404


def test_gzip_content_coding_checked_like_a_gz_file(site: LocalServer) -> None:
    packed = gzip.compress(article(4) * 200)
    coded = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    site.routes["/gz"] = (200, coded, packed)
    site.routes["/gz-cut"] = (200, coded, packed[: len(packed) // 2])
    site.routes["/br"] = (200, {"Content-Encoding": "br"}, b"\x0b\x02\x80")
    assert fetch_url(site.url + "/gz", LOCAL).data == article(4) * 200
    with pytest.raises(SourceFormatError, match="truncated"):
        fetch_url(site.url + "/gz-cut", LOCAL)
    with pytest.raises(FetchError, match="Content-Encoding"):
        fetch_url(site.url + "/br", LOCAL)
    bomb = gzip.compress(b"\0" * (30 * 1024 * 1024))
    site.routes["/bomb"] = (200, coded, bomb)
    with pytest.raises(DecompressionBombError):
        fetch_url(site.url + "/bomb", LOCAL)


def test_feed_entry_bound_is_reported(site: LocalServer) -> None:
    site.routes["/feed"] = (200, XML, rss(site.url, [f"/a/{n}" for n in range(5)]))
    items = list(iter_pages([site.url + "/feed"], LOCAL.with_overrides(max_feed_entries=2)))
    pages, failures = split(items)
    assert pages == [article(0), article(1)]
    assert len(failures) == 1 and "max_feed_entries" in failures[0] and "5 entries" in failures[0]


def test_crawl_delay_of_robots_txt_is_obeyed(site: LocalServer) -> None:
    # urllib.robotparser reads whole seconds only (a "0.5" is ignored, leaving our own delay).
    site.routes["/robots.txt"] = (200, {}, b"User-agent: *\nCrawl-delay: 1\n")
    site.routes["/list"] = (200, XML, urlset(site.url, ["/a/0", "/a/1"]))
    start = time.monotonic()
    pages, failures = split(list(iter_pages([site.url + "/list"], LOCAL)))
    assert len(pages) == 2 and failures == []
    assert time.monotonic() - start >= 1.0  # two pages, spaced by the site's delay
