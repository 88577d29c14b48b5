"""The one place that decides who sees and changes what (DESIGN.md: Confidentiality).

Every view and API operation that touches client data starts from a function here.
An object the user may not see is filtered out of the queryset, so fetching it
answers 404 exactly like an object that does not exist.

Rules:
- social worker: clients they registered or whose case is assigned to them; their
  assigned cases.
- supervisor: the same for themselves and the workers they supervise.
- agency admin: everything in the agency except other people's restricted notes.
- auditor: like the admin, read-only.
- instructor: no client or case data (later: only the briefing for their sessions).
- restricted notes: the author and the author's supervisor only.
- bulk client imports (upload, progress, refused rows): the agency admin only.
- no agency sees another agency's data.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Membership, Role

WRITE_ROLES = frozenset({Role.WORKER, Role.SUPERVISOR, Role.ADMIN})
CASELOAD_ROLES = frozenset({Role.WORKER, Role.SUPERVISOR})
AGENCY_WIDE_ROLES = frozenset({Role.ADMIN, Role.AUDITOR})


def membership_of(user) -> Membership | None:
    """The user's membership, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_pendamping_membership"):
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


# ---- reading -----------------------------------------------------------------


def clients_for(user) -> QuerySet:
    from pendamping.cases.models import Case
    from pendamping.clients.models import Client

    m = membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Client.objects.none()
    qs = Client.objects.alive().filter(agency_id=m.agency_id)
    if m.role in AGENCY_WIDE_ROLES:
        return qs
    team = team_ids(user)
    has_case = Case.objects.filter(
        client_id=OuterRef("pk"), assigned_worker_id__in=team, deleted_at__isnull=True
    )
    return qs.filter(Q(registered_by_id__in=team) | Exists(has_case))


def cases_for(user) -> QuerySet:
    from pendamping.cases.models import Case

    m = membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Case.objects.none()
    qs = Case.objects.alive().filter(agency_id=m.agency_id, client__deleted_at__isnull=True)
    if m.role in AGENCY_WIDE_ROLES:
        return qs
    return qs.filter(assigned_worker_id__in=team_ids(user))


def notes_for(user) -> QuerySet:
    from pendamping.cases.models import ProgressNote

    m = membership_of(user)
    if m is None:
        return ProgressNote.objects.none()
    qs = ProgressNote.objects.alive().filter(case__in=cases_for(user))
    readable = Q(confidentiality=ProgressNote.Confidentiality.NORMAL) | Q(author_id=user.pk)
    if m.role == Role.SUPERVISOR:
        readable |= Q(author_id__in=team_ids(user))
    return qs.filter(readable)


def tasks_for(user) -> QuerySet:
    from pendamping.cases.models import Task

    return Task.objects.alive().filter(case__in=cases_for(user))


def events_for(user) -> QuerySet:
    from pendamping.cases.models import CaseEvent

    # EXISTS per event rather than `case IN (visible cases)`: reads of events pick a
    # few of them (a timeline page, the newest), and SQLite builds the whole IN list
    # first (700,000 cases for an agency-wide role: 1.4 s)
    return CaseEvent.objects.filter(Exists(cases_for(user).filter(pk=OuterRef("case_id"))))


def family_for(user) -> QuerySet:
    from pendamping.clients.models import FamilyMember

    return FamilyMember.objects.alive().filter(client__in=clients_for(user))


def consents_for(user) -> QuerySet:
    from pendamping.clients.models import Consent

    return Consent.objects.filter(client__in=clients_for(user))


# ---- broker: directory, needs, referrals, gaps ------------------------------------
#
# The resource directory holds no client data: every member of an agency sees
# their agency's entries and those shared with all agencies, and writers edit
# their own agency's entries only. Needs and outgoing referrals follow the case.
# Incoming referrals are seen by the receiving agency's staff (not instructors),
# and only through the snapshot the referral shares (`Referral.shared`).

REFERRAL_INBOX_ROLES = frozenset({Role.WORKER, Role.SUPERVISOR, Role.ADMIN, Role.AUDITOR})


def directory_services_for(user) -> QuerySet:
    from pendamping.broker.models import Service

    m = membership_of(user)
    if m is None:
        return Service.objects.none()
    # a shared service is visible with its provider only: never under a private one
    return Service.objects.alive().filter(
        Q(agency_id=m.agency_id)
        | Q(shared=True, organization__shared=True, organization__deleted_at__isnull=True)
    )


def directory_organizations_for(user) -> QuerySet:
    from pendamping.broker.models import Organization

    m = membership_of(user)
    if m is None:
        return Organization.objects.none()
    return Organization.objects.alive().filter(Q(agency_id=m.agency_id) | Q(shared=True))


def can_edit_entry(user, entry) -> bool:
    m = membership_of(user)
    return m is not None and m.role in WRITE_ROLES and entry.agency_id == m.agency_id


def require_edit_entry(user, entry) -> None:
    if not can_edit_entry(user, entry):
        raise PermissionDenied(_("Entri ini milik lembaga lain atau peran Anda hanya membaca."))


def needs_for(user) -> QuerySet:
    from pendamping.cases.models import Need

    return Need.objects.alive().filter(case__in=cases_for(user))


def referrals_for(user) -> QuerySet:
    """Referrals sent from the cases the user can see."""
    from pendamping.broker.models import Referral

    return Referral.objects.filter(case__in=cases_for(user))


def incoming_referrals_for(user) -> QuerySet:
    """Referrals sent to the user's agency: only once sent (with consent checked)."""
    from pendamping.broker.models import Referral

    m = membership_of(user)
    if m is None or m.role not in REFERRAL_INBOX_ROLES:
        return Referral.objects.none()
    return Referral.objects.filter(receiving_agency_id=m.agency_id, sent_at__isnull=False)


def gaps_for(user) -> QuerySet:
    """The agency's gap register (aggregates; the cases behind it follow cases_for)."""
    from pendamping.broker.models import Gap

    m = membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Gap.objects.none()
    return Gap.objects.filter(agency_id=m.agency_id, need__deleted_at__isnull=True)


def initiatives_for(user) -> QuerySet:
    from pendamping.broker.models import Initiative

    m = membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Initiative.objects.none()
    return Initiative.objects.filter(agency_id=m.agency_id)


# ---- agency management: bulk client imports ------------------------------------------
#
# Importing a client file writes many clients at once and its report lists NIK
# holders' names, so it belongs to the role that manages the agency.


def can_manage_agency(user) -> bool:
    return role_of(user) == Role.ADMIN


def require_manage_agency(user) -> None:
    if not can_manage_agency(user):
        raise PermissionDenied(_("Hanya admin lembaga yang dapat melakukan ini."))


def imports_for(user) -> QuerySet:
    """The agency's client imports, for its admin; nobody else sees them."""
    from pendamping.clients.models import ImportRun

    m = membership_of(user)
    if m is None or m.role != Role.ADMIN:
        return ImportRun.objects.none()
    return ImportRun.objects.filter(agency_id=m.agency_id)


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
