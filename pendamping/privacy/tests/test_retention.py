"""Retention rules per agency and record kind, the list of clients due, the periodic
notification to the admins, and approval from the list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.cases import services as case_services
from pendamping.cases.models import Case
from pendamping.clients.models import Client
from pendamping.inbox.models import Notification
from pendamping.privacy import retention
from pendamping.privacy.models import RetentionRule

pytestmark = pytest.mark.django_db


def closed_years_ago(f, years: float):
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    at = timezone.now() - timedelta(days=int(365.25 * years))
    Case.objects.filter(pk=f.case.pk).update(closed_at=at)


def due_ids(f, today=None):
    return [d.client_id for d in retention.due_clients(f.agency.pk, today)]


class TestDue:
    def test_an_open_case_is_never_due(self, world):
        Case.objects.filter(pk=world.a.case.pk).update(
            opened_at=timezone.now() - timedelta(days=9000)
        )
        assert due_ids(world.a) == []

    def test_a_closed_case_is_due_after_the_default_five_years(self, world):
        f = world.a
        closed_years_ago(f, 4.9)
        assert due_ids(f) == []
        assert due_ids(f, timezone.localdate() + timedelta(days=60)) == [f.client.pk]
        assert due_ids(world.b) == []  # another agency's list

    def test_the_agency_rule_changes_the_period(self, world):
        f = world.a
        closed_years_ago(f, 3)
        RetentionRule.objects.create(agency=f.agency, kind="closed_cases", years=2,
                                     updated_by=f.users["admin"])  # fmt: skip
        assert due_ids(f) == [f.client.pk]
        assert retention.years_of(world.b.agency.pk) == {"closed_cases": 5, "child": 5}

    def test_a_child_is_kept_until_18_plus_the_child_years(self, world):
        f = world.a
        closed_years_ago(f, 10)
        today = timezone.localdate()
        Client.objects.filter(pk=f.client.pk).update(birth_date=date(today.year - 20, 1, 1))
        assert due_ids(f) == []  # 20 < 18 + 5
        Client.objects.filter(pk=f.client.pk).update(birth_date=date(today.year - 24, 1, 1))
        assert due_ids(f) == [f.client.pk]

    def test_the_list_takes_a_fixed_number_of_queries(self, world, django_assert_max_num_queries):
        f = world.a
        closed_years_ago(f, 8)
        for n in range(5):
            c = Client.objects.create(agency=f.agency, kind="individual", full_name=f"Lama {n}",
                                      registered_by=f.users["worker"])  # fmt: skip
            Client.objects.filter(pk=c.pk).update(created_at=timezone.now() - timedelta(days=4000))
        with django_assert_max_num_queries(2):
            assert len(retention.due_clients(f.agency.pk)) == 6


class TestNotification:
    def test_the_admins_are_told_once_a_day_with_a_count(self, world):
        f = world.a
        closed_years_ago(f, 6)
        assert retention.notify_due() == 1
        assert retention.notify_due() == 0
        n = Notification.objects.get(kind="retention_due")
        assert n.recipient == f.users["admin"] and n.data["count"] == 1
        assert "Siti" not in str(n.data)
        tomorrow = timezone.localdate() + timedelta(days=1)
        assert retention.notify_due(tomorrow) == 1


class TestPages:
    def test_the_officer_sees_the_list_and_the_rules_but_cannot_change_them(self, world, client):
        f = world.a
        closed_years_ago(f, 6)
        client.force_login(f.users["dpo"])
        page = client.get(reverse("retention"))
        assert page.status_code == 200
        assert f"#{f.client.pk}" in page.content.decode()
        assert reverse("client_anonymise", args=[f.client.pk]) not in page.content.decode()
        assert client.post(reverse("retention"), {"closed_cases": 3, "child": 3}).status_code == 403

    def test_the_admin_changes_the_rules_and_bad_numbers_are_refused(self, world, client, api):
        f = world.a
        client.force_login(f.users["admin"])
        page = client.post(reverse("retention"), {"closed_cases": 0, "child": "x"})
        assert page.status_code == 422 and not RetentionRule.objects.exists()
        done = client.post(reverse("retention"), {"closed_cases": 7, "child": 6})
        assert done.status_code == 302
        assert retention.years_of(f.agency.pk) == {"closed_cases": 7, "child": 6}
        admin = api.as_user(f.users["admin"])
        assert (
            admin.call("PUT", "/retention/rules", {"closed_cases": 0, "child": 3}).status_code
            == 422
        )
        answer = admin.call("PUT", "/retention/rules", {"closed_cases": 4, "child": 3})
        assert answer.json() == {"closed_cases": 4, "child": 3}

    def test_the_page_speaks_english(self, world, client):
        f = world.a
        f.users["admin"].language = "en"
        f.users["admin"].save()
        client.force_login(f.users["admin"])
        text = client.get(reverse("retention"), headers={"accept-language": "en"}).content.decode()
        assert "Retention rules" in text and "Clients past the retention period" in text

    def test_the_api_lists_what_is_due(self, world, api):
        f = world.a
        closed_years_ago(f, 6)
        rows = api.as_user(f.users["dpo"]).get("/retention/due").json()
        assert [r["client_id"] for r in rows] == [f.client.pk]
        assert rows[0]["birth_year"] == 1990
