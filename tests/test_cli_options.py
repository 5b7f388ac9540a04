"""The options the analysing commands share read the same in each of them."""

from __future__ import annotations

import pytest

from presslens.cli import build_parser
from presslens.cli_options import parse_layers, settings_from_args

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


LIMIT_COMMANDS = [["analyze", "page.html"], *COMMANDS, ["serve"]]


@pytest.mark.parametrize("command", LIMIT_COMMANDS, ids=lambda c: c[0])
def test_limits_and_settings_file_read_the_same(command: list[str], tmp_path) -> None:
    config = tmp_path / "presslens.toml"
    config.write_text("time_limit = 7.0\nmax_bytes = 1000\n", encoding="utf-8")
    parser = build_parser()
    from_file = settings_from_args(parser.parse_args([*command, "--config", str(config)]))
    assert (from_file.time_limit, from_file.max_bytes) == (7.0, 1000)
    args = parser.parse_args([*command, "--config", str(config), "--time-limit", "3"])
    assert settings_from_args(args).time_limit == 3.0


@pytest.mark.parametrize("command", LIMIT_COMMANDS[:2], ids=lambda c: c[0])
def test_input_size_and_private_fetches_where_a_command_reads_pages(command: list[str]) -> None:
    args = build_parser().parse_args([*command, "--max-mb", "0.5", "--allow-private"])
    settings = settings_from_args(args)
    assert settings.max_bytes == 512 * 1024 and settings.allow_private is True


@pytest.mark.parametrize("command", [["spark", "pages/", "-o", "out/"], ["serve"]], ids=str)
def test_commands_that_never_fetch_take_no_allow_private(command: list[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args([*command, "--allow-private"])
