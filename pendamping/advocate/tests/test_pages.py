"""The advocate's pages through HTTP: intake to decision, bad input, the list's
filters and SLA status, the settings."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from pendamping.advocate.models import AnonymousContact, Category, Complaint, StageChange

from .conftest import category, receive_anonymous, receive_group


def post_intake(client, data, **query):
    url = reverse("complaint_create")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, data)


def group_form(cat):
    return {
        "complainant_kind": "group", "complainant_name": "Pak Darto", "group_name": "Warga RW 05",
        "mandate": "Berita acara rapat warga", "mandate_on": "2026-11-30", "channel": "walk_in",
        "category": cat.pk, "severity": "high", "sensitivity": "standard",
        "subject": "Data bansos salah", "description": "Banyak warga tidak terdata",
    }  # fmt: skip


class TestIntakePage:
    def test_it_gives_the_code_and_secret_once(self, client, world):
        f = world.a
        cat = category(f)
        client.force_login(f.users["worker"])
        r = post_intake(client, group_form(cat))
        assert r.status_code == 200
        c = Complaint.objects.get()
        html = r.content.decode()
        assert c.tracking_code in html
        secret = html.split('id="secret">')[1].split("<")[0]
        assert len(secret) == 10 and secret not in c.secret_hash
        assert secret not in client.get(reverse("complaint_detail", args=[c.pk])).content.decode()

    def test_it_keeps_the_input_and_says_what_is_missing(self, client, world):
        f = world.a
        cat = category(f)
        client.force_login(f.users["worker"])
        r = post_intake(client, group_form(cat) | {"mandate": ""})
        assert r.status_code == 422
        assert "Catat mandat perwakilan" in r.content.decode()
        assert "Pak Darto" in r.content.decode()
        assert not Complaint.objects.exists()

    def test_it_speaks_english_on_request(self, client, world):
        f = world.a
        cat = category(f)
        client.force_login(f.users["worker"])
        client.cookies["django_language"] = "en"
        f.users["worker"].language = "en"
        f.users["worker"].save()
        r = post_intake(client, group_form(cat) | {"mandate": ""})
        assert "mandate from the group and its date" in r.content.decode()

    def test_an_individual_complaint_starts_from_a_visible_client(self, client, world):
        f = world.a
        cat = category(f)
        client.force_login(f.users["worker"])
        data = group_form(cat) | {"complainant_kind": "individual", "client_pk": f.client.pk}
        r = post_intake(client, data)
        assert r.status_code == 200
        assert Complaint.objects.get().client == f.client
        assert post_intake(client, data | {"client_pk": world.b.client.pk}).status_code == 404

    def test_an_anonymous_complaint_keeps_the_contact_apart(self, client, world):
        f = world.a
        cat = category(f)
        client.force_login(f.users["worker"])
        data = group_form(cat) | {"complainant_kind": "anonymous", "complainant_name": "Rahasia",
                                  "group_name": "", "mandate": "", "mandate_on": "",
                                  "anonymous_contact": "WA 0812 9999"}  # fmt: skip
        assert post_intake(client, data).status_code == 200
        c = Complaint.objects.get()
        assert c.complainant_name == "" and AnonymousContact.objects.get(complaint=c)
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert "WA 0812 9999" in page
        client.force_login(f.users["supervisor"])
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert "WA 0812 9999" not in page and "Rahasia" not in page

    def test_control_characters_are_refused(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        r = post_intake(client, group_form(category(f)) | {"subject": "Data\x07salah"})
        assert r.status_code == 422 and not Complaint.objects.exists()


class TestCarryToDecision:
    def test_a_group_complaint_goes_from_intake_to_decision_and_reopening(self, client, world):
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        url = reverse("complaint_stage", args=[c.pk])
        r = client.post(url, {"to_stage": "awaiting", "reason": "Menunggu", "version": c.version})
        assert r.status_code == 422 and "Pilih siapa yang ditunggu" in r.content.decode()
        r = client.post(
            url, {"to_stage": "in_progress", "reason": "Verifikasi", "version": c.version}
        )
        assert r.status_code == 302
        r = client.post(
            url,
            {
                "to_stage": "awaiting",
                "awaiting_on": "complainant",
                "reason": "Lagi",
                "version": c.version,
            },
        )
        assert r.status_code == 409  # the page was stale
        c.refresh_from_db()
        r = client.post(reverse("complaint_decide", args=[c.pk]),
                        {"decision": "partially_upheld", "reason": "Sebagian data diperbaiki",
                         "version": c.version})  # fmt: skip
        assert r.status_code == 302
        c.refresh_from_db()
        assert (c.stage, c.decision) == ("done", "partially_upheld")
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert "Diterima sebagian" in page and 'id="reopen"' in page
        r = client.post(
            reverse("complaint_reopen", args=[c.pk]), {"reason": "", "version": c.version}
        )
        assert r.status_code == 422
        r = client.post(reverse("complaint_reopen", args=[c.pk]),
                        {"reason": "Warga banding", "version": c.version})  # fmt: skip
        assert r.status_code == 302
        assert StageChange.objects.filter(complaint=c).count() == 4

    def test_a_cosigner_needs_consent(self, client, world):
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        url = reverse("complaint_cosigner_add", args=[c.pk])
        r = client.post(url, {"name": "Pak Budi", "consent_on": "2026-11-30"})
        assert r.status_code == 422 and c.cosigners.count() == 2
        assert client.post(url, {"name": "Pak Budi", "consent_on": "2026-11-30",
                                 "consent_given": "on"}).status_code == 302  # fmt: skip
        assert c.cosigners.count() == 3

    def test_a_stage_with_a_garbage_version_is_a_clear_error(self, client, world):
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        r = client.post(reverse("complaint_stage", args=[c.pk]),
                        {"to_stage": "in_progress", "reason": "x", "version": "abc"})  # fmt: skip
        assert r.status_code == 422


class TestList:
    def test_it_shows_the_empty_state(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.get(reverse("complaint_list"))
        assert "Belum ada pengaduan" in r.content.decode()

    def test_it_filters_by_sla_status_and_category(self, client, world):
        f = world.a
        now = timezone.now()
        bansos, panti = category(f), category(f, "Panti")
        late, _ = receive_group(f, bansos, received_at=now - datetime.timedelta(hours=80))
        risky, _ = receive_group(f, bansos, received_at=now - datetime.timedelta(hours=60))
        fresh, _ = receive_anonymous(f, panti)
        client.force_login(f.users["worker"])

        def codes(**q):
            html = client.get(reverse("complaint_list"), q).content.decode()
            return {c.tracking_code for c in (late, risky, fresh) if c.tracking_code in html}

        assert codes(sla="breached") == {late.tracking_code}
        assert codes(sla="at_risk") == {risky.tracking_code}
        assert codes(sla="on_track") == {fresh.tracking_code}
        assert codes(category=panti.pk) == {fresh.tracking_code}
        assert codes(region="32.73.05") == {late.tracking_code, risky.tracking_code}
        assert "Tidak ada pengaduan yang cocok" in client.get(
            reverse("complaint_list"), {"stage": "cancelled"}).content.decode()  # fmt: skip
        # nonsense filters are ignored, not a 500
        assert (
            client.get(reverse("complaint_list"), {"category": "x", "sla": "?"}).status_code == 200
        )

    def test_its_query_count_does_not_grow(self, client, world, django_assert_max_num_queries):
        f = world.a
        cat = category(f)
        for _ in range(12):
            receive_group(f, cat)
        client.force_login(f.users["worker"])
        with django_assert_max_num_queries(14):
            assert client.get(reverse("complaint_list")).status_code == 200


class TestSettings:
    def test_the_admin_adds_a_subcategory_and_a_day_off(self, client, world):
        f = world.a
        top = category(f)
        client.force_login(f.users["admin"])
        r = client.post(reverse("complaint_category_add"),
                        {"name": "Data DTKS", "parent": top.pk, "sla_amount": 5,
                         "sla_unit": "working_days"})  # fmt: skip
        assert r.status_code == 302
        sub = Category.objects.get(name="Data DTKS")
        assert str(sub) == "Bansos › Data DTKS"
        r = client.post(reverse("complaint_category_add"),
                        {"name": "Cucu", "parent": sub.pk, "sla_amount": 5, "sla_unit": "hours"})  # fmt: skip
        assert r.status_code == 422  # two levels only
        assert client.post(reverse("complaint_day_off_add"),
                           {"day": "2026-03-23", "name": "Cuti bersama"}).status_code == 302  # fmt: skip
        r = client.post(reverse("complaint_day_off_add"), {"day": "2026-03-23", "name": "Lagi"})
        assert r.status_code == 422
        page = client.get(reverse("complaint_settings")).content.decode()
        assert "Cuti bersama" in page and "Data DTKS" in page

    @pytest.mark.parametrize("role", ["worker", "supervisor", "auditor"])
    def test_only_the_admin_changes_them(self, client, world, role):
        client.force_login(world.a.users[role])
        r = client.post(reverse("complaint_day_off_add"), {"day": "2026-03-23", "name": "x"})
        assert r.status_code == 403


class TestEscalationOnPages:
    def test_the_supervisor_sees_the_breach_on_the_home_page(self, client, world):
        from django.core.management import call_command

        f = world.a
        c, _ = receive_group(f, received_at=timezone.now() - datetime.timedelta(hours=73))
        with time_machine.travel(timezone.now(), tick=False):
            call_command("advocate_escalate", verbosity=0)
        client.force_login(f.users["supervisor"])
        home = client.get(reverse("home")).content.decode()
        assert 'id="escalated-complaints"' in home and c.tracking_code in home
        client.force_login(world.b.users["supervisor"])
        assert c.tracking_code not in client.get(reverse("home")).content.decode()
