"""The mediator in the header's search (``plugins.search_source``): mediations by
their one-line issue, only those the user sees inside (mediator, co-mediator, their
supervisor): an admin who knows only that a mediation exists does not find it by
the words of its issue."""

from __future__ import annotations

from django.urls import reverse

from pendamping.plugins import SearchHit

from .access import mediations_for

MIN_WORDS = 3


def mediations(user, query: str, limit: int) -> list[SearchHit]:
    q = " ".join((query or "").split())
    if len(q) < MIN_WORDS or q.replace("-", "").isdigit():
        return []
    rows = mediations_for(user, full=True).filter(issue__icontains=q).order_by("-id")[:limit]
    return [
        SearchHit(
            title=m.issue,
            url=reverse("mediation_detail", kwargs={"pk": m.pk}),
            detail=f"{m.get_kind_display()} · {m.get_stage_display()}",
        )
        for m in rows
    ]
