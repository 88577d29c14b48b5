"""The access kernel (DESIGN.md: Confidentiality): who a user is in their agency
(membership, role, team) and what they may change (``can_*`` / ``require_*``).

The scopes, which decide which rows a user may see, live with their models, each
in its app's ``access.py`` and registered with the rule it implements
(``plugins.scope``); ``manage.py access_report`` lists them all. They are built
from what this module knows about the user:

- social worker: their own caseload;
- supervisor: the caseloads of themselves and the workers they supervise
  (``team_ids``);
- agency admin and auditor: agency-wide (``AGENCY_WIDE_ROLES``), the auditor
  read-only;
- instructor: no client or case data;
- data protection officer: no client or case data either (``NO_CASE_ROLES``); the
  privacy app gives them the processing log, requests, consents and breaches;
- no agency sees another agency's data.

This module is the bottom layer: it imports nothing from clients, cases or a role
app. An object the user may not see answers 404 like one that does not exist
(``get_or_404``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Membership, Role

WRITE_ROLES = frozenset({Role.WORKER, Role.SUPERVISOR, Role.ADMIN})
CASELOAD_ROLES = frozenset({Role.WORKER, Role.SUPERVISOR})
AGENCY_WIDE_ROLES = frozenset({Role.ADMIN, Role.AUDITOR})
# roles that never read a case file (scopes of client and case data give them nothing)
NO_CASE_ROLES = frozenset({Role.INSTRUCTOR, Role.DPO})


def membership_of(user) -> Membership | None:
    """The user's membership, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_pendamping_membership"):
        related = Membership._meta.get_field("user").remote_field  # user.membership
        if related.is_cached(user):  # selected with the user (accounts/backends.py)
            user._pendamping_membership = related.get_cached_value(user)
        else:
            user._pendamping_membership = (
                Membership.objects.select_related("agency").filter(user_id=user.pk).first()
            )
    return user._pendamping_membership


def role_of(user) -> str | None:
    m = membership_of(user)
    return m.role if m else None


def agency_of(user):
    m = membership_of(user)
    return m.agency if m else None


def team_ids(user) -> list[int]:
    """Whose caseload the user carries or oversees: self, plus supervisees."""
    m = membership_of(user)
    if m is None:
        return []
    if not hasattr(user, "_pendamping_team"):
        ids = [user.pk]
        if m.role == Role.SUPERVISOR:
            ids += list(
                Membership.objects.filter(supervisor_id=user.pk, agency_id=m.agency_id).values_list(
                    "user_id", flat=True
                )
            )
        user._pendamping_team = ids
    return user._pendamping_team


STAFF_ROLES = frozenset(Role.values) - NO_CASE_ROLES


def of_agency(user, queryset: QuerySet, *, roles=None, field: str = "agency_id") -> QuerySet:
    """`queryset`'s rows of the user's agency; none for a user without a membership
    or (when `roles` is given) of another role. The shape of every agency-wide scope."""
    m = membership_of(user)
    if m is None or (roles is not None and m.role not in roles):
        return queryset.none()
    return queryset.filter(**{field: m.agency_id})


def get_or_404(queryset: QuerySet, **lookup):
    """Fetch one visible object; invisible and missing look the same."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# ---- writing -----------------------------------------------------------------


def can_write(user) -> bool:
    return role_of(user) in WRITE_ROLES


def require_write(user) -> None:
    if not can_write(user):
        raise PermissionDenied(_("Peran Anda hanya dapat membaca data ini."))


def can_assign(user) -> bool:
    return role_of(user) in {Role.SUPERVISOR, Role.ADMIN}


def require_assign(user) -> None:
    if not can_assign(user):
        raise PermissionDenied(
            _("Hanya supervisor atau admin lembaga yang dapat menugaskan kasus.")
        )


def can_delete_records(user) -> bool:
    return role_of(user) in {Role.SUPERVISOR, Role.ADMIN}


def require_delete(user) -> None:
    if not can_delete_records(user):
        raise PermissionDenied(_("Hanya supervisor atau admin lembaga yang dapat menghapus data."))


def can_edit_note(user, note) -> bool:
    return can_write(user) and note.author_id == user.pk


# Importing a client file writes many clients at once and its report lists NIK
# holders' names, so it belongs to the role that manages the agency.


def can_manage_agency(user) -> bool:
    return role_of(user) == Role.ADMIN


def require_manage_agency(user) -> None:
    if not can_manage_agency(user):
        raise PermissionDenied(_("Hanya admin lembaga yang dapat melakukan ini."))


def assignable_workers(user) -> QuerySet:
    """Users in the acting user's agency who can carry a caseload."""
    from django.contrib.auth import get_user_model

    m = membership_of(user)
    User = get_user_model()
    if m is None:
        return User.objects.none()
    qs = User.objects.filter(
        is_active=True, membership__agency_id=m.agency_id, membership__role__in=CASELOAD_ROLES
    )
    if m.role == Role.SUPERVISOR:
        qs = qs.filter(pk__in=team_ids(user))
    elif m.role == Role.WORKER:
        qs = qs.filter(pk=user.pk)
    return qs.order_by("first_name", "username")
