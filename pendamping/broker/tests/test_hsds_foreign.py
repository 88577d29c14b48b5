"""HSDS 3.0 files as other publishers write them (hand-written fixtures under
fixtures/hsds/thirdparty): valid files import, our own rules become warnings,
repeated nested objects are one object, terms of other vocabularies are kept and
mapped, `--dry-run` writes nothing, and our export survives a round trip."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pendamping.broker import hsds
from pendamping.broker.models import (
    Contact,
    ExternalTerm,
    Location,
    Organization,
    Phone,
    Service,
    TermMapping,
)
from pendamping.taxonomy.models import TaxonomyTerm

from .test_hsds import (
    FIXTURES,
    _need_schemas,  # noqa: F401  (skips without the schemas)
    assert_round_trip,
    counts,
    schema_errors,
    snapshot,
)
from .test_hsds import env as hsds_env  # noqa: F401  (a fixture)

THIRD = FIXTURES / "thirdparty"


@pytest.fixture
def env(hsds_env):  # noqa: F811
    return hsds_env


ORG = "e1000000-0000-4000-8000-000000000001"
SHELTER = "e1000000-0000-4000-8000-000000000011"
HELPLINE = "e1000000-0000-4000-8000-000000000012"
BANDUNG_SITE = "e1000000-0000-4000-8000-0000000001a1"
JOHOR_SITE = "e1000000-0000-4000-8000-0000000001a2"
SHARED_PHONE = "e1000000-0000-4000-8000-0000000000a1"


def nested() -> dict:
    return json.loads((THIRD / "organization_nested.json").read_text(encoding="utf-8"))


def by_field(issues) -> dict:
    return {i.field: i.message for i in issues}


class TestAnotherPublishersFile:
    def test_it_imports_with_warnings_instead_of_refusing(self, env):
        report = hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        assert report.ok, [str(e) for e in report.errors]
        assert (report.created, report.updated) == (3, 0)
        warned = by_field(report.warnings)
        assert set(warned) == {
            "phones[1].type",
            "locations[0].addresses[0].city",
            "locations[1].latitude",
            "locations[1].addresses[0].country",
            "services[0].schedules[1].byday",
            "services[0].service_areas[0].name",
            "services[0].service_areas[1].name",
            "services[1].service_areas[0].name",
        }
        assert "Kota Bandung (32.73)" in warned["locations[0].addresses[0].city"]
        assert "MY" in warned["locations[1].addresses[0].country"]
        assert "Johor" in warned["services[0].service_areas[1].name"]

    def test_it_keeps_what_it_cannot_model_as_text(self, env):
        hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        bandung = Location.objects.get(pk=BANDUNG_SITE)
        assert bandung.region_id == "32.73"  # resolved from the city name
        assert (bandung.external_identifier, bandung.external_identifier_type) == (
            "LOC-BDG-01",
            "pelita-site-code",
        )
        assert bandung.address_1 == "Jl. Braga No. 12 Lantai 2"
        assert (bandung.latitude, bandung.longitude) == (-6.9147, 107.6098)
        johor = Location.objects.get(pk=JOHOR_SITE)
        assert (johor.region_id, johor.country, johor.state_province) == (None, "MY", "Johor")
        assert (johor.address_1, johor.city, johor.postal_code) == (
            "12 Jalan Wong Ah Fook",
            "Johor Bahru",
            "80000",
        )
        assert (johor.latitude, johor.longitude) == (None, None)  # 95.2 is no latitude
        shelter = Service.objects.get(pk=SHELTER)
        assert (shelter.service_areas, shelter.other_areas) == (["32.73"], ["Johor"])
        assert shelter.schedules.count() == 1
        assert {str(x) for x in shelter.at_locations.values_list("location_id", flat=True)} == {
            BANDUNG_SITE,
            JOHOR_SITE,
        }
        video = Phone.objects.get(number="+62 22 7000 101")
        assert (video.type, video.description) == ("voice", "Video call for deaf callers (video)")

    def test_a_country_written_as_a_name_is_kept_with_the_province(self, env):
        obj = nested()
        obj["locations"][1]["addresses"][0]["country"] = "Malaysia"
        obj["locations"][0]["addresses"][0]["country"] = "Indonesia"
        report = hsds.import_objects([obj], agency=env.a)
        assert report.ok, [str(e) for e in report.errors]
        johor = Location.objects.get(pk=JOHOR_SITE)
        assert (johor.country, johor.state_province) == ("", "Johor, Malaysia")
        assert Location.objects.get(pk=BANDUNG_SITE).country == "ID"
        out = hsds.export_organization(Organization.objects.get(pk=ORG))
        assert schema_errors(out, "organization") == []

    def test_a_repeated_nested_object_is_one_object(self, env):
        hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        assert Phone.objects.count() == 2 and Contact.objects.count() == 1
        phone = Phone.objects.get(pk=SHARED_PHONE)
        assert (str(phone.organization_id), str(phone.service_id)) == (ORG, SHELTER)
        contact = Contact.objects.get()
        assert (str(contact.organization_id), str(contact.service_id)) == (ORG, SHELTER)
        assert Location.objects.count() == 2
        # the services of a list repeat their organization, with its phone
        report = hsds.import_path(THIRD / "services_repeated.json", agency=env.a)
        assert report.ok, [str(e) for e in report.errors]
        assert report.created == 3
        assert Organization.objects.filter(name="Komunitas Lansia Sejahtera").count() == 1
        assert Phone.objects.filter(number="+62 24 355 100").count() == 1

    def test_again_it_is_idempotent(self, env):
        hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        before, snap = counts(), snapshot()
        report = hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        assert (report.ok, report.created, report.updated) == (True, 0, 3)
        assert counts() == before and snapshot() == snap
        assert ExternalTerm.objects.count() == 2

    def test_an_id_naming_two_different_objects_is_an_error(self, env):
        obj = nested()
        obj["services"][0]["phones"][0]["number"] = "+62 22 9999"
        obj["services"][1]["service_at_locations"][0]["location"] = {
            "id": JOHOR_SITE,
            "location_type": "virtual",
            "name": "Shelter Johor Bahru",
        }
        report = hsds.import_objects([obj], agency=env.a)
        errors = by_field(report.errors)
        assert set(errors) == {
            "services[0].phones[0].id",
            "services[1].service_at_locations[0].location.id",
        }
        assert "number" in errors["services[0].phones[0].id"]
        assert "location_type" in errors["services[1].service_at_locations[0].location.id"]
        assert counts()["Organization"] == 0

    @pytest.mark.parametrize(
        ("change", "field", "words"),
        [
            (lambda o: o.update(name=""), "name", "kosong"),
            (
                lambda o: o["services"][1]["service_at_locations"][0].update(
                    location_id="e1000000-0000-4000-8000-00000000ffff"
                ),
                "services[1].service_at_locations[0].location_id",
                "tidak ditemukan",
            ),
            (lambda o: o["services"][0].pop("name"), "services[0].name", "wajib diisi"),
        ],
    )
    def test_an_unusable_record_still_refuses_the_file(self, env, change, field, words):
        obj = nested()
        change(obj)
        report = hsds.import_objects([obj], agency=env.a)
        assert not report.ok
        issue = next(e for e in report.errors if e.field == field)
        assert words in issue.message.lower() and issue.record == ORG
        assert counts()["Service"] == 0 and ExternalTerm.objects.count() == 0


class TestOtherVocabularies:
    def test_terms_are_kept_with_their_vocabulary_and_listed_unmapped(self, env):
        report = hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        assert [(t.vocabulary, t.code, t.mapped_to, t.services) for t in report.unmapped] == [
            ("AIRS/211 LA County", "BH-1800.8500", "", 1),
            ("Open Eligibility", "counseling", "", 2),
        ]
        shelter = Service.objects.get(pk=SHELTER)
        assert sorted(str(t) for t in shelter.external_terms.all()) == [
            "AIRS/211 LA County: BH-1800.8500 Domestic Violence Shelters",
            "Open Eligibility: counseling Counseling",
        ]
        assert shelter.terms.count() == 0

    def test_a_mapping_gives_the_service_our_term(self, env):
        ours = TaxonomyTerm.objects.get(code="terapi")
        TermMapping.objects.create(
            agency=env.a, vocabulary="Open Eligibility", code="counseling", term=ours
        )
        TermMapping.objects.create(  # another agency's mapping is not ours
            agency=env.b, vocabulary="AIRS/211 LA County", code="BH-1800.8500", term=ours
        )
        report = hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
        assert [(t.code, t.mapped_to) for t in report.mapped] == [("counseling", "terapi")]
        assert [t.code for t in report.unmapped] == ["BH-1800.8500"]
        for pk in (SHELTER, HELPLINE):
            assert list(Service.objects.get(pk=pk).terms.values_list("code", flat=True)) == [
                "terapi"
            ]


class TestDryRun:
    def test_it_reports_everything_and_writes_nothing(self, env):
        report = hsds.import_path(THIRD / "organization_nested.json", agency=env.a, dry_run=True)
        assert report.ok and report.dry_run
        assert (report.created, report.updated) == (3, 0)
        assert len(report.warnings) == 8 and len(report.unmapped) == 2
        assert set(counts().values()) == {0} and ExternalTerm.objects.count() == 0

    def test_the_command_prints_the_report(self, env):
        out, err = StringIO(), StringIO()
        call_command(
            "hsds_import",
            str(THIRD / "organization_nested.json"),
            "--agency",
            "Lembaga A",
            "--dry-run",
            stdout=out,
            stderr=err,
        )
        text = out.getvalue()
        assert "Uji coba" in text and "3 entri akan dibuat" in text
        assert "locations[1].latitude" in text
        assert "Open Eligibility counseling" in text and "2 layanan" in text
        assert counts()["Service"] == 0

    def test_the_command_fails_on_an_error_and_says_nothing_was_written(self, env, tmp_path):
        obj = nested()
        obj["name"] = ""
        path = tmp_path / "x.json"
        path.write_text(json.dumps(obj))
        err = StringIO()
        with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
            call_command("hsds_import", str(path), "--agency", "Lembaga A", stderr=err)
        assert f"{ORG} name" in err.getvalue()


def test_our_export_of_a_foreign_file_round_trips(env):
    hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
    hsds.import_path(THIRD / "services_repeated.json", agency=env.a)
    assert_round_trip(env.a)
    assert ExternalTerm.objects.count() == 3


def test_the_service_page_shows_what_was_kept_as_text(world, client):
    hsds.import_path(THIRD / "organization_nested.json", agency=world.a.agency)
    client.force_login(world.a.users["worker"])
    page = client.get(reverse("service_detail", args=[SHELTER]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "AIRS/211 LA County: BH-1800.8500 Domestic Violence Shelters" in text
    assert "32.73, Johor" in text
    assert "Johor Bahru, Johor · MY" in text
