"""HSDS 3.0 import of the resource directory (broker/hsds/), and the helpers and fixtures
that the other HSDS tests share (the export and the commands: test_hsds_export.py;
other publishers' files, tabular HSDS, spreadsheets: their own files).

The compiled HSDS schemas are read from ../shared/hsds/schema/compiled next to the
repository; without them these tests are skipped.
"""

import copy
import json
from datetime import UTC, datetime, time
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator

from pendamping.accounts.models import Agency, User
from pendamping.broker import hsds
from pendamping.broker.models import (
    Capacity,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from pendamping.conftest import make_regions
from pendamping.taxonomy.models import TaxonomyTerm

FIXTURES = Path(__file__).parent / "fixtures" / "hsds"
SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "hsds" / "schema" / "compiled"

SERVICE_FULL = "7c1e4a52-0b3d-4f6e-9a21-5d8c3b2e1a01"
ORG_FULL = "7c1e4a52-0b3d-4f6e-9a21-5d8c3b2e1a00"
LBH = "2d9f6b80-41c7-4e3a-8b55-0f1e2d3c4b00"


@pytest.fixture(autouse=True)
def _need_schemas():
    missing = [k for k in ("service", "organization") if not (SCHEMAS / f"{k}.json").is_file()]
    if missing:
        pytest.skip(
            f"HSDS 3.0 compiled schemas ({', '.join(missing)}.json) not found in {SCHEMAS}; "
            "put the Open Referral schema folder at ../shared/hsds/schema next to the repo."
        )


@lru_cache
def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(obj: dict, kind: str) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(kind).iter_errors(obj)]


@pytest.fixture
def env(db):
    make_regions()
    return SimpleNamespace(
        a=Agency.objects.create(name="Lembaga A", kind="lks"),
        b=Agency.objects.create(name="Lembaga B", kind="dinsos"),
        user=User.objects.create(username="admin_a"),
    )


def imp(name: str, agency, **kwargs) -> hsds.ImportReport:
    return hsds.import_path(FIXTURES / name, agency=agency, **kwargs)


def counts() -> dict:
    models = [Organization, Location, Service, ServiceAtLocation, Phone, Contact, Schedule]
    out = {m.__name__: m.objects.count() for m in models}
    out["terms"] = Service.terms.through.objects.count()
    out["areas"] = ServiceArea.objects.count()
    return out


def snapshot() -> dict:
    """Every value we model, without timestamps and versions."""
    skip = {"created_at", "updated_at", "version"}
    models = [Organization, Location, Service, ServiceAtLocation, Phone, Contact, Schedule]
    out = {
        m.__name__: [
            {k: v for k, v in row.items() if k not in skip}
            for row in m.objects.order_by("pk").values()
        ]
        for m in models
    }
    out["terms"] = sorted(
        Service.terms.through.objects.values_list("service_id", "taxonomyterm_id")
    )
    out["areas"] = sorted(ServiceArea.objects.values_list("service_id", "code"))
    out["external"] = sorted(
        Service.external_terms.through.objects.values_list("service_id", "externalterm_id")
    )
    return out


def export_all(agency=None) -> tuple[list, list]:
    return (
        hsds.export_services(hsds.services_for_export(agency)),
        hsds.export_organizations(hsds.organizations_for_export(agency)),
    )


def without_last_modified(objects: list) -> list:
    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k != "last_modified"}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o

    return strip(objects)


def wipe_directory() -> None:
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()


def assert_round_trip(agency) -> tuple[list, list]:
    """Our export is schema-valid; imported into an empty directory it gives every row
    back with the same values, and exporting again gives the same JSON."""
    snap = snapshot()
    services, orgs = export_all()
    for o in services:
        assert schema_errors(o, "service") == []
    for o in orgs:
        assert schema_errors(o, "organization") == []
    wipe_directory()
    report = hsds.import_objects(copy.deepcopy(orgs + services), agency=agency)
    assert report.ok, [str(e) for e in report.errors]
    assert (report.created, report.updated) == (
        Organization.objects.count() + Service.objects.count(),
        0,
    )
    assert snapshot() == snap
    again_services, again_orgs = export_all()
    assert without_last_modified(again_services) == without_last_modified(services)
    assert without_last_modified(again_orgs) == without_last_modified(orgs)
    return services, orgs


