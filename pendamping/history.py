"""Append-only rows: history that is written once and never changed (DESIGN.md).

Case events, assessment versions, instrument administrations, ecomap snapshots,
goal reviews, motivation check-ins, a referral's status history (`ReferralUpdate`) and
the import audit trail all use this: the model refuses to update or delete its rows.
The database refuses too, on PostgreSQL and on SQLite: each app's migrations apply
`history_migrations.AppendOnly(<model>)` to its history tables, which installs BEFORE
UPDATE and BEFORE DELETE triggers (a raw `UPDATE cases_caseevent ...` fails).
`pendamping/tests/test_append_only.py`
finds every concrete subclass and fails if its table lacks the triggers, so a new
history table needs its `AppendOnly` in the migration that creates it.

Erasure. A history model that may hold typed text about a client names those columns
in `REDACTABLE`; its triggers then allow the one UPDATE that blanks them and changes
nothing else (history_migrations.py), and `AppendOnlyQuerySet.redact()` and
`redact_json()` are how an erasure writes it. Everything else stays refused.

Emptying the database. PostgreSQL's flush is TRUNCATE, which row triggers don't see.
SQLite's flush (`DatabaseOperations.sql_flush`) is `DELETE FROM <table>` for every
table, which the triggers refuse, and `execute_sql_flush` runs it in one transaction,
so nothing is deleted:
- `manage.py flush` refuses on SQLite ("couldn't be flushed", caused by
  "... is append-only: DELETE refused"). To start over, delete the SQLite file and
  migrate again (`make run`). On PostgreSQL it works.
- The test suite flushes after every transactional test (`transactional_db`,
  `live_server`, the browser tests). `pendamping/conftest.py` wraps SQLite's
  `execute_sql_flush` for the test session only: inside the flush's own transaction
  it drops the database's triggers, runs the flush, and recreates them from the SQL
  SQLite stored for them (`sqlite_master`). Another connection never sees a table
  without its triggers, and a failed flush rolls the drop back. Product code never
  imports conftest.py, and the triggers themselves have no bypass (no WHEN clause, no
  flag), so production is as strict as the migrations made it.
"""

import functools
import operator

from django.db import models
from django.db.models import Q


class AppendOnlyError(Exception):
    """Someone tried to change or delete a history row."""


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk UPDATE and DELETE are refused like single-row ones; ``redact`` blanks the
    model's ``REDACTABLE`` text (history_migrations.py: the one UPDATE the database
    allows)."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only.")

    def redact(self, *fields: str) -> int:
        """Blank ``fields`` on these rows (text to '', JSON to []); ``redact_json``
        removes keys instead. Returns how many rows changed."""
        allowed = set(getattr(self.model, "REDACTABLE", ())) - set(
            getattr(self.model, "REDACTABLE_KEYS", {})
        )  # a field with declared keys loses only those keys (redact_json)
        if not fields or not set(fields) <= allowed:
            raise AppendOnlyError(
                f"{self.model.__name__}: only {sorted(allowed)} may be redacted, not {fields}."
            )
        # a JSON field becomes [] (the trigger's other blank), a text field ''
        blanks = {
            f: [] if isinstance(self.model._meta.get_field(f), models.JSONField) else ""
            for f in fields
        }
        rows = self.filter(
            functools.reduce(operator.or_, (~Q(**{f: v}) for f, v in blanks.items()))
        )
        return models.QuerySet.update(rows, **blanks)

    def redact_json(self, field: str, keys) -> int:
        """Remove ``keys`` from the JSON object in ``field`` of these rows."""
        if field not in getattr(self.model, "REDACTABLE", ()):
            raise AppendOnlyError(f"{self.model.__name__}.{field} is not redactable.")
        declared = getattr(self.model, "REDACTABLE_KEYS", {}).get(field)
        if declared is not None:
            keys = set(keys) & set(declared)
        changed = 0
        for pk, value in self.values_list("pk", field):
            if isinstance(value, dict) and set(keys) & set(value):
                kept = {k: v for k, v in value.items() if k not in keys}
                changed += models.QuerySet.update(
                    models.QuerySet(self.model).filter(pk=pk), **{field: kept}
                )
        return changed

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only.")


class AppendOnlyModel(models.Model):
    """A row written once by a service, then only read."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
