"""An upload cannot take the server's memory: an XLSX that unpacks to far more than
it weighs, a sheet that claims thousands of columns, a file with too many rows
(issue 15, "Bounded memory"). Peak memory is measured while the file is checked,
the way the upload view and the worker both read it (importer.read_rows)."""

import contextlib
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from pendamping.clients.importer import ImportFileError, check_file, read_rows

HEADER = ["full_name", "sex", "birth_date"]


def _xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _bomb(path, tmp_path, padding_mb: int):
    """A real XLSX whose sheet XML carries `padding_mb` MB of whitespace: a few
    kilobytes on disk (deflate), megabytes once unpacked."""
    plain = _xlsx(tmp_path / "plain.xlsx", [["Siti Aminah", "P", "1990-10-20"]])
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                with dst.open(item.filename, "w") as out:
                    head, tail = data.split(b"<sheetData>", 1)
                    out.write(head + b"<sheetData>")
                    block = b" " * (1 << 20)
                    for _ in range(padding_mb):
                        out.write(block)
                    out.write(tail)
            else:
                dst.writestr(item, data)
    return path


def _peak_mb(fn) -> float:
    tracemalloc.start()
    with contextlib.suppress(ImportFileError):
        fn()
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def test_a_small_bomb_is_refused_before_it_is_unpacked(tmp_path, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 8 * 2**20
    bomb = _bomb(tmp_path / "bom.xlsx", tmp_path, padding_mb=64)
    assert bomb.stat().st_size < 2**20  # under a megabyte on disk
    with pytest.raises(ImportFileError, match="terlalu besar"):
        check_file(bomb)
    assert _peak_mb(lambda: check_file(bomb)) < 4


def test_a_file_within_the_limit_still_imports(tmp_path, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 8 * 2**20
    ok = _bomb(tmp_path / "ok.xlsx", tmp_path, padding_mb=2)
    rows = [r for r in read_rows(ok) if r]
    assert rows[0]["full_name"] == "Siti Aminah"


def test_a_sheet_claiming_every_column_is_read_only_as_wide_as_the_columns(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["Siti Aminah", "P", "1990-10-20"])
    ws.cell(row=2, column=16384, value="x")  # the last column Excel has
    wb.save(tmp_path / "wide.xlsx")
    rows = [r for r in read_rows(tmp_path / "wide.xlsx") if r]
    assert rows == [{"full_name": "Siti Aminah", "sex": "P", "birth_date": "1990-10-20"}]
    assert _peak_mb(lambda: list(read_rows(tmp_path / "wide.xlsx"))) < 8


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows_are_refused_with_the_limit_named(tmp_path, settings, kind):
    settings.IMPORT_MAX_ROWS = 5
    rows = [[f"Klien {i}", "P", "1990-01-01"] for i in range(6)]
    if kind == "xlsx":
        path = _xlsx(tmp_path / "many.xlsx", rows)
    else:
        path = tmp_path / "many.csv"
        path.write_text("\n".join(",".join(r) for r in [HEADER, *rows]), encoding="utf-8")
    with pytest.raises(ImportFileError, match="lebih dari 5 baris"):
        list(read_rows(path))
    settings.IMPORT_MAX_ROWS = 6
    assert len(list(read_rows(path))) == 6
