"""The processing log over the API (for the data protection officer and admins)."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts.access import get_or_404, membership_of
from pendamping.pagination import Pagination

from . import fulfil, package, requests, restriction, selectors
from .access import can_read_log, require_package_reader, subject_requests_for
from .models import SubjectRequest

router = Router(tags=["privacy"])


class AccessRecordOut(Schema):
    id: int
    at: datetime
    user_id: int
    username: str
    role: str
    agency_id: int
    what: str
    address: str | None
    client_ids: list[int]

    @staticmethod
    def resolve_username(obj) -> str:
        return obj.user.username

    @staticmethod
    def resolve_role(obj) -> str:
        m = getattr(obj.user, "membership", None)
        return m.role if m else ""


class LogFilter(Schema):
    client_id: int | None = Field(None, ge=1, le=2**62)
    user_id: int | None = Field(None, ge=1, le=2**62)
    since: date | None = None
    until: date | None = None


@router.get("", response=list[AccessRecordOut])
@paginate(Pagination)
def access_log(request, filters: Query[LogFilter]):
    """Who read which client's data, when, what and from where; newest first."""
    if not can_read_log(request.user):
        raise HttpError(
            403,
            _("Hanya petugas pelindungan data pribadi atau admin lembaga yang dapat melihat ini."),
        )
    since, until = filters.since, filters.until
    if since and until and since > until:
        raise HttpError(422, _("Tanggal awal harus sebelum tanggal akhir."))
    return selectors.access_log(
        request.user,
        client_id=filters.client_id,
        user_id=filters.user_id,
        since=since,
        until=until,
    )


# ---- data-subject requests ---------------------------------------------------------

requests_router = Router(tags=["privacy"])


class SubjectRequestOut(Schema):
    id: int
    client_id: int
    kind: str
    requested_by: str
    identity_check: str
    received_at: datetime
    received_by_id: int
    details: str
    due_at: datetime
    clock: str
    hours_left: int
    status: str
    response: str
    responded_at: datetime | None
    package_released_at: datetime | None
    version: int

    @staticmethod
    def resolve_clock(obj) -> str:
        return obj.clock()

    @staticmethod
    def resolve_hours_left(obj) -> int:
        return obj.hours_left()


class SubjectRequestIn(Schema):
    client_id: int = Field(..., ge=1, le=2**62)
    kind: SubjectRequest.Kind
    requested_by: SubjectRequest.From
    identity_check: SubjectRequest.Identity
    received_at: datetime | None = None
    details: T.text(4000) = ""


class SubjectResponseIn(Schema):
    status: Literal["in_progress", "completed", "refused"]
    response: T.text(4000) = ""
    version: int = Field(..., ge=1, le=2**31)


class RequestFilter(Schema):
    open: bool = False


def _officer(request) -> None:
    if not can_read_log(request.user):
        raise HttpError(
            403,
            _("Hanya petugas pelindungan data pribadi atau admin lembaga yang dapat melihat ini."),
        )


def _found(request, request_id: int) -> SubjectRequest:
    # the scope is empty for every other role: 404, like a request that does not exist
    return get_or_404(subject_requests_for(request.user).select_related("client"), pk=request_id)


@requests_router.get("", response=list[SubjectRequestOut])
@paginate(Pagination)
def subject_requests(request, filters: Query[RequestFilter]):
    """The agency's data-subject requests, soonest limit first (``open=true``: unanswered)."""
    _officer(request)
    qs = subject_requests_for(request.user)
    if filters.open:
        qs = qs.filter(status__in=SubjectRequest.OPEN)
    return qs.order_by("due_at", "pk")


@requests_router.post("", response={201: SubjectRequestOut})
def subject_request_create(request, payload: SubjectRequestIn):
    """Record a request received; its limit is 3×24 hours from receipt. A client of
    another agency, or none, is 404 (as everywhere in the API)."""
    _officer(request)
    try:
        requests.client_of_agency(membership_of(request.user).agency_id, payload.client_id)
    except ValidationError:
        raise Http404 from None
    data = payload.dict()
    data.update(kind=str(data["kind"].value), requested_by=str(data["requested_by"].value),
                identity_check=str(data["identity_check"].value))  # fmt: skip
    return Status(201, requests.request_record(actor=request.user, **data))


