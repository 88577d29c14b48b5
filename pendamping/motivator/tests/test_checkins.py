"""Motivation check-ins: niat, tekad, semangat and the readiness ruler, and their trend."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.api.tests.test_hostile_input import fields_at_fault
from pendamping.cases.models import CaseEvent
from pendamping.motivator.models import CheckIn, HistoryError
from pendamping.motivator.tests.conftest import checkin, svgs


def post(**over):
    data = {"checked_on": timezone.localdate().isoformat(), "intention": "7",
            "determination": "6", "spirit": "8", "importance": "9", "confidence": "4",
            "why_not_lower": "Anak saya butuh saya bekerja"}  # fmt: skip
    return data | over


class TestCheckInPage:
    def test_it_records_a_check_in_and_puts_the_numbers_on_the_timeline(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        r = client.post(reverse("checkin_add", args=[f.case.pk]), post())
        assert r.status_code == 302
        c = CheckIn.objects.get(case=f.case)
        assert (c.intention, c.determination, c.spirit, c.importance, c.confidence) == (
            7,
            6,
            8,
            9,
            4,
        )
        assert c.why_not_lower == "Anak saya butuh saya bekerja"
        event = CaseEvent.objects.get(case=f.case, kind="checkin_added")
        assert event.details() == "Niat 7 · Tekad 6 · Semangat 8 · Penting 9 · Yakin 4"
        assert "Anak saya" not in str(event.data)  # the client's own words stay off the timeline

    @pytest.mark.parametrize(
        "field", ["intention", "determination", "spirit", "importance", "confidence"]
    )
    def test_it_refuses_numbers_outside_0_to_10(self, client, world, field):
        f = world.a
        client.force_login(f.users["worker"])
        r = client.post(reverse("checkin_add", args=[f.case.pk]), post(**{field: "11"}))
        assert r.status_code == 422 and not CheckIn.objects.exists()

    def test_it_refuses_a_future_date(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        r = client.post(reverse("checkin_add", args=[f.case.pk]), post(checked_on=tomorrow))
        assert r.status_code == 422 and "masa depan" in r.content.decode()

    def test_the_trend_is_drawn_as_valid_svg_with_the_numbers_in_a_table(self, client, world):
        f = world.a
        checkin(f, days_ago=14, intention=3, spirit=2)
        checkin(f, days_ago=7, intention=6, spirit=5)
        checkin(f, days_ago=0, intention=9, spirit=8, confidence=7)
        client.force_login(f.users["worker"])
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        charts = [
            c for c in svgs(page) if "Niat, tekad dan semangat" in c or "Penggaris kesiapan" in c
        ]
        assert len(charts) == 2 and all("<polyline" in c for c in charts)
        table = page[page.index('id="checkin-table"') :]
        table = table[: table.index("</table>")]
        rows = table.split("<tr>")[2:]  # newest first
        assert 'data-label="Niat">9</td>' in rows[0] and 'data-label="Niat">3</td>' in rows[2]

    def test_check_ins_cannot_be_changed(self, world):
        c = checkin(world.a)
        c.spirit = 10
        with pytest.raises(HistoryError):
            c.save()


class TestCheckInApi:
    def test_it_adds_and_lists_check_ins(self, api, world):
        f = world.a
        api.as_user(f.users["supervisor"])
        body = {"intention": 4, "determination": 5, "spirit": 6, "importance": 8,
                "confidence": 3, "why_not_lower": "Ingin sehat"}  # fmt: skip
        r = api.post(f"/cases/{f.case.pk}/checkins", body)
        assert r.status_code == 201, r.content
        assert r.json()["checked_on"] == timezone.localdate().isoformat()
        items = api.get(f"/cases/{f.case.pk}/checkins").json()["items"]
        assert [(i["intention"], i["why_not_lower"]) for i in items] == [(4, "Ingin sehat")]

    def test_it_refuses_a_number_above_10(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        r = api.post(f"/cases/{f.case.pk}/checkins", {"intention": 12, "determination": 5,
                                                      "spirit": 5, "importance": 5, "confidence": 5})  # fmt: skip
        assert r.status_code == 422 and "intention" in fields_at_fault(r)  # the schema's range

    def test_the_auditor_reads_but_cannot_write(self, api, world):
        f = world.a
        checkin(f)
        api.as_user(f.users["auditor"])
        assert len(api.get(f"/cases/{f.case.pk}/checkins").json()["items"]) == 1
        r = api.post(f"/cases/{f.case.pk}/checkins", {"intention": 1, "determination": 1,
                                                      "spirit": 1, "importance": 1, "confidence": 1})  # fmt: skip
        assert r.status_code == 403
