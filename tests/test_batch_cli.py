"""The corpus commands end to end: ingest → stats → export (JSONL, Parquet read by DuckDB, CSV)
→ import into a second store, twice; and their exit codes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from presslens.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = [
    "mpw-fuel-subsidies.html",
    "courier-fuel-subsidies-reprint.html",
    "courier-bridge-repair.html",
    "vsna-metro-extension.html",
    "dump-vsna-harvest-record.txt",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture corpus ingested once (sentences only) into a fresh SQLite store."""
    root = tmp_path_factory.mktemp("corpus")
    pages = root / "pages"
    pages.mkdir()
    for name in CORPUS:
        shutil.copy(EXAMPLES / name, pages / name)
    db = root / "presslens.db"
    args = ["ingest", str(pages), "--store", str(db), "--outlets", str(EXAMPLES / "outlets.toml")]
    assert main([*args, "--layers", "sentences", "--workers", "2"]) == 0
    return pages, db


def test_ingest_summary_and_rerun_skips(store: tuple[Path, Path], capsys) -> None:
    pages, db = store
    assert main(["ingest", str(pages), "--store", str(db), "--layers", "sentences"]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == f"presslens: ingest: 0 stored, {len(CORPUS)} skipped (already there), 0 failed"


def test_stats_counts_outlets_months_layers(store: tuple[Path, Path], capsys) -> None:
    _, db = store
    assert main(["stats", "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"documents: {len(CORPUS)} (1 linked copies)")
    for word in ("The Estmere Courier", "Meridian Press Wire", "2026-01", "sentences"):
        assert word in out


def test_export_jsonl_csv_and_parquet_read_by_duckdb(store: tuple[Path, Path], tmp_path) -> None:
    duckdb = pytest.importorskip("duckdb")
    _, db = store
    assert (
        main(["export", "--store", str(db), "--format", "jsonl", "-o", str(tmp_path / "d.jsonl")])
        == 0
    )
    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(CORPUS) and all(json.loads(x)["text"] for x in lines)
    assert main(["export", "--store", str(db), "--format", "csv", "-o", str(tmp_path / "d.csv"),
                 "--outlet", "The Estmere Courier"]) == 0  # fmt: skip
    with (tmp_path / "d.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 2
    out = tmp_path / "parquet"
    assert main(["export", "--store", str(db), "--format", "parquet", "-o", str(out)]) == 0
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT outlet, count(*) FROM read_parquet('{out}/documents/**/*.parquet', "
        "hive_partitioning=true) GROUP BY outlet ORDER BY outlet"
    ).fetchall()
    assert sum(n for _, n in rows) == len(CORPUS)
    assert ("The Estmere Courier", 2) in rows


def test_import_parquet_into_a_new_store_is_idempotent(
    store: tuple[Path, Path], tmp_path, capsys
) -> None:
    _, db = store
    out = tmp_path / "parquet"
    assert main(["export", "--store", str(db), "--format", "parquet", "-o", str(out)]) == 0
    other = tmp_path / "other.db"
    assert main(["import", str(out), "--store", str(other)]) == 0
    assert f"{len(CORPUS)} stored, 0 skipped" in capsys.readouterr().err
    assert main(["import", str(out), "--store", str(other)]) == 0
    assert f"0 stored, {len(CORPUS)} skipped" in capsys.readouterr().err
    assert main(["stats", "--store", str(other)]) == 0
    stats = capsys.readouterr().out
    assert "The Estmere Courier" in stats and "sentences" in stats


def test_usage_errors_exit_2(tmp_path, capsys) -> None:
    db = str(tmp_path / "x.db")
    assert main(["ingest", str(EXAMPLES), "--store", db, "--workers", "0"]) == 2
    assert main(["ingest", str(EXAMPLES), "--store", db, "--layers", "nonsense"]) == 2
    assert main(["export", "--store", db, "--format", "csv", "-o", str(tmp_path / "a.csv"),
                 "--since", "last week"]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "--workers must be at least 1" in err and "nonsense" in err and "last week" in err


def test_exit_1_only_when_every_input_failed(tmp_path, capsys) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert main(["ingest", str(bad), "--store", str(tmp_path / "x.db"), "--no-layers",
                 "--workers", "1"]) == 1  # fmt: skip
    err = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("presslens: error: ") for line in err) == 2
    assert err[-1].startswith("presslens: ingest: 0 stored, 0 skipped (already there), 2 failed")


def test_import_of_a_folder_that_is_no_export_is_one_line(tmp_path, capsys) -> None:
    assert main(["import", str(tmp_path / "nothing"), "--store", str(tmp_path / "x.db")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("presslens: error: ") and "nothing" in line and "[E001]" in line
