"""Mutated WARC, feed, sitemap and gzip bytes through iter_pages: only RawPage or SourceFailure.

Links in the seeds point at a closed local port, and name lookups are stubbed to fail, so a
mutation that invents a host name can never reach a resolver or the network.
"""

from __future__ import annotations

import gzip
import io
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens.ingest.expand import iter_pages
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.settings import Settings

FAST = Settings(fetch_timeout=1, fetch_retries=0, fetch_host_delay=0.0, max_bytes=200_000)


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"http://127.0.0.1:9/{i}",
                "response",
                payload=io.BytesIO(b"<p>page %d</p>" % i),
                http_headers=headers,
            )
        )
    return buf.getvalue()


SEEDS = [
    _warc(False),
    _warc(True),
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<item><link>http://127.0.0.1:9/a</link></item></channel></rss>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://127.0.0.1:9/b"/>'
    b"</entry></feed>",
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
    b"<loc>http://127.0.0.1:9/c</loc></url></urlset>",
    b"<sitemapindex><sitemap><loc>http://127.0.0.1:9/s.xml</loc></sitemap></sitemapindex>",
    gzip.compress(b"<html><body><p>gzipped page</p></body></html>"),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 32))]
    return bytes(data)


@pytest.fixture(autouse=True)
def no_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "stubbed: no lookups in the fuzz test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@settings(
    max_examples=int(os.environ.get("PRESSLENS_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=mutated())
def test_mutated_containers_yield_pages_or_failures(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path: Path = tmp_path_factory.mktemp("fuzz") / "input.bin"
    path.write_bytes(data)
    for item in iter_pages([path], FAST):
        assert isinstance(item, RawPage | SourceFailure)
        if isinstance(item, SourceFailure):
            assert "\n" not in str(item)
