"""Run the benchmark scenarios through the real request stack, ours beside the naive way.

    python -m bench.run --size tiny|quick|full|huge --database sqlite|postgres [--regenerate]

Every request goes through Django's full stack in-process (URL routing, middleware,
session login, view, template or API serialisation) with a logged-in user; server
time is the wall time of that request, queries are counted with a database
execute wrapper. Each scenario runs ours and then the naive variant (bench/naive.py)
on the same data, and prints p50, p95 and max, queries per request, and
ours ÷ naive, and for search, the case page and matching the app time ÷ the raw
SQL time of the same statements (bench/sqltime.py). Results go to
bench/.data/results/<database>-<size>.json (bench/results with --save).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import RESULTS, SCRATCH, generate, read_marker, setup_django, sqltime, write_marker
from bench.generate import GENERATOR_VERSION, SIZES
from bench.names import FAMILY, FEMALE_FIRST, MALE_FIRST, pick_name
from bench.provenance import commit, machine

# Requests per scenario (ours, naive) and a time budget for the naive side.
REPEAT = {"tiny": (20, 5), "quick": (60, 10), "full": (60, 8), "huge": (40, 3)}
NAIVE_BUDGET_S = 60  # after at least NAIVE_MIN requests (one at 10M: a naive page is 10 s+)
NAIVE_MIN = {"huge": 1}
IMPORT_ROWS = {"tiny": 2_000, "quick": 20_000, "full": 100_000, "huge": 100_000}
NAIVE_IMPORT_ROWS = {"tiny": 500, "quick": 2_000, "full": 2_000, "huge": 2_000}
# Issue 18's targets for 1,000,000 clients on PostgreSQL (p95, server time).
TARGETS_MS = {
    "search_name": 20,
    "search_nik": 10,
    "caseload": 15,
    "case_page": 40,
    "home_team": 30,
    "home_agency": 30,
    "home_agency_cold": 30,
    "matching": 50,
    "directory_words": 20,
}
# At 10,000,000 clients ("huge"): p95 <= 50 ms for each of these.
TARGETS_MS_HUGE = dict.fromkeys(
    ["search_name", "search_nik", "caseload", "case_page", "home_team", "home_agency",
     "home_agency_cold", "matching"], 50)  # fmt: skip
TARGET_IMPORT_ROWS_S = 20_000
TARGET_APP_OVER_RAW_SQL = 3  # app time ÷ raw SQL time of the same statements (sqltime.py)


@dataclass
class Sample:
    ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    hits: int = 0

    def summary(self) -> dict:
        ms = sorted(self.ms)
        if not ms:
            return {}
        return {
            "n": len(ms),
            "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 2),
            "max_ms": round(ms[-1], 2),
            "queries_min": min(self.queries),
            "queries_max": max(self.queries),
            "found": self.hits,
        }


class Bench:
    def __init__(self, size: str, out=sys.stdout, only: set[str] | None = None):
        from django.db import connection
        from django.test import Client

        self.size = size
        # scenario names to run (None: all); at 10M, those issue 18 sets a target for
        self.only = only or (set(TARGETS_MS_HUGE) | {"import"} if size == "huge" else None)
        self.out = out
        self.connection = connection
        self.clients: dict[str, Client] = {}
        self.rng = random.Random(7)
        self.results: dict[str, dict] = {}

    def log(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def client_for(self, username: str):
        from django.test import Client

        from pendamping.accounts.models import ApiToken, User

        if username not in self.clients:
            user = User.objects.get(username=username)
            # a session for the pages, a bearer token for the API
            client = Client(headers={"authorization": f"Bearer {ApiToken.issue(user)}"})
            client.force_login(user)
            self.clients[username] = client
        return self.clients[username]

    def measure(
        self,
        username: str,
        requests: list[tuple],
        n: int,
        budget_s: float | None = None,
        before=None,
    ):
        """Run `n` requests cycling through `requests` (method, path, data, expect);
        `before()` runs ahead of each (untimed)."""
        client = self.client_for(username)
        sample = Sample()
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        # one warm-up request (template and URL caches, connection)
        method, path, data, _expect = requests[0]
        getattr(client, method)(path, data, follow=True)
        started = time.perf_counter()
        for i in range(n):
            method, path, data, expect = requests[i % len(requests)]
            if before:
                before()
            count[0] = 0
            with self.connection.execute_wrapper(counter):
                t0 = time.perf_counter()
                # a search POST redirects to its kept results (Back shows them again):
                # the user's round trip is both requests, so both are timed
                response = getattr(client, method)(path, data, follow=True)
                elapsed = (time.perf_counter() - t0) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{method.upper()} {path} answered {response.status_code}")
            sample.ms.append(elapsed)
            sample.queries.append(count[0])
            if expect and expect in response.content.decode():
                sample.hits += 1
            over = budget_s and time.perf_counter() - started > budget_s
            if over and i + 1 >= NAIVE_MIN.get(self.size, 3):
                break
        return sample

    def scenario(self, name, username, ours, naive, note="", before=None):
        if self.only and name not in self.only:
            return
        n_ours, n_naive = REPEAT[self.size]
        sample = self.measure(username, ours, n_ours, before=before)
        a = sample.summary()
        b = self.measure(username, naive, n_naive, NAIVE_BUDGET_S, before=before).summary()
        ratio = round(a["p50_ms"] / b["p50_ms"], 4) if b["p50_ms"] else None
        self.results[name] = {"ours": a, "naive": b, "ours_over_naive": ratio, "note": note}
        found = ""
        if any(r[3] for r in ours):
            found = f"  found {a['found']}/{a['n']} vs {b['found']}/{b['n']}"
        if name in sqltime.SCENARIOS:
            # the same requests' statements with a raw cursor; app time over the same inputs
            raw = sqltime.raw_sql(self.client_for(username), ours, min(n_ours, sqltime.RAW_RUNS))
            raw["app_p50_ms"] = round(statistics.median(sample.ms[: raw["n"]]), 2)
            self.results[name] |= {"raw_sql": raw,
                                   "app_over_raw_sql": sqltime.ratio(raw["app_p50_ms"], raw)}  # fmt: skip
            found += f"  | app/raw SQL {self.results[name]['app_over_raw_sql']}"
        self.log(
            f"{name:<13} p50 {a['p50_ms']:8.1f}  p95 {a['p95_ms']:8.1f}  max {a['max_ms']:8.1f} ms"
            f"  q {a['queries_min']}-{a['queries_max']:<4}| naive p50 {b['p50_ms']:9.1f}"
            f"  p95 {b['p95_ms']:9.1f} ms  q {b['queries_min']}-{b['queries_max']:<6}"
            f"| ours/naive {ratio:.3f}{found}"
        )

    # ---- inputs ----------------------------------------------------------------------
    def search_inputs(self):
        """Names typed in another spelling than the one registered, and NIKs."""
        from django.db.models import Q

        from pendamping.accounts.models import User
        from pendamping.clients.models import Client

        agency_id = User.objects.get(username="bench.admin").membership.agency_id
        variants = {}
        for group in MALE_FIRST + FEMALE_FIRST + FAMILY:
            for spelling in group:
                variants[spelling] = group
        respellable = Q()
        for spelling in variants:
            if len(variants[spelling]) > 1:
                respellable |= Q(full_name__startswith=spelling + " ")
        # 60 clients whose first name has other spellings, spread over the register
        ids = list(
            Client.objects.filter(respellable, agency_id=agency_id)
            .exclude(nik="")
            .order_by("id")
            .values_list("id", flat=True)
        )
        ids = sorted(self.rng.sample(ids, min(60, len(ids))))
        rows = Client.objects.filter(pk__in=ids).values_list("id", "full_name", "nik")
        names, niks = [], []
        for pk, full_name, nik in rows:
            # the whole name as heard: every part that has other spellings is respelled
            typed = []
            for part in full_name.split():
                others = [s for s in variants.get(part, [part]) if s != part]
                typed.append(self.rng.choice(others) if others else part)
            link = f'href="/clients/{pk}/"'
            names.append((" ".join(typed), link))
            niks.append((nik if len(niks) % 2 == 0 else nik[:12], link))
        return names, niks

    def directory_inputs(self):
        """60 services looked up by their provider's family name as heard (another
        spelling where there is one) and the longest word of their term's name (the
        generator names a service "Layanan <term> <family> <n>")."""
        from pendamping.broker.models import Service

        variants = {spelling: group for group in FAMILY for spelling in group}
        ids = list(Service.objects.order_by("id").values_list("id", flat=True)[:20_000])
        picked = Service.objects.filter(pk__in=self.rng.sample(ids, min(60, len(ids))))
        typed = []
        for pk, name in picked.order_by("id").values_list("id", "name"):
            *term, family, _n = name.split()[1:]
            others = [s for s in variants.get(family, [family]) if s != family] or [family]
            word = max(term, key=len)
            typed.append((f"{self.rng.choice(others)} {word}", f'href="/directory/services/{pk}/"'))
        return typed

    def run(self) -> None:
        from pendamping.cases.models import Case, Need

        search_names, search_niks = self.search_inputs()
        self.scenario(
            "search_name", "bench.admin",
            [("post", "/clients/", {"q": q}, link) for q, link in search_names],
            [("post", "/naive/clients/", {"q": q}, link) for q, link in search_names],
            "fuzzy name in another spelling; found = the intended client on the first page",
        )  # fmt: skip
        self.scenario(
            "search_nik", "bench.admin",
            [("post", "/clients/", {"q": q}, link) for q, link in search_niks],
            [("post", "/naive/clients/", {"q": q}, link) for q, link in search_niks],
            "whole NIK or a 12-digit prefix",
        )  # fmt: skip
        self.scenario(
            "caseload", "bench.worker",
            [("get", "/cases/", {}, None)], [("get", "/naive/cases/", {}, None)],
            "the worker's caseload page, 200 open cases",
        )  # fmt: skip
        case = Case.objects.filter(assigned_worker__username="bench.worker").order_by("id").first()
        self.scenario(
            "case_page", "bench.worker",
            [("get", f"/cases/{case.pk}/", {}, None)],
            [("get", f"/naive/cases/{case.pk}/", {}, None)],
            f"a case whose timeline has {case.events.count()} events",
        )  # fmt: skip
        needs = list(
            Need.objects.filter(case__assigned_worker__username="bench.worker").values_list(
                "case_id", "id"
            )
        )
        self.scenario(
            "matching", "bench.worker",
            [("get", f"/api/v1/cases/{c}/needs/{n}/matches", {}, None) for c, n in needs],
            [("get", f"/naive/api/cases/{c}/needs/{n}/matches", {}, None) for c, n in needs],
            f"{len(needs)} needs of clients in Kota Bandung, API",
        )  # fmt: skip
        typed = self.directory_inputs()
        self.scenario(
            "directory_words", "bench.worker",
            [("get", "/directory/", {"q": q}, link) for q, link in typed],
            [("get", "/naive/directory/", {"q": q}, link) for q, link in typed],
            "a service's provider family name in another spelling and a word of its "
            "taxonomy term; found = that service on the first page",
        )  # fmt: skip
        self.scenario(
            "gap_register", "bench.admin",
            [("get", "/gaps/", {}, None)], [("get", "/naive/gaps/", {}, None)],
            "the agency's open gaps by term and regency",
        )  # fmt: skip
        self.scenario(
            "home_team", "bench.supervisor",
            [("get", "/", {}, None)], [("get", "/naive/", {}, None)],
            "a supervisor's dashboard (team stage counts, tasks, referrals, gaps)",
        )  # fmt: skip
        self.scenario(
            "home_agency", "bench.admin",
            [("get", "/", {}, None)], [("get", "/naive/", {}, None)],
            "an agency admin's dashboard (stage counts and recent events agency-wide)",
        )  # fmt: skip
        from django.core.cache import cache

        self.scenario(
            "home_agency_cold", "bench.admin",
            [("get", "/", {}, None)], [("get", "/naive/", {}, None)],
            "the same with every cache emptied before each request (counts come from tallies)",
            before=cache.clear,
        )  # fmt: skip
        self.import_scenario()

    # ---- bulk import -----------------------------------------------------------------
    def import_scenario(self) -> None:
        """Ours: import_clients on a CSV. Naive: validate, check, save() one row at a time."""
        from django.core.management import call_command

        if self.only and "import" not in self.only:
            return
        rows_ours, rows_naive = IMPORT_ROWS[self.size], NAIVE_IMPORT_ROWS[self.size]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "clients.csv"
            write_import_file(path, rows_ours, self.rng)
            agency, user = self.import_agency()
            try:
                t0, cpu0, db0 = time.perf_counter(), time.process_time(), self.db_cpu()
                call_command(
                    "import_clients", str(path), "--as", user.username, verbosity=0,
                    stdout=io.StringIO(), stderr=io.StringIO(),
                )  # fmt: skip
                ours_s = time.perf_counter() - t0
                # CPU seconds of this process (all threads) and of its PostgreSQL backend:
                # on a busy machine the wall clock also counts the waits for a core
                cpu_s, db = time.process_time() - cpu0, self.db_cpu()
                db_cpu_s = None if db is None or db0 is None else db - db0
            finally:
                created_ours = self.empty_import_agency(agency)
            naive_path = Path(tmp) / "naive.csv"
            write_import_file(naive_path, rows_naive, self.rng)
            agency, user = self.import_agency()
            try:
                t0 = time.perf_counter()
                naive_import(naive_path, user)
                naive_s = time.perf_counter() - t0
            finally:
                created_naive = self.empty_import_agency(agency)
        ours = {"rows": rows_ours, "created": created_ours, "seconds": round(ours_s, 2),
                "rows_per_s": round(rows_ours / ours_s), "cpu_s": round(cpu_s, 2),
                "db_cpu_s": db_cpu_s and round(db_cpu_s, 2)}  # fmt: skip
        naive = {"rows": rows_naive, "created": created_naive, "seconds": round(naive_s, 2),
                 "rows_per_s": round(rows_naive / naive_s)}  # fmt: skip
        ratio = round((ours_s / rows_ours) / (naive_s / rows_naive), 4)
        self.results["import"] = {
            "ours": ours, "naive": naive, "ours_over_naive": ratio,
            "note": "CSV with ~2% invalid rows and ~1% repeated NIKs; seconds per row compared",
        }  # fmt: skip
        cpu = f"cpu {cpu_s:.1f} s" + (f" + db {db_cpu_s:.1f} s" if db_cpu_s is not None else "")
        self.log(
            f"{'import':<13} {ours['rows_per_s']:>8,} rows/s ({rows_ours:,} rows, {ours_s:.1f} s,"
            f" {cpu})"
            f" | naive {naive['rows_per_s']:,} rows/s ({rows_naive:,} rows)"
            f" | ours/naive {ratio:.3f}"
        )

    def db_cpu(self) -> float | None:
        """CPU seconds the PostgreSQL backend of this connection has used, when the server
        runs on this machine and /proc shows it; None otherwise (and on SQLite, where the
        database works inside this process)."""
        if self.connection.vendor != "postgresql":
            return None
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def import_agency(self):
        """One agency kept for the import scenario, emptied before each import."""
        from pendamping.accounts.models import Agency, Membership, Role, User

        agency, _ = Agency.objects.get_or_create(
            name="Bench import", defaults={"kind": "lks", "region_code": "32"}
        )
        user, _ = User.objects.get_or_create(username="bench.import")
        Membership.objects.get_or_create(user=user, defaults={"agency": agency, "role": Role.ADMIN})
        self.empty_import_agency(agency)
        return agency, user

    def empty_import_agency(self, agency) -> int:
        """Remove what an import wrote, so that runs do not grow the data; returns how many."""
        from django.db import connection, transaction

        from pendamping.clients.models import Client, ClientNameIndex

        with transaction.atomic():
            created = Client.objects.filter(agency=agency).count()
            for qs in (
                ClientNameIndex.objects.filter(agency=agency),
                Client.objects.filter(agency=agency),
            ):
                qs._raw_delete(qs.db)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # what autovacuum would soon do: dead index entries left by the delete slow
            # the planner's range estimates for the next searches (27 ms of planning)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE clients_client, clients_clientnameindex")
        return created


def write_import_file(path: Path, rows: int, rng: random.Random) -> None:
    """A client list in the documented layout, with some bad rows and repeated NIKs.

    Each file is new (a time stamp in the first address), so the importer does not
    take it for an interrupted earlier run (resume by SHA-256) and skip it.
    """
    from datetime import date, timedelta

    from pendamping.clients.models import Region
    from pendamping.clients.nik import make_nik

    villages = list(
        Region.objects.filter(level=Region.Level.VILLAGE, code__startswith="32.").values_list(
            "code", flat=True
        )[::97]
    )
    niks: list[str] = []
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["full_name", "nik", "sex", "birth_date", "region_code", "address", "ppks"])
        for i in range(rows):
            sex = rng.choice("LP")
            birth = date(1950, 1, 1) + timedelta(days=rng.randrange(25_000))
            village = rng.choice(villages)
            nik = make_nik(village[:8], birth, "M" if sex == "L" else "F", i % 9999 + 1)
            roll = rng.random()
            if roll < 0.01 and niks:
                nik = rng.choice(niks)  # repeated in the file
            elif roll < 0.03:
                nik = nik[:10]  # malformed
            niks.append(nik)
            writer.writerow([pick_name(rng, "M" if sex == "L" else "F"), nik, sex,
                             birth.isoformat(), village, f"Jl. Merdeka No. {i or time.time_ns()}", ""])  # fmt: skip


def naive_import(path: Path, user) -> None:
    """One row at a time: validate, look the NIK up, save() the client and its name keys."""
    from django.utils import timezone

    from pendamping.accounts import access
    from pendamping.clients.importer import read_rows, validate_row
    from pendamping.clients.models import Client, ClientNameIndex, Region
    from pendamping.clients.nameindex import index_text

    agency = access.agency_of(user)
    today = timezone.localdate()
    for raw in read_rows(path):
        if raw is None:
            continue
        regions = set(
            Region.objects.filter(code=raw.get("region_code") or "").values_list("code", flat=True)
        )
        try:
            data = validate_row(raw, regions, today)
        except ValueError:
            continue
        if data.get("nik") and Client.objects.filter(agency=agency, nik=data["nik"]).exists():
            continue
        client = Client(agency=agency, registered_by=user, **data)
        client.save()
        ClientNameIndex(client=client, agency=agency, keys=index_text(client.full_name)).save()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="quick")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--regenerate", action="store_true", help="generate the data again")
    parser.add_argument(
        "--save", action="store_true",
        help="write the results to bench/results (kept in git) instead of bench/.data/results",
    )  # fmt: skip
    parser.add_argument(
        "--only", default="",
        help="comma-separated scenario names to run (e.g. directory_words,import); not with --save",
    )  # fmt: skip
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()} or None
    if only and args.save:
        parser.error("--only gives a partial result: it is not saved to bench/results")
    info = prepare(args.database, args.size, regenerate=args.regenerate)
    bench = Bench(args.size, only=only)
    bench.log(f"\nScenarios on {args.database}, size '{args.size}' "
              f"({info['counts']['clients']:,} clients, {info['counts']['services']:,} services)")  # fmt: skip
    bench.run()
    result = {
        "database": args.database,
        "size": args.size,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit(),
        "machine": machine(),
        "data": info,
        "scenarios": bench.results,
        "targets": targets(bench.results, args.size),
    }
    folder = RESULTS if args.save else SCRATCH
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{args.database}-{args.size}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    bench.log(f"\nTargets (issue 18's, on PostgreSQL): {result['targets']}")
    bench.log(f"Written {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")


def prepare(database: str, size: str, *, regenerate: bool = False) -> dict:
    """Set Django up on the size's bench database, generating it when missing or made by
    another generator version, else migrating it; returns the data's marker."""
    info = read_marker(database, size)
    fresh = regenerate or not info or info.get("generator_version") != GENERATOR_VERSION
    if fresh:
        info = generate.make(database, size)
        write_marker(database, size, info)
    else:
        setup_django(
            database, size
        )  # data from an earlier run: bring its schema up to the code's migrations
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":  # a data migration may leave dead rows
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    return info


def targets(results: dict, size: str = "full") -> dict:
    met = {}
    for name, limit in (TARGETS_MS_HUGE if size == "huge" else TARGETS_MS).items():
        if name in results:
            met[f"{name} p95 <= {limit} ms"] = results[name]["ours"]["p95_ms"] <= limit
    for name in sqltime.SCENARIOS:
        if results.get(name, {}).get("app_over_raw_sql"):
            met[f"{name} app/raw SQL <= {TARGET_APP_OVER_RAW_SQL}"] = (
                results[name]["app_over_raw_sql"] <= TARGET_APP_OVER_RAW_SQL
            )
    if "import" in results:
        rate = results["import"]["ours"]["rows_per_s"]
        met[f"import >= {TARGET_IMPORT_ROWS_S} rows/s"] = rate >= TARGET_IMPORT_ROWS_S
    return met


if __name__ == "__main__":
    main()
