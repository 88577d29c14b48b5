"""Bulk client import through the management command: CSV and XLSX, validation,
duplicates, chunks, resuming, the report."""

import csv
from contextlib import contextmanager
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pendamping.clients import importer
from pendamping.clients.models import Client, ClientNameIndex, ImportRun
from pendamping.clients.nik import make_nik
from pendamping.clients.selectors import search_clients

HEADER = ["full_name", "nik", "sex", "birth_date", "region_code", "ppks", "religion"]


def nik(serial, born=date(1990, 10, 20), sex="F"):
    return make_nik("32.73.05", born, sex, serial)


def write_csv(path, rows, header=HEADER, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


@contextmanager
def power_cut_at_chunk(monkeypatch, number):
    """Inside the block, the import's chunk `number` (from 1) fails as it is written
    (RuntimeError "power cut"), after the chunks before it were committed; after the
    block, chunks are written again."""
    real = importer._write_clients
    calls = {"n": 0}

    def crash_at_chunk(clients, **kw):
        calls["n"] += 1
        if calls["n"] == number:
            raise RuntimeError("power cut")
        return real(clients, **kw)

    monkeypatch.setattr(importer, "_write_clients", crash_at_chunk)
    try:
        yield
    finally:
        monkeypatch.setattr(importer, "_write_clients", real)


def run(path, user, *args):
    out = StringIO()
    call_command("import_clients", str(path), "--as", user.username, *args, stdout=out, verbosity=0)
    return out.getvalue()


GOOD = [
    ["Siti Aminah", nik(101), "P", "1990-10-20", "32.73.05.1001", "fakir_miskin", "islam"],
    ["Budi Santoso", nik(102, sex="M"), "L", "20-10-1990", "32.73.05", "", ""],
    ["Tanpa NIK", "", "P", "1985-01-02", "", "lansia_terlantar;disabilitas", ""],
]


class TestImport:
    def test_it_imports_valid_rows_with_name_keys(self, world, tmp_path):
        out = run(write_csv(tmp_path / "a.csv", GOOD), world.a.users["worker"])
        assert "3 baris: 3 klien dibuat, 0 baris ditolak" in out
        siti = Client.objects.get(full_name="Siti Aminah")
        assert (
            siti.agency == world.a.agency and siti.sex == "F" and siti.region_id == "32.73.05.1001"
        )
        assert siti.registered_by == world.a.users["worker"] and siti.ppks_categories == [
            "fakir_miskin"
        ]
        assert Client.objects.get(full_name="Budi Santoso").birth_date == date(1990, 10, 20)
        rows = ClientNameIndex.objects.filter(client__agency=world.a.agency)
        assert {"st", "amnh"} <= set(rows.get(client=siti).keys.split())  # the name search's
        assert rows.count() == Client.objects.filter(agency=world.a.agency).count()  # one each
        # no foreign key checks the row's agency in the database: the importer writes it
        assert set(rows.values_list("agency_id", flat=True)) == {world.a.agency.pk}
        found = search_clients(world.a.users["worker"], "Sitti Aminah")
        assert [c.pk for c in found] == [siti.pk]

    def test_every_bad_row_is_refused_with_its_reason(self, world, tmp_path):
        rows = [
            *GOOD[:1],
            ["", nik(103), "P", "1990-10-20", "", "", ""],
            ["Nik Salah", "3273053210900001", "P", "1990-10-13", "", "", ""],
            ["Masa Depan", "", "P", "2999-01-01", "", "", ""],
            ["Wilayah", "", "P", "1990-01-01", "99.99", "", ""],
            ["Kategori", "", "P", "1990-01-01", "", "bukan_ppks", ""],
            ["Kelamin", "", "X", "1990-01-01", "", "", ""],
            ["Kembar NIK", nik(101), "P", "1990-10-20", "", "", ""],
            ["Tanpa Usia", "", "P", "", "", "", ""],
        ]
        report = tmp_path / "refused.csv"
        out = run(
            write_csv(tmp_path / "b.csv", rows), world.a.users["worker"], "--report", str(report)
        )
        assert "1 klien dibuat, 8 baris ditolak" in out
        reasons = {int(r["row"]): r["reason"] for r in csv.DictReader(report.open())}
        assert reasons[3] == "full_name kosong"
        assert reasons[4].startswith("nik:")
        assert (
            "masa depan" in reasons[5]
            and "tidak ada" in reasons[6]
            and "tidak dikenal" in reasons[7]
        )
        assert (
            "L/P" in reasons[8]
            and reasons[9] == "nik sama dengan baris 2"
            and "estimated_age" in reasons[10]
        )

    def test_a_nik_already_in_the_agency_is_a_duplicate(self, world, tmp_path):
        rows = [["Siti Lain", world.a.client.nik, "P", "1990-10-20", "", "", ""]]
        out = run(write_csv(tmp_path / "c.csv", rows), world.a.users["worker"])
        assert "nik sudah terdaftar di lembaga ini" in out
        assert Client.objects.filter(full_name="Siti Lain").count() == 0
        # another agency may register the same person
        out = run(write_csv(tmp_path / "c2.csv", rows), world.b.users["worker"])
        assert "1 klien dibuat" in out

    def test_it_reads_xlsx(self, world, tmp_path):
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(HEADER)
        ws.append(["Excel Sari", nik(110), "P", date(1990, 10, 20), "32.73.05.1001", "", ""])
        wb.save(tmp_path / "d.xlsx")
        assert "1 klien dibuat" in run(tmp_path / "d.xlsx", world.a.users["worker"])
        assert Client.objects.get(full_name="Excel Sari").birth_date == date(1990, 10, 20)

    def test_semicolon_csv_from_indonesian_excel(self, world, tmp_path):
        path = write_csv(tmp_path / "e.csv", GOOD[:1], delimiter=";")
        assert "1 klien dibuat" in run(path, world.a.users["worker"])


class TestResume:
    def test_an_interrupted_import_resumes_without_duplicates(self, world, tmp_path, monkeypatch):
        rows = [[f"Klien {i}", "", "P", "1990-01-01", "", "", ""] for i in range(10)]
        path = write_csv(tmp_path / "f.csv", rows)
        with power_cut_at_chunk(monkeypatch, 3), pytest.raises(RuntimeError):
            run(path, world.a.users["worker"], "--chunk", "3")
        assert Client.objects.filter(full_name__startswith="Klien").count() == 6  # two whole chunks
        out = run(path, world.a.users["worker"], "--chunk", "3")
        assert "Dilanjutkan setelah baris 7" in out
        assert Client.objects.filter(full_name__startswith="Klien").count() == 10
        assert ImportRun.objects.get().committed_rows == 10
        out = run(path, world.a.users["worker"])  # the same file again: nothing new
        assert Client.objects.filter(full_name__startswith="Klien").count() == 10

    def test_the_report_after_a_resume_lists_every_refused_row(self, world, tmp_path, monkeypatch):
        rows = [[f"Klien {i}", "", "P", "1990-01-01", "", "", ""] for i in range(9)]
        rows[1][3] = rows[7][3] = "bukan-tanggal"  # refused: row 3 (first chunk), row 9 (last)
        path = write_csv(tmp_path / "f.csv", rows)
        with power_cut_at_chunk(monkeypatch, 2), pytest.raises(RuntimeError):
            run(path, world.a.users["worker"], "--chunk", "3")
        report = tmp_path / "refused.csv"
        run(path, world.a.users["worker"], "--chunk", "3", "--report", str(report))
        refused = [int(r["row"]) for r in csv.DictReader(report.open(encoding="utf-8"))]
        assert refused == [3, 9]  # row 3 was refused by the run that crashed


class TestRefusals:
    @pytest.mark.parametrize(("name", "content", "message"), [
        ("x.pdf", "x", "gunakan berkas .csv atau .xlsx"),
        ("empty.csv", "", "kosong"),
        ("cols.csv", "nama,alamat\nSiti,Jl\n", "kolom tidak dikenal: nama, alamat"),
        ("noname.csv", "nik\n3273056010900009\n", "kolom full_name wajib ada"),
        ("bad.xlsx", "not a zip", "bukan berkas XLSX yang dapat dibaca"),
        ("binary.csv", "full_name\x00\x01", "bukan berkas teks CSV"),
    ])  # fmt: skip
    def test_an_unreadable_file_is_a_clear_error(self, world, tmp_path, name, content, message):
        path = tmp_path / name
        path.write_text(content)
        with pytest.raises(CommandError, match=message):
            run(path, world.a.users["worker"])
        assert not Client.objects.filter(full_name="Siti").exists()

    def test_read_only_roles_cannot_import(self, world, tmp_path):
        with pytest.raises(CommandError):
            run(write_csv(tmp_path / "g.csv", GOOD), world.a.users["auditor"])
        with pytest.raises(CommandError, match="tidak ada pengguna"):
            call_command(
                "import_clients", str(tmp_path / "g.csv"), "--as", "nobody", stdout=StringIO()
            )

    def test_the_documented_columns_are_the_ones_read(self):
        for column in importer.COLUMNS:
            assert column in importer.__doc__


class TestOddCells:
    def test_a_row_that_cannot_be_read_stops_the_file_with_its_row_number(self, world, tmp_path):
        rows = [GOOD[0], ["Panjang", "", "P", "1990-01-01", "", "", "x" * 140_000]]
        with pytest.raises(CommandError, match="baris 3 tidak dapat dibaca"):
            run(write_csv(tmp_path / "long.csv", rows), world.a.users["worker"])

    def test_an_infinite_estimated_age_is_a_refused_row(self, world, tmp_path):
        header = ["full_name", "estimated_age"]
        path = write_csv(tmp_path / "inf.csv", [["Lansia", "inf"], ["Kakek", "1e999"]], header)
        out = run(path, world.a.users["worker"])
        assert out.count("estimated_age bukan angka") == 2

    def test_excel_dates_outside_birth_date_are_read_as_text(self, world, tmp_path):
        from datetime import datetime

        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["full_name", "nik", "sex", "birth_date", "address"])
        sheet.append([datetime(2020, 1, 1), datetime(2020, 1, 2), "P", datetime(1990, 5, 6),
                      datetime(2021, 3, 4)])  # fmt: skip
        sheet.append(["Siti Dates", "", "P", datetime(1990, 5, 6), datetime(2021, 3, 4)])
        book.save(tmp_path / "d.xlsx")
        out = run(tmp_path / "d.xlsx", world.a.users["worker"])
        assert "nik: NIK harus terdiri dari 16 angka" in out  # row 2: a date is no NIK
        siti = Client.objects.get(full_name="Siti Dates")
        assert siti.birth_date == date(1990, 5, 6) and siti.address.startswith("2021-03-04")


class TestResumeKeepsDuplicateRules:
    def test_a_nik_of_a_refused_row_does_not_refuse_a_later_row_after_resuming(
        self, world, tmp_path, monkeypatch
    ):
        rows = [
            ["Salah Tanggal", nik(201), "P", "1990-13-45", "", "", ""],  # refused: the date
            ["Pengisi", "", "P", "1990-01-01", "", "", ""],
            ["Siti Benar", nik(201), "P", "1990-10-20", "", "", ""],  # the same NIK, valid
        ]
        path = write_csv(tmp_path / "r.csv", rows)
        with power_cut_at_chunk(monkeypatch, 2), pytest.raises(RuntimeError):
            run(path, world.a.users["worker"], "--chunk", "2")
        run(path, world.a.users["worker"], "--chunk", "2")
        assert Client.objects.filter(full_name="Siti Benar", nik=nik(201)).exists()
