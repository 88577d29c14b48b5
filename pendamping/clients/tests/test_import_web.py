"""Bulk client import from the web page: upload, the background task run by the
database worker, the progress page, the report of refused rows, resuming, and who
may see what."""

import csv
import functools
import io
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from pendamping.clients import importer, tasks
from pendamping.clients.models import Client, ImportRejection, ImportRun, ImportRunEvent
from pendamping.clients.tests.test_import import GOOD, HEADER, nik, power_cut_at_chunk

BAD = [
    ["", nik(103), "P", "1990-10-20", "", "", ""],  # row 5: no name
    ["Kelamin", "", "X", "1990-01-01", "", "", ""],  # row 6
    ["=HYPERLINK(1)", "", "P", "", "", "", ""],  # row 7: no age, and a formula
]


def csv_bytes(rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def upload(client, content, name="klien.csv", lang=None, capture=None):
    if lang:
        client.cookies["django_language"] = lang
    data = {"file": SimpleUploadedFile(name, content)} if content is not None else {}
    with capture(execute=True):  # enqueue runs on commit, as in a real request
        return client.post(reverse("client_import"), data)


def run_worker():
    """What `python manage.py db_worker` does, once over the queue (--batch).

    The worker runs in the test's transaction, so it must not close the connection
    between tasks as it does in production (`close_old_connections` closes a
    connection that is inside a transaction, which would end the test's on
    PostgreSQL); `no_connection_recycling` turns that off for the test.
    """
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
            verbosity=0, stdout=io.StringIO(),
        )  # fmt: skip
    finally:  # the worker installs its own signal handlers: give the test runner its own back
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.fixture(autouse=True)
def no_connection_recycling(monkeypatch):
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


@pytest.fixture
def admin(client, world, uploads):
    client.force_login(world.a.users["admin"])
    return world.a.users["admin"]


