"""The mediator's periodic check (``manage.py mediator_escalate``), idempotent.

Two things the home items compute on read are also told in the inbox, once each:
- an agreement term not complied with 7 days after its due date (selectors.escalated)
  → the mediator's supervisor; deduplicated on the term and its due date;
- a diversion clock (clocks.py) with one day left or fewer, or past its end → the
  mediator; told once when it is running out and once when it is overdue,
  deduplicated on the mediation, the level, the clock, its due date and that state.
  The clock of an agreement not carried out (SPPA Art 14(4)) past its end goes to
  the mediator's supervisor as well.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pendamping.accounts.models import Membership
from pendamping.inbox.services import notify

from . import clocks
from .models import Compliance, Kind, Mediation, Term
from .selectors import ESCALATE_AFTER_DAYS

CLOCK_TELL_DAYS = 1  # a clock is told to the mediator with this many days left or fewer


def _url(mediation_id: int) -> str:
    return reverse("mediation_detail", kwargs={"pk": mediation_id})


def terms_escalate(today) -> int:
    terms = (
        Term.objects.alive()
        .filter(
            due_on__lt=today - timedelta(days=ESCALATE_AFTER_DAYS),
            mediation__signed_on__isnull=False,
            mediation__closed_at__isnull=True,
            mediation__deleted_at__isnull=True,
        )
        .exclude(compliance=Compliance.COMPLIED)
        .select_related("mediation")
        .order_by("id")
    )
    rows = list(terms)
    supervisors = dict(
        Membership.objects.filter(
            user_id__in={t.mediation.mediator_id for t in rows}, supervisor__isnull=False
        ).values_list("user_id", "supervisor_id")
    )
    told = 0
    for term in rows:
        sup = supervisors.get(term.mediation.mediator_id)
        if sup is None:
            continue
        told += len(
            notify([sup], "mediation_term_escalated", url=_url(term.mediation_id), target=term,
                   dedupe=f"term:{term.pk}:{term.due_on.isoformat()}",
                   mediation=term.mediation_id, term=term.pk, due=term.due_on.isoformat())
        )  # fmt: skip
    return told


def _supervisor(user_id):
    return (
        Membership.objects.filter(user_id=user_id, supervisor__isnull=False)
        .values_list("supervisor_id", flat=True)
        .first()
    )


def clocks_tell(today) -> int:
    told = 0
    diversions = Mediation.objects.alive().filter(
        kind=Kind.DIVERSION, closed_at__isnull=True
    ).prefetch_related("levels").order_by("id")  # fmt: skip
    for m in diversions.iterator(chunk_size=200):
        for c in clocks.clock_states(m, today):
            if c.state not in (clocks.RUNNING_OUT, clocks.OVERDUE):
                continue
            if c.state == clocks.RUNNING_OUT and c.days_left > CLOCK_TELL_DAYS:
                continue
            due = c.due_on.isoformat()
            recipients = [m.mediator_id]
            if c.clock.key == "followed_up" and c.state == clocks.OVERDUE:
                recipients += [u for u in [_supervisor(m.mediator_id)] if u]
            level = {"level": c.level.level} if c.level is not None else {}
            told += len(
                notify(recipients, "diversion_clock", url=_url(m.pk), target=m,
                       dedupe=f"clock:{m.pk}:{c.level.pk if c.level else ''}:{c.clock.key}:"
                              f"{due}:{c.state}",
                       mediation=m.pk, clock=c.clock.key, state=c.state, due=due, **level)
            )  # fmt: skip
    return told


@transaction.atomic
def escalate_due(today=None) -> dict[str, int]:
    """Tell what is now due; returns how many notifications were new, by kind."""
    today = today or timezone.localdate()
    return {"terms": terms_escalate(today), "clocks": clocks_tell(today)}
