"""The huge world's fan-out (bench/fanout.py), on a small world fanned out threefold:
every foreign key of the copied rows names a row, the copies' NIKs are valid and
unique, the case numbers too, caseloads and teams keep their size, and the app finds
a copied client by name and by NIK."""

import io

import pytest
from django.apps import apps
from django.db import connection, models

from bench import fanout
from bench.generate import BENCH_CASELOAD, REGIONS_CSV, Generator
from pendamping.accounts.models import Membership, User
from pendamping.cases.models import Case
from pendamping.clients.models import Client
from pendamping.clients.nik import parse_nik
from pendamping.taxonomy import terms as taxonomy

pytestmark = [
    pytest.mark.skipif(not REGIONS_CSV.exists(), reason=f"region codes not at {REGIONS_CSV}"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the fan-out is PostgreSQL's"),
    pytest.mark.xdist_group("bench"),
    pytest.mark.db_owner,  # session_replication_role and DROP INDEX: the owner's
]


@pytest.fixture
def fanned(db):
    taxonomy.load()
    Generator("tiny", out=io.StringIO(), clients=1_000).run(migrate=False)
    before = {
        "clients": Client.objects.count(),
        "cases": Case.objects.count(),
        "users": User.objects.count(),
        "staff": Membership.objects.filter(role__in=["worker", "supervisor"]).count(),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = ANY(%s)", [fanout.REBUILT]
        )
        before["indexes"] = cursor.fetchone()[0]
    timings = fanout.fan_out(3, out=io.StringIO())
    return before, timings


def test_the_copies_are_whole_and_their_keys_name_rows(fanned):
    before, timings = fanned
    assert set(timings) == set(fanout.COPIED) | {"indexes"}
    assert Client.objects.count() == 3 * before["clients"]
    assert Case.objects.count() == 3 * before["cases"]
    assert User.objects.count() == before["users"] + 2 * before["staff"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = ANY(%s)", [fanout.REBUILT]
        )
        assert cursor.fetchone()[0] == before["indexes"]  # every index built again
        for model in apps.get_models():
            if model._meta.db_table not in fanout.COPIED:
                continue
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.ForeignKey):
                    continue
                target = field.related_model._meta
                cursor.execute(
                    f"SELECT count(*) FROM {model._meta.db_table} t LEFT JOIN {target.db_table} r"
                    f" ON r.{target.pk.column} = t.{field.column}"
                    f" WHERE t.{field.column} IS NOT NULL AND r.{target.pk.column} IS NULL"
                )
                assert cursor.fetchone()[0] == 0, (model._meta.db_table, field.column)


def test_nik_numbers_caseloads_and_teams(fanned):
    niks = list(Client.objects.exclude(nik="").values_list("agency_id", "nik", "sex",
                                                          "birth_date"))  # fmt: skip
    assert len(set((a, n) for a, n, _s, _b in niks)) == len(niks)
    for _agency, nik, sex, birth in niks[:: max(1, len(niks) // 200)]:
        parsed = parse_nik(nik)
        assert (parsed.sex, parsed.birth_date) == (sex, birth), nik
    numbers = list(Case.objects.values_list("agency_id", "number"))
    assert len(set(numbers)) == len(numbers)
    for name in ("bench.worker", "bench.worker.1", "bench.worker.2"):
        assert Case.objects.filter(assigned_worker__username=name, closed_at=None).count() == (
            BENCH_CASELOAD
        )
    team = Membership.objects.filter(supervisor__username="bench.supervisor").count()
    assert (
        team
        and Membership.objects.filter(supervisor__username="bench.supervisor.2").count() == team
    )


def test_the_app_finds_a_copy_by_name_and_by_nik(fanned, client):
    first_copy = Client.objects.order_by("-pk").values_list("pk", flat=True)[0] // 3
    worker = User.objects.get(username="bench.worker.2")
    case = Case.objects.filter(assigned_worker=worker).exclude(client__nik="").first()
    original = Client.objects.get(pk=case.client_id - 2 * first_copy)
    assert (case.client.full_name, case.client.birth_date) == (
        original.full_name, original.birth_date)  # fmt: skip
    assert case.client.nik[:12] == original.nik[:12] and case.client.nik != original.nik
    client.force_login(worker)
    for q in (case.client.nik, case.client.full_name):
        html = client.post("/clients/", {"q": q}, follow=True).text
        assert f"/clients/{case.client_id}/" in html, q
