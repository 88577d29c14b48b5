"""The suite on PostgreSQL as the application's role, as production runs (README
"Testing" and "Running in production", item 9).

`make test` sets PENDAMPING_TEST_APP_ROLE (the role's name) and gives DATABASE_URL the
owner's credentials. pytest-django creates and migrates the test database as the
owner; then, still as the owner, the role is created if it does not exist (LOGIN, not
a superuser, no CREATEDB or CREATEROLE) and `manage.py db_roles ROLE --apply` gives it
its rights; then the connection's credentials become the role's, and every test
connects as it: the test's own queries, the live server's and the threads', and the
subprocesses of the kill tests (they read the credentials from the connection).

Two things stay the owner's, as in production, where `migrate`, `backup` and
`db_roles` run as the owner:
- tests marked `db_owner` (the restore drill creates a database; the append-only
  tests look at the triggers and lift them): the credentials are the owner's from
  before the test's fixtures are set up until after they are torn down;
- the flush between transactional tests, a TRUNCATE of every table, which the role
  is refused on every table: it runs on a connection of its own as the owner
  (`flush_as_owner`), outside the role's session, which holds no lock then.

Without PENDAMPING_TEST_APP_ROLE (or on SQLite) nothing changes: the suite connects
with DATABASE_URL's credentials.
"""

import contextlib
import io
import os

from django.core.management import call_command
from django.db import connection

from pendamping.backup import quote, raw_connection

ROLE = os.environ.get("PENDAMPING_TEST_APP_ROLE", "")
_CREATE = (
    "DO $$ BEGIN CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;"
    " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
)  # idempotent, and safe when both xdist workers create it at once (the loser of
# that race sees the unique index of role names)


class _State:
    owner: dict | None = None  # the owner's credentials, once the role has its rights
    app: dict | None = None
    owner_wanted = False  # the current test is marked db_owner


def active() -> bool:
    return bool(ROLE) and connection.vendor == "postgresql"


def running_as_role() -> bool:
    return _State.app is not None and not _State.owner_wanted


def _use(credentials: dict):
    connection.close()  # the next query connects again, with these credentials
    connection.settings_dict.update(credentials)


def set_up():
    """After the test database exists and is migrated, as the owner."""
    with connection.cursor() as cursor:
        cursor.execute(_CREATE.format(role=quote(ROLE)))
    call_command("db_roles", ROLE, "--apply", stdout=io.StringIO())
    db = connection.settings_dict
    _State.owner = {"USER": db["USER"], "PASSWORD": db["PASSWORD"]}
    _State.app = {"USER": ROLE, "PASSWORD": ""}  # trust or peer authentication
    if not _State.owner_wanted:
        _use(_State.app)


def tear_down():
    """Before pytest-django drops the test database: as the owner again."""
    if _State.owner is not None:
        _use(_State.owner)
    _State.owner = _State.app = None


def owner_credentials() -> dict:
    """The owner's USER and PASSWORD while the suite runs as the role, else nothing:
    for what production runs as the owner too (pg_dump in a test of backups or of
    erasure, which reads every table, the role's refused ones included)."""
    return dict(_State.owner or {})


def enter(item):
    """Before a test's fixtures: the owner's credentials for a `db_owner` test."""
    if item.get_closest_marker("db_owner") is None:
        return
    _State.owner_wanted = True
    if _State.owner is not None:
        _use(_State.owner)


def leave(item):
    """After a test's fixtures are torn down: the role's credentials again."""
    if not _State.owner_wanted:
        return
    _State.owner_wanted = False
    if _State.app is not None:
        _use(_State.app)


def flush_as_owner(execute_sql_flush):
    """PostgreSQL's flush (one TRUNCATE of every table) on a connection of the
    owner's: the role may truncate nothing."""

    def flush(self, sql_list):
        if _State.owner is None or self.connection.settings_dict["USER"] == _State.owner["USER"]:
            return execute_sql_flush(self, sql_list)
        db = {**self.connection.settings_dict, **_State.owner}
        with contextlib.closing(raw_connection(db)) as owner:
            # a session left inside a transaction would hold locks the TRUNCATE waits
            # for: fail the test instead of hanging the run
            owner.execute("SET lock_timeout = '30s'")
            for sql in sql_list:
                owner.execute(sql)
            owner.commit()

    flush.__wrapped__ = execute_sql_flush
    return flush
