"""The fast import path (README, Performance): what BulkWriter writes is what the ORM
would write, duplicates are found across chunk boundaries and against the database in
bulk, and the number of queries depends on the chunks, not on the rows."""

import json
from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from pendamping.bulk import BulkWriter, any_of, commit_without_waiting
from pendamping.clients import importer
from pendamping.clients.models import Client, ClientNameIndex, ImportRejection, ImportRun

from .test_import import nik, run, write_csv


def _comparable(value):
    if hasattr(value, "obj"):  # psycopg's Jsonb: as the text it sends
        return (value.dumps or json.dumps)(value.obj)
    return value


class TestBulkWriterWritesWhatTheOrmWould:
    def test_every_client_column_is_prepared_as_by_the_field(self, world):
        now = timezone.now()
        shared = {"agency": world.a.agency.pk, "registered_by": world.a.users["worker"].pk,
                  "created_at": now, "updated_at": now}  # fmt: skip
        given = {
            "id": 10**9, "kind": "individual", "full_name": "Siti Aminah", "nik": nik(301),
            "sex": "F", "birth_date": date(1990, 10, 20), "estimated_age": 35,
            "region_id": "32.73.05.1001", "religion": "islam", "ppks_categories": ["lansia"],
            "address": 42,  # not a string: the field's own preparation makes it "42"
        }  # fmt: skip
        writer = BulkWriter(Client, importer.CLIENT_COLUMNS, constants=shared)
        writer.add(**given)
        expected = []
        for name, field in zip(writer.names, writer.fields, strict=True):
            value = shared.get(name, given.get(name, given.get(field.attname, field.get_default())))
            expected.append(field.get_db_prep_save(value, connection))
        assert [_comparable(v) for v in writer.rows[0]] == [_comparable(v) for v in expected]
        assert writer.rows[0][writer.names.index("address")] == "42"

    def test_a_key_given_as_text_is_converted_and_defaults_are_fresh(self, world):
        keys = BulkWriter(ClientNameIndex, ["client", "agency", "keys"])
        keys.add(client="7", agency=world.a.agency.pk, keys="st")
        assert keys.rows[0][0] == 7 and keys.rows[0][2] == "st"
        writer = BulkWriter(Client, ["full_name", "created_at"])
        writer.add(full_name="A")
        writer.add(full_name="B")
        assert writer.rows[0][1] <= writer.rows[1][1]  # auto_now: taken per row

    def test_written_rows_read_back_as_the_orm_reads_them(self, world):
        client = Client.objects.create(
            agency=world.a.agency, kind="individual", full_name="Budi", estimated_age=40,
            registered_by=world.a.users["worker"],
        )  # fmt: skip
        with transaction.atomic():
            keys = BulkWriter(ClientNameIndex, ["client", "agency", "keys"],
                              constants={"agency": world.a.agency.pk})  # fmt: skip
            keys.add(client=client.pk, keys="bd")
            keys.flush()
        assert ClientNameIndex.objects.get(client=client).keys == "bd"

    def test_any_of_finds_the_same_rows_as_a_list(self, world):
        Client.objects.create(
            agency=world.a.agency, kind="individual", full_name="Ada", nik=nik(302),
            estimated_age=30, registered_by=world.a.users["worker"],
        )  # fmt: skip
        wanted = [nik(302), nik(303), "x'); DROP TABLE clients_client; --"]
        found = Client.objects.filter(nik__in=any_of(wanted)).values_list("nik", flat=True)
        assert list(found) == [nik(302)]
        assert list(Client.objects.filter(nik__in=any_of([]))) == []


def reasons():
    return dict(ImportRejection.objects.values_list("row", "reason"))


class TestDuplicatesAcrossChunks:
    def test_a_nik_repeated_in_a_later_chunk_names_the_first_row(self, world, tmp_path):
        rows = [
            ["Siti Satu", nik(401), "P", "1990-10-20", "", "", ""],  # row 2, chunk 1
            ["Pengisi", "", "P", "1990-01-01", "", "", ""],  # row 3, chunk 1
            ["Siti Dua", nik(401), "P", "1990-10-20", "", "", ""],  # row 4, chunk 2
            ["Pengisi", "", "P", "1990-01-01", "", "", ""],  # row 5, chunk 2
            ["Siti Tiga", nik(401), "P", "1990-10-20", "", "", ""],  # row 6, chunk 3
        ]
        run(write_csv(tmp_path / "d.csv", rows), world.a.users["worker"], "--chunk", "2")
        assert reasons() == {4: "nik sama dengan baris 2", 6: "nik sama dengan baris 2"}
        assert Client.objects.filter(nik=nik(401)).count() == 1

    def test_a_nik_refused_for_its_row_does_not_count_as_seen(self, world, tmp_path):
        rows = [
            ["Salah", nik(402), "P", "1990-13-45", "", "", ""],  # row 2: a bad date
            ["Benar", nik(402), "P", "1990-10-20", "", "", ""],  # row 3, next chunk
        ]
        run(write_csv(tmp_path / "d.csv", rows), world.a.users["worker"], "--chunk", "1")
        assert list(reasons()) == [2] and Client.objects.get(nik=nik(402)).full_name == "Benar"


