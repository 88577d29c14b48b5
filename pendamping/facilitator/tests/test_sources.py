"""Measures kept by other apps (GAS, referrals, Barthel) read through the registry
(plugins.measure_source): hand-counted values in the achievement table, a fixed
number of queries whatever the number of participants, and the facilitator's code
importing none of the apps that keep them."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pendamping import plugins
from pendamping.facilitator import indicators, services

from .conftest import another_case, programme

SOURCES = {"gas_t_score": "motivator", "referrals_sent": "broker",
           "referrals_completed": "broker", "barthel_band": "assessment"}  # fmt: skip


def _goal(f, case, level):
    """A GAS goal of the case at `level` (baseline −1, then one review)."""
    from pendamping.motivator import services as gas_services

    data = {"statement": "Sekolah lagi", "weight": 1, "baseline_level": -1,
            "target_date": timezone.localdate() + timedelta(days=30)}  # fmt: skip
    data |= {f: f"Level {i}" for i, f in enumerate(
        ("level_minus_2", "level_minus_1", "level_0", "level_plus_1", "level_plus_2"))}  # fmt: skip
    goal = gas_services.goal_add(actor=f.users["worker"], case=case, data=data)
    if level != -1:
        gas_services.goal_review(actor=f.users["worker"], goal=goal, level=level)
    return goal


def _referral(f, case, *, complete):
    from pendamping.broker import services as broker_services
    from pendamping.cases import services as need_services
    from pendamping.taxonomy.models import TaxonomyTerm

    worker = f.users["worker"]
    if not hasattr(f, "service"):
        org = broker_services.organization_save(actor=worker, data={"name": "Puskesmas Andir"})
        loc = broker_services.location_add(
            actor=worker, organization=org, data={"name": "Andir", "latitude": -6.91,
                                                  "longitude": 107.58})  # fmt: skip
        f.term = TaxonomyTerm.objects.get(code="hidup_layak.kesehatan")
        f.service = broker_services.service_save(
            actor=worker, data={"organization": org, "name": "Poli Umum", "description": "Obat",
                                "terms": [f.term], "locations": [loc], "capacity": "available"},
        )  # fmt: skip
    from pendamping.clients import services as client_services

    if not case.client.consents.filter(purpose="referral").exists():
        client_services.consent_record(
            actor=worker, client=case.client,
            data={"purpose": "referral", "lawful_basis": "consent", "given_by": "guardian",
                  "guardian_name": "Ibu Wali", "method": "verbal", "witness_name": "Pak RT",
                  "given_on": timezone.localdate(), "data_categories": ["identity", "contact"]},
        )  # fmt: skip
    need = need_services.need_add(actor=worker, case=case, term=f.term, description="Berobat")
    referral = broker_services.referral_create(
        actor=worker, need=need, service=f.service,
        follow_up_date=timezone.localdate() + timedelta(days=7),
    )  # fmt: skip
    if complete:
        for status in ("accepted", "completed"):
            referral.refresh_from_db()
            broker_services.referral_transition(
                actor=worker, referral=referral, to_status=status, reason="Dilayani",
                expected_version=referral.version,
            )  # fmt: skip
    return referral


def _barthel(f, case, value):
    """A Barthel Index with every item at its `value`-th option (0: lowest, -1: highest)."""
    from pendamping.assessment import instruments
    from pendamping.assessment import services as assessment_services

    barthel = instruments.get("barthel")
    answers = {i.code: [o.value for o in i.options][value] for i in barthel.items}
    return assessment_services.instrument_administer(
        actor=f.users["worker"], case=case, instrument=barthel, answers=answers
    )


def _world(world, n=3):
    f = world.a
    f.prog = programme(f)
    cases = [f.case] + [another_case(f, f"Peserta Nomor {i}", f"P{i}") for i in range(n - 1)]
    f.enrolments = [services.enrol(actor=f.users["worker"], programme=f.prog, case=c)
                    for c in cases]  # fmt: skip
    f.cases = cases
    return f


def test_each_app_registers_its_source():
    assert {s.key: s.app for s in plugins.registry.measure_sources()}.items() >= SOURCES.items()


def test_the_facilitator_imports_none_of_the_apps_that_keep_them():
    app = Path(__file__).resolve().parents[1]
    for path in app.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not any(f".{other}" in f".{name}" for other in set(SOURCES.values())), (
                    path, name)  # fmt: skip


def test_the_values_in_the_achievement_table(world):
    f = _world(world)
    a, b, c = f.cases
    _goal(f, a, 0)  # T = 50: attained
    _goal(f, b, -1)  # T = 40: not yet
    _referral(f, a, complete=True)
    _referral(f, a, complete=False)
    _referral(f, b, complete=True)
    _barthel(f, a, -1)  # 100: independent
    _barthel(f, b, 0)  # 0: total dependency
    _barthel(f, b, -1)  # b's latest is independent again
    _barthel(f, c, 0)
    got = indicators.source_measures(f.prog)
    assert got == {"gas_scored": 2, "gas_attained": 1, "referrals_sent": 3,
                   "referrals_completed": 2, "barthel_assessed": 3,
                   "barthel_needs_help": 1}  # fmt: skip
    year = str(timezone.localdate().year)
    indicators.indicator_save(
        actor=f.users["worker"], programme=f.prog,
        data={"name": "Rujukan selesai", "numerator": "referrals_completed",
              "denominator": "referrals_sent", "period_type": "year", "targets": {year: 80}},
    )  # fmt: skip
    indicators.indicator_save(
        actor=f.users["worker"], programme=f.prog,
        data={"name": "GAS tercapai", "numerator": "gas_attained", "denominator": "gas_scored",
              "period_type": "year", "targets": {year: 50}},
    )  # fmt: skip
    table = {b["indicator"].name: b["latest"] for b in indicators.achievement_table(f.prog)}
    # 2 of 3 referrals completed = 66.7 %, of a target of 80 -> 0.83: amber
    assert table["Rujukan selesai"]["value"] == pytest.approx(200 / 3)
    assert table["Rujukan selesai"]["colour"] == "amber"
    # 1 of 2 participants with goals at T >= 50 = 50 %: the target, green
    assert table["GAS tercapai"]["value"] == pytest.approx(50.0)
    assert table["GAS tercapai"]["colour"] == "green"


def test_a_waitlisted_participant_and_another_programme_do_not_count(world):
    f = _world(world, n=1)
    other = programme(f, title="Menjahit", capacity=1)
    extra = another_case(f, "Orang Lain", "OL")
    services.enrol(actor=f.users["worker"], programme=other, case=extra)
    waiting = another_case(f, "Menunggu Giliran", "MG")
    services.enrol(actor=f.users["worker"], programme=other, case=waiting)  # waiting list
    _goal(f, extra, 2)
    _goal(f, waiting, 2)
    assert indicators.source_measures(f.prog)["gas_scored"] == 0
    assert indicators.source_measures(other)["gas_scored"] == 1


def test_the_query_count_does_not_grow_with_participants(world):
    f = _world(world, n=2)
    for case in f.cases:
        _goal(f, case, 1)
        _referral(f, case, complete=True)
        _barthel(f, case, 0)
    with CaptureQueriesContext(connection) as small:
        indicators.source_measures(f.prog)
    for i in range(4):
        case = another_case(f, f"Tambahan Nomor {i}", f"T{i}")
        services.enrol(actor=f.users["worker"], programme=f.prog, case=case)
        _goal(f, case, 0)
        _goal(f, case, 1)
        _referral(f, case, complete=False)
        _barthel(f, case, -1)
    with CaptureQueriesContext(connection) as big:
        got = indicators.source_measures(f.prog)
    assert got["gas_scored"] == 6 and got["referrals_sent"] == 6
    # one for the participants' cases, one per source
    assert len(small) == len(big) == 5


def test_no_registered_source_gives_no_values(world, monkeypatch):
    f = _world(world, n=1)
    _goal(f, f.case, 2)
    monkeypatch.setattr(plugins.registry, "_measure_sources", {})
    assert indicators.source_measures(f.prog)["gas_scored"] == 0
