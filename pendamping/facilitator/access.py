"""The facilitator's scopes.

Programmes and sessions are the agency's (no client data in them): its staff see
them all; an instructor only the sessions they teach, and those sessions'
programmes. Enrolments and attendance follow their case (``with_visible_case``):
an instructor sees none of them, only the preferred names of the participants of
their own sessions (``selectors.participants``).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts import access
from pendamping.accounts.models import Role
from pendamping.cases.access import with_visible_case

from .models import Attendance, Enrolment, Instructor, Programme, ProgrammeModule, Session


def is_instructor(user) -> bool:
    return access.role_of(user) == Role.INSTRUCTOR


def can_work_session(user, session) -> bool:
    """Attendance and the instructor's record (step 2): the agency's writers, and an
    instructor of this very session."""
    if access.can_write(user):
        return True
    return is_instructor(user) and sessions_for(user).filter(pk=session.pk).exists()


def require_session_work(user, session) -> None:
    if not can_work_session(user, session):
        raise PermissionDenied(
            _("Hanya instruktur sesi ini atau staf lembaga yang dapat mengisinya.")
        )


def briefing_open_until(session):
    """The last day an instructor may open the session's briefing."""
    return timezone.localtime(session.starts_at).date() + timedelta(
        days=session.programme.briefing_days
    )


def can_read_briefing(user, session) -> bool:
    """The agency's staff who work with its clients (not the data protection officer,
    who reads no client data), and an instructor of this very session until
    ``briefing_days`` after it."""
    role = access.role_of(user)
    if role == Role.INSTRUCTOR:
        return (
            timezone.localdate() <= briefing_open_until(session)
            and sessions_for(user).filter(pk=session.pk).exists()
        )
    return role in access.STAFF_ROLES


def require_briefing(user, session) -> None:
    if can_read_briefing(user, session):
        return
    if is_instructor(user):
        raise PermissionDenied(_("Akses Anda ke briefing sesi ini sudah berakhir."))
    raise PermissionDenied(
        _("Briefing memuat data klien: hanya staf yang menangani klien dan instruktur sesi "
          "ini yang dapat membukanya.")
    )  # fmt: skip


@plugins.scope(
    "facilitator.Programme",
    rule="Live programmes of the user's agency; for an instructor, only the programmes "
    "of the sessions they teach.",
)
def programmes_for(user) -> QuerySet:
    agency = access.agency_of(user)
    if agency is None:
        return Programme.objects.none()
    qs = Programme.objects.alive().filter(agency=agency)
    if is_instructor(user):
        return qs.filter(pk__in=sessions_for(user).values("programme_id"))
    return qs


@plugins.scope(
    "facilitator.Session",
    rule="Live sessions of the agency's programmes; for an instructor, only the sessions "
    "where they are an instructor.",
)
def sessions_for(user) -> QuerySet:
    agency = access.agency_of(user)
    if agency is None:
        return Session.objects.none()
    qs = Session.objects.alive().filter(
        programme__agency=agency, programme__deleted_at__isnull=True
    )
    if is_instructor(user):
        return qs.filter(instructors__user=user, instructors__deleted_at__isnull=True).distinct()
    return qs


@plugins.scope("facilitator.ProgrammeModule", rule="Modules of the programmes the user may see.")
def modules_for(user) -> QuerySet:
    return ProgrammeModule.objects.alive().filter(programme__in=programmes_for(user))


@plugins.scope(
    "facilitator.Instructor", rule="Live instructors of the user's agency, for its staff."
)
def instructors_for(user) -> QuerySet:
    agency = access.agency_of(user)
    if agency is None or is_instructor(user):
        return Instructor.objects.none()
    return Instructor.objects.alive().filter(agency=agency)


@plugins.scope(
    "facilitator.Enrolment",
    rule="Live enrolments in the agency's programmes of the cases the user may see.",
)
def enrolments_for(user) -> QuerySet:
    return with_visible_case(
        user, Enrolment.objects.alive().filter(programme__in=programmes_for(user))
    )


@plugins.scope("facilitator.Attendance", rule="Attendance of the enrolments the user may see.")
def attendance_for(user) -> QuerySet:
    return Attendance.objects.filter(enrolment__in=enrolments_for(user))
