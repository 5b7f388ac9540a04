"""robots.txt, read once per site and obeyed for every page fetched in bulk.

Why not ``RobotFileParser.read()``: it fetches with urllib, past the SSRF guard, the size limit
and the deadline. The file is fetched here with PressLens's own fetcher and only parsed by
``urllib.robotparser``. What an answer means follows RFC 9309: a 4xx (no robots.txt) allows
everything; a 5xx or no answer at all means "assume complete disallow" for that site.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from presslens.errors import FetchError, ForbiddenAddressError, PressLensError
from presslens.ingest.rawpage import RawPage
from presslens.settings import Settings

MAX_CRAWL_DELAY = 30.0  # seconds; a larger Crawl-delay is capped so one site cannot stall a run


class RobotsCache:
    """One parsed robots.txt per scheme://host:port, fetched on first use (thread-safe)."""

    def __init__(self, settings: Settings, fetch: Callable[[str], RawPage]) -> None:
        self.settings = settings
        self._fetch = fetch
        self._parsers: dict[str, RobotFileParser] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def allowed(self, url: str) -> bool:
        """Whether our user agent may fetch ``url``."""
        return self._parser(url).can_fetch(self.settings.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """The site's Crawl-delay for our agent (capped), or None; only from a cached file."""
        parser = self._parsers.get(_site(url))
        if parser is None:
            return None
        delay = parser.crawl_delay(self.settings.user_agent)
        return None if delay is None else min(float(delay), MAX_CRAWL_DELAY)

    def _parser(self, url: str) -> RobotFileParser:
        site = _site(url)
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:  # one fetch per site even when many workers ask at once
            if site not in self._parsers:
                self._parsers[site] = self._load(site)
            return self._parsers[site]

    def _load(self, site: str) -> RobotFileParser:
        parser = RobotFileParser(site + "/robots.txt")
        try:
            page = self._fetch(site + "/robots.txt")
        except ForbiddenAddressError:
            parser.allow_all = True  # the page fetch itself will be refused with the reason
            return parser
        except FetchError as exc:
            status = getattr(exc, "status", None)
            if status is not None and 400 <= status < 500:
                parser.allow_all = True
            else:
                parser.disallow_all = True
            return parser
        except PressLensError:  # e.g. a robots.txt over 512 KiB: read as no robots.txt
            parser.allow_all = True
            return parser
        text = page.data.decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        return parser


def _site(url: str) -> str:
    parts = urlsplit(url)
    netloc = (parts.hostname or "").lower()
    if ":" in netloc:
        netloc = f"[{netloc}]"
    try:
        port = parts.port
    except ValueError:  # a bad port: the page fetch itself reports the invalid URL
        port = None
    if port:
        netloc = f"{netloc}:{port}"
    return f"{parts.scheme.lower()}://{netloc}"
