"""A throw-away PostgreSQL server for tests: Debian's binaries, an unprivileged user, 127.0.0.1.

``make test`` installs Debian's ``postgresql`` package when the binaries are missing (the
``services`` target); without them the PostgreSQL-parametrised tests skip with the reason.
PostgreSQL refuses to run as root, so as root the server runs as the user ``presslens-pg``
(created with useradd when absent). The server listens on a free port of 127.0.0.1 only, with
its socket in a private temporary folder, and is stopped by its own ``pg_ctl stop``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_USER = "presslens-pg"
DATABASE = "presslens_test"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl."""
    found = []
    for path in glob.glob("/usr/lib/postgresql/*/bin"):
        p = Path(path)
        if (p / "initdb").exists() and (p / "pg_ctl").exists():
            try:
                found.append((float(p.parent.name), p))
            except ValueError:
                continue
    return max(found)[1] if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ensure_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(PG_USER)


def _run_as(user: pwd.struct_passwd | None, argv: list[str], **kw: object) -> None:
    def demote() -> None:
        assert user is not None
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    subprocess.run(
        argv,
        check=True,
        capture_output=True,
        preexec_fn=demote if user else None,  # noqa: PLW1509 - single-threaded test setup
        env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
        **kw,  # type: ignore[arg-type]
    )


@contextmanager
def postgres_server(*, fsync: bool = False) -> Iterator[str]:
    """Start a private server; yield its ``postgresql+psycopg://`` URL; stop it afterwards.

    ``fsync=False`` (tests) trades crash safety of the throw-away server for speed; a
    benchmark passes True to measure what a real server costs. Raises RuntimeError with the
    reason when no server can be started.
    """
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL binaries under /usr/lib/postgresql/*/bin")
    user = _ensure_user() if os.geteuid() == 0 else None
    role = user.pw_name if user else pwd.getpwuid(os.geteuid()).pw_name
    root = Path(tempfile.mkdtemp(prefix="presslens-pg-"))
    data, sockets = root / "data", root / "socket"
    sockets.mkdir()
    if user:
        for path in (root, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = free_port()
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        try:
            _run_as(
                user,
                [str(bin_dir / "initdb"), "-A", "trust", "-U", role, "-E", "UTF8", "-D", str(data)],
            )
            options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets}"
            if not fsync:
                options += " -c fsync=off -c synchronous_commit=off"
            _run_as(user, [*pg_ctl, "-o", options, "-l", str(root / "log"), "-w", "start"])
            started = True
            _run_as(
                user,
                [
                    str(bin_dir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    role,
                    DATABASE,
                ],
            )
        except subprocess.CalledProcessError as exc:
            err = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"PostgreSQL did not start: {err[-1] if err else exc}") from None
        yield f"postgresql+psycopg://{role}@127.0.0.1:{port}/{DATABASE}"
    finally:
        if started:
            try:
                _run_as(user, [*pg_ctl, "-m", "fast", "-w", "stop"])
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(root, ignore_errors=True)
