"""The HSDS commands, hsds_import and hsds_export, from the command line (the helpers and
fixtures are test_hsds.py's)."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pendamping.broker import hsds
from pendamping.broker.models import (
    Organization,
    Service,
)

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


@pytest.fixture
def env(hsds_env):  # noqa: F811
    return hsds_env


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
