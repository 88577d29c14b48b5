"""The client's own data-subject requests, part of their access package."""

from .models import Restriction, SubjectRequest


def requests(client) -> list[dict]:
    return list(
        SubjectRequest.objects.filter(client_id=client.pk)
        .order_by("pk")
        .values("id", "kind", "requested_by", "received_at", "identity_check", "details",
                "due_at", "status", "response", "responded_at")
    )  # fmt: skip


def erase_requests(client, erasure) -> None:
    """The register keeps each request's kind, dates, identity check and status (the
    officer's clock and counts); what was asked and answered in words goes."""
    from pendamping.erasure import blank

    blank(SubjectRequest.objects.filter(client_id=client.pk), "details", "response")


def erasures(client) -> list[dict]:
    from .erasure_models import Erasure

    return list(Erasure.objects.filter(client_id=client.pk).values("id", "at", "basis"))


def erase_erasures(client, erasure) -> None:
    """The audit trail of erasures holds no personal data: its reason is refused when
    it names the client (privacy/erasure.py), and the client is named by id only."""


def breaches(client) -> list[dict]:
    """The breaches that touched the client: what happened, which data, the letter."""
    from .models import BreachClient

    return list(
        BreachClient.objects.filter(client_id=client.pk)
        .order_by("breach_id")
        .values("breach_id", "breach__title", "breach__discovered_at", "breach__description",
                "breach__data_categories", "breach__containment", "notified_on",
                "letter_number")
    )  # fmt: skip


BREACH_TEXTS = ("title", "description", "containment")


def erase_breaches(client, erasure) -> None:
    """A breach's record tells what happened to the agency's data, not about the client;
    the client stays in it by id only (the count and the letters' dates are the
    agency's proof of notification). Its title, description and containment may name
    the client, and would then reach the other clients' access packages: in the
    breaches the client is on (or was taken off), the name, its words and the client's
    other identifiers become MARKER. The erasure's report counts those breaches."""
    from django.db.models import F, Q

    from pendamping.erasure import naming, unname

    from .models import Breach, BreachClient, BreachEvent

    texts = (*erasure.identifiers, *erasure.name_words)
    on = BreachClient.objects.filter(client_id=client.pk).values("breach_id")
    removed = BreachEvent.objects.filter(kind=BreachEvent.Kind.CLIENT_REMOVED,
                                         data__client=client.pk).values("breach_id")  # fmt: skip
    theirs = Breach.objects.filter(Q(pk__in=on) | Q(pk__in=removed))
    count = 0
    for ids in naming(theirs, BREACH_TEXTS, texts):
        for pk, *values in Breach.objects.filter(pk__in=ids).values_list("pk", *BREACH_TEXTS):
            changes = {f: unname(v, texts) for f, v in zip(BREACH_TEXTS, values, strict=True)}
            Breach.objects.filter(pk=pk).update(**changes, version=F("version") + 1)
            count += 1
    if count:
        erasure.report["breaches"] = count


def restrictions(client) -> list[dict]:
    return list(
        Restriction.objects.filter(client_id=client.pk)
        .order_by("pk")
        .values("id", "request_id", "since", "lifted_at", "lift_reason")
    )


def erase_restrictions(client, erasure) -> None:
    """A restriction keeps its dates (the agency's proof of having honoured it); the
    reason given for lifting it, in words, goes."""
    from pendamping.erasure import blank

    blank(Restriction.objects.filter(client_id=client.pk), "lift_reason")
