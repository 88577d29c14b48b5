"""HSDS 3.0 export of the resource directory (valid against the compiled schemas, what it
holds and leaves out) and the commands, hsds_import and hsds_export, from the command
line. The helpers and fixtures are test_hsds.py's."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pendamping.broker import hsds
from pendamping.broker.models import (
    Organization,
    Service,
)
from pendamping.taxonomy.terms import term_id

from .test_hsds import (
    FIXTURES,
    LBH,
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


class TestCommands:
    def test_hsds_import_reads_a_folder(self, env):
        out = StringIO()
        call_command("hsds_import", str(FIXTURES / "folder"), agency=str(env.a.pk), stdout=out)
        assert "3 entri dibuat, 0 diperbarui" in out.getvalue()
        assert Service.objects.filter(agency=env.a).count() == 2
        assert not Service.objects.filter(shared=True).exists()

    def test_hsds_import_takes_an_agency_name_and_shared(self, env):
        out = StringIO()
        call_command(
            "hsds_import",
            str(FIXTURES / "list.json"),
            "--agency",
            "Lembaga B",
            "--shared",
            stdout=out,
        )
        assert "2 entri dibuat" in out.getvalue()
        assert Service.objects.get().agency == env.b and Service.objects.get().shared

    def test_hsds_import_fails_with_one_line_per_error(self, env):
        err = StringIO()
        with pytest.raises(CommandError, match="1 kesalahan"):
            call_command(
                "hsds_import",
                str(FIXTURES / "bad" / "mixed_batch.json"),
                agency=str(env.a.pk),
                stderr=err,
            )
        lines = err.getvalue().strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(
            "#1 b0000000-0000-4000-8000-000000000009 attributes[0].taxonomy_term.code: "
        )
        assert Service.objects.count() == 0

    @staticmethod
    def refused_folder(tmp_path, files: dict) -> str:
        """hsds_import of a folder of `files` ({name: fixture}), which it refuses: what
        it wrote to stderr."""
        folder = tmp_path / "batch"
        folder.mkdir()
        for name, fixture in files.items():
            (folder / name).write_text((FIXTURES / fixture).read_text())
        err = StringIO()
        with pytest.raises(CommandError):
            call_command("hsds_import", str(folder), agency="Lembaga A", stderr=err)
        return err.getvalue()

    def test_hsds_import_names_a_broken_file(self, env, tmp_path):
        err = self.refused_folder(tmp_path, {"a.json": "list.json", "b.json": "bad/invalid.json"})
        assert "b.json" in err and "a.json" not in err
        assert Organization.objects.count() == 0

    def test_hsds_import_names_the_file_of_a_bad_record_in_a_folder(self, env, tmp_path):
        err = self.refused_folder(tmp_path, {"1.json": "list.json", "2.json": "bad/age_range.json"})
        assert err.startswith("#2 b0000000-0000-4000-8000-000000000005 minimum_age: ")
        assert err.strip().endswith("[2.json]")

    def test_hsds_import_refuses_an_unknown_agency(self, env):
        with pytest.raises(CommandError, match="tidak ditemukan"):
            call_command("hsds_import", str(FIXTURES / "list.json"), agency="Lembaga Z")

    def test_hsds_export_writes_both_files_for_everyone(self, env, tmp_path):
        import_everything(env.a)
        target = tmp_path / "out" / "hsds"
        out = StringIO()
        call_command("hsds_export", str(target), stdout=out)
        services = json.loads((target / "services.json").read_text(encoding="utf-8"))
        orgs = json.loads((target / "organizations.json").read_text(encoding="utf-8"))
        assert len(services) == Service.objects.count()
        assert len(orgs) == Organization.objects.count()
        assert f"{len(services)} layanan dan {len(orgs)} penyedia" in out.getvalue()
        for o in services:
            assert schema_errors(o, "service") == []
        for o in orgs:
            assert schema_errors(o, "organization") == []
        # the written files import again without changes
        report = hsds.import_path(target, agency=env.a)
        assert (report.ok, report.created) == (True, 0)

    def test_hsds_export_for_an_agency_gives_its_own_and_shared_entries(self, env, tmp_path):
        imp("service_full.json", env.a)  # A's own, not shared
        imp("organization_with_services.json", env.a, shared=True)
        imp("list.json", env.b)
        Service.objects.filter(name="Konsultasi hukum daring").update(
            deleted_at=datetime(2025, 1, 1, tzinfo=UTC)
        )
        call_command("hsds_export", str(tmp_path), agency=str(env.b.pk), stdout=StringIO())
        services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
        orgs = json.loads((tmp_path / "organizations.json").read_text(encoding="utf-8"))
        assert sorted(s["name"] for s in services) == [
            "Bantuan sembako darurat",
            "Pendampingan hukum korban kekerasan",
        ]
        assert sorted(o["name"] for o in orgs) == ["Dinas Sosial Kota Semarang", "LBH Semarang"]
        lbh = next(o for o in orgs if o["id"] == LBH)
        assert [s["name"] for s in lbh["services"]] == ["Pendampingan hukum korban kekerasan"]

    def test_an_agencys_export_leaves_out_the_services_of_a_provider_no_longer_shared(self, env):
        # the same directory as the agency's members see (broker.access.agency_services)
        imp("organization_with_services.json", env.a, shared=True)
        assert [o["id"] for o in export_all(env.b)[1]] == [LBH]
        Organization.objects.filter(pk=LBH).update(shared=False)
        assert export_all(env.b) == ([], [])


def test_child_ids_are_stable_and_distinct():
    parent = "7c1e4a52-0b3d-4f6e-9a21-5d8c3b2e1a01"
    assert hsds.child_id(parent, "language", "id") == hsds.child_id(parent, "language", "id")
    assert hsds.child_id(parent, "language", "id") != hsds.child_id(parent, "language", "jv")
    assert hsds.child_id(parent, "language", "id") != hsds.child_id(parent, "attribute", "id")
    other = "2d9f6b80-41c7-4e3a-8b55-0f1e2d3c4b00"
    assert hsds.child_id(parent, "language", "id") != hsds.child_id(other, "language", "id")
