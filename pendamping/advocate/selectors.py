"""Reads of the advocate. Each takes the acting user and starts from a scope; the
public status page reads by tracking code and secret (no user)."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from pendamping.accounts import access

from .access import anonymous_contacts_for, complaints_for, escalations_for, stage_changes_for
from .models import CLOSED_STAGES, OPEN_STAGES, Complaint, SlaStatus, Stage, Tier
from .services import normalise_code


def sla_q(status: str, now=None) -> Q:
    """The complaints in one SLA status, as a filter (on the indexed times)."""
    now = now or timezone.now()
    # a paused clock (awaiting) is judged at the moment it stopped
    running = Q(stage__in=OPEN_STAGES, paused_at__isnull=True)
    paused = Q(stage__in=OPEN_STAGES, paused_at__isnull=False)
    closed = Q(stage__in=CLOSED_STAGES)
    return {
        SlaStatus.ON_TRACK: (running & Q(at_risk_at__gt=now))
        | (paused & Q(at_risk_at__gt=F("paused_at"))),
        SlaStatus.AT_RISK: (running & Q(at_risk_at__lte=now, deadline_at__gt=now))
        | (paused & Q(at_risk_at__lte=F("paused_at"), deadline_at__gt=F("paused_at"))),
        SlaStatus.BREACHED: (running & Q(deadline_at__lte=now))
        | (paused & Q(deadline_at__lte=F("paused_at")))
        | (closed & Q(closed_at__gt=F("deadline_at"))),
        SlaStatus.MET: closed & Q(closed_at__lte=F("deadline_at")),
    }[status]


def complaint_list(user, *, stage="", sla="", category=None, region="", open_only=False):
    qs = complaints_for(user).select_related("category__parent", "assigned_worker", "region")
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    elif open_only:
        qs = qs.filter(stage__in=OPEN_STAGES)
    if sla in SlaStatus.values:
        qs = qs.filter(sla_q(sla))
    if category is not None:
        qs = qs.filter(Q(category=category) | Q(category__parent=category))
    if region:
        qs = qs.filter(region__code__startswith=region)
    return qs.order_by("deadline_at", "id")


def complaint(user, pk) -> Complaint:
    return access.get_or_404(
        complaints_for(user).select_related(
            "category__parent", "assigned_worker", "region", "client", "case"
        ),
        pk=pk,
    )


def anonymous_contact(user, complaint_: Complaint) -> str | None:
    row = anonymous_contacts_for(user).filter(complaint=complaint_).first()
    return row.channel if row else None


def stage_history(user, complaint_: Complaint) -> QuerySet:
    return stage_changes_for(user).filter(complaint=complaint_).select_related("actor")


def sla_counts(user) -> dict[str, int]:
    """Open complaints per SLA status: one pass over the open ones (on the index),
    each counted under its status's condition."""
    qs = complaints_for(user).filter(stage__in=OPEN_STAGES)
    statuses = (SlaStatus.ON_TRACK, SlaStatus.AT_RISK, SlaStatus.BREACHED)
    counts = qs.aggregate(**{str(s): Count("pk", filter=sla_q(s)) for s in statuses})
    return {s: counts[str(s)] for s in statuses}


def public_status(code: str, secret: str) -> Complaint | None:
    """The complaint whose tracking code and secret match, or None (same answer for a
    wrong code and a wrong secret)."""
    row = (
        Complaint.objects.alive()
        .only(
            "tracking_code",
            "secret_hash",
            "stage",
            "received_at",
            "deadline_at",
            "closed_at",
            "decided_at",
            "decision",
            "updated_at",
            "awaiting_on",
            "at_risk_at",
            "paused_at",
        )
        .filter(tracking_code=normalise_code(code))
        .first()
    )
    if row is None:
        check_password(secret or "", "")  # the same work either way
        return None
    return row if check_password(secret or "", row.secret_hash) else None


# ---- home items ----------------------------------------------------------------------


def _escalated(user, tier: int):
    if not access.can_write(user) and access.role_of(user) != "auditor":
        return None
    rows = (
        escalations_for(user)
        .filter(tier=tier, complaint__stage__in=OPEN_STAGES)
        .select_related("complaint")
        .order_by("complaint__deadline_at")
    )
    if tier == Tier.SUPERVISOR:
        # the alerted supervisor; an unassigned complaint's alert reaches every supervisor
        # (their scope holds the agency's unassigned ones), and once it is given out the
        # new worker's supervisor
        nobody = Q(to_user__isnull=True)
        rows = rows.filter(
            Q(to_user=user)
            | Q(complaint__assigned_worker=user)
            | (nobody & Q(complaint__assigned_worker__isnull=True))
            | (nobody & Q(complaint__assigned_worker__membership__supervisor=user))
        )
    rows = list(rows[:10])
    if not rows:
        return None
    return {"escalations": rows}


def home_escalated_supervisor(user):
    return _escalated(user, Tier.SUPERVISOR)


def home_escalated_admin(user):
    return _escalated(user, Tier.ADMIN)


def home_my_complaints(user):
    counts = sla_counts(user)
    if not any(counts.values()):
        return None
    return {"counts": counts}


def case_panel(user, case):
    """The complaints linked to the case (the case is already visible to the user)."""
    rows = list(
        complaints_for(user).filter(case=case).select_related("category__parent").order_by("-id")
    )
    return {"complaints": rows}


def finding(user, complaint_: Complaint) -> dict:
    """What the complaint page shows of the way out: alternatives, consultations,
    filings with their bodies' due dates and answers, feedback (a few queries)."""
    from . import clock, limits
    from .access import (
        alternatives_for,
        consultations_for,
        feedback_for,
        filing_answers_for,
        filings_for,
    )

    filings = list(filings_for(user).filter(complaint=complaint_))
    answers = {}
    for a in filing_answers_for(user).filter(filing__in=[f.pk for f in filings]):
        answers.setdefault(a.filing_id, []).append(a)
    days_off = clock.agency_days_off(complaint_.agency_id) if filings else frozenset()
    table = limits.agency_table(complaint_.agency_id) if filings else {}
    today = timezone.localdate()
    for f in filings:
        f.answer_list = answers.get(f.pk, [])
        f.steps = limits.due_dates(f.body, f.filed_on, days_off, table)
        for step in f.steps:
            step["overdue"] = not f.answer_list and step["due"] < today
    return {
        "alternatives": list(alternatives_for(user).filter(complaint=complaint_)),
        "consultations": list(
            consultations_for(user).filter(complaint=complaint_).select_related("expert")
        ),
        "filings": filings,
        "feedback": list(feedback_for(user).filter(complaint=complaint_)),
    }


def home_unassigned(user):
    """Open complaints no worker carries yet, for whoever may give them out."""
    if not access.can_assign(user):
        return None
    qs = complaints_for(user).filter(assigned_worker__isnull=True, stage__in=OPEN_STAGES)
    rows = list(qs.select_related("category__parent").order_by("deadline_at", "id")[:10])
    if not rows:
        return None
    return {"complaints": rows, "total": qs.count() if len(rows) == 10 else len(rows)}
