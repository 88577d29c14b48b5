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

Redaction, the one UPDATE allowed (UU 27/2022: erasure reaches history too).
`AppendOnly("CheckIn", redactable=("note", "why_not_lower"))` names the columns of
typed free text a history row may hold about a client. Its UPDATE trigger then lets
exactly one kind of UPDATE through: one that blanks some of those columns and changes
nothing else. A text column may only become '' and a JSON column may only become
[] or lose top-level keys of its object (what remains is unchanged); every other column must stay as it was,
and at least one redactable column must change, so `UPDATE t SET id = id` is still
refused. A JSON column may name the keys it may lose, `"data:reason,title"`: then only
those keys may go, and it may not become [], '' or anything but the object less some
of them (CaseEvent.data: a risk level or a closure code is never erased). DELETE is always refused. The model names the same columns in `REDACTABLE`,
and `AppendOnlyQuerySet.redact()` is the only way product code writes such an
UPDATE (`pendamping/erasure.py`, when a client is anonymised).
- PostgreSQL: the update trigger calls `pendamping_append_only_redact(<columns>)`,
  which compares `to_jsonb(OLD)` and `to_jsonb(NEW)` without those columns.
- SQLite: the update trigger's body is `SELECT RAISE(ABORT, ...) WHERE NOT (...)`,
  the condition naming every column of the table at the time of the migration (no
  WHEN clause). A migration that adds a column to a table with redactable columns
  must re-apply its `AppendOnly`, or the new column could be updated freely;
  `test_append_only.py` tries every column of every such table.

`DropLegacyTrigger` removes, on PostgreSQL, the trigger and function that earlier
migrations pasted by hand (`<table>_no_update_delete`, `<table>_append_only()`); its
reverse puts them back as they were. It does nothing on SQLite, which had none.

TRUNCATE is not a row operation and no trigger refuses it: on PostgreSQL it is what
the test runner's flush uses. How the tests flush SQLite is told in history.py.
"""

from django.db import NotSupportedError
from django.db.migrations.operations.base import Operation, OperationCategory

PG_FUNCTION = "pendamping_append_only"
PG_REDACT_FUNCTION = "pendamping_append_only_redact"
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


PG_REDACT_BODY = """
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
DECLARE
    old_row jsonb := to_jsonb(OLD);
    new_row jsonb := to_jsonb(NEW);
    col text;
    keyed boolean;
    changed boolean := false;
