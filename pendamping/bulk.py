"""Writing many rows fast: COPY on PostgreSQL, executemany on SQLite.

`bulk_create` builds a model instance per row and compiles an INSERT per batch; for a
client import or the benchmark generator that Python work is most of the time (an
import of 100,000 clients spent two thirds of it there). `BulkWriter` takes plain
values per field, prepares each with the field's own `get_db_prep_save` (so what
lands is what the ORM would write) and streams rows to the database.

It bypasses `save()`, signals and `auto_now`: callers give every value the model
needs, or rely on the field's default. Primary keys the rows will need as foreign
keys are taken beforehand with `reserve_ids`.
"""

from __future__ import annotations

import json
from datetime import date
from functools import partial

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.expressions import RawSQL
from django.db.models.fields import AutoFieldMixin, Field
from django.utils import timezone

try:
    from psycopg.types.json import Json, Jsonb

    _JSON_WRAPPERS: tuple = (Json, Jsonb)
except ImportError:  # SQLite only: no driver wraps JSON
    _JSON_WRAPPERS = ()

_NOW, _DEFAULT = object(), object()  # a column's value is taken per row: now, or the default
_TEXT_METHODS = {models.CharField.get_prep_value, models.TextField.get_prep_value}


def _plain_text(field) -> bool:
    """A text field whose class changes none of Django's preparation: a str is sent as is."""
    cls = type(field)
    return (
        cls.get_db_prep_save is Field.get_db_prep_save
        and cls.get_db_prep_value is Field.get_db_prep_value
        and cls.get_prep_value in _TEXT_METHODS
        and cls.to_python in (models.CharField.to_python, models.TextField.to_python)
    )


def _plain_auto(field, connection) -> bool:
    """An automatic integer primary key: an int is sent as is."""
    cls = type(field)
    return (
        isinstance(field, AutoFieldMixin)
        and cls.get_db_prep_save is AutoFieldMixin.get_db_prep_save
        and cls.get_db_prep_value is AutoFieldMixin.get_db_prep_value
        and cls.get_prep_value is models.IntegerField.get_prep_value
        and type(connection.ops).validate_autopk_value
        is BaseDatabaseOperations.validate_autopk_value
    )


def _preparer(field, connection):
    """value → `field.get_db_prep_save(value, connection)`, without the calls where the
    answer is known beforehand: a str for a plain text field, an int for an automatic
    primary key, either for a foreign key to one of them, and a `date` for a date
    field, which goes straight to the backend's `adapt_datefield_value`."""
    prepare = partial(field.get_db_prep_save, connection=connection)
    cls = type(field)
    target = field
    if isinstance(field, models.ForeignKey):
        # the key's own step: None stays None, "" too where the backend keeps it
        plain_key = cls.get_db_prep_save is models.ForeignKey.get_db_prep_save
        target = field.target_field if plain_key else None
        if connection.features.interprets_empty_strings_as_nulls:
            target = target if _plain_auto(target, connection) else None
    if target is not None and _plain_text(target):
        return lambda value: value if value.__class__ is str else prepare(value)
    if target is not None and _plain_auto(target, connection):
        return lambda value: value if value.__class__ is int else prepare(value)
    if cls is models.DateField:  # get_prep_value of a date is the date itself
        adapt = connection.ops.adapt_datefield_value
        return lambda value: adapt(value) if value.__class__ is date else prepare(value)
    return prepare


def _settled(value):
    """A value prepared once for many rows: JSON for PostgreSQL as its text (what
    psycopg's dumper would send for each row, serialised again every time)."""
    if _JSON_WRAPPERS and isinstance(value, _JSON_WRAPPERS):
        return (value.dumps or json.dumps)(value.obj)
    return value


