"""Batch `presslens analyze` logic: output names fixed per input, resume keyed on the input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from presslens.analyze_files import LEDGER, Ledger, analyze_files, output_base
from presslens.document import Document
from presslens.errors import PressLensError
from presslens.pipeline import Pipeline, default_pipeline

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>The {title} reopened on Monday after repairs, the port authority said in a short "
    "statement to reporters gathered at the quay.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(layers=[], models=default_pipeline().models)  # extraction only: fast


def write_page(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title), encoding="utf-8")
    return path


def title_of(out: Path, name: str) -> str | None:
    return Document.from_json((out / f"{name}.json").read_text(encoding="utf-8")).metadata.title


def test_output_base_names() -> None:
    assert output_base("dir/story.html.gz") == "story"
    assert output_base("-") == "stdin"
    assert output_base("https://example.org/a/b?c=1") == "example.org_a_b_c_1"


def test_resume_keys_on_the_input_not_on_shifting_names(tmp_path: Path, pipeline: Pipeline) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write_page(src / "1" / "page.html", "East ferry")
    write_page(src / "3" / "page.html", "West ferry")
    first = analyze_files([str(src)], pipeline, ["json"], str(out))
    assert (first.written, first.skipped) == (2, 0)
    assert title_of(out, "page") == "East ferry" and title_of(out, "page-2") == "West ferry"

    # A file added between the runs sorts between the two: by position it would take
    # "page-2" and a resume keyed on output names would skip it as already done.
    write_page(src / "2" / "page.html", "North ferry")
    second = analyze_files([str(src)], pipeline, ["json"], str(out), resume=True)
    assert (second.written, second.skipped) == (1, 2)
    assert title_of(out, "page") == "East ferry"
    assert title_of(out, "page-2") == "West ferry"  # unchanged: the name stays with its input
    assert title_of(out, "page-3") == "North ferry"


def test_resume_redoes_changed_inputs_and_missing_outputs(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    a = write_page(src / "a.html", "Harbour")
    write_page(src / "b.html", "Bridge")
    analyze_files([str(src)], pipeline, ["json"], str(out))
    write_page(a, "Harbour lights")  # changed input: same name, new content
    os.utime(a, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns + 10**9))
    (out / "b.json").unlink()  # an output lost (killed before the rename)
    again = analyze_files([str(src)], pipeline, ["json"], str(out), resume=True)
    assert (again.written, again.skipped) == (2, 0)
    assert title_of(out, "a") == "Harbour lights"
    # asking for a format not written before redoes the input too
    html = analyze_files([str(src)], pipeline, ["json", "html"], str(out), resume=True)
    assert html.written == 2 and (out / "a.html").is_file()


def test_a_cut_ledger_line_is_ignored(tmp_path: Path, pipeline: Pipeline) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write_page(src / "a.html", "Harbour")
    analyze_files([str(src)], pipeline, ["json"], f"{out}/")
    with (out / LEDGER).open("a", encoding="utf-8") as fh:
        fh.write('{"input": "/x", "na')  # killed mid-write
    ledger = Ledger(out)
    assert list(ledger.entries) == [str((src / "a.html").resolve())]
    again = analyze_files([str(src)], pipeline, ["json"], f"{out}/", resume=True)
    assert (again.written, again.skipped) == (0, 1)


def test_bad_input_fails_alone(tmp_path: Path, pipeline: Pipeline) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write_page(src / "a.html", "Harbour")
    (src / "b.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    errors: list[PressLensError] = []
    summary = analyze_files([str(src)], pipeline, ["json"], str(out), on_error=errors.append)
    assert summary.written == 1 and len(summary.failed) == 1 and errors == summary.failed
    assert "b.html" in str(errors[0]) and "[E004]" in str(errors[0])
    lines = (out / LEDGER).read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["name"] for x in lines] == ["a"]  # failures are not finished
