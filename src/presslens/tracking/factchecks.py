"""Reading fact-check collections and query files; writing TREC runs.

Why here and not in the CLI: the store (which of my stored claims were already checked?) and
the benchmark read the same collections, and a bad file must give the same one-line error
everywhere. Accepted collections: a folder or ``.tar.gz`` of CheckThat!-style verified-claim
JSON files (``vclaim_id``, ``vclaim``, ``title``, ``subtitle``, ``date``), or a JSONL file of
``{"id", "text"}`` objects (``title``/``date`` optional).
"""

from __future__ import annotations

import csv
import io
import json
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.errors import InputError

# Names a header row may use for its id / text columns (CheckThat! files use iclaim_id/iclaim).
HEADER_IDS = frozenset({"id", "iclaim_id", "query_id", "qid", "tweet_id", "claim_id"})
HEADER_TEXTS = frozenset({"text", "iclaim", "query", "tweet", "claim"})


@dataclass(frozen=True)
class FactCheck:
    """One already-checked claim: its id, the claim as the checker states it, and context."""

    id: str
    text: str
    title: str = ""
    subtitle: str = ""
    date: str = ""


@dataclass(frozen=True)
class Query:
    """One claim to look up (a tweet, a sentence of an article)."""

    id: str
    text: str


def _is_header(row: list[str]) -> bool:
    return len(row) >= 2 and (
        row[0].strip().lower() in HEADER_IDS or row[1].strip().lower() in HEADER_TEXTS
    )


def read_queries(path: str | Path) -> list[Query]:
    """``id<TAB>text`` rows; a header row is skipped, CSV quoting ("…""…") is undone."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such queries file", source=str(path))
    text = p.read_text(encoding="utf-8-sig", errors="replace")  # -sig: spreadsheets add a BOM
    out: list[Query] = []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    for n, row in enumerate(reader):
        if not row or not any(cell.strip() for cell in row):
            continue
        if n == 0 and _is_header(row):
            continue
        if len(row) < 2:
            raise InputError(f"line {n + 1}: expected id<TAB>text", source=str(path))
        out.append(Query(row[0].strip(), "\t".join(row[1:]).strip()))
    if not out:
        raise InputError("no queries in file", source=str(path))
    return out


def _from_record(obj: Any, where: str) -> FactCheck:
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object", source=where)
    cid = obj.get("vclaim_id", obj.get("id"))
    text = obj.get("vclaim", obj.get("text"))
    if not cid or not isinstance(text, str):
        raise InputError("needs vclaim_id/vclaim or id/text", source=where)
    return FactCheck(
        id=str(cid),
        text=text,
        title=str(obj.get("title") or ""),
        subtitle=str(obj.get("subtitle") or ""),
        date=str(obj.get("date") or ""),
    )


def _json(data: bytes, where: str) -> Any:
    try:
        return json.loads(data.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg}, line {exc.lineno})", source=where) from None


def _iter_tar(path: Path) -> Iterator[FactCheck]:
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".json"):
                    continue
                fh = tar.extractfile(member)
                if fh is not None:
                    where = f"{path}:{member.name}"
                    yield _from_record(_json(fh.read(), where), where)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InputError(f"unreadable archive ({exc})", source=str(path)) from None


def _iter_jsonl(path: Path) -> Iterator[FactCheck]:
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                where = f"{path}:{n}"
                yield _from_record(_json(line, where), where)


def _iter_folder(path: Path) -> Iterator[FactCheck]:
    for file in sorted(path.rglob("*.json")):
        yield _from_record(_json(file.read_bytes(), str(file)), str(file))


def read_factchecks(path: str | Path) -> list[FactCheck]:
    """All fact-checks of a folder, ``.tar.gz``/``.tgz``/``.tar`` or ``.jsonl``; ids unique."""
    p = Path(path)
    if p.is_dir():
        items: Iterable[FactCheck] = _iter_folder(p)
    elif p.is_file() and p.name.endswith((".tar.gz", ".tgz", ".tar")):
        items = _iter_tar(p)
    elif p.is_file() and p.suffix in (".jsonl", ".ndjson"):
        items = _iter_jsonl(p)
    elif p.is_file():
        raise InputError("expected a folder, .tar.gz or .jsonl of fact-checks", source=str(path))
    else:
        raise InputError("no such fact-check collection", source=str(path))
    seen: dict[str, FactCheck] = {}
    for item in items:
        seen.setdefault(item.id, item)
    if not seen:
        raise InputError("no fact-checks found", source=str(path))
    return list(seen.values())


def write_run(
    rankings: Iterable[tuple[str, list[tuple[str, float]]]], out: io.TextIOBase | Any, tag: str
) -> int:
    """TREC run lines ``query_id Q0 claim_id rank score tag`` (tab-separated); returns lines."""
    n = 0
    for qid, ranked in rankings:
        for rank, (cid, score) in enumerate(ranked, 1):
            out.write(f"{qid}\tQ0\t{cid}\t{rank}\t{score:.6f}\t{tag}\n")
            n += 1
    return n


def read_qrels(path: str | Path) -> dict[str, set[str]]:
    """TREC qrels (``qid 0 docid rel``): the relevant ids per query (rel > 0)."""
    out: dict[str, set[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and int(parts[3]) > 0:
            out.setdefault(parts[0], set()).add(parts[2])
    return out
