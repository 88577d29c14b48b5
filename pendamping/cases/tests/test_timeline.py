"""The case timeline is append-only, and shows what happened in order."""

import re

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from pendamping.cases import services as case_services
from pendamping.cases.models import CaseEvent
from pendamping.history import AppendOnlyError


class TestAppendOnly:
    def test_it_refuses_updates_through_the_model(self, world):
        event = CaseEvent.objects.filter(case=world.a.case).first()
        event.data = {"tampered": True}
        with pytest.raises(AppendOnlyError):
            event.save()

    def test_it_refuses_deletes_through_the_model(self, world):
        event = CaseEvent.objects.filter(case=world.a.case).first()
        with pytest.raises(AppendOnlyError):
            event.delete()

    def test_it_refuses_queryset_updates_and_deletes(self, world):
        events = CaseEvent.objects.filter(case=world.a.case)
        with pytest.raises(AppendOnlyError):
            events.update(data={})
        with pytest.raises(AppendOnlyError):
            events.delete()

    def test_the_database_refuses_raw_sql(self, world):
        event = CaseEvent.objects.filter(case=world.a.case).first()
        for sql in (
            "UPDATE cases_caseevent SET data = '{}' WHERE id = %s",
            "DELETE FROM cases_caseevent WHERE id = %s",
        ):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql, [event.pk])
        assert CaseEvent.objects.filter(pk=event.pk).exists()


class TestTimelinePage:
    def test_it_shows_a_new_note_on_the_timeline(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        response = client.post(
            reverse("note_add", args=[f.case.pk]),
            {"kind": "home_visit", "practice_role": "motivator", "confidentiality": "normal",
             "occurred_on": "2026-01-05", "body": "Klien mulai bekerja di bengkel"},
        )  # fmt: skip
        assert response.status_code == 302
        page = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
        timeline = page[page.index('id="timeline"') :]
        assert "Klien mulai bekerja di bengkel" in timeline
        assert CaseEvent.objects.filter(case=f.case, kind="note_added").count() == 3

    def test_restricted_notes_are_hidden_from_admin_but_not_supervisor(self, client, world):
        f = world.a
        secret = f.restricted_note.body
        for role, visible in [
            ("worker", True),
            ("supervisor", True),
            ("admin", False),
            ("auditor", False),
        ]:
            client.force_login(f.users[role])
            page = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
            assert (secret in page) is visible, role

    def test_restricted_notes_are_hidden_in_the_api(self, api, world):
        f = world.a
        bodies = {
            n["body"]
            for n in api.as_user(f.users["admin"]).get(f"/cases/{f.case.pk}/notes").json()["items"]
        }
        assert f.note.body in bodies and f.restricted_note.body not in bodies

    def test_the_case_page_query_count_does_not_grow_with_events(
        self, client, world, django_assert_max_num_queries
    ):
        from pendamping.cases import services

        f = world.a
        client.force_login(f.users["worker"])
        url = reverse("case_detail", args=[f.case.pk])
        client.get(url)
        for i in range(40):
            services.note_add(
                actor=f.users["worker"], case=f.case, data={"kind": "phone", "body": f"n{i}"}
            )
            services.task_add(
                actor=f.users["worker"], case=f.case, title=f"t{i}", due_date=f.task.due_date
            )
        with django_assert_max_num_queries(27):  # 25, the log row, the restriction banner
            assert client.get(url).status_code == 200


def timeline_lines(html: str) -> list[str]:
    """The text of each line of the case page's timeline."""
    ol = html[html.index('id="timeline"') : html.index("</ol>", html.index('id="timeline"'))]
    return [re.sub(r"<[^>]+>", " ", li) for li in ol.split("<li")[1:]]


class TestTimelineSaysWhatThePageDoesNot:
    def test_the_opened_line_names_neither_the_client_nor_the_number(self, client, world):
        a = world.a
        client.force_login(a.users["worker"])
        lines = timeline_lines(client.get(f"/cases/{a.case.pk}/").text)
        opened = next(line for line in lines if "Kasus dibuka" in line)
        assert a.case.number not in opened and a.client.full_name not in opened
        assert opened.count(str(a.users["worker"])) == 1  # the actor, not once more as worker
        for line in lines:
            assert a.client.full_name not in line and a.case.number not in line

    def test_a_case_opened_for_another_worker_says_for_whom(self, client, world):
        a = world.a
        case = case_services.case_open(
            actor=a.users["supervisor"], client=a.client, presenting_problem="Rujukan",
            assigned_worker=a.users["other_worker"],
        )  # fmt: skip
        client.force_login(a.users["supervisor"])
        opened = next(
            line
            for line in timeline_lines(client.get(f"/cases/{case.pk}/").text)
            if "Kasus dibuka" in line
        )
        assert f"kepada {a.users['other_worker']}" in opened and case.number not in opened
