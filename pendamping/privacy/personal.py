"""The client's own data-subject requests, part of their access package."""

from .models import SubjectRequest


def requests(client) -> list[dict]:
    return list(
        SubjectRequest.objects.filter(client_id=client.pk)
        .order_by("pk")
        .values("id", "kind", "requested_by", "received_at", "identity_check", "details",
                "due_at", "status", "response", "responded_at")
    )  # fmt: skip


def breaches(client) -> list[dict]:
    """The breaches that touched the client: what happened, which data, the letter."""
    from .models import BreachClient

    return list(
        BreachClient.objects.filter(client_id=client.pk)
        .order_by("breach_id")
        .values("breach_id", "breach__title", "breach__discovered_at", "breach__description",
                "breach__data_categories", "breach__containment", "notified_on")
    )  # fmt: skip
