"""The database's own full-text index over a table of words, on both engines.

PostgreSQL indexes a table's text with a GIN index on its ``tsvector`` (an expression
index: the query names the same expression, so that the planner finds it); SQLite has
no such index, so an FTS5 table with external content mirrors the table, kept in step
by triggers. Used by the clients' name keys (``clients.ClientNameIndex``) and the directory's word
index (``broker/textindex.py``, whose migrations import it from there).
"""

from __future__ import annotations


def sqlite_fts(
    table: str, fts_table: str, columns, *, rowid: str = "id", prefix: str = "2 3"
) -> list[str]:
    """The FTS5 table over ``table`` (its integer key ``rowid``) and the triggers that
    keep it in step, then its first filling from the rows already there (SQLite).
    ``prefix``: the prefix lengths FTS5 indexes for prefix queries ("" for none)."""
    cols = ", ".join(columns)
    new, old = (", ".join(f"{r}.{c}" for c in columns) for r in ("new", "old"))
    delete = (
        f"INSERT INTO {fts_table}({fts_table}, rowid, {cols}) VALUES ('delete', old.{rowid}, {old})"
    )
    insert = f"INSERT INTO {fts_table}(rowid, {cols}) VALUES (new.{rowid}, {new})"
    return [
        f"CREATE VIRTUAL TABLE {fts_table} USING fts5({cols}, content='{table}', "
        f"content_rowid='{rowid}'" + (f", prefix='{prefix}'" if prefix else "") + ")",
        f"CREATE TRIGGER {fts_table}_ai AFTER INSERT ON {table} BEGIN {insert}; END",
        f"CREATE TRIGGER {fts_table}_ad AFTER DELETE ON {table} BEGIN {delete}; END",
        f"CREATE TRIGGER {fts_table}_au AFTER UPDATE ON {table} BEGIN {delete}; {insert}; END",
        f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')",
    ]


def drop_sqlite_fts(fts_table: str) -> list[str]:
    """What undoes ``sqlite_fts``."""
    return [f"DROP TRIGGER {fts_table}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE {fts_table}"
    ]
