"""PressLens's own exceptions: one shallow tree, stable codes, one line each.

Why codes: a person running a batch needs one line per bad input that names the input and the
cause; a test needs something more stable than the wording to assert on (spaCy's errors.py).
Lower libraries' exceptions are translated into these at the boundary (ingest, extract), so
the CLI can print ``str(error)`` and never a traceback. The classes stand in code order, so the
next free code of a range is read off the file (every base class has a lower code than its
subclasses, so the order is also a valid definition order).
"""

from __future__ import annotations


class PressLensError(Exception):
    """Base class: every error PressLens raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(PressLensError):
    """The input could not be read (missing, unreadable, empty)."""

    code = "E001"


class TooLargeError(InputError):
    """The input is larger than the configured maximum size."""

    code = "E002"


class DecompressionBombError(InputError):
    """A compressed input expands past the size limit or an implausible ratio."""

    code = "E003"


class BinaryInputError(InputError):
    """The input is not text or HTML (an image, an archive, random bytes)."""

    code = "E004"


class EncodingError(InputError):
    """The bytes could not be decoded as text in any plausible encoding."""

    code = "E005"


class FetchError(InputError):
    """A URL could not be fetched (network, HTTP status, redirects, timeout)."""

    code = "E006"


class ForbiddenAddressError(FetchError):
    """A URL points at a loopback, private or link-local address."""

    code = "E007"


class RobotsDisallowedError(FetchError):
    """A page was not fetched because the site's robots.txt disallows our user agent."""

    code = "E008"


class SourceFormatError(InputError):
    """A container is malformed or cut short: a WARC record, a feed, a sitemap, a gzip stream."""

    code = "E009"


class ExtractionError(PressLensError):
    """The page was read but no article text could be extracted from it."""

    code = "E010"


class TimeLimitError(PressLensError):
    """Processing a document took longer than the per-document time limit."""

    code = "E011"


class MemoryLimitError(PressLensError):
    """A batch worker went over its memory budget while analysing the document."""

    code = "E012"


class WorkerError(PressLensError):
    """A batch worker process died while analysing the document (crash, kill, OOM killer)."""

    code = "E013"


class LimitError(InputError):
    """The page exceeds a limit on the work itself (HTML elements, nesting depth); see
    ``presslens.limits`` for which limits refuse and which cut."""

    code = "E014"


class SettingsError(PressLensError):
    """A settings file is missing, is not valid TOML, or gives a setting a value of the wrong
    type (``max_dom_nodes = "lots"``)."""

    code = "E015"


class PipelineError(PressLensError):
    """Components are unknown, or their declared needs cannot be satisfied."""

    code = "E020"


class ComponentError(PipelineError):
    """A component (or extraction) raised an unexpected exception on one document."""

    code = "E021"


class SchemaError(PressLensError):
    """A document does not match the presslens.document JSON contract."""

    code = "E030"


class ModelError(PressLensError):
    """A shipped model file is missing or does not match its recorded hash."""

    code = "E040"


class StoreError(PressLensError):
    """The store cannot be opened, migrated or written (bad path/URL, server down)."""

    code = "E050"


class ExportError(PressLensError):
    """An export could not be written (unknown format, unwritable path)."""

    code = "E060"
