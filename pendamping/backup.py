"""Backups and restores of the database and the private files (`manage.py backup`,
`manage.py restore`).

A backup is a folder: the database (SQLite: a consistent copy made online with
SQLite's backup API; PostgreSQL: `pg_dump --format=custom`), the private files
(settings.BACKUP_FILE_DIRS, as a tar), and `manifest.json` with every table's row
count and a SHA-256 of every history table's rows, so a restore can be checked
against what was backed up (`fingerprint`).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

from pendamping.history import AppendOnlyModel

MANIFEST = "manifest.json"
FILES = "files.tar"


def tables() -> list[tuple[str, bool]]:
    """(table, is a history table) for every model the app has, in a fixed order."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            found[model._meta.db_table] = issubclass(model, AppendOnlyModel)
    return sorted(found.items())


def fingerprint(cursor, quote) -> dict:
    """Row counts of every table and a checksum of every history table, read through
    a DB-API cursor (Django's, or one opened on a restored database)."""
    counts, checksums = {}, {}
    for table, history in tables():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
        if history:
            digest = hashlib.sha256()
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")
            for row in cursor.fetchall():
                digest.update(repr(tuple(str(v) for v in row)).encode())
            checksums[table] = digest.hexdigest()
    return {"counts": counts, "history": checksums}


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                     ("PASSWORD", "PGPASSWORD")):  # fmt: skip
        if db.get(key):
            env[var] = str(db[key])
    return env


def backup(folder: Path, alias="default") -> dict:
    """Write the backup into `folder`, readable by its owner only (the copy holds every
    client's data: folder 0700, files 0600, pg_dump's file too, by the umask)."""
    old_umask = os.umask(0o077)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        manifest = _backup(folder, alias)
    finally:
        os.umask(old_umask)
    for path in folder.iterdir():
        path.chmod(0o600)
    return manifest


def _backup(folder: Path, alias: str) -> dict:
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "db.sqlite3")
        with target:
            connection.connection.backup(target)
        # the manifest from the copy itself: the snapshot the backup holds
        manifest = {"vendor": "sqlite", **fingerprint(target.cursor(), quote)}
        target.close()
    elif connection.vendor == "postgresql":
        source = raw_connection(db)
        try:
            manifest = {"vendor": "postgresql", **fingerprint(source.cursor(), quote)}
        finally:
            source.close()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(folder / "db.dump"), db["NAME"]],
            env=_pg_env(db), check=True, capture_output=True,
        )  # fmt: skip
    else:
        raise ValueError(connection.vendor)
    with tarfile.open(folder / FILES, "w") as tar:
        for directory in settings.BACKUP_FILE_DIRS:
            if Path(directory).is_dir():
                tar.add(directory, arcname=Path(directory).name)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


class NotEmpty(Exception):
    pass


def raw_connection(db: dict):
    """A DB-API connection to the database `db` (a DATABASES entry) outside Django's
    connections: the restore target, and the drill's check of it."""
    if db["ENGINE"].endswith("sqlite3"):
        return sqlite3.connect(db["NAME"])
    import psycopg

    return psycopg.connect(
        dbname=db["NAME"], host=db.get("HOST") or None, port=db.get("PORT") or None,
        user=db.get("USER") or None, password=db.get("PASSWORD") or None,
    )  # fmt: skip


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def restore(folder: Path, db: dict) -> dict:
    """Restore `folder` into the empty database `db` (a DATABASES entry) and the file
    folders; refuse a database that already has tables."""
    manifest = json.loads((folder / MANIFEST).read_text())
    sqlite = db["ENGINE"].endswith("sqlite3")
    if manifest["vendor"] != ("sqlite" if sqlite else "postgresql"):
        raise ValueError(f"a {manifest['vendor']} backup")
    target = raw_connection(db)
    try:
        cursor = target.cursor()
        if sqlite:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT 1 FROM pg_tables WHERE schemaname = 'public'")
        if cursor.fetchone():
            raise NotEmpty(db["NAME"])
        if sqlite:
            source = sqlite3.connect(folder / "db.sqlite3")
            source.backup(target)
            source.close()
    finally:
        target.close()
    if not sqlite:
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", "--dbname", db["NAME"], str(folder / "db.dump")],
            env=_pg_env(db), check=True, capture_output=True,
        )  # fmt: skip
    with tarfile.open(folder / FILES) as tar:
        for directory in settings.BACKUP_FILE_DIRS:
            name = Path(directory).name
            members = [m for m in tar.getmembers() if m.name.split("/")[0] == name]
            if not members:
                continue
            if Path(directory).exists():
                shutil.rmtree(directory)
            Path(directory).parent.mkdir(parents=True, exist_ok=True)
            tar.extractall(Path(directory).parent, members=members, filter="data")
    return manifest
