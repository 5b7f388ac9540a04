"""Article metadata from the page's own declarations, each value with its evidence.

Order of trust, per field: schema.org JSON-LD (written for machines, per article) → meta tags
(Open Graph, article:*, Dublin Core, parsely/sailthru) → microdata and ``<time>`` elements →
visible byline → dateline → URL → htmldate's heuristics. A later source only fills a gap, so a
URL date never overrides an explicit meta date. ``evidence[field]`` says which source won.

Why not trafilatura's metadata: it returns no evidence and no modified date, it accepts outlet
names as authors, and it costs about a third of the extraction time; these finders read the
already-parsed tree once.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from presslens.extract.metadata_authors import validate_authors
from presslens.extract.metadata_dates import normalise_date, url_date

# schema.org types that describe the article itself (not the site, a breadcrumb or a video).
ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
        "socialmediaposting", "liveblogposting", "report", "scholarlyarticle", "techarticle",
        "webpage", "creativework", "posting",
    }
)  # fmt: skip

# Meta tags per field, most specific first: (attribute, value) pairs to look up.
META_PUBLISHED = (
    ("property", "article:published_time"), ("name", "article:published_time"),
    ("itemprop", "datePublished"), ("name", "pubdate"), ("name", "publishdate"),
    ("name", "publish-date"), ("name", "date"), ("name", "dc.date.issued"),
    ("name", "dcterms.created"), ("name", "dc.date"), ("name", "sailthru.date"),
    ("name", "parsely-pub-date"), ("property", "og:published_time"),
    ("name", "original-publish-date"), ("name", "article.published"), ("name", "cxenseparse:recs:publishtime"),
)  # fmt: skip
META_MODIFIED = (
    ("property", "article:modified_time"), ("name", "article:modified_time"),
    ("itemprop", "dateModified"), ("property", "og:updated_time"), ("name", "dcterms.modified"),
    ("name", "last-modified"), ("name", "lastmod"), ("name", "article.updated"),
)  # fmt: skip
META_TITLE = (("property", "og:title"), ("name", "twitter:title"), ("name", "dc.title"))
META_AUTHOR = (
    ("name", "author"), ("property", "article:author"), ("name", "article:author"),
    ("name", "parsely-author"), ("name", "sailthru.author"), ("name", "dc.creator"),
    ("name", "byl"), ("name", "cxenseparse:author"),
)  # fmt: skip
META_PUBLISHER = (("property", "og:site_name"), ("name", "application-name"), ("name", "publisher"))
META_SECTION = (
    ("property", "article:section"), ("name", "section"), ("name", "parsely-section"),
    ("name", "article.section"), ("name", "cxenseparse:recs:articlesection"),
)  # fmt: skip
META_DESCRIPTION = (("property", "og:description"), ("name", "description"),
                    ("name", "twitter:description"))  # fmt: skip
META_ARTICLE_ID = (
    ("name", "article_id"), ("name", "articleid"), ("name", "article-id"), ("name", "content_id"),
    ("name", "parsely-post-id"), ("name", "sailthru.contentid"), ("property", "article:id"),
)  # fmt: skip

# Visible bylines, most precise first: (1) elements marked as the author's name; (2) links to
# author pages; (3) any element whose class speaks of an author, byline or writer ("By A and B,
# Staff Writers"), outside forms and comment sections. A later tier is read only when the
# earlier ones give no valid person. Found in one pass over the tree in Python: as XPath, the
# same tests took three full scans and four times as long.
_NAME_CLASS_PARTS = (
    "author-name", "byline__name", "byline-name", "author_name", "AuthorName", "authorName",
)  # fmt: skip
_AUTHOR_HREF_PARTS = ("/author/", "/authors/", "/autor/", "/auteur/")
_LOOSE_CLASS_PARTS = ("byline", "Byline", "author", "Author", "writer")
_NOT_BYLINE_TAGS = frozenset({"body", "article", "main", "label", "html"})


def _byline_tiers(tree: lxml_html.HtmlElement) -> tuple[list[Any], list[Any], list[Any]]:
    """Candidate byline elements of each tier, in document order."""
    names: list[Any] = []
    links: list[Any] = []
    loose: list[Any] = []
    for el in tree.iter(etree.Element):
        cls = el.get("class") or ""
        if (
            el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or cls == "author"
            or el.get("data-testid") == "AuthorURL"
            or (cls and any(part in cls for part in _NAME_CLASS_PARTS))
        ):
            names.append(el)
        if el.tag == "a" and any(part in (el.get("href") or "") for part in _AUTHOR_HREF_PARTS):
            links.append(el)
        if cls and el.tag not in _NOT_BYLINE_TAGS and any(p in cls for p in _LOOSE_CLASS_PARTS):
            loose.append(el)
    return names, links, loose


def _in_form_or_comments(el: Any) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "form" or "comment" in (anc.get("class") or "") + (anc.get("id") or ""):
            return True
    return False


# A visible byline names few people: more names are a list of other stories' authors. In the
# loose last tier each name needs two words: one word there is as often a place or a label.
VISIBLE_MAX_NAMES = 4
LOOSE_TIER_MIN_WORDS = 2
_TIME_XPATH = etree.XPath(
    "//time[@itemprop='datePublished' or @pubdate or @class[contains(., 'publish')]]"
    "| //article//time[@datetime] | //time[@datetime]"
)
# Containers of *other* stories (related/recommended boxes, sidebars, footers, menus): a date
# found inside one dates another article, never this one.
_RELATED_TAGS = frozenset({"aside", "nav", "footer"})
_RELATED_WORDS = ("related", "recommend", "sidebar", "teaser", "popular", "trending",
                  "more-stories", "more_stories", "read-next", "readnext", "widget", "comment")  # fmt: skip


def in_related_block(el: Any) -> bool:
    """True when ``el`` sits in a block about other stories (see ``_RELATED_WORDS``)."""
    for anc in el.iterancestors():
        if anc.tag in _RELATED_TAGS:
            return True
        marks = ((anc.get("class") or "") + " " + (anc.get("id") or "")).lower()
        if marks.strip() and any(w in marks for w in _RELATED_WORDS):
            return True
    return False


_CANONICAL_XPATH = etree.XPath("//link[@rel='canonical']/@href")
_JSONLD_XPATH = etree.XPath("//script[@type='application/ld+json']")

# Title suffixes/prefixes naming the site: "Headline | Site", "Headline - Site News".
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:»•·-]\s+|\s+-\s+")
# An article id in the URL: a run of at least this many digits in the last path segments.
URL_ID_MIN_DIGITS = 5
_URL_ID = re.compile(rf"(?<![\d])(\d{{{URL_ID_MIN_DIGITS},}})(?![\d])")


@dataclass
class Found:
    """Metadata values found so far, with where each came from."""

    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    authors: list[tuple[str, list[str], bool]] = field(default_factory=list)

    def offer_authors(self, names: list[str], where: str, person: bool = False) -> None:
        """Author candidates are kept per source: the first source with a valid name wins,
        so a meta tag holding "Staff" does not hide the real byline further down. ``person``:
        the page typed them as schema.org Person, so a name equal to the site's name is the
        person a personal site is named after, not the outlet."""
        if names:
            self.authors.append((where, names, person))

    def offer(self, key: str, value: Any, where: str) -> None:
        """Set ``key`` unless a more trusted source already did (first offer wins)."""
        if value in (None, "", []) or key in self.values:
            return
        self.values[key] = value
        self.evidence[key] = where


def _clean(text: Any) -> str | None:
    if isinstance(text, list):
        text = text[0] if text else None
    if isinstance(text, dict):
        text = text.get("name") or text.get("@value")
    if not isinstance(text, str):
        return None
    if "<" in text:  # markup inside a declared value: keep its text only
        text = lxml_html.fromstring(f"<p>{text}</p>").text_content()
    elif "&" in text:  # entities escaped twice by the CMS ("&amp;amp;")
        text = html.unescape(text)
    return " ".join(text.split()) or None


# -- JSON-LD ----------------------------------------------------------------------------------


def _jsonld_items(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """All JSON-LD objects on the page, with @graph and lists flattened."""
    items: list[dict[str, Any]] = []
    for script in _JSONLD_XPATH(tree):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Pages often leave trailing commas or raw newlines in strings; one lenient retry.
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                items.append(node)
                if isinstance(node.get("@graph"), list):
                    stack.extend(node["@graph"])
    return items


def _types(item: dict[str, Any]) -> set[str]:
    t = item.get("@type")
    values = t if isinstance(t, list) else [t]
    return {v.lower() for v in values if isinstance(v, str)}


def _article_item(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The JSON-LD object describing the article (a NewsArticle beats a plain WebPage)."""
    best, best_rank = None, 99
    for item in items:
        types = _types(item)
        if not types & ARTICLE_TYPES:
            continue
        rank = 2 if types <= {"webpage", "creativework"} else 1 if "headline" in item else 1.5
        if rank < best_rank:
            best, best_rank = item, rank
    return best


