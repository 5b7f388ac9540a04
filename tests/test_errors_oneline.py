"""One-line errors everywhere (issue 16 §6): each names the input and the cause; --debug shows
the traceback. In-process through ``cli.main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens import cli


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    return code, capsys.readouterr().err


def test_bad_settings_file_is_one_line(tmp_path: Path, capsys, examples_dir: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("max_bytes = [\n")
    page = str(examples_dir / "wire-harbor-crane.html")
    code, err = _run(["analyze", page, "--no-layers", "--config", str(cfg)], capsys)
    assert code == 1 and err.count("\n") == 1
    assert str(cfg) in err and "[E015]" in err and "Traceback" not in err


def test_unwritable_output_is_one_line(capsys, examples_dir: Path) -> None:
    page = str(examples_dir / "wire-harbor-crane.html")
    code, err = _run(["analyze", page, "--no-layers", "-o", "/proc/presslens-x.json"], capsys)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "/proc/presslens-x.json" in err


def test_debug_shows_the_traceback(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    code, err = _run(["analyze", str(empty), "--no-layers"], capsys)
    assert code == 1 and err.count("\n") == 1 and str(empty) in err
    code, err = _run(["--debug", "analyze", str(empty), "--no-layers"], capsys)
    assert code == 1 and "Traceback" in err
