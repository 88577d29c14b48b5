"""Every write of the broker: directory entries, referrals, gaps and initiatives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.cases.models import Need
from pendamping.cases.services import event_append, need_mark, require_open
from pendamping.clients.models import Consent, Region
from pendamping.concurrency import save_versioned
from pendamping.taxonomy.models import TaxonomyTerm

from . import events, matching
from .access import can_edit_entry, directory_services_for, require_edit_entry
from .models import (
    CLOSED_STATUSES,
    DEFAULT_SHARED_FIELDS,
    LIVE_STATUSES,
    SHAREABLE_FIELDS,
    Contact,
    Gap,
    GapReason,
    Initiative,
    Location,
    Organization,
    Phone,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

ORGANIZATION_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "legal_status",
    "tax_id",
    "receiving_agency",
    "shared",
)
SERVICE_FIELDS = (
    "organization",
    "name",
    "alternate_name",
    "description",
    "status",
    "url",
    "email",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "eligible_sexes",
    "eligible_ppks",
    "languages",
    "required_documents",
    "service_areas",
    "capacity",
    "capacity_count",
    "shared",
)


# ---- directory -----------------------------------------------------------------


def _set_phone(*, organization=None, service=None, number: str, kind: str = "") -> None:
    """The entry's main phone (the first one); other phones, e.g. imported, stay."""
    owner = {"organization": organization} if organization else {"service": service}
    number = (number or "").strip()
    kind = kind if kind in Phone.Type.values else Phone.Type.VOICE
    first = Phone.objects.filter(**owner).order_by("id").first()
    if first and not number:
        first.delete()
    elif first:
        Phone.objects.filter(pk=first.pk).update(number=number, type=kind)
    elif number:
        Phone.objects.create(number=number, type=kind, **owner)


def _set_contact(*, service, name: str, title: str, email: str) -> None:
    """The service's main contact person (the first one); other contacts stay."""
    first = Contact.objects.filter(service=service).order_by("id").first()
    name = (name or "").strip()
    if first and not name:
        first.delete()
    elif first:
        Contact.objects.filter(pk=first.pk).update(name=name, title=title or "", email=email or "")
    elif name:
        Contact.objects.create(service=service, name=name, title=title or "", email=email or "")


@transaction.atomic
def organization_save(
    *, actor, data: dict, organization: Organization | None = None, expected_version=None
) -> Organization:
    access.require_write(actor)
    values = {k: data[k] for k in ORGANIZATION_FIELDS if k in data}
    if not (values.get("name") or getattr(organization, "name", "")).strip():
        raise ValidationError({"name": _("Isi nama penyedia.")})
    receiving = values.get("receiving_agency")
    if receiving is not None and receiving.pk != access.agency_of(actor).pk:
        # a provider routes referrals only to the agency that records it: an agency
        # publishes itself (shared) so that others can refer to it
        raise ValidationError(
            {"receiving_agency": _(
                "Hanya lembaga Anda sendiri yang dapat dipilih: lembaga lain mencatat "
                "dan membagikan layanannya sendiri."
            )}
        )  # fmt: skip
    if organization is None:
        organization = Organization.objects.create(agency=access.agency_of(actor), **values)
    else:
        require_edit_entry(actor, organization)
        save_versioned(organization, expected_version, **values)
    if "phone" in data:
        _set_phone(organization=organization, number=data["phone"])
    return organization


@transaction.atomic
def organization_delete(*, actor, organization: Organization) -> None:
    require_edit_entry(actor, organization)
    if organization.services.alive().exists():
        raise ValidationError(_("Hapus atau pindahkan dulu layanan penyedia ini."))
    save_versioned(organization, organization.version, deleted_at=timezone.now())


@transaction.atomic
def location_add(*, actor, organization: Organization, data: dict) -> Location:
    require_edit_entry(actor, organization)
    location = Location(organization=organization, **data)
    location.full_clean()
    location.save()
    return location


