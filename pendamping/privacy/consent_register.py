"""The officer's register of the agency's consents: who, which purposes and data
categories, given or withdrawn, the kind of proof; never case content."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .access import registered_consents_for


def consents(user, filters: dict):
    """The agency's consents, filtered; newest first; with the client's id and name
    only (the client instance is loaded, so the page's log row names them)."""
    qs = registered_consents_for(user).select_related("client").only(
        "id", "client__id", "client__full_name", "client__agency_id", "purpose", "lawful_basis",
        "given_by", "guardian_name", "method", "data_categories", "data_types", "given_on",
        "witness_name", "recording_reference", "proof_file", "recorded_at", "withdrawn_at", "retention_until",
    )  # fmt: skip
    if filters.get("purpose"):
        qs = qs.filter(purpose=filters["purpose"])
    if filters.get("method"):
        qs = qs.filter(method=filters["method"])
    if filters.get("client_id"):
        qs = qs.filter(client_id=filters["client_id"])
    if filters.get("state") == "active":
        qs = qs.filter(withdrawn_at__isnull=True)
    elif filters.get("state") == "withdrawn":
        qs = qs.filter(withdrawn_at__isnull=False)
    if filters.get("category"):
        # JSON lists: a LIKE on the quoted code works on SQLite and PostgreSQL alike
        qs = qs.filter(data_categories__icontains=f'"{filters["category"]}"')
    return qs.order_by("-recorded_at", "-pk")


def proof_kind(c) -> str:
    if c.method == "written":
        return _("Formulir dipindai") if c.proof_file else _("Tertulis, tanpa pindaian")
    if c.method == "verbal":
        return _("Lisan, dengan saksi") if c.witness_name else _("Lisan")
    if c.method == "recorded":
        return _("Terekam, tempat rekaman dicatat") if c.recording_reference else _("Terekam")
    return str(c.get_method_display())
