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

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone


class BulkWriter:
    """Rows for one model, written every `flush_every` rows and on `flush()`."""

    def __init__(self, model: type[models.Model], fields: list[str], flush_every: int = 50_000):
        self.model = model
        self.names = list(fields)
        self.fields = [model._meta.get_field(name) for name in self.names]
        self.flush_every = flush_every
        self.rows: list[tuple] = []
        self.count = 0
        # the connection itself, not the thread-local proxy (looked up per value otherwise)
        self.connection = connections[DEFAULT_DB_ALIAS]

    def add(self, **values) -> None:
        """One row; a foreign key may be given by name or attname (`region` or `region_id`)."""
        row = []
        for name, field in zip(self.names, self.fields, strict=True):
            if name in values:
                value = values[name]
            elif field.attname in values:
                value = values[field.attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = timezone.now()
            else:
                value = field.get_default()
            row.append(field.get_db_prep_save(value, self.connection))
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
