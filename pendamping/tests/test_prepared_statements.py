"""PostgreSQL binds parameters on the server and keeps a statement a connection runs
again and again prepared (settings: server_side_binding, PG_PREPARE_THRESHOLD): its
parse and plan are done once per connection, not once per request. And the app's
connections start no parallel workers (PG_PARALLEL_WORKERS, 0 by default)."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
    ),
]


def prepared(marker: str) -> list[tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s AND statement NOT LIKE %s",
            [f"%{marker}%", "%pg_prepared_statements%"],
        )
        return cursor.fetchall()


def test_a_statement_run_again_and_again_is_prepared_once():
    options = connection.settings_dict["OPTIONS"]
    assert options["server_side_binding"] is True
    threshold = options["prepare_threshold"]
    assert threshold

    def run(times):
        with connection.cursor() as cursor:
            for n in range(times):
                # its text is the key psycopg prepares by; the parameter is bound apart
                cursor.execute("SELECT /* prepared-statement-test */ %s::int + 1", [n])
                assert cursor.fetchone() == (n + 1,)

    run(threshold - 1)
    assert prepared("prepared-statement-test") == [], "prepared before its threshold"
    run(4)
    (plans,) = prepared("prepared-statement-test")
    assert sum(plans) >= 3  # the later runs executed the prepared statement


def test_the_apps_connections_start_no_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)


def test_the_number_of_parallel_workers_follows_the_environment(monkeypatch):
    import importlib

    from pendamping import settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/x")
    try:
        monkeypatch.setenv("PG_PARALLEL_WORKERS", "2")
        options = importlib.reload(settings).DATABASES["default"]["OPTIONS"]
        assert options["options"] == "-c max_parallel_workers_per_gather=2"
        monkeypatch.setenv("PG_PARALLEL_WORKERS", "")  # the server's own setting
        assert "options" not in importlib.reload(settings).DATABASES["default"]["OPTIONS"]
    finally:
        monkeypatch.undo()
        importlib.reload(settings)
