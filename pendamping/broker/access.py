"""The broker's scopes: the resource directory, referrals, gaps and initiatives.

The resource directory holds no client data: every member of an agency sees their
agency's entries and those shared with all agencies, and writers edit their own
agency's entries only. Outgoing referrals follow their case (``with_visible_case``).
Incoming referrals are seen by the receiving agency's staff (not instructors), and
only through the snapshot the referral shares (``Referral.shared``).

Each ``<things>_for(user)`` is registered with the rule it implements
(``manage.py access_report``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts.access import STAFF_ROLES, WRITE_ROLES, membership_of, of_agency
from pendamping.cases.access import with_visible_case

from .models import DirectoryImport, Gap, Initiative, Organization, Referral, Service

# ---- the directory -------------------------------------------------------------------


def agency_services(agency_id) -> QuerySet:
    """The live services in an agency's directory: its own, and those shared together
    with their provider (a shared service is never visible under a private or deleted
    provider). Matching, which acts for a case's agency rather than a user, uses it."""
    return Service.objects.alive().filter(
        Q(agency_id=agency_id)
        | Q(shared=True, organization__shared=True, organization__deleted_at__isnull=True)
    )


def agency_own_services(agency_id) -> QuerySet:
    """The part of `agency_services` that is the agency's own: its live services, read
    without the shared ones' test on their provider (no join)."""
    return Service.objects.alive().filter(agency_id=agency_id)


def agency_organizations(agency_id) -> QuerySet:
    """The live providers in an agency's directory: its own and the shared ones."""
    return Organization.objects.alive().filter(Q(agency_id=agency_id) | Q(shared=True))


@plugins.scope(
    "broker.Service",
    rule="Live services of the user's agency, and services shared by other agencies "
    "whose provider is shared and live too; any member of the agency.",
)
def directory_services_for(user) -> QuerySet:
    m = membership_of(user)
    if m is None:
        return Service.objects.none()
    return agency_services(m.agency_id)


@plugins.scope(
    "broker.Organization",
    rule="Live providers of the user's agency and those shared by other agencies; any "
    "member of the agency.",
)
def directory_organizations_for(user) -> QuerySet:
    m = membership_of(user)
    if m is None:
        return Organization.objects.none()
    return agency_organizations(m.agency_id)


def can_edit_entry(user, entry) -> bool:
    m = membership_of(user)
    return m is not None and m.role in WRITE_ROLES and entry.agency_id == m.agency_id


def require_edit_entry(user, entry) -> None:
    if not can_edit_entry(user, entry):
        raise PermissionDenied(_("Entri ini milik lembaga lain atau peran Anda hanya membaca."))


# ---- referrals, gaps, initiatives ---------------------------------------------------


@plugins.scope("broker.Referral", rule="Referrals sent from the cases the user may see.")
def referrals_for(user) -> QuerySet:
    return with_visible_case(user, Referral.objects.all())


@plugins.scope(
    "broker.Referral",
    rule="Referrals sent to the user's agency, once sent (consent checked); its staff, "
    "not instructors, and only what the referral shares.",
)
def incoming_referrals_for(user) -> QuerySet:
    sent = Referral.objects.filter(sent_at__isnull=False)
    return of_agency(user, sent, roles=STAFF_ROLES, field="receiving_agency_id")


@plugins.scope(
    "broker.Gap",
    rule="The gap register of the user's agency (aggregates), for its staff, not "
    "instructors; gaps of deleted needs are left out and the cases behind a gap "
    "follow cases_for.",
)
def gaps_for(user) -> QuerySet:
    return of_agency(user, Gap.objects.filter(need__deleted_at__isnull=True), roles=STAFF_ROLES)


@plugins.scope(
    "broker.Initiative",
    rule="Initiatives of the user's agency, for its staff, not instructors.",
)
def initiatives_for(user) -> QuerySet:
    return of_agency(user, Initiative.objects.all(), roles=STAFF_ROLES)


@plugins.scope(
    "broker.DirectoryImport",
    rule="Directory imports of the user's agency (no client data); their pages are for "
    "the agency's admin, who uploads, confirms and discards them.",
)
def directory_imports_for(user) -> QuerySet:
    return of_agency(user, DirectoryImport.objects.all())