def _names(value: Any, by_id: dict[str, dict[str, Any]] | None = None, depth: int = 0) -> list[str]:
    """Person names from a JSON-LD author value: a string, a Person object, a list of them,
    or a reference ``{"@id": …}`` to a Person elsewhere in the graph (how Yoast and other CMS
    plug-ins write it); ``depth`` bounds reference chains."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v, by_id, depth)]
    if isinstance(value, dict):
        ref = value.get("@id")
        if "name" not in value and isinstance(ref, str) and by_id and depth < 3:
            target = by_id.get(ref)
            return _names(target, by_id, depth + 1) if target is not None else []
        name = value.get("name")
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
        return [name] if isinstance(name, str) else []
    return [value] if isinstance(value, str) else []


def _all_persons(value: Any, by_id: dict[str, dict[str, Any]]) -> bool:
    """True when every author object is typed Person (directly or through its @id)."""
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, dict) and "name" not in v and isinstance(v.get("@id"), str):
            v = by_id.get(v["@id"], v)
        if not (isinstance(v, dict) and "person" in _types(v)):
            return False
    return bool(values)


def _breadcrumb_section(items: list[dict[str, Any]]) -> str | None:
    """The section a BreadcrumbList puts the article in: its last level above the article
    itself (Home › World › Europe › <story> → "Europe")."""
    for item in items:
        if "breadcrumblist" not in _types(item):
            continue
        levels = item.get("itemListElement")
        if not isinstance(levels, list):
            continue
        names = []
        for level in sorted(
            (x for x in levels if isinstance(x, dict)),
            key=lambda x: x.get("position") if isinstance(x.get("position"), int) else 0,
        ):
            inner = level.get("item")
            name = level.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
            if isinstance(name, str) and name.strip():
                names.append(" ".join(name.split()))
        # Drop "Home" and the article's own entry (the last level when there are three or more).
        names = [n for n in names if n.casefold() not in ("home", "homepage", "start", "inicio")]
        if len(names) >= 2:
            return names[-2]
        if names and len(levels) == 2:
            return names[0]
    return None


def _from_jsonld(tree: lxml_html.HtmlElement, found: Found) -> None:
    items = _jsonld_items(tree)
    found.offer("section_breadcrumb", _breadcrumb_section(items), "JSON-LD BreadcrumbList")
    article = _article_item(items)
    if article is None:
        for item in items:  # the site's own Organization still names the publisher
            if _types(item) & {"organization", "newsmediaorganization"}:
                found.offer("publisher", _clean(item.get("name")), "JSON-LD Organization name")
                break
        return
    where = "JSON-LD " + "/".join(sorted(_types(article)))
    found.offer(
        "title", _clean(article.get("headline") or article.get("name")), where + " headline"
    )
    found.offer("published", normalise_date(_clean(article.get("datePublished"))),
                where + " datePublished")  # fmt: skip
    found.offer("published", normalise_date(_clean(article.get("dateCreated"))),
                where + " dateCreated")  # fmt: skip
    found.offer("modified", normalise_date(_clean(article.get("dateModified"))),
                where + " dateModified")  # fmt: skip
    by_id = {i["@id"]: i for i in items if isinstance(i.get("@id"), str)}
    declared = article.get("author") or article.get("creator")
    found.offer_authors(_names(declared, by_id), where + " author", _all_persons(declared, by_id))
    publisher = article.get("publisher")
    found.offer("publisher", _clean(publisher.get("name") if isinstance(publisher, dict) else
                                    publisher), where + " publisher")  # fmt: skip
    found.offer("section", _clean(article.get("articleSection")), where + " articleSection")
    identifier = article.get("identifier")
    if isinstance(identifier, (int, str)):
        found.offer("article_id", str(identifier).strip(), where + " identifier")
    found.offer("description", _clean(article.get("description")), where + " description")
    entity = article.get("mainEntityOfPage")
    entity_url = entity.get("@id") if isinstance(entity, dict) else entity
    found.offer("url", _clean(article.get("url") or entity_url), where + " url")
    found.offer("language_declared", _clean(article.get("inLanguage")), where + " inLanguage")


# -- meta tags --------------------------------------------------------------------------------


def _meta_index(tree: lxml_html.HtmlElement) -> dict[tuple[str, str], str]:
    """(attribute, lower-cased value) → content, first occurrence wins."""
    index: dict[tuple[str, str], str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                index.setdefault((attr if attr != "http-equiv" else "name", key.lower()),
                                 content.strip())  # fmt: skip
    return index


_AUTHOR_LABELS = frozenset({"written by", "author", "authors", "by", "escrito por", "auteur",
                            "autor", "geschrieben von"})  # fmt: skip


def _from_meta(meta: dict[tuple[str, str], str], found: Found) -> None:
    for key, table, norm in (
        ("title", META_TITLE, _clean),
        ("published", META_PUBLISHED, normalise_date),
        ("modified", META_MODIFIED, normalise_date),
        ("publisher", META_PUBLISHER, _clean),
        ("section", META_SECTION, _clean),
        ("description", META_DESCRIPTION, _clean),
        ("article_id", META_ARTICLE_ID, _clean),
    ):
        # Each field may need a later tag of its table when an earlier one does not parse.
        for attr, name in table:
            value = meta.get((attr, name.lower()))
            if value and (normed := norm(value)):
                found.offer(key, normed, f'<meta {attr}="{name}">')
                break
    # article:author is often a profile URL: validate_authors rejects those later.
    for attr, name in META_AUTHOR:
        if value := meta.get((attr, name.lower())):
            found.offer_authors([value], f'<meta {attr}="{name}">')
    # Slack/Twitter card pairs (Ghost, Yoast): label "Written by", data the author's name.
    for n in ("1", "2", "3"):
        label = (meta.get(("name", f"twitter:label{n}")) or "").strip().casefold()
        if label in _AUTHOR_LABELS and (value := meta.get(("name", f"twitter:data{n}"))):
            found.offer_authors([value], f'<meta name="twitter:data{n}"> ("{label}")')
    # og:type "article" marks an article page. (A JSON-LD Article type does not: CMS plug-ins
    # put it on every page, docs and shop pages included; measured on extraction-bench-2's
    # tune half, choosing by it gave 0.740 body F1 against 0.771 by og:type.)
    if (meta.get(("property", "og:type")) or "").strip().lower() == "article":
        found.offer("declared_article", True, '<meta property="og:type" content="article">')
    found.offer("url", meta.get(("property", "og:url")), '<meta property="og:url">')


# -- visible page -----------------------------------------------------------------------------


def _from_page(tree: lxml_html.HtmlElement, found: Found) -> None:
    if "published" not in found.values:
        for time_el in _TIME_XPATH(tree):
            if in_related_block(time_el):
                continue
            value = normalise_date(time_el.get("datetime") or time_el.text_content())
            if value:
                found.offer("published", value, "<time> element")
                break
    if "title" not in found.values:
        h1 = tree.find(".//h1")
        if h1 is not None:
            found.offer("title", _clean(h1.text_content()), "<h1>")
    if "title" not in found.values:
        title = tree.find(".//title")
        if title is not None:
            found.offer("title", _clean(title.text_content()), "<title>")
    lang = tree.get("lang") or tree.get("xml:lang")
    found.offer("language_declared", lang, "<html lang>")


# More byline elements than this are a list of other stories' authors, not this byline.
MAX_BYLINE_ELEMENTS = 6
# Longer texts are author bios or teaser boxes, not bylines.
MAX_BYLINE_CHARS = 120


BYLINE_TIERS = 3


def visible_bylines(tree: lxml_html.HtmlElement) -> Iterator[list[str]]:
    """Texts of the page's byline elements, one list per tier (most precise first)."""
    names, links, loose = _byline_tiers(tree)
    for tier, elements in enumerate((names, links, loose)):
        if tier == BYLINE_TIERS - 1:  # checked only when this tier is reached
            elements = [el for el in elements if not _in_form_or_comments(el)]
        yield [
            text
            for el in elements[:MAX_BYLINE_ELEMENTS]
            if (text := " ".join(el.text_content().split())) and len(text) <= MAX_BYLINE_CHARS
        ]


