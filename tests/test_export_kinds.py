"""The export registry on its own: kinds registered by other parts widen the choices of the
one ``export`` parser, and each word/format pair goes to one handler or one usage line."""

from __future__ import annotations

import argparse

import pytest

from presslens.batch.export_kinds import (
    ExportKind,
    install_export_kinds,
    register_export_kind,
)


def _handler(name: str, calls: list[str]):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        calls.append(f"{name}:{args.format}")
        return 0

    return run


@pytest.fixture()
def cli() -> tuple[argparse.ArgumentParser, list[str]]:
    """A parser with ``export`` (documents) and two registered kinds, one sharing ``csv``."""
    calls: list[str] = []
    parser = argparse.ArgumentParser(prog="t")
    sub = parser.add_subparsers()
    export = sub.add_parser("export")
    export.add_argument("--format", required=True, choices=["jsonl", "csv"])
    install_export_kinds(export, ExportKind("documents", ("jsonl", "csv"), _handler("d", calls)))
    register_export_kind(sub, ExportKind("notes", ("ann",), _handler("n", calls)))
    register_export_kind(sub, ExportKind("tables", ("xlsx", "csv"), _handler("t", calls)))
    return parser, calls


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_choices_grow_in_registration_order(cli) -> None:  # type: ignore[no-untyped-def]
    parser, _ = cli
    export = parser._subparsers._group_actions[0].choices["export"]  # type: ignore[union-attr]
    choices = {a.dest: a.choices for a in export._actions}
    assert choices["what"] == ["documents", "notes", "tables"]
    assert choices["format"] == ["jsonl", "csv", "ann", "xlsx"]  # csv stays the documents'


def test_each_word_reaches_its_handler(cli) -> None:  # type: ignore[no-untyped-def]
    parser, calls = cli
    assert _run(parser, ["export", "--format", "csv"]) == 0
    assert _run(parser, ["export", "notes", "--format", "ann"]) == 0
    assert _run(parser, ["export", "tables", "--format", "csv"]) == 0
    assert calls == ["d:csv", "n:ann", "t:csv"]


def test_mismatched_format_is_one_usage_line(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    parser, calls = cli
    assert _run(parser, ["export", "--format", "ann"]) == 2
    assert _run(parser, ["export", "tables", "--format", "jsonl"]) == 2
    assert calls == []
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "presslens: export: --format ann is for 'export notes'",
        "presslens: export tables: --format is one of xlsx, csv",
    ]


def test_without_the_export_command_registering_is_a_no_op() -> None:
    sub = argparse.ArgumentParser().add_subparsers()
    register_export_kind(sub, ExportKind("notes", ("ann",), lambda args: 0))
    assert "export" not in sub.choices
