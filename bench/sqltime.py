"""App time ÷ raw SQL time: how much of a request is the database's.

For a scenario's requests, the statements each request ran are captured
(CaptureQueriesContext's wrapper, keeping the SQL and its parameters as the ORM
passed them) and then run again, exactly those and in that order, with a raw cursor
(every row fetched, as the ORM does), untimed by anything else. The ratio is the
request's p50 server time over the p50 time of its statements: 1 would mean the
request is nothing but its SQL. The statements run inside a transaction that is
rolled back, so that the writes a request makes (its session, a token's last use)
are neither repeated for good nor refused, and savepoints stay valid.
"""

from __future__ import annotations

import statistics
import time

SCENARIOS = ("search_name", "search_nik", "case_page", "matching")
RAW_RUNS = 20  # requests whose statements are run again, per scenario
# A request's own transaction statements: SQLite's `BEGIN IMMEDIATE`
# (transaction_mode) goes through the cursor, so it is captured; inside the replay's
# transaction it would be refused ("cannot start a transaction within a transaction")
TOP_LEVEL = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "END"})


def capture(client, method: str, path: str, data) -> list[tuple[str, object, bool]]:
    """The statements (sql, params, many) of one request, redirects followed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection), connection.execute_wrapper(record):
        response = getattr(client, method)(path, data, follow=True)
    if response.status_code != 200:
        raise SystemExit(f"{method.upper()} {path} answered {response.status_code}")
    return statements


def replay(statements) -> float:
    """Milliseconds to run the statements with a raw cursor, fetching every row."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            started = time.perf_counter()
            for sql, params, many in statements:
                if sql.split(None, 1)[0].upper() in TOP_LEVEL:
                    continue  # the replay is one transaction of its own already
                if many:
                    cursor.executemany(sql, params)
                else:
                    cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
            elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return elapsed


def raw_sql(client, requests: list[tuple], runs: int = RAW_RUNS) -> dict:
    """Capture each request's statements once, then time their raw runs (cycling
    through `requests` as the scenario does)."""
    captured: dict[int, list] = {}
    ms = []
    for i in range(runs):
        index = i % len(requests)
        if index not in captured:
            method, path, data, _expect = requests[index]
            captured[index] = capture(client, method, path, data)
        ms.append(replay(captured[index]))
    ms.sort()
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 2),
        "statements": sorted({len(s) for s in captured.values()}),
    }


def ratio(app_p50_ms: float, raw: dict) -> float | None:
    return round(app_p50_ms / raw["p50_ms"], 2) if raw["p50_ms"] else None
