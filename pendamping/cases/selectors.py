"""Reads about cases. Each starts from accounts.access."""

from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from pendamping.accounts import access


def caseload(user, *, stage: str = "", status: str = "open", risk: str = ""):
    qs = access.cases_for(user).select_related("client", "assigned_worker")
    if status == "open" or not status:
        qs = qs.filter(closed_at__isnull=True)
    elif status == "closed":
        qs = qs.filter(closed_at__isnull=False)
    if stage:
        qs = qs.filter(stage=stage)
    if risk:
        qs = qs.filter(risk_level=risk)
    return qs.order_by("-opened_at", "-id")


# Agency-wide counts read every open case of the agency (about 400 ms for 460,000 open
# cases on PostgreSQL, see bench/): admins and auditors get them at most this old.
AGENCY_COUNTS_TTL = 60


def stage_counts(user) -> dict[str, int]:
    """Open cases per stage that `user` may see; agency-wide ones cached briefly."""
    m = access.membership_of(user)
    if m is not None and m.role in access.AGENCY_WIDE_ROLES:
        key = f"pendamping:stage_counts:{m.agency_id}"
        return cache.get_or_set(key, lambda: _stage_counts(user), AGENCY_COUNTS_TTL)
    return _stage_counts(user)


def _stage_counts(user) -> dict[str, int]:
    rows = (
        access.cases_for(user)
        .filter(closed_at__isnull=True)
        .values("stage")
        .annotate(n=Count("id"))
    )
    return {r["stage"]: r["n"] for r in rows}


def overdue_tasks(user):
    return (
        access.tasks_for(user)
        .filter(assignee=user, done_at__isnull=True, due_date__lt=timezone.localdate())
        .select_related("case", "case__client")
        .order_by("due_date", "id")
    )


def upcoming_tasks(user):
    return (
        access.tasks_for(user)
        .filter(assignee=user, done_at__isnull=True, due_date__gte=timezone.localdate())
        .select_related("case", "case__client")
        .order_by("due_date", "id")
    )


def recent_events(user, limit: int = 15):
    """The newest events on the cases `user` may see.

    Agency-wide, newest first along the `event_recent` index: the agency's events are
    a large share of the table, so the scan stops early. For a caseload that scan
    could read most of the table before finding its cases' events, so first the
    `limit` cases with the newest events are found (one probe per case on
    `event_case_at`); the newest events overall can only be theirs.
    """
    from .models import CaseEvent

    events = (
        access.events_for(user)
        .select_related("case", "case__client", "actor")
        .order_by("-at", "-id")
    )
    m = access.membership_of(user)
    if m is None or m.role in access.AGENCY_WIDE_ROLES:
        return events[:limit]
    newest = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-at").values("at")[:1]
    cases = list(
        access.cases_for(user)
        .annotate(newest=Subquery(newest))
        .filter(newest__isnull=False)
        .order_by("-newest")
        .values_list("pk", flat=True)[:limit]
    )
    return events.filter(case_id__in=cases)[:limit]


def timeline(user, case):
    """The case's events, newest first (what a note says is read separately)."""
    return (
        access.events_for(user)
        .filter(case=case)
        .select_related("actor", "note")
        .order_by("-at", "-id")
    )


def readable_note_ids(user, case) -> set[int]:
    return set(access.notes_for(user).filter(case=case).values_list("id", flat=True))
