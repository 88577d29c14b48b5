"""The client's own data-subject requests, part of their access package."""

from .models import Restriction, SubjectRequest


def requests(client) -> list[dict]:
    return list(
        SubjectRequest.objects.filter(client_id=client.pk)
        .order_by("pk")
        .values("id", "kind", "requested_by", "received_at", "identity_check", "details",
                "due_at", "status", "response", "responded_at")
    )  # fmt: skip


def restrictions(client) -> list[dict]:
    return list(
        Restriction.objects.filter(client_id=client.pk)
        .order_by("pk")
        .values("id", "request_id", "since", "lifted_at", "lift_reason")
    )
