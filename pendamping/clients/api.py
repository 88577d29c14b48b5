"""Clients, family members and consent over the API, through the registered scopes."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping.accounts import access
from pendamping.pagination import Pagination
from pendamping.web import require_valid

from . import services
from .access import clients_for, consents_for, family_for, group_members_for
from .forms import ClientForm, ConsentForm, FamilyMemberForm
from .models import Client, Region
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


class ClientIn(Schema):
    kind: str = "individual"
    full_name: str
    nickname: str = ""
    nik: str = ""
    kk_number: str = ""
    sex: str = ""
    birth_date: date | None = None
    estimated_age: int | None = None
    birth_place: str = ""
    address: str = ""
    region_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    phone: str = ""
    religion: str = ""
    ppks_categories: list[str] = []
    disabilities: list[str] = []
    confirm_similar: bool = False


class ClientPatch(Schema):
    version: int
    kind: str | None = None
    full_name: str | None = None
    nickname: str | None = None
    nik: str | None = None
    kk_number: str | None = None
    sex: str | None = None
    birth_date: date | None = None
    estimated_age: int | None = None
    birth_place: str | None = None
    address: str | None = None
    region_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    phone: str | None = None
    religion: str | None = None
    ppks_categories: list[str] | None = None
    disabilities: list[str] | None = None
    confirm_similar: bool = False


class SearchIn(Schema):
    # the web form's cap: each name part becomes a join, and the databases allow 64
    q: str = Field(max_length=100)


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
def list_clients(request, kind: str | None = None):
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
    name: str
    sex: str
    birth_year: int | None = None
    relation: str
    side: str = ""
    union_status: str = ""
    bond: str = "normal"
    is_alive: bool = True
    in_household: bool = False
    notes: str = ""


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
    data_types: str
    retention_until: date | None
    recorded_at: datetime
    withdrawn_at: datetime | None
    is_active: bool


class ConsentIn(Schema):
    purpose: str
    lawful_basis: str = "consent"
    given_by: str = "client"
    guardian_name: str = ""
    method: str = "written"
    data_types: str = ""
    retention_until: date | None = None


@router.get("/{int:client_id}/consents", response=list[ConsentOut])
def list_consents(request, client_id: int):
    return consents_for(request.user).filter(client=_client(request, client_id))


@router.post("/{int:client_id}/consents", response={201: ConsentOut})
def add_consent(request, client_id: int, payload: ConsentIn):
    client = _client(request, client_id)
    access.require_write(request.user)
    data = _validated(ConsentForm, payload.dict())
    return Status(201, services.consent_record(actor=request.user, client=client, data=data))


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
    role: str = Field("", max_length=60)


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
