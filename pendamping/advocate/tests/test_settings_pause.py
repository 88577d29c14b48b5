"""The agency admin edits categories (with their SLA), days off and outside bodies'
limits, validated and audited; the SLA clock pauses while awaiting, over a holiday."""

import pytest
import time_machine
from django.urls import reverse

from pendamping.advocate import agency_settings, selectors, services
from pendamping.advocate.access import complaints_for
from pendamping.advocate.escalation import escalate_due
from pendamping.advocate.models import Category, SettingChange
from pendamping.history import AppendOnlyError

from .conftest import category, receive_group
from .test_services import at


class TestCategoryEditing:
    def test_the_admin_changes_the_sla_and_it_is_audited(self, client, world):
        f = world.a
        cat = category(f, "Bansos")
        client.force_login(f.users["admin"])
        url = reverse("complaint_category_edit", args=[cat.pk])
        assert client.get(url).status_code == 200
        r = client.post(url, {"name": "Bansos", "sla_amount": 5, "sla_unit": "working_days",
                              "version": cat.version})  # fmt: skip
        assert r.status_code == 302
        cat.refresh_from_db()
        assert (cat.sla_amount, cat.sla_unit) == (5, "working_days")
        change = SettingChange.objects.get(what="category", action="changed")
        assert change.before["sla_unit"] == "hours" and change.after["sla_amount"] == 5
        assert change.actor == f.users["admin"]
        page = client.get(reverse("complaint_settings")).content.decode()
        assert 'id="changes"' in page
        with pytest.raises(AppendOnlyError):
            SettingChange.objects.filter(pk=change.pk).update(action="deleted")

    def test_bad_edits_are_refused_with_the_reason(self, client, world):
        f = world.a
        cat = category(f, "Bansos")
        category(f, "Panti")
        child = category(f, "DTKS", parent=cat)
        client.force_login(f.users["admin"])
        url = reverse("complaint_category_edit", args=[cat.pk])
        for data, words in (
            ({"name": "Panti", "sla_amount": 72, "sla_unit": "hours"}, "sudah ada"),
            ({"name": "Bansos", "sla_amount": 0, "sla_unit": "hours"}, "1"),
            ({"name": "Bansos", "sla_amount": 72, "sla_unit": "weeks"}, "weeks"),
            ({"name": "", "sla_amount": 72, "sla_unit": "hours"}, 'id="id_name"'),
        ):
            r = client.post(url, data | {"version": cat.version})
            assert r.status_code == 422 and words in r.content.decode(), data
        cat.refresh_from_db()
        assert (cat.name, cat.sla_amount, cat.version) == ("Bansos", 72, 1)
        stale = client.post(
            url, {"name": "Baru", "sla_amount": 72, "sla_unit": "hours", "version": 99}
        )
        assert stale.status_code == 409
        r = client.post(
            reverse("complaint_category_delete", args=[cat.pk]), {"version": cat.version}
        )
        assert r.status_code == 422 and "sub-kategori" in r.content.decode()
        assert client.post(reverse("complaint_category_delete", args=[child.pk]),
                           {"version": child.version}).status_code == 302  # fmt: skip
        assert not Category.objects.alive().filter(pk=child.pk).exists()
        assert SettingChange.objects.filter(what="category", action="deleted").count() == 1

    def test_others_cannot_edit(self, client, world):
        cat = category(world.a)
        for user in (world.a.users["supervisor"], world.b.users["admin"]):
            client.force_login(user)
            assert client.get(reverse("complaint_category_edit", args=[cat.pk])).status_code == 404

    def test_days_off_and_limits_are_added_removed_and_audited(self, client, world):
        f = world.a
        client.force_login(f.users["admin"])
        client.post(reverse("complaint_day_off_add"), {"day": "2026-12-24", "name": "Cuti bersama"})
        day_off = agency_settings.AgencyDayOff.objects.get()
        assert (
            client.post(reverse("complaint_day_off_delete", args=[day_off.pk])).status_code == 302
        )
        r = client.post(reverse("complaint_filing_limit_add"),
                        {"body": "ombudsman", "label": "Verifikasi", "days": 300, "source": "x"})  # fmt: skip
        assert r.status_code == 422
        r = client.post(reverse("complaint_filing_limit_add"),
                        {"body": "ombudsman", "label": "Verifikasi", "days": 14,
                         "source": "Standar layanan Ombudsman RI"})  # fmt: skip
        assert r.status_code == 302
        page = client.get(reverse("complaint_settings")).content.decode()
        assert "Standar layanan Ombudsman RI" in page
        kinds = sorted(SettingChange.objects.values_list("what", "action"))
        assert kinds == [
            ("day_off", "created"),
            ("day_off", "deleted"),
            ("filing_limit", "created"),
        ]


class TestPause:
    def test_a_pause_over_a_holiday_moves_a_working_day_deadline_by_the_days_lost(self, world):
        f = world.a
        cat = category(f, "Bansos", amount=5, unit="working_days")
        worker = f.users["worker"]
        # received Mon 24 Mar 2025 10:00; 5 working days: 25, 26, 27, 28 Mar and 2 Apr
        # (31 Mar and 1 Apr are Idul Fitri) -> due Wed 2 Apr 10:00
        with time_machine.travel(at(2025, 3, 24, 10, 0), tick=False):
            c, _ = receive_group(f, cat)
        assert c.deadline_at == at(2025, 4, 2, 10, 0)
        with time_machine.travel(at(2025, 3, 27, 15, 0), tick=False):  # Thu: awaiting the office
            services.complaint_move_stage(actor=worker, complaint=c, to_stage="awaiting",
                                          reason="Menunggu Dinsos", awaiting_on="other_body",
                                          expected_version=c.version)  # fmt: skip
        assert c.paused_at == at(2025, 3, 27, 15, 0)
        with time_machine.travel(at(2025, 4, 7, 9, 0), tick=False):  # paused past the old deadline
            assert c.sla_status() == "on_track"  # judged when the clock stopped
            assert escalate_due() == {1: 0, 2: 0}
            assert list(complaints_for(worker).filter(selectors.sla_q("breached"))) == []
            # resumes Mon 7 Apr: lost 28 Mar, 2, 3, 4, 7 Apr = 5 working days (the weekends and
            # Idul Fitri 31 Mar-1 Apr are not lost) -> due 5 working days after 2 Apr = Wed 9 Apr
            services.complaint_move_stage(actor=worker, complaint=c, to_stage="in_progress",
                                          reason="Jawaban datang", expected_version=c.version)  # fmt: skip
        c.refresh_from_db()
        assert c.paused_at is None and c.deadline_at == at(2025, 4, 9, 10, 0)
        assert c.at_risk_at < c.deadline_at

    def test_an_hours_sla_moves_by_the_time_paused_and_a_decision_resumes_it(self, world):
        f = world.a
        worker = f.users["worker"]
        with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
            c, _ = receive_group(f, category(f))  # 72 hours: due Thu 8 May 09:00
        with time_machine.travel(at(2025, 5, 6, 9, 0), tick=False):
            services.complaint_move_stage(actor=worker, complaint=c, to_stage="awaiting",
                                          reason="Menunggu warga", awaiting_on="complainant",
                                          expected_version=c.version)  # fmt: skip
        with time_machine.travel(at(2025, 5, 10, 9, 0), tick=False):  # 4 days later
            services.complaint_decide(actor=worker, complaint=c, decision="upheld",
                                      reason="Selesai", expected_version=c.version)  # fmt: skip
        c.refresh_from_db()
        assert c.deadline_at == at(2025, 5, 12, 9, 0) and c.sla_status() == "met"
