"""Reading the processing log: the page with its filters, the CSV, the API, and
unusual reading on the data protection officer's home."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.privacy.models import AccessRecord, PrivacySettings


def log(f, user, clients, what="client_detail", at=None, address="10.0.0.1"):
    return AccessRecord.objects.create(
        agency=f.agency, user=user, what=what, address=address, at=at or timezone.now(),
        clients="," + ",".join(map(str, clients)) + ",", client_count=len(clients),
    )  # fmt: skip


@pytest.mark.django_db
class TestTheApi:
    def test_it_filters_by_client_user_and_period(self, api, world):
        a = world.a
        old = log(a, a.users["worker"], [a.client.pk], at=timezone.now() - timedelta(days=40))
        mine = log(a, a.users["worker"], [a.client.pk, 999])
        other = log(a, a.users["supervisor"], [998])
        api.as_user(a.users["dpo"])
        got = api.get(f"/access-log?client_id={a.client.pk}").json()
        assert [r["id"] for r in got["items"]] == [mine.pk, old.pk]
        assert got["items"][0]["client_ids"] == [a.client.pk, 999]
        assert got["items"][0]["role"] == "worker" and got["items"][0]["address"] == "10.0.0.1"
        since = (timezone.localdate() - timedelta(days=1)).isoformat()
        got = api.get(f"/access-log?since={since}").json()
        assert {r["id"] for r in got["items"]} == {mine.pk, other.pk}
        got = api.get(f"/access-log?user_id={a.users['supervisor'].pk}").json()
        assert [r["id"] for r in got["items"]] == [other.pk]
        until = (timezone.localdate() - timedelta(days=30)).isoformat()
        assert [r["id"] for r in api.get(f"/access-log?until={until}").json()["items"]] == [old.pk]

    def test_it_refuses_other_roles_and_bad_input(self, api, world):
        log(world.a, world.a.users["worker"], [world.a.client.pk])
        for role in ("worker", "supervisor", "auditor", "instructor"):
            assert api.as_user(world.a.users[role]).get("/access-log").status_code == 403
        api.as_user(world.a.users["admin"])
        assert api.get("/access-log").json()["count"] == 1
        assert api.get("/access-log?since=2026-02-30").status_code == 422
        assert api.get("/access-log?client_id=-1").status_code == 422
        assert api.get("/access-log?since=2026-05-02&until=2026-05-01").status_code == 422

    def test_another_agency_sees_nothing_but_a_client_shows_every_reader(self, api, world):
        a, b = world.a, world.b
        log(a, a.users["worker"], [a.client.pk])
        assert api.as_user(b.users["dpo"]).get("/access-log").json()["count"] == 0
        assert api.get(f"/access-log?client_id={a.client.pk}").json()["count"] == 0
        # agency B read A's client (a shared referral): A's officer sees that read
        log(b, b.users["worker"], [a.client.pk], what="referral_detail")
        got = api.as_user(a.users["dpo"]).get(f"/access-log?client_id={a.client.pk}").json()
        assert {r["agency_id"] for r in got["items"]} == {a.agency.pk, b.agency.pk}
        assert api.get("/access-log").json()["count"] == 1  # unfiltered: A's readers only


@pytest.mark.django_db
class TestThePage:
    def test_it_lists_and_filters_in_both_languages(self, client, world):
        a = world.a
        log(a, a.users["worker"], [a.client.pk])
        log(a, a.users["supervisor"], [12345])
        client.force_login(a.users["dpo"])
        page = client.get(reverse("access_log"), {"client_id": a.client.pk}).content.decode()
        assert "Siti Rahayu A" in page and "client_detail" in page and "12345" not in page
        client.cookies["django_language"] = "en"
        page = client.get(reverse("access_log"), {"since": "x"}).content.decode()
        assert "Enter a valid date" in page

    def test_the_csv_holds_the_filtered_rows_with_formulas_neutralised(self, client, world):
        a = world.a
        log(a, a.users["worker"], [a.client.pk], what="=HYPERLINK(1)")
        log(a, a.users["supervisor"], [7])
        client.force_login(a.users["admin"])
        response = client.get(reverse("access_log_csv"), {"user": a.users["worker"].pk})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert len(rows) == 2 and rows[1][1] == "a_worker" and rows[1][4] == "'=HYPERLINK(1)"
        assert rows[1][6] == str(a.client.pk)

    def test_its_settings_keep_the_margin_and_refuse_nonsense(self, client, world):
        client.force_login(world.a.users["dpo"])
        url = reverse("privacy_settings")
        assert client.post(url, {"unusual_reading_margin": "0"}).status_code == 422
        assert client.post(url, {"unusual_reading_margin": "abc"}).status_code == 422
        assert client.post(url, {"unusual_reading_margin": "5"}).status_code == 302
        assert PrivacySettings.objects.get(agency=world.a.agency).unusual_reading_margin == 5


@pytest.mark.django_db
class TestUnusualReading:
    def test_it_flags_a_user_who_opens_far_more_files_than_their_caseload(self, client, world):
        a = world.a
        PrivacySettings.objects.create(agency=a.agency, unusual_reading_margin=3)
        for pk in range(100, 105):  # five files, a caseload of one: 5 > 1 + 3
            log(a, a.users["worker"], [pk])
        for pk in range(200, 204):  # four files, no caseload: 4 > 0 + 3
            log(a, a.users["auditor"], [pk])
        log(a, a.users["supervisor"], list(range(300, 340)), what="client_list")  # a list
        log(a, a.users["other_worker"], [400], at=timezone.now() - timedelta(days=2))
        client.force_login(a.users["dpo"])
        page = client.get(reverse("home")).content.decode()
        assert "membuka 5 berkas klien, tanggungan 1 klien" in page
        assert "membuka 4 berkas klien, tanggungan 0 klien" in page
        assert "Supervisor" not in page.split('id="unusual-reading"')[1].split("</section>")[0]
        client.force_login(world.b.users["dpo"])
        assert "berkas klien, tanggungan" not in client.get(reverse("home")).content.decode()

    def test_it_says_so_when_nothing_is_unusual(self, client, world):
        client.force_login(world.a.users["dpo"])
        page = client.get(reverse("home")).content.decode()
        assert "Tidak ada pengguna yang membuka berkas klien" in page
        assert "Siti Rahayu" not in page  # the officer's home holds no case content
