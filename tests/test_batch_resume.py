"""Resume: an ingest SIGKILLed at random moments, re-run with the same command, holds every
document exactly once, each with its annotations and provenance (issue 9 §3).

The command runs in a subprocess (its own session) and only its parent process is killed —
what `kill -9 PID` does; the workers must notice the parent is gone and exit by themselves.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")
pytest.importorskip("presslens.store")

TOWNS = ["Arlen", "Brisk", "Corran", "Dunmore", "Elsby", "Farrow", "Glenna", "Holt"]
TEMPLATE = (
    "The town council of {town} voted {a} to {b} on {day} to rebuild the old market hall. "
    "The project will cost {cost} million crowns, the mayor said.\n\n"
    'Traders said the hall had been closed since a fire in {year}. "We have waited long '
    'enough," said {town} baker Ilsa Moor. Work is due to start in spring.\n\n'
    "Opponents said the money should go to the harbour instead. A second vote is planned."
)


def _corpus(folder: Path, n: int) -> set[str]:
    """``n`` distinct fictional articles; returns their document ids (sha256 of the bytes)."""
    folder.mkdir(parents=True)
    ids = set()
    for i in range(n):
        text = TEMPLATE.format(
            town=TOWNS[i % len(TOWNS)],
            a=10 + i,
            b=i % 9,
            day=["Monday", "Tuesday", "Friday"][i % 3],
            cost=3 + i,
            year=1990 + i,
        )
        data = text.encode("utf-8")
        (folder / f"article-{i:03d}.txt").write_bytes(data)
        ids.add(hashlib.sha256(data).hexdigest())
    return ids


def _command(folder: Path, db: Path, layers: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "presslens.cli",
        "ingest",
        str(folder),
        "--store",
        str(db),
        "--layers",
        layers,
        "--workers",
        "2",
    ]


def _gone(pgid: int, wait: float) -> bool:
    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return conn.execute(sqlalchemy.text("SELECT count(*) FROM documents")).scalar_one()
    except sqlalchemy.exc.OperationalError:  # killed before the schema was created
        return 0
    finally:
        engine.dispose()


def _kill_and_resume(tmp_path: Path, n: int, layers: str, kills: int, window: tuple[float, float]):
    folder, db = tmp_path / "pages", tmp_path / "presslens.db"
    ids = _corpus(folder, n)
    rng = random.Random(20260311)  # seeded: the same kill moments on every run
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    counts = []
    for _ in range(kills):
        proc = subprocess.Popen(
            _command(folder, db, layers),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # Each kill lands once the run has stored its share of the corpus (documents flowing),
        # after a seeded random pause: so it always interrupts work, on a fast idle machine too.
        target = (len(counts) + 1) * n // (kills + 1)
        end = time.monotonic() + 300
        while _stored(db) < target and time.monotonic() < end and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(rng.uniform(*window))
        proc.send_signal(signal.SIGKILL)  # the parent only, as `kill -9 PID` would
        proc.wait()
        assert _gone(proc.pid, 30.0), "workers outlived their killed parent"
        counts.append(_stored(db))
    done = subprocess.run(
        _command(folder, db, layers), env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert counts == sorted(counts)  # nothing stored was ever lost
    assert counts[0] < len(ids)  # the first kill interrupted work (later ones may land on a
    # final batch: results arrive a worker batch at a time)
    return ids, db, done.stderr


def _assert_each_once_and_whole(ids: set[str], db: Path, layers: list[str]) -> None:
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        q = conn.execute
        rows = q(sqlalchemy.text("SELECT id FROM documents")).scalars().all()
        assert len(rows) == len(set(rows)) == len(ids)
        assert set(rows) == ids
        for layer in layers:
            with_prov = q(
                sqlalchemy.text(
                    "SELECT count(DISTINCT document_id) FROM provenance WHERE layer=:l"
                ),
                {"l": layer},
            ).scalar_one()
            assert with_prov == len(ids), layer
        for layer in [x for x in layers if x == "sentences"]:
            with_rows = q(
                sqlalchemy.text(
                    "SELECT count(DISTINCT document_id) FROM annotations WHERE layer=:l"
                ),
                {"l": layer},
            ).scalar_one()
            assert with_rows == len(ids)
    engine.dispose()


def test_sigkill_at_random_moments_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    ids, db, stderr = _kill_and_resume(tmp_path, 160, "sentences", kills=4, window=(0.0, 0.2))
    _assert_each_once_and_whole(ids, db, ["sentences"])
    assert "failed" in stderr.splitlines()[-1] and " 0 failed" in stderr.splitlines()[-1]


@pytest.mark.slow
def test_sigkill_with_all_layers_then_rerun(tmp_path: Path) -> None:
    from presslens.layers.registry import resolve

    ids, db, _ = _kill_and_resume(tmp_path, 16, "", kills=2, window=(0.0, 0.2))
    _assert_each_once_and_whole(ids, db, [c.assigns for c in resolve(None)])
