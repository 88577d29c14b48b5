"""The broker over the API: HSDS 3.0 directory, needs and matches, referrals, gaps."""

import math
from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.cases import services as need_services
from pendamping.cases.access import case_or_404, cases_for, needs_for
from pendamping.cases.models import Need
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.web import require_valid

from . import fulltext, matching, selectors, services
from .access import (
    directory_organizations_for,
    directory_services_for,
    incoming_referrals_for,
    referrals_for,
)
from .forms import NeedForm, ReferralForm
from .hsds.export import (
    export_organization,
    export_organizations,
    export_service,
    export_services,
)
from .models import SHAREABLE_FIELDS, Referral, ReferralStatus, ServiceAtLocation

# What the broker's forms enforce, stated in the schema (pendamping/schema_types.py);
# left to them: a term the taxonomy holds, a follow-up date not in the past, a status
# that may follow the current one.
TermCode = T.line(60, required=True)  # TaxonomyTerm.code
Search = T.line(100)  # the directory's search box

hsds_router = Router(tags=["hsds"])
needs_router = Router(tags=["broker"])
referrals_router = Router(tags=["broker"])
gaps_router = Router(tags=["broker"])


# ---- HSDS 3.0 -------------------------------------------------------------------

MAX_PER_PAGE = 100


def _hsds_page(qs, page: int, per_page: int, render) -> dict:
    """The HSDS API page envelope around `contents` (`render` takes the page's items)."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    total = qs.count()
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages + 1))
    items = list(qs[(page - 1) * per_page : page * per_page])
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not items,
        "contents": render(items) if items else [],
    }


def _services_for_export(qs):
    return qs.select_related("organization").prefetch_related(
        "phones",
        "contacts",
        "schedules",
        "terms",
        Prefetch("at_locations", ServiceAtLocation.objects.select_related("location__region")),
    )


@hsds_router.get("/services")
def hsds_services(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = 25,
    search: Search = "",
    taxonomy_term_id: UUID | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
):
    """Services in the caller's directory, as HSDS 3.0 service objects in an HSDS page."""
    term = TaxonomyTerm.objects.filter(pk=taxonomy_term_id).first() if taxonomy_term_id else None
    qs = selectors.directory_search(request.user, q=search, term=term)
    if taxonomy_term_id and term is None:
        qs = qs.none()  # an unknown term matches nothing, rather than everything
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if modified_after:
        qs = qs.filter(updated_at__gte=modified_after)
    return _hsds_page(_services_for_export(qs), page, per_page, export_services)


@hsds_router.get("/services/{service_id}")
def hsds_service(request, service_id: UUID):
    qs = _services_for_export(directory_services_for(request.user))
    return export_service(access.get_or_404(qs, pk=service_id))


def _organizations_for_export(user):
    return (
        directory_organizations_for(user)
        .prefetch_related(
            "phones",
            "contacts",
            "locations__region",
            Prefetch("services", _services_for_export(directory_services_for(user))),
        )
        .order_by("name", "id")
    )


@hsds_router.get("/organizations")
def hsds_organizations(
    request, page: int = Query(1, ge=1, le=1_000_000), per_page: int = 25, search: Search = ""
):
    """Organizations in the caller's directory; ``search`` looks them up by their own
    words (name, other name, places, description) in the directory's word index."""
    qs = _organizations_for_export(request.user)
    if len(search.strip()) >= 3:
        qs = fulltext.search_providers(qs, search)
    return _hsds_page(qs, page, per_page, export_organizations)


@hsds_router.get("/organizations/{organization_id}")
def hsds_organization(request, organization_id: UUID):
    return export_organization(
        access.get_or_404(_organizations_for_export(request.user), pk=organization_id)
    )


# ---- needs and matches -------------------------------------------------------------


class NeedOut(Schema):
    id: int
    case_id: int
    term_id: UUID
    term_code: str
    description: str
    urgency: str
    status: str
    version: int
    created_at: datetime

    @staticmethod
    def resolve_term_code(obj):
        return obj.term.code


class NeedIn(Schema):
    term_code: TermCode
    description: T.of(Need, "description")
    urgency: T.of(Need, "urgency") = "medium"


def _need(request, case_id, need_id):
    return access.get_or_404(
        needs_for(request.user).select_related("term", "term__parent", "case", "case__client"),
        pk=need_id,
        case_id=case_id,
    )


