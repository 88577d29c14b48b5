"""The client's own data-subject requests, part of their access package."""

from .models import SubjectRequest


def requests(client) -> list[dict]:
    return list(
        SubjectRequest.objects.filter(client_id=client.pk)
        .order_by("pk")
        .values("id", "kind", "requested_by", "received_at", "identity_check", "details",
                "due_at", "status", "response", "responded_at")
    )  # fmt: skip
