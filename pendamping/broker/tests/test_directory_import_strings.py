"""An XLSX whose shared strings (which openpyxl loads whole) unpack past
settings.IMPORT_MAX_SHARED_STRINGS_BYTES is refused with its own message, through the
API's upload and the worker's run; under the cap the same file is read."""

from pendamping import spreadsheets
from pendamping.clients.tests.test_import_web import no_connection_recycling, run_worker  # noqa: F401

from .test_directory_import_api import admin_api, start  # noqa: F401
from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ID, ROWS

XLSX = spreadsheets.workbook([("Layanan", ID, ROWS)])


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
    settings.IMPORT_MAX_SHARED_STRINGS_BYTES = 200
    got = _run(admin_api, django_capture_on_commit_callbacks)
    assert got["status"] == "refused", got
    assert "teks berkas XLSX ini terlalu banyak" in str(got), got
    assert "200" in str(got)


def test_under_the_cap_the_file_is_read(
    admin_api,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    got = _run(admin_api, django_capture_on_commit_callbacks)
    assert got["status"] == "checked", got
    assert got["report"]["created"] == 5
