"""Closed-loop referrals: consent, transitions, the receiving agency, letters, follow-ups."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pendamping.broker import services
from pendamping.broker.models import Referral, ReferralStatus, ReferralUpdate
from pendamping.cases.models import CaseEvent
from pendamping.clients import services as client_services

S = ReferralStatus


def refer(world, directory, key="mitra", **kw):
    kw.setdefault("follow_up_date", timezone.localdate() + timedelta(days=7))
    return services.referral_create(
        actor=world.a.users["worker"], need=directory.need, service=directory.services[key], **kw
    )


def move(referral, actor, to, reason="ok"):
    referral.refresh_from_db()
    return services.referral_transition(
        actor=actor,
        referral=referral,
        to_status=to,
        reason=reason,
        expected_version=referral.version,
    )


class TestConsent:
    def test_it_refuses_to_send_without_referral_consent(self, world, directory):
        client_services.consent_withdraw(actor=world.a.users["worker"], consent=world.a.consent)
        with pytest.raises(ValidationError, match="persetujuan"):
            refer(world, directory)
        assert not Referral.objects.exists()  # nothing half-written

    def test_a_draft_needs_no_consent_but_sending_it_does(self, world, directory):
        client_services.consent_withdraw(actor=world.a.users["worker"], consent=world.a.consent)
        draft = refer(world, directory, send=False)
        assert draft.status == S.DRAFT and draft.shared == {}
        with pytest.raises(ValidationError, match="persetujuan"):
            move(draft, world.a.users["worker"], S.REQUESTED)
        draft.refresh_from_db()
        assert draft.status == S.DRAFT

    def test_a_service_not_in_the_directory_is_refused_on_the_form(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/needs/{directory.need.pk}/referrals/", {
            "service": "00000000-0000-4000-8000-000000000000", "send": "on",
            "follow_up_date": timezone.localdate().isoformat(), "shared_fields": ["full_name"]})  # fmt: skip
        assert r.status_code == 422  # on the form; the page shows errors in a service's card
        assert r.context["referral_form"].non_field_errors() == [
            "Layanan tidak ditemukan di direktori Anda."
        ]
        # that service has no card to show it in: the page tells it at the top, once
        said = [str(m) for m in r.context["messages"]]
        assert said == ["Layanan tidak ditemukan di direktori Anda."]
        assert r.text.count("Layanan tidak ditemukan di direktori Anda.") == 1
        assert not Referral.objects.exists()

    def test_the_page_refuses_with_a_clear_message(self, client, world, directory):
        client_services.consent_withdraw(actor=world.a.users["worker"], consent=world.a.consent)
        client.force_login(world.a.users["worker"])
        r = client.post(f"/needs/{directory.need.pk}/referrals/", {
            "service": directory.services["dapur"].pk, "follow_up_date": timezone.localdate().isoformat(),
            "shared_fields": ["full_name"], "send": "on"})  # fmt: skip
        assert r.status_code == 422
        assert "persetujuan" in r.content.decode()
        assert not list(r.context["messages"])  # told in the service's own card
        assert not Referral.objects.exists()


class TestTransitions:
    def test_it_walks_the_closed_loop_and_marks_the_need_met(self, world, directory):
        r = refer(world, directory, note_for_receiver="Mohon dibantu")
        assert r.status == S.REQUESTED and r.sent_at and r.receiving_agency == world.b.agency
        receiver = world.b.users["worker"]
        move(r, receiver, S.ACCEPTED, "Ada tempat")
        move(r, receiver, S.IN_PROGRESS, "Mulai dilayani")
        move(r, receiver, S.COMPLETED, "Selesai dilayani")
        r.refresh_from_db()
        assert r.status == S.COMPLETED and r.closed_at
        directory.need.refresh_from_db()
        assert directory.need.status == "met"
        kinds = list(CaseEvent.objects.filter(case=world.a.case).values_list("kind", flat=True))
        assert kinds.count("referral_status") == 4  # sent + three answers
        assert [u.to_status for u in ReferralUpdate.objects.filter(referral=r)] == [
            S.DRAFT, S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED]  # fmt: skip

    @pytest.mark.parametrize(("path", "to"), [
        ([], S.COMPLETED), ([], S.IN_PROGRESS), ([S.ACCEPTED, S.COMPLETED], S.ACCEPTED),
        ([S.REJECTED], S.ACCEPTED), ([S.ACCEPTED], S.DRAFT), ([], "nonsense"),
    ])  # fmt: skip
    def test_it_refuses_transitions_that_are_not_allowed(self, world, directory, path, to):
        r = refer(world, directory)
        for step in path:
            move(r, world.b.users["worker"], step)
        r.refresh_from_db()
        before = r.status
        with pytest.raises(ValidationError):
            move(r, world.b.users["worker"], to)
        r.refresh_from_db()
        assert r.status == before

    def test_every_change_needs_a_reason(self, world, directory):
        r = refer(world, directory)
        with pytest.raises(ValidationError, match="alasan"):
            move(r, world.b.users["worker"], S.ACCEPTED, reason="  ")

    def test_only_the_receiver_answers_when_it_uses_pendamping(self, world, directory):
        r = refer(world, directory)
        with pytest.raises(PermissionDenied):
            move(r, world.a.users["worker"], S.ACCEPTED)
        with pytest.raises(PermissionDenied):  # the receiver cannot cancel the sender's referral
            move(r, world.b.users["worker"], S.CANCELED)
        move(r, world.a.users["worker"], S.CANCELED, "Klien pindah")

    def test_the_worker_records_the_answer_of_an_outside_provider(self, world, directory):
        r = refer(world, directory, key="dapur")
        assert r.receiving_agency is None
        move(r, world.a.users["worker"], S.ACCEPTED, "Ditelepon: diterima")
        with pytest.raises(PermissionDenied):
            move(r, world.b.users["worker"], S.IN_PROGRESS)

    def test_auditors_and_instructors_cannot_answer(self, world, directory):
        r = refer(world, directory)
        for user in (world.b.users["auditor"], world.b.users["instructor"]):
            with pytest.raises(PermissionDenied):
                move(r, user, S.ACCEPTED)


class TestReceivingAgency:
    def test_it_sees_only_what_the_referral_shares(self, client, world, directory):
        r = refer(
            world, directory, shared_fields=["full_name", "age"], note_for_receiver="Butuh makan"
        )
        client.force_login(world.b.users["worker"])
        page = client.get(f"/referrals/{r.pk}/").content.decode()
        assert world.a.client.full_name in page and "Butuh makan" in page
        assert world.a.client.nik not in page and world.a.client.masked_nik not in page
        assert f"/cases/{world.a.case.pk}/" not in page
        # and the client, case and notes stay out of reach
        assert client.get(f"/clients/{world.a.client.pk}/").status_code == 404
        assert client.get(f"/cases/{world.a.case.pk}/").status_code == 404
        assert client.get(f"/needs/{directory.need.pk}/").status_code == 404

    def test_the_api_gives_the_receiver_the_snapshot_only(self, api, world, directory):
        r = refer(world, directory, shared_fields=["full_name"])
        api.as_user(world.b.users["supervisor"])
        body = api.get(f"/referrals/{r.pk}").json()
        assert body["shared"]["full_name"] == world.a.client.full_name
        assert "sex" not in body["shared"] and "nik" not in body["shared"]
        assert body["case_id"] is None and body["need_id"] is None
        assert set(body["allowed_next"]) == {"accepted", "rejected"}
        incoming = api.get("/referrals?box=incoming").json()
        assert [x["id"] for x in incoming] == [r.pk]

    def test_drafts_stay_with_the_sender(self, client, world, directory):
        r = refer(world, directory, send=False)
        client.force_login(world.b.users["admin"])
        assert client.get(f"/referrals/{r.pk}/").status_code == 404

    def test_other_agencies_see_nothing(self, client, world, directory):
        r = refer(world, directory, key="dapur")
        client.force_login(world.b.users["admin"])
        assert client.get(f"/referrals/{r.pk}/").status_code == 404
        assert client.get(f"/referrals/{r.pk}/letter/").status_code == 404


class TestStatusPage:
    @pytest.mark.parametrize(("reason", "code", "status"), [
        ("Ada tempat", 302, S.ACCEPTED),  # the receiver answers through the page
        ("", 422, S.REQUESTED),  # a missing reason keeps the form
    ], ids=["answered", "without_a_reason"])  # fmt: skip
    def test_the_receiver_answers_through_the_page(
        self, client, world, directory, reason, code, status
    ):
        r = refer(world, directory)
        client.force_login(world.b.users["worker"])
        resp = client.post(
            f"/referrals/{r.pk}/status/",
            {"to_status": "accepted", "reason": reason, "version": r.version},
        )
        assert resp.status_code == code
        r.refresh_from_db()
        assert r.status == status

    def test_the_receivers_reading_is_in_the_processing_log(self, client, world, directory):
        """The receiving agency reads the shared picture of another agency's client: the
        owner's officer must be able to see who did (UU 27/2022)."""
        from pendamping.privacy.models import AccessRecord

        r = refer(world, directory)
        client.force_login(world.b.users["worker"])
        assert client.get(f"/referrals/{r.pk}/").status_code == 200
        row = AccessRecord.objects.filter(user=world.b.users["worker"]).latest("pk")
        assert row.client_ids == [r.case.client_id]

    def test_a_stale_answer_goes_back_to_the_referral_telling_the_conflict(
        self, client, world, directory
    ):
        r = refer(world, directory)
        client.force_login(world.b.users["worker"])
        url, back = f"/referrals/{r.pk}/status/", f"/referrals/{r.pk}/"
        stale = {"to_status": "accepted", "reason": "Ada tempat", "version": r.version + 5}
        resp = client.post(url, stale)
        assert resp.status_code == 302 and resp["Location"] == back
        assert "sudah diubah orang lain" in client.get(back).content.decode()
        r.refresh_from_db()
        assert r.status == S.REQUESTED

    def test_a_stale_version_is_a_conflict(self, api, world, directory):
        r = refer(world, directory)
        api.as_user(world.b.users["worker"])
        resp = api.post(
            f"/referrals/{r.pk}/status",
            {"to_status": "accepted", "reason": "x", "version": r.version - 1},
        )
        assert resp.status_code == 409


