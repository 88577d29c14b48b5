"""The breach register, the records of processing and the officer's register of
consents over the API (for the agency's data protection officer and admins)."""

from datetime import date, datetime
from typing import Literal

from django.apps import apps
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts.access import agency_of, get_or_404
from pendamping.data_categories import DataCategory
from pendamping.pagination import Pagination

from . import breaches, processing_records
from .access import breaches_for, require_log_reader
from .breach_models import RemovalReason
from .consent_register import consents, proof_kind
from .history_lines import line
from .models import Breach, BreachClient

router = Router(tags=["privacy"])
# the clients app sits above privacy: its model is looked up, never imported
_Consent = apps.get_model("clients", "Consent")
ID = Path(..., ge=1, le=2**62)


class BreachOut(Schema):
    id: int
    title: str
    discovered_at: datetime
    occurred_from: datetime | None
    occurred_until: datetime | None
    description: str
    data_categories: list[str]
    containment: str
    status: str
    notify_due_at: datetime
    clock: str
    hours_left: int
    affected_count: int
    unnotified: int
    unissued: int = Field(description="client letters not issued (numbered) yet")
    authority_notified_on: date | None
    authority_letter_number: str = Field(description="empty until the letter is issued")
    authority_letter_issued_on: date | None
    version: int

    @staticmethod
    def resolve_clock(obj) -> str:
        return obj.clock(unnotified=obj.unnotified)

    @staticmethod
    def resolve_hours_left(obj) -> int:
        return obj.hours_left()


class BreachIn(Schema):
    title: T.line(200, required=True)
    discovered_at: datetime | None = None
    occurred_from: datetime | None = None
    occurred_until: datetime | None = None
    description: T.text(4000, required=True)
    data_categories: list[DataCategory] = Field(..., min_length=1, max_length=13)
    containment: T.text(4000) = ""


class BreachPatch(Schema):
    version: int = Field(..., ge=1, le=2**31)
    title: T.line(200, required=True) | None = None
    discovered_at: datetime | None = None
    occurred_from: datetime | None = None
    occurred_until: datetime | None = None
    description: T.text(4000, required=True) | None = None
    data_categories: list[DataCategory] | None = Field(None, min_length=1, max_length=13)
    containment: T.text(4000) | None = None
    status: Breach.Status | None = None


class AffectedIn(Schema):
    source: BreachClient.Source
    user_id: int | None = Field(None, ge=1, le=2**62)
    address: T.line(45) | None = None  # IPv4 or IPv6: the service checks it (422), normalised
    since: datetime | None = None
    until: datetime | None = None
    client_ids: list[int] = Field([], max_length=breaches.CHOSEN_LIMIT)


class AffectedOut(Schema):
    client_id: int
    full_name: str
    source: str
    notified_on: date | None
    letter_number: str = Field(description="empty until the letter is issued")
    letter_issued_on: date | None

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.client.full_name


class AddedOut(Schema):
    added: int
    affected_count: int


class RemoveIn(Schema):
    reason: RemovalReason


class SentIn(Schema):
    sent_on: date | None = None


class NotifiedOut(BreachOut):
    recorded: int = Field(description="issued letters now recorded as sent")
    skipped: int = Field(description="letters not sent that are not issued yet (left as they are)")


class IssuedOut(BreachOut):
    issued: int = Field(description="letters issued now, numbered in client-number order")
    first_number: str
    last_number: str


class EventOut(Schema):
    at: datetime
    kind: str
    by_id: int
    text: str

    @staticmethod
    def resolve_text(obj) -> str:
        return line(obj)


def _found(request, breach_id: int) -> Breach:
    # the scope is empty for every other role and agency: 404, like no breach at all
    return get_or_404(breaches.with_counts(breaches_for(request.user)), pk=breach_id)


@router.get("/breaches", response=list[BreachOut])
@paginate(Pagination)
def breach_list(request):
    """The agency's breaches, newest discovery first, each with its notification clock."""
    require_log_reader(request.user)
    return breaches.with_counts(breaches_for(request.user)).order_by("-discovered_at", "-pk")


