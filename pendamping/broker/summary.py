"""The broker's section of the printable case summary (``plugins.summary_section``):
the case's referrals with their status and follow-up date, in one query."""

from .access import referrals_for


def referrals(user, case) -> dict | None:
    rows = list(
        referrals_for(user).filter(case=case).select_related("service__organization", "need__term")
        .order_by("-created_at", "-id")[:20]
    )  # fmt: skip
    return {"referrals": rows} if rows else None
