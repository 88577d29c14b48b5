"""Spreadsheets in and out: the one bounded reader of uploaded CSV and XLSX tables
(`read_table`, used by every import), and XLSX exports (`workbook`).

Reading: an XLSX is a zip, so its unpacked size and member count are checked before
openpyxl opens it (a zip bomb is refused, settings.IMPORT_MAX_UNPACKED_BYTES); only
as many columns are read as the caller knows (a sheet may claim 16,384), and no more
than settings.IMPORT_MAX_ROWS rows. A CSV may be separated by commas, semicolons or
tabs (the sniffer decides), in UTF-8 with or without a BOM. Problems come back as
`SheetError`, a message in the reader's language naming the file (and the row).

Writing: openpyxl reads a string that starts with ``=`` as a formula; a complaint's category or
a user's name must never run in the reader's spreadsheet, so every string cell is
written as text (``data_type = "s"``), whatever it starts with. Dates and numbers
stay what they are.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from pendamping import uploads

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive


class SheetError(Exception):
    """The file cannot be read as the table asked for (format, header, a row)."""


def _text_cell(_column: str, value):
    return None if value in (None, "") else str(value).strip()


def read_table(
    path: Path,
    *,
    columns: dict[str, str],
    required: dict[str, str] | None = None,
    display_name: str | None = None,
    cell: Callable = _text_cell,
) -> Iterator[dict | None]:
    """Rows of a CSV or XLSX table as dicts of column → `cell(column, value)` (text,
    None for an empty cell; a CSV cell is always text, stripped, and `cell` is for an
    XLSX cell's values); None for an empty line, which keeps its row number (the
    header being row 1).

    `columns` maps every header accepted (lower case) to the column it names, so a
    column may have a header in each language; `required` columns (column → the header
    an error names) must be present.
    Raises SheetError on the first `next()` when the file is not such a table (wrong
    type, not what its extension says, empty, a bad header), and later when a row
    cannot be read or there are too many.
    """
    name = display_name or path.name
    suffix = Path(name).suffix.lower()
    width = len(set(columns.values())) + 8
    if suffix == ".xlsx":
        rows = _xlsx_rows(path, name, width)
        text_cells = False
    elif suffix in (".csv", ".txt"):
        data = path.read_bytes()
        if b"\x00" in data[:65536]:  # a binary file renamed to .csv
            raise SheetError(
                _("%(name)s: bukan berkas teks CSV yang dapat dibaca.") % {"name": name}
            )
        text = data.decode("utf-8-sig", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:  # rows of uneven length, one column, or nothing to go by:
            first = text.split("\n", 1)[0]  # the header's most frequent separator
            dialect = type("Header", (csv.excel,), {"delimiter": max(",;\t", key=first.count)})
        rows = csv.reader(io.StringIO(text), dialect)
        text_cells = True
    else:
        raise SheetError(_("%(name)s: gunakan berkas .csv atau .xlsx.") % {"name": name})
    try:
        header = next(rows, None)
    except csv.Error:
        raise SheetError(
            _("%(name)s: bukan berkas teks CSV yang dapat dibaca.") % {"name": name}
        ) from None
    if not header:
        raise SheetError(_("%(name)s: berkasnya kosong.") % {"name": name})
    written = [" ".join(str(h or "").split()).lower() for h in header]
    unknown = [h for h in written if h and h not in columns]
    if unknown:
        raise SheetError(
            _("%(name)s: kolom tidak dikenal: %(columns)s.")
            % {"name": name, "columns": ", ".join(unknown)}
        )
    names = [columns.get(h, "") for h in written]
    for column, shown in (required or {}).items():
        if column not in names:
            raise SheetError(
                _("%(name)s: kolom %(column)s wajib ada.") % {"name": name, "column": shown}
            )
    line = 1
    while True:
        line += 1
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception:  # csv.Error (a field over the size limit), a damaged sheet
            raise SheetError(
                _("%(name)s: baris %(row)s tidak dapat dibaca.") % {"name": name, "row": line}
            ) from None
        if line - 1 > settings.IMPORT_MAX_ROWS:
            raise SheetError(
                _("%(name)s: lebih dari %(max)s baris; bagi berkasnya menjadi beberapa.")
                % {"name": name, "max": settings.IMPORT_MAX_ROWS}
            )
        if text_cells:  # CSV: every cell is a string, stripped, None when empty (as
            # `cell` makes of a string), without a call per cell: the client import's pace
            if not any(values):
                yield None  # an empty line keeps its row number
                continue
            yield {c: v.strip() if v else None for c, v in zip(names, values, strict=False) if c}
            continue
        if values is None or all(v in (None, "") for v in values):
            yield None
            continue
        yield {column: cell(column, v) for column, v in zip(names, values, strict=False) if column}


class _TooManyStrings(Exception):
    pass


def _shared_strings_size(path: Path) -> int:
    """The unpacked size of the workbook's shared strings, which openpyxl loads whole
    (settings.IMPORT_MAX_SHARED_STRINGS_BYTES)."""
    with zipfile.ZipFile(path) as archive:
        return sum(m.file_size for m in archive.infolist()
                   if m.filename.lower().endswith("sharedstrings.xml"))  # fmt: skip


def _xlsx_rows(path: Path, name: str, width: int):
    from openpyxl import load_workbook

    with path.open("rb") as fh:
        magic = fh.read(4)
    try:
        if magic != XLSX_MAGIC:
            raise ValueError("not a zip archive")
        uploads.check_zip(path, max_bytes=settings.IMPORT_MAX_UNPACKED_BYTES)
        if _shared_strings_size(path) > settings.IMPORT_MAX_SHARED_STRINGS_BYTES:
            raise _TooManyStrings
        sheet = load_workbook(path, read_only=True, data_only=True).active
        if sheet is None:
            raise ValueError("no worksheet")
    except _TooManyStrings:
        raise SheetError(
            _(
                "%(name)s: teks berkas XLSX ini terlalu banyak (daftar teksnya lebih dari "
                "%(max)s setelah dibuka); simpan sebagai CSV atau bagi berkasnya."
            )
            % {"name": name, "max": filesizeformat(settings.IMPORT_MAX_SHARED_STRINGS_BYTES)}
        ) from None
    except uploads.UploadTooLarge:
        raise SheetError(
            _("%(name)s: isi berkas XLSX ini terlalu besar (lebih dari %(max)s setelah dibuka).")
            % {"name": name, "max": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES)}
        ) from None
    except Exception:  # openpyxl raises several kinds for a broken file
        raise SheetError(
            _("%(name)s: bukan berkas XLSX yang dapat dibaca.") % {"name": name}
        ) from None
    # never wider than the columns we know: a sheet may claim 16,384 of them
    return sheet.iter_rows(values_only=True, max_col=width)


def workbook(sheets) -> bytes:
    """`sheets`: (title, header, rows) triples; the bytes of the workbook."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(str(title)[:31])
        for values in [header, *rows]:
            sheet.append(list(values))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """An XLSX download; refused when it shows a restricted client (processing.py)."""
    from pendamping.processing import check_share

    check_share()
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
