"""Cases in the header's search (``plugins.search_source``): a whole case number
(``2026-000042``) or its last digits alone (``42``, ``000042``), which stand for that
number in any year; one indexed query on (agency, number)."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.plugins import SearchHit

from .access import cases_for

# ASCII digits only (\d takes any script's digits)
WHOLE = re.compile(r"^([0-9]{4})-([0-9]{1,6})$")
DIGITS = re.compile(r"^[0-9]{1,6}$")
FIRST_YEAR = 2000


def case_numbers(query: str) -> list[str]:
    """The case numbers ``query`` may mean (empty when it is no case number)."""
    q = (query or "").strip()
    if m := WHOLE.match(q):
        return [f"{m[1]}-{int(m[2]):06d}"]
    if DIGITS.match(q) and int(q):
        this_year = timezone.localdate().year
        return [f"{y}-{int(q):06d}" for y in range(this_year, FIRST_YEAR - 1, -1)]
    return []


def cases(user, query: str, limit: int) -> list[SearchHit]:
    numbers = case_numbers(query)
    if not numbers:
        return []
    rows = (
        cases_for(user)
        .filter(number__in=numbers)
        .select_related("client")
        .order_by("-number")[:limit]
    )
    return [
        SearchHit(
            title=f"{c.number} · {c.client.full_name}",
            url=reverse("case_detail", kwargs={"pk": c.pk}),
            detail=c.get_stage_display() if c.is_open else _("ditutup"),
        )
        for c in rows
    ]
