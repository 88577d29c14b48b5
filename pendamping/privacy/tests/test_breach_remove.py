"""Taking a client added to a breach by mistake off its list: the page and the API,
the reason required, the history keeping the removal (codes, no text), a closed
breach and another agency refused."""

import pytest
from django.urls import reverse

from pendamping.privacy import breaches
from pendamping.privacy.models import BreachClient, BreachEvent

from .test_breaches import record, register


def _with_clients(f, n=2):
    b = record(f)
    clients = register(f.users["worker"], n)
    breaches.affected_add(actor=f.users["dpo"], breach=b, source="chosen",
                          client_ids=[c.pk for c in clients])  # fmt: skip
    return b, clients


@pytest.mark.django_db
class TestRemovalPage:
    def test_the_page_removes_a_client_and_the_history_says_why(self, client, world):
        b, (wrong, right) = _with_clients(world.a)
        breaches.letters_issue_all(actor=world.a.users["dpo"], breach=b)
        breaches.client_notified(actor=world.a.users["dpo"], breach=b,
                                 affected=b.affected.get(client=wrong))  # fmt: skip
        client.force_login(world.a.users["dpo"])
        response = client.post(reverse("breach_affected_remove", args=[b.pk]),
                               {"client_id": wrong.pk, "reason": "wrong_client"})  # fmt: skip
        assert response.status_code == 302
        assert list(b.affected.values_list("client_id", flat=True)) == [right.pk]
        event = b.events.get(kind=BreachEvent.Kind.CLIENT_REMOVED)
        assert event.by == world.a.users["dpo"]
        assert event.data["client"] == wrong.pk and event.data["reason"] == "wrong_client"
        assert event.data["source"] == "chosen" and event.data["notified_on"]
        page = client.get(reverse("breach_detail", args=[b.pk])).content.decode()
        assert f"Klien #{wrong.pk} dikeluarkan dari daftar terdampak: Salah memilih klien" in page
        assert "suratnya sudah dikirim" in page

    def test_the_reason_is_required_in_both_languages_and_nothing_is_lost(self, client, world):
        b, (one, _two) = _with_clients(world.a)
        client.force_login(world.a.users["admin"])
        url = reverse("breach_affected_remove", args=[b.pk])
        response = client.post(url, {"client_id": one.pk, "reason": ""})
        assert response.status_code == 422 and "Bidang ini tidak boleh kosong" in response.text
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = client.post(url, {"client_id": one.pk, "reason": "because"})
        assert response.status_code == 422 and "Select a valid choice" in response.text
        response = client.post(url, {"client_id": world.b.client.pk, "reason": "wrong_client"})
        assert "This client is not on the list of affected clients." in response.text
        assert b.affected.count() == 2
        assert not b.events.filter(kind=BreachEvent.Kind.CLIENT_REMOVED).exists()

    def test_a_client_not_on_the_list_is_a_clear_error(self, client, world):
        b, _clients = _with_clients(world.a)
        client.force_login(world.a.users["dpo"])
        response = client.post(reverse("breach_affected_remove", args=[b.pk]),
                               {"client_id": world.b.client.pk, "reason": "not_touched"})  # fmt: skip
        assert response.status_code == 422
        assert "tidak ada dalam daftar terdampak" in response.content.decode()
        assert b.affected.count() == 2

    def test_the_page_refuses_a_closed_breach_on_the_form(self, client, world):
        b, (one, _two) = _with_clients(world.a)
        breaches.breach_update(actor=world.a.users["dpo"], breach=b, expected_version=b.version,
                               status="closed")  # fmt: skip
        client.force_login(world.a.users["dpo"])
        response = client.post(reverse("breach_affected_remove", args=[b.pk]),
                               {"client_id": one.pk, "reason": "wrong_client"})  # fmt: skip
        assert response.status_code == 422  # a closed breach's page shows no removal form
        assert response.context["remove"].non_field_errors() == ["Kegagalan ini sudah ditutup."]
        # the page has no removal form to show it in: it is told at the top, once
        assert [str(m) for m in response.context["messages"]] == ["Kegagalan ini sudah ditutup."]
        assert response.text.count("Kegagalan ini sudah ditutup.") == 1
        assert b.affected.count() == 2

    def test_a_closed_breach_keeps_its_list(self, world):
        from django.core.exceptions import ValidationError

        b, (one, _two) = _with_clients(world.a)
        breaches.breach_update(actor=world.a.users["dpo"], breach=b, expected_version=b.version,
                               status="closed")  # fmt: skip
        with pytest.raises(ValidationError):
            breaches.affected_remove(actor=world.a.users["dpo"], breach=b,
                                     affected=b.affected.get(client=one), reason="wrong_client")  # fmt: skip
        assert b.affected.count() == 2


@pytest.mark.django_db
class TestRemovalApi:
    def test_remove_and_read_the_history(self, api, world, django_assert_max_num_queries):
        b, (wrong, right) = _with_clients(world.a)
        api.as_user(world.a.users["dpo"])
        with django_assert_max_num_queries(20):
            done = api.post(
                f"/breaches/{b.pk}/clients/{wrong.pk}/remove", {"reason": "not_touched"}
            )
        assert done.status_code == 200, done.json()
        assert done.json()["affected_count"] == 1
        assert list(BreachClient.objects.values_list("client_id", flat=True)) == [right.pk]
        history = api.get(f"/breaches/{b.pk}/history").json()
        assert history[-1]["kind"] == "client_removed"
        assert history[-1]["text"].startswith(f"Klien #{wrong.pk} dikeluarkan")

    def test_bad_input_is_a_422_and_another_agency_a_404(self, api, world):
        b, (one, _two) = _with_clients(world.a)
        api.as_user(world.a.users["dpo"])
        assert api.post(f"/breaches/{b.pk}/clients/{one.pk}/remove", {}).status_code == 422
        bad = api.post(f"/breaches/{b.pk}/clients/{one.pk}/remove", {"reason": "x"})
        assert bad.status_code == 422
        missing = api.post(f"/breaches/{b.pk}/clients/{world.b.client.pk}/remove",
                           {"reason": "wrong_client"})  # fmt: skip
        assert missing.status_code == 404
        other = api.as_user(world.b.users["dpo"])
        assert other.post(f"/breaches/{b.pk}/clients/{one.pk}/remove",
                          {"reason": "wrong_client"}).status_code == 404  # fmt: skip
        assert b.affected.count() == 2
