"""The suite's fixtures the bench's tests need too (pendamping/conftest.py is not a parent)."""

# SQLite's flush after a transactional test, past the append-only triggers
from pendamping.conftest import _flush_sqlite_past_history_triggers  # noqa: F401
