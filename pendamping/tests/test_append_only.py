"""History tables refuse UPDATE and DELETE in the database, on whichever engine runs.

Every concrete subclass of `AppendOnlyModel` is found in the app registry, so a new
role's history table is covered without editing this file: its migration must apply
`history_migrations.AppendOnly`, or these tests fail.
"""

import re
import uuid
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.validators import MinValueValidator
from django.db import DatabaseError, NotSupportedError, connection, transaction
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import OperationWriter
from django.utils import timezone

from pendamping.history import AppendOnlyModel
from pendamping.history_migrations import AppendOnly, DropLegacyTrigger

# The triggers themselves: seen, fired and lifted as the tables' owner (the application's
# role is refused such rows before any trigger: test_db_roles.py).
pytestmark = pytest.mark.db_owner

# History tables whose models don't derive from AppendOnlyModel, by model name
# (models move between apps): their own docstrings say they are append-only.
ALSO_HISTORY: set[str] = set()


def history_models() -> list:
    return sorted(
        (
            model
            for model in apps.get_models()
            if not model._meta.proxy
            and model._meta.managed
            and (issubclass(model, AppendOnlyModel) or model.__name__ in ALSO_HISTORY)
        ),
        key=lambda model: model._meta.label,
    )


HISTORY = history_models()
each_history_table = pytest.mark.parametrize(
    "model", HISTORY, ids=[model._meta.label for model in HISTORY]
)


def append_only_events(table: str) -> set[str]:
    """The row events (UPDATE, DELETE) that an unconditional BEFORE trigger covers."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            events = set()
            for (sql,) in cursor.fetchall():
                if re.search(r"\bWHEN\b", sql, re.IGNORECASE):
                    continue  # a condition is a way around the trigger
                match = re.search(r"\bBEFORE\s+(UPDATE|DELETE)\s+ON\b", sql, re.IGNORECASE)
                if match:
                    events.add(match.group(1).upper())
            return events
        cursor.execute(
            """
            SELECT event_manipulation FROM information_schema.triggers
            WHERE event_object_schema = current_schema() AND event_object_table = %s
              AND action_timing = 'BEFORE' AND action_orientation = 'ROW'
              AND action_condition IS NULL
            """,
            [table],
        )
        return {event for (event,) in cursor.fetchall()}


# ---- a row to refuse ------------------------------------------------------------------
# A row-level trigger only fires on a row. Where the fixtures made none, a minimal row
# is written inside the test's own savepoint, which is rolled back: its foreign keys
# point at an existing row when there is one, else at nothing (Django's foreign keys
# are deferred to COMMIT on both engines, and this never commits).

DANGLING = 2_000_000_000
VALUES = {
    "CharField": "x",
    "TextField": "x",
    "SlugField": "x",
    "EmailField": "x@example.org",
    "URLField": "https://example.org/",
    "BooleanField": False,
    "JSONField": {},
    "UUIDField": uuid.UUID(int=1),
    "GenericIPAddressField": "127.0.0.1",
    "DateField": timezone.localdate,
    "DateTimeField": timezone.now,
}
NUMBERS = ("IntegerField", "FloatField", "DecimalField")


def minimal_value(field):
    if field.is_relation:
        pk = field.related_model._base_manager.values_list("pk", flat=True).first()
        return DANGLING if pk is None else pk
    kind = field.get_internal_type()
    if kind.endswith(NUMBERS):  # SmallIntegerField, PositiveIntegerField, ...
        # 0, or the field's own lower bound (a 1–5 score has a CHECK constraint)
        bounds = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
        return max([0, *bounds])
    if kind not in VALUES:
        pytest.fail(f"{field}: add a value for {kind} to VALUES in {__name__}")
    value = VALUES[kind]
    return value() if callable(value) else value


def ensure_a_row(model) -> int:
    """How many rows the table has, after writing a minimal one if it had none."""
    rows = model._base_manager.count()
    if rows:
        return rows
    values = {
        field.attname: minimal_value(field)
        for field in model._meta.concrete_fields
        if not (
            field.primary_key
            or field.null
            or field.has_default()
            or field.has_db_default()
            or getattr(field, "generated", False)
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        )
    }
    model(**values).save(force_insert=True)
    return 1


def raw(sql: str):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


# ---- the tables ------------------------------------------------------------------------


class TestHistoryTables:
    def test_it_finds_the_history_of_every_app(self):
        names = {model.__name__ for model in HISTORY}
        assert {
            "CaseEvent", "Assessment", "InstrumentAdministration", "EcomapSnapshot",
            "ImportRunEvent", "GoalReview", "CheckIn", "ReferralUpdate",
        } <= names  # fmt: skip

    @pytest.mark.django_db(transaction=False)
    @each_history_table
    def test_it_has_a_before_update_and_a_before_delete_trigger(self, model):
        assert append_only_events(model._meta.db_table) >= {"UPDATE", "DELETE"}, (
            f"{model._meta.label}: no append-only trigger on {model._meta.db_table}; "
            "apply pendamping.history_migrations.AppendOnly in its migrations"
        )

    @pytest.mark.django_db(transaction=False)
    @each_history_table
    def test_it_refuses_a_raw_update(self, model, world):
        table, pk = connection.ops.quote_name(model._meta.db_table), model._meta.pk.column
        with transaction.atomic():
            rows = ensure_a_row(model)
            raw(f"UPDATE {table} SET {pk} = {pk}")
            assert model._base_manager.count() == rows
            transaction.set_rollback(True)

    @pytest.mark.django_db(transaction=False)
    @each_history_table
    def test_it_refuses_a_raw_delete(self, model, world):
        table = connection.ops.quote_name(model._meta.db_table)
        with transaction.atomic():
            rows = ensure_a_row(model)
            raw(f"DELETE FROM {table}")
            assert model._base_manager.count() == rows
            transaction.set_rollback(True)


# ---- the migration operation -------------------------------------------------------------


class Recorder:
    """A schema editor that only writes down the SQL it is given."""

    def __init__(self, vendor=None):
        self.connection = SimpleNamespace(vendor=vendor or connection.vendor, alias="default")
        self.quote_name = connection.ops.quote_name
        self.sql = []

    def execute(self, sql, params=()):
        self.sql.append(sql)


class OnTheConnection(Recorder):
    """A schema editor that runs each statement at once, inside the test's transaction
    (the real one can't start on SQLite inside a transaction)."""

    def __init__(self):
        super().__init__()
        self.connection = connection

    def execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql)


