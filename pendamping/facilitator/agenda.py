"""The facilitator on the agenda (``plugins.agenda_source``): the scheduled sessions
of the programmes the user facilitates and the sessions they teach."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.plugins import AGENDA_LIMIT, AgendaEntry

from .access import sessions_for


def sessions(user, start, end) -> list[AgendaEntry]:
    """One query: the programme and the module are selected with each session."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    until = timezone.make_aware(datetime.datetime.combine(end, datetime.time.max))
    mine = Q(programme__facilitators=user) | Q(
        instructors__user=user, instructors__deleted_at__isnull=True
    )
    rows = (
        sessions_for(user)
        .filter(pk__in=sessions_for(user).filter(mine).values("pk"))
        .exclude(status="cancelled")
        .filter(starts_at__range=(since, until))
        .select_related("programme", "module")
        .order_by("starts_at", "id")[:AGENDA_LIMIT]
    )
    return [
        AgendaEntry(
            when=s.starts_at,
            title=s.programme.title + (f" · {s.module.title}" if s.module_id else ""),
            url=reverse("session_detail", kwargs={"pk": s.pk}),
            kind=_("Sesi program"),
            place=s.programme.location,
        )
        for s in rows
    ]
