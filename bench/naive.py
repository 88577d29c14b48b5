"""The naive way: what a quick build would do, measured beside ours on the same data.

Each naive page is the real view with the one piece that matters swapped for the
obvious implementation, so that both render the same template and differ only in
how the data is fetched:

- search: admin-style `icontains` on the name or NIK, ordered by name, paginated;
- caseload: every open case on one page, no `select_related` (a query per row);
- case page: the whole timeline on one page, no `select_related`;
- matching: every service of the need's terms, haversine in Python for each (no
  bounding box), locations and outcomes fetched per service; it ranks by distance
  only (no service areas, no services that reach everyone), so it does less than
  ours and its suggestions can differ;
- directory words: every word typed ``icontains`` in the name, description,
  eligibility or provider, a scan without relevance or respelling;
- gap register: every open gap loaded and grouped in Python;
- home: one COUNT per stage, recent events and my cases without `select_related`.

The swap is a `unittest.mock.patch` of a module attribute for the duration of one
request; the benchmark client is single-threaded, so nothing else sees it.
"""

from __future__ import annotations

from collections import defaultdict
from unittest import mock

from django.core.paginator import Paginator
from django.db.models import Q

from pendamping.broker.access import agency_services, gaps_for
from pendamping.cases.access import cases_for, events_for
from pendamping.clients.access import clients_for


def _everything_on_one_page(request, items, per_page=None, *, page=None):
    return Paginator(items, 100_000).get_page(1)


# ---- search -----------------------------------------------------------------------
def naive_search_clients(user, query: str):
    query = (query or "").strip()
    return (
        clients_for(user)
        .filter(Q(full_name__icontains=query) | Q(nik__icontains=query))
        .order_by("full_name", "id")
    )


def client_list(request):
    """The search POST redirects to its kept results: the naive view sends it to its own
    address, so that the GET after the redirect searches the naive way too."""
    from pendamping.clients import views

    real_reverse = views.reverse

    def reverse(name, *args, **kwargs):
        return "/naive/clients/" if name == "client_list" else real_reverse(name, *args, **kwargs)

    with (
        mock.patch.object(views, "search_clients", naive_search_clients),
        mock.patch.object(views, "reverse", reverse),
    ):
        return views.client_list(request)


# ---- caseload and case page ----------------------------------------------------------
def naive_caseload(user, *, stage="", status="open", risk="", worker=None):
    qs = cases_for(user).filter(closed_at__isnull=True)
    if worker is not None:
        qs = qs.filter(assigned_worker=worker)
    if stage:
        qs = qs.filter(stage=stage)
    if risk:
        qs = qs.filter(risk_level=risk)
    return qs.order_by("-opened_at", "-id")


def case_list(request):
    from pendamping.cases import views

    with (
        mock.patch.object(views.selectors, "caseload", naive_caseload),
        mock.patch.object(views, "paginate", _everything_on_one_page),
    ):
        return views.case_list(request)


def naive_timeline(user, case):
    return events_for(user).filter(case=case).order_by("-at", "-id")


def case_detail(request, pk):
    from pendamping.cases import views

    with (
        mock.patch.object(views.selectors, "timeline", naive_timeline),
        mock.patch.object(views, "paginate", _everything_on_one_page),
    ):
        return views.case_detail(request, pk)


