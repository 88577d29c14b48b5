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
