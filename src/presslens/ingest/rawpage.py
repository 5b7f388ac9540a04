"""RawPage: the bytes of one input and what the transport said about them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawPage:
    """Undecoded bytes plus transport facts (URI, HTTP content type and charset, fetch time)."""

    uri: str
    data: bytes
    content_type: str | None = None
    http_charset: str | None = None
    fetched_at: str | None = None
