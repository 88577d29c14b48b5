"""The mediator on the agenda (``plugins.agenda_source``): the sessions and the due
agreement terms of the mediations the user leads or co-mediates. Lines name the
mediation (its one-line issue, as the mediation list does) and the kind of session,
never session notes or a term's text, so a printed agenda carries nothing the
parties told the mediator."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.plugins import AGENDA_LIMIT, AgendaEntry

from .access import mediation_sessions_for, mediation_terms_for
from .models import Compliance


def _mine(user) -> Q:
    return Q(mediation__mediator=user) | Q(mediation__co_mediators=user)


def entries(user, start, end) -> list[AgendaEntry]:
    """Two queries: sessions held in the period, terms due in it."""
    sessions = (
        mediation_sessions_for(user)
        .filter(pk__in=mediation_sessions_for(user).filter(_mine(user)).values("pk"))
        .filter(held_on__range=(start, end))
        .select_related("mediation")
        .order_by("held_on", "id")[:AGENDA_LIMIT]
    )
    terms = (
        mediation_terms_for(user)
        .filter(pk__in=mediation_terms_for(user).filter(_mine(user)).values("pk"))
        .filter(due_on__range=(start, end))
        .exclude(compliance=Compliance.COMPLIED)
        .select_related("mediation")
        .order_by("due_on", "id")[:AGENDA_LIMIT]
    )
    today = timezone.localdate()
    out = [
        AgendaEntry(
            when=s.held_on,
            title=f"{s.mediation.issue} · {s.get_kind_display()}",
            url=reverse("mediation_detail", kwargs={"pk": s.mediation_id}),
            kind=_("Sesi mediasi"),
        )
        for s in sessions
    ]
    out += [
        AgendaEntry(
            when=t.due_on,
            title=_("%(issue)s · butir kesepakatan ke-%(n)s")
            % {"issue": t.mediation.issue, "n": t.pk},
            url=reverse("mediation_detail", kwargs={"pk": t.mediation_id}),
            kind=_("Batas butir kesepakatan"),
            overdue=t.due_on < today,
        )
        for t in terms
    ]
    return out
