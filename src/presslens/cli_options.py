"""Command-line options shared by the commands that analyse pages (``analyze``, ``ingest``,
``spark``, ``serve``).

They run the same Pipeline under the same limits and name outlets the same way, so their
options must read the same: one declaration here rather than a copy in each ``cli.py`` that
could drift. Several small functions, not one, because each command lists them in its own
order in --help and not every command takes every option.
"""

from __future__ import annotations

import argparse

from presslens.settings import MB, Settings, load_settings


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


def add_limit_options(
    p: argparse.ArgumentParser, *, input_size: bool = True, fetch: bool = True
) -> None:
    """The per-document limits and the settings file, as every analysing command reads them.

    ``input_size=False`` for commands that take no files (``serve`` receives bodies whose size
    its upload limit already bounds); ``fetch=False`` for commands that never fetch URLs.
    """
    if input_size:
        p.add_argument("--max-mb", type=float, help="maximum input size in MB (default 20)")
    p.add_argument("--time-limit", type=float, help="seconds per document (default 120)")
    if fetch:
        p.add_argument("--allow-private", action="store_true", help="fetch private/loopback URLs")
    p.add_argument("--config", help="settings file (TOML)")


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings file named by ``--config`` with the limit options laid over it; an option
    a command does not declare leaves the file's (or the default) value."""
    max_mb = getattr(args, "max_mb", None)
    return load_settings(args.config).with_overrides(
        max_bytes=int(max_mb * MB) if max_mb else None,
        time_limit=args.time_limit,
        allow_private=True if getattr(args, "allow_private", False) else None,
    )