@transaction.atomic
def location_delete(*, actor, location: Location) -> None:
    require_edit_entry(actor, location.organization)
    served = list(Service.objects.filter(at_locations__location=location).distinct())
    location.delete()
    for service in served:  # a service left without a place may now reach everyone
        index_service(service)


def index_service(service: Service) -> None:
    """Refresh the service-area index that matching looks up (see `ServiceArea`)."""
    ServiceArea.objects.filter(service=service).delete()
    codes = list(dict.fromkeys(service.service_areas))
    if not codes and not ServiceAtLocation.objects.filter(service=service).exists():
        codes = [ServiceArea.EVERYWHERE]
    ServiceArea.objects.bulk_create([ServiceArea(service=service, code=c) for c in codes])


def _validate_service(values: dict) -> None:
    lo, hi = values.get("minimum_age"), values.get("maximum_age")
    if lo is not None and hi is not None and lo > hi:
        raise ValidationError(
            {"maximum_age": _("Usia maksimum tidak boleh lebih kecil dari usia minimum.")}
        )
    areas = values.get("service_areas") or []
    known = set(Region.objects.filter(code__in=areas).values_list("code", flat=True))
    if set(areas) - known:
        raise ValidationError(
            {"service_areas": _("Kode wilayah tidak dikenal: %(codes)s.")
             % {"codes": ", ".join(sorted(set(areas) - known))}}
        )  # fmt: skip


@transaction.atomic
def service_save(
    *, actor, data: dict, service: Service | None = None, expected_version=None
) -> Service:
    """Create or edit a service from cleaned ServiceForm data."""
    access.require_write(actor)
    values = {k: data[k] for k in SERVICE_FIELDS if k in data}
    org = values.get("organization") or (service.organization if service else None)
    if org is None or not can_edit_entry(actor, org):
        raise ValidationError({"organization": _("Pilih penyedia milik lembaga Anda.")})
    _validate_service(values)
    if values.get("shared", service.shared if service else False) and not org.shared:
        raise ValidationError(
            {
                "shared": _(
                    "Bagikan dulu penyedianya: layanan yang dibagikan tampil bersama penyedianya."
                )
            }
        )
    capacity_changed = service is None or any(
        k in values and values[k] != getattr(service, k) for k in ("capacity", "capacity_count")
    )
    if capacity_changed:
        values["capacity_updated_at"] = timezone.now()
    if service is None:
        service = Service.objects.create(agency=access.agency_of(actor), created_by=actor, **values)
    else:
        require_edit_entry(actor, service)
        save_versioned(service, expected_version, **values)
    if "terms" in data:
        service.terms.set(data["terms"])
    if "locations" in data:
        ServiceAtLocation.objects.filter(service=service).exclude(
            location__in=data["locations"]
        ).delete()
        have = set(
            ServiceAtLocation.objects.filter(service=service).values_list("location_id", flat=True)
        )
        ServiceAtLocation.objects.bulk_create(
            [ServiceAtLocation(service=service, location=loc) for loc in data["locations"]
             if loc.pk not in have]
        )  # fmt: skip
    if "days" in data:
        Schedule.objects.filter(service=service).delete()
        if data.get("days"):
            Schedule.objects.create(
                service=service,
                byday=",".join(data["days"]),
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
            )
    if "phone" in data:
        _set_phone(service=service, number=data["phone"], kind=data.get("phone_type", ""))
    if "contact_name" in data:
        _set_contact(
            service=service,
            name=data["contact_name"],
            title=data.get("contact_title", ""),
            email=data.get("contact_email", ""),
        )
    index_service(service)
    schedule_rematch(service.pk)
    return service


@transaction.atomic
def service_set_capacity(
    *, actor, service: Service, capacity: str, count: int | None, expected_version: int
) -> Service:
    require_edit_entry(actor, service)
    save_versioned(
        service,
        expected_version,
        capacity=capacity,
        capacity_count=count,
        capacity_updated_at=timezone.now(),
    )
    schedule_rematch(service.pk)
    return service


