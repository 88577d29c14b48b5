"""Reads about cases. Each starts from a registered scope (the apps' access.py)."""

from django.db.models import Count, Q
from django.utils import timezone

from pendamping import plugins
from pendamping.accounts import access

from . import tallies
from .access import cases_for, events_for, notes_for, tasks_for


def caseload(user, *, stage: str = "", status: str = "open", risk: str = "", worker=None):
    qs = cases_for(user).select_related("client", "assigned_worker")
    if worker is not None:
        qs = qs.filter(assigned_worker=worker)
    if status == "open" or not status:
        qs = qs.filter(closed_at__isnull=True)
    elif status == "closed":
        qs = qs.filter(closed_at__isnull=False)
    if stage:
        qs = qs.filter(stage=stage)
    if risk:
        qs = qs.filter(risk_level=risk)
    return qs.order_by("-opened_at", "-id")


def stage_counts(user) -> dict[str, int]:
    """Open cases per stage that `user` may see, from the tallies the case services keep
    (pendamping/cases/tallies.py): a few rows whatever the agency's size, never stale.
    The same cases as ``cases_for``: the agency's for admins and auditors, the team's
    for supervisors and workers."""
    m = access.membership_of(user)
    if m is None or m.role in access.NO_CASE_ROLES:
        return {}
    if m.role in access.AGENCY_WIDE_ROLES:
        return tallies.by_stage(m.agency_id)
    return tallies.by_stage(m.agency_id, access.team_ids(user))


def overdue_tasks(user):
    return (
        tasks_for(user)
        .filter(assignee=user, done_at__isnull=True, due_date__lt=timezone.localdate())
        .select_related("case", "case__client")
        .order_by("due_date", "id")
    )


def upcoming_tasks(user):
    return (
        tasks_for(user)
        .filter(assignee=user, done_at__isnull=True, due_date__gte=timezone.localdate())
        .select_related("case", "case__client")
        .order_by("due_date", "id")
    )


# How many of the table's newest events an agency-wide dashboard reads before asking
# for the agency's own directly.
RECENT_SCAN_LIMIT = 20_000


def recent_events(user, limit: int = 15) -> list:
    """The newest events on the cases `user` may see, newest first.

    Agency-wide, the newest events of the whole table are read in growing windows
    along the `event_recent` index and kept when visible: the agency's events are a
    large share of the table, so the first window usually suffices (a join sorted by
    time made SQLite sort every event of the agency: 1.4 s at 3M events). For a
    caseload (`_caseload_events`), its cases with the newest events are found first.
    """
    from .models import CaseEvent

    events = events_for(user).select_related("case", "case__client", "actor").order_by("-at", "-id")
    m = access.membership_of(user)
    if m is not None and m.role in access.CASELOAD_ROLES:
        return _caseload_events(user, m, events, limit)
    found: list = []
    window, last, read = limit * 8, None, 0
    while len(found) < limit and read < RECENT_SCAN_LIMIT:
        newest = CaseEvent.objects.order_by("-at", "-id")
        if last is not None:
            newest = newest.filter(Q(at__lt=last[1]) | Q(at=last[1], id__lt=last[0]))
        batch = list(newest.values_list("id", "at")[:window])
        if not batch:
            return found
        # the visible ones picked first (the scope alone), then joined: those few only
        visible = events_for(user).filter(id__in=[pk for pk, _at in batch])
        visible = visible.order_by("-at", "-id").values("pk")[: limit - len(found)]
        found += events.filter(pk__in=visible)
        last, read, window = batch[-1], read + len(batch), window * 4
    if len(found) < limit:
        # a small agency's events are rare among the newest: ask for them directly
        # (cheap precisely because the agency has few cases)
        return list(events[:limit])
    return found


