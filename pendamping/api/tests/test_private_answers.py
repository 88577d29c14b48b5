"""Answers that carry client data are not cached, and the API docs are for members
when API_DOCS_PUBLIC is off (issue 15, "Tokens and sessions")."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "path",
    ["/", "/clients/", "/cases/", "/referrals/"],
)
def test_pages_are_never_stored(client, world, path):
    client.force_login(world.a.users["worker"])
    r = client.get(path)
    assert r.status_code == 200
    assert r["Cache-Control"] == "no-store, private"


def test_case_page_errors_and_login_are_never_stored(client, world):
    client.force_login(world.a.users["worker"])
    case = world.a.case
    assert (
        client.get(reverse("case_detail", args=[case.pk]))["Cache-Control"] == "no-store, private"
    )
    assert client.get("/cases/999999999/")["Cache-Control"] == "no-store, private"
    client.logout()
    login = client.get("/login/")["Cache-Control"]  # Django's own never_cache, kept
    assert "no-store" in login and "private" in login


def test_api_answers_are_never_stored(api, world):
    api.as_user(world.a.users["worker"])
    ok = api.get(f"/clients/{world.a.client.pk}")
    assert ok.status_code == 200 and ok["Cache-Control"] == "no-store, private"
    missing = api.get("/clients/999999999")
    assert missing.status_code == 404 and missing["Cache-Control"] == "no-store, private"


def test_a_views_own_cache_control_is_kept(client, world):
    """The import report sets its own (the same words, in its own order)."""
    from pendamping.web import NoStoreMiddleware

    class Response(dict):
        def has_header(self, name):
            return name in self

    kept = NoStoreMiddleware(lambda request: Response({"Cache-Control": "max-age=60"}))
    request = type("R", (), {"path": "/x/"})()
    assert kept(request)["Cache-Control"] == "max-age=60"


class TestDocs:
    def test_docs_are_for_members_when_not_public(self, client, world, settings):
        settings.API_DOCS_PUBLIC = False
        r = client.get("/api/v1/openapi.json")
        assert r.status_code == 401 and r.json()["detail"]
        docs = client.get("/api/v1/docs")
        assert docs.status_code == 302 and "/login/" in docs["Location"]
        client.force_login(world.a.users["auditor"])
        assert client.get("/api/v1/openapi.json").status_code == 200
        assert client.get("/api/v1/docs").status_code == 200

    def test_a_token_does_not_open_the_docs(self, api, world, settings):
        settings.API_DOCS_PUBLIC = False
        assert api.as_user(world.a.users["worker"]).get("/openapi.json").status_code == 401

    def test_docs_are_public_when_configured(self, client, db, settings):
        settings.API_DOCS_PUBLIC = True
        assert client.get("/api/v1/openapi.json").status_code == 200


def test_pdfs_are_never_stored(client, world):
    from pendamping.accounts.tests.test_permission_matrix import broker

    broker(world.a)
    client.force_login(world.a.users["worker"])
    r = client.get(reverse("referral_letter_pdf", args=[world.a.referral.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Cache-Control"] == "no-store, private"
