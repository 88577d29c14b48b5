"""Providers in the directory's word index (broker/textindex.py ``ProviderText``): one
without services is found by its name, other name and places, in the header search,
on the directory page, on the providers page and through the HSDS API; a rename or a
location change writes again that provider's words and its services', nothing else."""

import re

import pytest

from pendamping.broker import services
from pendamping.broker.models import Organization, ProviderText, ServiceText
from pendamping.broker.search import providers
from pendamping.broker.tests.conftest import add_location, add_service
from pendamping.clients.models import Region
from pendamping.tests.test_search import _search

PROVIDER_ROW = re.compile(r'href="/directory/providers/[0-9a-f-]+/">([^<]+)</a>')
SERVICE_ROW = re.compile(r'href="/directory/services/[0-9a-f-]+/">([^<]+)</a>')


@pytest.fixture
def entries(world):
    """Agency A: a provider without services in Semarang Tengah (spelled the old way,
    with another name), one with two services in Andir; agency B: its own provider,
    not shared, with the same word in its name."""
    worker = world.a.users["worker"]
    lonely = services.organization_save(
        actor=worker,
        data={"name": "Jajasan Tjahaja Insani", "alternate_name": "YTI",
              "description": "Pendampingan hukum"},
    )  # fmt: skip
    add_location(worker, lonely, "Kantor YTI", -6.98, 110.41,
                 region=Region.objects.get(code="33.74.01"))  # fmt: skip
    busy = services.organization_save(
        actor=worker, data={"name": "Yayasan Lama Sejahtera", "description": "Yayasan"}
    )
    place = add_location(worker, busy, "Rumah Andir", -6.91, 107.57,
                         region=Region.objects.get(code="32.73.05"))  # fmt: skip
    kept = services.organization_save(
        actor=worker, data={"name": "Panti Werdha Kasih", "description": "Panti"}
    )
    s = {
        "rehab": add_service(worker, busy, "Rehabilitasi Anak", ["hidup_layak"],
                             locations=[place]),
        "dapur": add_service(worker, busy, "Dapur Keluarga", ["hidup_layak"], locations=[place]),
        "panti": add_service(worker, kept, "Panti Lansia", ["hidup_layak"]),
    }  # fmt: skip
    services.organization_save(
        actor=world.b.users["worker"],
        data={"name": "Yayasan Cahaya Semarang", "description": "Lain"},
    )
    return {"lonely": lonely, "busy": busy, "kept": kept, **s}


def header_titles(client, q) -> list[str]:
    _, r = _search(client, q)
    assert r.status_code == 200
    return re.findall(r'<a href="/directory/(?:providers|services)/[^"]+">([^<]+)</a>', r.text)