@transaction.atomic
def service_delete(*, actor, service: Service) -> None:
    require_edit_entry(actor, service)
    save_versioned(service, service.version, deleted_at=timezone.now())


# ---- referrals -------------------------------------------------------------------


def _snapshot(client, fields: list[str]) -> dict:
    """Only what the referral shares; the receiver never reads the client record."""
    values = {
        "full_name": client.full_name,
        "sex": client.get_sex_display() if client.sex else "",
        "birth_date": client.birth_date.isoformat() if client.birth_date else "",
        "age": client.age(),
        "nik": client.nik,
        "phone": client.phone,
        "address": client.address,
        "region": client.region.name if client.region_id else "",
        "ppks_categories": [str(label) for label in client.ppks_labels()],
    }
    return {f: values[f] for f in fields if f in values}


def _referral_event(referral: Referral, kind: str, actor, **data) -> None:
    event_append(
        referral.case,
        kind,
        actor,
        referral=referral.number,
        referral_id=referral.pk,
        service=referral.service.name,
        **data,
    )


@transaction.atomic
def referral_create(
    *,
    actor,
    need,
    service: Service,
    follow_up_date,
    note_for_receiver: str = "",
    shared_fields: list[str] | None = None,
    send: bool = True,
) -> Referral:
    """A referral from a suggestion: a draft, sent at once unless `send` is false."""
    access.require_write(actor)
    case = need.case
    require_open(case)
    if need.status != need.Status.OPEN:
        raise ValidationError(_("Kebutuhan ini tidak lagi terbuka."))
    if not directory_services_for(actor).filter(pk=service.pk).exists():
        raise ValidationError({"service": _("Layanan tidak ditemukan di direktori Anda.")})
    if follow_up_date is None:
        raise ValidationError({"follow_up_date": _("Isi tanggal tindak lanjut.")})
    fields = [f for f in (shared_fields or DEFAULT_SHARED_FIELDS) if f in SHAREABLE_FIELDS]
    referral = Referral.objects.create(
        case=case,
        need=need,
        service=service,
        agency_id=case.agency_id,
        receiving_agency_id=service.organization.receiving_agency_id,
        note_for_receiver=(note_for_receiver or "").strip(),
        follow_up_date=follow_up_date,
        shared_fields=fields,
        created_by=actor,
    )
    ReferralUpdate.objects.create(
        referral=referral,
        to_status=ReferralStatus.DRAFT,
        actor=actor,
        actor_agency_id=case.agency_id,
    )
    _referral_event(referral, events.REFERRAL_CREATED, actor)
    if send:
        referral = referral_transition(
            actor=actor,
            referral=referral,
            to_status=ReferralStatus.REQUESTED,
            reason="",
            expected_version=referral.version,
        )
    return referral


def is_sender(actor, referral: Referral) -> bool:
    """Whether the actor sees the referral from the sending case's side."""
    return cases_for(actor).filter(pk=referral.case_id).exists()


def side_of(actor, referral: Referral, *, sender: bool | None = None) -> set[str]:
    """Which side(s) of the referral the actor may act for.

    `sender` may be given when the caller already knows whether the actor sees
    the referral's case (saves a query per row in lists).
    """
    m = access.membership_of(actor)
    if m is None or m.role not in access.WRITE_ROLES:
        return set()
    sides = set()
    if sender is None:
        sender = is_sender(actor, referral)
    if sender and m.agency_id == referral.agency_id:
        sides.add("sender")
        if not referral.receiving_agency_id:
            sides.add("receiver")  # the worker records the provider's answer
    if referral.receiving_agency_id == m.agency_id:
        sides.add("receiver")
    return sides


def allowed_next(actor, referral: Referral, *, sender: bool | None = None) -> list[tuple[str, str]]:
    sides = side_of(actor, referral, sender=sender)
    return [
        (status, ReferralStatus(status).label)
        for status, side in referral.next_statuses().items()
        if side in sides
    ]


