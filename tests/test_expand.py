"""iter_pages over local sources: files, folders, globs, .gz, WARC / WARC.gz, stdin, URL lists."""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from localhttp import LocalServer
from presslens.errors import InputError, SourceFormatError, TooLargeError
from presslens.ingest.expand import iter_pages
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.settings import Settings

LOCAL = Settings(allow_private=True, fetch_host_delay=0.0, fetch_retries=0, fetch_timeout=5)


def page(n: int) -> bytes:
    return f"<html><body><p>Story number {n} of the day.</p></body></html>".encode()


def pages_and_failures(items: Iterator[RawPage | SourceFailure]) -> tuple[list[RawPage], list]:
    items = list(items)
    return (
        [i for i in items if isinstance(i, RawPage)],
        [i for i in items if isinstance(i, SourceFailure)],
    )


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.html").write_bytes(page(2))
    (tmp_path / "a.html").write_bytes(page(1))
    (tmp_path / ".hidden.html").write_bytes(page(9))
    (tmp_path / ".git" / "x.html").write_bytes(page(9))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(page(3)))
    pages, failures = pages_and_failures(iter_pages([tmp_path]))
    assert failures == []
    assert [p.data for p in pages] == [page(1), page(2), page(3)]
    assert all(p.uri.startswith("file://") for p in pages)


def test_glob_and_missing_sources(tmp_path: Path) -> None:
    for n in (1, 2):
        (tmp_path / f"s{n}.html").write_bytes(page(n))
    (tmp_path / "x.txt").write_bytes(b"ignored by the pattern")
    items = list(
        iter_pages([str(tmp_path / "s*.html"), str(tmp_path / "none*.html"), tmp_path / "gone"])
    )
    assert [i.data for i in items[:2]] == [page(1), page(2)]
    assert isinstance(items[2].error, InputError) and "matches" in str(items[2])
    assert isinstance(items[3].error, InputError) and "no such file" in str(items[3])


def test_truncated_gz_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    data = gzip.compress(b"".join(page(n) for n in range(3000)))
    (tmp_path / "a-cut.html.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "b.html").write_bytes(page(1))
    pages, failures = pages_and_failures(iter_pages([tmp_path]))
    assert [p.data for p in pages] == [page(1)]
    assert len(failures) == 1 and isinstance(failures[0].error, SourceFormatError)
    assert "truncated" in str(failures[0]) and "\n" not in str(failures[0])


def write_warc(path: Path, n: int, *, gz: bool, extra: bool = True) -> list[int]:
    """n page responses (+ a redirect, an image, a request record); returns record offsets."""
    offsets = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            offsets.append(fh.tell())
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)

        for i in range(n):
            response(f"http://news.example/{i}", "200 OK", "text/html; charset=koi8-r", page(i))
            if extra and i == 0:
                response("http://news.example/old", "301 Moved", "text/html", b"")
                response("http://news.example/logo.png", "200 OK", "image/png", b"\x89PNG")
                offsets.append(fh.tell())
                writer.write_record(
                    writer.create_warc_record(
                        "http://news.example/0",
                        "request",
                        payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                    )
                )
    return offsets


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records_become_pages(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, 3, gz=gz)
    pages, failures = pages_and_failures(iter_pages([path]))
    assert failures == []
    assert [p.uri for p in pages] == [f"http://news.example/{i}" for i in range(3)]
    assert [p.data for p in pages] == [page(i) for i in range(3)]
    first = pages[0]
    assert first.http_charset == "koi8-r" and first.content_type.startswith("text/html")
    assert first.fetched_at and first.fetched_at.startswith("20")
    assert first.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("gz", [False, True])
def test_warc_corrupt_record_is_one_failure_and_iteration_goes_on(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = write_warc(path, 4, gz=gz, extra=False)
    data = bytearray(path.read_bytes())
    data[offsets[1] + 4 : offsets[1] + 40] = b"#" * 36  # damage the second record's header
    path.write_bytes(bytes(data))
    items = list(iter_pages([path]))
    pages = [i for i in items if isinstance(i, RawPage)]
    failures = [i for i in items if isinstance(i, SourceFailure)]
    assert [p.uri for p in pages] == [
        "http://news.example/0",
        "http://news.example/2",
        "http://news.example/3",
    ]
    assert len(failures) == 1 and isinstance(failures[0].error, SourceFormatError)
    assert str(path) in str(failures[0]) and "[E009]" in str(failures[0])
    assert isinstance(items[1], SourceFailure)  # reported where it happened, in order


def test_warc_record_over_size_limit_and_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, 3, gz=True, extra=False)
    pages, failures = pages_and_failures(iter_pages([path], Settings(max_bytes=40)))
    assert pages == [] and len(failures) == 3
    assert all(isinstance(f.error, TooLargeError) for f in failures)
    path.write_bytes(path.read_bytes()[:-30])  # cut inside the last record
    pages, failures = pages_and_failures(iter_pages([path]))
    assert (
        len(pages) == 2
        and len(failures) == 1
        and "shorter than its Content-Length" in str(failures[0])
    )


def test_warc_from_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, 2, gz=True)

    class FakeStdin:
        buffer = io.BytesIO(path.read_bytes())

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    pages, failures = pages_and_failures(iter_pages(["-"]))
    assert failures == [] and [p.uri for p in pages] == [
        "http://news.example/0",
        "http://news.example/1",
    ]


