"""Source kinds are decided by content: the XML root element, the WARC header, the gzip magic."""

from __future__ import annotations

import gzip

import pytest

from presslens.ingest.sniff import Kind, peek_gzip, sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', Kind.FEED),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- generator -->\n<feed xmlns='x'/>", Kind.FEED),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', Kind.FEED),
        (b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><urlset xmlns="x">', Kind.SITEMAP),
        (b"  <sitemapindex>", Kind.SITEMAP),
        (b'<!DOCTYPE rss PUBLIC "-//Netscape" "http://x/rss-0.91.dtd"><rss>', Kind.FEED),
        (b"<!DOCTYPE html><html><head><title>rss feed</title>", Kind.PAGE),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', Kind.PAGE),
        (b"Plain text that mentions <rss> later.", Kind.PAGE),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", Kind.WARC),
        (gzip.compress(b"<p>x</p>"), Kind.GZIP),
        (b"", Kind.PAGE),
        ("<?xml version='1.0' encoding='utf-16'?><rss/>".encode("utf-16"), Kind.FEED),
    ],
)
def test_sniff(head: bytes, kind: Kind) -> None:
    assert sniff(head) is kind


def test_peek_gzip_sees_the_inner_kind() -> None:
    assert sniff(peek_gzip(gzip.compress(b"<urlset></urlset>"))) is Kind.SITEMAP
    assert peek_gzip(b"\x1f\x8bnot gzip") == b""
