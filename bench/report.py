"""Print the latest results as the Markdown table the README's Performance section shows.

python -m bench.report [full|quick|tiny]
"""

import json
import sys

from bench import RESULTS
from bench.sqltime import SCENARIOS as RAW_SQL_SCENARIOS

ORDER = ["search_name", "search_nik", "caseload", "case_page", "matching", "gap_register",
         "home_team", "home_agency", "home_agency_cold"]  # fmt: skip


def table(size: str) -> str:
    runs = {}
    for database in ("postgres", "sqlite"):
        path = RESULTS / f"{database}-{size}.json"
        if path.exists():
            runs[database] = json.loads(path.read_text())
    if not runs:
        return f"No results for size '{size}' in {RESULTS}."
    head = "| scenario |" + "".join(
        f" {db}: p50 / p95 ms (queries) | naive p50 ms | ours ÷ naive |" for db in runs
    )
    lines = [head, "|---|" + "---|---|---|" * len(runs)]
    for name in ORDER:
        cells = []
        for run in runs.values():
            s = run["scenarios"].get(name)
            if not s:
                cells.append(" – | – | – |")
                continue
            o, n = s["ours"], s["naive"]
            q = f"{o['queries_min']}" + (
                f"–{o['queries_max']}" if o["queries_max"] != o["queries_min"] else ""
            )
            cells.append(
                f" {o['p50_ms']:.1f} / {o['p95_ms']:.1f} ({q}) | {n['p50_ms']:,.1f} | {s['ours_over_naive']:.3f} |"
            )
        lines.append(f"| {name} |" + "".join(cells))
    cells = []
    for run in runs.values():
        s = run["scenarios"].get("import")
        if s:
            cells.append(
                f" {s['ours']['rows_per_s']:,} rows/s | {s['naive']['rows_per_s']:,} rows/s | {s['ours_over_naive']:.3f} |"
            )
        else:
            cells.append(" – | – | – |")
    lines.append("| import |" + "".join(cells))
    found = [
        f"{db}: ours {r['scenarios']['search_name']['ours']['found']}/{r['scenarios']['search_name']['ours']['n']}, "
        f"naive {r['scenarios']['search_name']['naive']['found']}/{r['scenarios']['search_name']['naive']['n']}"
        for db, r in runs.items()
        if "search_name" in r["scenarios"]
    ]
    lines += ["", *raw_sql_table(runs)]
    lines.append("")
    lines.append(
        "Fuzzy name search found the intended client on the first page: " + "; ".join(found) + "."
    )
    for db, r in runs.items():
        m = r["machine"]
        lines.append(
            f"{db}: {r['date']}, {m.get('cpu', '?')} × {m['cpus']} cores, {m.get('memory_gib', '?')} GiB, "
            f"{m['database_version']}, Python {m['python']}; data generated in {r['data']['seconds']:.0f} s."
        )
    return "\n".join(lines)


def raw_sql_table(runs: dict) -> list[str]:
    """App time ÷ raw SQL time of the same statements (bench/sqltime.py), per scenario."""
    names = [n for n in RAW_SQL_SCENARIOS if any("raw_sql" in r["scenarios"].get(n, {})
                                                 for r in runs.values())]  # fmt: skip
    if not names:
        return []
    head = "".join(f" {db}: app p50 / raw SQL p50 ms (statements) | app ÷ raw SQL |" for db in runs)
    lines = ["| scenario |" + head, "|---|" + "---|---|" * len(runs)]
    for name in names:
        cells = []
        for run in runs.values():
            s = run["scenarios"].get(name, {})
            raw = s.get("raw_sql")
            if not raw:
                cells.append(" – | – |")
                continue
            low, high = raw["statements"][0], raw["statements"][-1]
            statements = f"{low}" + (f"–{high}" if high != low else "")
            cells.append(f" {raw['app_p50_ms']:.1f} / {raw['p50_ms']:.1f} ({statements}) |"
                         f" {s['app_over_raw_sql']:.2f} |")  # fmt: skip
        lines.append(f"| {name} |" + "".join(cells))
    return lines


if __name__ == "__main__":
    print(table(sys.argv[1] if len(sys.argv) > 1 else "full"))
