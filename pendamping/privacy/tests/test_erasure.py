"""Anonymising a client: the legal holds that refuse it, the page, the API and the
command refusing alike, the audit trail, erasure on request, and what stays."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from pendamping import plugins
from pendamping.cases import services as case_services
from pendamping.cases.models import Case, CaseEvent, ProgressNote
from pendamping.clients.models import Client, ClientNameIndex, FamilyMember
from pendamping.clients.selectors import search_clients
from pendamping.privacy import erasure, requests
from pendamping.privacy.models import Erasure, SubjectRequest

REASON = "Masa retensi berakhir menurut jadwal retensi lembaga"


def close(f):
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    f.case.refresh_from_db()


def erasure_request(f):
    return requests.request_record(actor=f.users["dpo"], client_id=f.client.pk, kind="erasure",
                                   requested_by="client", identity_check="ktp")  # fmt: skip


class TestRegistry:
    def test_every_declaration_names_an_eraser_that_exists(self):
        from pendamping.contributions import _function

        for part in plugins.registry.personal_data():
            assert callable(_function(part.erase)), part.key
            if part.hold:
                assert callable(_function(part.hold)), part.key

    def test_a_declaration_without_an_eraser_is_refused(self):
        from django.core.exceptions import ImproperlyConfigured

        from pendamping.contributions import PersonalData
        from pendamping.plugins import Registry

        with pytest.raises(ImproperlyConfigured, match="erase"):
            Registry().add_personal_data(
                PersonalData(key="x", title="x", function="a.b", models=("app.Model",))
            )


@pytest.mark.django_db
class TestHolds:
    def test_an_open_case_refuses_on_the_page_the_api_and_the_command(self, world, client, api):
        f = world.a
        admin = f.users["admin"]
        assert any(f.case.number in r for r in erasure.refusals(f.client))
        client.force_login(admin)
        url = reverse("client_anonymise", args=[f.client.pk])
        page = client.post(url, {"basis": "retention", "reason": "retention_ended", "note": REASON})
        assert page.status_code == 422
        assert f.case.number in page.content.decode()
        answer = api.as_user(admin).post("/erasures", {"client_id": f.client.pk,
                                                      "basis": "retention", "reason": "retention_ended", "note": REASON})  # fmt: skip
        assert answer.status_code == 409
        assert any(f.case.number in r for r in answer.json()["refusals"])
        with pytest.raises(CommandError, match=f.case.number):
            call_command("pdp_anonymise", f.client.pk, "--as", admin.username,
                         "--reason", "retention_ended", "--note", REASON, stdout=io.StringIO())  # fmt: skip
        f.client.refresh_from_db()
        assert f.client.full_name == "Siti Rahayu A" and not Erasure.objects.exists()

    def test_the_english_reader_gets_the_reason_in_english(self, world, api):
        f = world.a
        f.users["admin"].language = "en"
        f.users["admin"].save()
        answer = api.as_user(f.users["admin"]).post(
            "/erasures",
            {
                "client_id": f.client.pk,
                "basis": "retention",
                "reason": "retention_ended",
                "note": REASON,
            },
        )
        assert answer.status_code == 409
        assert "still open" in answer.json()["detail"]

    def test_a_mediation_in_progress_holds_the_record(self, world):
        from pendamping.mediator.models import Mediation, Party

        f = world.a
        close(f)
        m = Mediation.objects.create(agency=f.agency, kind="juvenile_diversion",
                                     mediator=f.users["worker"], created_by=f.users["worker"])  # fmt: skip
        Party.objects.create(mediation=m, client=f.client, name="Siti")
        assert any("11/2012" in r for r in erasure.refusals(f.client))
        Mediation.objects.filter(pk=m.pk).update(closed_at=timezone.now(), outcome="agreement")
        assert erasure.refusals(f.client) == []


@pytest.mark.django_db
class TestAnonymise:
    def test_the_admin_anonymises_from_the_page_and_what_stays_stays(self, world, client):
        f = world.a
        close(f)
        events = CaseEvent.objects.filter(case=f.case).count()
        born = f.client.birth_date
        assert f.client.pk in [x.pk for x in search_clients(f.users["admin"], "Sitti Rahajoe")]
        client.force_login(f.users["admin"])
        url = reverse("client_anonymise", args=[f.client.pk])
        assert client.get(url).status_code == 200
        done = client.post(url, {"basis": "retention", "reason": "retention_ended", "note": REASON})
        assert done.status_code == 302
        c = Client.objects.get(pk=f.client.pk)
        assert c.full_name == f"ANONIM-{c.pk:06d}"
        assert (c.nik, c.kk_number, c.phone, c.address) == ("", "", "", "")
        assert c.birth_date == born.replace(month=1, day=1)
        assert c.sex == "F" and c.region_id == f.client.region_id  # aggregates stay
        case = Case.objects.get(pk=f.case.pk)
        assert case.stage == f.case.stage and case.closed_at and case.presenting_problem == ""
        assert CaseEvent.objects.filter(case=f.case).count() == events
        assert set(ProgressNote.objects.filter(case=f.case).values_list("body", flat=True)) == {""}
        assert FamilyMember.objects.get(pk=f.member.pk).name == ""
        # no name key is left: the name search finds them by no spelling of their name
        assert not ClientNameIndex.objects.filter(client_id=c.pk).exists()
        assert f.client.pk not in [x.pk for x in search_clients(f.users["admin"], "Sitti Rahajoe")]
        record = Erasure.objects.get()
        assert (record.client_id, record.by, record.basis, record.via) == (
            c.pk,
            f.users["admin"],
            "retention",
            "page",
        )
        # the trail names no one: the audit row's text and the retention page
        assert "Siti" not in record.note
        page = client.get(reverse("retention")).content.decode()
        # the list shows the basis, never the words (issue 16, finding 7)
        assert "Masa retensi berakhir" in page and REASON not in page
        assert "Siti Rahayu" not in page
        # once only
        assert erasure.refusals(c) == ["Klien ini sudah dianonimkan."]

    def test_a_reason_naming_the_client_is_refused_and_nothing_changes(self, world, client):
        f = world.a
        close(f)
        client.force_login(f.users["admin"])
        url = reverse("client_anonymise", args=[f.client.pk])
        page = client.post(
            url, {"basis": "decision", "reason": "other", "note": f"Permintaan {f.client.nik}"}
        )
        assert page.status_code == 422
        assert Client.objects.get(pk=f.client.pk).nik == f.client.nik
        assert not Erasure.objects.exists()

    def test_workers_and_the_officer_cannot_and_another_agency_finds_nothing(self, world, api):
        f = world.a
        close(f)
        body = {
            "client_id": f.client.pk,
            "basis": "retention",
            "reason": "retention_ended",
            "note": REASON,
        }
        for key in ("worker", "supervisor", "dpo", "auditor"):
            assert api.as_user(f.users[key]).post("/erasures", body).status_code == 403, key
        assert api.as_user(world.b.users["admin"]).post("/erasures", body).status_code == 404
        with pytest.raises(CommandError, match="admin"):
            call_command("pdp_anonymise", f.client.pk, "--as", f.users["worker"].username,
                         "--reason", "retention_ended", "--note", REASON, stdout=io.StringIO())  # fmt: skip
        with pytest.raises(CommandError, match="admin"):
            call_command("pdp_anonymise", f.client.pk, "--as", world.b.users["admin"].username,
                         "--reason", "retention_ended", "--note", REASON, stdout=io.StringIO())  # fmt: skip
        assert not Erasure.objects.exists()

    def test_the_command_anonymises_like_the_page(self, world):
        f = world.a
        close(f)
        out = io.StringIO()
        call_command("pdp_anonymise", f.client.pk, "--as", f.users["admin"].username,
                     "--reason", "retention_ended", "--note", REASON, stdout=out)  # fmt: skip
        assert f"ANONIM-{f.client.pk:06d}" in out.getvalue()
        assert Erasure.objects.get().via == "command"
        with pytest.raises(CommandError, match="sudah dianonimkan"):
            call_command("pdp_anonymise", f.client.pk, "--as", f.users["admin"].username,
                         "--reason", "retention_ended", "--note", REASON, stdout=io.StringIO())  # fmt: skip

    def test_an_anonymised_client_keeps_no_name_keys_after_a_rebuild_or_the_migration(self, world):
        """`rebuild_name_keys` gives an erased client no row of their pseudonym's keys,
        and privacy 0011 removes one that clients 0019's fill wrote."""
        import importlib

        from django.apps import apps
        from django.db import connection

        f = world.a
        close(f)
        call_command("pdp_anonymise", f.client.pk, "--as", f.users["admin"].username,
                     "--reason", "retention_ended", "--note", REASON, stdout=io.StringIO())  # fmt: skip
        call_command("rebuild_name_keys", verbosity=0)
        assert not ClientNameIndex.objects.filter(client_id=f.client.pk).exists()
        with connection.cursor() as cursor:  # as 0019 wrote it (the ORM refuses: read only)
            cursor.execute(
                "INSERT INTO clients_clientnameindex (client_id, agency_id, keys) VALUES (%s, %s, %s)",
                [f.client.pk, f.client.agency_id, "anm an0"],
            )
        others = ClientNameIndex.objects.exclude(client_id=f.client.pk).count()
        migration = importlib.import_module(
            "pendamping.privacy.migrations.0011_erased_clients_keep_no_name_keys"
        )
        migration.forwards(apps, None)
        assert not ClientNameIndex.objects.filter(client_id=f.client.pk).exists()
        assert ClientNameIndex.objects.count() == others > 0

    def test_the_command_takes_a_reason_as_text_as_first_written(self, world):
        """``--reason TEXT`` (the issue's form): the reason "other", the text its note,
        still refused when it names the client."""
        f = world.a
        close(f)
        with pytest.raises(CommandError):
            call_command("pdp_anonymise", f.client.pk, "--as", f.users["admin"].username,
                         "--reason", f"Permintaan {f.client.full_name}", stdout=io.StringIO())  # fmt: skip
        call_command("pdp_anonymise", f.client.pk, "--as", f.users["admin"].username,
                     "--reason", REASON, stdout=io.StringIO())  # fmt: skip
        made = Erasure.objects.get()
        assert (made.reason, made.note, made.via) == ("other", REASON, "command")

    def test_the_api_anonymises_and_lists_the_trail(self, world, api):
        f = world.a
        close(f)
        admin = api.as_user(f.users["admin"])
        made = admin.post("/erasures", {"client_id": f.client.pk, "basis": "decision",
                                        "reason": "retention_ended", "note": REASON})  # fmt: skip
        assert made.status_code == 201 and made.json()["via"] == "api"
        listed = api.as_user(f.users["dpo"]).get("/erasures").json()
        assert [e["client_id"] for e in listed["items"]] == [f.client.pk]
        assert api.as_user(world.b.users["dpo"]).get("/erasures").json()["items"] == []


