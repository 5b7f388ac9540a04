"""Resident memory of a process, read from ``/proc/PID/status`` (Linux).

Why /proc and not psutil: it is one small file read, it works for any PID the parent owns
(the watchdog reads its workers' figures without their cooperation), and it adds no dependency.
Elsewhere the figure is unknown (None) and the memory bound is simply not enforced.
"""

from __future__ import annotations

from pathlib import Path


def rss_mb(pid: int | str = "self") -> float | None:
    """Resident set size of ``pid`` in MiB, or None when it cannot be read (gone, not Linux)."""
    try:
        with Path(f"/proc/{pid}/status").open("rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) / 1024.0  # the kernel reports kB
    except (OSError, ValueError, IndexError):
        return None
    return None
