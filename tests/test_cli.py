"""The presslens command: outputs, one-line errors, batches that survive bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from presslens.cli import main
from presslens.document import Document, validate

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry returns after repairs</title></head><body><article>
<h1>Harbour ferry returns after repairs</h1>
<p>The harbour ferry resumed service on Monday after three weeks of engine repairs, the port
authority said, and the first crossing left the northern pier at seven in the morning.</p>
<p>Commuters said the replacement buses had doubled their travel time during the closure and
welcomed the return of the boat, which carries about two hundred passengers per trip.</p>
</article></body></html>"""


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    p = tmp_path / "ferry.html"
    p.write_text(PAGE, encoding="utf-8")
    return p


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_validates(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyze", str(page), "--no-layers"], capsys)
    assert code == 0, err
    doc = Document.from_json(out)
    validate(doc)
    assert "harbour ferry resumed service" in doc.text
    assert doc.metadata.title == "Harbour ferry returns after repairs"


def test_folder_output_json_and_html(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    code, _, err = run(
        ["analyze", str(page), "--no-layers", "--format", "json,html", "-o", str(out_dir)], capsys
    )
    assert code == 0, err
    assert (out_dir / "ferry.json").is_file() and (out_dir / "ferry.html").is_file()
    assert "wrote 1 document" in err


def test_bad_inputs_reported_rest_still_run(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    code, out, err = run(
        [
            "analyze",
            str(empty),
            str(page),
            str(binary),
            str(tmp_path / "gone"),
            "--no-layers",
            "--format",
            "jsonl",
        ],
        capsys,
    )
    assert code == 1
    lines = [json.loads(x) for x in out.splitlines()]
    assert len(lines) == 1 and "ferry" in lines[0]["source"]["uri"]
    errors = [e for e in err.splitlines() if e.startswith("presslens: error:")]
    assert len(errors) == 3
    assert any("empty.html: empty input" in e for e in errors)
    assert any("photo.html" in e and "PNG" in e for e in errors)
    assert "Traceback" not in err


def test_unknown_layer_is_one_line(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["analyze", str(page), "--layers", "nonsense"], capsys)
    assert code == 2 and "unknown layer 'nonsense'" in err and "Traceback" not in err


def test_twenty_megabyte_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page just under the 20 MB default is processed; one just over is refused in one line."""
    para = "<p>" + "The committee met again to discuss the harbour budget. " * 40 + "</p>\n"
    body = para * (19 * 1024 * 1024 // len(para))
    big = tmp_path / "big.html"
    big.write_text(
        f"<html><head><title>Big</title></head><body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    code, out, err = run(["analyze", str(big), "--no-layers", "--format", "text"], capsys)
    assert code == 0, err
    bigger = tmp_path / "bigger.html"
    bigger.write_bytes(big.read_bytes() + b"<p>x</p>" * 300_000)
    code, _, err = run(["analyze", str(bigger), "--no-layers"], capsys)
    assert code == 1 and "above the limit" in err


def test_time_limit(
    page: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib
    import time

    extract_module = importlib.import_module("presslens.extract")

    original = extract_module.extract_page

    def slow(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        time.sleep(3)
        return original(*args, **kwargs)

    monkeypatch.setattr(extract_module, "extract_page", slow)
    code, _, err = run(["analyze", str(page), "--no-layers", "--time-limit", "0.5"], capsys)
    assert code == 1 and "time limit" in err


def test_truncated_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cut = tmp_path / "cut.html"
    cut.write_text(PAGE[: PAGE.index("Commuters said") + 60], encoding="utf-8")
    code, out, err = run(["analyze", str(cut), "--no-layers", "--format", "text"], capsys)
    assert code == 0, err
    assert "harbour ferry resumed service" in out


def test_version_and_entry_point() -> None:
    exe = Path(sys.executable).with_name("presslens")
    res = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert res.returncode == 0 and res.stdout.startswith("presslens ")


def test_stdin_input(capsys: pytest.CaptureFixture[str]) -> None:
    exe = Path(sys.executable).with_name("presslens")
    res = subprocess.run(
        [str(exe), "analyze", "-", "--no-layers", "--format", "text"],
        input=PAGE.encode(),
        capture_output=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert b"harbour ferry" in res.stdout


def test_resume_skips_finished_outputs(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    assert run(["analyze", str(page), "--no-layers", "-o", str(out_dir) + "/"], capsys)[0] == 0
    done = out_dir / "ferry.json"
    done.write_text("sentinel", encoding="utf-8")
    run(["analyze", str(page), "--no-layers", "-o", str(out_dir) + "/", "--resume"], capsys)
    assert done.read_text(encoding="utf-8") == "sentinel"  # not redone
    run(["analyze", str(page), "--no-layers", "-o", str(out_dir) + "/"], capsys)
    assert done.read_text(encoding="utf-8") != "sentinel"  # without --resume it is redone
    assert not list(out_dir.glob(".*.tmp"))
