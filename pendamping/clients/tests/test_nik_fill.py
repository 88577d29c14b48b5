"""A valid NIK fills the birth date and sex it holds (still editable); a NIK already
registered is the first thing the form says."""

import re

import pytest
from django.urls import reverse

from pendamping.clients.models import Client

from .test_registration import BUDI_BIRTH, BUDI_NIK, EXISTING_NIK, form_data


@pytest.fixture
def worker_client(client, world):
    client.force_login(world.a.users["worker"])
    return client


def test_a_valid_nik_fills_an_empty_birth_date_and_sex(worker_client):
    response = worker_client.post(reverse("client_create"), form_data(birth_date="", sex=""))
    assert response.status_code == 302
    budi = Client.objects.get(nik=BUDI_NIK)
    assert (budi.birth_date, budi.sex) == (BUDI_BIRTH, "M")


def test_what_the_worker_typed_wins_over_the_nik(worker_client):
    response = worker_client.post(
        reverse("client_create"), form_data(birth_date="1985-03-13", sex="F", full_name="Budi")
    )
    assert response.status_code == 302
    budi = Client.objects.get(nik=BUDI_NIK)
    assert (budi.birth_date.isoformat(), budi.sex) == ("1985-03-13", "F")


def test_the_nik_check_fills_the_empty_fields_on_the_page(worker_client):
    response = worker_client.post(
        reverse("nik_check"), {"nik": BUDI_NIK, "birth_date": "", "sex": ""}
    )
    text = response.text
    date_input = re.search(r'<input[^>]*id="id_birth_date"[^>]*>', text).group()
    assert 'hx-swap-oob="true"' in date_input and f'value="{BUDI_BIRTH.isoformat()}"' in date_input
    sex = re.search(r'<select[^>]*id="id_sex".*?</select>', text, re.S).group()
    assert 'hx-swap-oob="true"' in sex and '<option value="M" selected>' in sex


def test_the_nik_check_leaves_typed_fields_alone(worker_client):
    response = worker_client.post(
        reverse("nik_check"), {"nik": BUDI_NIK, "birth_date": "1985-03-13", "sex": "M"}
    )
    assert 'id="id_birth_date"' not in response.text and 'id="id_sex"' not in response.text
    assert "Tanggal lahir menurut NIK adalah 12-03-1985" in response.text


def test_a_registered_nik_is_the_first_error(worker_client):
    response = worker_client.post(
        reverse("client_create"),
        form_data(
            nik=EXISTING_NIK, full_name="Orang Lain", birth_date="", sex="", kind="individual"
        ),
    )
    assert response.status_code == 200
    assert "NIK ini sudah terdaftar" in response.text
    assert "Isi tanggal lahir" not in response.text
