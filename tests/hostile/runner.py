"""Run one input through ``presslens analyze`` in a subprocess and measure what it cost.

Why a subprocess: a hostile input that blows memory up or hangs must not take the test run
with it, and the figures the issue asks for (wall time, peak resident memory, exit status,
stderr lines) are properties of a process. Peak RSS comes from ``os.wait4``'s rusage for that
one child (``ru_maxrss``, KiB on Linux); /proc is polled meanwhile so a runaway child is
killed at ``kill_rss`` bytes or ``kill_after`` seconds instead of taking the machine down.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GB = 1024**3
ERROR_LINE = re.compile(r"^presslens: error: (?P<src>.+): (?P<cause>.+) \[(?P<code>E\d{3})\]$")


@dataclass
class Outcome:
    """What one run did."""

    path: str
    wall: float
    peak_rss: int  # bytes
    returncode: int
    stderr: str
    outcome: str  # "doc", an error code "E0xx", or "traceback"/"killed"/"bad-output"/"bad-error"
    killed: str | None = None

    @property
    def ok_shape(self) -> bool:
        """A valid document or exactly one well-formed error line (no traceback)."""
        return self.outcome == "doc" or bool(re.fullmatch(r"E\d{3}", self.outcome))


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


def presslens_command() -> list[str]:
    """The CLI as this interpreter runs it (works without the console script on PATH)."""
    return [sys.executable, "-m", "presslens.cli"]


def run(
    path: Path,
    *,
    time_limit: float,
    args: list[str] | None = None,
    kill_rss: int = 3 * GB,
    kill_after: float | None = None,
) -> Outcome:
    """Analyse ``path`` with ``presslens analyze`` in a child process; classify and measure."""
    cmd = [*presslens_command(), "analyze", str(path), "--time-limit", f"{time_limit:g}"]
    return run_command(
        cmd + (args or []), kill_rss=kill_rss, kill_after=kill_after or time_limit + 60
    )


def run_command(cmd: list[str], *, kill_rss: int = 3 * GB, kill_after: float = 120) -> Outcome:
    """Run any command (the benchmark's peer too) with the same measurement and kill rules."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        killed = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if _rss(proc.pid) > kill_rss:
                killed = f"rss above {kill_rss / GB:.1f} GB"
            elif time.monotonic() - started > kill_after:
                killed = f"running after {kill_after:g} s"
            if killed:
                os.kill(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    is_presslens = "presslens.cli" in cmd
    return Outcome(
        path=cmd[-1] if not is_presslens else cmd[cmd.index("analyze") + 1],
        wall=wall,
        peak_rss=usage.ru_maxrss * 1024,
        returncode=proc.returncode,
        stderr=stderr,
        outcome=classify(proc.returncode, stdout, stderr, killed)
        if is_presslens
        else _plain_outcome(proc.returncode, stderr, killed),
        killed=killed,
    )


def _plain_outcome(code: int, stderr: str, killed: str | None) -> str:
    """Outcome of a command that is not PressLens: ok, error, traceback or killed."""
    if killed:
        return "killed"
    if "Traceback" in stderr:
        return "traceback"
    return "ok" if code == 0 else f"exit {code}"


def classify(code: int, stdout: str, stderr: str, killed: str | None) -> str:
    """The outcome of one run: "doc" (valid JSON document on stdout, exit 0), the code of the
    single well-formed error line, or what went wrong ("killed", "traceback", "bad-output",
    "bad-error")."""
    if killed:
        return "killed"
    if "Traceback" in stderr:
        return "traceback"
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code == 0:
        from presslens.document import Document, validate

        try:
            validate(Document.from_json(stdout))
        except Exception:  # noqa: BLE001 - any failure to read back is a bad output
            return "bad-output"
        return "doc"
    errors = [m for m in map(ERROR_LINE.match, lines) if m]
    if len(errors) == 1 and len(lines) == 1:
        return errors[0]["code"]
    return "bad-error"


if __name__ == "__main__":
    limit = float(os.environ.get("TIME_LIMIT", "20"))
    for arg in sys.argv[1:]:
        o = run(Path(arg), time_limit=limit)
        print(
            json.dumps(
                {
                    "path": o.path,
                    "wall": round(o.wall, 2),
                    "rss_mb": o.peak_rss // 2**20,
                    "outcome": o.outcome,
                    "stderr": o.stderr[-300:],
                }
            ),
            flush=True,
        )
