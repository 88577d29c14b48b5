"""HSDS 3.0 export of the resource directory: valid against the compiled schemas, what it
holds and leaves out (the helpers and fixtures are test_hsds.py's)."""

import json
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pendamping.broker import hsds
from pendamping.broker.models import (
    Organization,
    Service,
)
from pendamping.taxonomy.terms import term_id

from .test_hsds import (
    _need_schemas,  # noqa: F401  (skips without the schemas)
    export_all,
    imp,
    import_everything,
    schema_errors,
)
from .test_hsds import env as hsds_env  # noqa: F401  (a fixture)
from .test_hsds import full_service as hsds_full_service  # noqa: F401  (a fixture)


@pytest.fixture
def env(hsds_env):  # noqa: F811
    return hsds_env


@pytest.fixture
def full_service(hsds_full_service):  # noqa: F811
    return hsds_full_service


class TestExport:
    def test_it_gives_a_schema_valid_service_for_a_fully_populated_service(self, full_service):
        out = hsds.export_service(full_service)
        assert schema_errors(out, "service") == []
        sid = str(full_service.id)
        assert out["status"] == "temporarily closed"
        assert (out["minimum_age"], out["maximum_age"]) == (6, 17)
        assert out["languages"][0] == {
            "id": hsds.child_id(sid, "language", "id"),
            "service_id": sid,
            "name": "Bahasa Indonesia",
            "code": "id",
        }
        assert out["languages"][2]["name"] == "xx"  # an unknown code keeps its code as name
        assert out["required_documents"][0]["document"] == "Kartu Keluarga"
        assert [(a["name"], a["extent"], a["extent_type"]) for a in out["service_areas"]] == [
            ("Kota Bandung", "32.73", "kemendagri"),
            ("Kota Semarang", "33.74", "kemendagri"),
        ]
        assert out["schedules"][0] | {"id": None} == {
            "id": None,
            "service_id": sid,
            "freq": "WEEKLY",
            "byday": "MO,TU",
            "opens_at": "08:00",
            "closes_at": "16:00",
            "description": "Kantor",
        }
        location = out["service_at_locations"][0]["location"]
        assert location["external_identifier"] == "32.73.05"
        assert location["external_identifier_type"] == "kemendagri"
        address = location["addresses"][0]
        assert (address["state_province"], address["country"], address["address_type"]) == (
            "Jawa Barat",
            "ID",
            "physical",
        )
        assert out["organization"]["tax_id"] == "01.234.567.8-423.000"
        assert "phones" not in out["organization"]

    def test_it_exports_terms_eligibility_and_capacity_as_attributes(self, full_service):
        attrs = {
            a["taxonomy_term"]["code"]: a for a in hsds.export_service(full_service)["attributes"]
        }
        assert set(attrs) == {
            "hidup_layak.tempat_tinggal",
            "terapi",
            "sex:M",
            "sex:F",
            "ppks:anak_jalanan",
            "capacity:waitlist",
        }
        term = attrs["hidup_layak.tempat_tinggal"]
        assert term["link_type"] == "service_type"
        assert term["taxonomy_term"]["name"] == "Tempat tinggal"
        assert term["taxonomy_term"]["taxonomy"] == "pendamping-layanan-sosial"
        assert term["taxonomy_term"]["parent_id"] == str(term_id("hidup_layak"))
        assert "parent_id" not in attrs["terapi"]["taxonomy_term"]
        assert attrs["sex:F"]["link_type"] == "eligibility"
        assert attrs["sex:F"]["taxonomy_term"]["name"] == "Perempuan"
        assert attrs["ppks:anak_jalanan"]["taxonomy_term"]["name"] == "Anak jalanan"
        capacity = attrs["capacity:waitlist"]
        assert capacity["link_type"] == "capacity"
        value = json.loads(capacity["value"])
        assert value["count"] == 3
        assert datetime.fromisoformat(value["updated_at"]) == datetime(2025, 6, 1, 2, tzinfo=UTC)

    def test_it_leaves_out_empty_strings_instead_of_nulls(self, env):
        org = Organization.objects.create(agency=env.a, name="P", description="")
        service = Service.objects.create(agency=env.a, organization=org, name="S", description="")
        out = hsds.export_service(service)
        assert schema_errors(out, "service") == []
        for key in ("alternate_name", "description", "url", "email", "minimum_age"):
            assert key not in out
        assert out["organization"]["description"] == ""  # required by HSDS
        assert json.loads(out["attributes"][0]["value"]) == {"count": None, "updated_at": None}

    def test_it_gives_a_schema_valid_organization_with_locations_and_services(self, full_service):
        Service.objects.create(
            agency=full_service.agency,
            organization=full_service.organization,
            name="Sudah dihapus",
            description="x",
            deleted_at=datetime(2025, 1, 1, tzinfo=UTC),
        )
        out = hsds.export_organization(full_service.organization)
        assert schema_errors(out, "organization") == []
        assert [s["name"] for s in out["services"]] == ["Rumah Singgah"]
        assert "organization" not in out["services"][0]
        assert {loc["name"] for loc in out["locations"]} == {"Asrama", "Daring"}
        assert out["phones"][0]["organization_id"] == str(full_service.organization_id)
        assert out["contacts"][0]["name"] == "Ketua Yayasan"

    def test_it_does_not_query_per_service(self, env):
        imp("service_full.json", env.a)
        with CaptureQueriesContext(connection) as few:
            export_all()
        import_everything(env.a)
        assert Service.objects.count() >= 5
        with CaptureQueriesContext(connection) as many:
            services, orgs = export_all()
        assert len(many) == len(few)
        assert len(services) == Service.objects.count()
        assert len(orgs) == Organization.objects.count()
