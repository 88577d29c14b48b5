"""The suite's fixtures and hooks the bench's tests need too (pendamping/conftest.py is
not a parent, and a conftest's hooks reach only the tests below it)."""

from pendamping.conftest import (  # noqa: F401
    _flush_sqlite_past_history_triggers,  # SQLite's flush, past the append-only triggers
    pytest_runtest_setup,  # a `db_owner` test connects as the owner (app_role.py)
    pytest_runtest_teardown,  # ... and the next one as the application's role again
)
