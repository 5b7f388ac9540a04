"""RawPage: the bytes of one input and what the transport said about them; SourceFailure."""

from __future__ import annotations

from dataclasses import dataclass, field

from presslens.errors import PressLensError


@dataclass(frozen=True)
class RawPage:
    """Undecoded bytes plus transport facts (URI, HTTP content type and charset, fetch time).

    ``outlet`` is a name the caller already knows (``--outlet``, an outlets file); ``headers``
    are the HTTP response headers (lower-case names) when the page came over HTTP or out of a
    WARC response record, so later stages can read e.g. ``last-modified`` without a refetch.
    Both default to None so older callers keep working.
    """

    uri: str
    data: bytes
    content_type: str | None = None
    http_charset: str | None = None
    fetched_at: str | None = None
    outlet: str | None = None
    # A dict cannot be hashed: leave it out of the hash so RawPage stays usable as a key.
    headers: dict[str, str] | None = field(default=None, hash=False)


@dataclass(frozen=True)
class SourceFailure:
    """One input that could not become a RawPage: a broken WARC record, a 404, a bad feed.

    ``iter_pages`` yields these in place of the page so a batch goes on and can report one line
    per bad input (``str(failure)`` is ``str(error)``, which names the input and the cause).
    """

    uri: str
    error: PressLensError

    def __str__(self) -> str:
        return str(self.error)