# A byline written as text, in the page's language: "By Jane Doe", "Von Max Muster",
# "Par Jean Dupont", "Por Ana Ruiz", "Written by …", "Author: …" — a short text that opens with
# the word, the name either after it or in the element it sits in ("By <a>Jane Doe</a>").
_BYLINE_TEXT = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|written by|posted by|words by|author|autor|auteur"
    r"|escrito por|publié par|geschrieben von)\s*:?(?:\s+[A-ZÀ-ÝА-Я]|$)",
    re.IGNORECASE,
)
_BODY_TEXT_XPATH = etree.XPath("//body//text()")
# The first few byline texts are enough; later ones belong to other stories.
MAX_BYLINE_TEXTS = 3


def byline_texts(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """Short texts that read as a byline, outside forms, comments and related blocks."""
    seen = 0
    for node in _BODY_TEXT_XPATH(tree):
        text = node.strip()
        if not text or len(text) > MAX_BYLINE_CHARS or not _BYLINE_TEXT.match(text):
            continue
        el = node.getparent()
        if el is None:
            continue
        if node.is_tail:
            el = el.getparent() if el.getparent() is not None else el
        if el.tag in ("script", "style") or _in_form_or_comments(el) or in_related_block(el):
            continue
        full = " ".join(el.text_content().split())
        if len(full) <= MAX_BYLINE_CHARS:
            seen += 1
            yield full
            if seen >= MAX_BYLINE_TEXTS:
                return


# A site name is short; a longer "other half" of a <title> is a subtitle, not an outlet.
SITE_NAME_MAX_WORDS = 6


def _site_beside_headline(tree: lxml_html.HtmlElement, headline: str | None) -> str | None:
    """The outlet's name where <title> is "Headline | Outlet" (or "Outlet - Headline") and the
    headline half matches the page's headline."""
    title_el = tree.find(".//title")
    if title_el is None or not headline:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(" ".join(title_el.text_content().split()))]
    if len(parts) != 2:
        return None
    key = re.sub(r"\W+", "", headline).casefold()
    for mine, other in ((0, 1), (1, 0)):
        if re.sub(r"\W+", "", parts[mine]).casefold() == key and other < len(parts):
            site = parts[other]
            if site and len(site.split()) <= SITE_NAME_MAX_WORDS:
                return site
    return None


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Remove a site name glued to the headline ("Headline | Site" → "Headline")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = {re.sub(r"\W+", "", s).lower() for s in site_names if s}
    for idx in (-1, 0):
        part_key = re.sub(r"\W+", "", parts[idx]).lower()
        if part_key and any(part_key in k or k in part_key for k in keys if k):
            rest = parts[:-1] if idx == -1 else parts[1:]
            sep = _TITLE_SEPARATORS.search(title)
            joiner = sep.group(0) if sep else " - "
            return joiner.join(rest).strip()
    return title