class TestAppendOnlyOperation:
    def test_it_leaves_the_migration_state_alone(self):
        state = ProjectState.from_apps(apps)
        before = state.clone()
        AppendOnly("CaseEvent").state_forwards("cases", state)
        assert state.models == before.models

    def test_it_describes_itself_and_serializes_for_squashing(self):
        operation = AppendOnly("CaseEvent")
        assert operation.describe() == (
            "Refuse UPDATE and DELETE on CaseEvent rows (append-only triggers)"
        )
        assert operation.migration_name_fragment == "caseevent_append_only"
        assert operation.reversible and operation.reduces_to_sql
        assert operation.deconstruct() == ("AppendOnly", ("CaseEvent",), {})
        text, imports = OperationWriter(operation, indentation=0).serialize()
        assert text.startswith("pendamping.history_migrations.AppendOnly(")
        assert "import pendamping.history_migrations" in imports

    def test_it_names_the_table_the_migration_state_has(self):
        state = ProjectState.from_apps(apps)
        state.models["cases", "caseevent"].options["db_table"] = "timeline_event"
        editor = Recorder()
        AppendOnly("CaseEvent").database_forwards("cases", editor, state, state)
        assert editor.sql and all("timeline_event" in sql for sql in editor.sql[1:])
        assert not any("cases_caseevent" in sql for sql in editor.sql)

    def test_it_refuses_an_engine_it_cannot_protect(self):
        with pytest.raises(NotSupportedError):
            AppendOnly.install_sql(Recorder(vendor="mysql"), "cases_caseevent")

    @pytest.mark.django_db(transaction=False)
    def test_it_drops_the_triggers_in_reverse_and_installs_them_again(self, world):
        from pendamping.motivator.models import GoalReview

        state = ProjectState.from_apps(apps)
        operation, editor = AppendOnly("GoalReview"), OnTheConnection()
        table = connection.ops.quote_name(GoalReview._meta.db_table)
        with transaction.atomic():
            ensure_a_row(GoalReview)
            operation.database_backwards("motivator", editor, state, state)
            assert append_only_events(GoalReview._meta.db_table) == set()
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET id = id")
            operation.database_forwards("motivator", editor, state, state)
            operation.database_forwards("motivator", editor, state, state)  # again: replaces
            assert append_only_events(GoalReview._meta.db_table) >= {"UPDATE", "DELETE"}
            raw(f"UPDATE {table} SET id = id")
            raw(f"DELETE FROM {table}")
            transaction.set_rollback(True)

    def test_it_leaves_sqlite_alone_when_dropping_the_pasted_postgresql_trigger(self):
        state = ProjectState.from_apps(apps)
        editor = Recorder(vendor="sqlite")
        DropLegacyTrigger("CaseEvent").database_forwards("cases", editor, state, state)
        DropLegacyTrigger("CaseEvent").database_backwards("cases", editor, state, state)
        assert editor.sql == []
        editor = Recorder(vendor="postgresql")
        DropLegacyTrigger("CaseEvent").database_forwards("cases", editor, state, state)
        assert editor.sql == [
            'DROP TRIGGER IF EXISTS "cases_caseevent_no_update_delete" ON "cases_caseevent"',
            'DROP FUNCTION IF EXISTS "cases_caseevent_append_only"()',
        ]


# ---- emptying the database -----------------------------------------------------------------


# Flushed inside the test's transaction, which rolls it back: the data migrations'
# rows (taxonomy, regions) stay for the tests after these.
@pytest.mark.django_db(transaction=False)
class TestFlush:
    def test_it_empties_history_tables_and_keeps_their_triggers(self, world):
        from pendamping.cases.models import CaseEvent

        assert CaseEvent.objects.exists()
        connection.check_constraints()  # PostgreSQL won't TRUNCATE with FK checks pending
        call_command("flush", interactive=False, verbosity=0)
        assert not CaseEvent.objects.exists()
        for model in HISTORY:
            assert append_only_events(model._meta.db_table) >= {"UPDATE", "DELETE"}, model

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL flushes by TRUNCATE")
    def test_it_refuses_outside_the_test_suite_on_sqlite(self, world, monkeypatch):
        from pendamping.cases.models import CaseEvent

        operations = type(connection.ops)
        with monkeypatch.context() as mp:  # what `manage.py flush` runs
            mp.setattr(operations, "execute_sql_flush", operations.execute_sql_flush.__wrapped__)
            with pytest.raises(CommandError, match="couldn't be flushed") as refused:
                call_command("flush", interactive=False, verbosity=0)
        assert "append-only" in str(refused.value.__cause__)
        assert CaseEvent.objects.exists()  # all or nothing
