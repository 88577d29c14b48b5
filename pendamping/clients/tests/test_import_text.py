"""Hostile text in an import row is refused by the validators the forms and the API
apply (the model fields' own, pendamping/text.py), never stored and never cut short."""

import csv

import pytest

from pendamping.clients.models import Client

from .test_import import run, write_csv

HEADER = ["full_name", "birth_date", "nickname", "birth_place", "address", "phone"]
OK = ["Siti Aminah", "1990-10-20", "Siti", "Bandung", "Jl. Melati 3", "0812 3456 789"]

HOSTILE = {
    "bell in the name": (0, "Siti\x07Aminah", "full_name"),
    "escape in the name": (0, "Siti\x1b[31mAminah", "full_name"),
    "a name over 200 characters": (0, "A" * 201, "full_name"),
    "a nickname over 60": (2, "S" * 61, "nickname"),
    "escape in the birth place": (3, "Band\x1bung", "birth_place"),
    "vertical tab in the address": (4, "Jl.\x0bMelati", "address"),
    "an address over 300": (4, "J" * 301, "address"),
    "escape in the phone": (5, "0812\x1b345", "phone"),
}


def hostile(column, value):
    row = list(OK)
    row[column] = value
    return row


def test_hostile_rows_are_refused_with_the_column_and_the_reason(world, tmp_path):
    rows = [OK, *(hostile(col, value) for col, value, _ in HOSTILE.values())]
    report = tmp_path / "refused.csv"
    path = write_csv(tmp_path / "hostile.csv", rows, header=HEADER)
    out = run(path, world.a.users["worker"], "--report", str(report))
    assert f"1 klien dibuat, {len(HOSTILE)} baris ditolak" in out
    reasons = {int(r["row"]): r["reason"] for r in csv.DictReader(report.open())}
    for row, (_col, _value, column) in enumerate(HOSTILE.values(), start=3):
        assert reasons[row].startswith(f"{column}: "), (row, reasons[row])
    assert "karakter kontrol" in reasons[3] and "200" in reasons[5]
    imported = Client.objects.filter(agency=world.a.agency, full_name="Siti Aminah")
    assert list(imported.values_list("nickname", flat=True)) == ["Siti"]
    assert not Client.objects.filter(full_name__contains="\x07").exists()


@pytest.mark.parametrize("label", list(HOSTILE))
def test_the_api_refuses_what_the_importer_refuses(api, world, label):
    _column, value, field = HOSTILE[label]
    api.as_user(world.a.users["worker"])
    data = dict(zip(HEADER, OK, strict=True)) | {"kind": "individual", field: value}
    r = api.post("/clients", data)
    assert r.status_code == 422, r.json()
    errors = r.json()["errors"]
    # refused by the schema (a list naming the field's place) or by the service (by field)
    named = (
        field in errors if isinstance(errors, dict) else any(e["loc"][-1] == field for e in errors)
    )
    assert named, errors
