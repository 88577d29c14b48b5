"""Every write about the needs of a case. Each appends its CaseEvent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.models import CaseEvent
from pendamping.cases.services import _event, _require_open
from pendamping.concurrency import save_versioned

from .models import Need, Urgency


def _need_event(need: Need, kind: str, actor, **data) -> None:
    _event(
        need.case,
        kind,
        actor,
        need=need.pk,
        term=need.term.name_id,
        term_en=need.term.name_en,
        **data,
    )


def _gap_sync(need: Need) -> None:
    from pendamping.broker.services import gap_sync

    gap_sync(need=need)


@transaction.atomic
def need_add(*, actor, case, term, description: str, urgency: str = Urgency.MEDIUM) -> Need:
    access.require_write(actor)
    _require_open(case)
    if not (description or "").strip():
        raise ValidationError({"description": _("Jelaskan kebutuhan klien.")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Tingkat kemendesakan tidak dikenal.")})
    need = Need.objects.create(
        case=case, term=term, description=description.strip(), urgency=urgency, created_by=actor
    )
    _need_event(need, CaseEvent.Kind.NEED_ADDED, actor, urgency=urgency)
    _gap_sync(need)
    return need


@transaction.atomic
def need_update(
    *, actor, need: Need, expected_version: int, term=None, description=None, urgency=None
) -> Need:
    access.require_write(actor)
    changes = {}
    if term is not None and term.pk != need.term_id:
        changes["term"] = term
    if description is not None:
        if not description.strip():
            raise ValidationError({"description": _("Jelaskan kebutuhan klien.")})
        if description.strip() != need.description:
            changes["description"] = description.strip()
    if urgency is not None and urgency != need.urgency:
        if urgency not in Urgency.values:
            raise ValidationError({"urgency": _("Tingkat kemendesakan tidak dikenal.")})
        changes["urgency"] = urgency
    save_versioned(need, expected_version, **changes)
    if changes:
        _need_event(need, CaseEvent.Kind.NEED_UPDATED, actor, fields=sorted(changes))
        _gap_sync(need)
    return need


@transaction.atomic
def need_mark(*, actor, need: Need, status: str, expected_version=None, referral=None) -> Need:
    """Mark a need open, met or unmet. A completed referral marks its need met."""
    if referral is None:
        access.require_write(actor)
    if status not in Need.Status.values:
        raise ValidationError({"status": _("Status kebutuhan tidak dikenal.")})
    if status == need.status:
        return need
    save_versioned(need, expected_version, status=status)
    extra = {"referral": referral.number} if referral else {}
    _need_event(need, CaseEvent.Kind.NEED_UPDATED, actor, status=status, **extra)
    _gap_sync(need)
    return need


@transaction.atomic
def need_delete(*, actor, need: Need) -> None:
    access.require_write(actor)
    if need.referrals.exists():
        raise ValidationError(
            _("Kebutuhan yang sudah dirujuk tidak dapat dihapus; tandai tidak terpenuhi.")
        )
    save_versioned(need, need.version, deleted_at=timezone.now())
    _need_event(need, CaseEvent.Kind.NEED_UPDATED, actor, deleted=True)
    _gap_sync(need)