class TestDuplicatesInTheDatabase:
    def test_registered_niks_are_refused_in_every_chunk_and_only_alive_ones_in_the_agency(
        self, world, tmp_path
    ):
        def register(agency, user, serial, **extra):
            return Client.objects.create(
                agency=agency, kind="individual", full_name=f"Ada {serial}", nik=nik(serial),
                estimated_age=30, registered_by=user, **extra,
            )  # fmt: skip

        worker = world.a.users["worker"]
        for serial in (501, 504, 507):
            register(world.a.agency, worker, serial)
        register(world.a.agency, worker, 508, deleted_at=timezone.now())  # deleted: free
        register(world.b.agency, world.b.users["worker"], 509)  # another agency: free
        rows = [[f"Klien {s}", nik(s), "P", "1990-10-20", "", "", ""] for s in range(501, 510)]
        out = run(write_csv(tmp_path / "db.csv", rows), worker, "--chunk", "3")
        assert "9 baris: 6 klien dibuat, 3 baris ditolak" in out
        assert reasons() == {r: "nik sudah terdaftar di lembaga ini" for r in (2, 5, 8)}
        imported = Client.objects.filter(agency=world.a.agency, full_name__startswith="Klien")
        assert sorted(imported.values_list("nik", flat=True)) == [
            nik(s) for s in (502, 503, 505, 506, 508, 509)
        ]
        assert ClientNameIndex.objects.filter(client__in=imported).count() == 6


class TestQueries:
    @pytest.mark.parametrize("rows", [40, 400])
    def test_the_queries_grow_with_the_chunks_not_the_rows(
        self, world, tmp_path, rows, django_assert_max_num_queries
    ):
        data = [[f"Klien {i}", nik(1000 + i), "P", "1990-10-20", "32.73.05", "", ""]
                for i in range(rows)]  # fmt: skip
        data[5][3] = "bukan-tanggal"
        path = write_csv(tmp_path / f"q{rows}.csv", data)
        chunk = str(rows // 4)  # four chunks either way
        with django_assert_max_num_queries(60):
            run(path, world.a.users["worker"], "--chunk", chunk)
        assert ImportRun.objects.get().created == rows - 1


class TestTheCheckingThread:
    def test_a_failure_while_checking_ahead_stops_the_run_and_it_resumes(
        self, world, tmp_path, monkeypatch
    ):
        rows = [[f"Klien {i}", nik(600 + i), "P", "1990-10-20", "", "", ""] for i in range(6)]
        path = write_csv(tmp_path / "t.csv", rows)
        real = importer.validate_row

        def breaks_on_row_five(raw, regions, today):
            if raw["full_name"] == "Klien 3":  # row 5, in the second chunk
                raise RuntimeError("the checking thread fails")
            return real(raw, regions, today)

        monkeypatch.setattr(importer, "validate_row", breaks_on_row_five)
        with pytest.raises(RuntimeError):
            run(path, world.a.users["worker"], "--chunk", "3")
        stopped = ImportRun.objects.get()
        assert stopped.status == ImportRun.Status.FAILED and stopped.committed_rows == 3
        assert "setelah baris 4" in stopped.error
        monkeypatch.setattr(importer, "validate_row", real)
        out = run(path, world.a.users["worker"], "--chunk", "3")
        assert "Dilanjutkan setelah baris 4" in out
        assert Client.objects.filter(full_name__startswith="Klien").count() == 6


@pytest.mark.django_db(transaction=True)
class TestCommitWithoutWaiting:
    def test_only_the_chunks_transaction_stops_waiting_for_the_disk(self):
        with pytest.raises(RuntimeError):
            commit_without_waiting()  # outside a transaction it would last the session
        if connection.vendor != "postgresql":
            with transaction.atomic():
                commit_without_waiting()  # nothing to relax: SQLite commits in-process
            return

        def setting():
            with connection.cursor() as cursor:
                cursor.execute("SHOW synchronous_commit")
                return cursor.fetchone()[0]

        with transaction.atomic():
            commit_without_waiting()
            assert setting() == "off"
        assert setting() == "on"
