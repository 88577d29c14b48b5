"""Writes of the gap register and the initiatives that create missing resources."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.models import Need
from pendamping.clients.models import Region
from pendamping.concurrency import save_versioned
from pendamping.inbox.services import notify
from pendamping.taxonomy.models import TaxonomyTerm

from .. import matching
from ..models import (
    LIVE_STATUSES,
    Gap,
    GapReason,
    Initiative,
    ReferralStatus,
    Service,
)

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
                case = gap.need.case
                notify([case.assigned_worker_id], "service_found",
                       url=reverse("need_detail", kwargs={"pk": gap.need_id}), target=gap,
                       dedupe=f"gap:{gap.pk}:service:{hit.service.pk}", case=case.number,
                       term=gap.need.term.name_id, term_en=gap.need.term.name_en)  # fmt: skip
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
