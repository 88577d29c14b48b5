"""The personal data the mediator holds about a client (plugins.personal_data): the
client's own party rows, the mediation's neutral facts and the client's own
perceptions. The other party's rows, perceptions and caucuses are another person's
data (GLOSSARY, Art 33) and are not read; nor is the client's view of the other party."""

from django.db.models import Q

from .models import Mediation, Party, Perception


def parties(client) -> list[dict]:
    rows = list(
        Party.objects.filter(client=client)
        .order_by("pk")
        .values("id", "mediation_id", "mediation__kind", "mediation__stage", "mediation__outcome",
                "name", "relationship", "contact", "is_child", "consent_method", "consent_at",
                "consent_withdrawn_at", "deleted_at")
    )  # fmt: skip
    own: dict[int, list] = {}
    for p in (
        Perception.objects.filter(party__client=client)
        .order_by("pk")
        .values("party_id", "issue_id", "position", "interests", "feelings")
    ):
        own.setdefault(p.pop("party_id"), []).append(p)
    for r in rows:
        r["perceptions"] = own.get(r["id"], [])
    return rows


def mediations(client) -> list[dict]:
    # mediations linked to the client's cases, by their neutral facts only
    return list(
        Mediation.objects.filter(Q(cases__client=client))
        .distinct()
        .order_by("pk")
        .values("id", "kind", "stage", "outcome", "agreement_reached_on", "closed_at")
    )
