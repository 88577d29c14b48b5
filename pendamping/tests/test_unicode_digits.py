"""Digits that are not ASCII ("²" is isdigit() but int() refuses it) in request input
and command arguments: an ordinary answer (the page, a 422, the form's or the
command's message), never a 500 or a traceback (issue 15, security review).

Digits of other scripts ("٣٢٧٣", Arabic-Indic) are digits to ``\\d`` and to int(): an
identifier (NIK, KK number, case or referral number, region code) is ASCII digits
only, so such a NIK is refused by the form, the API and the import, and such a number
finds nothing."""

import io
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pendamping.accounts.tests.test_permission_matrix import broker
from pendamping.clients.models import Client
from pendamping.clients.tests.test_import import HEADER, run, write_csv
from pendamping.clients.tests.test_registration import BUDI_NIK, api_data, form_data
from pendamping.tests.test_search import _search

SUPERSCRIPT = "²"
# Arabic-Indic digits: str.isdigit(), \\d and int() all take them
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
BUDI_ARABIC = BUDI_NIK.translate(ARABIC)


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


class TestOtherScriptsDigits:
    def test_the_form_refuses_a_nik_in_arabic_indic_digits(self, client, world):
        client.force_login(world.a.users["worker"])
        before = Client.objects.count()
        response = client.post(reverse("client_create"), form_data(nik=BUDI_ARABIC))
        assert "NIK harus terdiri dari 16 angka." in response.content.decode()
        assert Client.objects.count() == before

    def test_the_form_says_it_in_english_too(self, client, world):
        client.force_login(world.a.users["worker"])
        client.cookies["django_language"] = "en"
        response = client.post(reverse("client_create"), form_data(nik=BUDI_ARABIC))
        assert "NIK must be 16 digits." in response.content.decode()

    def test_the_form_refuses_a_family_card_number_in_arabic_indic_digits(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.post(reverse("client_create"), form_data(kk_number=BUDI_ARABIC))
        assert "Nomor KK harus terdiri dari 16 angka." in response.content.decode()
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_the_nik_check_reads_nothing_from_arabic_indic_digits(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.post(reverse("nik_check"), {"nik": BUDI_ARABIC})
        assert response.status_code == 200
        assert "NIK harus terdiri dari 16 angka." in response.text

    @pytest.mark.parametrize("field", ["nik", "kk_number"])
    def test_the_api_refuses_arabic_indic_digits(self, api, world, field):
        api.as_user(world.a.users["worker"])
        response = api.post("/clients", api_data(**{field: BUDI_ARABIC}))
        assert response.status_code == 422, response.content
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_the_import_refuses_the_row(self, world, tmp_path):
        rows = [["Budi Santoso", BUDI_ARABIC, "L", "1985-03-12", "", "", ""],
                ["Budi Dua", "", "L", "1985-03-12", "", "", ""]]  # fmt: skip
        out = run(write_csv(tmp_path / "a.csv", rows, HEADER), world.a.users["worker"])
        assert "1 klien dibuat, 1 baris ditolak" in out
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_the_import_refuses_a_family_card_number(self, world, tmp_path):
        header = [*HEADER, "kk_number"]
        rows = [["Budi Santoso", "", "L", "1985-03-12", "", "", "", BUDI_ARABIC]]
        out = run(write_csv(tmp_path / "a.csv", rows, header), world.a.users["worker"])
        assert "0 klien dibuat, 1 baris ditolak" in out

    def test_a_case_number_in_arabic_indic_digits_finds_no_case(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        digits = f.case.number.split("-")[1]
        _, r = _search(client, digits)
        assert 'id="group-cases"' in r.text
        _, r = _search(client, digits.translate(ARABIC))
        assert 'id="group-cases"' not in r.text
        _, r = _search(client, f.case.number.translate(ARABIC))
        assert 'id="group-cases"' not in r.text

    def test_a_referral_number_in_arabic_indic_digits_finds_no_referral(self, client, world):
        f = world.a
        broker(f)
        client.force_login(f.users["worker"])
        _, r = _search(client, f.referral.number.translate(ARABIC))
        assert 'id="group-referrals"' not in r.text


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
