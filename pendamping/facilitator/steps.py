"""The four facilitation steps (issue 11): the instructor's briefing, the instructor's
record of the session, the participant's own notes, and the facilitator's progress
note. Writes only; the briefing as the instructor sees it is in ``briefing.py``."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import uploads
from pendamping.accounts import access
from pendamping.cases.models import ProgressNote as CaseNote
from pendamping.cases.services import event_append, require_open
from pendamping.concurrency import save_versioned
from pendamping.text import LONG_TEXT_MAX, long_text, single_line

from . import events
from .access import require_session_work
from .models import (
    BRIEFING_TYPED,
    Briefing,
    BriefingEntry,
    BriefingField,
    Enrolment,
    EnrolmentStatus,
    InstructorRecord,
    Level,
    Observation,
    ParticipantNote,
    ProgressNote,
    Session,
    SessionStatus,
)

PHOTO_MAX_BYTES = 5 * 1024 * 1024
TYPED_LIMITS = {"language": 100, "literacy": 100, "accessibility": 300, "faith": 300,
                "avoid": 300, "note": 500}  # fmt: skip


def upload_dir() -> Path:
    """The private folder of participants' photos: never under a served URL."""
    return Path(getattr(settings, "FACILITATOR_UPLOAD_DIR", settings.BASE_DIR / "var" / "notes"))


def _line(value, field: str, limit: int, *, required=False, multiline=False) -> str:
    value = (value or "").strip() if multiline else " ".join(str(value or "").split())
    if required and not value:
        raise ValidationError({field: _("Isian ini wajib diisi.")})
    if len(value) > limit:
        raise ValidationError({field: _("Paling banyak %(n)s karakter.") % {"n": limit}})
    (long_text if multiline else single_line)(value)
    return value


def _programme_enrolments(session: Session, ids) -> dict[int, Enrolment]:
    found = {
        e.pk: e
        for e in Enrolment.objects.alive()
        .filter(programme_id=session.programme_id, pk__in=list(ids))
        .exclude(status=EnrolmentStatus.WAITLISTED)
        .select_related("case")
    }
    if set(int(i) for i in ids) - set(found):
        raise ValidationError(_("Sebagian peserta tidak terdaftar di program ini."))
    return found


# ---- step 1: the briefing -------------------------------------------------------


@transaction.atomic
def briefing_save(
    *, actor, session: Session, fields, entries: dict, expected_version: int | None = None
) -> Briefing:
    """Prepare (or change) the session's briefing: ``fields`` picked from BriefingField,
    ``entries`` by enrolment id: ``{"literacy": ..., "note": ...}``. Entries of
    participants not given stay as they were."""
    access.require_write(actor)
    picked = {str(f) for f in fields or []}
    if picked - set(BriefingField.values):
        raise ValidationError({"fields": _("Pilih isi briefing dari daftar.")})
    fields = [f for f in BriefingField.values if f in picked]
    clean = {}
    for key, entry in (entries or {}).items():
        clean[int(key)] = {f: _line(entry.get(f), f, TYPED_LIMITS[f]) for f in BRIEFING_TYPED}
    _programme_enrolments(session, clean)
    briefing = Briefing.objects.filter(session=session).first()
    if briefing is None:
        briefing = Briefing.objects.create(session=session, fields=fields, prepared_by=actor)
    else:
        save_versioned(briefing, expected_version, fields=fields, prepared_by=actor)
    for enrolment_id, values in clean.items():
        BriefingEntry.objects.update_or_create(
            briefing=briefing, enrolment_id=enrolment_id, defaults=values
        )
    return briefing


# ---- step 2: the instructor's record ----------------------------------------------


@transaction.atomic
def delivery_save(
    *,
    actor,
    session: Session,
    topic: str,
    duration_minutes,
    materials: str = "",
    observations: dict | None = None,
    expected_version: int | None = None,
) -> InstructorRecord:
    """What the session conveyed, and per participant (by enrolment id) attention,
    participation and difficulties. The session's instructor or the agency's staff."""
    require_session_work(actor, session)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Sesi yang dibatalkan tidak memiliki catatan instruktur."))
    topic = _line(topic, "topic", 200, required=True)
    materials = _line(materials, "materials", LONG_TEXT_MAX, multiline=True)
    try:
        duration = int(duration_minutes)
    except (TypeError, ValueError):
        duration = 0
    if not 1 <= duration <= 1440:
        raise ValidationError({"duration_minutes": _("Isi durasi antara 1 dan 1440 menit.")})
    clean = {}
    for key, obs in (observations or {}).items():
        row = {f: obs.get(f) or "" for f in ("attention", "participation")}
        if any(v and v not in Level.values for v in row.values()):
            raise ValidationError({"observations": _("Pilih penilaian dari daftar.")})
        row["difficulties"] = _line(obs.get("difficulties"), "difficulties", 300)
        if any(row.values()):
            clean[int(key)] = row
    _programme_enrolments(session, clean)
    values = {"topic": topic, "materials": materials, "duration_minutes": duration}
    record = InstructorRecord.objects.filter(session=session).first()
    if record is None:
        record = InstructorRecord.objects.create(session=session, recorded_by=actor, **values)
    else:
        save_versioned(record, expected_version, recorded_by=actor, **values)
    for enrolment_id, row in clean.items():
        Observation.objects.update_or_create(
            session=session, enrolment_id=enrolment_id,
            defaults=row | {"recorded_by": actor, "recorded_at": timezone.now()},
        )  # fmt: skip
    return record