class TestAProviderWithoutServicesIsFound:
    @pytest.mark.parametrize(
        "typed",
        ["yayasan cahaya", "tjahaja insani", "yti", "semarang tengah", "kantor insani"],
    )
    def test_in_the_header_search_by_name_other_name_spelling_and_place(
        self, client, world, entries, typed, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(2):
            hits = providers(world.a.users["worker"], typed, 10)
        assert [h.title for h in hits] == ["Jajasan Tjahaja Insani"]
        client.force_login(world.a.users["worker"])
        assert "Jajasan Tjahaja Insani" in header_titles(client, typed)

    def test_only_in_the_users_own_directory(self, client, world, entries):
        client.force_login(world.b.users["worker"])  # A's provider is not shared
        assert header_titles(client, "tjahaja insani") == []
        assert header_titles(client, "cahaya") == ["Yayasan Cahaya Semarang"]

    def test_on_the_directory_page_beside_the_services(self, client, world, entries):
        client.force_login(world.a.users["worker"])
        r = client.get("/directory/", {"q": "cahaya insani"})
        assert r.status_code == 200 and 'id="matching-providers"' in r.text
        assert PROVIDER_ROW.findall(r.text) == ["Jajasan Tjahaja Insani"]
        assert SERVICE_ROW.findall(r.text) == []
        # the region filter keeps the providers with a location there
        r = client.get("/directory/", {"q": "insani", "region": "32.73"})
        assert PROVIDER_ROW.findall(r.text) == []
        r = client.get("/directory/", {"q": "insani", "region": "33.74"})
        assert PROVIDER_ROW.findall(r.text) == ["Jajasan Tjahaja Insani"]

    def test_a_provider_place_is_a_word_of_its_services(self, client, world, entries):
        client.force_login(world.a.users["worker"])
        r = client.get("/directory/", {"q": "rehab andir"})
        assert SERVICE_ROW.findall(r.text) == ["Rehabilitasi Anak"]
        assert PROVIDER_ROW.findall(r.text) == []  # "rehab" is no word of the provider

    def test_on_the_providers_page_and_through_the_api(self, client, api, world, entries):
        client.force_login(world.a.users["worker"])
        r = client.get("/directory/providers/", {"q": "tjahaja"})
        assert PROVIDER_ROW.findall(r.text) == ["Jajasan Tjahaja Insani"]
        api.as_user(world.a.users["auditor"])
        body = api.get("/hsds/organizations?search=cahaya%20insani").json()
        assert [o["name"] for o in body["contents"]] == ["Jajasan Tjahaja Insani"]
        assert body["total_items"] == 1
        assert api.get("/hsds/organizations?search=zzzz%20yyyy").json()["total_items"] == 0


def snapshot(model, **where) -> dict:
    return {row["pk"]: row for row in model.objects.filter(**where).values("pk", *_columns(model))}


def _columns(model):
    return [f.name for f in model._meta.concrete_fields if f.get_internal_type() == "TextField"]


class TestRewritingAProvidersWords:
    def test_a_rename_rewrites_that_provider_and_its_services_only(
        self, client, world, entries, django_assert_max_num_queries
    ):
        busy = entries["busy"]
        others_services = snapshot(ServiceText, service__organization__in=[
            entries["kept"], entries["lonely"]])  # fmt: skip
        others = snapshot(ProviderText, organization__in=[entries["kept"], entries["lonely"]])
        assert len(others_services) == 1 and len(others) == 2
        client.force_login(world.a.users["worker"])
        form = {"name": "Yayasan Baru Mandiri", "alternate_name": "", "description": "Yayasan",
                "version": busy.version, "phone": ""}  # fmt: skip
        with django_assert_max_num_queries(25):
            r = client.post(f"/directory/providers/{busy.pk}/edit/", form)
        assert r.status_code == 302
        texts = ServiceText.objects.filter(service__organization=busy)
        assert texts.count() == 2
        for text in texts:
            assert "lama" not in text.provider.split() and "baru" in text.provider.split()
        assert "lama" not in ProviderText.objects.get(organization=busy).name
        assert snapshot(ServiceText, service__organization__in=[
            entries["kept"], entries["lonely"]]) == others_services  # fmt: skip
        assert snapshot(ProviderText, organization__in=[entries["kept"], entries["lonely"]]) == (
            others
        )
        # the stale words find nothing, the new ones the provider and its services
        assert header_titles(client, "yayasan lama") == []
        assert header_titles(client, "yayasan baru") == [
            "Yayasan Baru Mandiri", "Dapur Keluarga", "Rehabilitasi Anak"
        ]  # fmt: skip
        r = client.get("/directory/", {"q": "lama sejahtera"})
        assert SERVICE_ROW.findall(r.text) == [] and PROVIDER_ROW.findall(r.text) == []

    def test_the_rename_and_its_index_are_one_transaction(self, world, entries, monkeypatch):
        from pendamping.broker.services import directory

        def broken(organization):
            raise RuntimeError("the index could not be written")

        busy = entries["busy"]
        monkeypatch.setattr(directory, "index_provider", broken)
        with pytest.raises(RuntimeError):
            services.organization_save(
                actor=world.a.users["worker"], data={"name": "Yayasan Baru"},
                organization=busy, expected_version=busy.version,
            )  # fmt: skip
        assert Organization.objects.get(pk=busy.pk).name == "Yayasan Lama Sejahtera"
        assert "lama" in ProviderText.objects.get(organization=busy).name.split()

    def test_an_edit_that_changes_no_word_writes_no_index_row(self, world, entries):
        busy = entries["busy"]
        ServiceText.objects.filter(service__organization=busy).update(provider="penanda")
        services.organization_save(
            actor=world.a.users["worker"], data={"email": "yls@example.org", "name": busy.name},
            organization=busy, expected_version=busy.version,
        )  # fmt: skip
        assert set(
            ServiceText.objects.filter(service__organization=busy).values_list(
                "provider", flat=True
            )
        ) == {"penanda"}

    def test_a_location_added_or_removed_changes_the_places(self, client, world, entries):
        worker = world.a.users["worker"]
        kept = entries["kept"]
        client.force_login(worker)
        assert header_titles(client, "panti maleber") == []
        loc = add_location(worker, kept, "Griya Maleber", -6.9, 107.58,
                           region=Region.objects.get(code="32.73.05.1001"))  # fmt: skip
        assert header_titles(client, "panti maleber") == ["Panti Werdha Kasih", "Panti Lansia"]
        r = client.post(f"/directory/providers/{kept.pk}/locations/{loc.pk}/delete/")
        assert r.status_code == 302
        assert header_titles(client, "panti maleber") == []

    def test_an_hsds_import_indexes_a_provider_without_services(self, world):
        from pendamping.broker.hsds.importer import import_objects

        org_id = "7f0c3a52-9d0e-4a8c-9a55-5d6c8a0b1e01"
        report = import_objects(
            [{"id": org_id, "name": "Perkumpulan Sinar Pagi", "description": "Pendamping"}],
            agency=world.a.agency,
            actor=world.a.users["admin"],
        )
        assert not report.errors and report.created == 1
        assert Organization.objects.filter(pk=org_id).exists()
        hits = providers(world.a.users["worker"], "sinar pagi", 10)
        assert [h.title for h in hits] == ["Perkumpulan Sinar Pagi"]
