"""Escalation of breached complaints (GLOSSARY: breach escalates).

Tier 1, at the deadline: the assigned worker's supervisor is alerted (a home item)
and the complaint is flagged; a complaint nobody carries yet has no supervisor of its
own, so every supervisor of the agency is alerted (they are the ones who give it out). Tier 2, when the complaint is still open as long
again after the deadline as its SLA allowed (72 h SLA: 72 h past the deadline):
the agency's admins. One row per tier and complaint (a unique constraint), so
running the check again — every five minutes, from two workers at once — changes
nothing. Each new escalation is also told in the inbox (the supervisor at tier 1, or
the agency's active supervisors for an unassigned complaint; the agency's active admins
at tier 2), once per tier: the notification is deduplicated on the complaint and the
tier.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pendamping.accounts.models import Membership, Role
from pendamping.inbox.services import notify

from .models import OPEN_STAGES, Complaint, Escalation, Tier


def admin_tier_at(complaint: Complaint):
    return complaint.deadline_at + (complaint.deadline_at - complaint.received_at)


def _members(cache: dict, agency_id: int, role: str) -> list[int]:
    """The active users of one role in an agency (one query per agency and role)."""
    key = (agency_id, role)
    if key not in cache:
        cache[key] = list(
            get_user_model()
            .objects.filter(is_active=True, membership__agency_id=agency_id,
                            membership__role=role)
            .order_by("pk")
            .values_list("pk", flat=True)
        )  # fmt: skip
    return cache[key]


def _recipients(e: Escalation, cache: dict) -> list[int]:
    c = e.complaint
    if e.tier == Tier.ADMIN:
        return _members(cache, c.agency_id, Role.ADMIN)
    if e.to_user_id:
        return [e.to_user_id]
    if c.assigned_worker_id is None:  # nobody carries it: whoever may give it out
        return _members(cache, c.agency_id, Role.SUPERVISOR)
    return []  # a worker without a supervisor: tier 2 reaches the admins


def _tell(new: list[Escalation]) -> None:
    """The inbox lines of the new escalations: codes and times, never the complaint's
    subject or complainant. Deduplicated per complaint and tier, so a concurrent run
    that lost the insert tells nobody twice."""
    cache: dict = {}
    for e in new:
        c = e.complaint
        recipients = _recipients(e, cache)
        kind = ("complaint_escalated_supervisor" if e.tier == Tier.SUPERVISOR
                else "complaint_escalated_admin")  # fmt: skip
        if recipients:
            notify(recipients, kind, url=reverse("complaint_detail", kwargs={"pk": c.pk}),
                   target=c, dedupe=f"complaint:{c.pk}:tier:{e.tier}", code=c.tracking_code,
                   tier=int(e.tier), deadline=c.deadline_at.isoformat())  # fmt: skip


@transaction.atomic
def escalate_due(now=None) -> dict[int, int]:
    """Write the escalations now due; returns how many of each tier were new."""
    now = now or timezone.now()
    # a paused clock (awaiting) escalates nothing; a deadline moved on resuming counts
    breached = Complaint.objects.alive().filter(
        stage__in=OPEN_STAGES, paused_at__isnull=True, deadline_at__lte=now
    )
    done = {
        (c, t) for c, t in Escalation.objects.filter(complaint__in=breached).values_list(
            "complaint_id", "tier")
    }  # fmt: skip
    supervisors = dict(
        Membership.objects.filter(supervisor__isnull=False).values_list("user_id", "supervisor_id")
    )
    new = []
    for c in breached.only(
        "id", "agency_id", "assigned_worker_id", "received_at", "deadline_at", "tracking_code"
    ):
        if (c.pk, Tier.SUPERVISOR) not in done:
            new.append(Escalation(complaint=c, tier=Tier.SUPERVISOR, at=now,
                                  to_user_id=supervisors.get(c.assigned_worker_id)))  # fmt: skip
        if (c.pk, Tier.ADMIN) not in done and now >= admin_tier_at(c):
            new.append(Escalation(complaint=c, tier=Tier.ADMIN, at=now))
    # ignore_conflicts: a concurrent run that wrote the same tier first wins, quietly
    Escalation.objects.bulk_create(new, ignore_conflicts=True)
    _tell(new)
    flagged = {e.complaint_id for e in new}
    if flagged:
        Complaint.objects.filter(pk__in=flagged, flagged=False).update(flagged=True)
    return {
        Tier.SUPERVISOR: sum(1 for e in new if e.tier == Tier.SUPERVISOR),
        Tier.ADMIN: sum(1 for e in new if e.tier == Tier.ADMIN),
    }
