"""The scopes of clients and what hangs off a client (DESIGN.md: Confidentiality).

Each ``<things>_for(user)`` is registered with the rule it implements
(``manage.py access_report``). Rows that belong to a client — family members,
consents — are visible exactly when their client is (``with_visible_client``).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from pendamping import plugins
from pendamping.accounts.access import (
    AGENCY_WIDE_ROLES,
    NO_CASE_ROLES,
    membership_of,
    of_agency,
    team_ids,
)
from pendamping.accounts.models import Role

from .models import Client, Consent, FamilyMember, ImportRun


@plugins.scope(
    "clients.Client",
    rule="Live clients of the user's agency: agency-wide for admins and auditors; for "
    "workers and supervisors those their team registered or whose live case their team "
    "carries; none for instructors and data protection officers.",
)
def clients_for(user) -> QuerySet:
    m = membership_of(user)
    if m is None or m.role in NO_CASE_ROLES:
        return Client.objects.none()
    qs = Client.objects.alive().filter(agency_id=m.agency_id)
    if m.role in AGENCY_WIDE_ROLES:
        return qs
    team = team_ids(user)
    # through the app registry: clients sit below casework and do not import it
    Case = apps.get_model("cases", "Case")
    has_case = Case.objects.filter(
        client_id=OuterRef("pk"), assigned_worker_id__in=team, deleted_at__isnull=True
    )
    return qs.filter(Q(registered_by_id__in=team) | Exists(has_case))


def with_visible_client(user, queryset: QuerySet, field: str = "client") -> QuerySet:
    """The rows of ``queryset`` whose ``field`` is a client ``user`` may see."""
    return queryset.filter(**{f"{field}__in": clients_for(user)})


@plugins.scope(
    "clients.FamilyMember",
    rule="Live family members of the clients the user may see.",
)
def family_for(user) -> QuerySet:
    return with_visible_client(user, FamilyMember.objects.alive())


@plugins.scope("clients.Consent", rule="Consents of the clients the user may see.")
def consents_for(user) -> QuerySet:
    return with_visible_client(user, Consent.objects.all())


@plugins.scope(
    "clients.ImportRun",
    rule="Bulk client imports (upload, progress, refused rows) of the user's agency, for "
    "its admin only: their reports list NIK holders' names.",
)
def imports_for(user) -> QuerySet:
    return of_agency(user, ImportRun.objects.all(), roles={Role.ADMIN})


@plugins.scope(
    "clients.GroupMember",
    rule="Memberships (current and ended) of the group clients the user may see.",
)
def group_members_for(user) -> QuerySet:
    from .models import GroupMember

    return with_visible_client(user, GroupMember.objects.all(), field="group")
