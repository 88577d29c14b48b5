"""Writes about the freshness of capacity: "still correct", the agency's setting, and
the weekly reminder of stale capacity (``stale.py``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.models import Membership, Role
from pendamping.concurrency import save_versioned

from ..access import require_edit_entry
from ..models import Service
from ..stale import DirectorySettings, stale_before, stale_q

STALE_KIND = "capacity_stale"


@transaction.atomic
def service_confirm_capacity(*, actor, service: Service, expected_version: int) -> Service:
    """The capacity is still correct as it stands: record that it was checked now."""
    require_edit_entry(actor, service)
    save_versioned(service, expected_version, capacity_updated_at=timezone.now())
    return service


@transaction.atomic
def directory_settings_save(*, actor, capacity_stale_days: int) -> DirectorySettings:
    access.require_manage_agency(actor)
    if not 1 <= int(capacity_stale_days) <= 365:
        raise ValidationError(
            {"capacity_stale_days": _("Isi jumlah hari antara 1 dan 365.")}
        )  # fmt: skip
    row, _created = DirectorySettings.objects.update_or_create(
        agency=access.agency_of(actor), defaults={"capacity_stale_days": capacity_stale_days}
    )
    return row


def notify_stale_capacity() -> int:
    """Once a week, tell each agency's admins and the writers who recorded a stale
    service how many of the agency's services have stale capacity. Idempotent within
    the week (the dedupe key is the ISO week). Returns the notifications written."""
    from pendamping.inbox.services import notify

    year, week, _day = timezone.localdate().isocalendar()
    dedupe = f"{STALE_KIND}:{year}-W{week:02d}"
    written = 0
    agencies = Service.objects.alive().values_list("agency_id", flat=True).distinct()
    for agency_id in agencies.order_by("agency_id"):
        stale = Service.objects.alive().filter(stale_q(stale_before(agency_id)),
                                               agency_id=agency_id)  # fmt: skip
        by_creator = dict(
            stale.filter(created_by__isnull=False).values_list("created_by").annotate(n=Count("id"))
            .order_by()
        )  # fmt: skip
        total = stale.count()
        if not total:
            continue
        writers = Membership.objects.filter(
            agency_id=agency_id, role__in=access.WRITE_ROLES, user__is_active=True
        )
        recipients = set(writers.filter(role=Role.ADMIN).values_list("user_id", flat=True))
        recipients |= set(writers.filter(user_id__in=by_creator).values_list("user_id", flat=True))
        written += len(
            notify(sorted(recipients), STALE_KIND, url=reverse("stale_capacity"),
                   dedupe=dedupe, count=total)
        )  # fmt: skip
    return written
