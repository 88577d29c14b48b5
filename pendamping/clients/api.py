"""Clients, family members and consent over the API, through the registered scopes."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.pagination import Pagination
from pendamping.web import require_valid

from . import choices, services
from .access import clients_for, consents_for, family_for, group_members_for
from .choices import DataCategory
from .forms import ClientForm, ConsentForm, FamilyMemberForm
from .models import Client, Consent, FamilyMember, GroupMember, Region
from .selectors import search_clients

router = Router(tags=["clients"])


class ClientOut(Schema):
    id: int
    kind: str
    full_name: str
    nickname: str
    nik_masked: str = Field(alias="masked_nik")
    sex: str
    birth_date: date | None
    estimated_age: int | None
    region_code: str | None = Field(alias="region_id")
    ppks_categories: list[str]
    version: int
    created_at: datetime


class ClientDetail(ClientOut):
    nik: str
    kk_number: str
    birth_place: str
    address: str
    latitude: float | None
    longitude: float | None
    phone: str
    religion: str
    disabilities: list[str]


# What the client form enforces, stated in the schema (pendamping/schema_types.py).
# Left to the form: the NIK's province, date and serial, a birth date between 1890 and
# today, a region code that exists, latitude and longitude given together.
Kind = T.choice(Client.Kind)
Sex = T.choice(choices.Sex, blank=True)
Religion = T.choice(choices.Religion, blank=True)
Phone = Annotated[str, Field(max_length=40, pattern=r"^(\s*\+?[0-9 \-]{6,20}\s*)?$")]
Age = Annotated[int, Field(ge=0, le=130)]


class ClientIn(Schema):
    kind: Kind = "individual"
    full_name: T.line(200, required=True)
    nickname: T.line(60) = ""
    nik: T.digits(16) = ""
    kk_number: T.digits(16) = ""
    sex: Sex = ""
    birth_date: date | None = None
    estimated_age: Age | None = None
    birth_place: T.line(100) = ""
    address: T.line(300) = ""
    region_code: T.RegionCode | None = None
    latitude: T.Latitude | None = None
    longitude: T.Longitude | None = None
    phone: Phone = ""
    religion: Religion = ""
    ppks_categories: T.choices(choices.PPKS) = []
    disabilities: T.choices(choices.Disability) = []
    confirm_similar: bool = False


class ClientPatch(Schema):
    version: int
    kind: Kind | None = None
    full_name: T.line(200, required=True) | None = None
    nickname: T.line(60) | None = None
    nik: T.digits(16) | None = None
    kk_number: T.digits(16) | None = None
    sex: Sex | None = None
    birth_date: date | None = None
    estimated_age: Age | None = None
    birth_place: T.line(100) | None = None
    address: T.line(300) | None = None
    region_code: T.RegionCode | None = None
    latitude: T.Latitude | None = None
    longitude: T.Longitude | None = None
    phone: Phone | None = None
    religion: Religion | None = None
    ppks_categories: T.choices(choices.PPKS) | None = None
    disabilities: T.choices(choices.Disability) | None = None
    confirm_similar: bool = False


class SearchIn(Schema):
    # the web form's cap: each name part becomes a join, and the databases allow 64
    q: T.line(100)


def _form_for(payload: dict) -> ClientForm:
    """Validate API input with the very form the HTML page uses."""
    data = QueryDict(mutable=True)
    for key, value in payload.items():
        if key in ("ppks_categories", "disabilities"):
            data.setlist(key, value or [])
        elif key == "region_code":
            code = value or ""
            chain = []
            while code:
                chain.insert(0, code)
                code = Region.parent_code(code)
            for level, c in zip(ClientForm.LEVELS, chain, strict=False):
                data[level] = c
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = value.isoformat() if isinstance(value, date) else str(value)
    form = ClientForm(data)
    require_valid(form)
    return form


@router.get("", response=list[ClientOut])
@paginate(Pagination)
def list_clients(request, kind: Kind | None = None):
    """Visible clients, newest first. Search by name or NIK with POST /clients/search."""
    qs = clients_for(request.user).order_by("-created_at", "-id")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.post("/search", response=list[ClientOut])
@paginate(Pagination)
def search(request, payload: SearchIn):
    """Tolerant name search or NIK search (in the body: no personal data in URLs)."""
    return search_clients(request.user, payload.q)


@router.post("", response={201: ClientDetail})
def create_client(request, payload: ClientIn):
    access.require_write(request.user)
    form = _form_for(payload.dict())
    client = services.client_register(
        actor=request.user,
        data=form.service_data(),
        confirm_similar=payload.confirm_similar,
    )
    return Status(201, client)


def _client(request, client_id) -> Client:
    return access.get_or_404(clients_for(request.user), pk=client_id)


@router.get("/{int:client_id}", response=ClientDetail)
def get_client(request, client_id: int):
    return _client(request, client_id)


@router.patch("/{int:client_id}", response=ClientDetail)
def update_client(request, client_id: int, payload: ClientPatch):
    client = _client(request, client_id)
    access.require_write(request.user)
    current = {k: getattr(client, k) for k in services.CLIENT_FIELDS if k != "region"}
    current["region_code"] = client.region_id
    given = payload.dict(exclude_unset=True)
    form = _form_for(current | {k: v for k, v in given.items() if k not in ("version",)})
    return services.client_update(
        actor=request.user,
        client=client,
        data=form.service_data(),
        expected_version=payload.version,
        confirm_similar=payload.confirm_similar,
    )


@router.delete("/{int:client_id}", response={204: None})
def delete_client(request, client_id: int):
    services.client_delete(actor=request.user, client=_client(request, client_id))
    return Status(204, None)


class FamilyOut(Schema):
    id: int
    name: str
    sex: str
    birth_year: int | None
    relation: str
    side: str
    union_status: str
    bond: str
    is_alive: bool
    in_household: bool
    notes: str


class FamilyIn(Schema):
    name: T.of(FamilyMember, "name")
    sex: T.of(FamilyMember, "sex")
    birth_year: int | None = Field(None, ge=1880, description="not after this year")
    relation: T.of(FamilyMember, "relation")
    side: T.of(FamilyMember, "side") = ""
    union_status: T.of(FamilyMember, "union_status") = ""
    bond: T.of(FamilyMember, "bond") = "normal"
    is_alive: bool = True
    in_household: bool = False
    notes: T.of(FamilyMember, "notes") = ""


def _validated(form_class, payload: dict):
    data = {k: v for k, v in payload.items() if v is not None and v is not False}
    form = form_class(data)
    require_valid(form)
    return form.cleaned_data


@router.get("/{int:client_id}/family", response=list[FamilyOut])
def list_family(request, client_id: int):
    return family_for(request.user).filter(client=_client(request, client_id))


@router.post("/{int:client_id}/family", response={201: FamilyOut})
def add_family(request, client_id: int, payload: FamilyIn):
    client = _client(request, client_id)
    access.require_write(request.user)
    data = _validated(FamilyMemberForm, payload.dict())
    return Status(201, services.family_member_add(actor=request.user, client=client, data=data))


class ConsentOut(Schema):
    id: int
    purpose: str
    lawful_basis: str
    given_by: str
    guardian_name: str
    method: str
    data_categories: list[str]
    data_types: str = Field(description="free text of a consent recorded before the fixed list")
    given_on: date | None
    witness_name: str
    recording_reference: str
    has_proof: bool
    proof_url: str | None = Field(None, description="the scanned form (the scoped page view)")
    retention_until: date | None
    recorded_at: datetime
    withdrawn_at: datetime | None
    is_active: bool

    @staticmethod
    def resolve_has_proof(obj):
        return bool(obj.proof_file)

    @staticmethod
    def resolve_proof_url(obj):
        from django.urls import reverse

        if not obj.proof_file:
            return None
        return reverse("consent_proof", args=[obj.client_id, obj.pk])


class ConsentIn(Schema):
    purpose: Consent.Purpose
    lawful_basis: Consent.LawfulBasis = Consent.LawfulBasis.CONSENT
    given_by: Consent.GivenBy = Consent.GivenBy.CLIENT
    guardian_name: T.of(Consent, "guardian_name") = ""
    method: Consent.Method = Field(
        Consent.Method.WRITTEN,
        description="written needs proof_base64 (the scanned form); verbal needs "
        "witness_name and given_on; recorded (audio/video) needs recording_reference "
        "(where the recording is kept) and given_on (the day it was made)",
    )
    data_categories: list[DataCategory] = Field(..., min_length=1)
    given_on: date | None = None
    witness_name: T.of(Consent, "witness_name") = ""
    recording_reference: T.of(Consent, "recording_reference") = ""
    retention_until: date | None = None
    proof_base64: T.Base64 | None = Field(
        None, description="the scanned form, base64 (JPEG, PNG, WebP or PDF)"
    )
    confirm_repeat: bool = Field(
        False, description="record it although an active consent for the purpose stands"
    )


@router.get("/{int:client_id}/consents", response=list[ConsentOut])
def list_consents(request, client_id: int):
    return consents_for(request.user).filter(client=_client(request, client_id))


@router.post("/{int:client_id}/consents", response={201: ConsentOut})
def add_consent(request, client_id: int, payload: ConsentIn):
    """Recording a second active consent for the same purpose answers 422 with an
    error on ``confirm_repeat`` until it is sent as true."""
    client = _client(request, client_id)
    access.require_write(request.user)
    body = payload.dict(exclude={"proof_base64", "confirm_repeat"})
    body["data_categories"] = [str(c) for c in payload.data_categories]
    data = _validated(ConsentForm, body)
    data.pop("proof", None)
    data.pop("confirm_repeat", None)
    proof = _decoded_proof(payload.proof_base64)
    consent = services.consent_record(actor=request.user, client=client, data=data,
                                      proof=proof, confirm_repeat=payload.confirm_repeat)  # fmt: skip
    return Status(201, consent)


def _decoded_proof(text: str | None):
    import base64
    import binascii

    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from django.utils.translation import gettext as _

    from .consent import max_bytes

    if not text:
        return None
    limit = max_bytes()
    if len(text) > (limit // 3 + 2) * 4:  # before decoding anything
        raise ValidationError({"proof_base64": _("Berkas paling besar %(mb)s MB.")
                               % {"mb": round(limit / 2**20, 1)}})  # fmt: skip
    try:
        return ContentFile(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise ValidationError({"proof_base64": _("Isi berkas bukan base64.")}) from None


@router.post("/{int:client_id}/consents/{int:consent_id}/withdraw", response=ConsentOut)
def withdraw_consent(request, client_id: int, consent_id: int):
    client = _client(request, client_id)
    consent = access.get_or_404(consents_for(request.user), pk=consent_id, client=client)
    return services.consent_withdraw(actor=request.user, consent=consent)


# ---- members of a group client ---------------------------------------------------------


class GroupMemberOut(Schema):
    id: int
    member_id: int
    member_name: str = Field(alias="member.full_name")
    role: str
    joined_at: datetime
    left_at: datetime | None
    is_active: bool


class GroupMemberIn(Schema):
    member_id: int
    role: T.of(GroupMember, "role") = ""


@router.get("/{int:client_id}/members", response=list[GroupMemberOut])
def list_members(request, client_id: int, active: bool | None = None):
    """The group's members, current and former (``?active=true`` for current ones)."""
    qs = group_members_for(request.user).filter(group=_client(request, client_id))
    if active is not None:
        qs = qs.filter(left_at__isnull=active)
    return qs.select_related("member")


@router.post("/{int:client_id}/members", response={201: GroupMemberOut})
def add_member(request, client_id: int, payload: GroupMemberIn):
    """Add a visible individual client of the agency to a group client."""
    group = _client(request, client_id)
    access.require_write(request.user)
    member = clients_for(request.user).filter(pk=payload.member_id).first()
    if member is None:
        raise ValidationError({"member_id": _("Klien tidak ditemukan.")})
    membership = services.group_member_add(
        actor=request.user, group=group, member=member, role=payload.role
    )
    return Status(201, membership)


@router.post("/{int:client_id}/members/{int:membership_id}/leave", response=GroupMemberOut)
def leave_member(request, client_id: int, membership_id: int):
    """End a membership (the row stays as history)."""
    group = _client(request, client_id)
    membership = access.get_or_404(
        group_members_for(request.user).select_related("member"), pk=membership_id, group=group
    )
    return services.group_member_leave(actor=request.user, membership=membership)
