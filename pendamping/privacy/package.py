"""The data subject's access package (UU 27/2022 art. 32; portability art. 13): every
app's part of what is held about the client (``plugins.personal_data``) and who
processed the file, from the processing log, by agency and role (staff names are
not given: they are other people's personal data, Art 33).

What each app returns already leaves out other people's data (a mediation's other
party, a group complaint's other complainants) and restricted notes (a count says
how many were withheld); the officer reviews the package before it is released."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, Min
from django.utils import timezone

from pendamping import plugins
from pendamping.accounts.models import Role

from .models import AccessRecord, SubjectRequest

FORMAT = "pendamping.access-package/1"


def processing(client_id: int) -> list[dict]:
    """Who read the client's file: one line per agency, role and page or operation."""
    rows = (
        AccessRecord.objects.filter(clients__contains=AccessRecord.pattern(client_id))
        .values("agency__name", "user__membership__role", "what")
        .annotate(times=Count("pk"), first=Min("at"), last=Max("at"))
        .order_by("agency__name", "user__membership__role", "what")
    )
    roles = dict(Role.choices)
    return [
        {"agency": r["agency__name"], "role": r["user__membership__role"] or "",
         "role_label": str(roles.get(r["user__membership__role"], "")), "what": r["what"],
         "times": r["times"], "first": r["first"], "last": r["last"]}
        for r in rows
    ]  # fmt: skip


def build(request: SubjectRequest) -> dict:
    """The package of ``request``'s client, as plain data (JSON-able with DjangoJSONEncoder)."""
    client = request.client
    sections = [
        {"key": part.key, "title": str(part.title), "records": part.records(client)}
        for part in plugins.registry.personal_data()
    ]
    return {
        "format": FORMAT,
        "generated_at": timezone.now(),
        "request": {
            "id": request.pk,
            "kind": request.kind,
            "received_at": request.received_at,
            "due_at": request.due_at,
        },
        # the admin's sign-off (fulfil.package_release): until then the package is a draft
        "release": {
            "status": "released" if request.package_released else "draft",
            "released_at": request.package_released_at,
        },
        "controller": request.agency.name,
        "client_id": client.pk,
        "sections": sections,
        "processing": processing(client.pk),
    }


def as_json(package: dict) -> str:
    return json.dumps(package, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value.tzinfo else str(value)
    if hasattr(value, "isoformat"):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return " | ".join(_text(v) for v in value)
    return str(value)


def readable(sections: list[dict]) -> list[dict]:
    """The sections for the printed package: each record as (field, text) lines."""
    return [
        {"title": s["title"], "records": [
            [(key.replace("__", " ").replace("_", " "), _text(value)) for key, value in r.items()]
            for r in s["records"]
        ]}
        for s in sections
    ]  # fmt: skip
