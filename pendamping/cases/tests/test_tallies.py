"""The open-case tallies: kept by every case service in its own transaction, equal to a
full count of what ``cases_for`` shows after any sequence of changes, and checked and
rebuilt by ``manage.py case_tallies``."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from pendamping.cases import selectors, services, tallies
from pendamping.cases.access import cases_for
from pendamping.cases.models import AgencyStageTally, OpenCaseTally, Stage
from pendamping.clients import services as client_services
from pendamping.concurrency import ConflictError
from pendamping.conftest import make_agency, make_regions


def scope_counts(user) -> dict[str, int]:
    rows = cases_for(user).filter(closed_at__isnull=True).values("stage").annotate(n=Count("id"))
    return {r["stage"]: r["n"] for r in rows}


def assert_exact(world):
    assert tallies.recount() == []
    for f in (world.a, world.b):
        for user in f.users.values():
            assert selectors.stage_counts(user) == scope_counts(user), user.username


def test_every_change_keeps_the_tallies_equal_to_a_full_count(world):
    f = world.a
    worker, other, boss = f.users["worker"], f.users["other_worker"], f.users["supervisor"]
    assert_exact(world)
    second = services.case_open(actor=boss, client=f.client, presenting_problem="Kedua",
                                assigned_worker=other)  # fmt: skip
    assert_exact(world)
    services.case_move_stage(
        actor=worker, case=f.case, to_stage="asesmen", expected_version=f.case.version
    )
    assert_exact(world)
    services.case_move_stage(actor=worker, case=f.case, to_stage="pendekatan_awal",
                             reason="Data belum lengkap", expected_version=f.case.version)  # fmt: skip
    services.case_assign(actor=boss, case=second, worker=worker, expected_version=second.version)
    assert_exact(world)
    assert selectors.stage_counts(worker) == {"pendekatan_awal": 2}
    assert selectors.stage_counts(other) == {}
    services.case_close(
        actor=worker, case=second, reason="goals_met", expected_version=second.version
    )
    assert_exact(world)
    # assigning or moving a closed case changes no count; reopening counts it again
    services.case_assign(actor=boss, case=second, worker=other, expected_version=second.version)
    assert_exact(world)
    services.case_reopen(actor=other, case=second, reason="Kambuh", expected_version=second.version)
    assert_exact(world)
    assert selectors.stage_counts(other) == {"pendekatan_awal": 1}
    services.case_delete(actor=f.users["admin"], case=second)
    assert_exact(world)
    # a deleted client's open cases leave the counts (the client_deleted hook)
    client_services.client_delete(actor=f.users["admin"], client=f.client)
    assert_exact(world)
    assert selectors.stage_counts(f.users["admin"]) == {}
    assert selectors.stage_counts(world.b.users["admin"]) == {"pendekatan_awal": 1}


def test_a_failed_change_counts_nothing(world):
    f = world.a
    with pytest.raises(ConflictError):
        services.case_move_stage(actor=f.users["worker"], case=f.case, to_stage="asesmen",
                                 expected_version=f.case.version + 5)  # fmt: skip
    assert tallies.recount() == []


def test_roles_without_cases_and_outsiders_count_nothing(world):
    for key in ("instructor", "dpo"):
        assert selectors.stage_counts(world.a.users[key]) == {}


def test_the_supervisors_team_reads_open_cases_from_the_tallies(world):
    f = world.a
    services.case_open(actor=f.users["supervisor"], client=f.client, presenting_problem="Lain",
                       assigned_worker=f.users["other_worker"])  # fmt: skip
    team = {
        row["worker"].username: row["open_cases"]
        for row in selectors.team_overview(f.users["supervisor"])
    }
    assert team == {"a_worker": 1, "a_other_worker": 1}


def test_the_command_finds_a_wrong_tally_and_rebuilds(world, capsys):
    call_command("case_tallies")
    assert "match" in capsys.readouterr().out
    OpenCaseTally.objects.filter(agency=world.a.agency).update(n=7)
    with pytest.raises(CommandError, match="1 tally row"):
        call_command("case_tallies")
    assert "kept 7, counted 1" in capsys.readouterr().out
    call_command("case_tallies", "--agency", str(world.b.agency.pk))  # the other is right
    call_command("case_tallies", "--rebuild", "--agency", world.a.agency.name)
    assert tallies.recount() == []
    with pytest.raises(CommandError, match="No agency"):
        call_command("case_tallies", "--agency", "Tidak Ada")


def test_the_agency_wide_counts_read_the_agency_totals_which_the_command_checks(
    world, capsys, django_assert_num_queries
):
    f = world.a
    for i in range(3):
        services.case_open(actor=f.users["worker"], client=f.client, presenting_problem=f"B{i}")
    admin = f.users["admin"]
    selectors.stage_counts(admin)  # the membership, once per request
    with django_assert_num_queries(1) as read:  # the agency's few rows, whatever its size
        counts = selectors.stage_counts(admin)
    assert "cases_agencystagetally" in read.captured_queries[0]["sql"]
    assert counts == scope_counts(admin) and counts[Stage.PENDEKATAN_AWAL] >= 3
    first = AgencyStageTally.objects.filter(agency=f.agency, stage=Stage.PENDEKATAN_AWAL)
    first.update(n=999)  # a drift of the agency's total only
    with pytest.raises(CommandError, match="1 tally row"):
        call_command("case_tallies")
    wrong = f"all workers pendekatan_awal: kept 999, counted {counts[Stage.PENDEKATAN_AWAL]}"
    assert wrong in capsys.readouterr().out
    assert selectors.stage_counts(admin)[Stage.PENDEKATAN_AWAL] == 999  # read from the total
    call_command("case_tallies", "--rebuild")
    assert tallies.recount() == [] and selectors.stage_counts(admin) == counts


def test_the_home_page_counts_in_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    f = world.a
    client.force_login(f.users["admin"])
    client.get("/")
    with django_assert_max_num_queries(40) as before:
        client.get("/")
    for i in range(5):
        services.case_open(actor=f.users["worker"], client=f.client, presenting_problem=f"Baru {i}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/")


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_concurrent_openings_lose_no_count():
    """Eight transactions at once, each the first to count its key or not: every one counts."""
    make_regions()
    f = make_agency("c", "32.73.05", 3)
    OpenCaseTally.objects.all().delete()
    AgencyStageTally.objects.all().delete()
    errors, barrier = [], threading.Barrier(8)

    def open_one(i):
        try:
            barrier.wait()
            services.case_open(actor=f.users["worker"], client=f.client, presenting_problem=f"P{i}")
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    kept = OpenCaseTally.objects.get(agency=f.agency, worker=f.users["worker"]).n
    assert kept == 8  # the 8 new ones (the first case's row was deleted above)
    assert AgencyStageTally.objects.get(agency=f.agency, stage=Stage.PENDEKATAN_AWAL).n == 8
