"""The notifications casework raises: overdue tasks, by the daily command."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.utils import timezone

from pendamping.cases import services
from pendamping.inbox.models import Notification

JAKARTA = ZoneInfo("Asia/Jakarta")


def run() -> str:
    out = StringIO()
    call_command("notify_overdue", stdout=out)
    return out.getvalue()


class TestOverdueTasks:
    def test_it_tells_the_assignee_once_per_task(self, world):
        f = world.a  # the world's task was due two days ago
        assert "2 notification(s)" in run()  # agency A's and agency B's task
        assert "0 notification(s)" in run()
        n = Notification.objects.get(recipient=f.users["worker"], kind="task_overdue")
        assert n.data == {"case": f.case.number, "due": f.task.due_date.isoformat()}
        assert n.url == f"/cases/{f.case.pk}/"

    def test_it_waits_for_the_day_after_the_due_date(self, world):
        f = world.a
        today = timezone.localdate()
        task = services.task_add(actor=f.users["worker"], case=f.case, title="Besok",
                                 due_date=today + dt.timedelta(days=1))  # fmt: skip
        run()
        assert not Notification.objects.filter(target=f"cases.task:{task.pk}").exists()
        on_due_day = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(23, 59), JAKARTA)
        with time_machine.travel(on_due_day, tick=False):
            run()
        assert not Notification.objects.filter(target=f"cases.task:{task.pk}").exists()
        with time_machine.travel(on_due_day + dt.timedelta(minutes=2), tick=False):
            run()
            run()
        told = Notification.objects.filter(target=f"cases.task:{task.pk}", kind="task_overdue")
        assert told.count() == 1

    def test_it_leaves_done_tasks_and_closed_cases_alone(self, world):
        f = world.a
        services.task_set_done(actor=f.users["worker"], task=f.task, done=True,
                               expected_version=f.task.version)  # fmt: skip
        b = world.b
        services.case_close(actor=b.users["worker"], case=b.case, reason="goals_met",
                            expected_version=b.case.version)  # fmt: skip
        assert "0 notification(s)" in run()
