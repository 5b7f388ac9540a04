"""HTTP status for each PressLens error, and the one-line ``detail`` the API returns.

Why a table: the API promises one status per kind of failure (413 too large, 415 not a page,
504 past the deadline …) and a client branches on it; keeping the mapping as data next to the
error codes makes a new error code an explicit decision here, not an accidental 500.
"""

from __future__ import annotations

from presslens.errors import (
    BinaryInputError,
    DecompressionBombError,
    EncodingError,
    ExtractionError,
    FetchError,
    ForbiddenAddressError,
    InputError,
    PressLensError,
    TimeLimitError,
    TooLargeError,
)

# Most specific first: the first matching class decides.
STATUS_BY_ERROR: tuple[tuple[type[PressLensError], int], ...] = (
    (TooLargeError, 413),
    (DecompressionBombError, 413),
    (BinaryInputError, 415),  # an image, a PDF, an archive: not a page
    (EncodingError, 415),
    (ForbiddenAddressError, 422),  # the URL itself is not allowed (SSRF guard)
    (FetchError, 502),  # the remote site failed: not the client's fault, nor ours
    (ExtractionError, 422),  # a page, but no article text in it
    (InputError, 422),
    (TimeLimitError, 504),
)


def status_for(error: PressLensError) -> int:
    for cls, status in STATUS_BY_ERROR:
        if isinstance(error, cls):
            return status
    return 500


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace and cut, so a detail never spans lines or floods a log."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
