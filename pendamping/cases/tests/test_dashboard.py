"""The home page's stage counts: live for everyone, from the open-case tallies."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pendamping.cases import services


def open_total(client) -> int:
    html = client.get("/").content.decode()
    return int(re.search(r'<span class="badge">(\d+)</span>', html).group(1))


def count_queries(client) -> int:
    """How many queries of the home page count cases (none: the tallies are read)."""
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    return sum('COUNT("cases_case"."id")' in q["sql"] for q in ctx.captured_queries)


def test_a_workers_counts_are_live(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    before = open_total(client)
    services.case_open(actor=f.users["worker"], client=f.client, presenting_problem="Baru")
    assert open_total(client) == before + 1


def test_agency_wide_counts_are_live_and_read_from_the_tallies(client, world):
    f = world.a
    client.force_login(f.users["admin"])
    before = open_total(client)
    assert count_queries(client) == 0  # no case is counted: the tallies are summed
    services.case_open(actor=f.users["worker"], client=f.client, presenting_problem="Baru")
    assert open_total(client) == before + 1  # at once: nothing cached to go stale
    # per agency: the other agency's admin sees its own figure
    client.force_login(world.b.users["admin"])
    assert open_total(client) == 1


def test_recent_events_are_the_newest_on_the_users_cases(world):
    from pendamping.cases.selectors import recent_events

    f = world.a
    other = services.case_open(
        actor=f.users["supervisor"], client=f.client, presenting_problem="Lain",
        assigned_worker=f.users["other_worker"],
    )  # fmt: skip
    mine = services.case_open(actor=f.users["worker"], client=f.client, presenting_problem="Baru")
    for user, expected in ((f.users["worker"], {f.case.pk, mine.pk}),
                           (f.users["admin"], {f.case.pk, mine.pk, other.pk})):  # fmt: skip
        events = list(recent_events(user, limit=50))
        assert {e.case_id for e in events} == expected
        assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    # the newest first, even when only a few cases fit in the limit
    assert [e.case_id for e in recent_events(f.users["worker"], limit=1)] == [mine.pk]
    assert not [
        e for e in recent_events(world.b.users["worker"], limit=50) if e.case_id in expected
    ]


def test_an_admin_sees_members_counted_per_role(client, world):
    client.force_login(world.a.users["admin"])
    html = client.get("/").content.decode()
    assert "Pekerja sosial · <b>2</b>" in html and "Supervisor · <b>1</b>" in html


def _team_case(f, n: int, worker):
    from pendamping.clients import services as client_services

    person = client_services.client_register(
        actor=f.users["supervisor"], confirm_similar=True,
        data={"kind": "individual", "full_name": f"Klien Tim {n}", "sex": "M",
              "estimated_age": 30 + n, "region": f.client.region},
    )  # fmt: skip
    return services.case_open(
        actor=f.users["supervisor"], client=person, presenting_problem=f"Masalah {n}",
        assigned_worker=worker,
    )  # fmt: skip


def test_a_supervisors_recent_events_are_exact_when_the_newest_cases_are_hidden(world):
    """The candidates come from `last_event_at` before the scope: cases whose client
    was erased are skipped, and the newest visible events still come first."""
    from django.utils import timezone

    from pendamping.cases.access import events_for
    from pendamping.cases.models import Case, CaseEvent
    from pendamping.cases.selectors import recent_events
    from pendamping.clients.models import Client

    f = world.a
    supervisor = f.users["supervisor"]
    cases = [_team_case(f, n, f.users["worker" if n % 2 else "other_worker"]) for n in range(7)]
    for case in cases[:3]:  # older activity on the first cases, then the newest
        services.note_add(actor=supervisor, case=case, data={"kind": "office", "body": "x"})

    def expected(limit):
        return list(events_for(supervisor).order_by("-at", "-id")[:limit])

    for limit in (1, 2, 3, 50):
        assert recent_events(supervisor, limit=limit) == expected(limit)
    # the newest cases' clients are erased: fewer visible candidates than the limit
    Client.objects.filter(pk__in=[c.client_id for c in cases[-4:]]).update(
        deleted_at=timezone.now()
    )
    for limit in (1, 2, 3, 50):
        assert recent_events(supervisor, limit=limit) == expected(limit)
    # event_append keeps each case's last_event_at, the moment of its newest event
    for case in Case.objects.filter(pk__in=[c.pk for c in cases] + [f.case.pk]):
        newest = CaseEvent.objects.filter(case=case).order_by("-at").first()
        assert case.last_event_at == newest.at
