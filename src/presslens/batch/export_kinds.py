"""What ``presslens export [KIND]`` writes: a registry of export kinds and the one dispatcher.

The corpus ``export`` command belongs to the batch runner, but other parts export too (the
correction log in ``web/``, the claim clusters in ``tracking/``). Rather than each part wrapping
the command's handler in one more closure, each registers an :class:`ExportKind` through
:func:`register_export_kind`: its word, its formats and its handler. The parts stay independent
(``web``/``tracking`` import this small module; the batch runner imports neither), and the
checks of which format goes with which kind live here, once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_KIND = "documents"


@dataclass(frozen=True)
class ExportKind:
    """One word after ``export``: the formats it writes and the command that writes them."""

    name: str
    formats: tuple[str, ...]
    handler: Callable[[argparse.Namespace], int]


class ExportKinds:
    """The ``export`` command's handler: holds the registered kinds and dispatches on the word.

    It is the parser's ``func`` default, so the registry lives with the parser it widens (the
    tests build many parsers in one process; a module-level registry would leak between them).
    """

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser
        self.kinds: dict[str, ExportKind] = {}
        # A format belongs to the first kind that offered it: a later kind sharing it (claims
        # also write csv) must not send people away from the earlier one.
        self.owner: dict[str, str] = {}

    def add(self, kind: ExportKind) -> None:
        """Register ``kind``: its word and its new formats become valid choices."""
        self.kinds[kind.name] = kind
        for fmt in kind.formats:
            self.owner.setdefault(fmt, kind.name)
        for action in self.parser._actions:
            if action.dest == "what":
                action.choices = list(self.kinds)
            elif action.dest == "format":
                action.choices = list(self.owner)

    def __call__(self, args: argparse.Namespace) -> int:
        """Run the kind ``args.what`` names, or say in one line which word or format fits.

        The kinds are checked newest first, each claiming its own word and its own formats:
        ``export --format labelstudio`` is a word missing ("is for 'export corrections'"),
        ``export claims --format jsonl`` a format that kind does not write.
        """
        for kind in reversed(self.kinds.values()):
            if kind.name == DEFAULT_KIND:
                continue
            if args.what == kind.name:
                if args.format not in kind.formats:
                    return _usage(
                        f"export {kind.name}: --format is one of {', '.join(kind.formats)}"
                    )
                return int(kind.handler(args) or 0)
            if self.owner.get(args.format) == kind.name:
                return _usage(f"export: --format {args.format} is for 'export {kind.name}'")
        return int(self.kinds[DEFAULT_KIND].handler(args) or 0)


def install_export_kinds(parser: argparse.ArgumentParser, default: ExportKind) -> None:
    """Give the ``export`` parser its ``KIND`` word and make it dispatch on it."""
    parser.add_argument(
        "what",
        nargs="?",
        choices=[default.name],
        default=default.name,
        help=f"what to export (default {default.name})",
    )
    kinds = ExportKinds(parser)
    kinds.add(default)
    parser.set_defaults(func=kinds)


def register_export_kind(sub: argparse._SubParsersAction, kind: ExportKind) -> None:
    """Add ``kind`` to the ``export`` command among ``sub``'s commands (none there: no-op).

    Called by the parts' own parser hooks (``presslens.cli.EXTRA_COMMANDS``), after the batch
    runner's ``add_export_parser``; without the corpus command their own ``export-…`` command
    still works.
    """
    export = sub.choices.get("export")
    kinds = export.get_default("func") if export is not None else None
    if isinstance(kinds, ExportKinds):
        kinds.add(kind)


def _usage(message: str) -> int:
    print(f"presslens: {message}", file=sys.stderr)
    return 2