def import_everything(agency) -> None:
    for name in ("service_full.json", "organization_with_services.json", "list.json", "folder"):
        report = imp(name, agency)
        assert report.ok, [str(e) for e in report.errors]


@pytest.fixture
def full_service(env):
    """A service with every field we model filled, built without the importer."""
    org = Organization.objects.create(
        agency=env.a,
        name="LKS Harapan Bangsa",
        alternate_name="Yayasan Harapan Bangsa",
        description="LKS anak dan keluarga.",
        email="info@harapan.example.id",
        website="https://harapan.example.id",
        legal_status="Yayasan",
        tax_id="01.234.567.8-423.000",
    )
    Phone.objects.create(organization=org, number="+62 22 600", type="voice")
    Contact.objects.create(organization=org, name="Ketua Yayasan", title="Ketua")
    loc = Location.objects.create(
        organization=org,
        name="Asrama",
        description="Dekat pasar",
        address_1="Jl. Sudirman 1",
        city="Kota Bandung",
        postal_code="40181",
        region_id="32.73.05",
        latitude=-6.91,
        longitude=107.58,
    )
    Location.objects.create(organization=org, name="Daring", location_type="virtual")
    service = Service.objects.create(
        agency=env.a,
        organization=org,
        name="Rumah Singgah",
        alternate_name="RS",
        description="Tempat tinggal sementara.",
        email="rs@harapan.example.id",
        url="https://harapan.example.id/rs",
        status="temporarily closed",
        application_process="Datang langsung.",
        fees_description="Gratis.",
        eligibility_description="Warga Bandung.",
        minimum_age=6,
        maximum_age=17,
        eligible_sexes=["M", "F"],
        eligible_ppks=["anak_jalanan"],
        languages=["id", "su", "xx"],
        required_documents=["Kartu Keluarga"],
        service_areas=["32.73", "33.74"],
        capacity=Capacity.WAITLIST,
        capacity_count=3,
        capacity_updated_at=datetime(2025, 6, 1, 2, 0, tzinfo=UTC),
    )
    service.terms.set(
        TaxonomyTerm.objects.filter(code__in=["hidup_layak.tempat_tinggal", "terapi"])
    )
    Phone.objects.create(service=service, number="+62 812 1", type="cell", description="WA")
    Contact.objects.create(service=service, name="Dewi", title="Koordinator", email="d@x.id")
    Schedule.objects.create(
        service=service, byday="MO,TU", opens_at=time(8), closes_at=time(16), description="Kantor"
    )
    ServiceAtLocation.objects.create(service=service, location=loc, description="Utama")
    return service


