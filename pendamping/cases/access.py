"""The scopes of cases and of casework (DESIGN.md: Confidentiality).

A case is the unit of confidentiality: most rows of casework and of the role apps
hang off a case and are visible exactly when their case is. They say so through one
helper, ``with_visible_case``, rather than each writing its own rule; a view fetches
the case it works on with ``case_or_404``. Each ``<things>_for(user)`` is registered
with the rule it implements (``manage.py access_report``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from pendamping import plugins
from pendamping.accounts.access import (
    AGENCY_WIDE_ROLES,
    NO_CASE_ROLES,
    get_or_404,
    membership_of,
    team_ids,
)
from pendamping.accounts.models import Role

from .models import Case, CaseEvent, Need, ProgressNote, Task


@plugins.scope(
    "cases.Case",
    rule="Live cases of live clients in the user's agency: agency-wide for admins and "
    "auditors; for workers and supervisors those assigned to their team; none for "
    "instructors and data protection officers.",
)
def cases_for(user) -> QuerySet:
    m = membership_of(user)
    if m is None or m.role in NO_CASE_ROLES:
        return Case.objects.none()
    qs = Case.objects.alive().filter(agency_id=m.agency_id, client__deleted_at__isnull=True)
    if m.role in AGENCY_WIDE_ROLES:
        return qs
    return qs.filter(assigned_worker_id__in=team_ids(user))


def with_visible_case(
    user, queryset: QuerySet, field: str = "case", *, exists: bool = False
) -> QuerySet:
    """The rows of ``queryset`` whose ``field`` (a path to a case) ``user`` may see.

    ``exists=True`` tests each row with EXISTS instead of ``IN (visible cases)``:
    better when the reads pick a few rows of a large table (the timeline), since
    SQLite builds the whole IN list first (700,000 cases for an agency-wide role).
    """
    if exists:
        return queryset.filter(Exists(cases_for(user).filter(pk=OuterRef(field))))
    return queryset.filter(**{f"{field}__in": cases_for(user)})


def case_or_404(user, pk, *, related: Iterable[str] = ("client", "assigned_worker")) -> Case:
    """The case ``pk`` if ``user`` may see it, with ``related`` selected (what a case
    page's header shows); 404 when it is invisible or missing, alike."""
    return get_or_404(cases_for(user).select_related(*related), pk=pk)


@plugins.scope(
    "cases.ProgressNote",
    rule="Live notes of the cases the user may see; a restricted note only for its "
    "author and the author's supervisor.",
)
def notes_for(user) -> QuerySet:
    m = membership_of(user)
    if m is None:
        return ProgressNote.objects.none()
    qs = with_visible_case(user, ProgressNote.objects.alive())
    readable = Q(confidentiality=ProgressNote.Confidentiality.NORMAL) | Q(author_id=user.pk)
    if m.role == Role.SUPERVISOR:
        readable |= Q(author_id__in=team_ids(user))
    return qs.filter(readable)


@plugins.scope("cases.Task", rule="Live tasks of the cases the user may see.")
def tasks_for(user) -> QuerySet:
    return with_visible_case(user, Task.objects.alive())


@plugins.scope("cases.CaseEvent", rule="Timeline events of the cases the user may see.")
def events_for(user) -> QuerySet:
    # EXISTS per event: reads of events pick a few of them (a timeline page, the newest)
    return with_visible_case(user, CaseEvent.objects.all(), exists=True)


@plugins.scope("cases.Need", rule="Live needs of the cases the user may see.")
def needs_for(user) -> QuerySet:
    return with_visible_case(user, Need.objects.alive())
