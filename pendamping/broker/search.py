"""The broker in the header's search (``plugins.search_source``): referral numbers
(``R-000012``, ``R12`` or the digits alone) and providers by name (organisations
and their services in the user's directory)."""

from __future__ import annotations

import re

from django.urls import reverse

from pendamping.plugins import SearchHit

from .access import directory_organizations_for, directory_services_for, referrals_for

NUMBER = re.compile(r"^(?:R-?)?0*(\d{1,9})$", re.IGNORECASE)
MIN_NAME = 3


def referrals(user, query: str, limit: int) -> list[SearchHit]:
    m = NUMBER.match((query or "").strip())
    if not m or not int(m[1]):
        return []
    rows = referrals_for(user).filter(pk=int(m[1])).select_related("service", "case")[:limit]
    return [
        SearchHit(
            title=f"{r.number} · {r.service.name}",
            url=reverse("referral_detail", kwargs={"pk": r.pk}),
            detail=f"{r.case.number} · {r.get_status_display()}",
        )
        for r in rows
    ]


def providers(user, query: str, limit: int) -> list[SearchHit]:
    """Two queries: organisations, then services, each by name."""
    q = " ".join((query or "").split())
    if len(q) < MIN_NAME or q.replace("-", "").isdigit():
        return []
    orgs = list(directory_organizations_for(user).filter(name__icontains=q)
                .order_by("name", "id")[:limit])  # fmt: skip
    hits = [
        SearchHit(title=o.name, url=reverse("organization_detail", kwargs={"pk": o.pk}))
        for o in orgs
    ]
    if len(hits) < limit:
        services = (
            directory_services_for(user).filter(name__icontains=q)
            .select_related("organization").order_by("name", "id")[: limit - len(hits)]
        )  # fmt: skip
        hits += [
            SearchHit(
                title=s.name,
                url=reverse("service_detail", kwargs={"pk": s.pk}),
                detail=s.organization.name,
            )
            for s in services
        ]
    return hits
