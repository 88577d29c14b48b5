"""The directory from a spreadsheet (broker/hsds/sheet.py): one row per service, XLSX
or CSV, headers in either language, through the HSDS importer: its warnings, errors
by row and column, all or nothing, a dry run, and the same file twice creating
nothing the second time (the key: provider and service name, or the service id)."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pendamping import spreadsheets
from pendamping.broker.hsds.sheet import import_sheet, template_rows
from pendamping.broker.models import Capacity, Location, Organization, Phone, Service

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds import env as hsds_env  # noqa: F401  (a fixture)

EN = ["provider name", "service name", "address", "city", "region", "phone", "eligibility",
      "minimum age", "service type"]  # fmt: skip
ID = ["Nama Lembaga", "Nama Layanan", "Alamat", "Kota", "Wilayah", "Telepon", "Syarat",
      "Usia minimum", "Jenis layanan"]  # fmt: skip
ROWS = [
    ["Yayasan Pelita", "Rumah aman", "Jl. Cihampelas 12", "Bandung", "32.73", "022-4201234",
     "Perempuan korban kekerasan", "18", "pengasuhan.rumah_aman"],
    ["Yayasan Pelita", "Konseling keluarga", "Jl. Cihampelas 12", "Bandung", "32.73",
     "022-4201234; 0812-1111", "", "", "Konseling keluarga; Family counselling"],
    ["Panti Werdha Kasih", "Panti lansia", "Jl. Pemuda 3", "Semarang", "Kota Semarang", "",
     "Lansia terlantar", "60", "pengasuhan.lansia"],
]  # fmt: skip


@pytest.fixture
def env(hsds_env):  # noqa: F811
    return hsds_env


def write_csv(path, rows, header=ID):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows, header=EN):
    path.write_bytes(spreadsheets.workbook([("Layanan", header, rows)]))
    return path


class TestImport:
    def test_it_imports_services_with_their_providers_locations_phones_and_terms(
        self, env, tmp_path
    ):
        report = import_sheet(write_csv(tmp_path / "direktori.csv", ROWS), agency=env.a)
        assert report.ok, report.errors
        assert (report.created, report.updated) == (5, 0)  # 2 providers, 3 services
        pelita = Organization.objects.get(name="Yayasan Pelita", agency=env.a)
        assert pelita.services.count() == 2 and pelita.locations.count() == 1
        home = Service.objects.get(name="Rumah aman")
        assert home.eligibility_description == "Perempuan korban kekerasan"
        assert home.minimum_age == 18 and home.service_areas == ["32.73"]
        assert [t.code for t in home.terms.all()] == ["pengasuhan.rumah_aman"]
        (loc,) = Location.objects.filter(organization=pelita)
        assert (loc.address_1, loc.city, loc.region_id) == ("Jl. Cihampelas 12", "Bandung", "32.73")
        counsel = Service.objects.get(name="Konseling keluarga")
        assert sorted(Phone.objects.filter(service=counsel).values_list("number", flat=True)) == [
            "022-4201234", "0812-1111"]  # fmt: skip
        assert [t.code for t in counsel.terms.all()] == [
            "keluarga.konseling"
        ]  # name, either language
        semarang = Location.objects.get(organization__name="Panti Werdha Kasih")
        assert semarang.region_id == "33.74"  # the region name, matched to its code
        (warning,) = report.warnings
        assert warning.index == 4 and warning.field == "wilayah" and "33.74" in warning.message

    def test_an_xlsx_with_english_headers_reads_the_same(self, env, tmp_path):
        report = import_sheet(write_xlsx(tmp_path / "directory.xlsx", ROWS), agency=env.a)
        assert report.ok and report.created == 5
        assert Service.objects.filter(agency=env.a).count() == 3

    def test_the_same_file_again_creates_nothing_and_keeps_the_capacity(self, env, tmp_path):
        path = write_csv(tmp_path / "direktori.csv", ROWS)
        import_sheet(path, agency=env.a)
        home = Service.objects.get(name="Rumah aman")
        Service.objects.filter(pk=home.pk).update(capacity=Capacity.NONE, capacity_count=0)
        rows = [[*ROWS[0][:6], "Perempuan dan anak korban kekerasan", *ROWS[0][7:]], *ROWS[1:]]
        report = import_sheet(write_csv(path, rows), agency=env.a)
        assert report.ok and report.created == 0 and report.updated == 3
        assert Service.objects.filter(agency=env.a).count() == 3
        assert Organization.objects.filter(agency=env.a).count() == 2
        assert Location.objects.filter(organization__agency=env.a).count() == 2
        home.refresh_from_db()
        assert home.eligibility_description == "Perempuan dan anak korban kekerasan"
        assert (home.capacity, home.capacity_count) == (Capacity.NONE, 0) and home.version == 2

    def test_a_service_id_is_the_key_when_given(self, env, tmp_path):
        header = ["service id", *EN]
        path = write_csv(tmp_path / "d.csv", [["PLT-01", *ROWS[0]]], header)
        import_sheet(path, agency=env.a)
        renamed = [["PLT-01", ROWS[0][0], "Rumah aman perempuan", *ROWS[0][2:]]]
        report = import_sheet(write_csv(path, renamed, header), agency=env.a)
        assert report.ok and report.updated == 1
        assert list(Service.objects.values_list("name", flat=True)) == ["Rumah aman perempuan"]

    def test_a_dry_run_reports_and_writes_nothing(self, env, tmp_path):
        report = import_sheet(write_csv(tmp_path / "d.csv", ROWS), agency=env.a, dry_run=True)
        assert report.ok and report.dry_run and report.created == 5
        assert not Service.objects.exists() and not Organization.objects.exists()


BLANK = [""] * 7


class TestRefusals:
    @pytest.mark.parametrize(
        ("row", "column", "words"),
        [(["", "Layanan", *BLANK], "nama lembaga", "wajib"),
         (["Yayasan", "Layanan", "", "", "", "", "", "delapan belas", ""], "usia minimum", "angka"),
         (["Yayasan", "Layanan", *BLANK[:6], "bukan-istilah"], "jenis layanan", "bukan-istilah"),
         (["Yayasan", "L" * 300, *BLANK], "nama layanan", "300")],
    )  # fmt: skip
    def test_a_bad_row_refuses_the_file_naming_row_and_column(
        self, env, tmp_path, row, column, words
    ):
        report = import_sheet(write_csv(tmp_path / "d.csv", [ROWS[0], row]), agency=env.a)
        assert not report.ok and not Service.objects.exists()
        (issue,) = report.errors
        assert (issue.index, issue.field) == (3, column) and words in issue.message, issue

    def test_ages_the_wrong_way_round_are_refused(self, env, tmp_path):
        header = [*ID[:7], "Usia minimum", "Usia maksimum"]
        path = write_csv(
            tmp_path / "d.csv", [["Yayasan", "Layanan", *BLANK[:5], "40", "20"]], header
        )
        (issue,) = import_sheet(path, agency=env.a).errors
        assert issue.index == 2 and issue.field in ("usia minimum", "usia maksimum")

    def test_a_repeated_row_names_the_first(self, env, tmp_path):
        report = import_sheet(
            write_csv(tmp_path / "d.csv", [ROWS[0], ROWS[1], ROWS[0]]), agency=env.a
        )
        (issue,) = report.errors
        assert issue.index == 4 and "baris 2" in issue.message

    @pytest.mark.parametrize(
        ("name", "content", "words"),
        [("d.csv", "kolom aneh;nama lembaga\n", "kolom tidak dikenal: kolom aneh"),
         ("d.csv", "alamat\nJl. A\n", "nama lembaga wajib ada"),
         ("d.xlsx", "bukan zip", "bukan berkas XLSX"),
         ("d.pdf", "%PDF", ".csv atau .xlsx"),
         ("d.csv", "nama lembaga;nama layanan\n", "tidak berisi baris")],
    )  # fmt: skip
    def test_an_unreadable_file_is_one_clear_error(self, env, tmp_path, name, content, words):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        report = import_sheet(path, agency=env.a)
        assert not report.ok and words in report.errors[0].message.replace("nama_lembaga", "")

    def test_a_zip_bomb_is_refused_before_it_is_opened(self, env, tmp_path, settings):
        settings.IMPORT_MAX_UNPACKED_BYTES = 2000
        path = write_xlsx(tmp_path / "d.xlsx", ROWS * 20)
        report = import_sheet(path, agency=env.a)
        assert "terlalu besar" in report.errors[0].message and not Service.objects.exists()


class TestCommand:
    def test_it_prints_the_report_and_imports(self, env, tmp_path):
        out = StringIO()
        path = write_csv(tmp_path / "d.csv", ROWS)
        call_command("directory_sheet_import", str(path), "--agency", env.a.name, stdout=out)
        text = out.getvalue()
        assert "baris 4, kolom wilayah" in text and "5 entri dibuat" in text
        assert Service.objects.count() == 3

    def test_a_dry_run_says_so(self, env, tmp_path):
        out = StringIO()
        path = write_csv(tmp_path / "d.csv", ROWS)
        call_command("directory_sheet_import", str(path), "--agency", str(env.a.pk), "--dry-run",
                     stdout=out)  # fmt: skip
        assert "Uji coba" in out.getvalue() and not Service.objects.exists()

    def test_errors_fail_the_command_naming_row_and_column(self, env, tmp_path):
        err = StringIO()
        path = write_csv(tmp_path / "d.csv", [ROWS[0], ["", "Layanan", *BLANK]])
        with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
            call_command("directory_sheet_import", str(path), "--agency", env.a.name, stderr=err)
        assert "baris 3, kolom nama lembaga: Kolom ini wajib diisi." in err.getvalue()
        assert not Service.objects.exists()

    def test_a_region_code_in_another_scripts_digits_is_no_code(self, env, tmp_path):
        out = StringIO()
        arabic = "32.73".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        path = write_csv(tmp_path / "d.csv", [[*ROWS[0][:4], arabic, *ROWS[0][5:]]])
        call_command("directory_sheet_import", str(path), "--agency", env.a.name, stdout=out)
        home = Service.objects.get(name="Rumah aman")
        assert home.service_areas != ["32.73"], out.getvalue()
        assert Location.objects.get(organization__name="Yayasan Pelita").region_id is None


def test_the_template_imports_as_it_is(env, tmp_path):
    header, example = template_rows()
    out = io.StringIO()
    csv.writer(out).writerows([header, example])
    path = tmp_path / "template.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = import_sheet(path, agency=env.a)
    assert report.ok and report.created == 2
