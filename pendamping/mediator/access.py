"""The mediator's scopes (issue 12: Roles).

Two circles. The mediator, the co-mediators and their supervisor (the supervisor of
the team the mediator or a co-mediator is in) see everything of a mediation:
``mediations_for`` with ``full=True``, and every row hanging off it. The agency's
admins and auditors see that a mediation exists and its stage (``mediations_for``),
never its parties, sessions, perceptions or caucus notes. Nobody else sees it; no
agency sees another's. Within a mediation, a caucus note is confidential to its party
(``visible_notes``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts.access import AGENCY_WIDE_ROLES, get_or_404, membership_of, team_ids
from pendamping.accounts.models import Role

from .models import (
    DiversionLevel,
    GroundRule,
    Issue,
    Mediation,
    Obstacle,
    Option,
    Party,
    Perception,
    Session,
    SessionAttendance,
    Term,
)


def _full(user) -> QuerySet:
    m = membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Mediation.objects.none()
    team = team_ids(user)
    inside = Q(mediator_id__in=team) | Q(co_mediators__in=team)
    return Mediation.objects.alive().filter(
        pk__in=Mediation.objects.filter(inside, agency_id=m.agency_id).values("pk")
    )


@plugins.scope(
    "mediator.Mediation",
    rule="Live mediations of the user's agency where the user, or a worker they "
    "supervise, is the mediator or a co-mediator; admins and auditors also see the "
    "agency's other mediations, their existence and stage only.",
)
def mediations_for(user, *, full: bool = False) -> QuerySet:
    m = membership_of(user)
    if m is None or m.role == Role.INSTRUCTOR:
        return Mediation.objects.none()
    if full or m.role not in AGENCY_WIDE_ROLES:
        return _full(user)
    return Mediation.objects.alive().filter(agency_id=m.agency_id)


def can_see_inside(user, mediation: Mediation) -> bool:
    return _full(user).filter(pk=mediation.pk).exists()


def mediation_or_404(user, pk, *, inside: bool = True) -> Mediation:
    """The mediation ``pk`` the user may see (404 otherwise); with ``inside`` also
    its content: 403 for an admin or auditor who may only know that it exists."""
    mediation = get_or_404(
        mediations_for(user).select_related("mediator", "agency", "reviewed_by"), pk=pk
    )
    if inside and not can_see_inside(user, mediation):
        raise PermissionDenied(
            _("Isi mediasi hanya untuk mediator, mediator pendamping dan supervisornya.")
        )
    return mediation


def _of_visible(qs: QuerySet, user, field: str = "mediation") -> QuerySet:
    return qs.filter(**{f"{field}__in": _full(user)})


@plugins.scope("mediator.DiversionLevel", rule="Live diversion levels of mediations seen inside.")
def mediation_levels_for(user) -> QuerySet:
    return _of_visible(DiversionLevel.objects.alive(), user)


@plugins.scope("mediator.Party", rule="Live parties of the mediations the user sees inside.")
def mediation_parties_for(user) -> QuerySet:
    return _of_visible(Party.objects.alive(), user)


@plugins.scope(
    "mediator.Session",
    rule="Live sessions of the mediations the user sees inside (a caucus note is "
    "confidential to its party: see visible_notes).",
)
def mediation_sessions_for(user) -> QuerySet:
    return _of_visible(Session.objects.alive(), user)


@plugins.scope("mediator.SessionAttendance", rule="Attendance of the sessions the user may see.")
def mediation_attendance_for(user) -> QuerySet:
    return SessionAttendance.objects.filter(session__in=mediation_sessions_for(user))


@plugins.scope("mediator.GroundRule", rule="Live ground rules of mediations seen inside.")
def mediation_rules_for(user) -> QuerySet:
    return _of_visible(GroundRule.objects.alive(), user)


@plugins.scope("mediator.Issue", rule="Live issues of the perception maps seen inside.")
def mediation_issues_for(user) -> QuerySet:
    return _of_visible(Issue.objects.alive(), user)


@plugins.scope("mediator.Perception", rule="Live perceptions of the issues the user may see.")
def mediation_perceptions_for(user) -> QuerySet:
    return Perception.objects.alive().filter(issue__in=mediation_issues_for(user))


@plugins.scope("mediator.Obstacle", rule="Live obstacles of mediations seen inside.")
def mediation_obstacles_for(user) -> QuerySet:
    return _of_visible(Obstacle.objects.alive(), user)


@plugins.scope("mediator.Option", rule="Live options of mediations seen inside.")
def mediation_options_for(user) -> QuerySet:
    return _of_visible(Option.objects.alive(), user)


@plugins.scope("mediator.Term", rule="Live agreement terms of mediations seen inside.")
def mediation_terms_for(user) -> QuerySet:
    return _of_visible(Term.objects.alive(), user)


def visible_notes(sessions, party=None) -> list:
    """The sessions as one party may be shown them: a caucus with another party
    keeps its date and kind, never its notes. ``party=None`` is the mediator's view."""
    out = []
    for s in sessions:
        s.hidden = party is not None and s.kind == "caucus" and s.caucus_party_id != party.pk
        out.append(s)
    return out


@plugins.scope(
    "mediator.Mediation_cases",
    rule="Links between a mediation the user sees and a case the user sees (the "
    "many-to-many table of Mediation.cases).",
)
def mediation_case_links_for(user) -> QuerySet:
    from pendamping.cases.access import cases_for

    return Mediation.cases.through.objects.filter(
        mediation__in=mediations_for(user), case__in=cases_for(user)
    )