@pytest.mark.django_db
class TestOnRequest:
    def test_an_erasure_request_is_answered_by_the_erasure(self, world, client):
        f = world.a
        close(f)
        wanted = erasure_request(f)
        client.force_login(f.users["admin"])
        detail = client.get(reverse("subject_request_detail", args=[wanted.pk])).content.decode()
        assert reverse("client_anonymise", args=[f.client.pk]) in detail
        done = client.post(reverse("client_anonymise", args=[f.client.pk]),
                           {"basis": "request", "subject_request": wanted.pk, "reason": "retention_ended", "note": REASON})  # fmt: skip
        assert done.status_code == 302
        wanted.refresh_from_db()
        assert wanted.status == SubjectRequest.Status.COMPLETED and wanted.responded_at
        assert Erasure.objects.get().subject_request == wanted

    def test_a_request_basis_needs_the_request(self, world):
        f = world.a
        close(f)
        with pytest.raises(Exception, match="permintaan"):
            erasure.anonymise(f.client, actor=f.users["admin"], reason="retention_ended", note=REASON, basis="request",
                              via="page")  # fmt: skip

    def test_a_held_record_refuses_the_request_with_the_legal_reason(self, world, client):
        f = world.a  # the case is open
        wanted = erasure_request(f)
        client.force_login(f.users["admin"])
        url = reverse("client_anonymise", args=[f.client.pk])
        page = client.get(url + f"?request={wanted.pk}").content.decode()
        assert "Tolak permintaan dengan alasan ini" in page
        done = client.post(url, {"action": "refuse", "subject_request": wanted.pk})
        assert done.status_code == 302
        wanted.refresh_from_db()
        assert wanted.status == SubjectRequest.Status.REFUSED
        assert f.case.number in wanted.response and "11/2009" in wanted.response
        assert Client.objects.get(pk=f.client.pk).full_name == "Siti Rahayu A"


