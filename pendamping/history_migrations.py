"""Migration operations that make history tables append-only in the database itself.

`AppendOnly("CaseEvent")` puts two row triggers on the model's table, BEFORE UPDATE
and BEFORE DELETE, each refusing the statement with "<table> is append-only: UPDATE
refused" (or DELETE):

- PostgreSQL: the triggers `append_only_update` and `append_only_delete` on the
  table, both calling one shared plpgsql function, `pendamping_append_only()`, which
  raises with SQLSTATE 42501 (insufficient_privilege; Django raises ProgrammingError).
- SQLite: the triggers `<table>_append_only_update` and `<table>_append_only_delete`,
  each `SELECT RAISE(ABORT, ...)` (Django raises IntegrityError).

The table is the model's `db_table` in the migration state at that point, so the
operation keeps naming the right table when a model is moved or its table renamed.
It changes nothing in the state. Applying it again re-installs the triggers (it
replaces, never duplicates); the reverse drops them, and on PostgreSQL drops the
shared function once no trigger calls it any more. Other database engines are
refused: a history table must not silently go unprotected.

Use it in the migration that creates a history table (after the CreateModel), and
again after any operation that rebuilds the table on SQLite (SQLite's ALTER is a
copy into a new table, and dropping the old one drops its triggers).
`pendamping/tests/test_append_only.py` fails when a history table has no triggers.
A migration that has to rewrite history rows (an UPDATE backfill) must drop the
triggers first and re-apply `AppendOnly` afterwards, in the same migration.

`DropLegacyTrigger` removes, on PostgreSQL, the trigger and function that earlier
migrations pasted by hand (`<table>_no_update_delete`, `<table>_append_only()`); its
reverse puts them back as they were. It does nothing on SQLite, which had none.

TRUNCATE is not a row operation and no trigger refuses it: on PostgreSQL it is what
the test runner's flush uses. How the tests flush SQLite is told in history.py.
"""

from django.db import NotSupportedError
from django.db.migrations.operations.base import Operation, OperationCategory

PG_FUNCTION = "pendamping_append_only"
PG_TRIGGERS = {"UPDATE": "append_only_update", "DELETE": "append_only_delete"}
EVENTS = ("UPDATE", "DELETE")


def sqlite_trigger_name(table: str, event: str) -> str:
    """SQLite's trigger names are global to the database: the table is in the name."""
    return f"{table}_append_only_{event.lower()}"


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _refused(table: str, event: str) -> str:
    return f"{table} is append-only: {event} refused"


class _ModelTableOperation(Operation):
    """An operation on the table of one model of the migration's app, state untouched."""

    category = OperationCategory.SQL

    def __init__(self, model_name: str):
        self.model_name = model_name

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def state_forwards(self, app_label, state):
        pass  # triggers are not part of Django's model state

    def references_model(self, name, app_label):
        return name.lower() == self.model_name_lower

    def reduce(self, operation, app_label):
        # Unrelated operations may be optimized across this one; the model's own may not.
        return super().reduce(operation, app_label) or not operation.references_model(
            self.model_name, app_label
        )

    def _table(self, app_label, schema_editor, state):
        """The model's table in `state`, or None when this database doesn't migrate it."""
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return None
        return model._meta.db_table

    def _run(self, schema_editor, statements):
        for sql in statements:
            # params=None: the plpgsql bodies hold literal % signs, not query parameters
            schema_editor.execute(sql.strip(), params=None)


class AppendOnly(_ModelTableOperation):
    """Refuse UPDATE and DELETE on the model's table, in the database, on both engines."""

    def describe(self):
        return f"Refuse UPDATE and DELETE on {self.model_name} rows (append-only triggers)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name_lower}_append_only"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, to_state)
        if table is not None:
            self._run(schema_editor, self.install_sql(schema_editor, table))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, from_state)
        if table is not None:
            self._run(schema_editor, self.remove_sql(schema_editor, table))

    @staticmethod
    def install_sql(schema_editor, table: str) -> list[str]:
        vendor = schema_editor.connection.vendor
        q = schema_editor.quote_name
        if vendor == "postgresql":
            function = f"""
CREATE OR REPLACE FUNCTION {q(PG_FUNCTION)}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql"""
            return [function] + [
                f"CREATE OR REPLACE TRIGGER {q(PG_TRIGGERS[event])} BEFORE {event} ON {q(table)}"
                f" FOR EACH ROW EXECUTE FUNCTION {q(PG_FUNCTION)}()"
                for event in EVENTS
            ]
        if vendor == "sqlite":
            statements = []
            for event in EVENTS:
                name = q(sqlite_trigger_name(table, event))
                statements += [
                    f"DROP TRIGGER IF EXISTS {name}",
                    f"CREATE TRIGGER {name} BEFORE {event} ON {q(table)} FOR EACH ROW"
                    f" BEGIN SELECT RAISE(ABORT, {_sql_string(_refused(table, event))}); END",
                ]
            return statements
        raise NotSupportedError(f"No append-only triggers for {vendor}: {table} would be open.")

    @staticmethod
    def remove_sql(schema_editor, table: str) -> list[str]:
        vendor = schema_editor.connection.vendor
        q = schema_editor.quote_name
        if vendor == "postgresql":
            return [
                *(f"DROP TRIGGER IF EXISTS {q(PG_TRIGGERS[e])} ON {q(table)}" for e in EVENTS),
                # the function is shared: it goes with the last trigger calling it
                f"""
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_trigger WHERE tgfoid = to_regprocedure('{PG_FUNCTION}()')
    ) THEN
        DROP FUNCTION IF EXISTS {q(PG_FUNCTION)}();
    END IF;
END
$$""",
            ]
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {q(sqlite_trigger_name(table, e))}" for e in EVENTS]
        raise NotSupportedError(f"No append-only triggers for {vendor}.")


class DropLegacyTrigger(_ModelTableOperation):
    """PostgreSQL: drop the trigger and function pasted into the app's earlier migrations."""

    def describe(self):
        return f"Drop the hand-written PostgreSQL append-only trigger of {self.model_name}"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, to_state)
        if table is not None and schema_editor.connection.vendor == "postgresql":
            q = schema_editor.quote_name
            self._run(
                schema_editor,
                [
                    f"DROP TRIGGER IF EXISTS {q(f'{table}_no_update_delete')} ON {q(table)}",
                    f"DROP FUNCTION IF EXISTS {q(f'{table}_append_only')}()",
                ],
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, from_state)
        if table is not None and schema_editor.connection.vendor == "postgresql":
            # exactly what cases/0002, assessment/0003 and 0004, clients/0005 created
            q = schema_editor.quote_name
            function = q(f"{table}_append_only")
            self._run(
                schema_editor,
                [
                    f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION {_sql_string(f"{table} is append-only: % refused")}, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql""",
                    f"CREATE TRIGGER {q(f'{table}_no_update_delete')}"
                    f" BEFORE UPDATE OR DELETE ON {q(table)}"
                    f" FOR EACH ROW EXECUTE FUNCTION {function}()",
                ],
            )
