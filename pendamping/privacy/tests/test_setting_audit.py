"""The privacy settings' audit trail (``SettingChange``: who, when, before and after)
for the unusual-reading margin, the records of processing's texts and the retention
years, through the pages and the API; and the erasure page's refusal of a request and
an erasure on request leave their ``RequestAction`` like restrict, lift and release."""

import pytest
from django.urls import reverse

from pendamping.history import AppendOnlyError
from pendamping.privacy.models import RequestAction, SettingChange, SubjectRequest
from pendamping.privacy.tests.test_erasure import REASON, close, erasure_request


def _changes(what):
    return [(c.actor_id, c.before, c.after) for c in SettingChange.objects.filter(what=what)]


@pytest.mark.django_db
class TestSettingChanges:
    def test_the_unusual_reading_margin_change_is_audited(self, client, world):
        f = world.a
        dpo = f.users["dpo"]
        client.force_login(dpo)
        url = reverse("privacy_settings")
        assert client.post(url, {"unusual_reading_margin": 40}).status_code == 302
        assert client.post(url, {"unusual_reading_margin": 40}).status_code == 302  # unchanged
        assert client.post(url, {"unusual_reading_margin": 12}).status_code == 302
        (first, second) = _changes("privacy")[::-1]
        assert first[0] == dpo.pk and first[2] == {"unusual_reading_margin": 40}
        assert first[1]["unusual_reading_margin"] != 40  # the default before
        assert second[1:] == ({"unusual_reading_margin": 40}, {"unusual_reading_margin": 12})
        assert SettingChange.objects.get(pk=SettingChange.objects.first().pk).agency == f.agency
        with pytest.raises(AppendOnlyError):
            SettingChange.objects.first().delete()

    def test_a_records_of_processing_text_edit_is_audited(self, client, world):
        dpo = world.a.users["dpo"]
        client.force_login(dpo)
        data = {"officer_contact": "dpo@lembaga.id", "retention": "5 tahun",
                "security_measures": "Sandi kuat", "other_recipients": ""}  # fmt: skip
        assert client.post(reverse("processing_settings"), data).status_code == 302
        data["security_measures"] = "Sandi kuat dan 2FA"
        assert client.post(reverse("processing_settings"), data).status_code == 302
        latest = SettingChange.objects.filter(what="records").first()
        assert latest.actor == dpo
        assert (latest.before, latest.after) == ({"security_measures": "Sandi kuat"},
                                                 {"security_measures": "Sandi kuat dan 2FA"})  # fmt: skip
        assert SettingChange.objects.filter(what="records").count() == 2

    def test_retention_years_set_on_the_page_and_the_api_are_audited(self, client, api, world):
        admin = world.a.users["admin"]
        client.force_login(admin)
        assert client.post(reverse("retention"), {"closed_cases": 7, "child": 5}).status_code == 302
        answer = api.as_user(admin).call("PUT", "/retention/rules", {"closed_cases": 7, "child": 9})
        assert answer.status_code == 200, answer.content
        assert _changes("retention")[::-1] == [
            (admin.pk, {"closed_cases": 5}, {"closed_cases": 7}),
            (admin.pk, {"child": 5}, {"child": 9}),
        ]


@pytest.mark.django_db
class TestErasureRequestActions:
    def test_a_refused_erasure_request_leaves_its_action(self, client, world):
        f = world.a  # the case is open: the record is held
        wanted = erasure_request(f)
        client.force_login(f.users["admin"])
        url = reverse("client_anonymise", args=[f.client.pk])
        assert (
            client.post(url, {"action": "refuse", "subject_request": wanted.pk}).status_code == 302
        )
        assert list(RequestAction.objects.filter(request=wanted)
                    .values_list("action", "user")) == [("refused", f.users["admin"].pk)]  # fmt: skip

    def test_an_erasure_on_request_leaves_its_action(self, client, world):
        f = world.a
        close(f)
        wanted = erasure_request(f)
        client.force_login(f.users["admin"])
        done = client.post(reverse("client_anonymise", args=[f.client.pk]),
                           {"basis": "request", "subject_request": wanted.pk,
                            "reason": "subject_request", "note": REASON})  # fmt: skip
        assert done.status_code == 302
        assert SubjectRequest.objects.get(pk=wanted.pk).status == "completed"
        assert list(RequestAction.objects.filter(request=wanted)
                    .values_list("action", "user")) == [("erased", f.users["admin"].pk)]  # fmt: skip
