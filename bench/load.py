"""Load test: gunicorn on PostgreSQL, driven by Locust headless on 127.0.0.1.

    python -m bench.load [--size quick|full|tiny] [--users 50] [--seconds 120]
                         [--workers 3] [--save]

Serves the bench database of the size (generated first when missing, as bench.run
does) with gunicorn and the production settings written in the README (DEBUG off,
persistent connections, a shared cache in the database), then runs bench/locustfile.py
with that many concurrent users for that long: social workers of several agencies
logging in through the login page and doing the day's work. Stops the server,
prints the figures per request kind and writes them as JSON to
bench/.data/results/postgres-<size>-load.json (bench/results with --save). Exits
non-zero when a request failed.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import RESULTS, SCRATCH, database_url

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
TARGETS = {"requests_per_s": 300, "p99_ms": 150, "errors": 0}
ACCOUNTS_PER_AGENCY = 12
# what the server runs with (README, Running in production)
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.load_settings",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",  # no TLS on 127.0.0.1: the proxy that ends it is absent
    "CONN_MAX_AGE": "60",
    "CACHE_BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "CACHE_LOCATION": "pendamping_cache",
}


def plan(accounts_per_agency: int = ACCOUNTS_PER_AGENCY) -> dict:
    """The simulated users: workers of every bench agency, each with their open cases,
    open needs, referrals whose status they record, and names and NIKs to search."""
    from django.db.models import Q

    from pendamping.accounts.models import Agency, Role, User
    from pendamping.broker.models import Referral, ReferralStatus
    from pendamping.cases.models import Case, Need
    from pendamping.clients.models import Client

    from .generate import PASSWORD

    users = []
    for agency in Agency.objects.exclude(name="Bench import").order_by("id"):
        workers = User.objects.filter(
            membership__agency=agency, membership__role=Role.WORKER, is_active=True
        ).order_by("id")
        taken = 0
        for user in workers.iterator():
            if taken == accounts_per_agency:
                break
            cases = Case.objects.filter(assigned_worker=user, closed_at__isnull=True)
            case_ids = list(cases.order_by("id").values_list("id", flat=True)[:50])
            if not case_ids:
                continue  # a worker with no open case does not work today
            taken += 1
            needs = Need.objects.filter(
                case__assigned_worker=user, case__closed_at__isnull=True, status="open"
            )
            referrals = Referral.objects.filter(
                case__assigned_worker=user,
                case__closed_at__isnull=True,
                receiving_agency__isnull=True,
                status__in=[ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS,
                            ReferralStatus.ON_HOLD],
            )  # fmt: skip
            clients = Client.objects.filter(Q(cases__in=case_ids)).exclude(nik="")
            searches = []
            for name, nik in clients.order_by("id").values_list("full_name", "nik")[:10]:
                searches += [" ".join(name.split()[:2]), nik[:12]]
            users.append({
                "username": user.username,
                "cases": case_ids,
                "needs": list(needs.order_by("id").values_list("id", flat=True)[:20]),
                "referrals": list(referrals.order_by("id").values_list("id", flat=True)[:10]),
                "searches": searches,
            })  # fmt: skip
    if not users:
        raise SystemExit("No bench worker with open cases: generate the bench data first.")
    return {"password": PASSWORD, "users": users}


def run_locust(host: str, plan_path: Path, *, users: int, seconds: int, out: Path,
               think_s: float = 0.1, tour: bool = False) -> list[dict]:  # fmt: skip
    """Run the locustfile headless; returns Locust's final stats (one entry per name).
    `tour`: each user does every kind of work once, then the run ends (for tests)."""
    env = os.environ | {"LOAD_PLAN": str(plan_path), "LOAD_THINK_S": str(think_s),
                        "LOAD_TOUR": "1" if tour else ""}  # fmt: skip
    # exits non-zero on a failure: the summary counts them
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
         "--host", host, "-u", str(users), "-r", str(max(1, users // 5)),
         "-t", f"{seconds}s", "--stop-timeout", "10", "--only-summary",
         "--loglevel", "WARNING", "--json-file", str(out.with_suffix(""))],
        env=env, check=False, stdout=sys.stderr,
    )  # fmt: skip
    if not out.exists():
        raise SystemExit(f"Locust wrote no statistics ({out}).")
    return json.loads(out.read_text())


def percentile(histogram: dict[int, int], share: float) -> float:
    """The response time (ms) under which `share` of the requests finished."""
    total = sum(histogram.values())
    if not total:
        return 0.0
    seen = 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= share * total:
            return float(ms)
    return float(max(histogram))


def summarise(stats: list[dict]) -> dict:
    """Per request kind, in all, and for the work alone (all but the logins): count,
    failures, requests/s, p50/p95/p99 ms."""
    start = min((s["start_time"] for s in stats), default=0)
    end = max((s["last_request_timestamp"] or 0 for s in stats), default=0)
    seconds = max(end - start, 1e-9)
    histograms = {
        f"{s['method']} {s['name']}": {int(float(k)): v for k, v in s["response_times"].items()}
        for s in stats
    }

    def figures(entries):
        merged = {}
        for s in entries:
            for ms, n in histograms[f"{s['method']} {s['name']}"].items():
                merged[ms] = merged.get(ms, 0) + n
        requests = sum(s["num_requests"] for s in entries)
        return {
            "requests": requests,
            "failures": sum(s["num_failures"] for s in entries),
            "requests_per_s": round(requests / seconds, 1),
            "p50_ms": percentile(merged, 0.50),
            "p95_ms": percentile(merged, 0.95),
            "p99_ms": percentile(merged, 0.99),
            "max_ms": round(max((s["max_response_time"] or 0 for s in entries), default=0), 1),
        }

    return {
        "seconds": round(seconds, 1),
        "total": figures(stats),
        # a login is once a day, and its password hash costs ~0.5 s of CPU on purpose
        "work": figures([s for s in stats if not s["name"].startswith("login")]),
        "kinds": {f"{s['method']} {s['name']}": figures([s]) for s in stats},
    }


def verdict(summary: dict) -> dict:
    """Throughput and p99 of the work; failures of every request, logins included."""
    work, total = summary["work"], summary["total"]
    return {
        f"requests/s >= {TARGETS['requests_per_s']}": work["requests_per_s"]
        >= TARGETS["requests_per_s"],
        f"p99 <= {TARGETS['p99_ms']} ms": work["p99_ms"] <= TARGETS["p99_ms"],
        "no errors": total["failures"] == 0 and work["requests"] > 0,
    }


def serve(size: str, workers: int, port: int) -> subprocess.Popen:
    """gunicorn on the bench database, answering on 127.0.0.1:port (waited for)."""
    env = os.environ | SERVER_ENV | {
        "DATABASE_URL": database_url("postgres", size),
        "SECRET_KEY": secrets.token_urlsafe(50),
    }  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pendamping.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit {server.returncode}).")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as r:
                if r.status == 200 and server.poll() is None:  # ours, not another's
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit("gunicorn did not answer within 60 s.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def print_table(summary: dict, out=sys.stdout) -> None:
    rows = [*summary["kinds"].items(), ("work (all but logins)", summary["work"]),
            ("all", summary["total"])]  # fmt: skip
    print(f"\n{'request':<34} {'n':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} "
          f"{'p99':>6} {'max':>7} ms", file=out)  # fmt: skip
    for name, f in rows:
        print(
            f"{name[:34]:<34} {f['requests']:>7} {f['failures']:>5} {f['requests_per_s']:>7.1f}"
            f" {f['p50_ms']:>6.0f} {f['p95_ms']:>6.0f} {f['p99_ms']:>6.0f} {f['max_ms']:>7.0f}",
            file=out,
        )


def main(argv=None) -> None:
    from bench.generate import SIZES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="quick")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("LOAD_WORKERS", 3)))
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    parser.add_argument("--think", type=float, default=0.1, help="a user's longest pause, s")
    parser.add_argument("--save", action="store_true", help="write to bench/results")
    args = parser.parse_args(argv)

    from bench.provenance import commit, machine
    from bench.run import prepare

    info = prepare("postgres", args.size)
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    work = plan()
    with tempfile.TemporaryDirectory() as tmp:
        plan_path = Path(tmp) / "plan.json"
        plan_path.write_text(json.dumps(work))
        port = args.port or free_port()
        server = serve(args.size, args.workers, port)
        try:
            stats = run_locust(
                f"http://127.0.0.1:{port}", plan_path, users=args.users,
                seconds=args.seconds, out=Path(tmp) / "stats.json", think_s=args.think,
            )  # fmt: skip
        finally:
            stop(server)
    summary = summarise(stats)
    print_table(summary)
    result = {
        "database": "postgres",
        "size": args.size,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit(),
        "machine": machine(),
        "data": info["counts"],
        "load": {
            "users": args.users,
            "seconds": args.seconds,
            "think_s": args.think,
            "accounts": len(work["users"]),
            "server": {"gunicorn_workers": args.workers}
            | {k: v for k, v in SERVER_ENV.items() if k != "DJANGO_SETTINGS_MODULE"},
        },
        "summary": summary,
        "targets": verdict(summary),
    }
    folder = RESULTS if args.save else SCRATCH
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"postgres-{args.size}-load.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nTargets (50 users, full size, a quiet machine): {result['targets']}\nWritten {out}")
    if summary["total"]["failures"] or not summary["total"]["requests"]:
        raise SystemExit(f"{summary['total']['failures']} requests failed.")


if __name__ == "__main__":
    main()
