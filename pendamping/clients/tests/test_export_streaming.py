"""The refused-rows CSV streams: the rows are read from the database in chunks while
the answer is being sent, so a report of any size takes bounded memory."""

import tracemalloc

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.clients.models import ImportRejection, ImportRun

ROWS = 20_000
REASON = "nik: tanggal lahir dalam NIK tidak cocok dengan birth_date " * 2


def big_run(world):
    admin = world.a.users["admin"]
    run = ImportRun.objects.create(
        agency=world.a.agency, file_sha256="f" * 64, file_name="besar.csv", started_by=admin,
        status=ImportRun.Status.DONE, total_rows=ROWS, committed_rows=ROWS, rejected=ROWS,
    )  # fmt: skip
    ImportRejection.objects.bulk_create(
        (ImportRejection(run=run, row=i + 2, name=f"Nama Klien {i}", reason=REASON)
         for i in range(ROWS)),
        batch_size=5000,
    )  # fmt: skip
    return run, admin


def test_the_report_streams_in_bounded_memory(client, world):
    run, admin = big_run(world)
    client.force_login(admin)
    response = client.get(reverse("import_report", args=[run.pk]))
    assert response.streaming
    size = lines = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:  # read and dropped, as a socket would
            size += len(chunk)
            lines += chunk.count(b"\n")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == ROWS + 1 and size > 2_500_000
    # the whole report is over 2.5 MB; streaming it never held more than a chunk
    assert peak < size / 2, (peak, size)


def test_the_rows_are_fetched_by_a_chunked_iterator(client, world):
    run, admin = big_run(world)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("import_report", args=[run.pk]))
        before = len(queries)
        first = next(iter(response.streaming_content))
    # nothing read before the answer started; then one query (a cursor read in chunks
    # of 2,000), not one per row and not the whole table into a list
    rejections = [q for q in queries.captured_queries if "clients_importrejection" in q["sql"]]
    assert first.startswith("\ufeff".encode()) and len(rejections) <= 1
    assert before <= len(queries) <= before + 1