class TestLetter:
    def test_it_prints_the_letter_with_the_shared_data(self, client, world, directory):
        r = refer(
            world, directory, shared_fields=["full_name", "age"], note_for_receiver="Mohon bantuan"
        )
        client.force_login(world.a.users["worker"])
        html = client.get(f"/referrals/{r.pk}/letter/").content.decode()
        assert (
            "Perihal" in html
            and r.letter_number in html
            and world.a.client.full_name in html
            and "Mohon bantuan" in html
        )
        assert world.a.client.nik not in html

    def test_it_renders_a_pdf(self, client, world, directory):
        r = refer(world, directory)
        client.force_login(world.b.users["worker"])
        resp = client.get(f"/referrals/{r.pk}/letter.pdf")
        assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
        assert resp.content.startswith(b"%PDF")
        from io import BytesIO

        from pypdf import PdfReader

        text = "".join(p.extract_text() for p in PdfReader(BytesIO(resp.content)).pages)
        assert "Perihal" in text and world.a.client.full_name in text


class TestFollowUps:
    def test_overdue_follow_ups_appear_on_the_home_page(self, client, world, directory):
        r = refer(world, directory)
        Referral.objects.filter(pk=r.pk).update(
            follow_up_date=timezone.localdate() - timedelta(days=1)
        )
        client.force_login(world.a.users["worker"])
        html = client.get("/").content.decode()
        assert r.number in html and "lewat tanggal tindak lanjut" in html.lower()
        client.force_login(world.a.users["other_worker"])
        assert r.number not in client.get("/").content.decode()

    def test_incoming_referrals_appear_for_the_receiver(self, client, world, directory):
        r = refer(world, directory)
        client.force_login(world.b.users["worker"])
        assert r.number in client.get("/").content.decode()
        assert r.number in client.get("/referrals/?box=incoming").content.decode()


class TestEcomapResources:
    def test_referred_services_are_the_cases_resource_systems(self, api, world, directory):
        r1 = refer(world, directory)
        refer(world, directory, key="dapur", send=False)  # a draft is not a resource yet
        move(r1, world.b.users["worker"], S.ACCEPTED, "Ada tempat")
        api.as_user(world.a.users["worker"])
        rows = api.get(f"/cases/{world.a.case.pk}/resources").json()
        assert [(row["name"], row["status"], row["receiving"]) for row in rows] == [
            ("Dapur Harapan", "accepted", True)
        ]
        api.as_user(world.b.users["worker"])  # the receiver does not see the sender's case
        assert api.get(f"/cases/{world.a.case.pk}/resources").status_code == 404


class TestOrganizationDelete:
    def test_a_provider_with_services_is_kept(self, client, world, directory):
        client.force_login(world.a.users["admin"])
        r = client.post(f"/directory/providers/{directory.org.pk}/delete/", follow=True)
        assert "Hapus atau pindahkan dulu" in r.content.decode()
        directory.org.refresh_from_db()
        assert directory.org.deleted_at is None