@needs_router.get("/{case_id}/needs", response=list[NeedOut])
def list_needs(request, case_id: int):
    case = case_or_404(request.user, case_id)
    return needs_for(request.user).filter(case=case).select_related("term")


@needs_router.post("/{case_id}/needs", response={201: NeedOut})
def add_need(request, case_id: int, payload: NeedIn):
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    term = TaxonomyTerm.objects.filter(code=payload.term_code).first()
    form = require_valid(
        NeedForm(
            {
                "term": term.pk if term else "",
                "description": payload.description,
                "urgency": payload.urgency,
            }
        )
    )
    need = need_services.need_add(actor=request.user, case=case, **form.cleaned_data)
    return Status(201, need)


class SuggestionOut(Schema):
    service_id: UUID
    name: str
    organization: str
    score: float
    term_match: str
    distance_km: float | None
    capacity: str
    capacity_stale: bool = Field(
        description="The capacity was not updated within the agency's time (default 30 days)"
    )
    capacity_updated_at: datetime | None
    completed_share: float | None
    reasons: list[str]


class ExclusionOut(Schema):
    service_id: UUID
    name: str
    reasons: list[str]


class MatchesOut(Schema):
    need: NeedOut
    radius_km: float
    origin_note: str
    out_of_reach: int = Field(description="Services of the term beyond reach, counted up to 100")
    out_of_reach_more: bool = Field(description="True when more than 100 are beyond reach")
    gap_reason: str | None
    suggestions: list[SuggestionOut]
    excluded: list[ExclusionOut]


@needs_router.get("/{case_id}/needs/{need_id}/matches", response=MatchesOut)
def need_matches(request, case_id: int, need_id: int):
    """Services ranked for the need, each with the reasons for its place; and the excluded."""
    need = _need(request, case_id, need_id)
    result = matching.match(need)
    return {
        "need": need,
        "radius_km": result.radius_km,
        "origin_note": result.origin_note,
        "out_of_reach": result.out_of_reach,
        "out_of_reach_more": result.out_of_reach_more,
        "gap_reason": result.gap_reason,
        "suggestions": [
            {
                "service_id": s.service.pk,
                "name": s.service.name,
                "organization": s.service.organization.name,
                "score": s.score,
                "term_match": s.term_match,
                "distance_km": s.distance_km,
                "capacity": s.service.capacity,
                "capacity_stale": s.capacity_stale,
                "capacity_updated_at": s.service.capacity_updated_at,
                "completed_share": s.completed_share,
                "reasons": s.reasons,
            }
            for s in result.suggestions
        ],
        "excluded": [
            {"service_id": x.service.pk, "name": x.service.name, "reasons": x.reasons}
            for x in result.excluded
        ],
    }


class ResourceSystemOut(Schema):
    service_id: UUID
    name: str
    organization: str
    need: str
    status: str
    receiving: bool
    referral_id: int


@needs_router.get("/{case_id}/resources", response=list[ResourceSystemOut])
def case_resources(request, case_id: int):
    """Services the client was referred to or receives: the ecomap's resource systems."""
    return selectors.resource_systems(request.user, case_or_404(request.user, case_id))


# ---- referrals -------------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    number: str
    status: str
    service_id: UUID
    service_name: str
    sending_agency: str
    receiving_agency: str | None
    follow_up_date: date
    sent_at: datetime | None
    closed_at: datetime | None
    note_for_receiver: str
    shared: dict
    case_id: int | None = None
    need_id: int | None = None
    allowed_next: list[str] = []
    version: int


class ReferralIn(Schema):
    service_id: UUID
    follow_up_date: date
    note_for_receiver: T.of(Referral, "note_for_receiver") = ""
    shared_fields: list[Literal[tuple(SHAREABLE_FIELDS)]] | None = None
    send: bool = True


class StatusIn(Schema):
    to_status: T.choice(ReferralStatus)
    reason: T.text(2000) = ""
    version: int


def _referral_out(user, referral, *, sender: bool | None = None) -> dict:
    """What the caller may see: the receiving side gets the shared snapshot only,
    and nothing once the consent it was sent under is withdrawn."""
    if sender is None:
        sender = services.is_sender(user, referral)
    withheld = not sender and referral.snapshot_withheld
    return {
        "id": referral.pk,
        "number": referral.number,
        "status": referral.status,
        "service_id": referral.service_id,
        "service_name": referral.service.name,
        "sending_agency": referral.agency.name,
        "receiving_agency": referral.receiving_agency.name if referral.receiving_agency else None,
        "follow_up_date": referral.follow_up_date,
        "sent_at": referral.sent_at,
        "closed_at": referral.closed_at,
        "note_for_receiver": "" if withheld else referral.note_for_receiver,
        "shared": referral.shared if sender else referral.shared_for_receiver(),
        "case_id": referral.case_id if sender else None,
        "need_id": referral.need_id if sender else None,
        "allowed_next": [s for s, _label in services.allowed_next(user, referral, sender=sender)],
        "version": referral.version,
    }


