"""Reads of the broker. Each takes the acting user and starts from a registered scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from pendamping.accounts import access
from pendamping.cases.access import cases_for, needs_for
from pendamping.taxonomy.models import TaxonomyTerm

from . import fulltext, stale
from .access import (
    agency_own_services,
    directory_organizations_for,
    directory_services_for,
    gaps_for,
    incoming_referrals_for,
    referrals_for,
)
from .matching import bounding_box, haversine_km, region_prefixes
from .models import (
    LIVE_STATUSES,
    GapReason,
    Location,
    Referral,
    ReferralUpdate,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

MAX_DISTANCE_CANDIDATES = 2000


@dataclass
class DirectoryHit:
    service: Service
    distance_km: float | None = None


def directory_search(
    user,
    *,
    q: str = "",
    term: TaxonomyTerm | None = None,
    region: str = "",
    lat: float | None = None,
    lon: float | None = None,
    km: float | None = None,
    capacity: str = "",
):
    """Services in the user's directory, filtered; a list of hits when searching by distance.

    Words (``q``, 3 characters or more) rank the services by relevance (``fulltext``),
    best first; otherwise they come by name."""
    qs = directory_services_for(user).select_related("organization")
    m = access.membership_of(user)
    qs = stale.with_stale_flag(qs, stale.stale_before(m.agency_id if m else None))
    q = (q or "").strip()
    by_words = len(q) >= 3
    if by_words:
        qs = fulltext.search(qs, q)
    if term is not None:
        qs = qs.filter(terms__in=[term.pk, *term.children.values_list("pk", flat=True)]).distinct()
    if region:
        in_area = ServiceArea.objects.filter(
            service_id=OuterRef("pk"), code__in=region_prefixes(region)
        )
        located = ServiceAtLocation.objects.filter(
            service_id=OuterRef("pk"),
            location__region_id__gte=region,
            location__region_id__lt=region + "~",
        )
        qs = qs.filter(Exists(in_area) | Exists(located))
    if capacity:
        qs = qs.filter(capacity=capacity)
    order = ("-rank", "name", "id") if by_words else ("name", "id")
    qs = qs.order_by(*order)
    if lat is None or lon is None:
        return qs
    radius = km or 10.0
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    box = Location.objects.filter(
        latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
    )
    qs = qs.filter(
        Exists(ServiceAtLocation.objects.filter(service_id=OuterRef("pk"), location__in=box))
    ).prefetch_related(
        Prefetch("at_locations", queryset=ServiceAtLocation.objects.select_related("location"))
    )
    hits = []
    for service in qs[:MAX_DISTANCE_CANDIDATES]:
        d = min(
            (
                haversine_km(lat, lon, sal.location.latitude, sal.location.longitude)
                for sal in service.at_locations.all()
                if sal.location.has_point
            ),
            default=None,
        )
        if d is not None and d <= radius:
            hits.append(DirectoryHit(service, round(d, 1)))
    hits.sort(key=lambda h: (h.distance_km, h.service.name))
    return hits


MAX_PROVIDERS = 10


def directory_providers(user, *, q: str = "", region: str = "") -> list:
    """The providers in the user's directory whose own words (name, other name, places,
    description) match ``q``, best first, at most MAX_PROVIDERS: the directory page
    shows them beside the services, so that a provider without services is found.
    None without words (3 characters or more)."""
    q = (q or "").strip()
    if len(q) < 3:
        return []
    qs = fulltext.search_providers(directory_organizations_for(user), q)
    if region:
        qs = qs.filter(
            Exists(Location.objects.filter(
                organization_id=OuterRef("pk"),
                region_id__gte=region,
                region_id__lt=region + "~",
            ))
        )  # fmt: skip
    return list(qs.order_by("-rank", "name", "id")[:MAX_PROVIDERS])


def stale_services(user):
    """The live services of the user's own agency whose capacity is stale, the oldest
    first (never updated before all)."""
    m = access.membership_of(user)
    if m is None:
        return Service.objects.none()
    cutoff = stale.stale_before(m.agency_id)
    return (
        agency_own_services(m.agency_id)
        .filter(stale.stale_q(cutoff))
        .select_related("organization")
        .order_by(F("capacity_updated_at").asc(nulls_first=True), "name", "id")
    )


STALE_COUNT_CAP = 1000


def home_stale(user) -> dict | None:
    """The home card of the agency's writers: how many services wait for a refresh."""
    if not access.can_write(user):
        return None
    services = stale_services(user)
    first = list(services[:5])
    if not first:
        return None
    # counted up to a cap: a provincial directory can hold 100,000 stale services, and
    # the badge needs no more than "over a thousand"
    count = len(first) if len(first) < 5 else services[: STALE_COUNT_CAP + 1].count()
    return {"stale_services": first, "stale_count": min(count, STALE_COUNT_CAP),
            "stale_more": count > STALE_COUNT_CAP}  # fmt: skip


