"""Reading the processing log: filtered lists and unusual reading."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Count, QuerySet
from django.utils import timezone

from pendamping.accounts.access import agency_of, membership_of
from pendamping.accounts.models import Membership

from .access import access_records_for, can_read_log, subject_requests_for
from .models import DUE_SOON_HOURS, AccessRecord, PrivacySettings, SubjectRequest


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log(user, *, client_id=None, user_id=None, since=None, until=None) -> QuerySet:
    """The log rows ``user`` may read, filtered; newest first. For a client of the
    reader's agency, also the reads made from another agency."""
    qs = access_records_for(user)
    if client_id is not None:
        m = membership_of(user)
        Client = apps.get_model("clients", "Client")
        own = (
            m is not None
            and can_read_log(user)
            and Client.objects.filter(pk=client_id, agency_id=m.agency_id).exists()
        )
        if own:
            qs = AccessRecord.objects.all()
        qs = qs.filter(clients__contains=AccessRecord.pattern(client_id))
    if user_id is not None:
        qs = qs.filter(user_id=user_id)
    if since is not None:
        qs = qs.filter(at__gte=_start_of(since))
    if until is not None:
        qs = qs.filter(at__lt=_start_of(until + timedelta(days=1)))
    return qs.select_related("user", "user__membership", "agency").order_by("-at", "-pk")


def client_names(records, agency) -> dict[int, str]:
    """The names of the reader's agency's clients that the rows name, in one query (no
    instances built). A row of another agency (a shared referral read there) may list
    that agency's clients too: those stay ids, never names."""
    ids = {pk for r in records for pk in r.client_ids}
    Client = apps.get_model("clients", "Client")
    rows = Client.objects.filter(pk__in=ids, agency=agency).values_list("pk", "full_name")
    return dict(rows)


def settings_for(agency) -> PrivacySettings:
    found = PrivacySettings.objects.filter(agency=agency).first()
    return found or PrivacySettings(agency=agency)


def unusual_reading(user, day: date | None = None, *, margin: int | None = None) -> list[dict]:
    """Users of the agency who opened, on ``day``, more client files (pages of one
    client) than the clients of their open cases plus the agency's margin (its
    setting unless given). Counted by the database, grouped by user: the day's rows
    are never brought over (a provincial agency logs tens of thousands a day)."""
    agency = agency_of(user)
    day = day or timezone.localdate()
    start = _start_of(day)
    if margin is None:
        margin = settings_for(agency).unusual_reading_margin
    many = dict(
        AccessRecord.objects.filter(
            agency=agency, at__gte=start, at__lt=start + timedelta(days=1), client_count=1
        )
        .order_by()
        .values("user_id")
        .annotate(n=Count("clients", distinct=True))
        .filter(n__gt=margin)
        .values_list("user_id", "n")
    )
    if not many:
        return []
    Case = apps.get_model("cases", "Case")
    caseload = dict(
        Case.objects.filter(
            agency=agency, assigned_worker_id__in=many, closed_at__isnull=True,
            deleted_at__isnull=True,
        )
        .values("assigned_worker_id")
        .annotate(n=Count("client_id", distinct=True))
        .values_list("assigned_worker_id", "n")
    )  # fmt: skip
    flagged = {uid: n for uid, n in many.items() if n > caseload.get(uid, 0) + margin}
    members = Membership.objects.filter(user_id__in=flagged).select_related("user")
    return sorted(
        (
            {"user": m.user, "role": m.get_role_display(), "opened": flagged[m.user_id],
             "caseload": caseload.get(m.user_id, 0)}
            for m in members
        ),
        key=lambda r: -r["opened"],
    )  # fmt: skip


def home_unusual_reading(user) -> dict | None:
    """The data protection officer's card: today's unusual reading."""
    if not can_read_log(user):
        return None
    margin = settings_for(agency_of(user)).unusual_reading_margin
    return {
        "flagged": unusual_reading(user, margin=margin),
        "margin": margin,
        "day": timezone.localdate(),
    }


HOME_LIMIT = 10


def home_subject_requests(user) -> dict | None:
    """The officer's card: open data-subject requests due within a day or overdue."""
    if not can_read_log(user):
        return None
    now = timezone.now()
    open_ = subject_requests_for(user).filter(status__in=SubjectRequest.OPEN)
    due = list(open_.filter(due_at__lte=now + timedelta(hours=DUE_SOON_HOURS))
               .order_by("due_at", "pk")[:HOME_LIMIT])  # fmt: skip
    for r in due:
        r.state, r.left = r.clock(now), abs(r.hours_left(now))
    return {"due": due, "open": open_.count()}
