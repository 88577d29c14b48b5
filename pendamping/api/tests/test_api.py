"""The API's contract: tokens, JSON errors, pagination, OpenAPI."""

import pytest

from pendamping.accounts.models import ApiToken


class TestToken:
    def test_it_issues_a_token_for_a_good_password(self, client, world):
        user = world.a.users["worker"]
        user.set_password("rahasia-sekali-123")
        user.save()
        r = client.post("/api/v1/auth/token", {"username": user.username, "password": "rahasia-sekali-123"},
                        content_type="application/json")  # fmt: skip
        assert r.status_code == 200
        token = r.json()["token"]
        assert ApiToken.objects.filter(digest=ApiToken.digest_of(token)).exists()
        assert not ApiToken.objects.filter(digest=token).exists()  # only the digest is stored
        me = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200
        assert me.json()["count"] == 1

    def test_it_refuses_a_bad_password_with_json(self, client, world):
        r = client.post("/api/v1/auth/token", {"username": "a_worker", "password": "salah"},
                        content_type="application/json")  # fmt: skip
        assert r.status_code == 401
        assert r.json()["detail"]

    def test_it_throttles_repeated_failures(self, client, world, settings):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 3
        statuses = [
            client.post("/api/v1/auth/token", {"username": "a_worker", "password": "salah"},
                        content_type="application/json", REMOTE_ADDR="10.9.9.9").status_code
            for _ in range(5)
        ]  # fmt: skip
        assert statuses[:2] == [401, 401]
        assert statuses[-1] == 429

    def test_it_refuses_an_unknown_or_expired_token(self, api, world):
        from django.utils import timezone

        api.token = "not-a-token"
        assert api.get("/cases").status_code == 401
        api.as_user(world.a.users["worker"])
        ApiToken.objects.update(expires_at=timezone.now())
        assert api.get("/cases").status_code == 401


class TestErrors:
    @pytest.mark.parametrize(
        "body",
        [
            {"full_name": "X", "birth_date": "bukan-tanggal"},
            {"full_name": "X", "birth_date": "1990-01-01", "nik": "123"},
            {"full_name": "", "birth_date": "1990-01-01"},
            {"full_name": "X", "birth_date": "1990-01-01", "region_code": "99.99"},
            {"full_name": "X", "birth_date": "1990-01-01", "ppks_categories": ["bukan"]},
            {},
        ],
    )
    def test_it_answers_bad_input_with_json_422(self, api, world, body):
        r = api.as_user(world.a.users["worker"]).post("/clients", body)
        assert r.status_code == 422, r.content
        assert r.json()["detail"]

    def test_it_answers_malformed_json_with_a_client_error(self, client, world):
        token = ApiToken.issue(world.a.users["worker"])
        r = client.post("/api/v1/clients", "{not json", content_type="application/json",
                        headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert 400 <= r.status_code < 500

    def test_it_answers_404_as_json(self, api, world):
        r = api.as_user(world.a.users["worker"]).get("/cases/999999")
        assert r.status_code == 404
        assert r.json() == {"detail": "Tidak ditemukan."}


class TestLists:
    def test_it_paginates_and_filters_cases(self, api, world):
        from pendamping.cases import services

        f = world.a
        for i in range(30):
            services.case_open(
                actor=f.users["worker"], client=f.client, presenting_problem=f"Masalah {i}"
            )
        api.as_user(f.users["worker"])
        page1 = api.get("/cases?page_size=20").json()
        page2 = api.get("/cases?page_size=20&page=2").json()
        assert page1["count"] == 31 and len(page1["items"]) == 20 and len(page2["items"]) == 11
        assert api.get("/cases?stage=asesmen").json()["count"] == 0
        assert api.get("/cases?status=closed").json()["count"] == 0

    def test_it_lists_overdue_tasks(self, api, world):
        items = api.as_user(world.a.users["worker"]).get("/tasks?overdue=true").json()["items"]
        assert [t["id"] for t in items] == [world.a.task.pk]
        assert items[0]["is_overdue"] is True


def test_openapi_document_is_served(client, db):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/v1/auth/token" in paths and "/api/v1/cases/{case_id}/events" in paths


def test_absurd_page_numbers_are_refused_everywhere(api, world):
    """Every paginated list answers 422 to a page number past the bound, never 500."""
    api.as_user(world.a.users["worker"])
    for path in ("/clients", "/cases", "/tasks", f"/cases/{world.a.case.pk}/notes",
                 f"/cases/{world.a.case.pk}/assessments", f"/cases/{world.a.case.pk}/instruments"):  # fmt: skip
        assert api.get(f"{path}?page=100000000000000000000").status_code == 422, path
        assert api.get(f"{path}?page_size=1000").status_code == 422, path
        assert api.get(f"{path}?page=2").status_code == 200, path
