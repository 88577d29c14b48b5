"""What the broker gives other apps to count (``plugins.measure_source``): each case's
referrals sent and referrals completed, for a whole list of cases in one query each."""

from __future__ import annotations

from django.db.models import Count

from .models import Referral, ReferralStatus

# A draft was never sent; one entered in error never happened.
NOT_SENT = (ReferralStatus.DRAFT, ReferralStatus.ENTERED_IN_ERROR)


def _counts(case_ids, **filters) -> dict[int, int]:
    rows = (
        Referral.objects.filter(case_id__in=case_ids, **filters)
        .exclude(status__in=NOT_SENT)
        .values("case_id")
        .annotate(n=Count("pk"))
        .values_list("case_id", "n")
    )
    return dict(rows)


def referrals_sent(case_ids: list[int]) -> dict[int, int]:
    """Referrals of each case that were sent (not drafts, not entered in error)."""
    return _counts(case_ids)


def referrals_completed(case_ids: list[int]) -> dict[int, int]:
    """Referrals of each case that the receiver completed."""
    return _counts(case_ids, status=ReferralStatus.COMPLETED)