def test_stdin_page(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(page(7))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert [p.data for p in iter_pages(["-"])] == [page(7)]


def test_url_list_skips_comments_and_reports_bad_lines(tmp_path: Path) -> None:
    server = LocalServer(
        {f"/a{n}": (200, {"Content-Type": "text/html"}, page(n)) for n in range(3)}
    ).start()
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text(
            f"# today's list\n\n{server.url}/a0\n  {server.url}/a1  \nnot a url\n"
            f"{server.url}/missing\n{server.url}/a2\nfile:///etc/passwd\n",
            encoding="utf-8",
        )
        items = list(iter_pages([f"@{urls}"], LOCAL))
    finally:
        server.stop()
    kinds = [type(i).__name__ for i in items]
    assert kinds == [
        "RawPage",
        "RawPage",
        "SourceFailure",
        "SourceFailure",
        "RawPage",
        "SourceFailure",
    ]
    assert [i.data for i in items if isinstance(i, RawPage)] == [page(0), page(1), page(2)]
    assert "urls.txt:5" in str(items[2]) and "404" in str(items[3])
    assert "[E007]" in str(items[5])  # file: is refused by the guard, never read
    assert all("PressLens" in ua for ua in server.user_agents)


def test_missing_url_list() -> None:
    (failure,) = list(iter_pages(["@/no/such/urls.txt"]))
    assert isinstance(failure, SourceFailure) and "URL list" in str(failure)


def test_warc_payload_chunked_and_gzip_encoded_is_decoded(tmp_path: Path) -> None:
    # Crawlers store the HTTP body as received: chunked transfer coding around gzip content.
    body = gzip.compress(page(5))
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    path = tmp_path / "raw.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html"),
                ("Transfer-Encoding", "chunked"),
                ("Content-Encoding", "gzip"),
            ],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                "http://news.example/enc",
                "response",
                payload=io.BytesIO(chunked),
                http_headers=headers,
            )
        )
    (only,) = list(iter_pages([path]))
    assert isinstance(only, RawPage) and only.data == page(5)


def test_rawpage_old_callers_and_hashing() -> None:
    old = RawPage("u", b"x", "text/html", "utf-8", "2026-01-01")
    assert old.outlet is None and old.headers is None
    new = RawPage("u", b"x", headers={"a": "b"}, outlet="Daily")
    assert hash(new) == hash(RawPage("u", b"x", headers={"c": "d"}, outlet="Daily"))


def test_warc_gzipped_as_one_stream(tmp_path: Path) -> None:
    # `gzip crawl.warc` makes one member for the whole file; warcio alone stops after record 1.
    plain = tmp_path / "crawl.warc"
    write_warc(plain, 4, gz=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    pages, failures = pages_and_failures(iter_pages([whole]))
    assert failures == [] and [p.uri for p in pages] == [
        f"http://news.example/{i}" for i in range(4)
    ]
    whole.write_bytes(gzip.compress(plain.read_bytes())[:-200])  # and cut short
    pages, failures = pages_and_failures(iter_pages([whole]))
    assert len(failures) == 1 and "truncated" in str(failures[0])
    assert len(pages) < 4


def test_warc_endless_header_line_is_bounded(tmp_path: Path) -> None:
    # warcio reads header lines unbounded; the budget makes a 3 MB header one failure line.
    plain = tmp_path / "crawl.warc"
    offsets = write_warc(plain, 3, gz=False, extra=False)
    data = plain.read_bytes()
    bad = (
        data[: offsets[1]]
        + b"WARC/1.0\r\nX-Long: "
        + b"a" * (3 * 1024 * 1024)
        + data[offsets[1] + 10 :]
    )
    plain.write_bytes(bad)
    pages, failures = pages_and_failures(iter_pages([plain]))
    assert [p.uri for p in pages] == ["http://news.example/0", "http://news.example/2"]
    assert len(failures) == 1 and "headers longer than" in str(failures[0])


def test_warc_wrong_content_length_is_one_failure(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    offsets = write_warc(plain, 3, gz=False, extra=False)
    data = plain.read_bytes()
    at = data.index(b"Content-Length: ", offsets[1])
    plain.write_bytes(data[:at] + b"Content-Length: 1" + data[at + 16 :])  # 57 -> 157
    pages, failures = pages_and_failures(iter_pages([plain]))
    # The wrong length swallows record 2; resynchronising finds it again.
    assert [p.uri for p in pages] == ["http://news.example/0", "http://news.example/2"]
    assert len(failures) == 1 and "Content-Length" in str(failures[0])


def test_recursive_glob_reads_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "1.html").write_bytes(page(1))
    (tmp_path / "d" / "e" / "2.html").write_bytes(page(2))
    pages, failures = pages_and_failures(iter_pages([str(tmp_path / "d" / "**")]))
    assert failures == [] and [p.data for p in pages] == [page(1), page(2)]


def test_gzipped_page_listed_in_a_sitemap_is_inflated(tmp_path: Path) -> None:
    server = LocalServer(
        {"/a.html.gz": (200, {"Content-Type": "application/gzip"}, gzip.compress(page(3)))}
    ).start()
    try:
        sitemap = tmp_path / "sitemap.xml"
        sitemap.write_text(f"<urlset><url><loc>{server.url}/a.html.gz</loc></url></urlset>")
        (only,) = list(iter_pages([sitemap], LOCAL))
    finally:
        server.stop()
    assert isinstance(only, RawPage) and only.data == page(3)
