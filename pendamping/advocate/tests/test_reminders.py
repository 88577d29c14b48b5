"""Reminders when an outside body's limit runs out without an answer: once per step,
to the complaint's worker (or the supervisors while unassigned), with frozen time."""

import datetime

import time_machine
from django.core.management import call_command

from pendamping.advocate import agency_settings, finding, services
from pendamping.advocate.models import FilingReminder
from pendamping.advocate.reminders import remind_due
from pendamping.inbox.models import Notification

from .conftest import receive_group
from .test_services import at

D = datetime.date


def _file(f, c, body="sp4n_lapor", on=None):
    return finding.filing_add(actor=f.users["worker"], complaint=c,
                              data={"body": body, "filed_on": on or D(2025, 3, 27),
                                    "channel": "lapor.go.id"})  # fmt: skip


class TestReminders:
    def test_each_step_is_told_once_when_it_runs_out(self, world):
        f = world.a
        c, _ = receive_group(f)
        filing = _file(f, c)  # due 3 Apr, 10 Apr, 25 Apr 2025 (Idul Fitri, Good Friday skipped)
        with time_machine.travel(at(2025, 4, 3, 12, 0), tick=False):
            assert remind_due() == 0  # due today: not yet run out
        with time_machine.travel(at(2025, 4, 4, 8, 0), tick=False):
            assert remind_due() == 1
            assert remind_due() == 0  # idempotent
        with time_machine.travel(at(2025, 4, 11, 8, 0), tick=False):
            assert remind_due() == 1
        rows = Notification.objects.filter(kind="filing_limit_passed").order_by("created_at", "id")
        assert [n.recipient for n in rows] == [f.users["worker"]] * 2
        assert rows[0].data == {"code": c.tracking_code, "body": "sp4n_lapor", "due": "2025-04-03"}
        assert c.subject not in str(rows[0].data)
        finding.filing_answer_add(actor=f.users["worker"], filing=filing,
                                  data={"received_on": D(2025, 4, 12), "summary": "Diteruskan"})  # fmt: skip
        with time_machine.travel(at(2025, 4, 28, 8, 0), tick=False):
            assert remind_due() == 0  # answered: no more reminders
        assert FilingReminder.objects.count() == 2

    def test_an_agencys_own_limit_and_the_periodic_command(self, world):
        f = world.a
        admin = f.users["admin"]
        c, _ = services.complaint_receive(actor=admin, data={
            "complainant_kind": "anonymous", "channel": "letter", "subject": "Panti",
            "description": "Anak dibentak"})  # fmt: skip
        agency_settings.filing_limit_add(actor=admin, data={
            "body": "komnas_ham", "label": "Tanggapan awal", "days": 2, "source": "Standar layanan"})  # fmt: skip
        finding.filing_add(actor=admin, complaint=c, data={"body": "komnas_ham", "filed_on": D(2025, 5, 5),
                                                           "channel": "Surat"})  # fmt: skip
        with time_machine.travel(at(2025, 5, 8, 8, 0), tick=False):
            call_command("periodic")
        told = Notification.objects.get(kind="filing_limit_passed")
        assert told.recipient == f.users["supervisor"]  # unassigned: the supervisors
        assert told.data["due"] == "2025-05-07"
