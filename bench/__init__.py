"""Benchmarks at provincial scale: a data generator and scenarios (see README, Performance).

Each size has its own database, generated once and reused while the generator's
version is unchanged: `bench/.data/<size>.sqlite3` on SQLite, and the database
`<BENCH_DB_PREFIX>_<size>` on PostgreSQL (server from BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432/; prefix default `pendamping_bench`, so that two
checkouts on one server can keep their data apart). A run's results go to
`bench/.data/results/` (scratch); `--save` writes them to `bench/results/`, the
figures kept in git, with the commit they were measured on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / ".data"
RESULTS = ROOT / "results"  # committed figures (bench.run --save)
SCRATCH = DATA / "results"  # every other run's
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/").rstrip("/")
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "pendamping_bench")


def pg_name(size: str) -> str:
    return f"{DB_PREFIX}_{size}"


def database_url(database: str, size: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{DATA / f'{size}.sqlite3'}"
    return f"{PG_SERVER}/{pg_name(size)}"


def _drop_and_create(database: str, size: str) -> None:
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (DATA / f"{size}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = pg_name(size)
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(database: str, size: str, *, fresh: bool = False) -> None:
    """Point Django at the benchmark database of `size` (emptied first if `fresh`)."""
    import django

    DATA.mkdir(exist_ok=True)
    if fresh:
        marker(database, size).unlink(missing_ok=True)
        _drop_and_create(database, size)
    os.environ["DATABASE_URL"] = database_url(database, size)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    django.setup()


def marker(database: str, size: str) -> Path:
    return DATA / f"{database}-{size}.json"


def write_marker(database: str, size: str, info: dict) -> None:
    marker(database, size).write_text(json.dumps(info, indent=2))


def read_marker(database: str, size: str) -> dict | None:
    path = marker(database, size)
    return json.loads(path.read_text()) if path.exists() else None
