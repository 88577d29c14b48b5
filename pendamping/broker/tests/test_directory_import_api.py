"""The directory import over the API (broker/imports_api.py): upload for a dry run,
read the run's status and report, confirm or discard; bad files refused with a 422
in the reader's language (the page's strings), another agency's run a 404, other roles a 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pendamping.broker.imports import DirectoryImport
from pendamping.broker.models import Service
from pendamping.clients.tests.test_import_web import no_connection_recycling, run_worker  # noqa: F401

from .test_directory_import_web import csv_bytes
from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ROWS


@pytest.fixture
def admin_api(api, world, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return api.as_user(world.a.users["admin"])


def start(api, capture, content: bytes, name="direktori.csv"):
    with capture(execute=True):  # the task is queued on commit, as in a real request
        return api.post("/directory/imports", {"file": SimpleUploadedFile(name, content)})


class TestDirectoryImportApi:
    def test_upload_check_read_the_report_then_confirm(
        self, admin_api, world, django_capture_on_commit_callbacks, django_assert_max_num_queries
    ):
        capture = django_capture_on_commit_callbacks
        made = start(admin_api, capture, csv_bytes(ROWS))
        assert made.status_code == 201, made.json()
        pk = made.json()["id"]
        assert made.json()["status"] == "queued" and made.json()["kind"] == "sheet"
        run_worker()
        with django_assert_max_num_queries(8):
            got = admin_api.get(f"/directory/imports/{pk}").json()
        assert got["status"] == "checked" and got["report"]["created"] == 5, got
        assert got["step"] == 2 and got["percent"] == 50
        assert not Service.objects.filter(agency=world.a.agency).exists()  # a dry run
        listed = admin_api.get("/directory/imports").json()
        assert listed["count"] == 1 and listed["items"][0]["id"] == pk
        with capture(execute=True):
            confirmed = admin_api.post(f"/directory/imports/{pk}/confirm")
        assert confirmed.json()["status"] == "save_queued"
        run_worker()
        assert admin_api.get(f"/directory/imports/{pk}").json()["status"] == "done"
        assert Service.objects.filter(agency=world.a.agency).count() == 3
        again = admin_api.post(f"/directory/imports/{pk}/confirm")
        assert again.status_code == 409 and "tidak lagi menunggu" in again.json()["detail"]
        late = admin_api.post(f"/directory/imports/{pk}/discard")
        assert late.status_code == 409 and late.json()["detail"]

    def test_a_checked_run_is_discarded_and_its_file_deleted(
        self, admin_api, django_capture_on_commit_callbacks
    ):
        from pathlib import Path

        pk = start(admin_api, django_capture_on_commit_callbacks, csv_bytes(ROWS)).json()["id"]
        run_worker()
        stored = DirectoryImport.objects.get(pk=pk).stored_path
        done = admin_api.post(f"/directory/imports/{pk}/discard")
        assert done.status_code == 200 and done.json()["status"] == "discarded"
        assert not Path(stored).exists() and not Service.objects.exists()

    def test_a_refused_file_reports_row_and_column(
        self, admin_api, django_capture_on_commit_callbacks
    ):
        made = start(admin_api, django_capture_on_commit_callbacks,
                     csv_bytes([ROWS[0], ["", "Layanan"]]))  # fmt: skip
        run_worker()
        got = admin_api.get(f"/directory/imports/{made.json()['id']}").json()
        assert got["status"] == "refused" and got["report"]["errors"]
        assert got["report"]["errors"][0]["field"]

    def test_bad_files_are_a_422_and_leave_nothing(
        self, admin_api, settings, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        wrong = start(admin_api, capture, b"x", "direktori.txt")
        assert wrong.status_code == 422 and ".xlsx, .csv, .zip" in str(wrong.json())
        settings.IMPORT_MAX_BYTES = 10
        big = start(admin_api, capture, csv_bytes(ROWS))
        assert big.status_code == 422 and "Berkas terlalu besar" in big.json()["detail"]
        missing = admin_api.post("/directory/imports", {})
        assert missing.status_code == 422
        assert not DirectoryImport.objects.exists()
        folder = settings.IMPORT_UPLOAD_DIR
        assert not folder.exists() or not any(folder.iterdir())

    def test_another_agency_and_other_roles_are_refused(
        self, admin_api, api, world, django_capture_on_commit_callbacks
    ):
        pk = start(admin_api, django_capture_on_commit_callbacks, csv_bytes(ROWS)).json()["id"]
        assert (
            api.as_user(world.b.users["admin"]).get(f"/directory/imports/{pk}").status_code == 404
        )
        assert (
            api.as_user(world.a.users["worker"]).get(f"/directory/imports/{pk}").status_code == 403
        )
        assert api.as_user(world.a.users["worker"]).get("/directory/imports").status_code == 403
