"""HTML path: a news page → body blocks + metadata.

The engine (``html_body``) finds the article container; PressLens's news rules
(``boilerplate``) then remove what generic extractors keep on news pages; metadata comes from
the page's own declarations (``metadata``). The tree is parsed once and shared.
"""

from __future__ import annotations

from lxml import html as lxml_html

from presslens.document import Metadata
from presslens.extract.blocks import Extracted
from presslens.extract.boilerplate import clean_blocks
from presslens.extract.html_body import extract_body


def parse_html(html: str) -> lxml_html.HtmlElement | None:
    """Parse once with trafilatura's loader (it copes with broken markup and XML decls)."""
    from trafilatura.utils import load_html

    return load_html(html)


def _title_candidates(tree: lxml_html.HtmlElement) -> list[str]:
    titles = [h.text_content() for h in tree.iter("h1")]
    titles += [m.get("content", "") for m in tree.iter("meta") if m.get("property") == "og:title"]
    titles += [t.text_content() for t in tree.iter("title")]
    return [t.strip() for t in titles if t and t.strip()]


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Body blocks and metadata of one HTML page (the interface both callers rely on)."""
    tree = parse_html(html)
    if tree is None:
        return Extracted([], Metadata(url=url))
    body = extract_body(tree, url)
    titles = _title_candidates(tree)
    blocks = clean_blocks(body.blocks, titles, [])
    return Extracted(blocks, Metadata(title=titles[0] if titles else None, url=url))