def split_url(url: str | None) -> SplitResult | None:
    """``urlsplit`` that returns None for what it cannot parse ("http://[::1" raises)."""
    if not url:
        return None
    try:
        return urlsplit(url)
    except ValueError:
        return None


def url_article_id(url: str | None) -> str | None:
    """A long digit run in the URL path (not a date), as news CMSs use for article ids."""
    if not url:
        return None
    parts = split_url(url)
    if parts is None:
        return None
    path = parts.path + "?" + parts.query
    ids = [m for m in _URL_ID.findall(path) if not re.fullmatch(r"(19|20)\d{6}", m)]
    return ids[-1] if ids else None


@dataclass
class PageMetadata:
    """What the finders return before byline/dateline evidence from the body is added."""

    values: dict[str, Any]
    evidence: dict[str, str]


def find_metadata(tree: lxml_html.HtmlElement, url: str | None) -> PageMetadata:
    """Run the finders in order of trust and tidy the values."""
    found = Found()
    # The canonical link is the page's own statement of its address: it beats og:url and
    # JSON-LD urls, which templates sometimes fill with the section or home page.
    canonical = _CANONICAL_XPATH(tree)
    if canonical:
        found.offer("url", canonical[0].strip(), '<link rel="canonical">')
    _from_jsonld(tree, found)
    meta = _meta_index(tree)
    _from_meta(meta, found)
    _from_page(tree, found)
    v = found.values
    if "url" in v:
        if url and split_url(url) is not None:
            try:
                v["url"] = urljoin(url, v["url"])
            except ValueError:  # a malformed canonical stays as the page wrote it
                pass
    elif url:
        found.offer("url", url, "input URL")
    page_url = v.get("url") or url
    if "published" not in v:
        found.offer("published", url_date(page_url), "date in the URL")
    if "article_id" not in v:
        found.offer("article_id", url_article_id(page_url), "number in the URL")
    if "publisher" not in v:
        found.offer(
            "publisher", _site_beside_headline(tree, v.get("title")), "<title> beside the headline"
        )
    breadcrumb = v.pop("section_breadcrumb", None)
    where = found.evidence.pop("section_breadcrumb", "")
    if "section" not in v and breadcrumb:
        found.offer("section", breadcrumb, where)
    if "title" in v:
        v["title"] = strip_site_name(v["title"], [v.get("publisher") or "", _host(page_url)])
    outlets = tuple(x for x in (v.get("publisher"), _host(page_url)) if x)
    # Declared authors first; the visible byline is read only when none of them is a person
    # (searching the whole tree for byline classes is the costliest step here).
    for where, raw_authors, person in found.authors:
        authors = validate_authors(raw_authors, outlets)
        if not authors and person:  # a personal site named after its one author
            authors = validate_authors(raw_authors)[:1]
        if authors:
            v["authors"], found.evidence["authors"] = authors, where
            break
    else:
        for tier, names in enumerate(visible_bylines(tree)):
            loose = tier == BYLINE_TIERS - 1
            authors = validate_authors(
                names, outlets, min_words=LOOSE_TIER_MIN_WORDS if loose else 1
            )
            if authors and len(authors) <= VISIBLE_MAX_NAMES:
                v["authors"], found.evidence["authors"] = authors, "visible byline"
                break
        else:
            for text in byline_texts(tree):
                authors = validate_authors([text], outlets, min_words=LOOSE_TIER_MIN_WORDS)
                if authors and len(authors) <= VISIBLE_MAX_NAMES:
                    v["authors"], found.evidence["authors"] = authors, f"byline text {text!r}"
                    break
    return PageMetadata(v, found.evidence)


def _host(url: str | None) -> str:
    if not url:
        return ""
    parts = split_url(url)
    try:
        host = (parts.hostname if parts else None) or ""
    except ValueError:  # e.g. a bad port
        host = ""
    host = re.sub(r"^(www\d?|m|amp|edition)\.", "", host)
    return host.rsplit(".", 1)[0] if "." in host else host


def htmldate_published(tree: lxml_html.HtmlElement, url: str | None) -> str | None:
    """Last resort for the publication date: htmldate's heuristics (original date)."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover
        return None
    try:
        value = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - a heuristic failing is not an extraction failure
        return None
    return normalise_date(value)
