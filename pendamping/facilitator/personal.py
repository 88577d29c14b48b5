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


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_enrolments(client, erasure) -> None:
    """The client's enrolments (through their cases, or as a member of a group) keep
    their status, attendance and scores (the programme's indicators); reasons, notes,
    observations, briefing entries and photos go, and the member's name leaves the
    group case's timeline."""
    from django.db.models import Q

    from pendamping.cases.models import CaseEvent
    from pendamping.erasure import blank

    from . import events
    from .models import BriefingEntry, Observation
    from .steps import photo_path

    mine = Enrolment._base_manager.filter(Q(case__client_id=client.pk) | Q(member_id=client.pk))
    ids = list(mine.values_list("pk", flat=True))
    blank(Enrolment._base_manager.filter(pk__in=ids), "reason")
    blank(Attendance._base_manager.filter(enrolment_id__in=ids), "reason", "note")
    notes = ParticipantNote._base_manager.filter(enrolment_id__in=ids)
    for note in notes.exclude(photo_name=""):
        erasure.delete_file(photo_path(note))
    blank(notes, "text", "photo_name", "photo_type")
    blank(ProgressNote._base_manager.filter(enrolment_id__in=ids), "body")
    blank(Observation._base_manager.filter(enrolment_id__in=ids), "difficulties")
    blank(BriefingEntry._base_manager.filter(enrolment_id__in=ids), "language", "literacy",
          "accessibility", "faith", "avoid", "note")  # fmt: skip
    CaseEvent.objects.filter(
        kind__in=[events.ENROLLED.code, events.ENROLMENT_CHANGED.code], data__member=client.pk
    ).redact_json("data", {"member_name"})
