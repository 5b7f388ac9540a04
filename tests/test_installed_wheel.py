"""An installed wheel, used from outside the checkout, finds its models (issue 9 §1).

Why this shape: installing every dependency into a fresh venv from the package index takes
minutes, so the test builds the wheel (``pip wheel --no-deps``, build isolation as a user's
``pip install .`` has it), installs it alone into a fresh venv in a temporary folder, and lets that venv see the project venv's dependencies through a ``.pth``
line. The editable install of the checkout is invisible there (its ``.pth`` hook lives in the
project venv's own site folder, which Python does not process for a path added this way), so
``presslens`` can only come from the wheel — and the models only from inside it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "wire-harbor-crane.html"


def run(cmd: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PRESSLENS"))}
    env["HF_HUB_OFFLINE"] = "1"
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    assert res.returncode == 0, f"{cmd}\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}"
    return res


@pytest.mark.slow
def test_wheel_outside_the_checkout_finds_its_models(tmp_path: Path) -> None:
    assert REPO not in tmp_path.parents
    dist = tmp_path / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"] + ["-w", str(dist), str(REPO)],
        cwd=tmp_path,
        timeout=600,
    )
    (wheel,) = dist.glob("presslens-*.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, timeout=120)
    python = venv / "bin" / "python"
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=tmp_path,
        ).stdout.strip()
    )
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "project-deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q"]
        + ["--no-index", str(wheel)],
        cwd=tmp_path,
        timeout=600,
    )
    where = run([str(python), "-c", "import presslens; print(presslens.__file__)"], cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout

    page = tmp_path / "page.html"
    shutil.copy(EXAMPLE, page)
    res = run([str(venv / "bin" / "presslens"), "analyze", "page.html"], cwd=tmp_path, timeout=600)
    doc = json.loads(res.stdout)
    for layer in ("techniques", "claims"):
        assert layer in doc["layers"], layer
        prov = doc["provenance"][layer]
        assert "skipped" not in prov and len(prov["model"]) == 64, prov
    assert doc["layers"]["claims"], "the claims model scored no sentence"
