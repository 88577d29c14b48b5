"""XLSX exports: one workbook of named sheets, each a header row and data rows.

openpyxl reads a string that starts with ``=`` as a formula; a complaint's category or
a user's name must never run in the reader's spreadsheet, so every string cell is
written as text (``data_type = "s"``), whatever it starts with. Dates and numbers
stay what they are.
"""

from __future__ import annotations

import io

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
