"""Ingest: files, stdin, gzip, limits, decompression bombs, URL fetching and its SSRF guard."""

from __future__ import annotations

import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.errors import (
    DecompressionBombError,
    FetchError,
    ForbiddenAddressError,
    InputError,
    SourceFormatError,
    TooLargeError,
)
from presslens.ingest import read_source
from presslens.settings import Settings

HTML = b"<html><head><title>T</title></head><body><p>Hello there, reader.</p></body></html>"


def test_reads_file_and_records_uri(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_bytes(HTML)
    page = read_source(p)
    assert page.data == HTML and page.uri.startswith("file://")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.html")
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path)


def test_gzip_file_is_inflated(tmp_path: Path) -> None:
    p = tmp_path / "a.html.gz"
    p.write_bytes(gzip.compress(HTML))
    assert read_source(p).data == HTML


@pytest.mark.parametrize("keep", [0.5, 0.99, 12 / 1000])
def test_truncated_gzip_is_refused_not_half_analysed(tmp_path: Path, keep: float) -> None:
    # Issue 16: a cut .gz was analysed as if whole. Now one line says it is truncated.
    original = b"".join(b"<p>paragraph %d of the story</p>" % i for i in range(5000))
    data = gzip.compress(original)
    p = tmp_path / "cut.html.gz"
    p.write_bytes(data[: max(12, int(len(data) * keep))])
    with pytest.raises(SourceFormatError, match="truncated") as info:
        read_source(p)
    assert "\n" not in str(info.value) and "cut.html.gz" in str(info.value)


def test_multi_member_gzip_is_read_whole(tmp_path: Path) -> None:
    p = tmp_path / "two.html.gz"
    p.write_bytes(gzip.compress(HTML[:30]) + gzip.compress(HTML[30:]))
    assert read_source(p).data == HTML


def test_nested_gzip_is_inflated_once_only(tmp_path: Path) -> None:
    # The bomb guards see one level; the inner gzip stays bytes (refused later as binary).
    p = tmp_path / "nested.html.gz"
    p.write_bytes(gzip.compress(gzip.compress(HTML, mtime=0)))
    assert read_source(p).data == gzip.compress(HTML, mtime=0)


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.html"
    p.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(TooLargeError):
        read_source(p, Settings(max_bytes=1000))


def test_decompression_bomb(tmp_path: Path) -> None:
    p = tmp_path / "bomb.html.gz"
    p.write_bytes(gzip.compress(b"\0" * (60 * 1024 * 1024)))  # 60 MB of zeros → ~60 KB
    with pytest.raises(DecompressionBombError):
        read_source(p)


def test_bomb_ratio_guard_below_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "ratio.html.gz"
    p.write_bytes(gzip.compress(b"a" * (8 * 1024 * 1024)))
    with pytest.raises(DecompressionBombError, match="ratio"):
        read_source(p, Settings(max_compression_ratio=100))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(HTML)

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    page = read_source("-")
    assert page.uri == "stdin" and page.data == HTML


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=koi8-r")
            body = "<html><body><p>Совет одобрил бюджет.</p></body></html>".encode("koi8-r")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/loop"):
            n = int(self.path[5:] or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<p>" + b"y" * 10000 + b"</p>")
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_loopback_refused_by_default(server: str) -> None:
    with pytest.raises(ForbiddenAddressError, match="allow-private"):
        read_source(server + "/page")


def test_fetch_with_allow_private(server: str) -> None:
    page = read_source(server + "/page", Settings(allow_private=True))
    assert page.http_charset == "koi8-r"
    from presslens.ingest import decode

    assert "Совет" in decode(page.data, http_charset=page.http_charset).text


def test_redirects_are_bounded(server: str) -> None:
    with pytest.raises(FetchError, match="redirects"):
        read_source(server + "/loop0", Settings(allow_private=True, max_redirects=3))


def test_http_error_status(server: str) -> None:
    with pytest.raises(FetchError, match="404"):
        read_source(server + "/missing", Settings(allow_private=True))


def test_streamed_body_is_capped(server: str) -> None:
    with pytest.raises(TooLargeError):
        read_source(server + "/huge", Settings(allow_private=True, max_bytes=50_000))


def test_unreachable_url() -> None:
    with pytest.raises(FetchError):
        read_source("http://127.0.0.1:9/x", Settings(allow_private=True, fetch_timeout=3))


def test_unresolvable_host() -> None:
    with pytest.raises(FetchError):
        read_source("http://no-such-host.invalid/x")


@pytest.mark.parametrize(
    "source", ["ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://x/", "data:," + "a" * 5000]
)
def test_read_source_sends_every_url_to_the_guard(source: str) -> None:
    with pytest.raises(ForbiddenAddressError, match="only http and https"):
        read_source(source)


def test_an_existing_file_wins_over_a_url_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data:page.html").write_bytes(HTML)
    assert read_source("data:page.html").data == HTML
