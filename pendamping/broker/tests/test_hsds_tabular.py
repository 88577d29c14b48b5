"""Tabular HSDS (broker/hsds/tabular.py) from the command line: `hsds_export --tabular`
writes one CSV per object type valid against the spec's datapackage.json (read from
../shared/hsds, never copied here), and `hsds_import` takes that folder, or a zip of
it, through the JSON importer's own phases, giving every row back; a bad cell is
named by file, row and column and nothing is written."""

import csv
import json
import zipfile
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from pendamping.broker import hsds
from pendamping.broker.models import Organization, Service

from .test_hsds import (  # noqa: F401
    _need_schemas,
    env,
    import_everything,
    snapshot,
    wipe_directory,
)
from .test_hsds_foreign import THIRD

PACKAGE = settings.BASE_DIR.parent / "shared" / "hsds" / "datapackage.json"


@pytest.fixture
def spec():
    if not PACKAGE.is_file():
        pytest.skip(f"the HSDS tabular datapackage.json is not at {PACKAGE}")
    return {r["path"]: r["schema"] for r in json.loads(PACKAGE.read_text())["resources"]}


@pytest.fixture
def full(env):  # noqa: F811
    import_everything(env.a)
    hsds.import_path(THIRD / "organization_nested.json", agency=env.a)
    return env


def read(folder, name) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(folder, name, rows: list[dict]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def export(folder) -> str:
    out = StringIO()
    call_command("hsds_export", str(folder), "--tabular", stdout=out)
    return out.getvalue()


def assert_valid_tabular(folder, spec):
    """Each file is a table of the spec with its columns in order, required cells
    filled, numbers that are numbers, and every foreign key found in its table."""
    ids = {}
    for name, schema in spec.items():
        if not (folder / name).is_file():
            continue
        with (folder / name).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        assert reader.fieldnames == [x["name"] for x in schema["fields"]], name
        for row in rows:
            for field in schema["fields"]:
                value = row[field["name"]]
                if field.get("constraints", {}).get("required"):
                    assert value, (name, field["name"], row["id"])
                if value and field["type"] in ("number", "integer"):
                    float(value)
        ids[name] = {r["id"] for r in rows}
        spec[name]["_rows"] = rows
    by_resource = {r["name"]: r["path"] for r in json.loads(PACKAGE.read_text())["resources"]}
    for name, schema in spec.items():
        for fk in schema.get("foreignKeys", []):
            target = by_resource[fk["reference"]["resource"]]
            for row in schema.get("_rows", []):
                value = row.get(fk["fields"])
                if value and target in ids:
                    assert value in ids[target], (name, fk["fields"], value)
    return ids


def test_export_is_valid_tabular_hsds_and_imports_back(full, spec, tmp_path):
    snap = snapshot()
    folder = tmp_path / "tabel"
    text = export(folder)
    assert "organizations.csv" in text and "services.csv" in text
    ids = assert_valid_tabular(folder, spec)
    assert len(ids["organizations.csv"]) == Organization.objects.count()
    assert len(ids["services.csv"]) == Service.objects.count()
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    assert {r["path"] for r in package["resources"]} <= set(spec)

    wipe_directory()
    out = StringIO()
    call_command("hsds_import", str(folder), "--agency", "Lembaga A", stdout=out)
    assert "diperbarui" in out.getvalue()
    assert snapshot() == snap

    # and again from a zip (with the files in a folder inside), in place: nothing new
    archive = tmp_path / "direktori.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in folder.iterdir():
            z.write(p, f"direktori/{p.name}")
    report = hsds.import_path(archive, agency=full.a)
    assert report.ok and report.created == 0, [str(e) for e in report.errors]
    assert snapshot() == snap


def test_a_dry_run_of_a_tabular_folder_writes_nothing(full, tmp_path):
    folder = tmp_path / "tabel"
    export(folder)
    wipe_directory()
    report = hsds.import_path(folder, agency=full.a, dry_run=True)
    assert report.ok and report.created > 0
    assert not Service.objects.exists() and not Organization.objects.exists()


def test_a_bad_cell_is_named_by_file_row_and_column(full, tmp_path):
    folder = tmp_path / "tabel"
    export(folder)
    rows = read(folder, "locations.csv")
    rows[0]["latitude"] = "enam"
    write(folder, "locations.csv", rows)
    wipe_directory()
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
        call_command("hsds_import", str(folder), "--agency", "Lembaga A", stderr=err)
    assert "locations.csv: Baris 2, kolom latitude: enam bukan angka." in err.getvalue()
    assert not Organization.objects.exists()


def test_a_broken_reference_in_a_table_refuses_the_file(full, tmp_path):
    folder = tmp_path / "tabel"
    export(folder)
    rows = read(folder, "services.csv")
    rows[0]["organization_id"] = "00000000-0000-4000-8000-00000000dead"
    write(folder, "services.csv", rows)
    wipe_directory()
    report = hsds.import_path(folder, agency=full.a)
    assert not report.ok and any("organization" in e.field for e in report.errors)
    assert not Service.objects.exists()


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_neither_json_nor_tabular_is_reported(env, tmp_path, content):  # noqa: F811
    path = tmp_path / "direktori.zip"
    path.write_bytes(content)
    report = hsds.import_path(path, agency=env.a)
    assert not report.ok and report.errors
