"""Writes of referrals, closed-loop between the sending and the receiving agency."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.letterhead import next_letter_number
from pendamping.cases.access import cases_for
from pendamping.cases.services import event_append, need_mark, require_open
from pendamping.clients.consent import category_label
from pendamping.clients.models import Consent
from pendamping.concurrency import save_versioned
from pendamping.inbox.services import notify

from .. import events
from ..access import directory_services_for
from ..models import (
    CLOSED_STATUSES,
    DEFAULT_SHARED_FIELDS,
    FIELD_CATEGORIES,
    SHAREABLE_FIELDS,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Service,
)
from .gaps import gap_sync

# ---- referrals -------------------------------------------------------------------


def shared_snapshot(client, fields: list[str]) -> dict:
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


def _covering_consent(active: list[Consent], fields: list[str]) -> Consent:
    """The newest active consent that covers the data category of every field the
    referral shares; a clear refusal naming what no consent covers."""
    needed = {FIELD_CATEGORIES[f] for f in fields if f in FIELD_CATEGORIES}
    for consent in active:
        if needed <= set(consent.data_categories):
            return consent
    missing = needed - set(active[0].data_categories)
    uncovered = [str(SHAREABLE_FIELDS[f]) for f in fields if FIELD_CATEGORIES.get(f) in missing]
    raise ValidationError(
        _("Rujukan tidak dapat dikirim: persetujuan klien tidak mencakup %(categories)s, "
          "padahal rujukan ini membagikan %(fields)s. Hapus data itu dari rujukan, atau "
          "catat persetujuan yang mencakupnya.")
        % {"categories": ", ".join(category_label(c) for c in sorted(missing)),
           "fields": ", ".join(uncovered)}
    )  # fmt: skip


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


def _referral_notify(actor, referral: Referral, to_status: str) -> None:
    """A referral sent to an agency in Pendamping tells its supervisors and admins;
    the receiver's answer tells the referring worker and the case worker."""
    from pendamping.accounts.models import Membership, Role

    url = reverse("referral_detail", kwargs={"pk": referral.pk})
    data = {"number": referral.number, "status": to_status}
    if to_status == ReferralStatus.REQUESTED and referral.receiving_agency_id:
        staff = Membership.objects.filter(
            agency_id=referral.receiving_agency_id, role__in=[Role.SUPERVISOR, Role.ADMIN]
        ).values_list("user_id", flat=True)
        notify(staff, "referral_incoming", url=url, target=referral, exclude=[actor],
               dedupe=f"referral:{referral.pk}:requested", **data)  # fmt: skip
    elif referral.receiving_agency_id and not is_sender(actor, referral):
        notify([referral.created_by_id, referral.case.assigned_worker_id], "referral_answered",
               url=url, target=referral, exclude=[actor], **data)  # fmt: skip


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
        consent = _covering_consent(active, referral.shared_fields)
        if not referral.letter_number:
            changes["letter_number"] = next_letter_number(
                referral.agency, "RJK", timezone.localdate()
            )
        changes |= {
            "sent_at": timezone.now(),
            "consent": consent,
            "shared": shared_snapshot(client, referral.shared_fields)
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
    _referral_notify(actor, referral, to_status)
    need = referral.need
    if to_status == ReferralStatus.COMPLETED and need.status == need.Status.OPEN:
        need_mark(need=need, actor=actor, status=need.Status.MET, referral=referral)
    else:
        gap_sync(need=need)
    return referral