@pytest.mark.django_db
def test_files_go_only_when_the_erasure_commits(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    from pendamping.clients.models import Consent

    f = world.a
    close(f)
    settings.CONSENT_UPLOAD_DIR = tmp_path
    (tmp_path / "scan.pdf").write_bytes(b"%PDF scan")
    Consent.objects.filter(pk=f.consent.pk).update(proof_file="scan.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        made = erasure.anonymise(f.client, actor=f.users["admin"], reason="retention_ended", note=REASON,
                                 basis="decision", via="page")  # fmt: skip
    assert made.files_deleted == 1 and not (tmp_path / "scan.pdf").exists()
    assert Consent.objects.get(pk=f.consent.pk).proof_file == ""


@pytest.mark.django_db
def test_the_timeline_keeps_each_event_and_its_codes_but_not_its_words(world):
    f = world.a
    close(f)
    added = CaseEvent.objects.get(case=f.case, kind="task_added")
    closed = CaseEvent.objects.get(case=f.case, kind="closed")
    assert added.data["title"] == "Kunjungan lanjutan"
    erasure.anonymise(f.client, actor=f.users["admin"], reason="retention_ended", note=REASON, basis="decision",
                      via="page")  # fmt: skip
    added.refresh_from_db()
    closed.refresh_from_db()
    assert "title" not in added.data and added.kind == "task_added"
    assert closed.data["reason"] == "goals_met"  # a code, kept for the counts
