"""The broker on the agenda (``plugins.agenda_source``): the follow-up dates of the
live referrals the user made or whose case they carry."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.plugins import AGENDA_LIMIT, AgendaEntry

from .access import referrals_for
from .models import LIVE_STATUSES


def follow_ups(user, start, end) -> list[AgendaEntry]:
    """One query: the referrals' service and case are selected with them."""
    rows = (
        referrals_for(user)
        .filter(Q(created_by=user) | Q(case__assigned_worker=user))
        .filter(status__in=LIVE_STATUSES, follow_up_date__range=(start, end))
        .select_related("service", "case")
        .order_by("follow_up_date", "id")[:AGENDA_LIMIT]
    )
    today = timezone.localdate()
    return [
        AgendaEntry(
            when=r.follow_up_date,
            title=f"{r.number} · {r.service.name} · {r.case.number}",
            url=reverse("referral_detail", kwargs={"pk": r.pk}),
            kind=_("Tindak lanjut rujukan"),
            overdue=r.follow_up_date < today,
        )
        for r in rows
    ]
