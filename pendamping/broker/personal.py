"""The personal data the broker holds about a client (plugins.personal_data): the
referrals of their cases (what was shared with whom) and each one's status changes."""

from .models import Referral, ReferralUpdate


def referrals(client) -> list[dict]:
    rows = list(
        Referral.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "need__term__code", "service__name", "receiving_agency__name",
                "status", "note_for_receiver", "shared_fields", "sent_at", "closed_at")
    )  # fmt: skip
    updates: dict[int, list] = {}
    for u in (
        ReferralUpdate.objects.filter(referral__case__client=client)
        .order_by("at", "pk")
        .values("referral_id", "from_status", "to_status", "reason", "at")
    ):
        updates.setdefault(u.pop("referral_id"), []).append(u)
    for r in rows:
        r["updates"] = updates.get(r["id"], [])
    return rows


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_referrals(client, erasure) -> None:
    """The referral keeps its service, receiver, status and dates (the gap register
    and the completion counts read them); what it shared about the client and every
    reason typed at a status change are removed."""
    from pendamping.erasure import blank, redact

    blank(Referral._base_manager.filter(case__client_id=client.pk), "note_for_receiver",
          shared={})  # fmt: skip
    redact(ReferralUpdate.objects.filter(referral__case__client_id=client.pk), "reason")
