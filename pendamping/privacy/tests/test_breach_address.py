"""Finding a breach's clients by network address: the API takes only an IPv4 or IPv6
address (422 with the reason in both languages, never a database error), and the
history keeps the address written the way the log keeps it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pendamping.privacy.models import BreachEvent
from pendamping.privacy.tests.test_breaches import log, record


def _post(api, breach, address, **extra):
    now = timezone.now()
    return api.post(f"/breaches/{breach.pk}/clients", {
        "source": "address_reads", "address": address,
        "since": (now - timedelta(days=1)).isoformat(), "until": now.isoformat(), **extra,
    })  # fmt: skip


@pytest.mark.django_db
class TestAddressReads:
    @pytest.mark.parametrize("address", ["bukan alamat", "10.0.0.999", "fe80::1%eth0",
                                         "1" * 45, " "])  # fmt: skip
    def test_it_refuses_what_is_not_an_address(self, api, world, address):
        b = record(world.a)
        api.as_user(world.a.users["dpo"])
        response = _post(api, b, address)
        assert response.status_code == 422, response.content
        assert "alamat jaringan (ip)" in response.content.decode().lower()
        assert not BreachEvent.objects.filter(breach=b, kind="clients_added").exists()

    def test_it_says_why_in_english(self, api, world):
        user = world.a.users["dpo"]
        user.language = "en"
        user.save(update_fields=["language"])
        api.as_user(user)
        response = _post(api, record(world.a), "bukan alamat")
        assert response.status_code == 422
        assert "Not a valid network (IP) address" in response.content.decode()

    def test_it_finds_the_clients_and_keeps_the_normalised_address(self, api, world):
        a = world.a
        log(a.users["admin"], a.agency, [a.client.pk], at=timezone.now() - timedelta(hours=1),
            address="2001:db8::5")  # fmt: skip
        b = record(a)
        api.as_user(a.users["dpo"])
        response = _post(api, b, " 2001:0DB8:0000::0005 ")
        assert response.status_code == 200, response.content
        assert response.json()["added"] == 1
        event = BreachEvent.objects.get(breach=b, kind="clients_added")
        assert event.data["address"] == "2001:db8::5"
