"""The personal data the facilitator holds about a client (plugins.personal_data): the
programme enrolments of their cases, with attendance, their own notes and the
progress notes written about them (other participants' rows are not read)."""

from .models import Attendance, Enrolment, ParticipantNote, ProgressNote


def _by_enrolment(qs, *fields) -> dict[int, list]:
    out: dict[int, list] = {}
    for row in qs.order_by("pk").values("enrolment_id", *fields):
        out.setdefault(row.pop("enrolment_id"), []).append(row)
    return out


def enrolments(client) -> list[dict]:
    rows = list(
        Enrolment.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "programme__title", "status", "reason", "created_at",
                "deleted_at")
    )  # fmt: skip
    mine = {"enrolment__case__client": client}
    attendance = _by_enrolment(Attendance.objects.filter(**mine), "session__starts_at",
                               "status", "reason", "note")  # fmt: skip
    notes = _by_enrolment(ParticipantNote.objects.filter(**mine), "session_id", "text",
                          "photo_name", "created_at", "deleted_at")  # fmt: skip
    progress = _by_enrolment(ProgressNote.objects.filter(**mine), "session_id", "body",
                             "created_at", "deleted_at")  # fmt: skip
    for e in rows:
        e["attendance"] = attendance.get(e["id"], [])
        e["own_notes"] = notes.get(e["id"], [])
        e["progress_notes"] = progress.get(e["id"], [])
    return rows
