"""Fulfilling requests through the pages and the API: restricting a client (banner,
refusal, lifting with a reason, audit), releasing a reviewed package, linking a
correction to the edits made for it."""

import json

from django.urls import reverse

from pendamping.privacy import requests
from pendamping.privacy.models import RequestAction, Restriction


def _request(world, kind):
    return requests.request_record(actor=world.a.users["dpo"], client_id=world.a.client.pk,
                                   kind=kind, requested_by="client", identity_check="ktp")  # fmt: skip


class TestRestriction:
    def test_it_restricts_shows_the_banner_refuses_and_lifts(self, client, world):
        asked = _request(world, "restriction")
        client.force_login(world.a.users["dpo"])
        client.post(reverse("subject_request_restrict", kwargs={"pk": asked.pk}))
        assert Restriction.objects.get(request=asked).active
        client.force_login(world.a.users["worker"])
        page = client.get(reverse("client_detail", kwargs={"pk": world.a.client.pk}))
        assert page.status_code == 200 and "Pemrosesan dibatasi sejak" in page.content.decode()
        case = client.get(reverse("case_detail", kwargs={"pk": world.a.case.pk}))
        assert "Pemrosesan dibatasi sejak" in case.content.decode()
        refused = client.post(reverse("family_add", kwargs={"pk": world.a.client.pk}),
                              {"name": "Adik", "sex": "M", "relation": "sibling"})  # fmt: skip
        assert refused.status_code == 403 and "Pasal 41" in refused.content.decode()
        client.force_login(world.a.users["dpo"])
        empty = client.post(
            reverse("subject_request_lift", kwargs={"pk": asked.pk}), {"reason": " "}
        )
        assert empty.status_code == 302 and Restriction.objects.get(request=asked).active
        client.post(reverse("subject_request_lift", kwargs={"pk": asked.pk}), {"reason": "Dicabut"})
        assert not Restriction.objects.get(request=asked).active
        assert list(RequestAction.objects.filter(request=asked).values_list("action", flat=True)) == [
            "restricted", "lifted"]  # fmt: skip
        client.force_login(world.a.users["worker"])
        ok = client.post(reverse("family_add", kwargs={"pk": world.a.client.pk}),
                         {"name": "Adik", "sex": "M", "relation": "sibling"})  # fmt: skip
        assert ok.status_code == 302

    def test_it_refuses_in_english_over_the_api(self, api, world):
        asked = _request(world, "restriction")
        api.as_user(world.a.users["admin"])
        made = api.post(f"/subject-requests/{asked.pk}/restrict", {})
        assert made.status_code == 201 and made.json()["active"]
        again = api.post(f"/subject-requests/{asked.pk}/restrict", {})
        assert again.status_code == 422
        worker = world.a.users["worker"]
        worker.language = "en"
        worker.save(update_fields=["language"])
        api.as_user(worker)
        got = api.call("PATCH", f"/clients/{world.a.client.pk}",
                       {"version": world.a.client.version, "nickname": "Iti"})  # fmt: skip
        assert got.status_code == 403 and "restricted" in got.json()["detail"]
        api.as_user(world.a.users["admin"])
        lifted = api.post(f"/subject-requests/{asked.pk}/lift", {"reason": "Selesai"})
        assert lifted.status_code == 200 and not lifted.json()["active"]

    def test_only_a_restriction_request_restricts(self, api, world):
        asked = _request(world, "access")
        api.as_user(world.a.users["dpo"])
        assert api.post(f"/subject-requests/{asked.pk}/restrict", {}).status_code == 422


class TestRelease:
    def test_the_package_is_a_draft_until_the_admin_signs_it_off(self, client, world):
        asked = _request(world, "access")
        client.force_login(world.a.users["admin"])
        url = reverse("subject_request_package", kwargs={"pk": asked.pk})
        assert json.loads(client.get(url).content)["release"]["status"] == "draft"
        client.force_login(world.a.users["dpo"])
        assert (
            client.post(reverse("subject_request_release", kwargs={"pk": asked.pk})).status_code
            == 403
        )
        client.force_login(world.a.users["admin"])
        client.post(reverse("subject_request_release", kwargs={"pk": asked.pk}))
        package = json.loads(client.get(url).content)
        assert package["release"]["status"] == "released" and package["release"]["released_at"]
        asked.refresh_from_db()
        assert asked.package_released_by == world.a.users["admin"]
        assert RequestAction.objects.filter(request=asked, action="released").count() == 1
        twice = client.post(
            reverse("subject_request_release", kwargs={"pk": asked.pk}), follow=True
        )
        assert "sudah disetujui" in twice.content.decode()


class TestCorrectionEdits:
    def test_it_links_the_edits_made_since_receipt(self, client, api, world):
        asked = _request(world, "correction")
        client.force_login(world.a.users["worker"])
        client.post(reverse("family_add", kwargs={"pk": world.a.client.pk}),
                    {"name": "Adik", "sex": "M", "relation": "sibling"})  # fmt: skip
        api.as_user(world.a.users["dpo"])
        found = api.get(f"/subject-requests/{asked.pk}/edits").json()
        assert [c["what"] for c in found["candidates"]] == ["POST family_add"]
        edit = found["candidates"][0]["id"]
        linked = api.post(f"/subject-requests/{asked.pk}/edits", {"record_ids": [edit]})
        assert [e["id"] for e in linked.json()["linked"]] == [edit]
        wrong = api.post(f"/subject-requests/{asked.pk}/edits", {"record_ids": [edit + 999]})
        assert wrong.status_code == 422
        client.force_login(world.a.users["dpo"])
        page = client.get(reverse("subject_request_detail", kwargs={"pk": asked.pk}))
        assert "POST family_add" in page.content.decode()
