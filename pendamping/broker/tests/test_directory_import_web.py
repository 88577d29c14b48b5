"""The directory import page (broker/views/imports.py): a spreadsheet or HSDS upload
checked by the background worker, its dry-run report shown, then saved or discarded;
the template files and the agency's directory as tabular HSDS or JSON; zip safety."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pendamping import spreadsheets
from pendamping.broker.imports import DirectoryImport
from pendamping.broker.models import Organization, Service
from pendamping.clients.tests.test_import_web import no_connection_recycling, run_worker  # noqa: F401

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ID, ROWS

URL = "/directory/import/"


def csv_bytes(rows, header=ID) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([header, *rows])
    return out.getvalue().encode()


@pytest.fixture
def admin(client, world, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(world.a.users["admin"])
    return world.a.users["admin"]


def upload(client, capture, content: bytes, name="direktori.csv"):
    with capture(execute=True):  # the task is queued on commit, as in a real request
        return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def admin_uploads(run):
    from django.conf import settings

    return settings.IMPORT_UPLOAD_DIR


def detail(client, run):
    return client.get(reverse("directory_import_detail", args=[run.pk])).content.decode()


class TestSpreadsheet:
    def test_it_is_checked_shown_then_saved(
        self, client, admin, world, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        r = upload(client, capture, csv_bytes(ROWS))
        run = DirectoryImport.objects.get()
        assert r.status_code == 302 and r["Location"] == reverse(
            "directory_import_detail", args=[run.pk]
        )
        assert run.status == "queued" and 'hx-trigger="every 2s"' in detail(client, run)
        run_worker()
        run.refresh_from_db()
        assert run.status == "checked" and run.report["created"] == 5, run.report
        assert not Service.objects.filter(agency=world.a.agency).exists()  # a dry run
        page = detail(client, run)
        for text in ("Diperiksa, menunggu persetujuan", "Simpan ke direktori", "Entri akan dibuat",
                     "Kota Semarang dicocokkan", "Langkah 2 dari 4"):  # fmt: skip
            assert text in page, text
        with capture(execute=True):
            client.post(reverse("directory_import_confirm", args=[run.pk]))
        run.refresh_from_db()
        assert run.status == "save_queued" and run.confirmed_by == admin
        run_worker()
        run.refresh_from_db()
        assert run.status == "done" and run.stored_path == "" and run.finished_at
        assert Service.objects.filter(agency=world.a.agency).count() == 3
        assert "Direktori disimpan." in detail(client, run)
        assert not any((tmp_uploads := admin_uploads(run)).iterdir()), tmp_uploads  # file gone

    def test_a_refused_file_names_row_and_column_and_saves_nothing(
        self, client, admin, django_capture_on_commit_callbacks
    ):
        upload(client, django_capture_on_commit_callbacks, csv_bytes([ROWS[0], ["", "Layanan"]]))
        run_worker()
        run = DirectoryImport.objects.get()
        assert run.status == "refused" and not run.stored_path
        page = detail(client, run)
        assert "Berkas ditolak" in page and "<code>nama lembaga</code>" in page, page[
            page.index("import-progress") :
        ]
        assert "Kolom ini wajib diisi." in page and "Simpan ke direktori" not in page
        assert client.post(reverse("directory_import_confirm", args=[run.pk])).status_code == 302
        run.refresh_from_db()
        assert run.status == "refused"

    def test_a_checked_run_can_be_discarded(
        self, client, admin, django_capture_on_commit_callbacks
    ):
        upload(client, django_capture_on_commit_callbacks, csv_bytes(ROWS))
        run_worker()
        run = DirectoryImport.objects.get()
        stored = run.stored_path
        client.post(reverse("directory_import_discard", args=[run.pk]))
        run.refresh_from_db()
        assert run.status == "discarded" and not Service.objects.exists()
        from pathlib import Path

        assert not Path(stored).exists()

    def test_the_downloaded_template_imports(
        self, client, admin, django_capture_on_commit_callbacks
    ):
        xlsx = client.get(reverse("directory_template", args=["xlsx"]))
        assert xlsx["Content-Type"] == spreadsheets.XLSX_TYPE
        upload(client, django_capture_on_commit_callbacks, xlsx.content, "templat.xlsx")
        run_worker()
        run = DirectoryImport.objects.get()
        assert run.status == "checked" and run.report["created"] == 2, run.report
        text = client.get(reverse("directory_template", args=["csv"])).content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith('"id layanan","nama lembaga","nama layanan"')

    def test_the_template_speaks_english(self, client, admin):
        admin.language = "en"
        admin.save(update_fields=["language"])
        text = client.get(reverse("directory_template", args=["csv"])).content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith('"service id","provider name","service name"')
        page = client.get(URL).content.decode()
        assert "Import and export the directory" in page and "Download the XLSX template" in page

    @pytest.mark.parametrize(
        ("name", "content", "words"),
        [("d.pdf", b"%PDF-1.4", ".xlsx, .csv, .zip atau .json"),
         ("d.zip", b"not a zip", "bukan berkas zip")],
    )  # fmt: skip
    def test_a_wrong_file_is_refused_at_once(
        self, client, admin, name, content, words, django_capture_on_commit_callbacks
    ):
        r = upload(client, django_capture_on_commit_callbacks, content, name)
        assert r.status_code == 422 and words in r.content.decode()
        assert not DirectoryImport.objects.exists()


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


class TestTabular:
    def test_the_exported_zip_and_json_import_back_unchanged(
        self, client, admin, world, directory, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        own = Organization.objects.filter(agency=world.a.agency).count()
        zipped = client.get(reverse("directory_export", args=["zip"]))
        assert zipped["Content-Type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
            names = set(archive.namelist())
        assert {"organizations.csv", "services.csv", "datapackage.json"} <= names
        raw = client.get(reverse("directory_export", args=["json"]))
        assert len(json.loads(raw.content)) >= own
        for name, content in (("direktori.zip", zipped.content), ("direktori.json", raw.content)):
            upload(client, capture, content, name)
            run_worker()
            run = DirectoryImport.objects.get(file_name=name)
            assert run.status == "checked" and run.kind == "hsds", run.report
            assert run.report["created"] == 0 and run.report["updated"] >= own
            assert "Entri akan diperbarui" in detail(client, run)
        with capture(execute=True):
            client.post(reverse("directory_import_confirm", args=[run.pk]))
        run_worker()
        run.refresh_from_db()
        assert run.status == "done" and run.report["created"] == 0 and not run.report["errors"]

    @pytest.mark.parametrize(
        ("members", "words"),
        [({"../services.csv": "id\n"}, "di luar arsip"),
         ({"/etc/services.csv": "id\n"}, "di luar arsip"),
         ({"a/services.csv": "id\n", "b/services.csv": "id\n"}, "lebih dari sekali"),
         ({f"x{i}.csv": "" for i in range(70)}, "terlalu besar")],
    )  # fmt: skip
    def test_an_unsafe_zip_is_refused_before_the_worker(
        self, client, admin, members, words, django_capture_on_commit_callbacks
    ):
        r = upload(client, django_capture_on_commit_callbacks, _zip(members), "hsds.zip")
        assert r.status_code == 422 and words in r.content.decode()
        assert not DirectoryImport.objects.exists()

    def test_a_zip_bomb_is_refused(
        self, client, admin, settings, django_capture_on_commit_callbacks
    ):
        settings.IMPORT_MAX_UNPACKED_BYTES = 10_000
        r = upload(client, django_capture_on_commit_callbacks, _zip({"services.csv": "x" * 20_000}),
                   "hsds.zip")  # fmt: skip
        assert r.status_code == 422 and "terlalu besar" in r.content.decode()


def test_the_pages_keep_their_query_counts(client, admin, world, django_assert_max_num_queries):
    for i in range(5):
        DirectoryImport.objects.create(agency=world.a.agency, kind="sheet",
                                       file_name=f"d{i}.csv", started_by=admin, status="refused",
                                       report={"errors": [{"row": 2, "record": "x", "field": "f",
                                                           "message": "m", "source": ""}] * 50})  # fmt: skip
    run = DirectoryImport.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("directory_import_detail", args=[run.pk])).status_code == 200


def test_a_run_whose_worker_died_is_failed_and_its_file_deleted(world, tmp_path):
    import datetime

    from django.utils import timezone

    from pendamping.broker.tasks import reap_stopped_directory_imports

    stored = tmp_path / "d.csv"
    stored.write_bytes(b"nama lembaga\n")
    old = timezone.now() - datetime.timedelta(hours=1)
    stuck, fresh = (
        DirectoryImport.objects.create(
            agency=world.a.agency,
            kind="sheet",
            file_name="d.csv",
            started_by=world.a.users["admin"],
            status=status,
            stored_path=str(stored),
            updated_at=when,
        )
        for status, when in (("saving", old), ("checking", timezone.now()))
    )
    assert reap_stopped_directory_imports() == [stuck.pk]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == "failed" and "tidak ada yang disimpan" in stuck.error
    assert not stored.exists() and fresh.status == "checking"