def visible_referrals(user):
    """Referrals the user may open: sent from their cases, or received by their agency."""
    return Referral.objects.filter(
        Q(pk__in=referrals_for(user).values("pk"))
        | Q(pk__in=incoming_referrals_for(user).values("pk"))
    )


def referral_history(referral):
    return ReferralUpdate.objects.filter(referral=referral).select_related("actor", "actor_agency")


def overdue_referrals(user):
    """Live referrals past their follow-up date, on the cases the user carries."""
    return (
        referrals_for(user)
        .filter(
            case__assigned_worker=user,
            status__in=LIVE_STATUSES,
            follow_up_date__lt=timezone.localdate(),
        )
        .select_related("case", "service")
        .order_by("follow_up_date", "id")
    )


def incoming_waiting(user):
    return (
        incoming_referrals_for(user)
        .filter(status__in=LIVE_STATUSES)
        .select_related("service", "agency")
        .order_by("follow_up_date", "id")
    )


def gap_suggestions(user):
    """Open gaps on the user's cases for which a newly added service now fits."""
    return (
        gaps_for(user)
        .filter(
            closed_at__isnull=True,
            suggested_service__isnull=False,
            need__case__in=cases_for(user).filter(assigned_worker=user),
        )
        .select_related("need", "need__case", "suggested_service", "term")
        .order_by("-suggested_at")
    )


def gap_register(user):
    """Open gaps grouped by taxonomy term and region: how many, the oldest, clients.

    One aggregate query whatever the number of gaps, plus the names.
    """
    from pendamping.clients.models import Region

    qs = gaps_for(user).filter(closed_at__isnull=True)
    per_reason = {f"reason_{r}": Count("id", filter=Q(reason=r)) for r in GapReason.values}
    rows = list(
        qs.values("term_id", "region_id")
        .annotate(
            gaps=Count("id"),
            clients=Count("need__case__client", distinct=True),
            oldest=Min("opened_at"),
            **per_reason,
        )
        .order_by("-gaps", "oldest")
    )
    terms = {t.pk: t for t in TaxonomyTerm.objects.filter(pk__in={r["term_id"] for r in rows})}
    regions = dict(
        Region.objects.filter(
            code__in={r["region_id"] for r in rows if r["region_id"]}
        ).values_list("code", "name")
    )
    for r in rows:
        r["term"] = terms[r["term_id"]]
        r["region"] = regions.get(r["region_id"], "")
        r["reasons"] = {k: n for k in GapReason.values if (n := r.pop(f"reason_{k}"))}
    return rows


def resource_systems(user, case) -> list[dict]:
    """The services a case's client was referred to or receives, for the ecomap.

    One row per service (the latest referral decides its status): what the
    ecomap draws as a resource system around the client.
    """
    referrals = (
        referrals_for(user)
        .filter(case=case)
        .exclude(status__in=["draft", "entered_in_error"])
        .select_related("service", "service__organization", "need__term")
        .order_by("service_id", "-created_at", "-id")
    )
    rows: dict = {}
    for r in referrals:
        if r.service_id in rows:
            continue
        rows[r.service_id] = {
            "service_id": r.service_id,
            "name": r.service.name,
            "organization": r.service.organization.name,
            "need": r.need.term.name,
            "status": r.status,
            "receiving": r.status in ("accepted", "in_progress", "completed"),
            "referral_id": r.pk,
        }
    return sorted(rows.values(), key=lambda row: row["name"])


# ---- what the broker shows on the case page and the home page (plugin.py) -----------


def case_panel(user, case) -> dict:
    """The case's needs and referrals, and the disclosure of the need form (rendered
    only when opened: its taxonomy select is the panel's heaviest part)."""
    from pendamping.cases.actions import offer

    from .forms import NEED_ACTION

    return {
        "needs": needs_for(user).filter(case=case).select_related("term"),
        "referrals": referrals_for(user).filter(case=case).select_related("service"),
        "need": offer(NEED_ACTION, case, reverse("need_form", args=[case.pk])),
    }


def home_referrals(user) -> dict | None:
    data = {"incoming_referrals": incoming_waiting(user)[:10]}
    if access.role_of(user) in access.CASELOAD_ROLES:
        data["overdue_referrals"] = overdue_referrals(user)[:20]
        data["gap_suggestions"] = gap_suggestions(user)[:20]
    return data if any(data.values()) else None