# ---- step 3: the participant's notes ---------------------------------------------


PHOTO_MAX_PIXELS = uploads.MAX_IMAGE_PIXELS  # 16 megapixels: more is no page of notes


def _photo(upload) -> tuple[bytes, str, str]:
    """The upload as a clean image (pendamping/uploads.py): judged by content, never by
    the file's name or the browser's word; at most PHOTO_MAX_PIXELS; re-encoded, so it
    holds the pixels only, without the EXIF position, time and device of the original."""
    return uploads.clean_upload(
        upload, field="photo", max_bytes=PHOTO_MAX_BYTES, max_pixels=PHOTO_MAX_PIXELS, pdf=False,
        wrong_type=_("Unggah foto berformat JPEG, PNG atau WebP."),
    )  # fmt: skip


def participant_note_add(
    *, actor, session: Session, enrolment: Enrolment, text: str = "", photo=None
) -> ParticipantNote:
    """The participant's own notes: typed, or a photo of the handwritten page (or both).

    The photo is written before the row, so that a full disk refuses the note. When
    the transaction does not commit (any error in it, the commit itself failing) the
    file is removed at once; when an outer transaction of the caller rolls back later,
    no row names the file and ``sweep_photos`` (a periodic check) removes it."""
    written: list[Path] = []
    try:
        with transaction.atomic():
            return _note_add(actor, session, enrolment, text, photo, written)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _note_add(actor, session, enrolment, text, photo, written: list) -> ParticipantNote:
    access.require_write(actor)
    _programme_enrolments(session, [enrolment.pk])
    text = _line(text, "text", LONG_TEXT_MAX, multiline=True)
    if not text and photo is None:
        raise ValidationError({"text": _("Tuliskan catatan atau unggah foto halamannya.")})
    note = ParticipantNote(session=session, enrolment=enrolment, text=text, recorded_by=actor)
    if photo is not None:
        data, content_type, ext = _photo(photo)
        folder = upload_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = f"{secrets.token_hex(16)}.{ext}"
        path = folder / name
        with open(path, "xb") as out:
            written.append(path)
            out.write(data)
        path.chmod(0o600)
        note.photo_name, note.photo_type, note.photo_size = name, content_type, len(data)
    note.save()
    return note


PHOTO_SWEEP_GRACE_SECONDS = 3600  # longer than any transaction that writes a photo


def sweep_photos(now: float | None = None) -> int:
    """Remove photo files that no note names, written more than the grace period ago
    (left by a transaction that rolled back after the file was written, or by a
    process that died in between). Idempotent; answers how many files went."""
    import time

    folder = upload_dir()
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - PHOTO_SWEEP_GRACE_SECONDS
    old = {p.name: p for p in folder.iterdir() if p.is_file() and p.stat().st_mtime < cutoff}
    if not old:
        return 0
    named = set(
        ParticipantNote.objects.filter(photo_name__in=list(old)).values_list(
            "photo_name", flat=True
        )
    )
    gone = 0
    for name, path in old.items():
        if name not in named:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def photo_path(note: ParticipantNote) -> Path | None:
    return upload_dir() / note.photo_name if note.photo_name else None


# ---- step 4: the facilitator's progress note ---------------------------------------


@transaction.atomic
def progress_note_save(
    *, actor, session: Session, enrolment: Enrolment, body: str, expected_version=None
) -> ProgressNote:
    """A progress note per participant per session; its event on the case's timeline
    (ids and the facilitator role only) is appended when it is first written."""
    access.require_write(actor)
    require_open(enrolment.case)
    _programme_enrolments(session, [enrolment.pk])
    body = _line(body, "body", LONG_TEXT_MAX, required=True, multiline=True)
    note = ProgressNote.objects.alive().filter(session=session, enrolment=enrolment).first()
    if note is not None:
        save_versioned(note, expected_version, body=body)
        return note
    note = ProgressNote.objects.create(
        session=session, enrolment=enrolment, body=body, author=actor
    )
    event_append(
        enrolment.case, events.PROGRESS_NOTED, actor,
        programme=session.programme_id, session=session.pk, enrolment=enrolment.pk,
        progress=note.pk, practice_role=CaseNote.PracticeRole.FACILITATOR.value,
    )  # fmt: skip
    return note
