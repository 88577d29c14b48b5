"""Reads the processing log must not miss: an idempotent replay of an API write (the
stored answer shows the client again) is logged like the first answer; rows that name
a client without being a Client or Case row (a complaint, its evidence file and
co-signers, a mediation through its parties) are logged, a list without a query per
row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.accounts.models import ApiToken, IdempotentRequest
from pendamping.advocate.tests.matrix import PDF, advocate
from pendamping.privacy.models import AccessRecord


def _post_note(client, token, case, key):
    return client.post(f"/api/v1/cases/{case.pk}/notes", {"kind": "phone", "body": "Kunjungan"},
                       content_type="application/json",
                       headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key})  # fmt: skip


class TestReplay:
    def test_a_replayed_answer_is_logged_naming_the_client(self, client, world):
        f = world.a
        token = ApiToken.issue(f.users["worker"])
        first = _post_note(client, token, f.case, "note-1")
        assert first.status_code == 201
        kept = IdempotentRequest.objects.get(key="note-1")
        assert kept.clients == AccessRecord.pattern(f.client.pk)
        before = AccessRecord.objects.filter(clients__contains=AccessRecord.pattern(f.client.pk))
        count = before.count()
        again = _post_note(client, token, f.case, "note-1")
        assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
        assert before.count() == count + 1
        row = before.first()
        assert row.user_id == f.users["worker"].pk and row.what.startswith("POST /")
        assert row.client_ids == [f.client.pk]


# ---- rows that name a client without being a Client or Case row ----------------------


def _logged(f, after):
    return AccessRecord.objects.filter(
        pk__gt=after, agency=f.agency, clients__contains=AccessRecord.pattern(f.client.pk)
    )


def _last():
    return AccessRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _complaint_of_the_client(f):
    from pendamping.advocate.models import Complaint

    advocate(f)
    Complaint.objects.filter(pk=f.complaint.pk).update(client=f.client)
    return f.complaint


class TestRowsNamingAClient:
    def test_an_evidence_download_names_the_complaints_client(
        self, client, world, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from pendamping.advocate import evidence

        settings.ADVOCATE_UPLOAD_DIR = tmp_path / "evidence"
        f = world.a
        complaint = _complaint_of_the_client(f)
        with django_capture_on_commit_callbacks(execute=True):
            row = evidence.evidence_add(
                actor=f.users["worker"], complaint=complaint, label="Surat",
                upload=SimpleUploadedFile("s.pdf", PDF, "application/pdf"))  # fmt: skip
        client.force_login(f.users["worker"])
        after = _last()
        got = client.get(reverse("complaint_evidence_file", args=[row.pk]))
        assert got.status_code == 200
        b"".join(got.streaming_content)  # a streamed file is logged once it is out
        assert _logged(f, after).get().what == "complaint_evidence_file"

    def test_the_complaint_api_and_its_cosigners_name_the_client(self, api, world):
        f = world.a
        complaint = _complaint_of_the_client(f)
        api.as_user(f.users["worker"])
        for path in (f"/complaints/{complaint.pk}", f"/complaints/{complaint.pk}/cosigners",
                     f"/complaints/{complaint.pk}/evidence", "/complaints"):  # fmt: skip
            after = _last()
            assert api.get(path).status_code == 200
            assert _logged(f, after).count() == 1, path

    def test_the_mediation_pages_name_their_parties(self, client, world):
        from pendamping.mediator.tests.matrix import mediation

        f = world.a
        mediation(f)
        client.force_login(f.users["worker"])
        after = _last()
        assert client.get(reverse("mediation_list")).status_code == 200
        assert _logged(f, after).count() == 1


def test_a_list_of_complaints_costs_the_same_queries_however_many_clients(api, world):
    """The clients of the rows are noted from the rows themselves: no query per row."""
    from pendamping.advocate.models import Complaint
    from pendamping.clients.models import Client

    f = world.a
    complaint = _complaint_of_the_client(f)
    api.as_user(f.users["worker"])

    def listed() -> int:
        api.get("/complaints")  # warm the per-user caches
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/complaints").status_code == 200
        return len(queries)

    one = listed()
    assert AccessRecord.objects.latest("pk").client_count == 1
    for n in range(4):
        other = Client.objects.create(agency=f.agency, kind="individual", sex="F",
                                      full_name=f"Klien {n}", birth_date="1990-01-01",
                                      registered_by=f.users["worker"])  # fmt: skip
        copy = Complaint.objects.get(pk=complaint.pk)
        copy.pk, copy.tracking_code, copy.client = None, f"TX{n}", other
        copy.save()
    assert listed() == one
    assert AccessRecord.objects.latest("pk").client_count == 5