BEGIN
    IF TG_OP = 'UPDATE' AND (old_row - TG_ARGV) = (new_row - TG_ARGV) THEN
        FOREACH col IN ARRAY TG_ARGV LOOP
            CONTINUE WHEN position('.' in col) > 0;  -- "data.note": a key of column data
            CONTINUE WHEN new_row -> col IS NOT DISTINCT FROM old_row -> col;
            keyed := EXISTS (SELECT 1 FROM unnest(TG_ARGV) AS a WHERE a LIKE col || '.%');
            IF NOT keyed AND new_row -> col IN ('""'::jsonb, '[]'::jsonb) THEN
                changed := true;
            ELSIF jsonb_typeof(new_row -> col) = 'object'
                  AND jsonb_typeof(old_row -> col) = 'object'
                  AND NOT EXISTS (
                      SELECT 1 FROM jsonb_each(new_row -> col) AS n
                      WHERE (old_row -> col -> n.key) IS DISTINCT FROM n.value
                  )
                  AND (NOT keyed OR NOT EXISTS (
                      SELECT 1 FROM jsonb_object_keys(old_row -> col) AS k
                      WHERE NOT (new_row -> col ? k) AND NOT (col || '.' || k = ANY (TG_ARGV))
                  )) THEN
                changed := true;
            ELSE
                changed := false;
                EXIT;
            END IF;
        END LOOP;
        IF changed THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql"""


def _sqlite_redaction_allowed(columns: list[str], redactable: dict, q) -> str:
    """SQLite: the condition under which an UPDATE only blanks redactable columns.
    ``redactable`` maps a column to True when it holds JSON, or to the tuple of keys
    its object may lose (no other blank then)."""
    kept = [f"NEW.{q(c)} IS OLD.{q(c)}" for c in columns if c not in redactable]
    allowed, changed = [], []
    for column, is_json in redactable.items():
        new, old = f"NEW.{q(column)}", f"OLD.{q(column)}"
        if is_json:
            blank = (
                f"(json_valid({new}) AND json_type({new}) = 'object' AND NOT EXISTS ("
                f"SELECT 1 FROM json_each({new}) AS n WHERE NOT EXISTS ("
                f"SELECT 1 FROM json_each({old}) AS o WHERE o.key = n.key"
                f" AND o.type = n.type AND o.value IS n.value)))"
            )
        else:
            blank = f"{new} = ''"
        if isinstance(is_json, tuple):  # only these keys may go, and nothing else blanks
            keys = ", ".join(_sql_string(k) for k in is_json)
            blank = (
                f"({blank} AND json_valid({old}) AND json_type({old}) = 'object' AND NOT EXISTS ("
                f"SELECT 1 FROM json_each({old}) AS o WHERE o.key NOT IN ({keys}) AND NOT EXISTS ("
                f"SELECT 1 FROM json_each({new}) AS n WHERE n.key = o.key)))"
            )
        elif is_json:
            blank = f"{blank} OR {new} = '[]'"
        allowed.append(f"({new} IS {old} OR {blank})")
        changed.append(f"{new} IS NOT {old}")
    return " AND ".join([*kept, *allowed, "(" + " OR ".join(changed) + ")"])


class AppendOnly(_ModelTableOperation):
    """Refuse UPDATE and DELETE on the model's table, in the database, on both engines;
    with ``redactable``, allow the UPDATE that only blanks those fields (see above)."""

    def __init__(self, model_name: str, redactable: tuple[str, ...] = ()):
        super().__init__(model_name)
        self.redactable = tuple(redactable)

    def deconstruct(self):
        kwargs = {"redactable": self.redactable} if self.redactable else {}
        return (self.__class__.__name__, (self.model_name,), kwargs)

    def describe(self):
        return f"Refuse UPDATE and DELETE on {self.model_name} rows (append-only triggers)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name_lower}_append_only"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, to_state)
        if table is not None:
            model = to_state.apps.get_model(app_label, self.model_name)
            columns = [f.column for f in model._meta.concrete_fields]
            redactable = {}
            for entry in self.redactable:
                name, _sep, keys = entry.partition(":")
                field = model._meta.get_field(name)
                is_json = field.get_internal_type() == "JSONField"
                redactable[field.column] = tuple(keys.split(",")) if keys and is_json else is_json
            self._run(schema_editor, self.install_sql(schema_editor, table, redactable, columns))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, from_state)
        if table is not None:
            self._run(schema_editor, self.remove_sql(schema_editor, table))

    @staticmethod
    def install_sql(schema_editor, table: str, redactable=None, columns=()) -> list[str]:
        vendor = schema_editor.connection.vendor
        q = schema_editor.quote_name
        if vendor == "postgresql" and redactable:
            names = []
            for column, keys in redactable.items():
                names += [
                    column,
                    *(f"{column}.{k}" for k in (keys if isinstance(keys, tuple) else ())),
                ]
            arguments = ", ".join(_sql_string(c) for c in names)
            return [
                PG_REDACT_BODY.format(name=q(PG_REDACT_FUNCTION)),
                f"CREATE OR REPLACE TRIGGER {q(PG_TRIGGERS['UPDATE'])} BEFORE UPDATE"
                f" ON {q(table)} FOR EACH ROW EXECUTE FUNCTION"
                f" {q(PG_REDACT_FUNCTION)}({arguments})",
                *AppendOnly.install_sql(schema_editor, table)[:1],
                f"CREATE OR REPLACE TRIGGER {q(PG_TRIGGERS['DELETE'])} BEFORE DELETE"
                f" ON {q(table)} FOR EACH ROW EXECUTE FUNCTION {q(PG_FUNCTION)}()",
            ]
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
                where = ""
                if event == "UPDATE" and redactable:
                    where = f" WHERE NOT ({_sqlite_redaction_allowed(columns, redactable, q)})"
                statements += [
                    f"DROP TRIGGER IF EXISTS {name}",
                    f"CREATE TRIGGER {name} BEFORE {event} ON {q(table)} FOR EACH ROW"
                    f" BEGIN SELECT RAISE(ABORT, {_sql_string(_refused(table, event))}){where};"
                    " END",
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
                # the functions are shared: each goes with the last trigger calling it
                *(
                    f"""
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_trigger WHERE tgfoid = to_regprocedure('{function}()')
    ) THEN
        DROP FUNCTION IF EXISTS {q(function)}();
    END IF;
END
$$"""
                    for function in (PG_FUNCTION, PG_REDACT_FUNCTION)
                ),
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


class AllowRedaction(AppendOnly):
    """`AppendOnly` with ``redactable`` on a table that already had plain triggers; its
    reverse puts the plain triggers back (the table is never left open)."""

    def __init__(self, model_name: str, redactable: tuple[str, ...]):
        super().__init__(model_name, redactable)

    def describe(self):
        return f"Allow blanking {', '.join(self.redactable)} of {self.model_name} rows"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name_lower}_redactable"

    def deconstruct(self):
        return (self.__class__.__name__, (self.model_name, self.redactable), {})

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, to_state)
        if table is not None:
            self._run(schema_editor, self.install_sql(schema_editor, table))
