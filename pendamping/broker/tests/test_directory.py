"""The resource directory through its pages and API: create, validate, search, share."""

import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pendamping.broker.access import directory_services_for
from pendamping.broker.models import Location, Organization, Service, ServiceArea
from pendamping.broker.tests.conftest import HOME, add_service, term


def org_form(**extra):
    return {"name": "Puskesmas Coblong", "description": "Puskesmas kecamatan", "phone": "022-250",
            "email": "", "website": "", "legal_status": "Pemerintah", "tax_id": "", **extra}  # fmt: skip


def service_form(org, **extra):
    data = {
        "organization": org.pk, "name": "Poli Lansia", "description": "Pemeriksaan lansia",
        "terms": [term("hidup_layak.kesehatan").pk], "status": "active", "capacity": "available",
        "capacity_count": "5", "minimum_age": "60", "eligible_sexes": [], "languages": ["id", "su"],
        "required_documents": "KTP\nKartu BPJS", "service_areas": "32.73", "days": ["MO", "TU"],
        "opens_at": "08:00", "closes_at": "12:00", "phone": "0812-111", "phone_type": "cell",
        "contact_name": "dr. Rina", "contact_title": "Kepala poli", "contact_email": "rina@example.id",
    }  # fmt: skip
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


class TestCreating:
    def test_a_worker_records_a_provider_location_and_service(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.post("/directory/providers/new/", org_form())
        assert r.status_code == 302, r.content.decode()[:2000]
        org = Organization.objects.get(name="Puskesmas Coblong")
        assert org.agency == world.a.agency and org.phones.get().number == "022-250"
        r = client.post(f"/directory/providers/{org.pk}/locations/", {
            "name": "Gedung utama", "location_type": "physical", "address_1": "Jl. Dago 1",
            "city": "Bandung", "region_code": "32.73.05", "latitude": "-6.89", "longitude": "107.61"})  # fmt: skip
        assert r.status_code == 302
        loc = Location.objects.get(organization=org)
        r = client.post("/directory/services/new/", service_form(org, locations=[loc.pk]))
        assert r.status_code == 302, r.content.decode()[:3000]
        s = Service.objects.get(name="Poli Lansia")
        assert s.minimum_age == 60 and s.required_documents == ["KTP", "Kartu BPJS"]
        assert s.languages == ["id", "su"] and s.service_areas == ["32.73"]
        assert list(ServiceArea.objects.filter(service=s).values_list("code", flat=True)) == [
            "32.73"
        ]
        assert s.schedules.get().byday == "MO,TU" and s.capacity_updated_at
        assert s.phones.get().type == "cell" and s.contacts.get().title == "Kepala poli"
        page = client.get(f"/directory/services/{s.pk}/").content.decode()
        assert "Poli Lansia" in page and "Kartu BPJS" in page and "Gedung utama" in page

    def test_the_service_form_offers_only_the_chosen_providers_locations(self, client, world):
        """An agency with many providers: the form lists the sites of the provider the
        service belongs to, not every site of the agency; another's site is refused."""
        client.force_login(world.a.users["worker"])
        orgs = []
        for name in ("Puskesmas Coblong", "Panti Wreda Senja"):
            client.post("/directory/providers/new/", org_form(name=name))
            org = Organization.objects.get(name=name)
            client.post(f"/directory/providers/{org.pk}/locations/", {
                "name": f"Gedung {name}", "location_type": "physical", "address_1": "Jl. Dago 1",
                "city": "Bandung", "region_code": "32.73.05"})  # fmt: skip
            orgs.append(org)
        mine, other = (Location.objects.get(organization=o) for o in orgs)
        page = client.get(f"/directory/services/new/?organization={orgs[0].pk}").content.decode()
        assert "Gedung Puskesmas Coblong" in page and "Gedung Panti Wreda Senja" not in page
        r = client.post("/directory/services/new/", service_form(orgs[0], locations=[other.pk]))
        assert r.status_code == 422 and not Service.objects.filter(name="Poli Lansia").exists()
        r = client.post("/directory/services/new/", service_form(orgs[0], locations=[mine.pk]))
        assert r.status_code == 302
        service = Service.objects.get(name="Poli Lansia")
        page = client.get(f"/directory/services/{service.pk}/edit/").content.decode()
        assert "Gedung Puskesmas Coblong" in page and "Gedung Panti Wreda Senja" not in page
        huge = service_form(orgs[0], organization="9" * 30)
        assert client.post("/directory/services/new/", huge).status_code == 422

    @pytest.mark.parametrize(("extra", "field_text"), [
        ({"minimum_age": "70", "maximum_age": "60"}, "Usia maksimum"),
        ({"service_areas": "99.99"}, "Kode wilayah tidak dikenal"),
        ({"name": ""}, "tidak boleh kosong"),
        ({"terms": []}, "tidak boleh kosong"),
        ({"days": ["MO"], "opens_at": "", "closes_at": ""}, "bersama-sama"),
        ({"opens_at": "13:00", "closes_at": "12:00"}, "Jam tutup"),
        ({"url": "bukan url"}, "URL"),
        ({"contact_name": "", "contact_email": "x@example.id"}, "Isi nama narahubung"),
    ])  # fmt: skip
    def test_bad_input_is_refused_with_a_clear_message(self, client, world, extra, field_text):
        worker = world.a.users["worker"]
        from pendamping.broker import services

        org = services.organization_save(actor=worker, data={"name": "Org", "description": "d"})
        client.force_login(worker)
        r = client.post("/directory/services/new/", service_form(org, **extra))
        assert r.status_code == 422
        assert field_text in r.content.decode()
        assert not Service.objects.exists()

    def test_bad_coordinates_are_refused(self, client, world):
        from pendamping.broker import services

        org = services.organization_save(
            actor=world.a.users["worker"], data={"name": "O", "description": "d"}
        )
        client.force_login(world.a.users["worker"])
        r = client.post(f"/directory/providers/{org.pk}/locations/",
                        {"name": "X", "location_type": "physical", "latitude": "-6.9"})  # fmt: skip
        assert r.status_code == 422 and "bersama-sama" in r.content.decode()
        r = client.post(f"/directory/providers/{org.pk}/locations/",
                        {"name": "X", "location_type": "physical", "latitude": "95", "longitude": "10"})  # fmt: skip
        assert r.status_code == 422
        assert not Location.objects.exists()

    def test_a_service_cannot_use_another_agencys_provider(self, client, world):
        from pendamping.broker import services

        org_b = services.organization_save(actor=world.b.users["worker"],
                                           data={"name": "B", "description": "d", "shared": True})  # fmt: skip
        client.force_login(world.a.users["worker"])
        r = client.post("/directory/services/new/", service_form(org_b))
        assert r.status_code == 422 and not Service.objects.exists()

    def test_a_stale_edit_is_a_conflict(self, client, world, directory):
        s = directory.services["dapur"]
        client.force_login(world.a.users["worker"])
        data = service_form(directory.org, name="Dapur Baru", version=s.version - 1, minimum_age="")
        r = client.post(f"/directory/services/{s.pk}/edit/", data)
        assert r.status_code == 409
        s.refresh_from_db()
        assert s.name == "Dapur Umum Andir"

    def test_the_capacity_form_saves_refuses_and_tells_a_conflict(self, client, world, directory):
        s = directory.services["dapur"]
        client.force_login(world.a.users["worker"])
        url, back = f"/directory/services/{s.pk}/capacity/", f"/directory/services/{s.pk}/"
        r = client.post(url, {"capacity": "nope", "version": s.version})
        assert r.status_code == 422
        r = client.post(url, {"capacity": "none", "version": s.version})
        assert r.status_code == 302 and r["Location"] == back
        assert "Kapasitas diperbarui." in client.get(back).content.decode()
        r = client.post(url, {"capacity": "available", "version": s.version})  # stale now
        assert r.status_code == 302 and r["Location"] == back
        page = client.get(back).content.decode()
        assert "sudah diubah orang lain" in page and "Kapasitas diperbarui." not in page
        s.refresh_from_db()
        assert s.capacity == "none"


class TestDeleting:
    def test_a_provider_with_services_stays_and_an_empty_one_goes(self, client, world, directory):
        from pendamping.broker import services

        client.force_login(world.a.users["worker"])
        org = directory.org
        r = client.post(f"/directory/providers/{org.pk}/delete/")
        assert r.status_code == 302 and r["Location"] == f"/directory/providers/{org.pk}/"
        page = client.get(r["Location"]).content.decode()
        assert "Hapus atau pindahkan dulu layanan penyedia ini." in page
        org.refresh_from_db()
        assert org.deleted_at is None
        empty = services.organization_save(
            actor=world.a.users["worker"], data={"name": "Kosong", "description": "Tanpa layanan"}
        )
        r = client.post(f"/directory/providers/{empty.pk}/delete/")
        assert r.status_code == 302 and r["Location"] == "/directory/providers/"
        assert "Penyedia Kosong dihapus." in client.get(r["Location"]).content.decode()


class TestSharing:
    def test_private_entries_stay_in_their_agency(self, client, world, directory):
        client.force_login(world.b.users["worker"])
        html = client.get("/directory/").content.decode()
        assert "Dapur Umum Andir" not in html
        assert (
            client.get(f"/directory/services/{directory.services['dapur'].pk}/").status_code == 404
        )

    def test_shared_entries_are_read_by_all_and_edited_by_the_owner(self, client, world, directory):
        s = directory.services["dapur"]
        Service.objects.filter(pk=s.pk).update(shared=True)
        Organization.objects.filter(pk=directory.org.pk).update(shared=True)
        client.force_login(world.b.users["worker"])
        assert "Dapur Umum Andir" in client.get("/directory/").content.decode()
        assert client.get(f"/directory/services/{s.pk}/").status_code == 200
        assert client.get(f"/directory/services/{s.pk}/edit/").status_code == 403
        r = client.post(
            f"/directory/services/{s.pk}/capacity/", {"capacity": "none", "version": s.version}
        )
        assert r.status_code == 403


class TestSearch:
    def test_it_searches_by_name_term_region_and_capacity(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        names = lambda q: client.get("/directory/", q).content.decode()  # noqa: E731
        assert "Paket Sembako Cimahi" in names({"q": "sembako"})
        assert "Dapur Umum Andir" not in names({"q": "sembako"})
        html = names({"term": term("hidup_layak").pk})  # the parent finds its children too
        assert "Bantuan Hidup Layak" in html and "Dapur Umum Andir" in html
        assert "Paket Sembako Cimahi" in names({"capacity": "waitlist"})
        assert "Dapur Umum Andir" not in names({"capacity": "waitlist"})

    def test_it_searches_by_distance_nearest_first(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        html = client.get(
            "/directory/", {"lat": HOME[0], "lon": HOME[1], "km": "10"}
        ).content.decode()
        assert "Lumbung Pangan Garut" not in html
        assert html.index("Dapur Umum Andir") < html.index("Paket Sembako Cimahi")
        assert " km</td>" in html

    def test_short_queries_do_not_filter_and_bad_numbers_are_reported(
        self, client, world, directory
    ):
        client.force_login(world.a.users["worker"])
        r = client.get("/directory/", {"lat": "abc", "lon": "1"})
        assert r.status_code == 200 and "Dapur Umum Andir" in r.content.decode()

    def test_the_directory_page_does_not_grow_in_queries(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        client.get("/directory/")
        with CaptureQueriesContext(connection) as few:
            client.get("/directory/")
        for i in range(10):
            add_service(
                world.a.users["worker"], directory.org, f"Tambahan {i}", ["hidup_layak.pangan"]
            )
        with CaptureQueriesContext(connection) as many:
            client.get("/directory/")
        assert len(many) == len(few)

    def test_a_long_listing_is_counted_up_to_a_cap(self, client, world, directory, settings,
                                                   monkeypatch):  # fmt: skip
        """Unfiltered, the directory can list a province's 100,000 services: it counts
        them up to DIRECTORY_COUNT_CAP (a COUNT over a LIMIT), says there are more and
        pages that far; a short list is counted whole."""
        view = sys.modules["pendamping.broker.views.directory"]  # the package names a view so
        settings.PAGE_SIZE = 1
        live = directory_services_for(world.a.users["worker"]).count()
        assert live >= 4
        monkeypatch.setattr(view, "DIRECTORY_COUNT_CAP", 2)
        client.force_login(world.a.users["worker"])
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/directory/").text
        assert "Halaman 1 dari lebih dari 2" in html and "Lebih dari 2 layanan cocok" in html
        (count,) = [c["sql"] for c in ctx.captured_queries if "COUNT(*)" in c["sql"]
                    and "broker_service" in c["sql"]]  # fmt: skip
        assert "LIMIT 3" in count
        last = client.get("/directory/", {"page": "9"}).text  # past the cap: the last page
        assert "Halaman 2 dari lebih dari 2" in last and "Berikutnya" not in last
        user = world.a.users["worker"]
        user.language = "en"
        user.save(update_fields=["language"])
        html = client.get("/directory/").text
        assert "Page 1 of more than 2" in html and "More than 2 services match" in html
        monkeypatch.setattr(view, "DIRECTORY_COUNT_CAP", 1000)
        html = client.get("/directory/").text
        assert f"Page 1 of {live}" in html and "More than" not in html

    def test_a_word_search_that_finds_nothing_counts_nothing(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/directory/", {"q": "zzqqxx"}).text
        assert "Tidak ada layanan yang cocok" in html
        counts = [c["sql"] for c in ctx.captured_queries if '"__count"' in c["sql"]]
        assert all("broker_service" not in sql for sql in counts), counts

    def test_the_filter_lists_the_terms_in_the_users_language(self, client, world, directory):
        user = world.a.users["worker"]
        client.force_login(user)
        pangan = term("hidup_layak.pangan")
        terms = lambda html: html[html.index('<select name="term"') :].split("</select>")[0]  # noqa: E731
        html = terms(client.get("/directory/", {"term": pangan.pk}).text)
        assert f'<option value="{pangan.pk}" selected>— Pangan</option>' in html
        assert '<option value="" selected>' not in html and html.count("<option") == 34
        user.language = "en"
        user.save(update_fields=["language"])
        html = terms(client.get("/directory/").text)
        assert f'<option value="{pangan.pk}">— Food</option>' in html
        assert (
            '<option value="" selected>' in html
            and " selected" not in html.split("</option>", 1)[1]
        )

    @pytest.mark.parametrize("q", ["", "Dapur"])
    def test_the_directory_rows_read_only_what_they_show(self, client, world, directory, q):
        client.force_login(world.a.users["worker"])
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/directory/", {"q": q}).text
        assert f'href="/directory/services/{directory.services["dapur"].pk}/"' in html
        (rows,) = [c["sql"] for c in ctx.captured_queries
                   if c["sql"].startswith("SELECT") and '"broker_service"."name"' in c["sql"]
                   and "broker_organization" in c["sql"]]  # fmt: skip
        assert '"broker_organization"."name"' in rows
        for column in (
            "application_process",
            "eligibility_description",
            '"broker_organization"."email"',
        ):
            assert column not in rows, column


class TestNeeds:
    def test_a_need_is_recorded_from_the_case_page(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/needs/",
                        {"term": term("hidup_layak.dokumen").pk, "description": "Akta lahir", "urgency": "low"})  # fmt: skip
        assert r.status_code == 302 and "/needs/" in r["Location"]
        case_page = client.get(f"/cases/{world.a.case.pk}/").content.decode()
        assert "Dokumen kependudukan" in case_page and "Kebutuhan dicatat" in case_page

    def test_a_refused_need_is_told_on_the_case_page(self, client, world, directory):
        from django.contrib.messages import get_messages

        from pendamping.cases import services as case_services
        from pendamping.cases.models import Need

        f = world.a
        client.force_login(f.users["worker"])
        url = f"/cases/{f.case.pk}/needs/"
        data = {
            "term": term("hidup_layak.dokumen").pk,
            "description": "Akta lahir",
            "urgency": "low",
        }
        r = client.post(url, data | {"description": ""})  # the form refuses it
        assert r.status_code == 302 and r["Location"] == f"/cases/{f.case.pk}/"
        assert [m.level_tag for m in get_messages(r.wsgi_request)] == ["error"]
        case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                                 expected_version=f.case.version)  # fmt: skip
        r = client.post(url, data)  # the service refuses it
        assert r.status_code == 302 and r["Location"] == f"/cases/{f.case.pk}/"
        assert "Kasus sudah ditutup" in client.get(r["Location"]).content.decode()
        assert not Need.objects.filter(description="Akta lahir").exists()

    def test_the_api_records_needs_and_refuses_unknown_terms(self, api, world, directory):
        api.as_user(world.a.users["worker"])
        r = api.post(f"/cases/{world.a.case.pk}/needs", {"term_code": "nope", "description": "x"})
        assert r.status_code == 422 and "term" in r.json()["errors"]
        r = api.post(
            f"/cases/{world.a.case.pk}/needs",
            {"term_code": "hidup_layak.pangan", "description": "Beras"},
        )
        assert r.status_code == 201 and r.json()["term_code"] == "hidup_layak.pangan"
        assert len(api.get(f"/cases/{world.a.case.pk}/needs").json()) == 2

    def test_the_match_page_does_not_grow_in_queries(self, client, world, directory):
        client.force_login(world.a.users["worker"])
        url = f"/needs/{directory.need.pk}/"
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for i in range(8):
            add_service(world.a.users["worker"], directory.org, f"Dapur {i}", ["hidup_layak.pangan"],
                        locations=[directory.services["dapur"].locations.first()])  # fmt: skip
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(few)


class TestHsdsApi:
    def test_it_pages_services_like_the_hsds_api(self, api, world, directory):
        api.as_user(world.a.users["auditor"])
        body = api.get("/hsds/services?per_page=2").json()
        assert body["total_items"] == len(directory.services) and body["size"] == 2
        assert body["first_page"] and not body["last_page"]
        assert {"id", "name", "status"} <= set(body["contents"][0])
        one = api.get(f"/hsds/services/{directory.services['dapur'].pk}").json()
        assert one["name"] == "Dapur Umum Andir"
        assert one["organization"]["name"] == "Dinas Sosial Kota Bandung"
        orgs = api.get("/hsds/organizations").json()
        assert orgs["total_items"] == 2

    def test_another_agency_sees_only_shared_entries(self, api, world, directory):
        api.as_user(world.b.users["worker"])  # agency B has its own shared service only
        assert [s["name"] for s in api.get("/hsds/services").json()["contents"]] == [
            "Dapur Harapan"
        ]
        assert api.get(f"/hsds/services/{directory.services['dapur'].pk}").status_code == 404
