"""What every signed-in page costs besides its own reads (issue 18's per-request
floor): the session, the user with its membership and agency in one query, the
inbox badge and the processing-log row. Counted, never timed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.conftest import ROLE_KEYS

pytestmark = pytest.mark.django_db


def queries_of(client, method, path, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(path, data or {}, follow=True)
    assert response.status_code == 200, path
    # savepoints are the test's transaction around the session's write, not the page's
    sqls = [q["sql"] for q in ctx.captured_queries]
    return [s for s in sqls if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))], response


def membership_reads(sqls) -> list[str]:
    """Queries that fetch a membership by its user on its own (not joined to the user)."""
    return [s for s in sqls if s.startswith('SELECT "accounts_membership"."id"')
            and '"accounts_membership"."user_id" =' in s]  # fmt: skip


@pytest.mark.parametrize("role", ROLE_KEYS)
def test_the_user_comes_with_its_membership_on_every_home(client, world, role):
    client.force_login(world.a.users[role])
    sqls, _response = queries_of(client, "get", reverse("home"))
    assert not membership_reads(sqls), membership_reads(sqls)
    users = [s for s in sqls if s.startswith('SELECT "accounts_user"."id"') and "LIMIT 21" in s]
    assert len(users) == 1 and '"accounts_agency"' in users[0]


def test_a_wrong_password_is_checked_by_one_backend(client, world, monkeypatch):
    from django.contrib.auth import backends

    calls = []
    real = backends.ModelBackend.authenticate
    monkeypatch.setattr(backends.ModelBackend, "authenticate",
                        lambda self, *a, **k: calls.append(1) or real(self, *a, **k))  # fmt: skip
    client.post(reverse("login"), {"username": "a_worker", "password": "salah sekali"})
    assert calls == [1]


def test_the_caseload_page_costs_its_floor_and_its_own_reads(client, world):
    client.force_login(world.a.users["worker"])
    sqls, _response = queries_of(client, "get", reverse("case_list"))
    # session, user + membership, the page of cases (a short list: no COUNT), the
    # workers of the filter, the inbox badge, the processing-log row
    assert len(sqls) == 6, sqls
    assert not [s for s in sqls if s.startswith("SELECT COUNT(*)") and "cases_case" in s]
    # the rows' columns only: no problem statement, no client's whole record
    (rows,) = [s for s in sqls if s.startswith('SELECT "cases_case"."id"')]
    for column in ("presenting_problem", "closure_note", '"clients_client"."nik"'):
        assert column not in rows, column


def test_a_nik_search_round_trip_costs_a_fixed_number_of_queries(client, world):
    client.force_login(world.a.users["worker"])
    sqls, response = queries_of(client, "post", reverse("client_list"), {"q": world.a.client.nik})
    assert f'href="/clients/{world.a.client.pk}/"' in response.text
    # the POST: session, user, the search kept in the session; the GET: session,
    # user + membership, the clients found with their regions (one: no COUNT), the
    # badge, the processing-log row
    assert len(sqls) == 8, sqls
    assert not [s for s in sqls if s.startswith('SELECT "clients_region"')], sqls


@pytest.mark.parametrize(("role", "budget"), [("supervisor", 29), ("admin", 23)])
def test_the_supervisor_and_admin_homes_stay_within_their_query_counts(client, world, role, budget):
    client.force_login(world.a.users[role])
    sqls, _response = queries_of(client, "get", reverse("home"))
    assert len(sqls) <= budget, len(sqls)
    # the agency's settings are read once, whichever cards ask for them
    assert sum('FROM "privacy_privacysettings"' in s for s in sqls) <= 1
