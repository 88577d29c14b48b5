"""Retention and erasure over the API: the clients due (officer and admin), the rules
(the admin changes them), the audit trail, and the admin's erasure of one client
(``POST /erasures``), refused with the legal reasons (409) as the page refuses."""

from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts.access import agency_of, role_of
from pendamping.accounts.models import Role
from pendamping.pagination import Pagination

from . import erasure, retention
from .access import erasures_for
from .api import _officer
from .erasure_models import Erasure
from .models import SubjectRequest

router = Router(tags=["privacy"])


class DueOut(Schema):
    client_id: int
    full_name: str
    last_closed: date | None
    birth_year: int | None


class RulesOut(Schema):
    closed_cases: int
    child: int


class RulesIn(Schema):
    closed_cases: int = Field(..., ge=1, le=100)
    child: int = Field(..., ge=1, le=100)


class ErasureOut(Schema):
    id: int
    client_id: int
    at: datetime
    by_id: int
    basis: str
    reason: str
    note: str
    subject_request_id: int | None
    files_deleted: int
    report: dict[str, int] = Field(
        description="what was changed where the client was found by their words, by kind: "
        "breaches, the breaches whose title, description or containment named the client"
    )
    via: str


class ErasureIn(Schema):
    client_id: int = Field(..., ge=1, le=2**62)
    basis: Erasure.Basis
    reason: Erasure.Reason
    note: T.text(erasure.REASON_MAX) = ""
    subject_request_id: int | None = Field(None, ge=1, le=2**62)


class RefusedOut(Schema):
    detail: str
    refusals: list[str]


@router.get("/retention/due", response=list[DueOut])
def retention_due(request):
    """The agency's clients past their retention, longest closed first (at most 500)."""
    _officer(request)
    rows = retention.due_clients(agency_of(request.user).pk)
    return [
        {"client_id": d.client_id, "full_name": d.full_name, "last_closed": d.last_closed,
         "birth_year": d.birth_date.year if d.birth_date else None}
        for d in rows
    ]  # fmt: skip


@router.get("/retention/rules", response=RulesOut)
def retention_rules(request):
    _officer(request)
    return retention.years_of(agency_of(request.user).pk)


@router.put("/retention/rules", response=RulesOut)
def retention_rules_set(request, payload: RulesIn):
    """The admin sets how many years each kind of record is kept."""
    if role_of(request.user) != Role.ADMIN:
        raise HttpError(403, _("Hanya admin lembaga yang mengubah aturan retensi."))
    return retention.set_years(agency_of(request.user), payload.dict(), request.user)


@router.get("/erasures", response=list[ErasureOut])
@paginate(Pagination)
def erasures(request):
    """The audit trail: who anonymised which client (by id), when, on what basis, why."""
    _officer(request)
    return erasures_for(request.user).order_by("-at", "-pk")


@router.post("/erasures", response={201: ErasureOut, 409: RefusedOut})
def erasure_create(request, payload: ErasureIn):
    """Anonymise a client of the admin's agency; 409 with the legal reasons that keep
    the record (an open case, a mediation in progress...); 404 for another agency's."""
    agency = agency_of(request.user)
    Client = apps.get_model("clients", "Client")
    found = Client._base_manager.filter(pk=payload.client_id,
                                        agency_id=agency.pk if agency else 0).first()  # fmt: skip
    if found is None:
        raise Http404
    erasure.require_eraser(request.user, found)
    wanted = None
    if payload.subject_request_id:
        wanted = SubjectRequest.objects.filter(pk=payload.subject_request_id,
                                               agency_id=agency.pk).first()  # fmt: skip
        if wanted is None:
            raise Http404
    try:
        made = erasure.anonymise(found, actor=request.user, reason=str(payload.reason.value),
                                 note=payload.note, basis=str(payload.basis.value), subject_request=wanted,
                                 via="api")  # fmt: skip
    except ValidationError as exc:
        refused = exc.message_dict.get("__all__") if hasattr(exc, "error_dict") else None
        if refused:
            return Status(409, {"detail": " ".join(refused), "refusals": refused})
        raise
    return Status(201, made)
