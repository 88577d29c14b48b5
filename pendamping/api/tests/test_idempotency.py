"""Idempotency-Key on API writes (pendamping/api/idempotency.py)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client as HttpClient
from django.utils import timezone

from pendamping.accounts.models import ApiToken, IdempotentRequest, purge_idempotency_keys
from pendamping.cases import services as case_services
from pendamping.cases.models import ProgressNote


def post_note(client, token, case, body="Kunjungan rumah, ibu hadir.", key="k-1"):
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(
        f"/api/v1/cases/{case.pk}/notes",
        {"kind": "phone", "body": body},
        content_type="application/json",
        headers=headers,
    )


def notes(case):
    return ProgressNote.objects.filter(case=case).count()


@pytest.fixture
def worker(world):
    return world.a.users["worker"]


@pytest.fixture
def token(worker):
    return ApiToken.issue(worker)


class TestRetries:
    def test_the_same_request_again_gets_the_first_answer_and_writes_nothing(
        self, client, world, token
    ):
        before = notes(world.a.case)
        first = post_note(client, token, world.a.case)
        again = post_note(client, token, world.a.case)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert again["Idempotent-Replayed"] == "true" and not first.has_header(
            "Idempotent-Replayed"
        )
        assert notes(world.a.case) == before + 1

    def test_without_a_key_each_request_writes(self, client, world, token):
        before = notes(world.a.case)
        post_note(client, token, world.a.case, key=None)
        post_note(client, token, world.a.case, key=None)
        assert notes(world.a.case) == before + 2

    def test_the_same_key_with_another_body_is_refused(self, client, world, token):
        post_note(client, token, world.a.case)
        before = notes(world.a.case)
        r = post_note(client, token, world.a.case, body="Isi lain.")
        assert r.status_code == 422 and "Idempotency-Key" in r.json()["errors"]
        assert notes(world.a.case) == before

    def test_the_same_key_on_another_path_is_refused(self, client, world, token):
        post_note(client, token, world.a.case)
        other = case_services.case_open(
            actor=world.a.users["worker"], client=world.a.client, presenting_problem="Lain"
        )
        assert post_note(client, token, other).status_code == 422

    def test_keys_are_per_user(self, client, world, token):
        other = ApiToken.issue(world.a.users["other_worker"])
        mine = post_note(client, token, world.a.case)
        theirs = post_note(client, other, world.a.case)
        assert mine.status_code == 201 and theirs.status_code in (201, 403, 404)
        assert not theirs.has_header("Idempotent-Replayed")

    def test_an_error_answer_is_kept_too(self, client, world, token):
        first = post_note(client, token, world.a.case, body="")
        assert first.status_code == 422
        again = post_note(client, token, world.a.case, body="")
        assert again.status_code == 422 and again["Idempotent-Replayed"] == "true"

    @pytest.mark.parametrize("key", ["", "a" * 256, "spasi di dalam", "kunci\u00e9"])
    def test_a_malformed_key_is_refused(self, client, world, token, key):
        before = notes(world.a.case)
        r = post_note(client, token, world.a.case, key=key)
        assert r.status_code == 422 and r.json()["detail"]
        assert notes(world.a.case) == before

    def test_without_a_valid_token_the_key_changes_nothing(self, client, world):
        assert post_note(client, "nope", world.a.case).status_code == 401
        assert not IdempotentRequest.objects.exists()


class TestFailures:
    def test_a_write_that_fails_keeps_no_key_and_can_be_retried(
        self, client, world, token, monkeypatch
    ):
        """The server dies between the write and its commit: neither the note nor
        the key is kept, and the retry writes the note once."""
        before = notes(world.a.case)
        real = case_services.note_add

        def dies(**kwargs):
            real(**kwargs)  # written, then the process fails before the commit
            raise RuntimeError("server killed")

        monkeypatch.setattr(case_services, "note_add", dies)
        client.raise_request_exception = False
        assert post_note(client, token, world.a.case).status_code == 500
        assert notes(world.a.case) == before and not IdempotentRequest.objects.exists()
        monkeypatch.setattr(case_services, "note_add", real)
        assert post_note(client, token, world.a.case).status_code == 201
        assert post_note(client, token, world.a.case)["Idempotent-Replayed"] == "true"
        assert notes(world.a.case) == before + 1


class TestExpiry:
    def test_an_expired_key_is_a_new_request(self, client, world, token, settings):
        before = notes(world.a.case)
        post_note(client, token, world.a.case)
        later = timezone.now() + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL + 60)
        with time_machine.travel(later):
            token = ApiToken.issue(world.a.users["worker"])
            r = post_note(client, token, world.a.case)
        assert r.status_code == 201 and not r.has_header("Idempotent-Replayed")
        assert notes(world.a.case) == before + 2

    def test_the_periodic_check_deletes_expired_keys(self, client, world, token, settings):
        post_note(client, token, world.a.case)
        purge_idempotency_keys()
        assert IdempotentRequest.objects.count() == 1
        later = timezone.now() + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL + 60)
        with time_machine.travel(later):
            purge_idempotency_keys()
        assert IdempotentRequest.objects.count() == 0


def test_an_answer_with_a_one_time_secret_is_never_stored(client, world, token):
    """A complaint's status-page secret (kept only as a hash) and a new API token are
    shown once: the key still stops a second write, but the answer is not kept."""
    from pendamping.advocate.models import Complaint
    from pendamping.advocate.tests.test_intake_grouping import ANON

    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "intake-1"}
    first = client.post("/api/v1/complaints", ANON, content_type="application/json",
                        headers=headers)  # fmt: skip
    assert first.status_code == 201, first.content
    secret = first.json()["secret"]
    again = client.post("/api/v1/complaints", ANON, content_type="application/json",
                        headers=headers)  # fmt: skip
    assert again.status_code == 409 and secret not in again.content.decode()
    assert "sekali" in again.json()["detail"]
    assert Complaint.objects.filter(subject=ANON["subject"]).count() == 1
    row = IdempotentRequest.objects.get(key="intake-1")
    assert secret.encode() not in bytes(row.body)
    worker = world.a.users["worker"]
    worker.set_password("kata-sandi-uji-panjang")
    worker.save()
    token = ApiToken.issue(worker)  # the password changed: earlier tokens ended
    fresh = client.post(
        "/api/v1/auth/token",
        {"username": worker.username, "password": "kata-sandi-uji-panjang"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "token-1"},
    )
    assert fresh.status_code == 200, fresh.content
    row = IdempotentRequest.objects.get(key="token-1")
    assert fresh.json()["token"].encode() not in bytes(row.body) and row.body == b""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_key_at_once_write_once(world):
    """Both requests start together, each on its own connection: the second waits on
    the key's unique index until the first commits, then answers the same."""
    token = ApiToken.issue(world.a.users["worker"])
    before = notes(world.a.case)
    start, answers = threading.Barrier(2), []

    def send():
        try:
            start.wait()
            answers.append(post_note(HttpClient(), token, world.a.case, key="together"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert sorted(a.has_header("Idempotent-Replayed") for a in answers) == [False, True]
    assert notes(world.a.case) == before + 1