def _caseload_events(user, m, events, limit: int) -> list:
    """A caseload's newest events, from its `limit` visible cases with the newest
    events. The candidates are the team's live cases with the newest `last_event_at`
    (kept by event_append), read from the `case_last_event` index alone; the scope
    then keeps the visible ones, a few probes (a supervisor's team has thousands of
    cases: probing each one's newest event and its client read 40,000 buffers, 30-40 ms
    at 1M clients). A visible case left out has no newer event than the candidates,
    so `limit` visible candidates are the answer's cases; with fewer (a small
    caseload, erased clients) the scope is asked directly."""
    from .models import Case, CaseEvent

    team = (
        Case.objects.filter(
            agency_id=m.agency_id, assigned_worker_id__in=access.team_ids(user),
            deleted_at__isnull=True, last_event_at__isnull=False,
        )
        .order_by("-last_event_at")
        .values("pk")[: limit * 2]
    )  # fmt: skip
    newest = cases_for(user).filter(last_event_at__isnull=False).order_by("-last_event_at", "-id")
    cases = list(newest.filter(pk__in=team).values_list("pk", flat=True)[:limit])
    if len(cases) < limit:
        cases = list(newest.values_list("pk", flat=True)[:limit])
    # the newest events of these (visible) cases, picked on `event_case_at` before the
    # scope and the joins are applied to those few (not to each of the cases' events)
    picked = CaseEvent.objects.filter(case_id__in=cases).order_by("-at", "-id").values("pk")
    return list(events.filter(pk__in=picked[:limit]))


def timeline(user, case):
    """The case's events, newest first (what a note says is read separately)."""
    return events_for(user).filter(case=case).select_related("actor", "note").order_by("-at", "-id")


def readable_note_ids(user, case) -> set[int]:
    return set(notes_for(user).filter(case=case).values_list("id", flat=True))


# ---- what the apps registered (pendamping/plugins.py) ------------------------------


def case_panels(user, case, *, only: str | None = None, part: str = "all") -> list[dict]:
    """The registered panels this user sees on this case, each with its data.

    `part`: "all"; "page", what the case page shows at once: a deferred panel comes
    without its data (``"deferred": True``), loaded after the page (`case_panels_later`);
    "deferred", only the deferred panels, with their data."""
    shown = []
    for panel in plugins.registry.case_panels():
        if only is not None and panel.key != only:
            continue
        if part == "deferred" and not panel.deferred:
            continue
        if part == "page" and panel.deferred:
            shown.append({"panel": panel, "data": None, "deferred": True})
            continue
        data = panel.data(user, case)
        if data is not None:
            shown.append({"panel": panel, "data": data})
    return shown


def home_items(user, role: str | None) -> list[dict]:
    """The registered home-page cards for the user's role that have something to show."""
    shown = []
    for item in plugins.registry.home_items(role):
        data = item.data(user)
        if data is not None:
            shown.append({"item": item, "data": data})
    return shown


# the registered scope of safety alerts (assessment), read by name: casework does not
# import the role app that raises them
SAFETY_ALERTS_SCOPE = "safety_alerts_for"


def team_overview(user) -> list[dict]:
    """The supervisor's team: each worker with their open cases, overdue tasks and
    open safety flags. Four queries however large the team (one per measure, each
    grouped by worker, through the user's scopes)."""
    workers = list(access.assignable_workers(user).exclude(pk=user.pk))
    ids = [w.pk for w in workers]
    m = access.membership_of(user)
    open_cases = tallies.by_worker(m.agency_id, ids) if m is not None else {}
    overdue = dict(
        tasks_for(user)
        .filter(assignee_id__in=ids, done_at__isnull=True, due_date__lt=timezone.localdate())
        .values_list("assignee_id").annotate(n=Count("id"))
    )  # fmt: skip
    flags = {}
    try:
        alerts = plugins.registry.scope_named(SAFETY_ALERTS_SCOPE).function(user)
    except KeyError:  # no app raises safety flags
        alerts = None
    if alerts is not None:
        flags = dict(
            alerts.filter(action_at__isnull=True, case__assigned_worker_id__in=ids)
            .values_list("case__assigned_worker_id").annotate(n=Count("id"))
        )  # fmt: skip
    return [
        {"worker": w, "open_cases": open_cases.get(w.pk, 0), "overdue": overdue.get(w.pk, 0),
         "flags": flags.get(w.pk, 0)}
        for w in workers
    ]  # fmt: skip
