"""Registering and editing clients, family and consent: through the pages and the API."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.clients import services
from pendamping.clients.models import Client, Consent, FamilyMember, Region
from pendamping.clients.nik import make_nik

EXISTING_NIK = "3273056010900009"  # world.a.client's NIK (Siti Rahayu A)
BUDI_BIRTH = date(1985, 3, 12)
BUDI_NIK = make_nik("32.73.05", BUDI_BIRTH, "M", 21)
VILLAGE = "32.73.05.1001"


def form_data(**changes) -> dict:
    """A complete, valid registration form for a man in Maleber, Andir, Bandung."""
    return {
        "kind": "individual",
        "full_name": "Budi Santoso",
        "nik": BUDI_NIK,
        "sex": "M",
        "birth_date": BUDI_BIRTH.isoformat(),
        "province": "32",
        "regency": "32.73",
        "district": "32.73.05",
        "village": VILLAGE,
    } | changes


def api_data(**changes) -> dict:
    return {
        "full_name": "Budi Santoso",
        "nik": BUDI_NIK,
        "sex": "M",
        "birth_date": BUDI_BIRTH.isoformat(),
        "region_code": VILLAGE,
    } | changes


def child_of(world, *, years=10):
    birth = timezone.localdate().replace(month=1, day=1) - timedelta(days=365 * years)
    return services.client_register(
        actor=world.a.users["worker"],
        data={"kind": "individual", "full_name": "Putri Anak", "sex": "F", "birth_date": birth},
    )


@pytest.fixture
def worker_client(client, world):
    client.force_login(world.a.users["worker"])
    return client


class TestClientCreate:
    def test_it_registers_and_redirects_to_the_detail(self, worker_client, world):
        response = worker_client.post(reverse("client_create"), form_data(address="Jl. Mawar 3"))
        new = Client.objects.get(full_name="Budi Santoso")
        assert response.status_code == 302
        assert response.url == reverse("client_detail", args=[new.pk])
        assert new.agency == world.a.agency
        assert new.registered_by == world.a.users["worker"]
        assert new.nik == BUDI_NIK
        assert new.birth_date == BUDI_BIRTH
        assert new.region_id == VILLAGE
        assert {"bd", "snts"} <= set(new.name_index.keys.split())
        detail = worker_client.get(response.url)
        assert detail.status_code == 200
        assert "Maleber" in detail.text
        assert "Jawa Barat" in detail.text

    def test_it_normalises_a_nik_typed_with_spaces(self, worker_client):
        spaced = " ".join(BUDI_NIK[i : i + 4] for i in range(0, 16, 4))
        response = worker_client.post(reverse("client_create"), form_data(nik=spaced))
        assert response.status_code == 302
        assert Client.objects.get(full_name="Budi Santoso").nik == BUDI_NIK

    def test_it_keeps_the_deepest_region_chosen(self, worker_client):
        data = form_data(village="")
        worker_client.post(reverse("client_create"), data)
        assert Client.objects.get(full_name="Budi Santoso").region_id == "32.73.05"

    def test_it_refuses_a_region_chain_that_does_not_follow(self, worker_client):
        response = worker_client.post(
            reverse("client_create"), form_data(regency="33.74", district="", village="")
        )
        assert response.status_code == 200
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_it_refuses_the_same_nik_in_the_same_agency_with_a_link(self, worker_client, world):
        response = worker_client.post(
            reverse("client_create"),
            form_data(full_name="Dewi Lestari", nik=EXISTING_NIK, sex="F", birth_date="1990-10-20"),
        )
        assert response.status_code == 200
        assert "NIK ini sudah terdaftar" in response.text
        assert reverse("client_detail", args=[world.a.client.pk]) in response.text
        assert not Client.objects.filter(full_name="Dewi Lestari").exists()

    def test_it_refuses_a_duplicate_nik_the_user_may_not_see_without_a_link(
        self, worker_client, world
    ):
        hidden = services.client_register(
            actor=world.a.users["other_worker"],
            data={
                "kind": "individual", "full_name": "Rudi Hartono", "sex": "M",
                "birth_date": BUDI_BIRTH, "nik": BUDI_NIK,
            },
        )  # fmt: skip
        response = worker_client.post(reverse("client_create"), form_data(full_name="Agus Salim"))
        assert response.status_code == 200
        assert "tidak dalam tanggung jawab Anda" in response.text
        assert reverse("client_detail", args=[hidden.pk]) not in response.text
        assert "Rudi Hartono" not in response.text
        assert not Client.objects.filter(full_name="Agus Salim").exists()

    def test_it_allows_the_same_nik_in_another_agency(self, client, world):
        client.force_login(world.b.users["worker"])
        response = client.post(
            reverse("client_create"),
            form_data(full_name="Dewi Lestari", nik=EXISTING_NIK, sex="F", birth_date="1990-10-20"),
        )
        assert response.status_code == 302
        assert Client.objects.get(full_name="Dewi Lestari").agency == world.b.agency

    def test_it_allows_the_nik_of_a_deleted_client_again(self, worker_client, world):
        services.client_delete(actor=world.a.users["supervisor"], client=world.a.client)
        response = worker_client.post(
            reverse("client_create"),
            form_data(full_name="Dewi Lestari", nik=EXISTING_NIK, sex="F", birth_date="1990-10-20"),
        )
        assert response.status_code == 302

    def test_it_warns_about_a_similar_name_until_confirmed(self, worker_client, world):
        data = form_data(full_name="Siti Rahaju A", nik="", sex="F", birth_date="1990-10-20")
        response = worker_client.post(reverse("client_create"), data)
        assert response.status_code == 200
        assert "nama mirip" in response.text
        assert reverse("client_detail", args=[world.a.client.pk]) in response.text
        assert 'name="confirm_similar"' in response.text
        assert not Client.objects.filter(full_name="Siti Rahaju A").exists()

        response = worker_client.post(reverse("client_create"), data | {"confirm_similar": "on"})
        assert response.status_code == 302
        assert Client.objects.filter(full_name="Siti Rahaju A").exists()

    def test_it_counts_similar_clients_the_user_may_not_see(self, client, world):
        client.force_login(world.a.users["other_worker"])
        data = form_data(full_name="Siti Rahaju A", nik="", sex="F", birth_date="1990-10-20")
        response = client.post(reverse("client_create"), data)
        assert response.status_code == 200
        assert "1 klien mirip lainnya" in response.text
        assert reverse("client_detail", args=[world.a.client.pk]) not in response.text
        assert 'name="confirm_similar"' in response.text
        response = client.post(reverse("client_create"), data | {"confirm_similar": "on"})
        assert response.status_code == 302

    def test_it_does_not_warn_about_a_similar_name_with_another_birth_date(self, worker_client):
        data = form_data(full_name="Siti Rahaju A", nik="", sex="F", birth_date="1991-10-20")
        assert worker_client.post(reverse("client_create"), data).status_code == 302

    def test_it_shows_the_nik_parse_error(self, worker_client):
        response = worker_client.post(reverse("client_create"), form_data(nik="9973051203850021"))
        assert response.status_code == 200
        assert "Kode provinsi 99 pada NIK tidak dikenal." in response.text
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_it_shows_an_impossible_nik_date(self, worker_client):
        response = worker_client.post(reverse("client_create"), form_data(nik="3273053102850021"))
        assert "bukan tanggal yang ada" in response.text
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_it_refuses_a_future_birth_date(self, worker_client):
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = worker_client.post(
            reverse("client_create"), form_data(nik="", birth_date=tomorrow.isoformat())
        )
        assert response.status_code == 200
        assert "tidak boleh di masa depan" in response.text
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_it_needs_a_birth_date_or_an_estimated_age(self, worker_client):
        response = worker_client.post(reverse("client_create"), form_data(nik="", birth_date=""))
        assert "perkiraan usia" in response.text
        assert not Client.objects.filter(full_name="Budi Santoso").exists()
        response = worker_client.post(
            reverse("client_create"), form_data(nik="", birth_date="", estimated_age="40")
        )
        assert response.status_code == 302

    def test_it_saves_despite_a_nik_that_contradicts_the_sex(self, worker_client):
        # A contradiction is a warning (shown live by nik_check), not an error.
        response = worker_client.post(
            reverse("client_create"), form_data(full_name="Dewi", sex="F")
        )
        assert response.status_code == 302
        assert Client.objects.get(full_name="Dewi").sex == "F"

    def test_it_forbids_the_auditor(self, client, world):
        client.force_login(world.a.users["auditor"])
        assert client.post(reverse("client_create"), form_data()).status_code == 403
        assert not Client.objects.filter(full_name="Budi Santoso").exists()


class TestNikCheck:
    def test_it_shows_what_the_nik_says(self, worker_client, world):
        response = worker_client.post(
            reverse("nik_check"), {"nik": EXISTING_NIK, "birth_date": "1990-10-20", "sex": "F"}
        )
        assert response.status_code == 200
        assert "20-10-1990" in response.text
        assert "Jawa Barat" in response.text
        assert "Kota Bandung" in response.text
        assert "Andir" in response.text
        assert "Perempuan" in response.text
        assert "0009" in response.text
        assert 'class="warning"' not in response.text
        assert "<html" not in response.text  # only the fragment

    def test_it_warns_when_the_sex_contradicts(self, worker_client, world):
        response = worker_client.post(
            reverse("nik_check"), {"nik": EXISTING_NIK, "birth_date": "1990-10-20", "sex": "M"}
        )
        assert "20-10-1990" in response.text
        assert "Jenis kelamin menurut NIK adalah Perempuan" in response.text

    def test_it_warns_when_the_birth_date_contradicts(self, worker_client, world):
        response = worker_client.post(
            reverse("nik_check"), {"nik": EXISTING_NIK, "birth_date": "1990-10-21", "sex": "F"}
        )
        assert "Tanggal lahir menurut NIK adalah 20-10-1990" in response.text

    def test_it_warns_about_an_unknown_district(self, worker_client, world):
        response = worker_client.post(reverse("nik_check"), {"nik": "3273996010900009"})
        assert "32.73.99" in response.text
        assert 'class="warning"' in response.text

    def test_it_shows_the_parse_error(self, worker_client, world):
        response = worker_client.post(reverse("nik_check"), {"nik": "3273056010900000"})
        assert response.status_code == 200
        assert "Nomor urut NIK tidak boleh 0000." in response.text


class TestClientEdit:
    def test_it_saves_an_edit_with_the_current_version(self, worker_client, world):
        c = world.a.client
        data = form_data(
            full_name="Siti Rahayu Putri", nik=c.nik, sex="F", birth_date="1990-10-20",
            version=c.version,
        )  # fmt: skip
        response = worker_client.post(reverse("client_edit", args=[c.pk]), data)
        assert response.status_code == 302
        c.refresh_from_db()
        assert c.full_name == "Siti Rahayu Putri"
        assert c.version == data["version"] + 1

    def test_it_refuses_a_nik_another_client_has(self, client, world):
        budi = services.client_register(
            actor=world.a.users["worker"],
            data={"kind": "individual", "full_name": "Budi Santoso", "sex": "M",
                  "birth_date": BUDI_BIRTH, "nik": BUDI_NIK},
        )  # fmt: skip
        client.force_login(world.a.users["admin"])
        data = form_data(nik=EXISTING_NIK, version=budi.version)
        response = client.post(reverse("client_edit", args=[budi.pk]), data)
        assert response.status_code == 200
        assert "NIK ini sudah terdaftar" in response.text
        budi.refresh_from_db()
        assert (budi.nik, budi.version) == (BUDI_NIK, data["version"])

    def test_it_answers_404_for_a_client_the_user_may_not_see(self, client, world):
        client.force_login(world.a.users["other_worker"])
        url = reverse("client_edit", args=[world.a.client.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(version=world.a.client.version)).status_code == 404

    def test_it_answers_409_for_a_stale_version_and_keeps_the_data(self, worker_client, world):
        c = world.a.client
        stale = c.version
        services.client_update(
            actor=world.a.users["supervisor"], client=c, data={"address": "Jl. Baru 1"},
            expected_version=stale,
        )  # fmt: skip
        data = form_data(
            full_name="Nama Ditimpa", nik=c.nik, sex="F", birth_date="1990-10-20", version=stale
        )
        response = worker_client.post(reverse("client_edit", args=[c.pk]), data)
        assert response.status_code == 409
        assert "sudah diubah orang lain" in response.text
        assert "Nama Ditimpa" in response.text  # the user's typing is not lost
        c.refresh_from_db()
        assert c.full_name == "Siti Rahayu A"
        assert c.address == "Jl. Baru 1"
        assert c.version == stale + 1


class TestClientDelete:
    def test_it_soft_deletes_for_a_supervisor(self, client, world):
        c = world.a.client
        client.force_login(world.a.users["supervisor"])
        response = client.post(reverse("client_delete", args=[c.pk]), follow=True)
        assert response.redirect_chain == [(reverse("client_list"), 302)]
        assert f"Klien {c.full_name} dihapus." in response.text
        c.refresh_from_db()
        assert c.deleted_at is not None
        listing = client.get(reverse("client_list"))
        assert c.full_name not in listing.text
        assert reverse("client_detail", args=[c.pk]) not in listing.text
        assert client.get(reverse("client_detail", args=[c.pk])).status_code == 404
        found = client.post(reverse("client_list"), {"q": "Siti Rahayu"})
        assert c.full_name not in found.text

    def test_it_forbids_a_worker(self, worker_client, world):
        response = worker_client.post(reverse("client_delete", args=[world.a.client.pk]))
        assert response.status_code == 403
        world.a.client.refresh_from_db()
        assert world.a.client.deleted_at is None


class TestFamilyAdd:
    def test_it_adds_a_family_member(self, worker_client, world):
        c = world.a.client
        response = worker_client.post(
            reverse("family_add", args=[c.pk]),
            {"name": "Adik Klien", "sex": "M", "relation": "sibling", "birth_year": "2001",
             "is_alive": "on", "in_household": "on"},
        )  # fmt: skip
        assert response.status_code == 302
        member = FamilyMember.objects.get(client=c, name="Adik Klien")
        assert (member.relation, member.birth_year, member.in_household) == ("sibling", 2001, True)
        assert "Adik Klien" in worker_client.get(reverse("client_detail", args=[c.pk])).text

    def test_it_refuses_an_impossible_birth_year(self, worker_client, world):
        response = worker_client.post(
            reverse("family_add", args=[world.a.client.pk]),
            {"name": "Kakek", "sex": "M", "relation": "grandfather", "birth_year": "1700"},
        )
        assert response.status_code == 422
        assert "Tahun lahir tidak masuk akal" in response.text
        assert not FamilyMember.objects.filter(name="Kakek").exists()

    def test_it_answers_404_for_another_agencys_client(self, worker_client, world):
        response = worker_client.post(
            reverse("family_add", args=[world.b.client.pk]),
            {"name": "Adik", "sex": "M", "relation": "sibling"},
        )
        assert response.status_code == 404


class TestConsentAdd:
    @staticmethod
    def post(worker_client, client, **changes):
        """The consent form of `client`'s page, posted: a verbal consent given by the
        client before a witness, with `changes` (None: a field left out)."""
        data = {"purpose": "case_management", "lawful_basis": "consent", "given_by": "client",
                "method": "verbal", "witness_name": "Pak RT", "given_on": "2026-01-05",
                "data_categories": ["identity"]} | changes  # fmt: skip
        data = {k: v for k, v in data.items() if v is not None}
        return worker_client.post(reverse("consent_add", args=[client.pk]), data)

    def test_it_records_consent_from_an_adult_client(self, worker_client, world):
        c = world.a.client
        response = self.post(worker_client, c)
        assert response.status_code == 302
        assert c.consents.filter(purpose="case_management").exists()

    def test_it_refuses_a_childs_own_consent(self, worker_client, world):
        child = child_of(world)
        response = self.post(worker_client, child)
        assert response.status_code == 422
        assert "harus diberikan oleh orang tua atau wali" in response.text
        assert not Consent.objects.filter(client=child).exists()

    def test_it_accepts_a_guardians_consent_for_a_child(self, worker_client, world):
        child = child_of(world)
        response = self.post(
            worker_client, child, given_by="guardian", guardian_name="Ibu Sari",
            method="recorded", witness_name=None, recording_reference="Arsip audio, map 2026/01",
        )  # fmt: skip
        assert response.status_code == 302
        consent = Consent.objects.get(client=child)
        assert (consent.given_by, consent.guardian_name) == ("guardian", "Ibu Sari")
        assert consent.recorded_by == world.a.users["worker"]

    def test_it_needs_the_guardians_name(self, worker_client, world):
        child = child_of(world)
        response = self.post(worker_client, child, given_by="guardian")
        assert response.status_code == 422
        assert "nama orang tua/wali" in response.text
        assert not Consent.objects.filter(client=child).exists()


class TestClientApi:
    def test_it_registers_a_client(self, api, world):
        response = api.as_user(world.a.users["worker"]).post("/clients", api_data())
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["nik"] == BUDI_NIK
        assert body["nik_masked"] == "3273********0021"
        assert body["region_code"] == VILLAGE
        new = Client.objects.get(pk=body["id"])
        assert (new.agency, new.region) == (world.a.agency, Region.objects.get(code=VILLAGE))

    def test_it_answers_409_with_duplicates_for_a_duplicate_nik(self, api, world):
        response = api.as_user(world.a.users["worker"]).post(
            "/clients",
            api_data(full_name="Dewi Lestari", nik=EXISTING_NIK, sex="F", birth_date="1990-10-20"),
        )
        assert response.status_code == 409
        body = response.json()
        assert body["detail"]
        assert body["duplicates"]["nik_match_id"] == world.a.client.pk
        assert body["duplicates"]["nik_match_hidden"] is False
        assert not Client.objects.filter(full_name="Dewi Lestari").exists()

    def test_it_hides_a_duplicate_the_user_may_not_see(self, api, world):
        response = api.as_user(world.a.users["other_worker"]).post(
            "/clients",
            api_data(full_name="Dewi Lestari", nik=EXISTING_NIK, sex="F", birth_date="1990-10-20"),
        )
        assert response.status_code == 409
        dup = response.json()["duplicates"]
        assert dup["nik_match_id"] is None
        assert dup["nik_match_hidden"] is True

    def test_it_allows_the_same_nik_in_another_agency(self, api, world):
        response = api.as_user(world.b.users["worker"]).post(
            "/clients",
            api_data(full_name="Dewi Lestari", nik=EXISTING_NIK, sex="F", birth_date="1990-10-20"),
        )
        assert response.status_code == 201

    def test_it_answers_422_with_detail_for_an_invalid_nik(self, api, world):
        response = api.as_user(world.a.users["worker"]).post(
            "/clients", api_data(nik="9973051203850021")
        )
        assert response.status_code == 422
        assert "Kode provinsi 99 pada NIK tidak dikenal." in response.json()["detail"]
        assert not Client.objects.filter(full_name="Budi Santoso").exists()

    def test_it_answers_422_for_a_future_birth_date(self, api, world):
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = api.as_user(world.a.users["worker"]).post(
            "/clients", api_data(nik="", birth_date=tomorrow.isoformat())
        )
        assert response.status_code == 422
        assert "masa depan" in response.json()["detail"]

    def test_it_needs_confirmation_for_a_similar_name(self, api, world):
        data = api_data(full_name="Siti Rahaju A", nik="", sex="F", birth_date="1990-10-20")
        response = api.as_user(world.a.users["worker"]).post("/clients", data)
        assert response.status_code == 409
        assert response.json()["duplicates"]["similar_ids"] == [world.a.client.pk]
        assert not Client.objects.filter(full_name="Siti Rahaju A").exists()
        response = api.post("/clients", data | {"confirm_similar": True})
        assert response.status_code == 201

    def test_it_answers_409_for_a_stale_version(self, api, world):
        c = world.a.client
        api.as_user(world.a.users["worker"])
        first = api.patch(f"/clients/{c.pk}", {"version": c.version, "address": "Jl. Satu"})
        assert first.status_code == 200, first.json()
        assert first.json()["version"] == c.version + 1
        stale = api.patch(f"/clients/{c.pk}", {"version": c.version, "address": "Jl. Dua"})
        assert stale.status_code == 409
        assert stale.json()["detail"]
        c.refresh_from_db()
        assert c.address == "Jl. Satu"

    def test_it_soft_deletes_for_a_supervisor(self, api, world):
        c = world.a.client
        api.as_user(world.a.users["supervisor"])
        assert api.delete(f"/clients/{c.pk}").status_code == 204
        assert api.get(f"/clients/{c.pk}").status_code == 404
        ids = [item["id"] for item in api.get("/clients").json()["items"]]
        assert c.pk not in ids

    def test_it_adds_a_family_member(self, api, world):
        c = world.a.client
        response = api.as_user(world.a.users["worker"]).post(
            f"/clients/{c.pk}/family", {"name": "Adik Klien", "sex": "M", "relation": "sibling"}
        )
        assert response.status_code == 201
        assert response.json()["is_alive"] is True
        assert FamilyMember.objects.filter(client=c, name="Adik Klien").exists()

    def test_it_refuses_a_childs_own_consent(self, api, world):
        child = child_of(world)
        response = api.as_user(world.a.users["worker"]).post(
            f"/clients/{child.pk}/consents",
            {"purpose": "case_management", "given_by": "client", "method": "verbal",
             "witness_name": "Pak RT", "given_on": "2026-01-05", "data_categories": ["identity"]},
        )  # fmt: skip
        assert response.status_code == 422
        assert "orang tua atau wali" in response.json()["detail"]
        assert not Consent.objects.filter(client=child).exists()

    def test_it_accepts_a_guardians_consent_for_a_child(self, api, world):
        child = child_of(world)
        response = api.as_user(world.a.users["worker"]).post(
            f"/clients/{child.pk}/consents",
            {"purpose": "case_management", "given_by": "guardian", "guardian_name": "Ibu Sari",
             "method": "verbal", "witness_name": "Pak RT", "given_on": "2026-01-05",
             "data_categories": ["identity", "family"]},
        )  # fmt: skip
        assert response.status_code == 201
        assert response.json()["guardian_name"] == "Ibu Sari"
        assert response.json()["is_active"] is True
