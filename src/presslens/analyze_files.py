"""``presslens analyze`` over many inputs: expand folders, run one Pipeline, write the outputs.

Why its own module: the CLI only parses options; this is the batch logic behind them (which
inputs, where each output goes, what a resumed run may skip), importable and testable without
argparse. It never prints: errors and progress go to the callbacks the caller passes.

Resume keys on the *input*, not on output names: output names come from input file names
(``page.html`` → ``page.json``, a second ``page.html`` elsewhere → ``page-2.json``), so adding
a file to the input folder could shift them and make a resumed run skip the wrong page. A
ledger in the output folder (:data:`LEDGER`, one JSON line per finished input: path, size,
mtime, output name, formats) fixes each input's name for good and says which inputs are
finished; an input whose size or mtime changed is analysed again under its old name.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from presslens import deadline
from presslens.document import Document
from presslens.errors import ComponentError, PressLensError
from presslens.ingest import RawPage, read_source
from presslens.pipeline import Pipeline
from presslens.render import FORMATS, render

# File kinds a folder expands to.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".gz", ".xhtml"})
# Suffixes dropped from an input's name to make its output name.
STRIP_SUFFIXES = (".gz", ".html", ".htm", ".txt", ".xhtml")
# The resume ledger, a hidden file in the output folder.
LEDGER = ".presslens-ledger.jsonl"
# Inputs read and analysed together (Pipeline.pipe parses their texts in one nlp.pipe call);
# the byte bound keeps a folder of large pages from piling up in memory.
BATCH_PAGES = 16
BATCH_BYTES = 32 * 1024 * 1024

ErrorHandler = Callable[[PressLensError], None]
ProgressHandler = Callable[[int, int, str], None]


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Directories expand to the pages inside them (html/htm/txt/gz/xhtml), sorted."""
    out: list[str] = []
    for src in sources:
        p = Path(src)
        if src != "-" and not _is_url(src) and p.is_dir():
            out.extend(
                str(f)
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in PAGE_SUFFIXES
            )
        else:
            out.append(src)
    return out


def _is_url(src: str) -> bool:
    return re.match(r"https?://", src) is not None


def output_base(src: str) -> str:
    """The output name an input would get if no other input had it: the file name without
    its page suffixes, a URL's host and path, ``stdin`` for '-'."""
    if src == "-":
        return "stdin"
    if _is_url(src):
        return re.sub(r"[^A-Za-z0-9._-]+", "_", src.split("://", 1)[1]).strip("_")[:80]
    base = Path(src).name
    for suffix in STRIP_SUFFIXES:
        base = base.removesuffix(suffix)
    return base or "document"


def input_key(src: str) -> str:
    """What identifies an input across runs: its absolute path (URL and '-' as given)."""
    if src == "-" or _is_url(src):
        return src
    return str(Path(src).resolve())


def input_state(src: str) -> dict[str, Any] | None:
    """Size and mtime of a local file (None for URLs, stdin or a missing file)."""
    if src == "-" or _is_url(src):
        return None
    try:
        st = os.stat(src)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


class Ledger:
    """The output folder's record of finished inputs and the names their outputs carry."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LEDGER
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut by a kill: that input is simply done again
                if isinstance(entry, dict) and isinstance(entry.get("input"), str):
                    self.entries[entry["input"]] = entry
        self.names = {e["name"]: key for key, e in self.entries.items() if "name" in e}

    def name_for(self, src: str) -> str:
        """The input's output name: the one it had before, else a new unused one."""
        key = input_key(src)
        if key in self.entries:
            return str(self.entries[key]["name"])
        base = output_base(src)
        name, n = base, 2
        while name in self.names:
            name, n = f"{base}-{n}", n + 1
        self.names[name] = key
        return name

    def is_done(self, src: str, formats: Sequence[str], folder: Path) -> bool:
        """Finished in an earlier run: same file state, every requested output present."""
        entry = self.entries.get(input_key(src))
        state = input_state(src)
        if entry is None or state is None:
            return False
        if (entry.get("size"), entry.get("mtime_ns")) != (state["size"], state["mtime_ns"]):
            return False
        return all((folder / f"{entry['name']}{FORMATS[f][0]}").is_file() for f in formats)

    def record(self, src: str, name: str, formats: Sequence[str]) -> None:
        """Append one finished input (after its outputs were written)."""
        entry = {"input": input_key(src), "name": name, "formats": list(formats)}
        entry.update(input_state(src) or {})
        self.entries[entry["input"]] = entry
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


