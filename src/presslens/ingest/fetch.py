"""Fetch URLs: one page (``fetch_url``) or many politely (``Fetcher``), always through the SSRF guard.

``fetch_url`` is what the web app calls for a URL a user typed: every redirect hop is checked and
pinned (``ssrf.py``, ``transport.py``), the body is streamed with the size limit enforced while
reading, and one total deadline covers all hops. Connect timeouts, 429 and 5xx are retried with
exponential backoff; a server that starts answering and then stalls or drips is not retried, so
it holds a worker for one ``fetch_timeout`` at most. It does not read robots.txt: a page a person asked for is not crawling.

``Fetcher`` is what ``iter_pages`` uses for the URLs of feeds, sitemaps and URL lists: robots.txt
obeyed per host, a delay between requests to one host, a bounded number of requests in flight,
results in input order.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from presslens.errors import FetchError, PressLensError, RobotsDisallowedError, TooLargeError
from presslens.ingest.limits import gunzip_bounded
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.ingest.robots import RobotsCache
from presslens.ingest.ssrf import check_url
from presslens.ingest.transport import PinnedTransport
from presslens.settings import DEFAULT_SETTINGS, Settings

# We ask for gzip only; identity is always acceptable. A server that sends another coding
# unasked (br, zstd, deflate) gets a one-line error rather than bytes we cannot check.
CONTENT_CODINGS = frozenset({"identity", "", "gzip", "x-gzip"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})  # the server may answer on a later try
MAX_RETRY_AFTER = 30.0  # seconds; a longer Retry-After is capped so one host cannot stall a run


class HTTPStatusError(FetchError):
    """The server answered with an error status (kept as ``status`` for retries and robots).

    The constructor takes the message first, like every PressLensError, so failures pickle
    (a batch sends them between processes).
    """

    def __init__(
        self, message: str, *, source: str | None = None, status: int = 0, retry_after: float = 0.0
    ) -> None:
        super().__init__(message, source=source)
        self.status = status
        self.retry_after = retry_after


class ConnectTimeoutError(FetchError):
    """No connection within the deadline: worth another try, unlike a server that drips bytes."""


def fetch_url(
    url: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    before_attempt: Callable[[str], None] | None = None,
    max_bytes: int | None = None,
) -> RawPage:
    """Fetch ``url`` with SSRF checks on every hop, bounded body and deadline, and retries.

    ``before_attempt(url)`` runs before each attempt (the Fetcher's per-host delay). Raises a
    FetchError subclass (E006/E007), or TooLargeError (E002) for a body over the limit.
    """
    attempt = 0
    while True:
        if before_attempt is not None:
            before_attempt(url)
        try:
            return _fetch_once(url, settings, max_bytes or settings.max_bytes)
        except (ConnectTimeoutError, HTTPStatusError) as exc:
            transient = not isinstance(exc, HTTPStatusError) or exc.status in RETRY_STATUSES
            if not transient or attempt >= settings.fetch_retries:
                raise
            wait = settings.fetch_backoff * 2**attempt
            if isinstance(exc, HTTPStatusError):
                wait = max(wait, min(exc.retry_after, MAX_RETRY_AFTER))
            time.sleep(wait)
            attempt += 1


def _fetch_once(url: str, settings: Settings, max_bytes: int) -> RawPage:
    """One attempt: follow at most ``max_redirects`` hops, each checked and pinned."""
    deadline = time.monotonic() + settings.fetch_timeout
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip"}
    current = url
    try:
        for _hop in range(settings.max_redirects + 1):
            left = deadline - time.monotonic()
            target = check_url(current, settings.allow_private, timeout=left)
            transport = PinnedTransport({target.host: target.addresses}, deadline)
            with (
                httpx.Client(transport=transport, trust_env=False, headers=headers) as client,
                client.stream("GET", target.url, timeout=max(0.1, left)) as resp,
            ):
                if resp.is_redirect:
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError("redirect without a Location header", source=url)
                    try:
                        current = urljoin(target.url, location.strip())
                    except ValueError:
                        raise FetchError(
                            f"invalid redirect to {location[:200]!r}", source=url
                        ) from None
                    continue
                if resp.status_code >= 400:
                    raise HTTPStatusError(
                        f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip(),
                        source=url,
                        status=resp.status_code,
                        retry_after=_retry_after(resp.headers.get("retry-after")),
                    )
                body = _read_body(resp, settings, max_bytes, url)
                return RawPage(
                    uri=target.url,
                    data=body,
                    content_type=resp.headers.get("content-type"),
                    http_charset=resp.charset_encoding,
                    fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    headers={k.lower(): v for k, v in resp.headers.items()},
                )
        raise FetchError(f"more than {settings.max_redirects} redirects", source=url)
    except httpx.ConnectTimeout:
        raise ConnectTimeoutError(
            f"timed out connecting within {settings.fetch_timeout:g} s", source=url
        ) from None
    except httpx.TimeoutException:
        # Not retried: a server that answers slowly (or drips bytes) would hold the worker
        # for another full deadline on every retry.
        raise FetchError(
            f"timed out: no complete answer within {settings.fetch_timeout:g} s", source=url
        ) from None
    except httpx.HTTPError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FetchError(f"cannot fetch ({reason})", source=url) from None


def _read_body(resp: httpx.Response, settings: Settings, max_bytes: int, url: str) -> bytes:
    """The body, streamed; refused as soon as it passes ``max_bytes`` (announced or read).

    Content coding is undone here, not by httpx: httpx inflates a gzip body that stops halfway
    without a word, and has no ratio guard. ``gunzip_bounded`` refuses both a truncated stream
    (E009) and a decompression bomb (E003), as for a ``.gz`` file.
    """
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLargeError(
            f"server announces {int(declared):,} bytes, above the limit of {max_bytes:,}",
            source=url,
        )
    coding = resp.headers.get("content-encoding", "identity").strip().lower()
    if coding not in CONTENT_CODINGS:
        raise FetchError(f"unsupported Content-Encoding {coding[:40]!r}", source=url)
    body = bytearray()
    for chunk in resp.iter_raw():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise TooLargeError(f"body larger than the limit of {max_bytes:,} bytes", source=url)
    if coding in ("gzip", "x-gzip") and body:
        return gunzip_bounded(bytes(body), max_bytes, settings.max_compression_ratio, url)
    return bytes(body)


def _retry_after(value: str | None) -> float:
    """Seconds from a numeric Retry-After header (HTTP dates are rare and ignored)."""
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


class HostThrottle:
    """Spaces requests to one host by a delay, across threads, by reserving time slots."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float | None = None) -> None:
        step = self.delay if delay is None else max(self.delay, delay)
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + step
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """Fetches many URLs politely: robots.txt, per-host delay, bounded parallel requests."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.throttle = HostThrottle(settings.fetch_host_delay)
        self.robots = RobotsCache(settings, self._fetch_robots)
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def fetch(self, url: str) -> RawPage:
        """One URL: robots.txt first (RobotsDisallowedError, E008), then a throttled fetch."""
        try:
            urlsplit(url).port  # noqa: B018 - parse once so robots and pacing see a valid URL
        except ValueError as exc:
            raise FetchError(f"invalid URL ({exc})", source=url) from None
        if self.settings.respect_robots and not self.robots.allowed(url):
            raise RobotsDisallowedError(
                f"robots.txt of {urlsplit(url).netloc} disallows {self.settings.user_agent!r}",
                source=url,
            )
        return fetch_url(url, self.settings, before_attempt=self._pace)

    def fetch_many(self, items: Iterable[str | SourceFailure]) -> Iterator[RawPage | SourceFailure]:
        """Fetch URLs in parallel (``fetch_workers`` at a time), yielding in input order.

        Failures already in ``items`` pass through in place; at most twice the number of
        workers are in flight, so a 50,000-entry sitemap is never held as futures.
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                max_workers=max(1, self.settings.fetch_workers),
                thread_name_prefix="presslens-fetch",
            )
        window: deque[tuple[str, Future[RawPage]] | SourceFailure] = deque()
        limit = 2 * max(1, self.settings.fetch_workers)
        for item in items:
            if isinstance(item, SourceFailure):
                window.append(item)
            else:
                window.append((item, self._pool.submit(self.fetch, item)))
            while len(window) >= limit:
                yield _settle(window.popleft())
        while window:
            yield _settle(window.popleft())

    def _pace(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        self.throttle.wait(host, self.robots.crawl_delay(url))

    def _fetch_robots(self, url: str) -> RawPage:
        # robots.txt is small by definition; Google reads the first 500 KiB and so do we.
        return fetch_url(url, self.settings, before_attempt=self._pace_plain, max_bytes=512 * 1024)

    def _pace_plain(self, url: str) -> None:
        self.throttle.wait(urlsplit(url).hostname or "")


def _settle(item: tuple[str, Future[RawPage]] | SourceFailure) -> RawPage | SourceFailure:
    if isinstance(item, SourceFailure):
        return item
    url, future = item
    try:
        return future.result()
    except PressLensError as exc:
        return SourceFailure(url, exc)
