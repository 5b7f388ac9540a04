"""HTML path: a news page → body blocks + metadata.

The engine (``html_body``) finds the article container; PressLens's news rules
(``boilerplate``) then remove what generic extractors keep on news pages; metadata comes from
the page's own declarations (``metadata``), then from the body (dateline, language). The tree
is parsed once and shared by every step.
"""

from __future__ import annotations

import logging
import re

from lxml import etree
from lxml import html as lxml_html

from presslens.document import Dateline, Metadata
from presslens.extract.blocks import Block, Extracted, normalise_block
from presslens.extract.boilerplate import clean_blocks, fold
from presslens.extract.html_body import extract_body
from presslens.extract.metadata import find_metadata, htmldate_published, split_url
from presslens.limits import check_tree
from presslens.settings import DEFAULT_SETTINGS, Settings

LOG = logging.getLogger(__name__)

# Where pages put captions: <figcaption>, and elements whose class says "caption" (many CMSs
# render captions as <p class="caption"> or <span class="wp-caption-text"> outside <figure>).
_CAPTION_XPATH = etree.XPath(
    "//figcaption | //*[contains(@class, 'caption') and not(self::figure) "
    "and not(.//figcaption) and not(self::body) and not(self::article)]"
)
# Longer "captions" are containers that merely carry the word in a class name.
CAPTION_MAX_CHARS = 400
# The language declared in <html lang> is trusted only when the text says the same; pages keep
# a template's "en" on translated articles.
LANG_SAMPLE_CHARS = 1000
# Elements that never hold article text, removed once metadata has been read.
NON_CONTENT_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "embed", "object", "canvas",
    "video", "audio", "picture", "map", "button", "select", "option", "textarea", "input", "nav",
)  # fmt: skip
LANG_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def parse_html(html: str) -> lxml_html.HtmlElement | None:
    """Parse once with trafilatura's loader (it copes with broken markup and XML decls)."""
    from trafilatura.utils import load_html

    return load_html(html)


def find_captions(tree: lxml_html.HtmlElement) -> list[str]:
    """Image captions in page order, without duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for el in _CAPTION_XPATH(tree):
        text = normalise_block(el.text_content())
        key = fold(text)
        if text and len(text) <= CAPTION_MAX_CHARS and key not in seen:
            if any(key in fold(c) for c in out):  # a credit span inside a caption seen already
                continue
            seen.add(key)
            out.append(text)
    return out


def _title_candidates(tree: lxml_html.HtmlElement, title: str | None) -> list[str]:
    """Headline forms a page may repeat at the top of the body (h1, og:title, <title>)."""
    titles = [title] if title else []
    titles += [h.text_content() for h in tree.iter("h1")]
    titles += [m.get("content", "") for m in tree.iter("meta") if m.get("property") == "og:title"]
    titles += [t.text_content() for t in tree.iter("title")]
    return [" ".join(t.split()) for t in titles if t and t.strip()]


def find_dateline(blocks: list[Block]) -> Dateline | None:
    """Dateline of the first body paragraph, with offsets into the assembled text."""
    try:
        from presslens.extract.dateline import parse_dateline
    except ImportError:  # the shared parser is optional for this path
        return None
    pos = 0
    for block in blocks:
        text = normalise_block(block.text)
        if not text:
            continue
        if block.kind == "paragraph":
            found = parse_dateline(text)
            if found is None:
                return None
            dateline, offset = found
            end = len(text[:offset].rstrip())
            return Dateline(dateline.place, dateline.date, dateline.agency, pos, pos + end)
        pos += len(text) + 2
    return None


def _language(declared: str | None, blocks: list[Block]) -> tuple[str | None, str | None]:
    """Language from the text, with the page's declaration as corroborating evidence."""
    from presslens.extract.language import detect_language

    # The first ~1,000 characters identify the language as well as the whole text does.
    detected = detect_language(" ".join(b.text for b in blocks[:6])[:LANG_SAMPLE_CHARS])
    m = LANG_CODE.match((declared or "").strip().lower())
    code = m.group(1) if m else None
    if detected and code == detected:
        return detected, "detected from the text; agrees with the page's declared language"
    if detected:
        note = f" (page declares {declared!r})" if declared else ""
        return detected, "detected from the text" + note
    if code:
        return code, "declared by the page (text too short to detect)"
    return None, None


def declares_article(tree: lxml_html.HtmlElement) -> bool:
    """Whether the page says it is an article (``<meta property="og:type" content="article">``)."""
    return bool(find_metadata(tree, None).values.get("declared_article"))


def extract_html(
    html: str, url: str | None = None, settings: Settings = DEFAULT_SETTINGS
) -> Extracted:
    """Body blocks and metadata of one HTML page (the interface both callers rely on).

    ``settings`` carries the work limits: a tree past ``max_dom_nodes``/``max_dom_depth`` is
    refused before any extraction work (``presslens.limits.check_tree``)."""
    if split_url(url) is None:
        url = None  # a URL no parser can read is no evidence, and would make the engines fail
    tree = parse_html(html)
    check_tree(tree, settings)
    if tree is None:
        return Extracted([], Metadata(url=url))
    page = find_metadata(tree, url)
    values, evidence = page.values, dict(page.evidence)
    captions = find_captions(tree)
    # Metadata has read the scripts (JSON-LD); nothing after it needs them. Dropping them here
    # makes every later copy and pass over the tree cheaper (inline scripts and styles are often
    # half of a news page's bytes).
    etree.strip_elements(tree, *NON_CONTENT_TAGS, with_tail=False)
    titles = _title_candidates(tree, values.get("title"))
    article = bool(values.pop("declared_article", False))
    evidence.pop("declared_article", None)
    body = extract_body(
        tree, url, clean=lambda b: clean_blocks(b, titles, captions), precision=article
    )
    blocks = body.blocks
    evidence["body"] = body.engine + ", then PressLens news rules"

    dateline = find_dateline(blocks)
    if dateline is not None:
        evidence["dateline"] = "first body paragraph"
    published = values.get("published")
    if published is None and dateline is not None and dateline.date:
        from presslens.extract.dateline import resolve_date

        dated = resolve_date(dateline.date, None)  # only when the dateline carries a year
        if dated:
            published, evidence["published"] = dated, "dateline"
    if published is None:
        published = htmldate_published(tree, values.get("url") or url)
        if published:
            evidence["published"] = "htmldate heuristics (original date, extensive search)"
    language, lang_evidence = _language(values.get("language_declared"), blocks)
    if lang_evidence:
        evidence["language"] = lang_evidence
    evidence.pop("language_declared", None)
    subheadings = [b.text for b in blocks if b.kind == "subheading"]
    if subheadings:
        evidence["subheadings"] = "headings inside the article body"
    if captions:
        evidence["captions"] = "<figcaption> and caption elements"
    metadata = Metadata(
        title=values.get("title"),
        published=published,
        modified=values.get("modified"),
        dateline=dateline,
        publisher=values.get("publisher"),
        section=values.get("section"),
        article_id=values.get("article_id"),
        authors=values.get("authors", []),
        language=language,
        subheadings=subheadings,
        captions=captions,
        url=values.get("url") or url,
        description=values.get("description"),
    )
    # Evidence only for fields that ended up with a value (and for the body itself).
    filled = {k for k, v in vars(metadata).items() if v not in (None, [], "")} | {"body"}
    metadata.evidence.update({k: v for k, v in evidence.items() if k in filled})
    return Extracted(blocks, metadata)
