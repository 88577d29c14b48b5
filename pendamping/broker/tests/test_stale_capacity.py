"""Stale capacity: marked in the directory and in matching, listed for its owners to
refresh (page, home card, weekly inbox, API), "still correct" records the check."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from pendamping.broker import matching, services
from pendamping.broker.models import DirectorySettings, Service
from pendamping.broker.tests.conftest import add_service
from pendamping.inbox.models import Notification

BADGE = "kapasitas usang"


def age(service, days):
    """Make the service's capacity `days` old (None: never updated)."""
    when = None if days is None else timezone.now() - timedelta(days=days)
    Service.objects.filter(pk=service.pk).update(capacity_updated_at=when)
    service.refresh_from_db()
    return service


@pytest.fixture
def stale(directory):
    """Dapur Umum Andir 40 days old, Paket Sembako never updated, Dapur Harapan (agency
    B's, shared) 90 days old; the rest fresh."""
    age(directory.services["dapur"], 40)
    age(directory.services["sembako"], None)
    age(directory.services["mitra"], 90)
    return directory


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


class TestDirectoryBadge:
    def test_stale_services_carry_a_badge(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        html = client.get("/directory/").content.decode()
        assert BADGE in row_of(html, "Dapur Umum Andir")
        assert BADGE in row_of(html, "Paket Sembako Cimahi")  # never updated
        assert BADGE in row_of(html, "Dapur Harapan")  # another agency's, by our time
        assert BADGE not in row_of(html, "Lumbung Pangan Garut")

    def test_the_agency_sets_the_time(self, client, world, stale):
        admin = world.a.users["admin"]
        client.force_login(admin)
        r = client.post("/directory/settings/", {"capacity_stale_days": "60"})
        assert r.status_code == 302
        assert DirectorySettings.objects.get(agency=world.a.agency).capacity_stale_days == 60
        html = client.get("/directory/").content.decode()
        assert BADGE not in row_of(html, "Dapur Umum Andir")  # 40 < 60 days
        assert BADGE in row_of(html, "Dapur Harapan")
        client.force_login(world.b.users["worker"])  # agency B keeps the default 30 days
        html = client.get("/directory/", {"q": "dapur harapan"}).content.decode()
        assert BADGE in row_of(html, "Dapur Harapan")

    @pytest.mark.parametrize("days", ["0", "366", "x", ""])
    def test_a_bad_setting_is_refused_and_nothing_saved(self, client, world, days):
        client.force_login(world.a.users["admin"])
        r = client.post("/directory/settings/", {"capacity_stale_days": days})
        assert r.status_code == 422
        assert 'class="errorlist' in r.content.decode() or "error" in r.content.decode()
        assert not DirectorySettings.objects.exists()

    def test_only_the_admin_sets_it(self, client, world):
        client.force_login(world.a.users["supervisor"])
        assert client.post("/directory/settings/", {"capacity_stale_days": "9"}).status_code == 403


class TestStillCorrect:
    def test_one_click_records_the_check(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        s = stale.services["dapur"]
        html = client.get(f"/directory/services/{s.pk}/").content.decode()
        assert BADGE in html and "Masih benar" in html
        before = timezone.now()
        r = client.post(f"/directory/services/{s.pk}/capacity/confirm/",
                        {"version": s.version, "next": "/directory/stale/"})  # fmt: skip
        assert r.status_code == 302 and r["Location"] == "/directory/stale/"
        fresh = Service.objects.get(pk=s.pk)
        assert fresh.capacity_updated_at >= before and fresh.version == s.version + 1
        assert fresh.capacity == s.capacity  # the capacity itself is unchanged
        html = client.get(f"/directory/services/{s.pk}/").content.decode()
        assert BADGE not in html and "Masih benar" not in html

    def test_an_old_version_is_a_conflict_and_changes_nothing(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        s = stale.services["dapur"]
        r = client.post(f"/directory/services/{s.pk}/capacity/confirm/",
                        {"version": s.version - 1 or 99}, follow=True)  # fmt: skip
        assert r.status_code == 200
        assert Service.objects.get(pk=s.pk).capacity_updated_at == s.capacity_updated_at

    def test_an_outside_next_is_not_followed(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        s = stale.services["dapur"]
        r = client.post(f"/directory/services/{s.pk}/capacity/confirm/",
                        {"version": s.version, "next": "https://example.com/"})  # fmt: skip
        assert r["Location"] == f"/directory/services/{s.pk}/"

    def test_another_agency_cannot_confirm(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        s = stale.services["mitra"]  # agency B's shared service
        r = client.post(f"/directory/services/{s.pk}/capacity/confirm/", {"version": s.version})
        assert r.status_code == 403


class TestStaleList:
    def test_the_owners_see_their_own_stale_services_oldest_first(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        html = client.get("/directory/stale/").content.decode()
        assert html.index("Paket Sembako Cimahi") < html.index("Dapur Umum Andir")
        assert "Dapur Harapan" not in html  # agency B's: B refreshes it
        assert "Lumbung Pangan Garut" not in html
        services.service_delete(actor=world.a.users["worker"], service=stale.services["dapur"])
        assert "Dapur Umum Andir" not in client.get("/directory/stale/").content.decode()

    def test_the_list_speaks_english_too(self, client, world, stale):
        user = world.a.users["worker"]
        user.language = "en"
        user.save(update_fields=["language"])
        client.force_login(user)
        html = client.get("/directory/stale/").content.decode()
        assert "Capacity to refresh" in html and "Still correct" in html

    def test_its_queries_do_not_grow_with_rows(
        self, client, world, stale, django_assert_max_num_queries
    ):
        client.force_login(world.a.users["worker"])
        with CaptureQueriesContext(connection) as few:
            client.get("/directory/stale/")
        for i in range(6):
            age(add_service(world.a.users["worker"], stale.org, f"Asrama {i}", ["hidup_layak"]), 50)
        with django_assert_max_num_queries(len(few)):
            client.get("/directory/stale/")

    def test_the_home_page_has_a_card_for_writers(self, client, world, stale):
        client.force_login(world.a.users["worker"])
        html = client.get("/").content.decode()
        assert 'id="stale-capacity"' in html and "Dapur Umum Andir" in html
        client.force_login(world.a.users["auditor"])
        assert 'id="stale-capacity"' not in client.get("/").content.decode()


class TestMatching:
    def test_a_stale_capacity_counts_as_unknown_and_is_flagged(self, world, directory):
        fresh = {s.service.name: s for s in matching.match(directory.need).suggestions}
        age(directory.services["dapur"], 40)
        result = {s.service.name: s for s in matching.match(directory.need).suggestions}
        dapur = result["Dapur Umum Andir"]
        assert dapur.capacity_stale and not fresh["Dapur Umum Andir"].capacity_stale
        assert dapur.score == fresh["Dapur Umum Andir"].score - 25 + 6
        assert any("belum diperbarui" in r for r in dapur.reasons)
        assert not result["Dapur Harapan"].capacity_stale

    def test_the_api_and_the_page_show_it(self, api, client, world, directory):
        age(directory.services["dapur"], 40)
        api.as_user(world.a.users["worker"])
        body = api.get(f"/cases/{world.a.case.pk}/needs/{directory.need.pk}/matches").json()
        flags = {s["name"]: s["capacity_stale"] for s in body["suggestions"]}
        assert flags["Dapur Umum Andir"] is True and flags["Dapur Harapan"] is False
        client.force_login(world.a.users["worker"])
        html = client.get(f"/needs/{directory.need.pk}/").content.decode()
        assert BADGE in html


class TestInbox:
    def test_admins_and_recorders_are_told_once_a_week(self, world, stale):
        sent = services.notify_stale_capacity()
        a_admin, a_worker = world.a.users["admin"], world.a.users["worker"]
        b_worker = world.b.users["worker"]
        told = set(Notification.objects.filter(kind="capacity_stale")
                   .values_list("recipient_id", flat=True))  # fmt: skip
        assert {a_admin.pk, a_worker.pk, b_worker.pk} <= told
        assert world.a.users["auditor"].pk not in told
        note = Notification.objects.get(kind="capacity_stale", recipient=a_worker)
        assert note.url == "/directory/stale/"
        assert note.text == "2 layanan lembaga Anda perlu diperbarui kapasitasnya"
        with override("en"):
            assert note.text == "2 of your agency's services need their capacity refreshed"
        assert services.notify_stale_capacity() == 0  # the same week: nothing new
        assert sent == len(told)

    def test_nobody_is_told_when_all_is_fresh(self, world, directory):
        assert services.notify_stale_capacity() == 0


class TestApi:
    def test_it_lists_and_confirms(self, api, world, stale):
        api.as_user(world.a.users["worker"])
        rows = api.get("/directory/stale-capacity").json()
        assert [r["name"] for r in rows] == ["Paket Sembako Cimahi", "Dapur Umum Andir"]
        s = stale.services["dapur"]
        r = api.post(f"/directory/services/{s.pk}/capacity/confirm", {"version": s.version})
        assert r.status_code == 200 and r.json()["version"] == s.version + 1
        assert [r["name"] for r in api.get("/directory/stale-capacity").json()] == [
            "Paket Sembako Cimahi"
        ]
        again = api.post(f"/directory/services/{s.pk}/capacity/confirm", {"version": s.version})
        assert again.status_code == 409
        assert api.post(f"/directory/services/{s.pk}/capacity/confirm", {}).status_code == 422

    def test_readers_are_refused(self, api, world, stale):
        api.as_user(world.a.users["auditor"])
        assert api.get("/directory/stale-capacity").status_code == 403
