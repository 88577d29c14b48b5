"""The broker in the header's search (``plugins.search_source``): referral numbers
(``R-000012``, ``R12`` or the digits alone) and providers by their words
(organisations and their services in the user's directory), through the directory's
word index (``fulltext.py``) as the directory page: every word typed matches somewhere
in a service's name, provider, description or eligibility, or in a provider's own
words (name, other name, places, description: so one without services is found too),
as a prefix of any of its readings, best ranked first."""

from __future__ import annotations

import re

from django.db.models import Q
from django.urls import reverse

from pendamping.plugins import SearchHit

from . import fulltext
from .access import directory_organizations_for, directory_services_for, referrals_for

NUMBER = re.compile(r"^(?:R-?)?0*([0-9]{1,9})$", re.IGNORECASE)  # ASCII digits, not \d
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
    """Two queries: the organisations whose own words or whose services' words match,
    then those services, best ranked first."""
    q = " ".join((query or "").split())
    if len(q) < MIN_NAME or q.replace("-", "").isdigit():
        return []
    matched = fulltext.search(directory_services_for(user), q)
    scope = directory_organizations_for(user)
    own_words = fulltext.search_providers(scope, q).values("pk")
    orgs = list(scope.filter(Q(pk__in=matched.values("organization_id")) | Q(pk__in=own_words))
                .order_by("name", "id")[:limit])  # fmt: skip
    hits = [
        SearchHit(title=o.name, url=reverse("organization_detail", kwargs={"pk": o.pk}))
        for o in orgs
    ]
    if len(hits) < limit:
        services = matched.select_related("organization").order_by("-rank", "name", "id")
        hits += [
            SearchHit(
                title=s.name,
                url=reverse("service_detail", kwargs={"pk": s.pk}),
                detail=s.organization.name,
            )
            for s in services[: limit - len(hits)]
        ]
    return hits
