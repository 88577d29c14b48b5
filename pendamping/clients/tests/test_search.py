"""Tolerant name search and NIK search, within what the user may see."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.clients import services
from pendamping.clients.models import Region
from pendamping.clients.nik import make_nik
from pendamping.clients.selectors import search_clients

MUHAMMADS = ["Muhammad Rizky", "Mohammad Rizki", "Mochamad Riski Pratama"]
OTHERS = ["Achmad Soekarno", "Djoko Tjahjono", "Budi Santoso"]


def register(user, full_name, *, serial, birth=date(1980, 5, 17), sex="M", district="32.73.05"):
    return services.client_register(
        actor=user,
        data={
            "kind": "individual", "full_name": full_name, "sex": sex, "birth_date": birth,
            "nik": make_nik(district, birth, sex, serial),
            "region": Region.objects.get(code=district + ".1001"),
        },
        confirm_similar=True,
    )  # fmt: skip


@pytest.fixture
def people(world):
    worker = world.a.users["worker"]
    return {
        name: register(worker, name, serial=100 + i) for i, name in enumerate(MUHAMMADS + OTHERS)
    }


def names_in(response) -> set[str]:
    return {name for name in MUHAMMADS + OTHERS + ["Siti Rahayu A"] if name in response.text}


@pytest.fixture
def worker_client(client, world):
    client.force_login(world.a.users["worker"])
    return client


def search(client, q):
    """POST the search and follow it to its results (``/clients/?r=<token>``)."""
    return client.post(reverse("client_list"), {"q": q}, follow=True)


class TestNameSearch:
    def test_it_finds_every_spelling_of_muhammad_rizki(self, worker_client, people):
        response = search(worker_client, "Muhamad Rizki")
        assert response.status_code == 200
        assert names_in(response) == set(MUHAMMADS)
        assert "3 klien cocok" in response.text

    def test_it_ranks_the_closest_spelling_first(self, world, people):
        results = search_clients(world.a.users["worker"], "Mohammad Rizki")
        assert results[0].full_name == "Mohammad Rizki"
        assert {c.full_name for c in results} == set(MUHAMMADS)

    def test_it_finds_the_old_spelling_of_sukarno(self, worker_client, people):
        assert names_in(search(worker_client, "Ahmad Sukarno")) == {"Achmad Soekarno"}

    def test_it_finds_the_old_spelling_of_joko_cahyono(self, worker_client, people):
        assert names_in(search(worker_client, "Joko Cahyono")) == {"Djoko Tjahjono"}

    def test_a_one_letter_key_and_a_very_long_name_part(self, world, people):
        worker = world.a.users["worker"]
        zia = register(worker, "Zia Hasibuan", serial=302)
        long_part = "Bcdfghjklmnpqrstvwxbcdfghjklmnpqrstvwxbcdfghjklm"  # a 48-consonant key
        odd = register(worker, f"{long_part} Hasibuan", serial=303)
        assert [c.pk for c in search_clients(worker, "Zia Hasibuan")] == [zia.pk]
        # the last word's one-letter key, a prefix asked for by its marked word "z0"
        # (nameindex.py), not by a prefix query of the index ("z" * or z:*)
        with CaptureQueriesContext(connection) as queries:
            assert [c.pk for c in search_clients(worker, "Hasibuan Zi")] == [zia.pk]
        (matching,) = [q["sql"] for q in queries if "hsbn" in q["sql"]]
        assert "z0" in matching and "*" not in matching
        assert [c.pk for c in search_clients(worker, long_part)] == [odd.pk]

    def test_a_whole_word_with_a_one_letter_key_matches_whole_an_initial_by_prefix(
        self, world, people
    ):
        worker = world.a.users["worker"]
        ayu = register(worker, "Wulandari Ayu Rahman", serial=305)  # "Ayu": key "a"
        register(worker, "Wulandari Anggraini Rahman", serial=306)  # "Anggraini": "angrn"
        with CaptureQueriesContext(connection) as queries:
            assert [c.pk for c in search_clients(worker, "Woelandari Ajoe Rahman")] == [ayu.pk]
        (matching,) = [q["sql"] for q in queries if "wlndr" in q["sql"]]
        assert "a0" not in matching  # every name of initial "a", not a spelling of Ayu
        # an initial stands for any name of that letter: both, by the prefix "a0"
        found = search_clients(worker, "Wulandari A Rahman")
        assert {c.full_name for c in found} == {
            "Wulandari Ayu Rahman", "Wulandari Anggraini Rahman"
        }  # fmt: skip

    def test_a_prefix_covered_by_a_shorter_one_is_not_asked_for_again(self, world, people):
        worker = world.a.users["worker"]
        puji = register(worker, "Puji Rahayu", serial=304)  # "Puji": keys "pj" and "p"
        with CaptureQueriesContext(connection) as queries:
            assert [c.pk for c in search_clients(worker, "Rahayu Puj")] == [puji.pk]
        (matching,) = [q["sql"] for q in queries if "rh" in q["sql"] and "p0" in q["sql"]]
        assert "pj0" not in matching  # "p0" covers it (nameindex._words)

    def test_it_finds_dz_written_as_z(self, world, people):
        worker = world.a.users["worker"]
        dzulkifli = register(worker, "Dzulkifli Hasibuan", serial=301)
        assert [c.pk for c in search_clients(worker, "Zulkifli Hasibuan")] == [dzulkifli.pk]

    def test_it_finds_the_new_spelling_from_the_old(self, world, people):
        worker = world.a.users["worker"]
        joko = register(worker, "Joko Cahyono", serial=300)
        found = search_clients(worker, "Djoko Tjahjono")
        assert {c.pk for c in found} == {joko.pk, people["Djoko Tjahjono"].pk}

    def test_it_finds_by_the_start_of_a_name_part(self, world, people):
        found = search_clients(world.a.users["worker"], "Budi Sant")
        assert [c.full_name for c in found] == ["Budi Santoso"]

    def test_it_ignores_case_and_accents(self, world, people):
        found = search_clients(world.a.users["worker"], "  BÚDI   santoso ")
        assert [c.full_name for c in found] == ["Budi Santoso"]

    @pytest.mark.parametrize("q", ["Mu", "  b ", "M.", "Bu-", "12"])
    def test_it_returns_nothing_under_3_letters(self, worker_client, world, people, q):
        assert list(search_clients(world.a.users["worker"], q)) == []
        response = search(worker_client, q)
        assert names_in(response) == set()
        assert "0 klien cocok" in response.text

    def test_it_lists_everyone_for_an_empty_query(self, worker_client, world, people):
        assert list(search_clients(world.a.users["worker"], "   ")) == []
        response = search(worker_client, "")
        assert names_in(response) == set(MUHAMMADS + OTHERS) | {"Siti Rahayu A"}
        assert "klien cocok" not in response.text

    def test_it_returns_nothing_for_two_letters_with_a_space(self, world, people):
        assert list(search_clients(world.a.users["worker"], "m r")) == []

    def test_it_does_not_find_an_unrelated_name(self, worker_client, people):
        response = search(worker_client, "Wahyu Hidayat")
        assert names_in(response) == set()
        assert "Tidak ada klien yang cocok" in response.text

    def test_it_leaves_names_and_niks_out_of_the_url(self, worker_client, people):
        response = search(worker_client, "Muhamad Rizki")
        # the results' address holds a random token of the session's kept search
        assert re.fullmatch(r"r=[\w-]+", response.request["QUERY_STRING"])
        assert "Muhamad" not in response.request["PATH_INFO"]
        # A pager of search results posts the query too, never links it.
        assert "?q=" not in response.text


class TestNikSearch:
    def test_it_finds_a_full_nik(self, worker_client, people):
        budi = people["Budi Santoso"]
        assert names_in(search(worker_client, budi.nik)) == {"Budi Santoso"}

    def test_it_finds_a_nik_typed_with_spaces(self, world, people):
        budi = people["Budi Santoso"]
        spaced = " ".join(budi.nik[i : i + 4] for i in range(0, 16, 4))
        assert [c.pk for c in search_clients(world.a.users["worker"], spaced)] == [budi.pk]

    def test_it_finds_by_a_nik_prefix_of_six_digits_or_more(self, world, people):
        worker = world.a.users["worker"]
        other_district = register(worker, "Wati", serial=5, sex="F", district="33.74.01")
        found = {c.pk for c in search_clients(worker, "327305")}
        assert found == {c.pk for c in people.values()} | {world.a.client.pk}
        assert other_district.pk not in found
        assert [c.pk for c in search_clients(worker, "33740157")] == [other_district.pk]

    def test_it_finds_by_a_prefix_through_the_page(self, worker_client, world, people):
        response = search(worker_client, "3273 05")
        assert names_in(response) == set(MUHAMMADS + OTHERS) | {"Siti Rahayu A"}

    def test_it_returns_nothing_for_fewer_than_six_digits(self, world, people):
        assert list(search_clients(world.a.users["worker"], "32730")) == []

    def test_it_does_not_find_a_nik_that_only_contains_the_digits(self, world, people):
        budi = people["Budi Santoso"]
        assert list(search_clients(world.a.users["worker"], budi.nik[2:10])) == []


class TestSearchConfidentiality:
    def test_it_never_shows_another_agencys_clients(self, client, world, people):
        b_worker = world.b.users["worker"]
        rizky_b = register(b_worker, "Muhammad Rizky", serial=1, district="33.74.01")
        client.force_login(b_worker)
        response = search(client, "Muhamad Rizki")
        assert reverse("client_detail", args=[rizky_b.pk]) in response.text
        for c in people.values():
            assert reverse("client_detail", args=[c.pk]) not in response.text
        assert list(search_clients(b_worker, people["Budi Santoso"].nik)) == []
        assert list(search_clients(b_worker, "327305")) == []

    def test_it_hides_clients_the_user_may_not_see(self, client, world, people):
        other = world.a.users["other_worker"]
        client.force_login(other)
        assert names_in(search(client, "Muhamad Rizki")) == set()
        assert list(search_clients(other, people["Budi Santoso"].nik)) == []
        assert list(search_clients(other, "327305")) == []
        own = register(other, "Muhammad Rizqi", serial=400)
        assert [c.pk for c in search_clients(other, "Muhamad Rizki")] == [own.pk]

    def test_it_shows_the_supervisor_the_teams_clients(self, world, people):
        found = {c.full_name for c in search_clients(world.a.users["supervisor"], "Muhamad Rizki")}
        assert found == set(MUHAMMADS)

    def test_it_shows_the_instructor_nothing(self, world, people):
        assert list(search_clients(world.a.users["instructor"], "Muhamad Rizki")) == []

    def test_it_leaves_out_deleted_clients(self, world, people):
        services.client_delete(actor=world.a.users["admin"], client=people["Muhammad Rizky"])
        found = {c.full_name for c in search_clients(world.a.users["admin"], "Muhamad Rizki")}
        assert found == {"Mohammad Rizki", "Mochamad Riski Pratama"}


class TestSearchApi:
    def test_it_returns_the_same_as_the_page(self, api, world, people):
        response = api.as_user(world.a.users["worker"]).post(
            "/clients/search", {"q": "Muhamad Rizki"}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 3
        assert {item["full_name"] for item in body["items"]} == set(MUHAMMADS)
        assert all("nik" not in item for item in body["items"])
        assert {item["nik_masked"][4:12] for item in body["items"]} == {"********"}

    def test_it_searches_old_spellings_and_niks(self, api, world, people):
        api.as_user(world.a.users["worker"])
        found = api.post("/clients/search", {"q": "Joko Cahyono"}).json()["items"]
        assert [item["full_name"] for item in found] == ["Djoko Tjahjono"]
        budi = people["Budi Santoso"]
        found = api.post("/clients/search", {"q": budi.nik}).json()["items"]
        assert [item["id"] for item in found] == [budi.pk]
        assert api.post("/clients/search", {"q": "Mu"}).json()["count"] == 0

    def test_it_keeps_to_the_users_agency_and_caseload(self, api, world, people):
        body = api.as_user(world.b.users["worker"]).post("/clients/search", {"q": "327305"}).json()
        assert body["count"] == 0
        body = api.as_user(world.a.users["other_worker"]).post(
            "/clients/search", {"q": "Muhamad Rizki"}
        )
        assert body.json()["count"] == 0


MAX_QUERIES = 10  # session, user, membership, results, session save: 7 today
SURNAMES = ["Pratama", "Saputra", "Hidayat", "Nugroho", "Wijaya", "Kurniawan"]


def register_rizkis(world, start, count):
    worker = world.a.users["worker"]
    for i in range(start, start + count):
        register(
            worker,
            f"Muhammad Rizki {SURNAMES[i % len(SURNAMES)]}",
            serial=1000 + i,
            birth=date(1970 + i % 40, 1 + i % 12, 1 + i % 28),
        )


class TestSearchQueryCount:
    def test_it_does_not_grow_with_the_matches(
        self, worker_client, world, django_assert_max_num_queries
    ):
        # the results page (the GET a search is redirected to, and Back returns to)
        url = worker_client.post(reverse("client_list"), {"q": "Muhamad Rizki"})["Location"]
        counts = []
        for start in (0, 30):
            register_rizkis(world, start, 30)
            with django_assert_max_num_queries(MAX_QUERIES):
                response = worker_client.get(url)
            assert f"{start + 30} klien cocok" in response.text
            with CaptureQueriesContext(connection) as queries:
                worker_client.get(url)
            counts.append(len(queries))
        assert counts[0] == counts[1]  # as many queries for 60 matches as for 30

    def test_it_pages_the_results_by_post(self, worker_client, world):
        register_rizkis(world, 0, 30)
        response = worker_client.post(
            reverse("client_list"), {"q": "Muhamad Rizki", "page": "2"}, follow=True
        )
        assert response.text.count("Muhammad Rizki ") == 5
        assert "Halaman 2 dari 2" in response.text
        assert "?q=" not in response.text and "?page=" not in response.text

    def test_it_keeps_the_list_bounded_too(
        self, worker_client, world, django_assert_max_num_queries
    ):
        register_rizkis(world, 0, 30)
        with CaptureQueriesContext(connection) as with_30:
            worker_client.get(reverse("client_list"))
        register_rizkis(world, 30, 30)
        with django_assert_max_num_queries(MAX_QUERIES):
            worker_client.get(reverse("client_list"))
        with CaptureQueriesContext(connection) as with_60:
            worker_client.get(reverse("client_list"))
        assert len(with_60) == len(with_30)


class TestListMasksNik:
    def test_it_shows_the_masked_nik_only(self, worker_client, world, people):
        response = worker_client.get(reverse("client_list"))
        nik = world.a.client.nik
        assert "Siti Rahayu A" in response.text
        assert nik not in response.text
        assert "3273********0009" in response.text
        for c in people.values():
            assert c.nik not in response.text
            assert c.masked_nik in response.text

    def test_it_masks_search_results(self, worker_client, world, people):
        budi = people["Budi Santoso"]
        response = search(worker_client, budi.nik)
        assert "Budi Santoso" in response.text
        body = response.text.replace(f'value="{budi.nik}"', "")  # the search box echoes the query
        assert budi.nik not in body
        assert budi.masked_nik in body


def test_a_name_search_ranks_on_names_and_loads_only_the_rows_read(world, people):
    """The ranking reads (id, name) of every candidate; the rows of a page are built
    when the page is read, in one query, in rank order."""
    worker = world.a.users["worker"]
    with CaptureQueriesContext(connection) as ranking:
        found = search_clients(worker, "Muhamad Rizki")
    assert len(found) == 3
    assert all("full_name" in q["sql"] and "birth_date" not in q["sql"] for q in ranking)
    with CaptureQueriesContext(connection) as page:
        first_two = found[:2]
    assert len(page) == 1 and [c.full_name for c in first_two] == [c.full_name for c in found][:2]
    assert found[-1].pk == list(found)[2].pk and found[5:] == []
    with pytest.raises(IndexError):
        found[3]
