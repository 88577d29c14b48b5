"""Real processes on the test database, for the tests that kill them (kill -9).

The tests run in a transactional test (their writes are committed). On PostgreSQL
the processes connect to the test database itself. SQLite's test database lives in
the test process's memory: `shared()` copies it to a file for the processes (SQLite's
backup API) and copies the file back when they are done, so the test reads what they
wrote with the ORM as usual."""

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
# How long a test waits for a process before it calls it hung (seconds). It only bounds
# a failure: a passing test waits as long as the process needs, so that the tests pass
# on a machine loaded by other suites (a fixed 20 s failed there). How fast the
# processes are is the bench's business, not these tests'.
PATIENCE = 120.0


def database_url(sqlite_file: Path) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{sqlite_file}"
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def shared(sqlite_file: Path):
    """The test database as the processes see it, for the time of the block."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    sqlite_file.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(sqlite_file)) as out:
        connection.connection.backup(out)
    try:
        yield
    finally:
        with contextlib.closing(sqlite3.connect(sqlite_file)) as back:
            back.backup(connection.connection)


def env(sqlite_file: Path, **extra) -> dict:
    return os.environ | {
        "DATABASE_URL": database_url(sqlite_file), "DJANGO_SETTINGS_MODULE": "pendamping.settings",
        "PYTHONUNBUFFERED": "1", **{k: str(v) for k, v in extra.items()},
    }  # fmt: skip


def start(args: list[str], sqlite_file: Path, **extra) -> subprocess.Popen:
    """`python <args>` in the repository, on the shared database, in a process group
    of its own (so that a kill reaches only it)."""
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env(sqlite_file, **extra),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip


def run(args: list[str], sqlite_file: Path, timeout=PATIENCE * 5, **extra) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env(sqlite_file, **extra),
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def kill9(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=PATIENCE)
    assert process.returncode == -signal.SIGKILL


def wait_for(condition, *, timeout=PATIENCE, every=0.02, process=None):
    """Poll `condition()` until it is true; fail (with the process's output) otherwise."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the process ended ({process.returncode}): "
                                 f"{process.stdout.read()}")  # fmt: skip
        time.sleep(every)
    if process is not None:
        os.kill(process.pid, signal.SIGKILL)
        raise AssertionError(f"timed out: {process.stdout.read()}")
    raise AssertionError("timed out")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peek(sqlite_file: Path, sql: str, params=()):
    """One row of `sql` as the processes see the database now."""
    if connection.vendor == "sqlite":
        with contextlib.closing(sqlite3.connect(sqlite_file, timeout=20)) as db:
            return db.execute(sql, params).fetchone()
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("?", "%s"), params)
        return cursor.fetchone()