@transaction.atomic
def referral_transition(
    *, actor, referral: Referral, to_status: str, reason: str, expected_version: int
) -> Referral:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "case__client", "case__client__region", "service", "need")
        .get(pk=referral.pk)
    )
    reason = (reason or "").strip()
    allowed = referral.next_statuses()
    if to_status not in allowed:
        raise ValidationError(
            {"to_status": _("Rujukan berstatus %(from)s tidak dapat diubah menjadi %(to)s.")
             % {"from": referral.get_status_display(),
                "to": ReferralStatus(to_status).label if to_status in ReferralStatus.values else to_status}}
        )  # fmt: skip
    sides = side_of(actor, referral)
    if not sides:
        raise PermissionDenied(_("Peran Anda hanya dapat membaca rujukan ini."))
    if allowed[to_status] not in sides:
        raise PermissionDenied(
            _("Status ini diisi oleh penerima rujukan.")
            if allowed[to_status] == "receiver"
            else _("Status ini diisi oleh lembaga pengirim.")
        )
    if not reason and to_status != ReferralStatus.REQUESTED:
        raise ValidationError({"reason": _("Tuliskan alasan atau keterangan perubahan status.")})
    changes = {"status": to_status}
    if to_status == ReferralStatus.REQUESTED:
        require_open(referral.case)
        if referral.need.status != referral.need.Status.OPEN or referral.need.deleted_at:
            raise ValidationError(_("Kebutuhan ini tidak lagi terbuka."))
        client = referral.case.client
        active = [
            c
            for c in client.consents.filter(purpose=Consent.Purpose.REFERRAL).order_by(
                "-recorded_at"
            )
            if c.is_active
        ]
        if not active:
            raise ValidationError(
                _("Rujukan tidak dapat dikirim: belum ada persetujuan klien yang berlaku "
                  "untuk berbagi data untuk rujukan. Catat persetujuannya di halaman klien.")
            )  # fmt: skip
        consent = active[0]
        changes |= {
            "sent_at": timezone.now(),
            "consent": consent,
            "shared": _snapshot(client, referral.shared_fields)
            | {
                "need": {
                    "term": referral.need.term.name_id,
                    "term_en": referral.need.term.name_en,
                    "description": referral.need.description,
                    "urgency": referral.need.urgency,
                },
                "agency": referral.agency.name,
                "worker": str(referral.created_by),
            },
        }
    if to_status in CLOSED_STATUSES:
        changes["closed_at"] = timezone.now()
    from_status = referral.status
    save_versioned(referral, expected_version, **changes)
    ReferralUpdate.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        actor=actor,
        actor_agency=access.agency_of(actor),
    )
    _referral_event(
        referral,
        events.REFERRAL_STATUS,
        actor,
        **{"from": from_status, "to": to_status, "reason": reason},
    )
    need = referral.need
    if to_status == ReferralStatus.COMPLETED and need.status == need.Status.OPEN:
        need_mark(need=need, actor=actor, status=need.Status.MET, referral=referral)
    else:
        gap_sync(need=need)
    return referral


# ---- gaps and initiatives -------------------------------------------------------------


def _gap_reason(need) -> str | None:
    statuses = list(
        need.referrals.exclude(
            status__in=[
                ReferralStatus.DRAFT,
                ReferralStatus.CANCELED,
                ReferralStatus.ENTERED_IN_ERROR,
            ]
        ).values_list("status", flat=True)
    )
    if statuses and all(s in (ReferralStatus.FAILED, ReferralStatus.REJECTED) for s in statuses):
        return GapReason.ALL_FAILED
    if any(s in LIVE_STATUSES or s == ReferralStatus.COMPLETED for s in statuses):
        return None
    return matching.match(need).gap_reason


