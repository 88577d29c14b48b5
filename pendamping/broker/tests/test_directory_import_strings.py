"""An XLSX whose shared strings (which openpyxl loads whole) unpack past
settings.IMPORT_MAX_SHARED_STRINGS_BYTES is refused with its own message, through the
API's upload and the worker's run; under the cap the same file is read."""

import io
import zipfile

from pendamping import spreadsheets
from pendamping.clients.tests.test_import_web import no_connection_recycling, run_worker  # noqa: F401

from .test_directory_import_api import admin_api, start  # noqa: F401
from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ID, ROWS


def _with_shared_strings(book: bytes, count: int) -> bytes:
    """The workbook with an xl/sharedStrings.xml of ``count`` strings (openpyxl itself
    writes strings inline): the member a spreadsheet program writes, and a bomb's."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.infolist():
            dst.writestr(member, src.read(member))
        items = "".join(f"<si><t>s{i}</t></si>" for i in range(count))
        dst.writestr("xl/sharedStrings.xml", SST.format(n=count, items=items))
    return out.getvalue()


SST = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
       'spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{items}</sst>')  # fmt: skip
XLSX = _with_shared_strings(spreadsheets.workbook([("Layanan", ID, ROWS)]), 100)


def _run(api, capture):
    made = start(api, capture, XLSX, name="direktori.xlsx")
    assert made.status_code in (201, 422), made.json()
    if made.status_code == 422:  # refused when the upload is checked
        return {"status": "refused", "report": {"errors": [{"message": made.json()["detail"]}]}}
    run_worker()
    return api.get(f"/directory/imports/{made.json()['id']}").json()


def test_too_many_shared_strings_are_refused(
    admin_api,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    settings.IMPORT_MAX_SHARED_STRINGS_BYTES = 1000  # the strings take about 2.2 kB
    got = _run(admin_api, django_capture_on_commit_callbacks)
    assert got["status"] == "refused", got
    (issue,) = got["report"]["errors"]
    assert "teks berkas XLSX ini terlalu banyak" in issue["message"], got
    assert "1000\xa0bita" in issue["message"]  # the cap, as filesizeformat writes it


def test_under_the_cap_the_file_is_read(
    admin_api,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    got = _run(admin_api, django_capture_on_commit_callbacks)
    assert got["status"] == "checked", got
    assert got["report"]["created"] == 5