def stored_files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class TestUploadAndRun:
    def test_it_imports_in_the_background_with_progress_and_a_report(
        self, client, admin, uploads, django_capture_on_commit_callbacks
    ):
        r = upload(client, csv_bytes(GOOD + BAD), capture=django_capture_on_commit_callbacks)
        run = ImportRun.objects.get()
        assert r.status_code == 302 and r["Location"] == reverse("import_detail", args=[run.pk])
        assert run.status == "queued" and run.file_name == "klien.csv"
        assert run.started_by == admin
        # queued for the worker; the file waits in the private folder, nothing imported yet
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert len(stored_files(uploads)) == 1 and run.stored_path.startswith(str(uploads))
        assert not Client.objects.filter(full_name="Budi Santoso").exists()
        page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
        assert 'hx-trigger="every 2s"' in page and "Dalam antrean" in page

        run_worker()

        run.refresh_from_db()
        assert run.status == "done" and run.finished_at is not None
        assert (run.total_rows, run.committed_rows, run.created, run.rejected) == (6, 6, 3, 3)
        assert stored_files(uploads) == [] and run.stored_path == ""  # deleted once imported
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
        budi = Client.objects.get(full_name="Budi Santoso")
        assert budi.agency == admin.membership.agency and budi.registered_by == admin
        # the progress page stops polling and shows the counts and the refused rows
        page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
        assert "hx-trigger" not in page and "Selesai" in page
        assert "full_name kosong" in page and "sex &#x27;X&#x27; bukan L/P atau M/F" in page
        assert reverse("import_report", args=[run.pk]) in page
        # the report as CSV
        r = client.get(reverse("import_report", args=[run.pk]))
        assert r["Content-Type"].startswith("text/csv") and "attachment" in r["Content-Disposition"]
        body = b"".join(r.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        assert [int(x["row"]) for x in rows] == [5, 6, 7]
        assert rows[2]["full_name"] == "'=HYPERLINK(1)"  # no formula reaches a spreadsheet
        assert "estimated_age" in rows[2]["reason"]
        # every change of state is in the audit trail, with who and the counts
        events = list(ImportRunEvent.objects.filter(run=run).values_list("status", "actor_id"))
        assert events == [("queued", admin.pk), ("running", admin.pk), ("done", admin.pk)]
        last = ImportRunEvent.objects.filter(run=run).last()
        assert (last.file_name, last.created, last.rejected) == ("klien.csv", 3, 3)

    def test_the_progress_fragment_polls_while_running(
        self, client, admin, django_capture_on_commit_callbacks
    ):
        upload(client, csv_bytes(GOOD), capture=django_capture_on_commit_callbacks)
        run = ImportRun.objects.get()
        ImportRun.objects.filter(pk=run.pk).update(status="running", total_rows=4, committed_rows=1)
        r = client.get(reverse("import_detail", args=[run.pk]), headers={"HX-Request": "true"})
        html = r.content.decode()
        assert "<html" not in html and 'hx-trigger="every 2s"' in html
        assert '<progress max="4" value="1">' in html and "25%" in html
        ImportRun.objects.filter(pk=run.pk).update(status="done", committed_rows=4)
        r = client.get(reverse("import_detail", args=[run.pk]), headers={"HX-Request": "true"})
        assert "hx-trigger" not in r.content.decode()  # finished: polling stops

    def test_refused_rows_are_paginated(
        self, client, admin, settings, django_capture_on_commit_callbacks
    ):
        settings.PAGE_SIZE = 2
        upload(client, csv_bytes(BAD), capture=django_capture_on_commit_callbacks)
        run_worker()
        run = ImportRun.objects.get()
        first = client.get(reverse("import_detail", args=[run.pk])).content.decode()
        second = client.get(reverse("import_detail", args=[run.pk]), {"page": 2}).content.decode()
        assert "Kelamin" in first and "HYPERLINK" not in first
        assert "HYPERLINK" in second and "Halaman 2 dari 2" in second

    def test_the_same_file_again_after_it_is_done_is_not_imported_twice(
        self, client, admin, uploads, django_capture_on_commit_callbacks
    ):
        upload(client, csv_bytes(GOOD), capture=django_capture_on_commit_callbacks)
        run_worker()
        r = upload(client, csv_bytes(GOOD), capture=django_capture_on_commit_callbacks)
        assert r.status_code == 302
        assert ImportRun.objects.count() == 1 and DBTaskResult.objects.count() == 1
        assert stored_files(uploads) == []
        assert "sudah diimpor" in client.get(r["Location"]).content.decode()
        assert Client.objects.filter(full_name="Siti Aminah").count() == 1


class TestResume:
    def test_a_failed_import_resumes_when_the_same_file_is_uploaded_again(
        self, client, admin, uploads, monkeypatch, django_capture_on_commit_callbacks
    ):
        rows = [[f"Klien {i}", "", "P", "1990-01-01", "", "", ""] for i in range(7)]
        monkeypatch.setattr(
            tasks, "import_clients", functools.partial(importer.import_clients, chunk=3)
        )
        with power_cut_at_chunk(monkeypatch, 2):
            upload(client, csv_bytes(rows), capture=django_capture_on_commit_callbacks)
            run_worker()
        run = ImportRun.objects.get()
        assert run.status == "failed" and run.committed_rows == 3
        assert "setelah baris 4" in run.error and stored_files(uploads) == []
        assert DBTaskResult.objects.get().status == "FAILED"
        page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
        assert "Gagal" in page and "Unggah berkas yang sama, tanpa diubah" in page

        upload(client, csv_bytes(rows), capture=django_capture_on_commit_callbacks)
        assert ImportRun.objects.get().status == "queued"
        run_worker()
        run.refresh_from_db()
        assert (run.status, run.committed_rows, run.created, run.error) == ("done", 7, 7, "")
        assert Client.objects.filter(full_name__startswith="Klien").count() == 7
        statuses = list(ImportRunEvent.objects.filter(run=run).values_list("status", flat=True))
        assert statuses == ["queued", "running", "failed", "queued", "running", "done"]

    def test_the_command_and_the_page_share_the_run(self, client, admin, tmp_path):
        path = tmp_path / "cmd.csv"
        path.write_bytes(csv_bytes(GOOD + BAD))
        call_command("import_clients", str(path), "--as", admin.username, stdout=io.StringIO(),
                     verbosity=0)  # fmt: skip
        run = ImportRun.objects.get()
        assert run.status == "done" and ImportRejection.objects.filter(run=run).count() == 3
        page = client.get(reverse("client_import")).content.decode()
        assert "cmd.csv" in page


class TestQueuedImportsStayWithTheirAgency:
    def test_an_admin_demoted_before_the_worker_runs_imports_nothing(
        self, client, world, admin, uploads, django_capture_on_commit_callbacks
    ):
        from pendamping.accounts.models import Membership, Role

        upload(client, csv_bytes(GOOD), capture=django_capture_on_commit_callbacks)
        Membership.objects.filter(user=admin).update(role=Role.WORKER)
        run_worker()
        run = ImportRun.objects.get()
        assert run.status == "failed" and "bukan lagi admin" in run.error
        assert not Client.objects.filter(full_name__in=[r[0] for r in GOOD]).exists()
        assert stored_files(uploads) == []

    def test_a_file_that_breaks_while_read_fails_the_run_instead_of_leaving_it_queued(
        self, client, world, admin, uploads, django_capture_on_commit_callbacks
    ):
        rows = [GOOD[0], ["Panjang", "", "P", "1990-01-01", "", "", "x" * 140_000]]
        upload(client, csv_bytes(rows), capture=django_capture_on_commit_callbacks)
        run_worker()
        run = ImportRun.objects.get()
        assert run.status == "failed" and "baris 3 tidak dapat dibaca" in run.error
        assert stored_files(uploads) == []


class TestValidation:
    @pytest.mark.parametrize(("name", "content", "message"), [
        ("klien.csv", None, "Pilih berkas CSV atau XLSX"),
        ("klien.pdf", b"%PDF-1.4", "Gunakan berkas .csv atau .xlsx."),
        ("klien.csv", b"", "Berkasnya kosong."),
        ("klien.csv", b"nama,alamat\nSiti,Jl\n", "kolom tidak dikenal: nama, alamat"),
        ("klien.csv", b"nik\n3273056010900009\n", "kolom full_name wajib ada"),
        ("klien.xlsx", b"full_name\nSiti\n", "bukan berkas XLSX yang dapat dibaca"),
        ("klien.csv", b"full_name\x00\x01\x02", "bukan berkas teks CSV"),
    ])  # fmt: skip
    def test_a_bad_file_is_refused_before_anything_is_written(
        self, client, admin, uploads, name, content, message, django_capture_on_commit_callbacks
    ):
        r = upload(client, content, name=name, capture=django_capture_on_commit_callbacks)
        assert r.status_code == 422
        assert message in r.content.decode()
        assert not ImportRun.objects.exists() and not DBTaskResult.objects.exists()
        assert stored_files(uploads) == []

    def test_a_file_over_the_limit_is_refused(
        self, client, admin, settings, uploads, django_capture_on_commit_callbacks
    ):
        settings.IMPORT_MAX_BYTES = 100
        r = upload(client, csv_bytes(GOOD), capture=django_capture_on_commit_callbacks)
        assert r.status_code == 422 and "Berkas terlalu besar" in r.content.decode()
        assert not ImportRun.objects.exists() and stored_files(uploads) == []

    def test_errors_and_reasons_speak_english_on_request(
        self, client, admin, django_capture_on_commit_callbacks
    ):
        r = upload(client, b"", lang="en", capture=django_capture_on_commit_callbacks)
        assert "The file is empty." in r.content.decode()
        r = upload(client, b"nama\nSiti\n", lang="en", capture=django_capture_on_commit_callbacks)
        assert "unknown columns: nama" in r.content.decode()
        upload(client, csv_bytes(BAD), lang="en", capture=django_capture_on_commit_callbacks)
        run_worker()
        run = ImportRun.objects.get()
        assert run.language == "en"
        page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
        assert '<html lang="en">' in page and "Rejected rows" in page
        assert "full_name is empty" in page and "Completed" in page


class TestWhoMay:
    def test_only_the_agency_admin_imports(self, client, world, uploads):
        for role in ("worker", "supervisor", "auditor", "instructor"):
            client.force_login(world.a.users[role])
            assert client.get(reverse("client_import")).status_code == 403
            r = client.post(
                reverse("client_import"), {"file": SimpleUploadedFile("k.csv", csv_bytes(GOOD))}
            )
            assert r.status_code == 403
        assert not ImportRun.objects.exists() and stored_files(uploads) == []

    def test_another_agency_sees_nothing_of_an_import(
        self, client, world, uploads, django_capture_on_commit_callbacks
    ):
        client.force_login(world.a.users["admin"])
        upload(client, csv_bytes(GOOD + BAD), capture=django_capture_on_commit_callbacks)
        run_worker()
        run = ImportRun.objects.get()
        client.force_login(world.b.users["admin"])
        assert client.get(reverse("import_detail", args=[run.pk])).status_code == 404
        assert client.get(reverse("import_report", args=[run.pk])).status_code == 404
        page = client.get(reverse("client_import")).content.decode()
        assert "klien.csv" not in page and "Belum ada impor" in page
        client.force_login(world.a.users["worker"])  # same agency, not its admin
        assert client.get(reverse("import_detail", args=[run.pk])).status_code == 404

    def test_the_client_list_links_admins_to_the_import(self, client, world):
        client.force_login(world.a.users["admin"])
        assert reverse("client_import") in client.get(reverse("client_list")).content.decode()
        client.force_login(world.a.users["worker"])
        assert reverse("client_import") not in client.get(reverse("client_list")).content.decode()


def test_the_audit_trail_is_append_only(world):
    from pendamping.history import AppendOnlyError

    run = ImportRun.objects.create(
        agency=world.a.agency, file_sha256="b" * 64, file_name="x.csv",
        started_by=world.a.users["admin"],
    )  # fmt: skip
    event = ImportRunEvent.record(run, actor=world.a.users["admin"])
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        ImportRunEvent.objects.filter(run=run).update(message="x")
