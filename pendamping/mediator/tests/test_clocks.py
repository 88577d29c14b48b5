"""The diversion clocks (clocks.py), with frozen time."""

from datetime import date, timedelta

from django.urls import reverse

from pendamping.mediator import clocks, levels, services

from .conftest import open_mediation

START = date(2026, 3, 2)


def diversion(f, level_started_on=None, social_report_requested_on=None, **dates):
    """A diversion at the investigation level started on ``level_started_on``, with
    that level's other ``dates``."""
    worker = f.users["worker"]
    m = open_mediation(f, kind="juvenile_diversion", issue="Pencurian sepeda",
                       max_sentence_months=60, child_party=True)  # fmt: skip
    if social_report_requested_on:
        services.mediation_update(actor=worker, mediation=m,
                                  data={"social_report_requested_on": social_report_requested_on})  # fmt: skip
    if level_started_on:
        lv = levels.level_start(actor=worker, mediation=m, level="investigation",
                                started_on=level_started_on)  # fmt: skip
        if dates:
            levels.level_update(actor=worker, record=lv, data=dates)
    return m


def states(m):
    return {c.clock.key: (c.state, c.due_on) for c in clocks.clock_states(m)}


class TestTable:
    def test_the_lengths_are_the_laws(self):
        assert {c.key: c.days for c in clocks.CLOCKS} == {
            "attempt": 7, "process": 30, "agreement_sent": 3, "followed_up": 7,
            "social_report": 3}  # fmt: skip
        assert all(c.article.startswith("UU 11/2012") for c in clocks.CLOCKS)


class TestClocks:
    def test_the_attempt_clock_runs_from_the_start_of_the_level(self, world, frozen):
        frozen(START)
        m = diversion(world.a, level_started_on=START)
        assert states(m)["attempt"] == ("running", START + timedelta(days=7))
        frozen(START + timedelta(days=5))
        assert states(m)["attempt"][0] == "running_out"
        frozen(START + timedelta(days=7))
        assert states(m)["attempt"][0] == "running_out"
        frozen(START + timedelta(days=8))
        assert states(m)["attempt"][0] == "overdue"

    def test_starting_the_diversion_stops_it_and_starts_the_thirty_days(self, world, frozen):
        frozen(START + timedelta(days=10))
        m = diversion(
            world.a, level_started_on=START, diversion_started_on=START + timedelta(days=6)
        )
        s = states(m)
        assert s["attempt"][0] == "met"
        assert s["process"] == ("running", START + timedelta(days=36))

    def test_a_late_start_is_met_late(self, world, frozen):
        frozen(START + timedelta(days=10))
        m = diversion(
            world.a, level_started_on=START, diversion_started_on=START + timedelta(days=9)
        )
        assert states(m)["attempt"][0] == "late"

    def test_the_agreement_goes_to_court_within_three_days(self, world, frozen):
        frozen(START + timedelta(days=20))
        m = diversion(world.a, level_started_on=START, diversion_started_on=START,
                      agreement_reached_on=START + timedelta(days=16))  # fmt: skip
        assert states(m)["agreement_sent"] == ("overdue", START + timedelta(days=19))

    def test_the_social_report(self, world, frozen):
        frozen(START + timedelta(days=1))
        m = diversion(world.a, social_report_requested_on=START)
        assert states(m)["social_report"] == ("running_out", START + timedelta(days=3))

    def test_running_out_shows_on_the_home_page(self, client, world, frozen):
        frozen(START + timedelta(days=6))
        diversion(world.a, level_started_on=START)
        client.force_login(world.a.users["worker"])
        html = client.get(reverse("home")).content.decode()
        assert 'id="mediation-clocks"' in html and "Hampir habis" in html
        client.force_login(world.a.users["auditor"])
        assert 'id="mediation-clocks"' not in client.get(reverse("home")).content.decode()

    def test_no_clock_for_other_kinds(self, world):
        assert clocks.clock_states(open_mediation(world.a)) == []
