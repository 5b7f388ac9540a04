"""Extraction: RawPage → Document. Chooses the HTML path or the text-dump path.

Both paths return :class:`~presslens.extract.blocks.Extracted`; this module decodes the bytes,
picks the path, assembles the text and builds the Document with its ``paragraphs`` layer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from presslens import __version__
from presslens.deadline import check as check_deadline
from presslens.document import Document, Source
from presslens.errors import ExtractionError, PressLensError
from presslens.extract.blocks import Block, Extracted, assemble
from presslens.ingest import RawPage, decode
from presslens.limits import limit_blocks, limit_metadata
from presslens.settings import DEFAULT_SETTINGS, Settings

__all__ = ["Block", "Extracted", "extract_page", "looks_like_html"]

_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|span|table)[\s>]",
    re.IGNORECASE,
)


# Characters XML (and so lxml) cannot hold: C0 controls other than tab/newline/return, and the
# non-characters U+FFFE/U+FFFF. A stray one in a page made readability fail inside lxml and log
# a traceback (fuzz suite, issue 16); they carry no text, so they go before either path.
# Vertical tab and form feed separate words, so they become spaces; the rest are dropped.
_XML_INVALID = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_XML_INVALID_SPACES = re.compile("[\x0b\x0c]")


# Numeric character references the parser would turn into those characters ("&#1;", "&#x0;"),
# or into nothing valid at all (surrogates "&#xD800;", "&#x110000;"): they become U+FFFD, as
# the HTML standard decodes them, before lxml sees them.
_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _xml_safe_reference(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD:
        return m.group(0)
    if 0x10000 <= code <= 0x10FFFF:
        return m.group(0)
    return " " if code in (0xB, 0xC) else "\ufffd"


def looks_like_html(text: str) -> bool:
    """True when the start of the text carries HTML markup (not just a stray '<')."""
    return len(_HTML_SIGNS.findall(text[:20000])) >= 2 or bool(
        re.match(r"\s*<(!doctype|html)", text[:1000], re.IGNORECASE)
    )


def extract_page(page: RawPage, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Decode and extract one page into a Document with the ``paragraphs`` layer."""
    try:
        return _extract_page(page, settings)
    except PressLensError as exc:
        exc.source = exc.source or _display(page.uri)  # every error line names its input
        raise


def _extract_page(page: RawPage, settings: Settings) -> Document:
    decoded = decode(
        page.data,
        http_charset=page.http_charset,
        source=_display(page.uri),
        sniff=settings.encoding_sniff_bytes,
    )
    check_deadline()  # between phases: a huge page stops at the first check past its limit
    text = _XML_INVALID_SPACES.sub(" ", _XML_INVALID.sub("", decoded.text))
    is_html = looks_like_html(text) or "html" in (page.content_type or "")
    if is_html:
        text = _NUMERIC_REF.sub(_xml_safe_reference, text)
    if is_html:
        from presslens.extract.html import extract_html

        result = extract_html(text, url=_http_url(page.uri), settings=settings)
    else:
        from presslens.extract.textdump import extract_text

        result = extract_text(text)
    check_deadline()
    blocks, limited = limit_blocks(result.blocks, settings)
    text, paragraphs = assemble(blocks)
    if not text.strip():
        raise ExtractionError("no article text found", source=_display(page.uri))
    metadata = result.metadata
    check_deadline()
    if metadata.language is None:
        from presslens.extract.language import detect_language

        metadata = replace(metadata, language=detect_language(text))
    metadata, cut = limit_metadata(metadata, settings)
    limited += cut
    source = Source(
        uri=page.uri,
        fetched_at=page.fetched_at,
        content_type=page.content_type or ("text/html" if is_html else "text/plain"),
        encoding=decoded.encoding,
        encoding_evidence=decoded.evidence,
        size=len(page.data),
    )
    return Document(
        id=Document.id_for(page.data),
        source=source,
        metadata=metadata,
        text=text,
        layers={"paragraphs": paragraphs},
        provenance={
            "paragraphs": {
                "component": "presslens.extract." + ("html" if is_html else "text"),
                "version": __version__,
                "model": None,
                **({"limited": limited} if limited else {}),
            }
        },
    )


def _http_url(uri: str) -> str | None:
    return uri if uri.startswith(("http://", "https://")) else None


def _display(uri: str) -> str:
    if uri.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(uri).path)
    return uri
