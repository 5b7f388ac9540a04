"""A real local Spark (local[2]) runs the corpus job; its tables match the laptop path's.

One Spark session and one run for the module (starting Spark costs ~10 s): a folder of pages,
a WARC holding two response records and a broken tail, and a binary file that must become an
error row, not a failed job. Then: one document row per good page, one error row per bad one,
the same annotation rows as ``presslens ingest`` + ``presslens export`` give for those pages,
and ``presslens import`` loads the output into a store.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
duckdb = pytest.importorskip("duckdb")
warcio = pytest.importorskip("warcio")

pytestmark = [pytest.mark.slow, pytest.mark.spark]

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
LAYERS = "sentences,entities,timexes,quantities"
ANNOTATION_KEY = 'document, layer, id, start, "end", label, score, attributes'


def _java_available() -> bool:
    return shutil.which("java") is not None


def _write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        fh.write(b"\x1f\x8b\x08\x00 this gzip member is cut short")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spark-corpus")
    pages = root / "pages"
    pages.mkdir()
    for name in ("wire-harbor-crane.html", "dump-velmora-talks.txt", "koi8r-skating-rink.html"):
        shutil.copy(EXAMPLES / name, pages / name)
    (pages / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    _write_warc(
        root / "crawl.warc.gz",
        [
            (
                "https://vsna.example/2026/03/one",
                (EXAMPLES / "jsonld-river-council.html").read_bytes(),
            ),
            (
                "https://vsna.example/2026/03/two",
                (EXAMPLES / "captions-lighthouse.html").read_bytes(),
            ),
        ],
    )
    return root


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [str(Path(sys.executable).parent / "presslens"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def spark_output(corpus: Path) -> Path:
    if not _java_available():
        pytest.skip("no Java runtime: Spark cannot start (make test installs it)")
    out = corpus / "spark-out"
    run = _cli(
        "spark", str(corpus / "pages"), str(corpus / "crawl.warc.gz"), "-o", str(out),
        "--master", "local[2]", "--layers", LAYERS, "--partitions", "3", cwd=corpus,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert "documents" in run.stderr.splitlines()[-1]
    return out


@pytest.fixture(scope="module")
def laptop_output(corpus: Path) -> Path:
    store = corpus / "laptop.db"
    out = corpus / "laptop-out"
    for args in (
        ("ingest", str(corpus / "pages"), str(corpus / "crawl.warc.gz"), "--store", str(store),
         "--layers", LAYERS, "--workers", "1"),
        ("export", "--store", str(store), "--format", "parquet", "-o", str(out)),
    ):  # fmt: skip
        run = _cli(*args, cwd=corpus)
        assert run.returncode == 0, run.stderr[-3000:]
    return out


def _rows(sql: str) -> list[tuple]:
    return duckdb.connect().execute(sql).fetchall()


def _table(root: Path, name: str) -> str:
    return f"read_parquet('{root}/{name}/**/*.parquet', hive_partitioning = true)"


def test_one_document_row_per_good_page_and_an_error_row_per_bad_one(spark_output: Path) -> None:
    docs = _rows(f"SELECT uri FROM {_table(spark_output, 'documents')} ORDER BY uri")
    uris = [u for (u,) in docs]
    assert len(uris) == 5
    assert "https://vsna.example/2026/03/one" in uris and "https://vsna.example/2026/03/two" in uris
    errors = _rows(f"SELECT uri, code, message FROM {_table(spark_output, 'errors')}")
    codes = {uri.rsplit("/", 1)[-1]: code for uri, code, _ in errors}
    assert codes.get("photo.html") == "E004"  # binary bytes with a page's extension
    assert any(uri.endswith("crawl.warc.gz") for uri, _, _ in errors)  # the cut-short tail
    assert all("\n" not in message for _, _, message in errors)


def test_annotations_are_the_laptop_paths_rows(spark_output: Path, laptop_output: Path) -> None:
    spark_rows = set(_rows(f"SELECT {ANNOTATION_KEY} FROM {_table(spark_output, 'annotations')}"))
    laptop_rows = set(_rows(f"SELECT {ANNOTATION_KEY} FROM {_table(laptop_output, 'annotations')}"))
    assert len(spark_rows) > 100
    assert spark_rows == laptop_rows


def test_documents_carry_the_same_contract_and_partitions(
    spark_output: Path, laptop_output: Path
) -> None:
    query = "SELECT id, outlet, month, title, language FROM {} ORDER BY id"
    assert _rows(query.format(_table(spark_output, "documents"))) == _rows(
        query.format(_table(laptop_output, "documents"))
    )


def test_import_loads_the_spark_tables_into_a_store(spark_output: Path, corpus: Path) -> None:
    store = corpus / "imported.db"
    for _ in range(2):  # idempotent: the second import stores nothing new
        run = _cli("import", str(spark_output), "--store", str(store), cwd=corpus)
        assert run.returncode == 0, run.stderr[-2000:]
    from presslens.store import open_store

    assert open_store(str(store)).stats()["documents"] == 5