@router.post("/breaches", response={201: BreachOut})
def breach_create(request, payload: BreachIn):
    """Record a breach; the letters to the clients and the authority are due 3×24
    hours after its discovery."""
    data = payload.dict()
    data["data_categories"] = [str(c.value) for c in data["data_categories"]]
    made = breaches.breach_record(actor=request.user, **data)
    return Status(201, _found(request, made.pk))


@router.get("/breaches/{breach_id}", response=BreachOut)
def breach_get(request, breach_id: int = ID):
    return _found(request, breach_id)


@router.patch("/breaches/{breach_id}", response=BreachOut)
def breach_patch(request, payload: BreachPatch, breach_id: int = ID):
    """Change what is known (``version`` from the last answer); a closed breach is not changed."""
    found = _found(request, breach_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    if data.get("data_categories") is not None:
        data["data_categories"] = [str(c.value) for c in data["data_categories"]]
    if data.get("status") is not None:
        data["status"] = str(data["status"].value)
    data = {k: v for k, v in data.items() if v is not None or k.startswith("occurred")}
    breaches.breach_update(actor=request.user, breach=found, expected_version=version, **data)
    return _found(request, breach_id)


@router.get("/breaches/{breach_id}/clients", response=list[AffectedOut])
@paginate(Pagination)
def breach_clients(request, breach_id: int = ID):
    """The clients the breach touched, by client number."""
    found = _found(request, breach_id)
    return found.affected.select_related("client").order_by("client_id")


@router.post("/breaches/{breach_id}/clients", response=AddedOut)
def breach_clients_add(request, payload: AffectedIn, breach_id: int = ID):
    """Add the clients it touched: ``user_reads`` (``user_id``, ``since``, ``until``),
    ``address_reads`` (``address``, ``since``, ``until``), ``caseload`` (``user_id``)
    or ``chosen`` (``client_ids``)."""
    found = _found(request, breach_id)
    data = payload.dict()
    data["source"] = str(data["source"].value)
    added = breaches.affected_add(actor=request.user, breach=found, **data)
    return {"added": added, "affected_count": found.affected.count()}


@router.post("/breaches/{breach_id}/clients/{client_id}/remove", response=BreachOut)
def breach_client_remove(request, payload: RemoveIn, breach_id: int = ID, client_id: int = ID):
    """Take a client added by mistake off the list; ``reason`` is required and kept in
    the history (``not_touched``, ``wrong_client`` or ``wrong_source``)."""
    found = _found(request, breach_id)
    affected = get_or_404(found.affected, client_id=client_id)
    breaches.affected_remove(actor=request.user, breach=found, affected=affected,
                             reason=str(payload.reason.value))  # fmt: skip
    return _found(request, breach_id)


@router.post("/breaches/{breach_id}/clients/{client_id}/notified", response=AffectedOut)
def breach_client_notified(request, payload: SentIn, breach_id: int = ID, client_id: int = ID):
    """Record the day the client's letter was sent (today when not given); 422 until
    the letter is issued."""
    found = _found(request, breach_id)
    affected = get_or_404(found.affected.select_related("client"), client_id=client_id)
    breaches.client_notified(actor=request.user, breach=found, affected=affected,
                             sent_on=payload.sent_on)  # fmt: skip
    return affected


@router.post("/breaches/{breach_id}/notified", response=NotifiedOut)
def breach_clients_notified(request, payload: SentIn, breach_id: int = ID):
    """Record every issued letter not yet recorded as sent on ``sent_on`` (today when
    not given); letters not issued yet are skipped and counted (``skipped``), and 422
    when no issued letter is left to record."""
    found = _found(request, breach_id)
    done = breaches.clients_notified(actor=request.user, breach=found, sent_on=payload.sent_on)
    answer = _found(request, breach_id)
    answer.recorded, answer.skipped = done.count, done.skipped
    return answer


@router.post("/breaches/{breach_id}/authority-notified", response=BreachOut)
def breach_authority_notified(request, payload: SentIn, breach_id: int = ID):
    """Record the day the letter to the authority was sent; 422 until it is issued."""
    found = _found(request, breach_id)
    breaches.authority_notified(actor=request.user, breach=found, sent_on=payload.sent_on)
    return _found(request, breach_id)


@router.post("/breaches/{breach_id}/clients/{client_id}/letter", response=AffectedOut)
def breach_client_letter_issue(request, breach_id: int = ID, client_id: int = ID):
    """Issue the client's letter: it takes the agency's next letter number and today's
    date (the PDF is a draft without a number before); 422 once it is issued."""
    found = _found(request, breach_id)
    affected = get_or_404(found.affected.select_related("client"), client_id=client_id)
    breaches.letter_issue(actor=request.user, breach=found, affected=affected)
    return affected


@router.post("/breaches/{breach_id}/letters", response=IssuedOut)
def breach_letters_issue(request, breach_id: int = ID):
    """Issue every client letter not issued yet, in one go: consecutive numbers in
    client-number order and today's date; 422 when every letter is issued already."""
    done = breaches.letters_issue_all(actor=request.user, breach=_found(request, breach_id))
    answer = _found(request, breach_id)
    answer.issued, answer.first_number, answer.last_number = done
    return answer


@router.post("/breaches/{breach_id}/authority-letter", response=BreachOut)
def breach_authority_letter_issue(request, breach_id: int = ID):
    """Issue the letter to the authority (lembaga PDP): its number and date, once."""
    breaches.letter_issue(actor=request.user, breach=_found(request, breach_id))
    return _found(request, breach_id)


@router.get("/breaches/{breach_id}/history", response=list[EventOut])
def breach_history(request, breach_id: int = ID):
    """Every change of the breach, oldest first (append-only)."""
    return list(_found(request, breach_id).events.order_by("at", "pk"))


# ---- records of processing and the register of consents ----------------------------


class ActivityOut(Schema):
    key: str
    purpose: str
    categories: list[str]
    lawful_bases: list[str]
    recipients: list[str]
    records: list[str]


class ProcessingRecordsOut(Schema):
    agency: str
    generated_at: datetime
    activities: list[ActivityOut]
    officer_contact: str
    retention_rules: list[str]
    retention: str
    measures: list[str]
    security_measures: str
    other_recipients: list[str]


@router.get("/processing-records", response=ProcessingRecordsOut)
def processing_records_get(request):
    """The agency's records of processing (UU 27/2022 art. 31), in the reader's language."""
    require_log_reader(request.user)
    return processing_records.build(agency_of(request.user))


class ConsentOut(Schema):
    id: int
    client_id: int
    full_name: str
    purpose: str
    lawful_basis: str
    given_by: str
    guardian_name: str
    data_categories: list[str]
    proof: str
    given_on: date | None
    recorded_at: datetime
    withdrawn_at: datetime | None

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.client.full_name

    @staticmethod
    def resolve_proof(obj) -> str:
        return proof_kind(obj)


def _consent_choices(name: str):
    return getattr(apps.get_model("clients", "Consent"), name).values


class ConsentFilterIn(Schema):
    purpose: T.choice(_Consent.Purpose) | None = None
    category: DataCategory | None = None
    state: Literal["active", "withdrawn"] | None = None
    method: T.choice(_Consent.Method) | None = None
    client_id: int | None = Field(None, ge=1, le=2**62)


@router.get("/consent-register", response=list[ConsentOut])
@paginate(Pagination)
def consent_register(request, filters: Query[ConsentFilterIn]):
    """The agency's consents (who, purposes, categories, proof kind; no case content)."""
    require_log_reader(request.user)
    data = filters.dict()
    if data.get("category") is not None:
        data["category"] = str(data["category"].value)
    for key, choices in (("purpose", "Purpose"), ("method", "Method")):
        if data.get(key) and data[key] not in _consent_choices(choices):
            raise HttpError(422, _("Nilai saringan tidak dikenal: %(f)s") % {"f": key})
    return consents(request.user, data)
