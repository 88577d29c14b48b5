"""The cases app on the agenda (``plugins.agenda_source``): the user's open tasks,
a planned home visit with its time and place among them."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.plugins import AGENDA_LIMIT, AgendaEntry

from .access import tasks_for


def tasks(user, start: datetime.date, end: datetime.date) -> list[AgendaEntry]:
    """Open tasks assigned to ``user`` due from ``start`` to ``end``: one query."""
    rows = (
        tasks_for(user)
        .filter(assignee=user, done_at__isnull=True, due_date__range=(start, end))
        .select_related("case__client")
        .order_by("due_date", "due_time", "id")[:AGENDA_LIMIT]
    )
    today = timezone.localdate()
    out = []
    for t in rows:
        when = t.due_date
        if t.due_time is not None:
            when = timezone.make_aware(datetime.datetime.combine(t.due_date, t.due_time))
        out.append(
            AgendaEntry(
                when=when,
                title=f"{t.title} · {t.case.client.full_name} · {t.case.number}",
                url=reverse("case_detail", kwargs={"pk": t.case_id}),
                kind=_("Kunjungan") if t.place else _("Tindak lanjut"),
                place=t.place,
                overdue=t.due_date < today,
            )
        )
    return out
