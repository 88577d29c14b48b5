"""Rank services for a case's need, and say why.

Candidates come from indexed queries only: services tagged with the need's term,
its parent or its children, in the case's agency's directory, that either have a
location inside a bounding box around the client's home (then the exact
haversine distance decides), or a location in the client's regency when the home
has no coordinates, or a service area that covers the client's region.

Each candidate is then checked against the client (age, sex, PPKS category) and
scored out of 100:

    taxonomy   exact term 40 · narrower term 30 · broader term 20
    distance   up to 20, falling linearly to 0 at the radius; 10 for an area match
    capacity   available 25 · waitlist 12 · unknown 6 · none 0; a stale capacity (not
               updated within the agency's time, stale.py) counts as unknown
    outcomes   15 × share of the service's closed referrals that were completed
               (7.5 while a service has no closed referral)

Ineligible candidates are listed with the reasons they were excluded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from pendamping.clients.choices import PPKS, Sex

from .access import agency_services
from .models import (
    Capacity,
    GapReason,
    Location,
    Referral,
    ReferralStatus,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
)
from .stale import is_stale, stale_before

EARTH_RADIUS_KM = 6371.0088
TERM_SCORE = {"exact": 40, "narrower": 30, "broader": 20}
CAPACITY_SCORE = {
    Capacity.AVAILABLE: 25,
    Capacity.WAITLIST: 12,
    Capacity.UNKNOWN: 6,
    Capacity.NONE: 0,
}
CAPACITY_ORDER = {c: i for i, c in enumerate(CAPACITY_SCORE)}
DISTANCE_MAX, AREA_SCORE, OUTCOME_MAX = 20, 10, 15
CANDIDATE_LIMIT = 500
ID_LIST_LIMIT = 5000
# Services of the term beyond reach are counted up to this many: an exact count reads
# every service of the term in the country (60 ms for 5,000 of 100,000 services).
OUT_OF_REACH_CAP = 100


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle; safe near the poles."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    coslat = math.cos(math.radians(lat))
    dlon = 180.0 if coslat < 1e-6 else min(180.0, dlat / coslat)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def region_prefixes(code: str | None) -> list[str]:
    """'32.73.05.1001' -> ['32', '32.73', '32.73.05', '32.73.05.1001']."""
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@dataclass
class Suggestion:
    service: Service
    score: float
    reasons: list[str]
    term_match: str
    distance_km: float | None = None
    location: Location | None = None
    completed_share: float | None = None
    closed_referrals: int = 0
    capacity_stale: bool = False  # not updated within the agency's time (stale.py)

    @property
    def has_capacity(self) -> bool:
        return self.service.capacity != Capacity.NONE


@dataclass
class Exclusion:
    service: Service
    reasons: list[str]


@dataclass
class MatchResult:
    suggestions: list[Suggestion] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    radius_km: float = 0.0
    origin: tuple[float, float] | None = None
    origin_note: str = ""
    out_of_reach: int = 0  # counted up to OUT_OF_REACH_CAP
    out_of_reach_more: bool = False  # True: more than OUT_OF_REACH_CAP
    home_unknown: bool = False

    @property
    def gap_reason(self) -> str | None:
        """Why this need belongs in the gap register, judged by the matches alone.

        Without the client's address nothing can be judged: no gap is recorded.
        """
        if not self.suggestions:
            if self.home_unknown:
                return None
            return GapReason.NO_SERVICE
        if not any(s.has_capacity for s in self.suggestions):
            return GapReason.NO_CAPACITY
        return None


def _regency_range(region_code: str) -> dict:
    """Locations in the regency of `region_code` (an index range on the region code)."""
    regency = region_code[:5]
    return {"location__region_id__gte": regency, "location__region_id__lt": regency + "~"}


def _term_levels(term) -> dict:
    levels = {term.pk: "exact"}
    if term.parent_id:
        levels[term.parent_id] = "broader"
    for child_id in term.children.values_list("pk", flat=True):
        levels[child_id] = "narrower"
    return levels


def _eligibility_problems(service: Service, client) -> list[str]:
    problems = []
    if service.status != ServiceStatus.ACTIVE:
        problems.append(
            _("Layanan berstatus %(status)s.") % {"status": service.get_status_display()}
        )
    age = client.age()
    if age is not None and not service.takes_age(age):
        problems.append(
            _("Usia klien %(age)s di luar batas layanan (%(min)s–%(max)s tahun).")
            % {
                "age": age,
                "min": service.minimum_age if service.minimum_age is not None else 0,
                "max": service.maximum_age if service.maximum_age is not None else "∞",
            }
        )
    if service.eligible_sexes and client.sex and client.sex not in service.eligible_sexes:
        problems.append(
            _("Layanan hanya untuk %(sexes)s.")
            % {
                "sexes": ", ".join(
                    str(Sex(s).label) for s in service.eligible_sexes if s in Sex.values
                )
            }
        )
    if service.eligible_ppks and not set(service.eligible_ppks) & set(client.ppks_categories or []):
        problems.append(
            _("Layanan hanya untuk kategori PPKS: %(cats)s.")
            % {
                "cats": ", ".join(
                    str(PPKS(c).label) for c in service.eligible_ppks if c in PPKS.values
                )
            }
        )
    return problems


def _outcomes(service_ids) -> dict:
    closed = [ReferralStatus.COMPLETED, ReferralStatus.FAILED, ReferralStatus.REJECTED]
    rows = (
        Referral.objects.filter(service_id__in=service_ids, status__in=closed)
        .values("service_id")
        .annotate(
            closed=Count("id"), completed=Count("id", filter=Q(status=ReferralStatus.COMPLETED))
        )
    )
    return {r["service_id"]: (r["completed"], r["closed"]) for r in rows}


def match(need, *, visible_services=None, radius_km: float | None = None) -> MatchResult:
    """Rank the services for `need` (an assessment.Need with case and client loaded).

    `visible_services` defaults to what the case's agency may refer to: its directory
    (`agency_services`, the scope behind `directory_services_for`), so that
    every suggestion is a service `referral_create` accepts.
    """
    case = need.case
    client = case.client
    radius = float(radius_km or settings.BROKER_MATCH_RADIUS_KM)
    if visible_services is None:
        visible_services = agency_services(case.agency_id)
    levels = _term_levels(need.term)
    # EXISTS rather than a join on the terms: no DISTINCT over every service column
    tagged = Service.terms.through.objects.filter(
        service_id=OuterRef("pk"), taxonomyterm_id__in=list(levels)
    )
    by_term = visible_services.filter(Exists(tagged))
    result = MatchResult(radius_km=radius)

    # Where the client can be reached: places in the bounding box (then the exact
    # distance decides), places without a point in the client's regency, service areas
    # covering the client's region. Each is an indexed lookup that yields service ids,
    # so the work follows the services near the client, not the term's services in the
    # whole country.
    places = None
    has_origin = client.latitude is not None and client.longitude is not None
    if has_origin:
        result.origin = (client.latitude, client.longitude)
        min_lat, max_lat, min_lon, max_lon = bounding_box(client.latitude, client.longitude, radius)
        places = Q(
            location__latitude__range=(min_lat, max_lat),
            location__longitude__range=(min_lon, max_lon),
        )
        if client.region_id:  # places in the client's regency that have no point yet
            places |= Q(location__latitude__isnull=True, **_regency_range(client.region_id))
    elif client.region_id:
        result.origin_note = _(
            "Titik rumah klien belum diisi: jarak tidak dihitung, layanan dicari di "
            "kabupaten/kota klien dan menurut wilayah layanannya."
        )
        places = Q(**_regency_range(client.region_id))
    else:
        result.home_unknown = True
        result.origin_note = _(
            "Alamat klien belum diisi: hanya layanan tanpa batas wilayah yang dapat dicari, "
            "dan kebutuhan ini belum dapat dicatat sebagai kesenjangan."
        )
    prefixes = region_prefixes(client.region_id)
    # services with neither a place nor an area (hotlines, online services) reach
    # everyone: `index_service` files them under the area EVERYWHERE
    reachable = ServiceArea.objects.filter(code__in=[*prefixes, ServiceArea.EVERYWHERE]).values(
        "service_id"
    )
    if places is not None:
        reachable = reachable.union(
            ServiceAtLocation.objects.filter(places).values("service_id"), all=True
        )
    within = by_term.filter(pk__in=reachable).order_by().values_list("pk", flat=True)
    # the ids themselves when they are few (the planner then knows how few), else a
    # subquery (an IN list that long would pass SQLite's limit on parameters)
    ids = list(within[: ID_LIST_LIMIT + 1])
    chosen = ids if len(ids) <= ID_LIST_LIMIT else within
    candidates = list(
        Service.objects.filter(pk__in=chosen)
        .select_related("organization")
        .prefetch_related("terms", "at_locations__location", "area_index")[:CANDIDATE_LIMIT]
    )
    if candidates or has_origin:
        # every service of the term is within reach or out of it
        reached = len(ids) if len(ids) <= ID_LIST_LIMIT else within.count()
        limit = reached + OUT_OF_REACH_CAP + 1
        beyond = by_term.order_by().values("pk")[:limit].count() - reached
        result.out_of_reach = min(beyond, OUT_OF_REACH_CAP)
        result.out_of_reach_more = beyond > OUT_OF_REACH_CAP
    outcomes = _outcomes([s.pk for s in candidates])
    prefix_set = set(prefixes)
    cutoff = stale_before(case.agency_id) if candidates else None

    for service in candidates:
        problems = _eligibility_problems(service, client)
        # distance: the nearest location with coordinates
        distance, nearest = None, None
        if has_origin:
            for sal in service.at_locations.all():
                loc = sal.location
                if loc.has_point:
                    d = haversine_km(client.latitude, client.longitude, loc.latitude, loc.longitude)
                    if distance is None or d < distance:
                        distance, nearest = d, loc
        covers_area = any(a.code in prefix_set for a in service.area_index.all())
        anywhere = any(a.code == ServiceArea.EVERYWHERE for a in service.area_index.all())
        in_regency = any(
            sal.location.region_id and client.region_id
            and sal.location.region_id.startswith(client.region_id[:5])
            for sal in service.at_locations.all()
        )  # fmt: skip
        if (
            has_origin
            and not (covers_area or anywhere)
            and (distance is None or distance > radius)
            and not (distance is None and in_regency)
        ):
            problems.append(
                _("Lokasi terdekat %(km).1f km dari rumah klien (batas %(radius)s km).")
                % {"km": distance or 0, "radius": f"{radius:g}"}
            )
        if problems:
            result.excluded.append(Exclusion(service=service, reasons=problems))
            continue

        reasons = []
        found = [levels[t.pk] for t in service.terms.all() if t.pk in levels]
        level = min(found, key=list(TERM_SCORE).index)
        score = TERM_SCORE[level]
        reasons.append(
            {
                "exact": _("Jenis layanan sama persis dengan kebutuhan (+%(n)s)."),
                "narrower": _("Jenis layanan lebih khusus dari kebutuhan (+%(n)s)."),
                "broader": _("Jenis layanan lebih umum dari kebutuhan (+%(n)s)."),
            }[level]
            % {"n": TERM_SCORE[level]}
        )
        if distance is not None and distance <= radius:
            points = DISTANCE_MAX * (1 - distance / radius)
            score += points
            reasons.append(
                _("%(km).1f km dari rumah klien (+%(n).0f).") % {"km": distance, "n": points}
            )
        elif covers_area:
            score += AREA_SCORE
            reasons.append(
                _("Wilayah layanannya mencakup tempat tinggal klien (+%(n)s).") % {"n": AREA_SCORE}
            )
        elif anywhere:
            score += AREA_SCORE
            reasons.append(
                _("Layanan tanpa batas wilayah (telepon atau daring) (+%(n)s).") % {"n": AREA_SCORE}
            )
        else:
            reasons.append(_("Berlokasi di kabupaten/kota klien; jarak tidak diketahui."))
        stale = is_stale(service, cutoff)
        cap = CAPACITY_SCORE[Capacity.UNKNOWN] if stale else CAPACITY_SCORE.get(service.capacity, 0)
        score += cap
        if stale:
            reasons.append(
                _("Kapasitas %(cap)s belum diperbarui dalam batas waktu: dihitung seperti "
                  "tidak diketahui (+%(n)s).") % {"cap": service.get_capacity_display(), "n": cap}
            )  # fmt: skip
        else:
            reasons.append(
                _("Kapasitas: %(cap)s (+%(n)s).")
                % {"cap": service.get_capacity_display(), "n": cap}
            )
        completed, closed = outcomes.get(service.pk, (0, 0))
        if closed:
            share = completed / closed
            points = OUTCOME_MAX * share
            reasons.append(
                _("%(done)s dari %(closed)s rujukan sebelumnya selesai (+%(n).1f).")
                % {"done": completed, "closed": closed, "n": points}
            )
        else:
            share, points = None, OUTCOME_MAX / 2
            reasons.append(_("Belum ada riwayat rujukan (+%(n).1f).") % {"n": points})
        score += points
        result.suggestions.append(
            Suggestion(
                service=service,
                score=round(score, 1),
                reasons=reasons,
                term_match=level,
                distance_km=None if distance is None else round(distance, 1),
                location=nearest,
                completed_share=share,
                closed_referrals=closed,
                capacity_stale=stale,
            )
        )

    result.suggestions.sort(
        key=lambda s: (
            -s.score,
            CAPACITY_ORDER.get(s.service.capacity, 9),
            s.distance_km if s.distance_km is not None else math.inf,
            s.service.name,
        )
    )
    return result
