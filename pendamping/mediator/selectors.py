"""Reads of the mediator. Each takes the acting user and starts from a scope."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from pendamping.accounts.access import membership_of
from pendamping.accounts.models import Role

from . import clocks
from .access import mediation_terms_for, mediations_for, visible_notes
from .models import Compliance, Kind, Presence, SessionAttendance

BAD_FAITH_ABSENCES = 2  # GLOSSARY: absence without reason twice counts as bad faith
ESCALATE_AFTER_DAYS = 7  # a term not complied with 7 days after its due date


def bad_faith(mediation) -> dict[int, int]:
    """``{party_id: absences without reason}`` of the parties with two or more."""
    rows = (
        SessionAttendance.objects.filter(
            session__mediation=mediation, session__deleted_at__isnull=True,
            presence=Presence.ABSENT,
        )
        .values("party_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=BAD_FAITH_ABSENCES)
    )  # fmt: skip
    return {r["party_id"]: r["n"] for r in rows}


def perception_map(mediation) -> dict:
    """Issues × parties, side by side: ``{"parties": [...], "rows": [(issue, [(party,
    perception or None)])]}`` in three queries."""
    parties = list(mediation.parties.alive())
    issues = list(mediation.issues.alive().prefetch_related("perceptions"))
    rows = []
    for issue in issues:
        by_party = {p.party_id: p for p in issue.perceptions.all() if p.deleted_at is None}
        rows.append((issue, [(p, by_party.get(p.pk)) for p in parties]))
    return {"parties": parties, "rows": rows}


def sessions(mediation, party=None) -> list:
    rows = (
        mediation.sessions.alive()
        .select_related("caucus_party")
        .prefetch_related("attendance__party")
    )
    return visible_notes(list(rows), party)


def escalated(term, today=None) -> bool:
    today = today or timezone.localdate()
    return term.compliance != Compliance.COMPLIED and today > term.due_on + timedelta(
        days=ESCALATE_AFTER_DAYS
    )


def _open_terms(user):
    return (
        mediation_terms_for(user)
        .filter(mediation__signed_on__isnull=False, mediation__closed_at__isnull=True)
        .exclude(compliance=Compliance.COMPLIED)
        .select_related("mediation", "responsible")
    )


def home_terms(user) -> dict | None:
    """Terms due within a week or overdue (the mediator's follow-up), and for a
    supervisor those escalated (not complied with 7 days after the due date)."""
    today = timezone.localdate()
    m = membership_of(user)
    if m is None:
        return None
    terms = _open_terms(user).filter(due_on__lte=today + timedelta(days=7)).order_by("due_on")
    supervisor = m.role == Role.SUPERVISOR
    due, escalations = [], []
    for term in terms[:50]:
        term.escalated = escalated(term, today)
        if supervisor and term.escalated and term.mediation.mediator_id != user.pk:
            escalations.append(term)
        elif not supervisor or term.mediation.mediator_id == user.pk:
            due.append(term)
    if not due and not escalations:
        return None
    return {"due": due[:20], "escalated": escalations[:20], "today": today}


def home_clocks(user) -> dict | None:
    """Diversion clocks running out or overdue, of the mediations the user sees inside."""
    rows = []
    qs = mediations_for(user, full=True).filter(kind=Kind.DIVERSION, closed_at__isnull=True)
    for mediation in qs.prefetch_related("levels").order_by("created_at", "id")[:50]:
        alarming = [c for c in clocks.clock_states(mediation) if c.alarming]
        if alarming:
            rows.append((mediation, alarming))
    return {"rows": rows} if rows else None


def case_panel(user, case) -> dict | None:
    """The mediations linked to the case that the user may know of: kind and stage
    (the admin's and auditor's view too), and a link inside for those who may go in."""
    full = set(mediations_for(user, full=True).filter(cases=case).values_list("pk", flat=True))
    rows = list(mediations_for(user).filter(cases=case).order_by("-created_at", "-id"))
    for row in rows:
        row.inside = row.pk in full
    return {"mediations": rows}


def agency_counts(user) -> dict:
    return mediations_for(user).aggregate(
        open=Count("pk", filter=Q(closed_at__isnull=True)), all=Count("pk")
    )