@requests_router.get("/{request_id}", response=SubjectRequestOut)
def subject_request_get(request, request_id: int = Path(..., ge=1, le=2**62)):
    return _found(request, request_id)


@requests_router.post("/{request_id}/respond", response=SubjectRequestOut)
def subject_request_respond(request, payload: SubjectResponseIn,
                            request_id: int = Path(..., ge=1, le=2**62)):  # fmt: skip
    """Move the request on (in_progress) or answer it (completed, refused: with the
    answer, or the legal reason for refusing)."""
    found = _found(request, request_id)
    return requests.request_respond(actor=request.user, request=found, status=payload.status,
                                    response=payload.response, expected_version=payload.version)  # fmt: skip


@requests_router.get("/{request_id}/package")
def subject_request_package(request, request_id: int = Path(..., ge=1, le=2**62)):
    """The client's access package (access and portability requests): every app's
    part of what is held about them, and who processed the file, by agency and role."""
    found = _found(request, request_id)
    require_package_reader(request.user)
    if not found.gives_package:
        raise HttpError(409, _("Paket data hanya untuk permintaan akses atau portabilitas."))
    return HttpResponse(package.as_json(package.build(found)),
                        content_type="application/json; charset=utf-8")  # fmt: skip


# ---- fulfilling: restriction, package sign-off, a correction's edits ----------------


class RestrictionOut(Schema):
    id: int
    client_id: int
    request_id: int
    since: datetime
    lifted_at: datetime | None
    lift_reason: str
    active: bool


class LiftIn(Schema):
    reason: T.text(1000, required=True)


class EditsIn(Schema):
    record_ids: list[int] = Field(..., max_length=100)


class EditsOut(Schema):
    linked: list[AccessRecordOut]
    candidates: list[AccessRecordOut]


@requests_router.post("/{request_id}/restrict", response={201: RestrictionOut})
def subject_request_restrict(request, request_id: int = Path(..., ge=1, le=2**62)):
    """Accept a restriction request: from now on the client's file can be read but not
    changed, referred or exported (every write answers 403 with the reason)."""
    found = _found(request, request_id)
    return Status(201, restriction.restriction_apply(actor=request.user, request=found))


@requests_router.post("/{request_id}/lift", response=RestrictionOut)
def subject_request_lift(request, payload: LiftIn, request_id: int = Path(..., ge=1, le=2**62)):
    """Lift the restriction applied on this request, with the reason."""
    found = _found(request, request_id)
    return restriction.restriction_lift(actor=request.user, request=found, reason=payload.reason)


@requests_router.post("/{request_id}/release", response=SubjectRequestOut)
def subject_request_release(request, request_id: int = Path(..., ge=1, le=2**62)):
    """The admin signs off the reviewed access package: from now on it is released."""
    found = _found(request, request_id)
    return fulfil.package_release(actor=request.user, request=found)


def _edits(found) -> dict:
    rows = "user__membership"
    return {"linked": list(found.edits.select_related(rows).order_by("-at", "-pk")),
            "candidates": list(fulfil.edit_candidates(found)[:100])}  # fmt: skip


@requests_router.get("/{request_id}/edits", response=EditsOut)
def subject_request_edits(request, request_id: int = Path(..., ge=1, le=2**62)):
    """A correction's linked edits, and the changes of the client's file since receipt
    (the processing log's writes naming the client) to choose from."""
    return _edits(_found(request, request_id))


@requests_router.post("/{request_id}/edits", response=EditsOut)
def subject_request_link_edits(request, payload: EditsIn,
                               request_id: int = Path(..., ge=1, le=2**62)):  # fmt: skip
    """Link the correction to the edits made to fulfil it (replacing earlier links)."""
    found = _found(request, request_id)
    fulfil.edits_link(actor=request.user, request=found, record_ids=payload.record_ids)
    return _edits(found)
