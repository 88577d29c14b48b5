"""The personal data the advocate holds about a client (plugins.personal_data): the
complaints made by or for them and their feedback. A group complaint's other
complainants and co-signers are other people's data and are not read, nor is a
complaint that someone else made about the client's case (an anonymous or a
community report: the reporter's words are the reporter's data, and the requester
may be the one complained of)."""

from django.db.models import Q

from .models import Complaint, Feedback


def complaints(client) -> list[dict]:
    mine = Q(client=client)
    rows = list(
        Complaint.objects.filter(mine)
        .order_by("pk")
        .values("id", "tracking_code", "channel", "category__name", "severity", "subject",
                "description", "obstacles", "wanted_resolution", "stage", "received_at",
                "closed_at", "decision", "decision_reason", "deleted_at")
    )  # fmt: skip
    feedback: dict[int, list] = {}
    for f in (
        Feedback.objects.filter(complaint__in=Complaint.objects.filter(mine))
        .order_by("at", "pk")
        .values("complaint_id", "satisfaction", "comment", "at")
    ):
        feedback.setdefault(f.pop("complaint_id"), []).append(f)
    for r in rows:
        r["feedback"] = feedback.get(r["id"], [])
    return rows
