"""The advocate's scopes.

A complaint is the agency's record: its admins and auditors see all of the agency's;
a worker the complaints assigned to them, a supervisor those of their team
(``team_ids``) and the agency's unassigned ones (to give them to a worker);
instructors none. Everything hanging off a complaint follows it.
An anonymous complainant's contact is narrower still: only the assigned worker.
Categories and days off are the agency's settings (no client data): its staff see
them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from pendamping import plugins
from pendamping.accounts import access
from pendamping.accounts.models import Role

from .models import (
    AgencyDayOff,
    AnonymousContact,
    Category,
    Complaint,
    CoSigner,
    Escalation,
    StageChange,
)


@plugins.scope(
    "advocate.Complaint",
    rule="Live complaints of the user's agency: all of them for admins and auditors; "
    "for workers those assigned to them; for supervisors those assigned to their team "
    "and the unassigned ones; none for instructors.",
)
def complaints_for(user) -> QuerySet:
    m = access.membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Complaint.objects.none()
    qs = Complaint.objects.alive().filter(agency_id=m.agency_id)
    if m.role in access.AGENCY_WIDE_ROLES:
        return qs
    mine = Q(assigned_worker_id__in=access.team_ids(user))
    if m.role == Role.SUPERVISOR:
        mine |= Q(assigned_worker__isnull=True)
    return qs.filter(mine)


@plugins.scope(
    "advocate.AnonymousContact",
    rule="The contact of an anonymous complainant: for the complaint's assigned worker only.",
)
def anonymous_contacts_for(user) -> QuerySet:
    return AnonymousContact.objects.filter(
        complaint__in=complaints_for(user), complaint__assigned_worker_id=user.pk
    )


@plugins.scope("advocate.CoSigner", rule="Live co-signers of the complaints the user may see.")
def cosigners_for(user) -> QuerySet:
    return CoSigner.objects.alive().filter(complaint__in=complaints_for(user))


@plugins.scope("advocate.StageChange", rule="Stage history of the complaints the user may see.")
def stage_changes_for(user) -> QuerySet:
    return StageChange.objects.filter(complaint__in=complaints_for(user))


@plugins.scope("advocate.Escalation", rule="Escalations of the complaints the user may see.")
def escalations_for(user) -> QuerySet:
    return Escalation.objects.filter(complaint__in=complaints_for(user))


@plugins.scope(
    "advocate.Category", rule="Live complaint categories of the user's agency, for its staff."
)
def categories_for(user) -> QuerySet:
    return access.of_agency(user, Category.objects.alive(), roles=access.STAFF_ROLES)


@plugins.scope("advocate.AgencyDayOff", rule="The days off of the user's agency, for its staff.")
def days_off_for(user) -> QuerySet:
    return access.of_agency(user, AgencyDayOff.objects.alive(), roles=access.STAFF_ROLES)


@plugins.scope("advocate.Alternative", rule="Live alternatives of the complaints the user may see.")
def alternatives_for(user) -> QuerySet:
    from .models import Alternative

    return Alternative.objects.alive().filter(complaint__in=complaints_for(user))


@plugins.scope(
    "advocate.Expert", rule="Live experts (narasumber) of the user's agency, for its staff."
)
def experts_for(user) -> QuerySet:
    from .models import Expert

    return access.of_agency(user, Expert.objects.alive(), roles=access.STAFF_ROLES)


@plugins.scope(
    "advocate.Consultation", rule="Live consultations on the complaints the user may see."
)
def consultations_for(user) -> QuerySet:
    from .models import Consultation

    return Consultation.objects.alive().filter(complaint__in=complaints_for(user))


@plugins.scope("advocate.Filing", rule="Live filings of the complaints the user may see.")
def filings_for(user) -> QuerySet:
    from .models import Filing

    return Filing.objects.alive().filter(complaint__in=complaints_for(user))


@plugins.scope("advocate.FilingAnswer", rule="Answers to the filings the user may see.")
def filing_answers_for(user) -> QuerySet:
    from .models import FilingAnswer

    return FilingAnswer.objects.alive().filter(filing__in=filings_for(user))


@plugins.scope("advocate.Feedback", rule="Feedback on the complaints the user may see.")
def feedback_for(user) -> QuerySet:
    from .models import Feedback

    return Feedback.objects.filter(complaint__in=complaints_for(user))


@plugins.scope("advocate.Evidence", rule="Live evidence files of the complaints the user may see.")
def evidence_for(user) -> QuerySet:
    from .models import Evidence

    return Evidence.objects.alive().filter(complaint__in=complaints_for(user))
