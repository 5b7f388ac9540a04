"""Command-line options shared by the corpus commands (``presslens ingest``, ``presslens spark``).

Both run the same Pipeline over many pages and name outlets the same way, so their options
must read the same: one declaration here rather than a copy in each ``cli.py`` that could
drift. Two functions, not one, because each command lists them in its own order in --help.
"""

from __future__ import annotations

import argparse


def add_outlet_options(p: argparse.ArgumentParser) -> None:
    """``--outlet NAME`` or ``--outlets FILE`` (not both): which outlet each document is under."""
    who = p.add_mutually_exclusive_group()
    who.add_argument("--outlet", help="put every document under this outlet")
    who.add_argument("--outlets", metavar="FILE", help="outlets file (TOML/CSV): domain → outlet")


def add_layer_options(p: argparse.ArgumentParser) -> None:
    """``--layers a,b`` or ``--no-layers``; :func:`parse_layers` reads them back."""
    p.add_argument("--layers", help="comma-separated layers to run (default: all)")
    p.add_argument("--no-layers", action="store_true", help="extraction only")


def parse_layers(args: argparse.Namespace) -> list[str] | None:
    """The layers to run: ``[]`` for --no-layers, the named ones, or None for all."""
    if args.no_layers:
        return []
    if args.layers:
        return [x.strip() for x in args.layers.split(",") if x.strip()]
    return None
