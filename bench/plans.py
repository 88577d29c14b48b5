"""The query plans behind the scenarios, to see where a plan changes with size.

    python -m bench.plans --size full|huge [--only NAMES] [--save]

For each scenario (the same requests `bench.run` makes, as the same users), the first
request's statements are captured and each read is timed alone with a raw cursor (the
least of three runs); the slowest reads get `EXPLAIN (ANALYZE, BUFFERS)`. The report
is Markdown:
`bench/.data/results/plans-<database>-<size>.md` (and its .json), or `bench/results/`
with --save.
`--compare OTHER` sets each plan's shape (its nodes and indexes, without costs,
timings or row counts) against the same scenario's at size OTHER, from that size's
saved or scratch JSON, and names the scenarios whose shape changed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from bench import RESULTS, SCRATCH, sqltime
from bench.generate import SIZES

SLOWEST = 2  # statements explained per scenario
RUNS = 3  # timed runs of a request's statements
PLAN_LINES = 40  # a plan's lines kept in the report


def statement_times(statements) -> list[tuple[float, str, object]]:
    """(ms, sql, params) of each read statement, slowest first: the least of RUNS timed
    runs of the request's statements (after one to warm the caches), in a rolled-back
    transaction; the least, because a busy machine only ever adds time."""
    from django.db import connection, transaction

    best: dict[int, float] = {}
    reads = {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            for run in range(RUNS + 1):
                for i, (sql, params, many) in enumerate(statements):
                    verb = sql.split(None, 1)[0].upper()
                    if many or verb in sqltime.TOP_LEVEL:
                        continue
                    started = time.perf_counter()
                    cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()
                    ms = (time.perf_counter() - started) * 1000
                    if run and verb in ("SELECT", "WITH"):
                        reads[i] = (sql, params)
                        best[i] = min(ms, best.get(i, ms))
        transaction.set_rollback(True)
    return sorted(((best[i], *reads[i]) for i in reads), key=lambda t: -t[0])


def explain(sql: str, params) -> list[str]:
    from django.db import connection, transaction

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            rows = cursor.fetchall()
        transaction.set_rollback(True)
    return [str(row[-1]) for row in rows]


_NUMBERS = re.compile(
    r"\((cost|actual)[^)]*\)|\b\d+(\.\d+)?\b|'[^']*'|Buffers:.*|"
    r"(Planning|Execution) Time:.*|Heap Fetches:.*|Rows Removed by \w+:.*|"
    r"Memory Usage:.*|Worker \d+:.*|Batches:.*|Sort Method:.*"
)


def shape(plan: list[str]) -> list[str]:
    """A plan's nodes and what they scan, without the figures that vary with size."""
    out = []
    for line in plan:
        stripped = _NUMBERS.sub("", line).rstrip()
        if stripped.strip(" ->"):
            out.append(stripped)
    return out


def run(size: str, only: set[str] | None) -> list[dict]:
    from bench.run import Bench

    found: list[dict] = []

    class PlanBench(Bench):
        def scenario(self, name, username, ours, naive, note="", before=None):
            if self.only and name not in self.only:
                return
            method, path, data, _expect = ours[0]
            statements = sqltime.capture(self.client_for(username), method, path, data)
            timed = statement_times(statements)
            found.append({
                "scenario": name, "request": f"{method.upper()} {path}",
                "statements": len(statements), "total_ms": round(sum(t for t, *_ in timed), 2),
                "slowest": [
                    {"ms": round(ms, 2), "sql": sql[:600], "plan": explain(sql, params)}
                    for ms, sql, params in timed[:SLOWEST]
                ],
            })  # fmt: skip
            self.log(f"{name:<17} {len(statements):3} statements, reads {found[-1]['total_ms']} ms")

        def import_scenario(self):
            return None

    PlanBench(size, only=only).run()
    return found


def report(database: str, size: str, found: list[dict], other: dict[str, list] | None) -> str:
    lines = [f"# Query plans: {database}, size '{size}'", ""]
    if other is not None:
        changed = [
            s["scenario"] for s in found
            if [shape(x["plan"]) for x in s["slowest"]] != other.get(s["scenario"])
        ]  # fmt: skip
        lines += [f"Plan shapes changed against the other size: {', '.join(changed) or 'none'}", ""]
    for s in found:
        lines += [
            f"## {s['scenario']}", "",
            f"`{s['request']}`: {s['statements']} statements; its reads alone take "
            f"{s['total_ms']} ms.", "",
        ]  # fmt: skip
        for x in s["slowest"]:
            plan = x["plan"][:PLAN_LINES] + (["…"] if len(x["plan"]) > PLAN_LINES else [])
            lines += [f"{x['ms']} ms:", "", "```sql", x["sql"], "```", "", "```", *plan, "```", ""]
    return "\n".join(lines) + "\n"


def read_shapes(path: Path) -> dict[str, list] | None:
    """Each scenario's plan shapes from a run's JSON (written beside its report)."""
    if not path.exists():
        return None
    found = json.loads(path.read_text())
    return {s["scenario"]: [shape(x["plan"]) for x in s["slowest"]] for s in found}


def main(argv=None) -> None:
    from bench.run import prepare

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="quick")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--compare", choices=SIZES, help="the size whose plan shapes to compare")
    parser.add_argument("--save", action="store_true", help="write to bench/results")
    args = parser.parse_args(argv)
    only = {n.strip() for n in args.only.split(",") if n.strip()} or None
    prepare(args.database, args.size)
    found = run(args.size, only)
    other = None
    if args.compare:
        name = f"plans-{args.database}-{args.compare}.json"
        other = read_shapes(RESULTS / name) or read_shapes(SCRATCH / name) or {}
    folder = RESULTS if args.save else SCRATCH
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"plans-{args.database}-{args.size}.md"
    out.write_text(report(args.database, args.size, found, other))
    out.with_suffix(".json").write_text(json.dumps(found, indent=1) + "\n")
    print(f"Written {out}", file=sys.stdout)


if __name__ == "__main__":
    main()
