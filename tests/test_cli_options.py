"""The options ``ingest`` and ``spark`` share read the same in both commands."""

from __future__ import annotations

import pytest

from presslens.cli import build_parser
from presslens.cli_options import parse_layers

COMMANDS = [["ingest", "page.html"], ["spark", "pages/", "-o", "out/"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_layers_read_back_the_same(command: list[str]) -> None:
    parser = build_parser()
    assert parse_layers(parser.parse_args(command)) is None
    assert parse_layers(parser.parse_args([*command, "--no-layers"])) == []
    args = parser.parse_args([*command, "--layers", " sentences, ,entities "])
    assert parse_layers(args) == ["sentences", "entities"]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_outlet_and_outlets_exclude_each_other(command: list[str], capsys) -> None:
    parser = build_parser()
    assert parser.parse_args([*command, "--outlets", "o.toml"]).outlets == "o.toml"
    with pytest.raises(SystemExit) as exc:
        parser.parse_args([*command, "--outlet", "A", "--outlets", "o.toml"])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
