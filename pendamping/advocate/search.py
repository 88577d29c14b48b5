"""The advocate in the header's search (``plugins.search_source``): a complaint's
tracking code, among the complaints the user may see."""

from __future__ import annotations

import re

from django.urls import reverse

from pendamping.plugins import SearchHit

from .access import complaints_for
from .services import normalise_code

CODE = re.compile(r"^[A-Z0-9-]{4,16}$")


def complaints(user, query: str, limit: int) -> list[SearchHit]:
    code = normalise_code(query)
    if not CODE.match(code):
        return []
    rows = complaints_for(user).filter(tracking_code=code).select_related("category__parent")
    return [
        SearchHit(
            title=c.tracking_code,
            url=reverse("complaint_detail", kwargs={"pk": c.pk}),
            detail=f"{c.category} · {c.get_stage_display()}",
        )
        for c in rows[:limit]
    ]
