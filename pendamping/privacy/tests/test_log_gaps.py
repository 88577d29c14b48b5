"""Reads the processing log must not miss: an idempotent replay of an API write (the
stored answer shows the client again) is logged like the first answer."""

from pendamping.accounts.models import ApiToken, IdempotentRequest
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
