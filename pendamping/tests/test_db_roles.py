"""On PostgreSQL the application's role cannot rewrite history: no UPDATE, DELETE or
TRUNCATE on a history table, no lifting of the append-only triggers, no schema change;
it still reads and writes what the app needs (pendamping/roles.py).

In `make test` the whole suite connects as the application's role
(PENDAMPING_TEST_APP_ROLE, pendamping/tests/app_role.py): these tests then check the
connection the suite itself uses. Otherwise they create a role in the test's
transaction and take it on with SET ROLE.
"""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from pendamping.tests import app_role

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles: PostgreSQL"
)

ROLE = "pendamping_app_test"


@pytest.fixture
def as_app_role(world):
    """The suite's own connection when it runs as the application's role; otherwise
    the role, created and granted in the test's transaction (rolled back with it),
    then taken on with SET ROLE."""
    if app_role.running_as_role():
        yield world
        return
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    call_command("db_roles", ROLE, "--apply", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    yield world
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def refused(sql):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as e:
        return "permission denied" in str(e) or "must be owner" in str(e)
    return False


@pytest.mark.parametrize(
    "sql",
    [
        # UPDATE is granted on history for the trigger to judge (test_history_redaction.py)
        "DELETE FROM cases_caseevent",
        "TRUNCATE cases_caseevent",
        "TRUNCATE clients_client CASCADE",
        "ALTER TABLE cases_caseevent DISABLE TRIGGER ALL",
        "SET session_replication_role = replica",
        "CREATE TABLE public.backdoor (id int)",
        "ALTER TABLE clients_client ADD COLUMN x int",
        "DROP TABLE cases_caseevent",
    ],
)
def test_the_app_role_cannot_rewrite_history_or_the_schema(as_app_role, sql):
    assert refused(sql), sql


@pytest.mark.skipif(not app_role.active(), reason="make test: PENDAMPING_TEST_APP_ROLE")
def test_the_suite_runs_as_the_application_role(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls"
            " FROM pg_roles WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (app_role.ROLE, False, False, False, False)
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        assert cursor.fetchone()[0] == 0  # owns nothing, so can lift no trigger
        cursor.execute(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
            " WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )
        assert cursor.fetchone()[0] == 0  # a member of no role it could SET ROLE to


@pytest.mark.skipif(not app_role.active(), reason="make test: PENDAMPING_TEST_APP_ROLE")
@pytest.mark.django_db(transaction=True)
def test_the_flush_between_transactional_tests_is_the_owners(world):
    """The suite's flush (a TRUNCATE) runs as the owner; the role's own is refused."""
    from django.core.management.color import no_style
    from django.core.management.sql import sql_flush

    statements = sql_flush(no_style(), connection, allow_cascade=True)
    with (
        pytest.raises(DatabaseError, match="permission denied"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        for statement in statements:
            cursor.execute(statement)
    assert world.a.case.events.exists()


def test_the_app_role_reads_and_writes_what_the_app_needs(as_app_role):
    world = as_app_role
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_caseevent")
        assert cursor.fetchone()[0] > 0
        cursor.execute(
            "UPDATE clients_client SET nickname = 'Siti' WHERE id = %s", [world.a.client.pk]
        )
        assert cursor.rowcount == 1
    assert not refused("SELECT 1 FROM cases_case")


def test_the_command_prints_the_statements_without_applying(db):
    out = io.StringIO()
    call_command("db_roles", "someone", stdout=out)
    sql = out.getvalue()
    assert 'GRANT SELECT, INSERT, UPDATE ON "cases_caseevent" TO "someone"' in sql
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON "clients_client" TO "someone"' in sql
    assert "TRUNCATE" not in sql
