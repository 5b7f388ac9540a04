"""Claim matching: collection/query readers, the TREC run, metrics, and the command."""

from __future__ import annotations

import json
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from presslens.cli import main
from presslens.errors import InputError
from presslens.tracking.factchecks import read_factchecks, read_queries
from presslens.tracking.metrics import average_precision, evaluate

FACTCHECKS = [
    {
        "vclaim_id": "fc-bridge",
        "vclaim": "The Harlow bridge collapsed on 3 March 2021, killing 12.",
        "title": "Did the Harlow Bridge Collapse?",
        "date": "5 March 2021",
    },
    {
        "vclaim_id": "fc-tax",
        "vclaim": "Marle council raised the property tax by 40 percent.",
        "title": "Marle Tax Rise",
        "date": "1 June 2020",
    },
    {
        "vclaim_id": "fc-vaccine",
        "vclaim": "A video shows a nurse fainting after a vaccine.",
        "title": "Nurse Fainting Video",
        "date": "20 December 2020",
    },
    {
        "vclaim_id": "fc-shark",
        "vclaim": "A shark swam down a flooded highway in Texas.",
        "title": "Highway Shark Photo",
        "date": "28 August 2017",
    },
]


def _write_tar(path: Path) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for obj in FACTCHECKS:
            data = json.dumps(obj).encode()
            info = tarfile.TarInfo(f"vclaims/{obj['vclaim_id']}.json")
            info.size = len(data)
            tar.addfile(info, BytesIO(data))


def test_read_factchecks_tar_folder_jsonl(tmp_path: Path) -> None:
    _write_tar(tmp_path / "v.tar.gz")
    folder = tmp_path / "folder"
    folder.mkdir()
    for obj in FACTCHECKS:
        (folder / f"{obj['vclaim_id']}.json").write_text(json.dumps(obj))
    jsonl = tmp_path / "v.jsonl"
    jsonl.write_text(
        "\n".join(json.dumps({"id": o["vclaim_id"], "text": o["vclaim"]}) for o in FACTCHECKS)
    )
    for src in (tmp_path / "v.tar.gz", folder, jsonl):
        got = read_factchecks(src)
        assert sorted(f.id for f in got) == sorted(o["vclaim_id"] for o in FACTCHECKS)
    assert read_factchecks(tmp_path / "v.tar.gz")[0].title


def test_read_factchecks_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "ok"}\n{broken\n')
    with pytest.raises(InputError, match="bad.jsonl:2"):
        read_factchecks(bad)
    with pytest.raises(InputError, match="no such"):
        read_factchecks(tmp_path / "missing")


def test_read_queries_header_and_quotes(tmp_path: Path) -> None:
    p = tmp_path / "q.tsv"
    p.write_text('iclaim_id\ticlaim\nq1\t"He said ""no"" twice"\nq2\tplain text\n')
    got = read_queries(p)
    assert [(q.id, q.text) for q in got] == [("q1", 'He said "no" twice'), ("q2", "plain text")]
    p.write_text("\ufeffq1\tno header here\n")
    assert read_queries(p)[0].id == "q1"


def test_metrics() -> None:
    assert average_precision(["a", "b"], {"b"}, 5) == 0.5
    assert average_precision(["a", "b"], {"b"}, 1) == 0.0
    scores = evaluate({"q": ["x", "y"]}, {"q": {"x"}, "missing": {"z"}})
    assert scores["map@5"] == 0.5 and scores["mrr"] == 0.5


def test_claims_match_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_tar(tmp_path / "v.tar.gz")
    q = tmp_path / "q.tsv"
    q.write_text(
        "id\ttext\n"
        "t1\tBREAKING: the Harlow Bridge has collapsed, 12 dead pic.twitter.com/abc "
        "— Local News (@local) March 3, 2021\n"
        't2\t"Marle council hikes property tax 40%, residents ""furious"""\n'
    )
    run = tmp_path / "run.txt"
    assert (
        main(
            [
                "claims",
                "match",
                "--queries",
                str(q),
                "--claims",
                str(tmp_path / "v.tar.gz"),
                "-k",
                "2",
                "-o",
                str(run),
            ]
        )
        == 0
    )
    rows = [line.split("\t") for line in run.read_text().splitlines()]
    assert all(len(r) == 6 and r[1] == "Q0" and r[5] == "presslens" for r in rows)
    top = {r[0]: r[2] for r in rows if r[3] == "1"}
    assert top == {"t1": "fc-bridge", "t2": "fc-tax"}
    assert len([r for r in rows if r[0] == "t1"]) == 2


def test_claims_match_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = tmp_path / "q.tsv"
    q.write_text("t1\ttext\n")
    assert main(["claims", "match", "--queries", str(q), "--claims", str(q)]) == 1
    err = capsys.readouterr().err
    assert "[E001]" in err and "Traceback" not in err