class BulkWriter:
    """Rows for one model, written every `flush_every` rows and on `flush()`.

    `constants` are values every row shares (an agency, a time stamp): prepared once.
    A field's default, when it is a plain value or an empty list or dict, is prepared
    once too; every other value is prepared per row (see `_preparer`).
    """

    def __init__(
        self,
        model: type[models.Model],
        fields: list[str],
        flush_every: int = 50_000,
        *,
        constants: dict | None = None,
    ):
        self.model = model
        self.names = list(fields)
        self.fields = [model._meta.get_field(name) for name in self.names]
        self.flush_every = flush_every
        self.rows: list[tuple] = []
        self.count = 0
        # the connection itself, not the thread-local proxy (looked up per value otherwise)
        self.connection = connections[DEFAULT_DB_ALIAS]
        constants = constants or {}
        # per column: (name, attname, prepare, the prepared value when none is given)
        self.columns = []
        for name, field in zip(self.names, self.fields, strict=True):
            prepare = _preparer(field, self.connection)
            if name in constants or field.attname in constants:
                value = constants[name] if name in constants else constants[field.attname]
                self.columns.append((None, None, None, _settled(prepare(value))))
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.columns.append((name, field.attname, prepare, _NOW))
            elif (
                not field.has_default()  # None, or "" for a text column
                or not callable(field.default)
                or field.default in (list, dict)
            ):
                default = _settled(prepare(field.get_default()))
                self.columns.append((name, field.attname, prepare, default))
            else:
                self.columns.append((name, field.attname, prepare, _DEFAULT))

    def add(self, **values) -> None:
        """One row; a foreign key may be given by name or attname (`region` or `region_id`)."""
        row = []
        for name, attname, prepare, default in self.columns:
            if name is None:  # a constant
                row.append(default)
            elif name in values:
                row.append(prepare(values[name]))
            elif attname in values:
                row.append(prepare(values[attname]))
            elif default is _NOW:
                row.append(prepare(timezone.now()))
            elif default is _DEFAULT:
                row.append(prepare(self.fields[len(row)].get_default()))
            else:
                row.append(default)
        self.rows.append(tuple(row))
        if len(self.rows) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        connection = self.connection
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", self.rows)
        self.count += len(self.rows)
        self.rows = []


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` new primary keys for `model`, to be used inside the current transaction.

    PostgreSQL hands them out from the table's sequence (safe with concurrent
    writers). SQLite takes the next ones after the largest ever used (its
    `sqlite_sequence`): the write transaction (BEGIN IMMEDIATE, see settings)
    already holds the database's only write lock.
    """
    if n <= 0:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, n],
            )
            return [row[0] for row in cursor.fetchall()]
        if not connection.in_atomic_block:
            raise RuntimeError("reserve_ids on SQLite needs a transaction")
        q = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({q(pk)}) FROM {q(table)}")
        start = (cursor.fetchone()[0] or 0) + 1
        # AUTOINCREMENT tables never reuse the ids of deleted rows: neither do we
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(start, (row[0] if row else 0) + 1)
        return list(range(start, start + n))


def commit_without_waiting() -> None:
    """PostgreSQL: the current transaction's COMMIT does not wait for its WAL to reach
    the disk (`synchronous_commit = off`, for this transaction only).

    Nothing is made inconsistent: a server crash may lose the last such transactions
    whole (at most about three times `wal_writer_delay`), never part of one. A later
    transaction committed the ordinary way flushes the WAL before it, and so makes the
    earlier ones durable too. For writes that are redone when lost: a client import's
    chunks, whose run row (committed in the same transaction) says where to resume.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        raise RuntimeError("commit_without_waiting needs a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def any_of(values: list[str]):
    """The right-hand side of a `field__in` lookup for thousands of strings, as one
    parameter: on PostgreSQL a text[] (`IN (SELECT unnest(%s::text[]))`), which the
    driver neither parses nor quotes value by value as it does a list of placeholders;
    on SQLite a JSON array read by `json_each`, which spares Django resolving each
    value of a list as a lookup parameter."""
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::text[])", [list(values)])
    if vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(values))])
    return values
