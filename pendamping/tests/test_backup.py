"""The restore drill: back up the database and the private files, restore them into a
fresh database and folder, and compare every table's row count and every history
table's checksum (pendamping/backup.py, manage.py backup / restore)."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from pendamping import backup

# backup and restore are the owner's (README "Running in production"): the drill
# creates a database, which the application's role may not
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_owner]


@pytest.fixture
def fresh_database(tmp_path):
    db = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        db["NAME"] = str(tmp_path / "restored.sqlite3")
        yield db
        return
    db["NAME"] = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {db['NAME']}")
        cursor.execute(f"CREATE DATABASE {db['NAME']}")
    yield db
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {db['NAME']} WITH (FORCE)")


def test_the_restore_drill(world, tmp_path, settings, fresh_database):
    files = tmp_path / "var"
    (files / "notes").mkdir(parents=True)
    (files / "notes" / "foto.png").write_bytes(b"\x89PNG foto")
    settings.BACKUP_FILE_DIRS = [str(files)]
    folder = tmp_path / "backup"

    call_command("backup", str(folder), stdout=io.StringIO())
    # every client's data: readable by the owner only, whatever the umask
    assert folder.stat().st_mode & 0o777 == 0o700
    assert {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir()} == {
        p.name: 0o600 for p in folder.iterdir()
    }
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["clients_client"] == 2
    assert manifest["counts"]["cases_caseevent"] > 0 and "cases_caseevent" in manifest["history"]

    shutil.rmtree(files)  # the machine is gone: a new database, no files
    backup.restore(folder, fresh_database)
    restored = backup.raw_connection(fresh_database)
    try:
        found = backup.fingerprint(restored.cursor(), backup.quote)
    finally:
        restored.close()
    assert found == {"counts": manifest["counts"], "history": manifest["history"]}
    assert (files / "notes" / "foto.png").read_bytes() == b"\x89PNG foto"

    with pytest.raises(backup.NotEmpty):  # never over a database in use
        backup.restore(folder, fresh_database)


def test_restore_refuses_a_database_that_has_tables(world, tmp_path, settings):
    settings.BACKUP_FILE_DIRS = []
    call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "b"), stdout=io.StringIO())
