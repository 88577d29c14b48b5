"""Reminders when an outside body's time limit runs out without an answer.

For each live filing of an open complaint that has no answer yet, every step of the
body's clock (limits.py, or the agency's own limits) whose due date has passed gets
one ``FilingReminder`` row (unique per filing and step, so running the check again —
every hour, from two workers at once — tells nobody twice) and a notification to the
complaint's worker (or, while unassigned, the agency's supervisors): the tracking
code, the body and the due date, never the complaint's subject. Filings older than
``WINDOW_DAYS`` are not looked at (the longest limit is 250 working days).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pendamping.accounts.models import Role
from pendamping.inbox.services import notify

from . import clock, limits
from .models import OPEN_STAGES, Filing, FilingReminder

WINDOW_DAYS = 400


def _supervisors(agency_id: int, cache: dict) -> list[int]:
    if agency_id not in cache:
        cache[agency_id] = list(
            get_user_model().objects.filter(is_active=True, membership__agency_id=agency_id,
                                            membership__role=Role.SUPERVISOR)
            .values_list("pk", flat=True)
        )  # fmt: skip
    return cache[agency_id]


@transaction.atomic
def remind_due(now=None) -> int:
    """Write and tell the reminders now due; returns how many were new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    filings = list(
        Filing.objects.alive()
        .filter(complaint__stage__in=OPEN_STAGES, complaint__deleted_at__isnull=True,
                filed_on__gte=today - datetime.timedelta(days=WINDOW_DAYS),
                filed_on__lt=today, answers__isnull=True)
        .select_related("complaint")
        .distinct()
    )  # fmt: skip
    if not filings:
        return 0
    done = set(FilingReminder.objects.filter(filing__in=filings).values_list("filing_id", "step"))
    agencies = {f.complaint.agency_id for f in filings}
    days_off = {a: clock.agency_days_off(a) for a in agencies}
    tables = {a: limits.agency_table(a) for a in agencies}
    new = []
    for f in filings:
        agency = f.complaint.agency_id
        for s in limits.due_dates(f.body, f.filed_on, days_off[agency], tables[agency]):
            if s["due"] < today and (f.pk, s["step"]) not in done:
                new.append((f, FilingReminder(filing=f, step=s["step"], due=s["due"], at=now)))
    FilingReminder.objects.bulk_create([r for _f, r in new], ignore_conflicts=True)
    supervisors: dict[int, list[int]] = {}
    for f, r in new:
        c = f.complaint
        to = (
            [c.assigned_worker_id]
            if c.assigned_worker_id
            else _supervisors(c.agency_id, supervisors)
        )
        notify(to, "filing_limit_passed", url=reverse("complaint_detail", kwargs={"pk": c.pk}) + "#filings",
               target=f, dedupe=f"filing:{f.pk}:{r.step}", code=c.tracking_code, body=f.body,
               due=r.due.isoformat())  # fmt: skip
    return len(new)
