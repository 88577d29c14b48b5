"""Term mappings (broker/services/mappings.py, `hsds_mappings`): CSV import all or
nothing, services given the mapped term and only that taken away again, the
unmapped terms with the services waiting, and matching that finds a service by a
mapped term."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pendamping.broker import hsds, matching
from pendamping.broker.models import MappingChange, Service, TermMapping
from pendamping.broker.services.mappings import import_mappings, unmapped_terms
from pendamping.taxonomy.models import TaxonomyTerm

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds import env as hsds_env  # noqa: F401  (a fixture)
from .test_hsds_foreign import HELPLINE, SHELTER, THIRD

CSV = b"vocabulary,code,term\nOpen Eligibility,counseling,terapi\n"


@pytest.fixture
def env(hsds_env):  # noqa: F811
    hsds.import_path(THIRD / "organization_nested.json", agency=hsds_env.a)
    return hsds_env


def codes(pk) -> list[str]:
    return sorted(Service.objects.get(pk=pk).terms.values_list("code", flat=True))


def test_it_lists_unmapped_terms_with_the_services_waiting(env):
    assert [(t.vocabulary, t.code, t.waiting) for t in unmapped_terms(env.a)] == [
        ("Open Eligibility", "counseling", 2),
        ("AIRS/211 LA County", "BH-1800.8500", 1),
    ]
    assert unmapped_terms(env.b) == []  # agency B has no such services


def test_a_csv_maps_and_gives_the_services_our_term(env):
    report = import_mappings(env.a, "\ufeff".encode() + CSV)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.removed, report.services) == (1, 0, 0, 2)
    assert codes(SHELTER) == codes(HELPLINE) == ["terapi"]
    assert [t.code for t in unmapped_terms(env.a)] == ["BH-1800.8500"]
    # again: nothing changes
    report = import_mappings(env.a, CSV)
    assert (report.created, report.updated, report.services) == (0, 0, 0)


def test_changing_a_mapping_takes_away_only_what_a_mapping_gave(env):
    shelter = Service.objects.get(pk=SHELTER)
    shelter.terms.add(TaxonomyTerm.objects.get(code="pengasuhan.rumah_aman"))  # its own term
    import_mappings(env.a, CSV + b"AIRS/211 LA County,BH-1800.8500,pengasuhan.rumah_aman\n")
    assert codes(SHELTER) == ["pengasuhan.rumah_aman", "terapi"]
    assert Service.objects.get(pk=SHELTER).mapped_terms == [
        str(TaxonomyTerm.objects.get(code="terapi").id)
    ]
    report = import_mappings(
        env.a,
        b"vocabulary;code;term\nOpen Eligibility;counseling;\nAIRS/211 LA County;BH-1800.8500;\n",
    )
    assert (report.removed, report.services) == (2, 2)
    assert codes(SHELTER) == ["pengasuhan.rumah_aman"] and codes(HELPLINE) == []
    assert TermMapping.objects.count() == 0


def test_another_agencys_mapping_changes_nothing_of_ours(env):
    import_mappings(env.b, CSV)
    assert codes(SHELTER) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"kosakata,kode\nx,y\n", "kolom: vocabulary, code, term"),
        (b"", "kolom"),
        (b"vocabulary,code,term\n", "tidak berisi baris"),
        (b"vocabulary,code,term\nOE,,terapi\n", "Baris 2, kolom code: kode wajib diisi"),
        (
            b"vocabulary,code,term\nOE,a,terapi\nOE,b,pesawat_jet\n",
            "Baris 3, kolom term: istilah pesawat_jet",
        ),
        (
            b"vocabulary,code,term\nOE,a,terapi\nOE,a,pengasuhan.rumah_aman\n",
            "Baris 3, kolom term: OE a sudah dipetakan ke istilah lain di baris 2",
        ),
        (b"vocabulary,code,term\nOE," + b"x" * 201 + b",terapi\n", "Baris 2, kolom code: paling"),
        (b"vocabulary,code,term\n" + b"\xff\xfe", "bukan CSV UTF-8"),
    ],
)
def test_a_bad_csv_saves_nothing_and_names_the_line(env, data, words):
    report = import_mappings(env.a, data)
    assert not report.ok and any(words in e for e in report.errors), report.errors
    assert TermMapping.objects.count() == 0 and codes(SHELTER) == []


def test_the_command_imports_and_lists(env, tmp_path):  # and leaves a trail without a user
    path = tmp_path / "map.csv"
    path.write_bytes(CSV)
    out = StringIO()
    call_command("hsds_mappings", "--agency", "Lembaga A", "--import", str(path), stdout=out)
    text = out.getvalue()
    assert "1 dibuat" in text and "2 layanan mendapat istilah baru" in text
    assert "Open Eligibility counseling → terapi" in text
    assert "AIRS/211 LA County BH-1800.8500: 1 layanan menunggu" in text
    assert [(c.actor, c.source, c.code, c.action, c.before, c.after)
            for c in MappingChange.objects.all()] == [
        (None, "command", "counseling", "created", "", "terapi")]  # fmt: skip
    path.write_bytes(b"vocabulary,code,term\nOE,a,nope\n")
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command(
            "hsds_mappings", "--agency", "Lembaga A", "--import", str(path), stderr=StringIO()
        )


def test_matching_finds_a_service_by_a_mapped_term(directory, world):
    org = directory.org
    sid, lid = "e3000000-0000-4000-8000-000000000011", "e3000000-0000-4000-8000-000000000021"
    service = {
        "id": sid,
        "organization_id": str(org.id),
        "name": "Community kitchen",
        "status": "active",
        "service_at_locations": [
            {
                "id": "e3000000-0000-4000-8000-000000000031",
                "location": {
                    "id": lid,
                    "location_type": "physical",
                    "latitude": -6.9120,
                    "longitude": 107.5790,
                },
            }
        ],
        "attributes": [
            {
                "id": "e3000000-0000-4000-8000-000000000041",
                "link_type": "service_type",
                "taxonomy_term": {
                    "id": "e3000000-0000-4000-8000-000000000051",
                    "code": "BD-1800",
                    "name": "Food",
                    "description": "",
                    "taxonomy": "AIRS",
                },
            }
        ],
    }
    report = hsds.import_objects([service], agency=world.a.agency)
    assert report.ok, [str(e) for e in report.errors]

    def found():
        return [s.service.name for s in matching.match(directory.need).suggestions]

    assert "Community kitchen" not in found()
    import_mappings(world.a.agency, b"vocabulary,code,term\nAIRS,BD-1800,hidup_layak.pangan\n")
    assert "Community kitchen" in found()