class TestImport:
    def test_it_imports_every_field_we_model(self, env):
        report = imp("service_full.json", env.a, actor=env.user)
        assert (report.ok, report.created, report.updated) == (True, 2, 0)
        s = Service.objects.get(pk=SERVICE_FULL)
        assert (s.agency, s.shared, s.created_by, s.organization_id) == (
            env.a,
            False,
            env.user,
            Organization.objects.get(pk=ORG_FULL).pk,
        )
        assert (s.name, s.alternate_name, s.status, s.minimum_age, s.maximum_age) == (
            "Rumah Singgah Anak Andir",
            "RSA Andir",
            "active",
            6,
            17,
        )
        assert s.url == "https://harapan-bangsa.example.id/rumah-singgah"
        assert s.fees_description == "Gratis."
        assert s.languages == ["id", "su"]
        assert s.required_documents == ["Kartu Keluarga", "Surat rujukan Dinas Sosial"]
        assert s.service_areas == ["32.73"]
        assert list(ServiceArea.objects.filter(service=s).values_list("code", flat=True)) == [
            "32.73"
        ]
        assert s.eligible_sexes == ["M", "F"]
        assert s.eligible_ppks == ["anak_jalanan", "anak_terlantar"]
        assert (s.capacity, s.capacity_count) == (Capacity.AVAILABLE, 4)
        assert s.capacity_updated_at == datetime(2025, 6, 1, 2, tzinfo=UTC)
        assert sorted(s.terms.values_list("code", flat=True)) == [
            "hidup_layak.tempat_tinggal",
            "terapi.psikososial",
        ]
        assert sorted(s.phones.values_list("number", "type")) == [
            ("+62 22 6012345", "voice"),
            ("+62 812 3456 7890", "cell"),
        ]
        assert list(s.contacts.values_list("name", "title")) == [
            ("Dewi Lestari", "Koordinator rumah singgah")
        ]
        assert [str(x) for x in s.schedules.order_by("byday")] == [
            "MO,TU,WE,TH,FR 08:00-16:00",
            "SA 09:00-12:30",
        ]
        loc = Location.objects.get()
        assert (loc.organization_id, loc.region_id, loc.postal_code, loc.latitude) == (
            s.organization_id,
            "32.73.05",
            "40181",
            -6.9103,
        )
        assert ServiceAtLocation.objects.get().description == "Asrama utama"
        org = s.organization
        assert (org.website, org.legal_status, org.tax_id, org.agency) == (
            "https://harapan-bangsa.example.id",
            "Yayasan",
            "01.234.567.8-423.000",
            env.a,
        )

    def test_it_imports_an_organization_with_its_services_and_locations(
        self, env, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            report = imp("organization_with_services.json", env.a, shared=True)
        assert len(callbacks) == 1  # open gaps are matched again once for all imported services
        assert (report.ok, report.created, report.updated) == (True, 3, 0)
        org = Organization.objects.get(pk=LBH)
        assert org.shared and org.phones.count() == 1 and org.contacts.count() == 1
        assert org.locations.count() == 2
        services = {s.name: s for s in org.services.all()}
        legal = services["Pendampingan hukum korban kekerasan"]
        assert legal.shared and legal.capacity == Capacity.WAITLIST
        assert legal.capacity_count is None and legal.capacity_updated_at is None
        assert legal.eligible_ppks == ["korban_kekerasan"]
        assert legal.locations.get().name == "Kantor LBH Semarang"
        online = services["Konsultasi hukum daring"]
        assert (online.status, online.description, online.languages) == (
            "temporarily closed",
            "",
            ["jv"],
        )
        assert online.capacity == Capacity.UNKNOWN

    def test_it_reads_a_list_file_and_a_folder_in_order(self, env):
        objects = hsds.load_path(FIXTURES / "folder")
        assert [o["name"] for o in objects] == [
            "Puskesmas Andir",
            "Pemeriksaan kesehatan gratis",
            "Pendaftaran BPJS PBI",
        ]
        assert objects.sources == ["01_organizations.json"] + ["02_services.json"] * 2
        assert len(hsds.load_path(FIXTURES / "list.json")) == 2
        report = imp("list.json", env.a)
        assert (report.ok, report.created) == (True, 2)
        assert Service.objects.get(name="Bantuan sembako darurat").terms.get().code == (
            "hidup_layak.pangan"
        )

    def test_it_is_idempotent(self, env):
        import_everything(env.a)
        before, snap = counts(), snapshot()
        for name, entries in (
            ("service_full.json", 2),
            ("organization_with_services.json", 3),
            ("list.json", 2),
            ("folder", 3),
        ):
            report = imp(name, env.a)
            assert (report.ok, report.created, report.updated) == (True, 0, entries)
        assert counts() == before
        assert snapshot() == snap
        assert Service.objects.get(pk=SERVICE_FULL).version == 2

    def test_it_loses_nothing_on_export_then_import(self, env):
        import_everything(env.a)
        snap = snapshot()
        services, orgs = assert_round_trip(env.a)

        # and in place, over the same rows
        report = hsds.import_objects(services + orgs, agency=env.a)
        assert report.ok and report.created == 0
        assert snapshot() == snap

    def test_it_replaces_child_rows_on_update(self, env):
        imp("service_full.json", env.a)
        obj = json.loads((FIXTURES / "service_full.json").read_text())
        obj["phones"] = obj["phones"][:1]
        obj["schedules"] = []
        obj["attributes"] = [a for a in obj["attributes"] if a["link_type"] != "eligibility"]
        obj["name"] = "Rumah Singgah Anak Andir (baru)"
        del obj["alternate_name"]
        del obj["contacts"]  # an absent list leaves the rows as they are
        report = hsds.import_objects([obj], agency=env.a)
        assert (report.ok, report.created, report.updated) == (True, 0, 2)
        s = Service.objects.get(pk=SERVICE_FULL)
        assert (s.name, s.alternate_name) == ("Rumah Singgah Anak Andir (baru)", "")
        assert s.phones.count() == 1 and s.schedules.count() == 0 and s.contacts.count() == 1
        assert (s.eligible_sexes, s.eligible_ppks) == ([], [])
        assert s.terms.count() == 2 and s.capacity == Capacity.AVAILABLE
        assert Phone.objects.count() == 1  # the dropped phone is gone, not orphaned

    def test_it_counts_a_service_listed_twice_once(self, env):
        imp("organization_with_services.json", env.a)
        services, orgs = export_all()
        wipe_directory()
        report = hsds.import_objects(orgs + services, agency=env.a)
        assert (report.created, report.updated) == (3, 0)

    @pytest.mark.parametrize(
        ("name", "record", "field", "words"),
        [
            ("missing_name.json", "b0000000-0000-4000-8000-000000000001", "name", "wajib diisi"),
            ("bad_uuid.json", "rumah-singgah-1", "id", "uuid"),
            ("bad_status.json", "b0000000-0000-4000-8000-000000000003", "status", "active"),
            (
                "unknown_taxonomy.json",
                "b0000000-0000-4000-8000-000000000004",
                "attributes[0].taxonomy_term.code",
                "hidup_layak.pesawat_jet tidak dikenal",
            ),
            (
                "age_range.json",
                "b0000000-0000-4000-8000-000000000005",
                "minimum_age",
                "lebih besar dari usia maksimum",
            ),
            (
                "missing_organization.json",
                "b0000000-0000-4000-8000-000000000007",
                "organization_id",
                "tidak ada di basis data",
            ),
        ],
    )
    def test_it_names_record_and_field_of_a_bad_record_and_writes_nothing(
        self, env, name, record, field, words
    ):
        imp("list.json", env.a)
        before, snap = counts(), snapshot()
        report = imp(f"bad/{name}", env.a)
        assert not report.ok
        assert (report.created, report.updated) == (0, 0)
        matching = [e for e in report.errors if e.field == field]
        assert matching, [str(e) for e in report.errors]
        assert (matching[0].index, matching[0].record) == (0, record)
        assert words in matching[0].message
        assert str(matching[0]).startswith(f"#0 {record} {field}: ")
        assert counts() == before and snapshot() == snap

    def test_it_writes_nothing_when_one_record_of_a_batch_fails(self, env):
        before = counts()
        report = imp("bad/mixed_batch.json", env.a)
        assert [(e.index, e.field) for e in report.errors] == [
            (1, "attributes[0].taxonomy_term.code")
        ]
        assert "sex:M atau sex:F" in report.errors[0].message
        assert counts() == before

    def test_it_reports_a_file_that_is_not_json_by_name(self, env):
        report = imp("bad/invalid.json", env.a)
        assert len(report.errors) == 1
        error = report.errors[0]
        assert error.index is None and error.record.endswith("invalid.json")
        assert "bukan JSON" in error.message
        assert str(error).startswith(str(FIXTURES / "bad" / "invalid.json"))
        with pytest.raises(hsds.HsdsLoadError) as raised:
            hsds.load_path(FIXTURES / "nowhere.json")
        assert "nowhere.json" in str(raised.value)

    def test_it_checks_our_own_rules_on_nested_values(self, env):
        obj = json.loads((FIXTURES / "service_full.json").read_text())
        obj["phones"][0]["type"] = "pager"
        obj["schedules"][0]["freq"] = "MONTHLY"
        obj["schedules"][1]["byday"] = "SAT"
        obj["schedules"][1]["opens_at"] = "9 pagi"
        obj["languages"][0] = {"id": obj["languages"][0]["id"], "name": "Klingon"}
        loc = obj["service_at_locations"][0]["location"]
        loc["latitude"] = -120
        loc["external_identifier"] = "32.99"
        loc["addresses"][0]["country"] = "MY"
        obj["organization"]["name"] = "x" * 201
        obj["attributes"][6]["value"] = "penuh"
        report = hsds.import_objects([obj], agency=env.a)
        # what cannot be kept as it is but loses no record is a warning
        assert {e.field for e in report.warnings} == {
            "phones[0].type",
            "schedules[0].freq",
            "schedules[1].byday",
            "languages[0].code",
            "service_at_locations[0].location.latitude",
            "service_at_locations[0].location.external_identifier",
            "service_at_locations[0].location.addresses[0].country",
        }
        # what makes a record unusable or breaks our own vocabulary is an error
        assert {e.field for e in report.errors} == {"organization.name", "attributes[6].value"}
        assert counts()["Service"] == 0

    def test_it_tells_services_from_organizations(self, env):
        org = {"id": "c0000000-0000-4000-8000-000000000001", "name": "P", "description": "d"}
        service = {
            "id": "c0000000-0000-4000-8000-000000000002",
            "name": "S",
            "status": "active",
            "organization_id": org["id"],
        }
        both = {**org, "id": "c0000000-0000-4000-8000-000000000003", "status": "active"}
        both["website"] = "https://x.example.id"
        report = hsds.import_objects([org, service, both], agency=env.a)
        assert [(e.index, e.field) for e in report.errors] == [(2, "")]
        report = hsds.import_objects([service, org], agency=env.a)
        assert (report.ok, report.created) == (True, 2)
        assert Organization.objects.filter(pk=org["id"]).exists()
        assert Service.objects.get(pk=service["id"]).organization_id is not None

    def test_it_refuses_to_update_another_agencys_entries(self, env):
        imp("service_full.json", env.a)
        snap = snapshot()
        report = imp("service_full.json", env.b)
        assert {(e.field, e.record) for e in report.errors} == {
            ("id", SERVICE_FULL),
            ("organization.id", SERVICE_FULL),
        }
        assert all("milik lembaga lain" in e.message for e in report.errors)
        assert snapshot() == snap

    def test_it_lets_another_agency_link_to_a_shared_organization(self, env):
        imp("organization_with_services.json", env.a)
        obj = {
            "id": "c0000000-0000-4000-8000-000000000010",
            "organization_id": LBH,
            "name": "Layanan B di LBH",
            "status": "active",
            "service_at_locations": [
                {
                    "id": "c0000000-0000-4000-8000-000000000011",
                    "location_id": "2d9f6b80-41c7-4e3a-8b55-0f1e2d3c4b30",
                }
            ],
        }
        report = hsds.import_objects([obj], agency=env.b)
        assert [e.field for e in report.errors] == ["organization_id"]
        assert "tidak dibagikan" in report.errors[0].message

        Organization.objects.filter(pk=LBH).update(shared=True)
        org_copy = {"id": LBH, "name": "Nama lain", "description": "Diubah oleh B"}
        report = hsds.import_objects([obj | {"organization": org_copy}], agency=env.b)
        assert (report.ok, report.created) == (True, 1)
        assert Service.objects.get(pk=obj["id"]).agency == env.b
        assert Organization.objects.get(pk=LBH).name == "LBH Semarang"  # only linked

    def test_it_refuses_a_child_id_used_by_another_entry(self, env):
        imp("service_full.json", env.a)
        obj = json.loads((FIXTURES / "list.json").read_text())
        obj[1]["phones"] = [{"id": "7c1e4a52-0b3d-4f6e-9a21-5d8c3b2e1a10", "number": "1"}]
        report = hsds.import_objects(obj, agency=env.a)
        assert [(e.index, e.field) for e in report.errors] == [(1, "phones[0].id")]
