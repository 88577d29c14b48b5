"""Hostile input at the API's edge answers with a JSON error, never a 500
(issue: hardening under faults and hostile input)."""

import pytest

from pendamping.clients.models import Client
from pendamping.clients.tests.test_registration import form_data

TOKEN = "/api/v1/auth/token"
SURROGATE_BODY = '{"username": "\\ud800", "password": "x"}'  # a lone surrogate, as JSON escapes it


class TestLoneSurrogates:
    def test_it_refuses_them_on_the_token_endpoint_without_login(self, client, db):
        r = client.post(TOKEN, SURROGATE_BODY, content_type="application/json")
        assert r.status_code == 422 and r.json()["detail"]

    def test_it_refuses_them_in_a_note(self, api, world):
        api.as_user(world.a.users["worker"])
        body = '{"kind": "phone", "body": "halo \\udfff"}'
        r = api.raw("POST", f"/cases/{world.a.case.pk}/notes", body)
        assert r.status_code == 422

    def test_it_keeps_a_real_pair_that_makes_one_character(self, client, db):
        body = '{"username": "\\ud83d\\ude00", "password": "x"}'  # 😀, a valid pair
        r = client.post(TOKEN, body, content_type="application/json")
        assert r.status_code == 401  # parsed and refused as a wrong login, not as bad text


class TestHugeNumbers:
    def test_an_id_beyond_64_bits_in_the_path_is_not_found(self, api, world):
        api.as_user(world.a.users["worker"])
        r = api.get("/cases/18446744073709551615/needs/1/matches")
        assert r.status_code == 404 and r.json()["detail"]

    def test_a_filter_beyond_64_bits_is_refused(self, api, world):
        api.as_user(world.a.users["worker"])
        r = api.get("/cases?worker_id=28417402866035683328")
        assert r.status_code == 422 and r.json()["detail"]


class TestLongSearch:
    def test_a_search_of_many_words_is_refused_before_it_reaches_the_database(self, api, world):
        api.as_user(world.a.users["admin"])
        r = api.post("/clients/search", {"q": " ".join(["Siti"] * 70)})
        assert r.status_code == 422 and r.json()["detail"]

    def test_a_search_of_a_few_words_still_runs(self, api, world):
        api.as_user(world.a.users["admin"])
        assert api.post("/clients/search", {"q": "Siti Rahayu"}).status_code == 200


class TestLargeBody:
    def test_a_body_over_the_limit_answers_413_in_json(self, api, world):
        api.as_user(world.a.users["worker"])
        body = '{"kind": "phone", "body": "' + "a" * 3_000_000 + '"}'
        r = api.raw("POST", f"/cases/{world.a.case.pk}/notes", body)
        assert r.status_code == 413 and r.json()["detail"]


class TestErrorsAreJsonWithoutDebug:
    @pytest.fixture(autouse=True)
    def _no_debug(self, settings):
        settings.DEBUG = False

    @pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/cases/1/nothing"])
    def test_an_unknown_api_path_answers_json(self, client, db, path):
        r = client.get(path)
        assert r.status_code == 404
        assert r["Content-Type"].startswith("application/json") and r.json()["detail"]

    def test_an_unknown_page_stays_html(self, client, db):
        r = client.get("/nothing-here/")
        assert r.status_code == 404 and r["Content-Type"].startswith("text/html")


def fields_at_fault(r) -> set[str]:
    """The fields a 422 names: the services' field → messages, or the parser's list."""
    errors = r.json()["errors"]
    if isinstance(errors, dict):
        return set(errors)
    return {str(e["loc"][-1]) for e in errors}


class TestText:
    def test_a_name_with_a_control_character_is_refused(self, api, world):
        api.as_user(world.a.users["worker"])
        for name in ("Budi\x00 Santoso", "Budi\x07Santoso", "Budi\x1bSantoso", "Budi\x85"):
            r = api.post("/clients", {"full_name": name, "sex": "M", "birth_date": "1980-01-02"})
            assert r.status_code == 422 and "full_name" in fields_at_fault(r), name
            assert r.json()["detail"] == (
                "full_name: Bagian ini wajib diisi, tanpa karakter kontrol."
            )

    def test_the_schemas_refusals_are_in_the_readers_language(self, api, client, world):
        api.as_user(world.a.users["worker"])
        url = f"/cases/{world.a.case.pk}/notes"
        r = api.post(url, {"kind": "telepati", "body": "  "})
        assert r.status_code == 422 and fields_at_fault(r) == {"kind", "body"}
        messages = {e["loc"][-1]: e["msg"] for e in r.json()["errors"]}
        assert messages["kind"].startswith("Pilih salah satu dari: 'home_visit'")
        assert messages["body"] == "Bagian ini wajib diisi, tanpa karakter kontrol."
        client.cookies["django_language"] = "en"
        r = api.post("/clients", {"full_name": "B" * 201, "estimated_age": 131})
        messages = {e["loc"][-1]: e["msg"] for e in r.json()["errors"]}
        assert messages == {"full_name": "At most 200 characters.",
                            "estimated_age": "The number is out of range."}, messages  # fmt: skip

    def test_a_note_keeps_tabs_and_line_breaks_but_no_other_control_character(self, api, world):
        api.as_user(world.a.users["worker"])
        url = f"/cases/{world.a.case.pk}/notes"
        assert api.post(url, {"kind": "phone", "body": "Baris 1\n\tBaris 2"}).status_code == 201
        r = api.post(url, {"kind": "phone", "body": "Kosong\x00"})
        assert r.status_code == 422 and "body" in fields_at_fault(r)

    def test_a_note_body_has_a_length_limit(self, api, world):
        api.as_user(world.a.users["worker"])
        url = f"/cases/{world.a.case.pk}/notes"
        assert api.post(url, {"kind": "phone", "body": "a" * 20_000}).status_code == 201
        r = api.post(url, {"kind": "phone", "body": "a" * 20_001})
        assert r.status_code == 422 and "body" in fields_at_fault(r)

    def test_the_web_form_refuses_a_control_character_in_a_name(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.post("/clients/new/", form_data(full_name="Budi\x1bSantoso"))
        assert (
            r.status_code in (200, 422)
            and not Client.objects.filter(full_name__startswith="Budi").exists()
        )
        assert "karakter kontrol" in r.content.decode()
