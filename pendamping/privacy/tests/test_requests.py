"""Data-subject requests: the register and its clock, through the pages and the API;
the clock's notifications (once per state) and the officer's home card."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from pendamping.inbox.models import Notification
from pendamping.privacy import requests
from pendamping.privacy.models import SubjectRequest


def record(f, *, kind="access", hours_ago=0):
    return requests.request_record(
        actor=f.users["dpo"], client_id=f.client.pk, kind=kind, requested_by="client",
        identity_check="ktp", received_at=timezone.now() - timedelta(hours=hours_ago),
    )  # fmt: skip


@pytest.mark.django_db
class TestTheRegisterPages:
    def test_it_records_a_request_with_its_legal_limit(self, client, world):
        client.force_login(world.a.users["dpo"])
        response = client.post(reverse("subject_request_create"), {
            "client_id": world.a.client.pk, "kind": "correction", "requested_by": "guardian",
            "identity_check": "guardian_proof", "details": "Tanggal lahir salah",
        })  # fmt: skip
        made = SubjectRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("subject_request_detail", args=[made.pk])
        assert made.agency == world.a.agency and made.received_by == world.a.users["dpo"]
        assert made.due_at - made.received_at == timedelta(hours=72)
        assert made.status == "received" and made.details == "Tanggal lahir salah"

    def test_it_refuses_another_agencys_client_in_both_languages(self, client, world):
        client.force_login(world.a.users["admin"])
        data = {"client_id": world.b.client.pk, "kind": "access", "requested_by": "client",
                "identity_check": "ktp"}  # fmt: skip
        response = client.post(reverse("subject_request_create"), data)
        assert response.status_code == 422
        assert "Klien dengan nomor ini tidak ada di lembaga Anda." in response.text
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = client.post(reverse("subject_request_create"), data)
        assert "There is no client with this number in your agency." in response.text
        assert not SubjectRequest.objects.exists()

    def test_it_refuses_a_receipt_in_the_future(self, client, world):
        client.force_login(world.a.users["dpo"])
        later = timezone.localtime() + timedelta(days=2)
        response = client.post(reverse("subject_request_create"), {
            "client_id": world.a.client.pk, "kind": "access", "requested_by": "client",
            "identity_check": "ktp", "received_at": later.strftime("%Y-%m-%dT%H:%M"),
        })  # fmt: skip
        assert response.status_code == 422
        assert "Waktu diterima tidak boleh di masa depan." in response.text

    def test_it_lists_open_requests_with_their_clock(
        self, client, world, django_assert_max_num_queries
    ):
        overdue = record(world.a, hours_ago=80)
        soon = record(world.a, kind="erasure", hours_ago=60)
        done = record(world.a, kind="objection")
        requests.request_respond(actor=world.a.users["dpo"], request=done, status="completed",
                                 response="Pemrosesan dihentikan", expected_version=1)  # fmt: skip
        for _ in range(5):
            record(world.a, kind="portability")
        record(world.b)
        client.force_login(world.a.users["dpo"])
        with django_assert_max_num_queries(12):
            page = client.get(reverse("subject_request_list")).text
        assert page.index(f"#{overdue.pk}<") < page.index(f"#{soon.pk}<")
        assert "lewat 8 jam" in page and "11 jam lagi" in page
        assert f"#{done.pk}<" not in page and page.count("Portabilitas data") == 5
        assert "Siti Rahayu B" not in page
        every = client.get(reverse("subject_request_list") + "?show=all").text
        assert f"#{done.pk}<" in every

    def test_it_records_the_answer_and_closes_the_clock(self, client, world):
        made = record(world.a)
        client.force_login(world.a.users["admin"])
        url = reverse("subject_request_respond", args=[made.pk])
        refused = client.post(url, {"status": "refused", "response": "", "version": 1})
        assert refused.status_code == 422
        assert "Tuliskan jawaban atau alasan hukum penolakan." in refused.text
        early = client.post(url, {"status": "completed", "response": "Paket", "version": 1})
        assert early.status_code == 422 and "Paket data belum disetujui dan dirilis" in early.text
        made.refresh_from_db()
        assert made.status == "received" and made.version == 1
        client.post(reverse("subject_request_release", args=[made.pk]))
        ok = client.post(url, {"status": "completed", "response": "Paket diserahkan", "version": 2})
        assert ok.status_code == 302
        made.refresh_from_db()
        assert made.status == "completed" and made.responded_by == world.a.users["admin"]
        assert made.version == 3 and made.clock() == "done"
        stale = client.post(url, {"status": "completed", "response": "Lagi", "version": 3})
        assert stale.status_code == 422 and "sudah dijawab" in stale.text

    def test_it_refuses_a_stale_answer(self, client, world):
        made = record(world.a)
        client.force_login(world.a.users["dpo"])
        url = reverse("subject_request_respond", args=[made.pk])
        client.post(url, {"status": "in_progress", "response": "", "version": 1})
        stale = client.post(url, {"status": "refused", "response": "Ya", "version": 1})
        assert stale.status_code == 409

    def test_it_offers_the_package_only_for_access_and_portability(self, client, world):
        erasure = record(world.a, kind="erasure")
        client.force_login(world.a.users["admin"])
        detail = client.get(reverse("subject_request_detail", args=[erasure.pk])).text
        assert reverse("subject_request_package", args=[erasure.pk]) not in detail
        got = client.get(reverse("subject_request_package", args=[erasure.pk]))
        assert got.status_code == 409


@pytest.mark.django_db
class TestTheRegisterApi:
    def test_it_records_lists_and_answers(self, api, world):
        api.as_user(world.a.users["dpo"])
        made = api.post("/subject-requests", {
            "client_id": world.a.client.pk, "kind": "withdrawal", "requested_by": "client",
            "identity_check": "known"})  # fmt: skip
        assert made.status_code == 201, made.content
        body = made.json()
        assert body["clock"] == "on_track" and body["hours_left"] in (71, 72)
        listed = api.get("/subject-requests?open=true").json()
        assert [r["id"] for r in listed["items"]] == [body["id"]]
        answered = api.post(f"/subject-requests/{body['id']}/respond",
                            {"status": "completed", "response": "Dicabut", "version": 1})  # fmt: skip
        assert answered.status_code == 200 and answered.json()["clock"] == "done"
        assert api.get("/subject-requests?open=true").json()["items"] == []

    def test_it_answers_bad_input_with_422_and_other_agencies_with_404(self, api, world):
        api.as_user(world.a.users["admin"])
        bad = api.post("/subject-requests", {"client_id": world.a.client.pk, "kind": "delete",
                                             "requested_by": "client", "identity_check": "ktp"})  # fmt: skip
        assert bad.status_code == 422
        other = api.post("/subject-requests", {"client_id": world.b.client.pk, "kind": "access",
                                               "requested_by": "client", "identity_check": "ktp"})  # fmt: skip
        assert other.status_code == 404
        mine = record(world.a)
        empty = api.post(f"/subject-requests/{mine.pk}/respond",
                         {"status": "refused", "response": " ", "version": 1})  # fmt: skip
        assert empty.status_code == 422 and "alasan hukum" in empty.json()["detail"]
        early = api.post(f"/subject-requests/{mine.pk}/respond",
                         {"status": "completed", "response": "Paket", "version": 1})  # fmt: skip
        assert early.status_code == 422 and "belum disetujui" in early.json()["detail"]
        admin = world.a.users["admin"]
        admin.language = "en"
        admin.save(update_fields=["language"])
        api.as_user(admin)
        early = api.post(f"/subject-requests/{mine.pk}/respond",
                         {"status": "completed", "response": "Paket", "version": 1})  # fmt: skip
        assert early.status_code == 422 and "signed off" in early.json()["detail"]
        mine.refresh_from_db()
        assert mine.status == "received" and mine.responded_at is None
        assert api.get(f"/subject-requests/{record(world.b).pk}").status_code == 404


@pytest.mark.django_db
class TestTheClock:
    def test_it_tells_the_officer_and_admins_once_per_state(self, world):
        soon = record(world.a, hours_ago=50)
        record(world.a, hours_ago=10)  # on track: nobody told
        told = requests.escalate_due()
        assert told == {"soon": 2, "overdue": 0}
        rows = Notification.objects.filter(kind="subject_request_clock")
        assert {n.recipient for n in rows} == {world.a.users["dpo"], world.a.users["admin"]}
        assert requests.escalate_due() == {"soon": 0, "overdue": 0}
        later = timezone.now() + timedelta(hours=45)
        assert requests.escalate_due(now=later) == {"soon": 2, "overdue": 2}
        assert requests.escalate_due(now=later) == {"soon": 0, "overdue": 0}
        line = rows.filter(data__request=soon.pk, data__state="overdue").first()
        with override("en"):
            assert line.text.startswith(f"Data-subject request #{soon.pk} (Access and copy) past")

    def test_it_is_registered_as_a_periodic_check(self):
        from pendamping import plugins

        keys = {c.key: c.function for c in plugins.registry.periodics()}
        assert keys["subject_request_clock"] == "pendamping.privacy.requests.escalate_due"

    def test_it_shows_due_requests_on_the_officers_home(self, client, world):
        overdue = record(world.a, hours_ago=75)
        calm = record(world.a, hours_ago=1)
        client.force_login(world.a.users["dpo"])
        home = client.get(reverse("home")).text
        assert 'id="subject-requests"' in home
        assert f"#{overdue.pk} ·" in home and f"#{calm.pk} ·" not in home
        client.force_login(world.a.users["worker"])
        assert 'id="subject-requests"' not in client.get(reverse("home")).text
