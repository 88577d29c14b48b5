"""Escalation with frozen time: tier 1 (supervisor) at the deadline, tier 2 (the
agency's admins) as long again after it; once per tier, however often it runs."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError, transaction

from pendamping.advocate import selectors, services
from pendamping.advocate.models import Complaint, Escalation

from .conftest import category, receive_group

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(*args):
    return datetime.datetime(*args, tzinfo=JAKARTA)


def run(now):
    out = io.StringIO()
    with time_machine.travel(now, tick=False):
        call_command("advocate_escalate", stdout=out)
    return out.getvalue()


@pytest.fixture
def breached(world):
    f = world.a
    with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
        c, _ = receive_group(f)  # deadline Thu 8 May 09:00, admin tier Sun 11 May 09:00
    return c


class TestEscalate:
    def test_it_does_nothing_before_the_deadline(self, world, breached):
        assert "supervisor 0, agency admin 0" in run(at(2025, 5, 8, 8, 59))
        assert not Escalation.objects.exists()

    def test_it_alerts_the_supervisor_and_flags_at_the_deadline(self, world, breached):
        assert "supervisor 1, agency admin 0" in run(at(2025, 5, 8, 9, 0))
        row = Escalation.objects.get()
        assert (row.tier, row.to_user) == (1, world.a.users["supervisor"])
        breached.refresh_from_db()
        assert breached.flagged

    def test_it_is_idempotent(self, world, breached):
        run(at(2025, 5, 8, 9, 0))
        assert "supervisor 0, agency admin 0" in run(at(2025, 5, 8, 9, 5))
        assert Escalation.objects.count() == 1

    def test_it_reaches_the_admin_later(self, world, breached):
        run(at(2025, 5, 8, 9, 0))
        assert "agency admin 0" in run(at(2025, 5, 11, 8, 59))
        assert "supervisor 0, agency admin 1" in run(at(2025, 5, 11, 9, 0))
        run(at(2025, 5, 12, 9, 0))
        assert sorted(Escalation.objects.values_list("tier", flat=True)) == [1, 2]

    def test_it_writes_both_tiers_when_found_late(self, world, breached):
        assert "supervisor 1, agency admin 1" in run(at(2025, 6, 1, 9, 0))

    def test_it_leaves_closed_complaints_alone(self, world, breached):
        f = world.a
        with time_machine.travel(at(2025, 5, 6, 9, 0), tick=False):
            services.complaint_decide(actor=f.users["worker"], complaint=breached,
                                      decision="upheld", reason="Selesai",
                                      expected_version=breached.version)  # fmt: skip
        run(at(2025, 6, 1, 9, 0))
        assert not Escalation.objects.exists()

    def test_the_database_refuses_a_second_row_of_a_tier(self, world, breached):
        run(at(2025, 5, 8, 9, 0))
        with pytest.raises(IntegrityError), transaction.atomic():
            Escalation.objects.create(complaint=breached, tier=1)

    def test_it_counts_national_holidays_in_working_day_slas(self, world):
        f = world.a
        cat = category(f, "Data", amount=3, unit="working_days")
        with time_machine.travel(at(2024, 4, 8, 9, 0), tick=False):
            c, _ = receive_group(
                f, cat
            )  # Mon 8 Apr 2024: 9 Apr (1), Idul Fitri 10–11, 12 (2), 15 (3)
        assert c.deadline_at == at(2024, 4, 15, 9, 0)
        run(at(2024, 4, 12, 9, 0))
        assert not Escalation.objects.exists()
        run(at(2024, 4, 15, 9, 0))
        assert Escalation.objects.filter(complaint=c, tier=1).exists()

    def test_it_puts_the_escalation_on_the_home_items(self, world, breached):
        f = world.a
        run(at(2025, 6, 1, 9, 0))
        sup = selectors.home_escalated_supervisor(f.users["supervisor"])
        adm = selectors.home_escalated_admin(f.users["admin"])
        assert [e.complaint for e in sup["escalations"]] == [breached]
        assert [e.complaint for e in adm["escalations"]] == [breached]
        assert selectors.home_escalated_supervisor(world.b.users["supervisor"]) is None
        assert selectors.home_escalated_admin(world.b.users["admin"]) is None
        assert Complaint.objects.get().flagged


class TestLoop:
    def test_every_repeats_the_check_and_stays_idempotent(self, world, breached, monkeypatch):
        from pendamping.advocate.management.commands import advocate_escalate

        sleeps = []

        def sleep(seconds):
            sleeps.append(seconds)
            if len(sleeps) == 3:
                raise KeyboardInterrupt

        monkeypatch.setattr(advocate_escalate.time, "sleep", sleep)
        out = io.StringIO()
        with (
            time_machine.travel(at(2025, 5, 8, 9, 0), tick=False),
            pytest.raises(KeyboardInterrupt),
        ):
            call_command("advocate_escalate", every=300, stdout=out)
        assert sleeps == [300, 300, 300]
        assert out.getvalue().count("supervisor 1") == 1
        assert out.getvalue().count("supervisor 0") == 2
        assert Escalation.objects.count() == 1
