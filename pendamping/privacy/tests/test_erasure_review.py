"""The security review of erasure (issue 16): an anonymised client is read-only, the
cached API answers naming them go, the redactable history takes only its free text,
every trace the review found is blanked, and the retention list sees every client."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.cases import services as case_services
from pendamping.cases.models import Case
from pendamping.clients.models import Client, FamilyMember
from pendamping.privacy import erasure
from pendamping.processing import ClientAnonymised

REASON = "Masa retensi berakhir menurut jadwal retensi lembaga"
ANONYMISED = "sudah dianonimkan"


def close(f):
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    f.case.refresh_from_db()


def anonymise(f, **kw):
    close(f)
    made = erasure.anonymise(f.client, actor=f.users["admin"], reason="retention_ended", note=REASON,
                             basis="decision", via="page", **kw)  # fmt: skip
    f.client.refresh_from_db()
    return made


@pytest.mark.django_db
class TestAnonymisedIsReadOnly:
    def test_the_api_refuses_every_write_of_the_file(self, world, api):
        f = world.a
        anonymise(f)
        worker = api.as_user(f.users["worker"])
        calls = [
            ("PATCH", f"/clients/{f.client.pk}", {"version": f.client.version, "nickname": "Iti"}),
            ("POST", "/cases", {"client_id": f.client.pk, "presenting_problem": "Lagi"}),
            ("POST", f"/clients/{f.client.pk}/family",
             {"name": "Adik", "sex": "M", "relation": "sibling"}),
            ("POST", f"/cases/{f.case.pk}/reopen",
             {"reason": "Masalah muncul lagi", "version": f.case.version}),
        ]  # fmt: skip
        for method, path, body in calls:
            answer = worker.call(method, path, body)
            assert answer.status_code == 403, (path, answer.content)
            assert ANONYMISED in answer.json()["detail"], path
        c = Client.objects.get(pk=f.client.pk)
        assert c.nickname == "" and Case.objects.filter(client=c).count() == 1
        assert FamilyMember.objects.filter(client=c, name="Adik").count() == 0

    def test_the_pages_refuse_with_the_reason(self, world, client):
        f = world.a
        anonymise(f)
        client.force_login(f.users["worker"])
        added = client.post(reverse("family_add", args=[f.client.pk]),
                            {"name": "Adik", "sex": "M", "relation": "sibling"})  # fmt: skip
        assert added.status_code == 403 and ANONYMISED in added.content.decode()
        again = client.post(reverse("case_reopen", args=[f.case.pk]),
                            {"reason": "Masalah muncul lagi", "version": f.case.version})  # fmt: skip
        assert again.status_code == 403 and ANONYMISED in again.content.decode()
        assert Case.objects.filter(client_id=f.client.pk, closed_at__isnull=False).count() == 1

    def test_the_services_refuse_and_the_other_clients_stay_writable(self, world):
        f = world.a
        anonymise(f)
        with pytest.raises(ClientAnonymised):
            case_services.case_open(actor=f.users["worker"], client=f.client,
                                    presenting_problem="Lagi")  # fmt: skip
        other = case_services.case_open(actor=world.b.users["worker"], client=world.b.client,
                                        presenting_problem="Baru")  # fmt: skip
        assert other.pk


@pytest.mark.django_db
def test_cached_api_answers_naming_the_client_go_in_every_agency(world):
    import json

    from pendamping.accounts.models import IdempotentRequest

    f = world.a
    Client.objects.filter(pk=f.client.pk).update(full_name="Sïti Rahayu")
    f.client.refresh_from_db()

    def kept(user, key, clients, body):
        return IdempotentRequest.objects.create(
            user=user, key=key, fingerprint="x", status=200, content_type="application/json",
            body=json.dumps(body).encode(), clients=clients,
        )  # fmt: skip

    # another agency's user, the client named only by id (a referral's answer)
    kept(world.b.users["worker"], "by-id", f",7,{f.client.pk},", {"id": f.client.pk})
    # an answer from before answers named their clients: the name JSON-escaped
    kept(world.b.users["admin"], "escaped", "", {"full_name": "Sïti Rahayu"})
    stays = kept(f.users["worker"], "other", f",{world.b.client.pk},", {"id": 1})
    also = kept(f.users["worker"], "old-other", "", {"full_name": "Budi"})
    anonymise(f)
    assert set(IdempotentRequest.objects.values_list("pk", flat=True)) == {stays.pk, also.pk}


@pytest.mark.django_db
def test_religion_ppks_categories_and_disabilities_are_blanked(world):
    f = world.a
    Client.objects.filter(pk=f.client.pk).update(
        religion="islam", ppks_categories=["disabled"], disabilities=["physical"]
    )
    anonymise(f)
    c = Client.objects.get(pk=f.client.pk)
    assert (c.religion, c.ppks_categories, c.disabilities) == ("", [], [])


@pytest.mark.django_db
def test_a_client_whose_only_case_was_deleted_while_open_becomes_due(world):
    from datetime import timedelta

    from pendamping.privacy import retention

    f = world.a
    long_ago = timezone.now() - timedelta(days=6 * 366)
    Case.objects.filter(pk=f.case.pk).update(deleted_at=long_ago)
    Client.objects.filter(pk=f.client.pk).update(created_at=long_ago)
    due = [d.client_id for d in retention.due_clients(f.agency.pk)]
    assert f.client.pk in due


def test_the_case_event_trigger_knows_every_kind_of_free_text():
    from pendamping import plugins
    from pendamping.cases.models import CaseEvent
    from pendamping.cases.personal import LEGACY_TEXT_KEYS

    declared = set(LEGACY_TEXT_KEYS)
    for kind in plugins.registry.event_kinds():
        declared |= set(kind.free_text)
    assert declared <= set(CaseEvent.REDACTABLE_KEYS["data"]), "re-install the trigger"


def test_a_busy_checkpoint_is_retried_then_logged(monkeypatch, caplog):
    from unittest import mock

    from pendamping.privacy import erasure as module

    cursor = mock.MagicMock()
    cursor.fetchone.return_value = (1, 4, 2)
    connection = mock.MagicMock(in_atomic_block=False)
    connection.cursor.return_value.__enter__.return_value = cursor
    monkeypatch.setattr(module, "connection", connection)
    monkeypatch.setattr(module.time, "sleep", lambda s: None)
    module._checkpoint()
    assert cursor.execute.call_count == module.CHECKPOINT_TRIES
    assert "busy" in caplog.text
    cursor.execute.reset_mock()
    cursor.fetchone.return_value = (0, 4, 4)
    module._checkpoint()
    assert cursor.execute.call_count == 1
