"""The broker's notifications: a referral sent to an agency in Pendamping, the
receiver's answer, and a fitting service found for an open gap."""

from pendamping.accounts.tests.test_permission_matrix import shared_referral
from pendamping.broker import services
from pendamping.broker.tests.test_gaps import legal_need, legal_service_near, open_gap
from pendamping.inbox.models import Notification


class TestReferrals:
    def test_an_incoming_referral_tells_the_receivers_supervisor_and_admin(self, world):
        referral = shared_referral(world)
        told = Notification.objects.filter(kind="referral_incoming")
        b = world.b.users
        assert {n.recipient_id for n in told} == {b["supervisor"].pk, b["admin"].pk}
        n = told.first()
        assert n.url == f"/referrals/{referral.pk}/"
        assert n.data == {"number": referral.number, "status": "requested"}
        assert n.text == f"Rujukan {referral.number} untuk lembaga Anda"

    def test_the_answer_tells_the_referring_worker(self, client, world):
        referral = shared_referral(world)
        client.force_login(world.b.users["worker"])
        r = client.post(f"/referrals/{referral.pk}/status/", {
            "to_status": "accepted", "reason": "Ada tempat", "version": referral.version})  # fmt: skip
        assert r.status_code == 302
        (n,) = Notification.objects.filter(kind="referral_answered")
        assert n.recipient == world.a.users["worker"]
        assert n.text == f"Rujukan {referral.number} · Diterima"
        assert "Siti" not in str(n.data)

    def test_the_senders_own_moves_tell_nobody(self, world):
        f = world.a
        referral = shared_referral(world)
        services.referral_transition(actor=f.users["worker"], referral=referral,
                                     to_status="canceled", reason="Salah layanan",
                                     expected_version=referral.version)  # fmt: skip
        assert not Notification.objects.filter(kind="referral_answered").exists()


class TestServiceFound:
    def test_a_fitting_service_tells_the_case_worker_once(
        self, world, directory, django_capture_on_commit_callbacks
    ):
        need = legal_need(world)
        worker = world.a.users["worker"]
        lbh = legal_service_near(world, directory, django_capture_on_commit_callbacks,
                                 "Pos Hukum", "Pos Bantuan Hukum Andir")  # fmt: skip
        assert open_gap(need).suggested_service == lbh
        (n,) = Notification.objects.filter(kind="service_found")
        assert n.recipient == worker and n.url == f"/needs/{need.pk}/"
        assert n.data["case"] == need.case.number
        services.gaps_rematch_for_services([lbh.pk])
        assert Notification.objects.filter(kind="service_found").count() == 1
