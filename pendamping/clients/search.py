"""Clients in the header's search (``plugins.search_source``): the client search of
the client list (names tolerant of spelling, the NIK or its first digits)."""

from __future__ import annotations

from django.urls import reverse

from pendamping.plugins import SearchHit

from .selectors import search_clients


def clients(user, query: str, limit: int) -> list[SearchHit]:
    """At most ``limit`` of the visible clients matching ``query``, best first; the NIK
    masked, as on the client list."""
    found = search_clients(user, query)  # rows with their regions, either search
    return [
        SearchHit(
            title=c.full_name,
            url=reverse("client_detail", kwargs={"pk": c.pk}),
            detail=" · ".join(x for x in (c.masked_nik, c.region.name if c.region else "") if x),
        )
        for c in found[:limit]
    ]
