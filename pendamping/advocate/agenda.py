"""The advocate on the agenda (``plugins.agenda_source``): the SLA deadlines of the
open complaints assigned to the user. Lines carry the tracking code and the
category, not the complaint's subject or the complainant."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.plugins import AGENDA_LIMIT, AgendaEntry

from .access import complaints_for
from .models import OPEN_STAGES


def deadlines(user, start, end) -> list[AgendaEntry]:
    """One query: the category is selected with each complaint."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    until = timezone.make_aware(datetime.datetime.combine(end, datetime.time.max))
    rows = (
        complaints_for(user)
        .filter(assigned_worker=user, stage__in=OPEN_STAGES, deadline_at__range=(since, until))
        .select_related("category__parent")
        .order_by("deadline_at", "id")[:AGENDA_LIMIT]
    )
    now = timezone.now()
    return [
        AgendaEntry(
            when=c.deadline_at,
            title=f"{c.tracking_code} · {c.category}",
            url=reverse("complaint_detail", kwargs={"pk": c.pk}),
            kind=_("Batas waktu pengaduan"),
            overdue=c.deadline_at <= now,
        )
        for c in rows
    ]
