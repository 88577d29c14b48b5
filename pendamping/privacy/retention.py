"""Retention (UU 27/2022 art. 43(1)(c) with the agency's retention schedule): which
clients are due for anonymisation, and the periodic check that tells the admins.

A client is due when all of these hold (README, "Retention"):

- none of their cases is open, and the last one closed at least ``closed_cases``
  years ago (a client without a case: registered that long ago);
- when their birth date is known, they turned 18 at least ``child`` years ago (a
  child's record is kept until 18 + N years, whatever their cases);
- they are not anonymised yet.

Whether the law still holds the record for another reason (a mediation, a complaint)
is decided when the admin approves (``erasure.refusals``), and shown on the list.
The privacy app sits below casework: cases and clients are read through the app
registry, never imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.apps import apps
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from .erasure_models import DEFAULT_YEARS, Erasure, RetentionRule

DUE_LIMIT = 500  # the page and the API list this many at most, oldest first


def years_of(agency_id: int) -> dict[str, int]:
    rules = dict(RetentionRule.objects.filter(agency_id=agency_id).values_list("kind", "years"))
    return {kind: rules.get(kind, DEFAULT_YEARS[kind]) for kind in RetentionRule.Kind.values}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def set_years(agency, years: dict[str, int], actor) -> dict[str, int]:
    """The admin's rules (page and API); the caller checked the role and the bounds."""
    from django.db import transaction

    from . import setting_audit
    from .models import SettingChange

    with transaction.atomic():
        before = years_of(agency.pk)
        for kind in RetentionRule.Kind.values:
            RetentionRule.objects.update_or_create(
                agency=agency, kind=kind, defaults={"years": years[kind], "updated_by": actor}
            )
        after = years_of(agency.pk)
        setting_audit.record(actor=actor, agency_id=agency.pk,
                             what=SettingChange.What.RETENTION, before=before, after=after)  # fmt: skip
    return after


@dataclass(frozen=True)
class Due:
    client_id: int
    full_name: str
    last_closed: date | None
    birth_date: date | None
    registered: date  # when it has no case, what made it due


def due_clients(agency_id: int, today: date | None = None, limit: int = DUE_LIMIT) -> list[Due]:
    """The agency's clients due for anonymisation, longest-closed first, in one query."""
    today = today or timezone.localdate()
    years = years_of(agency_id)
    Client = apps.get_model("clients", "Client")
    Case = apps.get_model("cases", "Case")
    closed_cut = timezone.make_aware(
        datetime.combine(_years_before(today, years[RetentionRule.Kind.CLOSED_CASES]), time.min)
    )
    adult_cut = _years_before(today, 18 + years[RetentionRule.Kind.CHILD])
    open_case = Case.objects.filter(
        client_id=OuterRef("pk"), closed_at__isnull=True, deleted_at__isnull=True
    )
    live = Q(cases__deleted_at__isnull=True)
    rows = (
        Client._base_manager.filter(agency_id=agency_id)
        .exclude(Exists(Erasure.objects.filter(client_id=OuterRef("pk"))))
        .exclude(Exists(open_case))
        # a soft-deleted case counts as no case (one deleted while open never closes)
        .annotate(
            last_closed=Max("cases__closed_at", filter=live),
            cases_count=Count("cases", filter=live),
        )
        .filter(
            Q(last_closed__lt=closed_cut) | Q(cases_count=0, created_at__lt=closed_cut),
            Q(birth_date__isnull=True) | Q(birth_date__lte=adult_cut),
        )
        .order_by("last_closed", "pk")
        .values("pk", "full_name", "last_closed", "birth_date", "created_at")[:limit]
    )
    return [
        Due(r["pk"], r["full_name"],
            timezone.localdate(r["last_closed"]) if r["last_closed"] else None, r["birth_date"],
            timezone.localdate(r["created_at"]))
        for r in rows
    ]  # fmt: skip


def notify_due(today: date | None = None) -> int:
    """A periodic check: each agency's admins get one notification a day while clients
    are due (it holds the count, never a name). Idempotent. Returns how many it raised."""
    from django.urls import reverse

    from pendamping.accounts.models import Agency, Membership, Role
    from pendamping.inbox.services import notify

    today = today or timezone.localdate()
    raised = 0
    for agency_id in Agency.objects.order_by("pk").values_list("pk", flat=True):
        count = len(due_clients(agency_id, today))
        if not count:
            continue
        admins = Membership.objects.filter(agency_id=agency_id, role=Role.ADMIN,
                                           user__is_active=True).values_list("user_id", flat=True)  # fmt: skip
        raised += len(notify(
            list(admins), "retention_due", url=reverse("retention"),
            dedupe=f"retention:{agency_id}:{today.isoformat()}", count=count,
            capped=count >= DUE_LIMIT,
        ))  # fmt: skip
    return raised