# ---- matching -----------------------------------------------------------------------
def naive_match(need, **kwargs):
    from pendamping.broker import matching
    from pendamping.broker.models import Referral, ReferralStatus

    case, client = need.case, need.case.client
    radius = matching.settings.BROKER_MATCH_RADIUS_KM
    result = matching.MatchResult(radius_km=radius, origin=(client.latitude, client.longitude))
    levels = matching._term_levels(need.term)
    services = agency_services(case.agency_id).filter(terms__in=list(levels))
    for service in services.distinct():
        nearest, distance = None, None
        for location in service.locations.all():  # one query per service
            if location.latitude is None:
                continue
            d = matching.haversine_km(
                client.latitude, client.longitude, location.latitude, location.longitude
            )
            if distance is None or d < distance:
                nearest, distance = location, d
        if distance is None or distance > radius:
            result.out_of_reach += 1
            continue
        problems = matching._eligibility_problems(service, client)
        if problems:
            result.excluded.append(matching.Exclusion(service=service, reasons=problems))
            continue
        term = next(levels[t.pk] for t in service.terms.all() if t.pk in levels)
        closed = Referral.objects.filter(
            service=service, status__in=[ReferralStatus.COMPLETED, ReferralStatus.FAILED]
        ).count()
        completed = Referral.objects.filter(
            service=service, status=ReferralStatus.COMPLETED
        ).count()
        share = completed / closed if closed else None
        score = (
            matching.TERM_SCORE[term]
            + matching.DISTANCE_MAX * (1 - distance / radius)
            + matching.CAPACITY_SCORE.get(service.capacity, 0)
            + matching.OUTCOME_MAX * (share if share is not None else 0.5)
        )
        result.suggestions.append(
            matching.Suggestion(
                service=service,
                score=round(score, 1),
                reasons=[],
                term_match=term,
                distance_km=round(distance, 1),
                location=nearest,
                completed_share=share,
                closed_referrals=closed,
            )
        )
    result.suggestions.sort(key=lambda s: -s.score)
    return result


def need_matches(request, case_id, need_id):
    from pendamping.broker import api as broker_api

    with mock.patch.object(broker_api.matching, "match", naive_match):
        return _api_view(request, f"cases/{case_id}/needs/{need_id}/matches")


def _api_view(request, path: str):
    from django.urls import resolve

    match = resolve(f"/api/v1/{path}")
    return match.func(request, *match.args, **match.kwargs)


# ---- directory words ----------------------------------------------------------------
def naive_directory_words(services, query: str):
    """Every word typed, as typed, somewhere in the name, description, eligibility or
    provider (``icontains``, a scan); no relevance, so the page orders by name."""
    from django.db.models import FloatField, Value

    for word in query.split():
        services = services.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
            | Q(eligibility_description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return services.annotate(rank=Value(0.0, output_field=FloatField()))


def directory(request):
    from pendamping.broker import selectors, views

    with mock.patch.object(selectors.fulltext, "search", naive_directory_words):
        return views.directory(request)


# ---- gap register -------------------------------------------------------------------
def naive_gap_register(user):
    rows: dict[tuple, dict] = {}
    clients: dict[tuple, set] = defaultdict(set)
    for gap in gaps_for(user).filter(closed_at__isnull=True):
        key = (gap.term_id, gap.region_id)
        row = rows.setdefault(
            key,
            {"term_id": gap.term_id, "region_id": gap.region_id, "gaps": 0, "oldest": gap.opened_at,
             "term": gap.term, "region": gap.region.name if gap.region else "", "reasons": {}},
        )  # fmt: skip
        row["gaps"] += 1
        row["oldest"] = min(row["oldest"], gap.opened_at)
        row["reasons"][gap.reason] = row["reasons"].get(gap.reason, 0) + 1
        clients[key].add(gap.need.case.client_id)
    for key, row in rows.items():
        row["clients"] = len(clients[key])
    return sorted(rows.values(), key=lambda r: (-r["gaps"], r["oldest"]))


def gap_register(request):
    from pendamping.broker.views import gaps as views

    with mock.patch.object(views.selectors, "gap_register", naive_gap_register):
        return views.gap_register(request)


# ---- home ---------------------------------------------------------------------------
def naive_stage_counts(user):
    from pendamping.cases.models import Stage

    open_cases = cases_for(user).filter(closed_at__isnull=True)
    return {stage: open_cases.filter(stage=stage).count() for stage in Stage.values}


def naive_recent_events(user, limit: int = 15):
    return events_for(user).order_by("-at", "-id")[:limit]


def home(request):
    from pendamping.cases import views

    with (
        mock.patch.object(views.selectors, "stage_counts", naive_stage_counts),
        mock.patch.object(views.selectors, "recent_events", naive_recent_events),
        mock.patch.object(views.selectors, "caseload", naive_caseload),
    ):
        return views.home(request)
