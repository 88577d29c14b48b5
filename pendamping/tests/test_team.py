"""The supervisor's team on the home page: each worker links to their caseload (the
case list's worker filter, scoped), with open cases, overdue tasks and open safety
flags, in a constant number of queries."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pendamping.assessment.tests.matrix import flagged
from pendamping.cases import services


def _team_rows(page: str) -> str:
    return page[page.index("Tim saya") :].split("</table>")[0]


def test_the_team_links_each_worker_with_their_numbers(client, world):
    f = world.a
    flagged(f)  # the worker's case: an open safety flag and its check-in task
    client.force_login(f.users["supervisor"])
    team = _team_rows(client.get(reverse("home")).text)
    worker, other = f.users["worker"], f.users["other_worker"]
    assert f'?worker={worker.pk}"' in team and f'?worker={other.pk}"' in team
    row = team[team.index(f"?worker={worker.pk}") :].split("</tr>")[0]
    cells = [c.split("</td>")[0].replace("<strong>", "").replace("</strong>", "")
             for c in re.split(r"<td[^>]*>", row)[1:]]  # fmt: skip
    assert cells == ["1", "1", "1"], cells  # open cases, overdue tasks (fixture), flags


def test_the_case_list_filters_by_worker_within_the_scope(client, world):
    f = world.a
    other = f.users["other_worker"]
    mine = services.case_open(actor=other, client=f.client, presenting_problem="Lain")
    client.force_login(f.users["supervisor"])
    page = client.get(reverse("case_list") + f"?worker={other.pk}").text
    assert mine.number in page and f.case.number not in page
    # a worker of another agency is no choice: the filter is ignored, the scope holds
    page = client.get(reverse("case_list") + f"?worker={world.b.users['worker'].pk}").text
    assert reverse("case_detail", args=[world.b.case.pk]) not in page
    assert reverse("case_detail", args=[f.case.pk]) in page
    # a worker sees only their own caseload, whatever they ask
    client.force_login(f.users["worker"])
    page = client.get(reverse("case_list") + f"?worker={other.pk}").text
    assert mine.number not in page


def test_constant_queries(client, world):
    f = world.a
    client.force_login(f.users["supervisor"])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    flagged(f)
    past = timezone.localdate() - timedelta(days=3)
    for i in range(4):
        case = services.case_open(actor=f.users["other_worker"], client=f.client,
                                  presenting_problem=f"Kasus {i}")  # fmt: skip
        services.task_add(actor=f.users["other_worker"], case=case, title="Telepon", due_date=past)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)


def test_the_case_lists_columns_read_in_the_users_language(client, world):
    """One label per column, translated once for the page: in English a row's client
    is "Client" (the menu's "Klien" is "Clients")."""
    worker = world.a.users["worker"]
    client.force_login(worker)
    page = client.get(reverse("case_list")).text
    assert '<td data-label="Klien">' in page and '<td data-label="Tahap">' in page
    get_user_model().objects.filter(pk=worker.pk).update(language="en")
    page = client.get(reverse("case_list")).text
    assert '<td data-label="Client">' in page and '<td data-label="Stage">' in page
    assert "<th>Client</th>" in page
