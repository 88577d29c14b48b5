"""Digits that are not ASCII ("²" is isdigit() but int() refuses it) in request input
and command arguments: an ordinary answer (the page, a 422, the form's or the
command's message), never a 500 or a traceback (issue 15, security review)."""

import io
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pendamping.clients.models import Client
from pendamping.clients.tests.test_registration import form_data

SUPERSCRIPT = "²"


class TestPages:
    def test_the_new_mediation_page_ignores_a_superscript_case(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.get(reverse("mediation_create"), {"case": SUPERSCRIPT})
        assert response.status_code == 200

    def test_the_anonymise_page_ignores_a_superscript_request(self, client, world):
        client.force_login(world.a.users["admin"])
        url = reverse("client_anonymise", args=[world.a.client.pk])
        assert client.get(url, {"request": SUPERSCRIPT}).status_code == 200

    def test_a_superscript_family_card_number_is_refused_by_the_form(self, client, world):
        client.force_login(world.a.users["worker"])
        before = Client.objects.count()
        response = client.post(reverse("client_create"),
                               form_data(kk_number=SUPERSCRIPT * 16))  # fmt: skip
        assert response.status_code in (200, 422)
        assert "Nomor KK harus terdiri dari 16 angka." in response.content.decode()
        assert Client.objects.count() == before

    def test_a_superscript_search_finds_nothing_and_answers(self, client, world):
        client.force_login(world.a.users["worker"])
        assert client.get(reverse("client_list"), {"q": SUPERSCRIPT * 8}).status_code == 200


class TestApi:
    def test_a_long_superscript_number_in_the_query_is_a_422(self, api, world):
        api.as_user(world.a.users["dpo"])
        response = api.get(f"/access-log?client_id={quote(SUPERSCRIPT * 19)}")
        assert response.status_code == 422, response.content


class TestCommands:
    def test_case_tallies_names_no_agency_for_a_superscript(self, db):
        with pytest.raises(CommandError, match="No agency"):
            call_command("case_tallies", agency=SUPERSCRIPT, stdout=io.StringIO())

    def test_hsds_import_names_no_agency_for_a_superscript(self, db, tmp_path):
        path = tmp_path / "d.json"
        path.write_text("[]")
        with pytest.raises(CommandError):
            call_command("hsds_import", str(path), agency=SUPERSCRIPT, stdout=io.StringIO())
