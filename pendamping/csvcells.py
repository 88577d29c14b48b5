"""CSV that a spreadsheet opens as text: every cell quoted, no cell able to start a formula.

Excel and LibreOffice start a formula at `=`, `+`, `-` or `@` at the beginning of a cell,
and an Indonesian Excel splits on `;` where the file says `,`: so a formula can begin
after any separator inside a value, not only at its first character. Each such place
gets a `'` (the spreadsheet's own "this is text" mark); numbers are written as they are.
"""

import csv
import re

# the start of the value, or a separator any spreadsheet might split on, then blanks
_FORMULA = re.compile(r"(^|[,;\t|\r\n])([ ]*)(?=[=+\-@\t\r])")


def safe_cell(value):
    """A cell that cannot start a formula anywhere (non-text values unchanged)."""
    if not isinstance(value, str):
        return value
    return _FORMULA.sub(lambda m: m.group(1) + m.group(2) + "'", value)


def writer(stream):
    """A csv writer that quotes every cell; pass values through `safe_cell`."""
    return csv.writer(stream, quoting=csv.QUOTE_ALL)


def row(values):
    return [safe_cell(v) for v in values]


def download(stem: str):
    """(response, writer) of a CSV attachment named ``stem-YYYYmmdd-HHMM.csv`` (the
    local time): write rows with ``writer.writerow(row(values))``."""
    from django.http import HttpResponse
    from django.utils import timezone

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.csv"'
    return response, writer(response)
