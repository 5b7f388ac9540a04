"""The command line of the web part: ``presslens export corrections`` (and
``export-corrections``), and ``presslens serve`` as a real process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytest.importorskip("presslens.store")

import webkit  # noqa: E402
from presslens.cli import main  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.web.corrections import build_correction, record  # noqa: E402


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    store = open_store(path)
    ids = webkit.populate(store)
    doc = store.get_document(ids["Daily Alpha"][0])
    record(
        store.engine,
        build_correction(doc, author="alice", action="reject", annotation_id="techniques-0"),
    )
    return path


def test_export_corrections_through_the_export_command(db: str, tmp_path: Path) -> None:
    out = tmp_path / "ls.json"
    assert (
        main(["export", "corrections", "--format", "labelstudio", "-o", str(out), "--store", db])
        == 0
    )
    tasks = json.loads(out.read_text())
    assert len(tasks) == 1 and tasks[0]["annotations"][0]["meta"]["presslens_author"] == "alice"
    assert (
        main(["export-corrections", "--format", "brat", "-o", str(tmp_path / "b"), "--store", db])
        == 0
    )
    assert list((tmp_path / "b").glob("*.ann"))


def test_export_formats_do_not_mix(db: str, tmp_path: Path) -> None:
    assert (
        main(
            ["export", "corrections", "--format", "jsonl", "-o", str(tmp_path / "x"), "--store", db]
        )
        == 2
    )
    assert main(["export", "--format", "doccano", "-o", str(tmp_path / "y"), "--store", db]) == 2


@pytest.mark.slow
def test_serve_starts_on_loopback_prints_a_token_and_stops(tmp_path: Path) -> None:
    port = webkit.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSLENS_TOKEN")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "presslens.cli",
            "serve",
            "--store",
            str(tmp_path / "s.db"),
            "--port",
            str(port),
        ],
        env={**env, "HF_HUB_OFFLINE": "1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        deadline = time.time() + 180
        while time.time() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "serving on" in line:
                break
        text = "".join(lines)
        token = re.search(r"write token .*: (\S+)", text)
        assert token and f"http://127.0.0.1:{port}/" in text, text
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        r = httpx.post(
            base + "/api/documents",
            json={"text": webkit.ARTICLE},
            headers={"authorization": f"Bearer {token.group(1)}"},
            timeout=120,
        )
        assert r.status_code == 201
        assert httpx.post(base + "/api/documents", json={"text": "x"}).status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