@needs_router.post("/{case_id}/needs/{need_id}/referrals", response={201: ReferralOut})
def create_referral(request, case_id: int, need_id: int, payload: ReferralIn):
    """Refer the need to a service; sent at once unless `send` is false (a draft)."""
    need = _need(request, case_id, need_id)
    access.require_write(request.user)
    data = {
        "service": str(payload.service_id),
        "follow_up_date": payload.follow_up_date.isoformat(),
        "note_for_receiver": payload.note_for_receiver,
    }
    form = ReferralForm(_querydict(data, payload.shared_fields or []))
    require_valid(form)
    service = access.get_or_404(
        directory_services_for(request.user).select_related("organization"),
        pk=payload.service_id,
    )
    referral = services.referral_create(
        actor=request.user,
        need=need,
        service=service,
        follow_up_date=form.cleaned_data["follow_up_date"],
        note_for_receiver=form.cleaned_data["note_for_receiver"],
        shared_fields=form.cleaned_data["shared_fields"] or None,
        send=payload.send,
    )
    referral.refresh_from_db()
    return Status(201, _referral_out(request.user, referral))


def _querydict(data: dict, shared_fields: list[str]) -> QueryDict:
    q = QueryDict(mutable=True)
    q.update(data)
    q.setlist("shared_fields", shared_fields)
    return q


def _referral(request, referral_id):
    return access.get_or_404(
        selectors.visible_referrals(request.user).select_related(
            "service", "agency", "receiving_agency", "consent"
        ),
        pk=referral_id,
    )


@referrals_router.get("", response=list[ReferralOut])
def list_referrals(
    request,
    box: Literal["sent", "incoming"] = "sent",
    status: T.choice(ReferralStatus, blank=True) = "",
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(25, ge=1, le=100),
):
    """`box=sent`: from the caller's cases; `box=incoming`: to the caller's agency.

    Newest first, `page_size` per page (at most 100).
    """
    scope = incoming_referrals_for if box == "incoming" else referrals_for
    qs = scope(request.user)
    if status:
        if status not in ReferralStatus.values:
            raise ValidationError({"status": _("Status rujukan tidak dikenal.")})
        qs = qs.filter(status=status)
    qs = qs.select_related("service", "agency", "receiving_agency", "consent").order_by(
        "-created_at", "-id"
    )
    rows = list(qs[(page - 1) * page_size : page * page_size])
    mine = set(
        cases_for(request.user)
        .filter(pk__in={r.case_id for r in rows})
        .values_list("pk", flat=True)
    )
    return [_referral_out(request.user, r, sender=r.case_id in mine) for r in rows]


@referrals_router.get("/{referral_id}", response=ReferralOut)
def get_referral(request, referral_id: int):
    return _referral_out(request.user, _referral(request, referral_id))


@referrals_router.post("/{referral_id}/status", response=ReferralOut)
def referral_status(request, referral_id: int, payload: StatusIn):
    """Move the referral along an allowed transition, with a reason."""
    referral = _referral(request, referral_id)
    referral = services.referral_transition(
        actor=request.user,
        referral=referral,
        to_status=payload.to_status,
        reason=payload.reason,
        expected_version=payload.version,
    )
    referral.refresh_from_db()
    return _referral_out(request.user, referral)


# ---- gaps ----------------------------------------------------------------------------------


class GapRowOut(Schema):
    term_code: str
    term: str
    region_code: str | None
    region: str
    gaps: int
    clients: int
    oldest: datetime
    reasons: dict[str, int]


@gaps_router.get("", response=list[GapRowOut])
def gap_register(request):
    """Open gaps grouped by taxonomy term and region (no personal data)."""
    return [
        {
            "term_code": r["term"].code,
            "term": r["term"].name,
            "region_code": r["region_id"],
            "region": r["region"],
            "gaps": r["gaps"],
            "clients": r["clients"],
            "oldest": r["oldest"],
            "reasons": r["reasons"],
        }
        for r in selectors.gap_register(request.user)
    ]
