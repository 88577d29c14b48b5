"""The mediator's pages through HTTP: the gate, who sees what, the caucus rule both
ways, the perception map side by side, the agreement document and its PDF."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.mediator import services
from pendamping.mediator.models import Mediation, Session

from .conftest import open_mediation, with_caucus, with_parties

SCREEN = {"kind": "family", "issue": "Pengasuhan anak setelah berpisah"}


class TestCreate:
    def test_the_gate_refuses_with_the_law_and_saves_nothing(self, client, world):
        client.force_login(world.a.users["worker"])
        resp = client.post(reverse("mediation_create"), SCREEN | {"sexual_violence": "on"})
        html = resp.content.decode()
        assert resp.status_code == 422
        assert "UU 12/2022" in html and "UPTD PPA" in html and 'id="gate-refused"' in html
        assert Mediation.objects.count() == 0

    def test_the_gate_speaks_english_too(self, client, world):
        client.force_login(world.a.users["worker"])
        client.cookies["django_language"] = "en"
        html = client.post(reverse("mediation_create"),
                           SCREEN | {"sexual_violence": "on"}).content.decode()  # fmt: skip
        assert "Law 12/2022" in html and "cannot be opened" in html

    def test_it_opens_a_shuttle_mediation_linked_to_a_case(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        resp = client.post(reverse("mediation_create"),
                           SCREEN | {"power_imbalance": "on", "cases": [f.case.pk]})  # fmt: skip
        m = Mediation.objects.get()
        assert resp.status_code == 302 and m.shuttle_only and list(m.cases.all()) == [f.case]
        assert "ulang-alik" in client.get(reverse("mediation_detail", args=[m.pk])).content.decode()

    def test_a_diversion_for_seven_years_is_refused(self, client, world):
        client.force_login(world.a.users["worker"])
        resp = client.post(reverse("mediation_create"),
                           {"kind": "juvenile_diversion", "issue": "Pencurian",
                            "max_sentence_months": 84})  # fmt: skip
        assert resp.status_code == 422 and "UU 11/2012" in resp.content.decode()

    def test_control_characters_are_refused(self, client, world):
        client.force_login(world.a.users["worker"])
        resp = client.post(reverse("mediation_create"), SCREEN | {"issue": "Pagar\x00"})
        assert resp.status_code == 422 and Mediation.objects.count() == 0


class TestList:
    def test_it_has_an_empty_state(self, client, world):
        client.force_login(world.a.users["worker"])
        assert "Belum ada mediasi" in client.get(reverse("mediation_list")).content.decode()

    def test_it_pages_within_a_query_budget(self, client, world, settings,
                                            django_assert_max_num_queries):  # fmt: skip
        settings.PAGE_SIZE = 5
        for i in range(7):
            open_mediation(world.a, issue=f"Sengketa {i}")
        client.force_login(world.a.users["supervisor"])
        with django_assert_max_num_queries(12):
            html = client.get(reverse("mediation_list")).content.decode()
        assert len(re.findall(r'href="/mediations/\d+/"', html)) == 5 and "page=2" in html


class TestWhoSeesWhat:
    def test_the_auditor_sees_the_stage_not_the_content(self, client, world):
        f = world.a
        m = open_mediation(f, issue="Rahasia pokok masalah")
        with_parties(f, m)
        client.force_login(f.users["auditor"])
        html = client.get(reverse("mediation_detail", args=[m.pk])).content.decode()
        assert "Persiapan" in html and "Rahasia pokok masalah" not in html
        assert "Pak Darto" not in html
        assert client.get(reverse("mediation_sessions", args=[m.pk])).status_code == 403

    def test_the_case_panel_shows_kind_and_stage(self, client, world):
        f = world.a
        m = open_mediation(f)
        client.force_login(f.users["admin"])
        url = reverse("case_panel", kwargs={"pk": f.case.pk, "key": "mediations"})
        html = client.get(url).content.decode()
        assert f"#{m.pk}" in html and "Persiapan" in html
        assert reverse("mediation_detail", args=[m.pk]) not in html  # no link inside


class TestCaucus:
    def _world(self, world):
        m, one, two = with_caucus(world.a, "Saya takut kepadanya")
        return world.a, m, one, two

    def test_the_partys_own_view_shows_its_caucus(self, client, world):
        f, m, one, _two = self._world(world)
        client.force_login(f.users["worker"])
        html = client.get(reverse("mediation_party_view", args=[m.pk, one.pk])).content.decode()
        assert "Saya takut kepadanya" in html

    def test_the_other_partys_view_never_shows_it(self, client, world):
        f, m, _one, two = self._world(world)
        client.force_login(f.users["supervisor"])
        html = client.get(reverse("mediation_party_view", args=[m.pk, two.pk])).content.decode()
        assert "Saya takut kepadanya" not in html and "rahasia" in html

    def test_nor_the_agreement_nor_the_timeline(self, client, world):
        f, m, _one, two = self._world(world)
        services.term_add(actor=f.users["worker"], mediation=m, text="Bertemu anak tiap Sabtu",
                          responsible=two, due_on=timezone.localdate())  # fmt: skip
        client.force_login(f.users["worker"])
        for name in ("mediation_agreement", "mediation_perceptions"):
            html = client.get(reverse(name, args=[m.pk])).content.decode()
            assert "Saya takut kepadanya" not in html
        html = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
        assert "Saya takut kepadanya" not in html and "Mediasi dibuka" in html

    def test_the_mediator_sees_it_on_the_sessions_page(self, client, world):
        f, m, _one, _two = self._world(world)
        client.force_login(f.users["worker"])
        html = client.get(reverse("mediation_sessions", args=[m.pk])).content.decode()
        assert "Saya takut kepadanya" in html


class TestSessions:
    def test_a_joint_session_in_shuttle_mode_is_refused(self, client, world):
        f = world.a
        m = open_mediation(f, violence_or_coercion=True)
        _one, _two = with_parties(f, m)
        client.force_login(f.users["worker"])
        resp = client.post(reverse("mediation_session_add", args=[m.pk]),
                           {"kind": "joint", "held_on": timezone.localdate().isoformat()})  # fmt: skip
        assert resp.status_code == 422 and "ulang-alik" in resp.content.decode()
        assert not Session.objects.exists()

    def test_two_absences_without_reason_show_bad_faith(self, client, world):
        f = world.a
        m = open_mediation(f)
        one, two = with_parties(f, m)
        client.force_login(f.users["worker"])
        for _ in range(2):
            client.post(reverse("mediation_session_add", args=[m.pk]),
                        {"kind": "joint", "held_on": timezone.localdate().isoformat(),
                         f"presence_{one.pk}": "present",
                         f"presence_{two.pk}": "absent_without_reason"})  # fmt: skip
        html = client.get(reverse("mediation_detail", args=[m.pk])).content.decode()
        assert "itikad tidak baik" in html


class TestPerceptions:
    def test_both_sides_are_shown_side_by_side(self, client, world):
        f = world.a
        m = open_mediation(f)
        one, two = with_parties(f, m)
        client.force_login(f.users["worker"])
        client.post(reverse("mediation_issue_add", args=[m.pk]), {"title": "Jadwal bertemu anak"})
        issue = m.issues.get()
        for party, text in ((one, "Setiap akhir pekan"), (two, "Sebulan sekali")):
            client.post(reverse("mediation_perception_save", args=[m.pk, issue.pk, party.pk]),
                        {"position": text, "feelings": "Cemas"})  # fmt: skip
        html = client.get(
            reverse("mediation_perceptions", args=[m.pk]) + "?print=1"
        ).content.decode()
        row = html[html.index("Jadwal bertemu anak") :]
        assert row.index("Setiap akhir pekan") < row.index("Sebulan sekali")


class TestAgreement:
    def test_the_pdf_has_the_terms_and_signature_lines_and_no_caucus(self, client, world):
        from pypdf import PdfReader

        f = world.a
        m = open_mediation(f)
        one, two = with_parties(f, m)
        worker = f.users["worker"]
        services.session_record(actor=worker, mediation=m, kind="caucus",
                                held_on=timezone.localdate(), caucus_party=one,
                                notes="KAUKUS RAHASIA")  # fmt: skip
        services.term_add(actor=worker, mediation=m, text="Pagar dipindah",
                          responsible=two, due_on=timezone.localdate(), how_checked="Kunjungan")  # fmt: skip
        client.force_login(worker)
        resp = client.get(reverse("mediation_agreement_pdf", args=[m.pk]))
        assert resp["Content-Type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(resp.content)).pages)
        assert "SURAT KESEPAKATAN" in text and "Pagar dipindah" in text and "Pak Darto" in text
        assert "Mediator" in text and "KAUKUS" not in text

    def test_a_term_not_complied_escalates_to_the_supervisor(self, client, world, frozen):
        f = world.a
        m = open_mediation(f)
        _one, two = with_parties(f, m)
        worker, today = f.users["worker"], timezone.localdate()
        services.term_add(actor=worker, mediation=m, text="Uang sekolah dibayar",
                          responsible=two, due_on=today)  # fmt: skip
        services.agreement_sign(actor=worker, mediation=m, signed_on=today)
        frozen(today + timedelta(days=7))
        client.force_login(f.users["supervisor"])
        assert "Dieskalasi" not in client.get(reverse("home")).content.decode()
        frozen(today + timedelta(days=8))
        client.force_login(f.users["supervisor"])
        html = client.get(reverse("home")).content.decode()
        assert "Dieskalasi" in html and "Uang sekolah dibayar" in html
        client.force_login(worker)
        html = client.get(reverse("home")).content.decode()
        assert "Uang sekolah dibayar" in html and "dieskalasi" in html

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_the_agreement_page_renders(self, client, world, lang):
        f = world.a
        m = open_mediation(f)
        with_parties(f, m)
        client.force_login(f.users["worker"])
        client.cookies["django_language"] = lang
        resp = client.get(reverse("mediation_agreement", args=[m.pk]))
        assert resp.status_code == 200


class TestRecordedConsent:
    def test_a_recorded_consent_needs_where_the_recording_is_kept(self, client, world):
        f = world.a
        m = open_mediation(f)
        one, _two = with_parties(f, m, consent=False)
        client.force_login(f.users["worker"])
        url = reverse("mediation_party_consent", args=[m.pk, one.pk])
        page = client.get(reverse("mediation_detail", args=[m.pk])).text
        assert 'name="recording_reference"' in page
        got = client.post(url, {"method": "recorded", "version": one.version}, follow=True)
        assert "Persetujuan terekam: sebutkan tempat rekaman disimpan" in got.text
        one.refresh_from_db()
        assert not one.has_consented
        client.cookies["django_language"] = "en"
        got = client.post(url, {"method": "recorded", "version": one.version}, follow=True)
        assert "Recorded consent: say where the recording is kept" in got.text
        got = client.post(url, {"method": "recorded", "version": one.version,
                                "recording_reference": "Arsip mediasi, berkas 12"}, follow=True)  # fmt: skip
        assert "recording kept at: Arsip mediasi, berkas 12" in got.text
        one.refresh_from_db()
        assert one.has_consented and one.consent_recording_reference == "Arsip mediasi, berkas 12"

    def test_a_written_consent_keeps_no_reference(self, client, world):
        f = world.a
        m = open_mediation(f)
        one, _two = with_parties(f, m, consent=False)
        client.force_login(f.users["worker"])
        client.post(reverse("mediation_party_consent", args=[m.pk, one.pk]),
                    {"method": "written", "version": one.version,
                     "recording_reference": "Tidak dipakai"})  # fmt: skip
        one.refresh_from_db()
        assert one.has_consented and one.consent_recording_reference == ""