@transaction.atomic
def gap_sync(*, need) -> Gap | None:
    """Open, update or close the need's gap so the register tells the truth."""
    Need.objects.select_for_update().filter(pk=need.pk).first()  # one sync per need at a time
    open_gap = Gap.objects.filter(need=need, closed_at__isnull=True).first()
    reason = None
    if need.status == need.Status.OPEN and need.deleted_at is None and need.case.is_open:
        reason = _gap_reason(need)
    if reason is None:
        if open_gap:
            Gap.objects.filter(pk=open_gap.pk).update(closed_at=timezone.now())
        return None
    region_code = (need.case.client.region_id or "")[:5]
    region = Region.objects.filter(code=region_code).first() if region_code else None
    if open_gap:
        changes = {
            k: v
            for k, v in {"reason": reason, "term_id": need.term_id, "region": region}.items()
            if getattr(open_gap, k) != v
        }
        if changes:
            Gap.objects.filter(pk=open_gap.pk).update(**changes)
            for k, v in changes.items():
                setattr(open_gap, k, v)
        return open_gap
    return Gap.objects.create(
        agency_id=need.case.agency_id, need=need, term=need.term, region=region, reason=reason
    )


def schedule_rematch(service_id) -> None:
    """Match open gaps again once the transaction commits, once for all services saved in it."""
    connection = transaction.get_connection()
    registered = any(func is _run_rematch for _ids, func, *_rest in connection.run_on_commit)
    if registered and hasattr(connection, "_pendamping_rematch"):
        connection._pendamping_rematch.add(service_id)
    else:  # the first in this transaction (an earlier, rolled-back set is dropped)
        connection._pendamping_rematch = {service_id}
        transaction.on_commit(_run_rematch)


def _run_rematch() -> None:
    connection = transaction.get_connection()
    ids = connection.__dict__.pop("_pendamping_rematch", set())
    if ids:
        gaps_rematch_for_services(ids)


def gaps_rematch_for_services(service_ids) -> int:
    """After services are added or changed: match the open gaps they might answer again.

    A gap that one of the services now fits keeps the best-ranked of them as a
    suggestion; the workers of the affected cases see it on their home page.
    Each gap is matched once, however many services changed. Returns how many
    gaps got a suggestion.
    """
    changed = list(
        Service.objects.alive().filter(pk__in=list(service_ids)).prefetch_related("terms")
    )
    if not changed:
        return 0
    ids = {s.pk for s in changed}
    # a need matches its exact term, the term's parent and its children
    own = {(t.pk, t.parent_id) for s in changed for t in s.terms.all()}
    term_ids = {pk for pk, _parent in own} | {parent for _pk, parent in own if parent}
    term_ids |= set(
        TaxonomyTerm.objects.filter(parent_id__in=[pk for pk, _p in own]).values_list(
            "pk", flat=True
        )
    )
    gaps = Gap.objects.filter(closed_at__isnull=True, term_id__in=term_ids).select_related(
        "need__term", "need__case__client"
    )
    if not any(s.shared for s in changed):
        gaps = gaps.filter(agency_id__in={s.agency_id for s in changed})
    fitted = 0
    with transaction.atomic():
        for gap in gaps:
            result = matching.match(gap.need)
            hit = next(
                (s for s in result.suggestions if s.service.pk in ids and s.has_capacity), None
            )
            if hit:
                fitted += 1
                Gap.objects.filter(pk=gap.pk).update(
                    suggested_service=hit.service, suggested_at=timezone.now()
                )
    return fitted


@transaction.atomic
def initiative_save(
    *, actor, data: dict, initiative: Initiative | None = None, expected_version=None
) -> Initiative:
    access.require_write(actor)
    agency = access.agency_of(actor)
    gaps = list(data.pop("gaps", []) or [])
    if any(g.agency_id != agency.pk for g in gaps):
        raise ValidationError({"gaps": _("Kesenjangan itu bukan milik lembaga Anda.")})
    fields = {k: data[k] for k in ("title", "term", "plan", "partners", "status") if k in data}
    if initiative is None:
        initiative = Initiative.objects.create(agency=agency, created_by=actor, **fields)
    else:
        if initiative.agency_id != agency.pk:
            raise PermissionDenied(_("Inisiatif ini milik lembaga lain."))
        save_versioned(initiative, expected_version, **fields)
    initiative.gaps.set(gaps)
    return initiative
