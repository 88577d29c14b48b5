"""The personal data the cases app holds about a client (plugins.personal_data): cases,
progress notes (restricted notes withheld: author and supervisor only, DESIGN.md),
follow-up tasks, needs and the case timeline."""

from .models import Case, CaseEvent, Need, ProgressNote, Task


def cases(client) -> list[dict]:
    return list(
        Case.objects.filter(client=client)
        .order_by("pk")
        .values("id", "number", "presenting_problem", "risk_level", "stage", "opened_at",
                "closed_at", "closure_reason", "closure_note", "deleted_at")
    )  # fmt: skip


def notes(client) -> list[dict]:
    qs = ProgressNote.objects.filter(case__client=client).order_by("case_id", "occurred_on", "pk")
    rows = list(
        qs.exclude(confidentiality=ProgressNote.Confidentiality.RESTRICTED)
        .values("id", "case_id", "kind", "practice_role", "occurred_on", "body", "deleted_at")
    )  # fmt: skip
    withheld = qs.filter(confidentiality=ProgressNote.Confidentiality.RESTRICTED).count()
    if withheld:
        rows.append({"restricted_notes_withheld": withheld})
    return rows


def tasks(client) -> list[dict]:
    return list(
        Task.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "title", "due_date", "place", "done_at", "deleted_at")
    )


def needs(client) -> list[dict]:
    return list(
        Need.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "term__code", "description", "urgency", "status", "deleted_at")
    )


# What an event's data may name that is not the client's: the staff a case was given
# to or taken from, a task's assignee (their names are staff's personal data, and the
# package names staff by role only).
STAFF_KEYS = frozenset({"worker", "previous", "assignee", "actor", "by", "author"})


def timeline(client) -> list[dict]:
    # codes and numbers (DESIGN.md: history holds no text); a restricted note's event
    # keeps its kind, never the note; staff names are left out
    rows = list(
        CaseEvent.objects.filter(case__client=client)
        .order_by("at", "pk")
        .values("id", "case_id", "kind", "at", "data")
    )
    for row in rows:
        if isinstance(row["data"], dict):
            row["data"] = {k: v for k, v in row["data"].items() if k not in STAFF_KEYS}
    return rows


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_cases(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(Case._base_manager.filter(client_id=client.pk), "presenting_problem", "closure_note")


def erase_notes(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(ProgressNote._base_manager.filter(case__client_id=client.pk), "body")


def erase_tasks(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(Task._base_manager.filter(case__client_id=client.pk), "title", "place")


def erase_needs(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(Need._base_manager.filter(case__client_id=client.pk), "description")


# written before event kinds declared their free text: a ready line of text
LEGACY_TEXT_KEYS = ("summary",)


def erase_timeline(client, erasure) -> None:
    """Each event keeps its kind, time, actor and codes; the keys its kind declares as
    typed text (``EventKind.free_text``) are removed."""
    from pendamping import plugins

    events = CaseEvent.objects.filter(case__client_id=client.pk)
    for code in events.values_list("kind", flat=True).distinct():
        kind = plugins.registry.event_kind(code)
        keys = {*LEGACY_TEXT_KEYS, *(kind.free_text if kind else ())}
        events.filter(kind=code).redact_json("data", keys)


def hold_open_cases(client) -> list[str]:
    from django.utils.translation import gettext as _

    open_cases = Case.objects.filter(client_id=client.pk, closed_at__isnull=True,
                                     deleted_at__isnull=True)  # fmt: skip
    numbers = list(open_cases.order_by("number").values_list("number", flat=True))
    if not numbers:
        return []
    return [
        _(
            "Kasus %(numbers)s masih terbuka: layanan masih diberikan, dan catatan "
            "rehabilitasi sosial disimpan selama layanan berjalan (UU 11/2009 tentang "
            "Kesejahteraan Sosial). Tutup kasusnya lebih dulu."
        ) % {"numbers": ", ".join(numbers)}
    ]  # fmt: skip
