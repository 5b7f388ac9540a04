"""Outlets: who published a document, read from an outlets file and matched by URL domain.

An outlets file lists what a researcher knows about the sources (Media Cloud's model: name,
domains and alternative domains, country, language, kind, tags, collections). A document's
outlet is, in this order: an explicit name (``--outlet``) > the outlets file entry whose domain
matches the URL (subdomains included) > the URL's registered domain (``www.bbc.co.uk`` →
``bbc.co.uk``) > the page's publisher metadata. The order puts what the researcher said above
what the page says about itself.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from presslens.errors import InputError

# Outlet kinds named in the data model; other strings are accepted (free vocabulary) but these
# are the ones views and filters know about.
KNOWN_KINDS = ("state_media", "wire", "public_broadcaster", "private", "nonprofit", "blog")

# CSV cells holding lists use this separator (commas separate the columns).
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Outlet:
    """One source of documents. ``domains[0]`` is the main domain, the rest are alternatives."""

    name: str
    domains: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    kind: str | None = None
    tags: tuple[str, ...] = ()
    collections: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "domains", tuple(normalise_domain(d) for d in self.domains))
        object.__setattr__(self, "tags", tuple(self.tags))
        object.__setattr__(self, "collections", tuple(self.collections))


def normalise_domain(domain: str) -> str:
    """Lower-case host without scheme, port, path or a leading ``www.``."""
    domain = domain.strip().lower()
    if "://" in domain:
        domain = urlsplit(domain).hostname or ""
    domain = domain.split("/")[0].split(":")[0].rstrip(".")
    return domain.removeprefix("www.")


def url_host(url: str | None) -> str | None:
    """The normalised host of an http(s) URL, None for paths and other schemes."""
    if not url or "://" not in url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return normalise_domain(parts.hostname)


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # The Public Suffix List snapshot bundled with tldextract: never fetched at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(host: str) -> str:
    """``news.bbc.co.uk`` → ``bbc.co.uk`` (Public Suffix List); IPs unchanged.

    A host under a suffix the list does not know (``.example``, ``.internal``) keeps its last
    two labels, the usual shape of a site's domain.
    """
    parts = _extractor()(host)
    if parts.top_domain_under_public_suffix:
        return str(parts.top_domain_under_public_suffix)
    labels = host.split(".")
    if parts.suffix or len(labels) <= 2 or all(p.isdigit() for p in labels):
        return host
    return ".".join(labels[-2:])


class OutletIndex:
    """Outlets by name and by domain, so resolving a page costs a few dict look-ups however
    many outlets the store describes (Media Cloud-sized lists hold tens of thousands)."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.by_name: dict[str, Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        for outlet in outlets:
            self.by_name[outlet.name] = outlet
            for domain in outlet.domains:
                self.by_domain.setdefault(domain, outlet)

    def match(self, host: str) -> Outlet | None:
        """The outlet one of whose domains is ``host`` or its nearest parent domain."""
        labels = host.split(".")
        for i in range(len(labels) - 1):
            found = self.by_domain.get(".".join(labels[i:]))
            if found:
                return found
        return None


def match_outlet(host: str, outlets: Iterable[Outlet]) -> Outlet | None:
    """The outlet one of whose domains is ``host`` or a parent of it (the longest wins)."""
    return OutletIndex(outlets).match(host)


def resolve_outlet(
    explicit: str | None,
    url: str | None,
    publisher: str | None,
    known: OutletIndex | Iterable[Outlet],
) -> Outlet | None:
    """The outlet of a document, by the order in the module docstring (None: unknown)."""
    index = known if isinstance(known, OutletIndex) else OutletIndex(known)
    if explicit:
        return index.by_name.get(explicit) or Outlet(name=explicit)
    host = url_host(url)
    if host:
        found = index.match(host)
        if found:
            return found
        domain = registered_domain(host)
        return Outlet(name=domain, domains=(domain,))
    if publisher and publisher.strip():
        name = publisher.strip()
        return index.by_name.get(name) or Outlet(name=name)
    return None


# -- outlets files ------------------------------------------------------------------------
def load_outlets_file(path: str | Path) -> list[Outlet]:
    """Read an outlets file: TOML (``[[outlet]]`` tables) or CSV (see the README)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read outlets file ({exc.strerror})", source=str(path)) from None
    if path.suffix.lower() == ".toml":
        return _from_toml(raw, str(path))
    if path.suffix.lower() in (".csv", ".tsv"):
        return _from_csv(raw, str(path), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    raise InputError("outlets file must end in .toml or .csv", source=str(path))


def _from_toml(raw: bytes, where: str) -> list[Outlet]:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"not valid TOML ({exc})", source=where) from None
    entries = data.get("outlet", data.get("outlets"))
    if not isinstance(entries, list):
        raise InputError("no [[outlet]] tables", source=where)
    return [_outlet_from(dict(e), f"{where}: outlet {i + 1}") for i, e in enumerate(entries)]


def _from_csv(raw: bytes, where: str, delimiter: str) -> list[Outlet]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("outlets CSV is not UTF-8", source=where) from None
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    outlets = []
    for line, row in enumerate(rows, start=2):
        entry: dict[str, Any] = {
            (k or "").strip().lower(): (v or "").strip() for k, v in row.items()
        }
        for key in ("domains", "tags", "collections"):
            cell = entry.get(key) or ""
            entry[key] = [p.strip() for p in cell.split(LIST_SEPARATOR) if p.strip()]
        outlets.append(_outlet_from(entry, f"{where}: line {line}"))
    return outlets


def _outlet_from(entry: dict[str, Any], where: str) -> Outlet:
    name = str(entry.get("name") or "").strip()
    if not name:
        raise InputError("outlet without a name", source=where)

    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise InputError(f"{key} must be a list of strings", source=where)
        return tuple(str(v).strip() for v in value if str(v).strip())

    domains = strings("domains") + strings("alternative_domains")
    return Outlet(
        name=name,
        domains=domains,
        country=(str(entry["country"]).strip() or None) if entry.get("country") else None,
        language=(str(entry["language"]).strip() or None) if entry.get("language") else None,
        kind=(str(entry["kind"]).strip() or None) if entry.get("kind") else None,
        tags=strings("tags"),
        collections=strings("collections"),
    )