@dataclass
class Summary:
    """What a run did: documents written, inputs skipped by resume, inputs that failed."""

    written: int = 0
    skipped: int = 0
    failed: list[PressLensError] = field(default_factory=list)
    folder: Path | None = None  # where the per-input files went, if to a folder


def writes_to_folder(output: str | None, n_sources: int, formats: Sequence[str]) -> bool:
    """One output file per input in a folder, or a single stream (stdout / one file)?"""
    if output is None or (len(formats) == 1 and formats[0] == "jsonl"):
        return False
    return Path(output).is_dir() or output.endswith("/") or n_sources > 1 or len(formats) > 1


def analyze_files(
    sources: Iterable[str],
    pipeline: Pipeline,
    formats: Sequence[str],
    output: str | None = None,
    *,
    resume: bool = False,
    stdout: IO[str] | None = None,
    on_error: ErrorHandler | None = None,
    on_progress: ProgressHandler | None = None,
) -> Summary:
    """Analyse every input with ``pipeline`` and write ``formats``; one bad input fails alone.

    ``output``: None writes to ``stdout`` (JSON Lines when several inputs), a file path writes
    one stream there, a folder gets one file per input and format (see
    :func:`writes_to_folder`). With ``resume``, inputs the folder's ledger records as finished
    (and unchanged) are skipped.
    """
    sources = expand_sources(list(sources))
    to_folder = writes_to_folder(output, len(sources), formats)
    folder = Path(output) if to_folder and output else None
    summary = Summary(folder=folder)
    ledger: Ledger | None = None
    stream: IO[str] | None = stdout
    opened: IO[str] | None = None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        ledger = Ledger(folder)
    elif output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        stream = opened = Path(output).open("w", encoding="utf-8")
    try:
        todo = sources
        if resume and ledger is not None and folder is not None:
            todo = [src for src in sources if not ledger.is_done(src, formats, folder)]
        summary.skipped = len(sources) - len(todo)
        for i, (src, doc, error) in enumerate(_analyzed(pipeline, todo), 1):
            if on_progress:
                on_progress(i, len(todo), src)
            if error is not None or doc is None:
                summary.failed.append(error or ComponentError("no document", source=src))
                if on_error:
                    on_error(summary.failed[-1])
                continue
            if ledger is not None and folder is not None:
                name = ledger.name_for(src)
                for fmt in formats:
                    write_atomic(folder / f"{name}{FORMATS[fmt][0]}", render(doc, fmt))
                ledger.record(src, name, formats)
            elif stream is not None:
                fmt = "jsonl" if formats[0] == "json" and len(sources) > 1 else formats[0]
                stream.write(render(doc, fmt))
            summary.written += 1
    finally:
        if opened is not None:
            opened.close()
    return summary


def _analyzed(
    pipeline: Pipeline, sources: list[str]
) -> Iterator[tuple[str, Document | None, PressLensError | None]]:
    """(source, document, error) per input, in input order.

    Inputs are read a batch at a time (at most BATCH_PAGES pages or BATCH_BYTES bytes, so a
    run of large pages does not pile up in memory) and the batch goes through
    ``Pipeline.pipe``, which parses its texts together.
    """
    batch: list[tuple[str, RawPage | PressLensError]] = []
    size = 0
    for src in sources:
        item = _read(pipeline, src)
        batch.append((src, item))
        size += len(item.data) if isinstance(item, RawPage) else 0
        if len(batch) >= BATCH_PAGES or size >= BATCH_BYTES:
            yield from _run_batch(pipeline, batch)
            batch, size = [], 0
    yield from _run_batch(pipeline, batch)


def _read(pipeline: Pipeline, src: str) -> RawPage | PressLensError:
    """The input's bytes, or the one-line error that names it."""
    try:
        with deadline.scope(pipeline.settings.time_limit, src):
            return read_source(src, pipeline.settings)
    except PressLensError as exc:
        return exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop a batch
        error = ComponentError(f"reading failed: {type(exc).__name__}: {exc}", source=src)
        error.__cause__ = exc
        return error


def _run_batch(
    pipeline: Pipeline, batch: list[tuple[str, RawPage | PressLensError]]
) -> Iterator[tuple[str, Document | None, PressLensError | None]]:
    pages = [item for _, item in batch if isinstance(item, RawPage)]
    results = iter(pipeline.pipe(pages, batch_size=max(1, len(pages))))
    for src, item in batch:
        if isinstance(item, PressLensError):
            yield src, None, item
        else:
            result = next(results)
            yield src, result.document, result.error


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a killed run never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


__all__ = [
    "LEDGER",
    "Ledger",
    "Summary",
    "analyze_files",
    "expand_sources",
    "output_base",
    "write_atomic",
    "writes_to_folder",
]
