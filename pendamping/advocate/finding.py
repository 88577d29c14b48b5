"""Every write about finding the way out of a complaint: alternatives appraised,
the experts directory and consultations, filings with outside bodies and their
answers, the complainants' feedback."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.concurrency import save_versioned

from .models import (
    Alternative,
    AlternativeStatus,
    Body,
    Complaint,
    Consultation,
    Expert,
    ExpertField,
    Feedback,
    Filing,
    FilingAnswer,
)


def _save(row):
    row.full_clean()
    row.save()
    return row


def _strip(data: dict, *keys) -> dict:
    return {k: (data.get(k) or "").strip() for k in keys}


@transaction.atomic
def alternative_add(*, actor, complaint: Complaint, data: dict) -> Alternative:
    access.require_write(actor)
    fields = _strip(data, "title", "benefits", "drawbacks", "cost", "risk")
    return _save(Alternative(complaint=complaint, created_by=actor,
                             feasibility=data.get("feasibility") or "medium", **fields))  # fmt: skip


@transaction.atomic
def alternative_set_status(
    *, actor, alternative: Alternative, status: str, note: str, expected_version: int
) -> Alternative:
    """Choose an option (why), record that it was tried (what came of it), or drop it."""
    access.require_write(actor)
    note = (note or "").strip()
    if status not in AlternativeStatus.values:
        raise ValidationError({"status": _("Status pilihan tidak dikenal.")})
    changes = {"status": status}
    if status == AlternativeStatus.CHOSEN:
        if not note:
            raise ValidationError({"note": _("Tuliskan mengapa pilihan ini dipilih.")})
        changes["why_chosen"] = note
    if status == AlternativeStatus.TRIED:
        if not note:
            raise ValidationError({"note": _("Tuliskan hasil percobaannya.")})
        changes["result"] = note
    save_versioned(alternative, expected_version, **changes)
    return alternative


@transaction.atomic
def expert_save(*, actor, data: dict) -> Expert:
    access.require_write(actor)
    fields = [f for f in data.get("fields") or [] if f in ExpertField.values]
    if not fields:
        raise ValidationError({"fields": _("Pilih setidaknya satu bidang keahlian.")})
    from pendamping.directory_providers import check_provider

    provider_id = check_provider(actor, data.get("provider"))
    return _save(Expert(agency=access.agency_of(actor), fields=fields, region=data.get("region"),
                        provider_id=provider_id,
                        **_strip(data, "name", "organisation", "languages", "contact")))  # fmt: skip


@transaction.atomic
def consultation_add(*, actor, complaint: Complaint, data: dict) -> Consultation:
    access.require_write(actor)
    expert = data.get("expert")
    if expert is None or expert.agency_id != complaint.agency_id:
        raise ValidationError({"expert": _("Pilih narasumber dari direktori lembaga ini.")})
    return _save(Consultation(complaint=complaint, expert=expert,
                              asked_on=data.get("asked_on") or timezone.localdate(),
                              **_strip(data, "question", "advice")))  # fmt: skip


@transaction.atomic
def filing_add(*, actor, complaint: Complaint, data: dict) -> Filing:
    access.require_write(actor)
    body = data.get("body")
    if body not in Body.values:
        raise ValidationError({"body": _("Instansi tidak dikenal.")})
    fields = _strip(data, "body_name", "channel", "their_number")
    if body == Body.OFFICE and not fields["body_name"]:
        raise ValidationError({"body_name": _("Tuliskan nama instansi yang bertanggung jawab.")})
    filed_on = data.get("filed_on")
    if filed_on is None or filed_on > timezone.localdate():
        raise ValidationError({"filed_on": _("Tanggal diajukan tidak boleh di masa depan.")})
    return _save(
        Filing(complaint=complaint, body=body, filed_on=filed_on, created_by=actor, **fields)
    )


@transaction.atomic
def filing_answer_add(*, actor, filing: Filing, data: dict) -> FilingAnswer:
    access.require_write(actor)
    received_on = data.get("received_on")
    if received_on is None or received_on < filing.filed_on:
        raise ValidationError(
            {"received_on": _("Jawaban tidak mungkin diterima sebelum pengajuan.")}
        )
    return _save(FilingAnswer(filing=filing, received_on=received_on,
                              summary=(data.get("summary") or "").strip()))  # fmt: skip


@transaction.atomic
def feedback_add(*, actor, complaint: Complaint, satisfaction: int, comment: str = "") -> Feedback:
    access.require_write(actor)
    if complaint.decision == "":
        raise ValidationError({"satisfaction": _("Umpan balik dicatat setelah ada keputusan.")})
    if satisfaction not in range(1, 6):
        raise ValidationError({"satisfaction": _("Kepuasan diberi nilai 1 sampai 5.")})
    return _save(Feedback(complaint=complaint, satisfaction=satisfaction,
                          comment=(comment or "").strip(), actor=actor))  # fmt: skip
