"""The flat public API stays callable whatever was imported before it."""

from __future__ import annotations

import subprocess
import sys


def test_extract_and_analyze_are_functions_after_submodule_imports() -> None:
    import presslens.extract.blocks  # noqa: F401 - the import under test

    assert callable(presslens.extract) and callable(presslens.analyze)


def test_fresh_interpreter_api() -> None:
    code = (
        "import presslens, presslens.extract.html;"
        "assert callable(presslens.extract), presslens.extract;"
        "print(sorted(presslens.__all__))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert "analyze" in res.stdout
