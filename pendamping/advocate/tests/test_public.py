"""The public status page: no login, status and dates only, throttled."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pendamping.advocate import throttle

from .conftest import receive_anonymous, receive_group

URL = "/status/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class TestPublicStatus:
    def test_it_is_at_a_fixed_address_without_login(self, client, db):
        assert reverse("complaint_status_public") == URL
        assert client.get(URL).status_code == 200

    def test_it_shows_status_and_dates_and_nothing_personal(self, client, world):
        f = world.a
        c, secret = receive_group(f)
        r = client.post(URL, {"code": c.tracking_code.lower(), "secret": secret})
        assert r.status_code == 200
        html = r.content.decode()
        assert c.tracking_code in html and "Baru" in html
        for leak in ("Pak Darto", "0812-1111-2222", "Warga RW 05", "Data penerima bansos",
                     "Banyak warga", "Maleber", "Bansos", str(f.users["worker"]), secret):  # fmt: skip
            assert leak not in html, leak

    def test_it_shows_nothing_of_an_anonymous_complainants_contact(self, client, world):
        c, secret = receive_anonymous(world.a)
        html = client.post(URL, {"code": c.tracking_code, "secret": secret}).content.decode()
        assert "Kotak surat" not in html and "panti" not in html.lower()

    def test_a_wrong_secret_and_a_wrong_code_look_the_same(self, client, world):
        c, _secret = receive_group(world.a)
        wrong_secret = client.post(URL, {"code": c.tracking_code, "secret": "AAAAAAAAAA"})
        wrong_code = client.post(URL, {"code": "ADU-AAAA-AAAA", "secret": "AAAAAAAAAA"})
        assert wrong_secret.status_code == wrong_code.status_code == 404
        assert "tidak cocok" in wrong_secret.content.decode()
        assert c.tracking_code not in wrong_code.content.decode()

    def test_it_throttles_guessing_a_code(self, client, world):
        c, secret = receive_group(world.a)
        for i in range(throttle.PER_CODE):
            client.post(
                URL, {"code": c.tracking_code, "secret": f"WRONG{i}"}, REMOTE_ADDR=f"10.0.0.{i}"
            )
        r = client.post(URL, {"code": c.tracking_code, "secret": secret}, REMOTE_ADDR="10.0.1.1")
        assert r.status_code == 429 and "Terlalu banyak percobaan" in r.content.decode()
        assert 'id="status"' not in r.content.decode()

    def test_it_throttles_one_address_trying_many_codes(self, client, world):
        c, secret = receive_group(world.a)
        for i in range(throttle.PER_IP):
            client.post(URL, {"code": f"ADU-AAAA-AA{i:02d}", "secret": "x"})
        assert client.post(URL, {"code": c.tracking_code, "secret": secret}).status_code == 429
        other = client.post(
            URL, {"code": c.tracking_code, "secret": secret}, REMOTE_ADDR="10.9.9.9"
        )
        assert other.status_code == 200

    def test_behind_our_proxy_one_guesser_does_not_lock_out_everyone(self, client, world, settings):
        """Security review M1: behind nginx every request comes from the proxy's address."""
        settings.TRUSTED_PROXY_COUNT = 1
        c, secret = receive_group(world.a)
        proxy = {"REMOTE_ADDR": "127.0.0.1"}
        for i in range(throttle.PER_IP):
            client.post(URL, {"code": f"ADU-AAAA-AA{i:02d}", "secret": "x"},
                        HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)  # fmt: skip
        guesser = client.post(URL, {"code": c.tracking_code, "secret": secret},
                              HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)  # fmt: skip
        assert guesser.status_code == 429
        # a forged entry to the left of our proxy's is not believed
        forged = client.post(URL, {"code": c.tracking_code, "secret": secret},
                             HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.9", **proxy)  # fmt: skip
        assert forged.status_code == 429
        complainant = client.post(URL, {"code": c.tracking_code, "secret": secret},
                                  HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)  # fmt: skip
        assert complainant.status_code == 200

    def test_empty_input_is_a_clear_error(self, client, db):
        r = client.post(URL, {"code": "", "secret": ""})
        assert r.status_code == 422
