"""The load test's locustfile against a live server on a tiny bench world, for seconds.

Keeps `make bench-load` from rotting: the plan must give every simulated worker
something to do, every kind of request in the mix must be made, logins through the
real login page must work, and no request may fail (a note or a status change that
does not save counts as a failure). The figures themselves are the bench's, on a
quiet machine.
"""

import io
import json

import pytest
from django.db import connection

from bench import load
from bench.generate import REGIONS_CSV, Generator
from pendamping.taxonomy import terms as taxonomy

pytestmark = [
    pytest.mark.skipif(not REGIONS_CSV.exists(), reason=f"region codes not at {REGIONS_CSV}"),
    pytest.mark.xdist_group("bench"),
    # the generator bulk-loads and resets sequences, as `make bench` does with the
    # owner's credentials: the app role may not set a sequence
    pytest.mark.db_owner,
]

KINDS = {
    "GET login page", "POST login", "GET home", "POST client search",
    "GET client search → page", "GET case page", "POST add note", "GET add note → page",
    "GET matching (need page)", "GET referral page", "POST referral status",
    "GET referral status → page",
}  # fmt: skip


def test_locustfile_runs_the_whole_mix_without_a_failure(
    live_server, transactional_db, tmp_path, settings
):
    from pendamping.broker.models import ReferralUpdate
    from pendamping.cases.models import ProgressNote

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # seconds
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    Generator("tiny", out=io.StringIO(), clients=600).run(migrate=False)
    work = load.plan(accounts_per_agency=1)
    assert len(work["users"]) >= 3  # workers of several agencies
    assert all(u["cases"] and u["searches"] for u in work["users"])
    assert any(u["referrals"] for u in work["users"]) and any(u["needs"] for u in work["users"])
    work["users"].sort(key=lambda u: not u["referrals"])  # the first user to log in has some
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(work))
    notes, updates = ProgressNote.objects.count(), ReferralUpdate.objects.count()

    # the live server shares SQLite's in-memory database between its threads: one user
    users = 1 if connection.vendor == "sqlite" else 3
    # ends as soon as every user has done every kind of work once
    stats = load.run_locust(
        live_server.url, plan_path, users=users, seconds=60, out=tmp_path / "stats.json",
        think_s=0, tour=True,
    )  # fmt: skip
    summary = load.summarise(stats)
    kinds = summary["kinds"]
    failed = {k: v["failures"] for k, v in kinds.items() if v["failures"]}
    assert not failed and summary["total"]["failures"] == 0
    assert load.verdict(summary)["no errors"]
    assert set(kinds) >= KINDS, sorted(kinds)
    assert kinds["POST login"]["requests"] == users
    assert ProgressNote.objects.count() - notes == kinds["POST add note"]["requests"]
    assert ReferralUpdate.objects.count() - updates == kinds["POST referral status"]["requests"]
    total = summary["total"]
    assert total["requests"] == sum(k["requests"] for k in kinds.values())
    assert 0 < total["p50_ms"] <= total["p95_ms"] <= total["p99_ms"]  # Locust's rounded times


def test_the_summary_counts_failures_and_the_verdict_refuses_them():
    entry = {
        "name": "home", "method": "GET", "start_time": 100.0, "last_request_timestamp": 110.0,
        "num_requests": 1000, "num_failures": 0, "max_response_time": 240.0,
        "response_times": {"10": 900, "50": 90, "240": 10},
    }  # fmt: skip
    login = entry | {"name": "login", "method": "POST", "num_requests": 100,
                     "response_times": {"900": 100}, "max_response_time": 910.0}  # fmt: skip
    summary = load.summarise([entry, entry | {"name": "case page", "num_failures": 1}, login])
    work, total = summary["work"], summary["total"]
    assert work["requests"] == 2000 and work["requests_per_s"] == 200.0
    assert (work["p50_ms"], work["p95_ms"], work["p99_ms"]) == (10.0, 50.0, 50.0)
    assert total["requests"] == 2100 and total["p99_ms"] == 900.0 and total["max_ms"] == 910.0
    assert summary["kinds"]["GET case page"]["failures"] == 1 and total["failures"] == 1
    assert load.verdict(summary) == {
        "requests/s >= 300": False, "p99 <= 150 ms": True, "no errors": False,
    }  # fmt: skip
    assert load.percentile({}, 0.99) == 0.0
