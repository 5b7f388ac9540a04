"""Turn what a user sends (pasted text, an uploaded file, a URL) into a RawPage.

Why here and not ``read_source``: ``read_source`` opens any string that is not a URL as a local
path, which on a server would let a visitor read the server's files. The web path therefore never
passes user strings to it: pasted text and uploads become a RawPage built from the bytes we
received (``paste:<sha>``, ``upload:<name>``), and URLs go only through the SSRF-guarded fetch.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from presslens.errors import InputError, TooLargeError
from presslens.ingest.fetch import fetch_url
from presslens.ingest.limits import GZIP_MAGIC, gunzip_bounded
from presslens.ingest.rawpage import RawPage
from presslens.settings import Settings

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 80  # characters of an uploaded file's name kept in its URI


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_size(data: bytes, uri: str, settings: Settings) -> None:
    if len(data) > settings.max_bytes:
        raise TooLargeError(
            f"{len(data):,} bytes, above the limit of {settings.max_bytes:,}", source=uri
        )


def page_from_text(text: str, settings: Settings) -> RawPage:
    """Pasted text → a text/plain RawPage named by the hash of its bytes."""
    data = text.encode("utf-8")
    uri = f"paste:{hashlib.sha256(data).hexdigest()[:16]}"
    if not text.strip():
        raise InputError("the pasted text is empty", source=uri)
    _check_size(data, uri, settings)
    return RawPage(uri, data, "text/plain", "utf-8", _now())


def page_from_upload(
    filename: str | None, data: bytes, content_type: str | None, settings: Settings
) -> RawPage:
    """Uploaded bytes → a RawPage; a gzip upload is inflated with the bomb guard."""
    name = _SAFE_NAME.sub("_", (filename or "file").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    uri = f"upload:{name[:MAX_NAME] or 'file'}"
    if not data:
        raise InputError("the uploaded file is empty", source=uri)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_bounded(data, settings.max_bytes, settings.max_compression_ratio, uri)
        content_type = None
    _check_size(data, uri, settings)
    ctype = (content_type or "").split(";")[0].strip().lower() or None
    if ctype in ("application/octet-stream", "application/gzip", "application/x-gzip"):
        ctype = None  # says nothing about the page: let extraction sniff the bytes
    return RawPage(uri, data, ctype, None, _now())


def page_from_url(url: str, settings: Settings) -> RawPage:
    """Fetch an http(s) URL through the SSRF guard (every hop checked, body size-capped)."""
    if not re.match(r"(?i)^https?://", url.strip()):
        raise InputError("only http:// and https:// URLs can be analysed", source=url[:200])
    page = fetch_url(url.strip(), settings)  # resolves once, checks and pins every address
    if page.data.startswith(GZIP_MAGIC):
        data = gunzip_bounded(page.data, settings.max_bytes, settings.max_compression_ratio, url)
        page = RawPage(page.uri, data, page.content_type, page.http_charset, page.fetched_at)
    return page
