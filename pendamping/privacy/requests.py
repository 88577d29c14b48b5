"""Data-subject requests (UU 27/2022 arts 32–42): recording one, answering it, and
the periodic check that tells the officer and admins when a limit is near or past.

Every write is here; the pages (views_requests.py) and the API (api.py) call these."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts.access import membership_of
from pendamping.accounts.models import Membership
from pendamping.concurrency import save_versioned
from pendamping.inbox.services import notify

from .access import LOG_READERS, require_log_reader
from .models import DUE_SOON_HOURS, RESPONSE_HOURS, SubjectRequest

CLOCK_KIND = "subject_request_clock"


def client_of_agency(agency_id: int, client_id: int | None):
    """The agency's client numbered ``client_id`` (deleted ones too: their data is
    still held), or a ValidationError naming the field."""
    Client = apps.get_model("clients", "Client")
    found = Client.objects.filter(pk=client_id, agency_id=agency_id).first() if client_id else None
    if found is None:
        raise ValidationError({"client_id": _("Klien dengan nomor ini tidak ada di lembaga Anda.")})
    return found


def request_record(*, actor, client_id: int, kind: str, requested_by: str, identity_check: str,
                   received_at=None, details: str = "") -> SubjectRequest:  # fmt: skip
    """Register a request received (now, or at ``received_at``, never in the future);
    its limit is 3×24 hours from receipt."""
    require_log_reader(actor)
    m = membership_of(actor)
    client = client_of_agency(m.agency_id, client_id)
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + timedelta(minutes=5):
        raise ValidationError({"received_at": _("Waktu diterima tidak boleh di masa depan.")})
    if received_at < now - timedelta(days=366):
        raise ValidationError({"received_at": _("Waktu diterima lebih dari setahun yang lalu.")})
    return SubjectRequest.objects.create(
        agency_id=m.agency_id, client=client, kind=kind, requested_by=requested_by,
        identity_check=identity_check, received_at=received_at, received_by=actor,
        details=details.strip(), due_at=received_at + timedelta(hours=RESPONSE_HOURS),
    )  # fmt: skip


@transaction.atomic
def request_respond(*, actor, request: SubjectRequest, status: str, response: str,
                    expected_version: int | None) -> SubjectRequest:  # fmt: skip
    """Move an open request on (in progress) or answer it (completed, refused: with
    the answer given, or the legal reason for refusing)."""
    require_log_reader(actor)
    if not request.is_open:
        raise ValidationError(_("Permintaan ini sudah dijawab."))
    if status not in SubjectRequest.Status.values or status == SubjectRequest.Status.RECEIVED:
        raise ValidationError({"status": _("Pilih status yang sah.")})
    response = response.strip()
    final = status in (SubjectRequest.Status.COMPLETED, SubjectRequest.Status.REFUSED)
    if final and not response:
        raise ValidationError({"response": _("Tuliskan jawaban atau alasan hukum penolakan.")})
    if (
        status == SubjectRequest.Status.COMPLETED
        and request.gives_package
        and request.package_released_at is None
    ):
        raise ValidationError({"status": _(
            "Paket data belum disetujui dan dirilis oleh admin: permintaan akses atau "
            "portabilitas baru dapat diselesaikan setelah paketnya dirilis.")})  # fmt: skip
    changes = {"status": status, "response": response}
    if final:
        changes |= {"responded_at": timezone.now(), "responded_by": actor}
    save_versioned(request, expected_version, **changes)
    return request


def _officers(agency_ids) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for agency_id, user_id in Membership.objects.filter(
        agency_id__in=agency_ids, role__in=LOG_READERS, user__is_active=True
    ).values_list("agency_id", "user_id"):
        out.setdefault(agency_id, []).append(user_id)
    return out


def escalate_due(now=None) -> dict[str, int]:
    """Tell each agency's officer and admins, once per state, of every open request
    under DUE_SOON_HOURS from its limit ("soon") or past it ("overdue"). Idempotent:
    the inbox's dedupe key is the request and the state."""
    now = now or timezone.now()
    due = list(
        SubjectRequest.objects.filter(
            status__in=SubjectRequest.OPEN, due_at__lte=now + timedelta(hours=DUE_SOON_HOURS)
        ).only("pk", "agency_id", "kind", "due_at", "status")
    )
    officers = _officers({r.agency_id for r in due})
    told = {"soon": 0, "overdue": 0}
    for r in due:
        state = r.clock(now)
        new = notify(
            officers.get(r.agency_id, []), CLOCK_KIND,
            url=reverse("subject_request_detail", kwargs={"pk": r.pk}), target=r,
            dedupe=f"{r.pk}:{state}", request=r.pk, what=r.kind, state=state,
            due=r.due_at.isoformat(),
        )  # fmt: skip
        told[state] += len(new)
    return told
