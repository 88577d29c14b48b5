"""Permission-matrix entries for the facilitator's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py (rules defined there). The
prepared world makes agency A's instructor an instructor of the session, so the
session, its programme and its briefing are theirs to see ("member"); they record the
session's attendance and their own record of it ("session_work") and change nothing
else ("entry_write": 403) and see no case ("write": 404). Their narrow view is tested
both ways in test_instructor.py and test_steps.py. A briefing holds client data: the
agency's staff and the session's instructor read it, the data protection officer sees
the session but gets 403 on its briefing (rule "briefing").
"""

import tempfile
from datetime import timedelta

from django.utils import timezone

RULES = {
    "briefing": (
        {"worker", "other_worker", "supervisor", "admin", "auditor", "instructor"},
        {"dpo"},
    ),
}


def _soon():
    return (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


def programme_data(f=None):
    today = timezone.localdate()
    return {
        "title": "Bimbingan mental spiritual", "kind": "terapi_mental_spiritual",
        "objectives": "Tenang", "location": "Aula", "capacity": 10,
        "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=60)).isoformat(),
        "compliant_share": "0.80", "partial_share": "0.50", "modules": "Doa\nSabar",
    }  # fmt: skip


def facilitator(f):
    """Agency A's programme with a module, the instructor user on a session, and the
    case enrolled."""
    from pendamping.facilitator import services
    from pendamping.facilitator.models import Instructor

    if hasattr(f, "programme"):
        return
    worker = f.users["worker"]
    today = timezone.localdate()
    f.programme = services.programme_save(
        actor=worker,
        data={"title": "Bimbingan mental spiritual", "kind": "terapi_mental_spiritual",
              "starts_on": today, "ends_on": today + timedelta(days=60), "capacity": 5,
              "modules": ["Doa", "Sabar"], "facilitators": [worker]},
    )  # fmt: skip
    f.instructor = Instructor.objects.create(
        agency=f.agency, user=f.users["instructor"], name="Ustadz Ahmad"
    )
    f.session = services.session_schedule(
        actor=worker, programme=f.programme, starts_at=timezone.now(),
        module=f.programme.modules.first(), instructors=[f.instructor],
    )  # fmt: skip
    f.enrolment = services.enrol(actor=worker, programme=f.programme, case=f.case)


def with_steps(f):
    """The facilitator world with a briefing and a participant's note with a photo."""
    import io

    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from pendamping.facilitator import steps

    facilitator(f)
    if hasattr(f, "photo_note"):
        return
    if not hasattr(settings, "FACILITATOR_UPLOAD_DIR"):
        settings.FACILITATOR_UPLOAD_DIR = tempfile.mkdtemp(prefix="facilitator-notes-")
    worker = f.users["worker"]
    f.briefing = steps.briefing_save(
        actor=worker, session=f.session, fields=["preferred_name", "note"],
        entries={f.enrolment.pk: {"note": "Suka bernyanyi"}},
    )  # fmt: skip
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, "PNG")
    f.photo_note = steps.participant_note_add(
        actor=worker, session=f.session, enrolment=f.enrolment,
        photo=SimpleUploadedFile("page.png", buf.getvalue()),
    )  # fmt: skip


def _photo_upload(f):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, "PNG")
    return {"photo": SimpleUploadedFile("page.png", buf.getvalue(), "image/png"), "text": "Doa"}


def _participant(f):
    return {"pk": f.session.pk, "enrolment_pk": f.enrolment.pk}


def _participant_api(f):
    return {"session_id": f.session.pk, "enrolment_id": f.enrolment.pk}


def with_measures(f):
    """The programme measures sewing skills; the participant has a pre score."""
    from pendamping.facilitator import outcomes

    facilitator(f)
    if f.programme.measures != ["sewing_skills"]:
        f.programme.measures = ["sewing_skills"]
        f.programme.save(update_fields=["measures"])
        f.enrolment.programme.refresh_from_db()
        outcomes.score_record(
            actor=f.users["worker"], enrolment=f.enrolment, measure="sewing_skills",
            phase="pre", answers={"s1": "1", "s2": "0", "s3": "0", "s4": "1", "s5": "0"},
        )  # fmt: skip


def with_indicator(f):
    from pendamping.facilitator import indicators

    facilitator(f)
    if not hasattr(f, "indicator"):
        f.indicator = indicators.indicator_save(
            actor=f.users["worker"], programme=f.programme,
            data={"name": "Kehadiran", "numerator": "attendance_present",
                  "denominator": "attendance_marked", "period_type": "year"},
        )  # fmt: skip


def with_delivery(f):
    from pendamping.facilitator import steps

    facilitator(f)
    if not hasattr(f, "delivery"):
        f.delivery = steps.delivery_save(
            actor=f.users["worker"], session=f.session, topic="Doa", duration_minutes=30
        )


HTML = {
    # the user's own agency's instructors (each user's agency; none for an instructor)
    "instructor_list": ("get", lambda f: {}, None, "any", None),
    "instructor_add": ("post", lambda f: {}, lambda f: {"name": "Ibu Nyai"}, "create", None),
    "programme_list": ("get", lambda f: {}, None, "any", facilitator),
    "programme_create": ("post", lambda f: {}, programme_data, "create", None),
    "programme_detail": ("get", lambda f: {"pk": f.programme.pk}, None, "member", facilitator),
    "programme_edit": ("post", lambda f: {"pk": f.programme.pk},
                       lambda f: programme_data() | {"version": f.programme.version},
                       "entry_write", facilitator),
    "programme_close": ("post", lambda f: {"pk": f.programme.pk},
                        lambda f: {"version": f.programme.version, "confirm": "on"},
                        "entry_write", facilitator),
    "session_add": ("post", lambda f: {"pk": f.programme.pk},
                    lambda f: {"starts_at": _soon(), "instructors": [f.instructor.pk]},
                    "entry_write", facilitator),
    "session_detail": ("get", lambda f: {"pk": f.session.pk}, None, "member", facilitator),
    "session_status": ("post", lambda f: {"pk": f.session.pk},
                       lambda f: {"status": "in_progress", "version": f.session.version},
                       "entry_write", facilitator),
    "attendance_save": ("post", lambda f: {"pk": f.session.pk},
                        lambda f: {f"status_{f.enrolment.pk}": "present"}, "session_work",
                        facilitator),
    "attendance_sheet_pdf": ("get", lambda f: {"pk": f.session.pk}, None, "member", facilitator),
    "briefing_page": ("get", lambda f: {"pk": f.session.pk}, None, "briefing", with_steps),
    "briefing_pdf": ("get", lambda f: {"pk": f.session.pk}, None, "briefing", with_steps),
    "briefing_edit": ("post", lambda f: {"pk": f.session.pk},
                      lambda f: {"fields_": ["preferred_name", "age"]}, "entry_write", facilitator),
    "delivery_save": ("post", lambda f: {"pk": f.session.pk},
                      lambda f: {"topic": "Doa harian", "duration_minutes": 60}, "session_work",
                      facilitator),
    "session_participant": ("get", _participant, None, "read", facilitator),
    "participant_note_add": ("post", _participant, lambda f: {"text": "Saya belajar sabar"},
                             "write", facilitator),
    "progress_note_save": ("post", _participant, lambda f: {"body": "Lebih tenang"}, "write",
                           facilitator),
    "programme_gains": ("get", lambda f: {"pk": f.programme.pk}, None, "member", with_measures),
    "score_form": ("post", lambda f: {"pk": f.programme.pk, "enrolment_pk": f.enrolment.pk,
                                      "code": "sewing_skills", "phase": "pre"},
                   lambda f: {f"item_s{i}": "1" for i in range(1, 6)}, "write", with_measures),
    "indicator_list": ("get", lambda f: {"pk": f.programme.pk}, None, "agency_read",
                       with_indicator),
    "indicator_xlsx": ("get", lambda f: {"pk": f.programme.pk}, None, "agency_read",
                       with_indicator),
    "indicator_add": ("post", lambda f: {"pk": f.programme.pk},
                      lambda f: {"name": "Kehadiran", "numerator": "attendance_present",
                                 "denominator": "attendance_marked", "factor": "100",
                                 "period_type": "year", "amber_from": "0.6",
                                 "green_from": "0.9"}, "entry_write", facilitator),
    # the agency's own programmes (each user's agency): staff, never instructors
    "agency_indicators": ("get", lambda f: {}, None, "staff", with_indicator),
    "agency_indicators_xlsx": ("get", lambda f: {}, None, "staff", with_indicator),
    "participant_note_photo": ("get", lambda f: {"pk": f.photo_note.pk}, None, "read", with_steps),
    "attendance_sheet": ("get", lambda f: {"pk": f.session.pk}, None, "member", facilitator),
    "case_enrol": ("get", lambda f: {"pk": f.case.pk}, None, "write", facilitator),
    "enrolment_leave": ("post", lambda f: {"pk": f.enrolment.pk},
                        lambda f: {"reason": "Pindah kota", "version": f.enrolment.version},
                        "write", facilitator),
}  # fmt: skip


def _programme_json(f):
    data = programme_data()
    data["modules"] = ["Doa", "Sabar"]
    data["capacity"] = 10
    return data


def _with_second_programme(f):
    """A programme the case is not in yet (so that enrolling it succeeds)."""
    from pendamping.facilitator import services

    facilitator(f)
    if not hasattr(f, "second"):
        today = timezone.localdate()
        f.second = services.programme_save(
            actor=f.users["worker"],
            data={"title": "Menjahit", "kind": "pelatihan_vokasional", "starts_on": today,
                  "ends_on": today + timedelta(days=30)},
        )  # fmt: skip


API = {
    ("GET", "/instructors"): (lambda f: {}, None, "any", None),
    ("POST", "/instructors"): (lambda f: {}, lambda f: {"name": "Ibu Nyai"}, "create", None),
    ("GET", "/programmes"): (lambda f: {}, None, "any", facilitator),
    ("POST", "/programmes"): (lambda f: {}, _programme_json, "create", None),
    ("GET", "/programmes/{programme_id}"): (lambda f: {"programme_id": f.programme.pk}, None,
                                             "member", facilitator),
    ("GET", "/programmes/{programme_id}/sessions"): (lambda f: {"programme_id": f.programme.pk},
                                                      None, "member", facilitator),
    ("POST", "/programmes/{programme_id}/sessions"): (
        lambda f: {"programme_id": f.programme.pk},
        lambda f: {"starts_at": timezone.now().isoformat(), "instructor_ids": [f.instructor.pk]},
        "entry_write", facilitator),
    ("GET", "/programmes/{programme_id}/compliance"): (lambda f: {"programme_id": f.programme.pk},
                                                        None, "member", facilitator),
    ("POST", "/cases/{case_id}/enrolments"): (lambda f: {"case_id": f.case.pk},
                                               lambda f: {"programme_id": f.second.pk},
                                               "write", _with_second_programme),
    ("POST", "/enrolments/{enrolment_id}/leave"): (
        lambda f: {"enrolment_id": f.enrolment.pk},
        lambda f: {"reason": "Pindah kota", "version": f.enrolment.version}, "write", facilitator),
    ("POST", "/sessions/{session_id}/status"): (
        lambda f: {"session_id": f.session.pk},
        lambda f: {"status": "in_progress", "version": f.session.version}, "entry_write",
        facilitator),
    ("POST", "/sessions/{session_id}/attendance"): (
        lambda f: {"session_id": f.session.pk},
        lambda f: {"attendance": {str(f.enrolment.pk): {"status": "late"}}},
        "session_work", facilitator),
    ("GET", "/sessions/{session_id}/briefing"): (lambda f: {"session_id": f.session.pk}, None,
                                                 "briefing", with_steps),
    ("GET", "/sessions/{session_id}/delivery"): (lambda f: {"session_id": f.session.pk}, None,
                                                 "member", with_delivery),
    ("POST", "/sessions/{session_id}/delivery"): (
        lambda f: {"session_id": f.session.pk},
        lambda f: {"topic": "Doa", "duration_minutes": 30,
                   "observations": {str(f.enrolment.pk): {"attention": "good"}}},
        "session_work", facilitator),
    ("GET", "/sessions/{session_id}/participants/{enrolment_id}/notes"): (
        _participant_api, None, "read", with_steps),
    ("POST", "/sessions/{session_id}/participants/{enrolment_id}/notes/photo"): (
        _participant_api, _photo_upload, "write", facilitator),
    ("GET", "/participant-notes/{note_id}/photo"): (
        lambda f: {"note_id": f.photo_note.pk}, None, "read", with_steps),
    ("POST", "/sessions/{session_id}/participants/{enrolment_id}/notes"): (
        _participant_api, lambda f: {"text": "Saya belajar sabar"}, "write", facilitator),
    ("GET", "/measures"): (lambda f: {}, None, "any", None),
    ("POST", "/programmes/{programme_id}/close"): (
        lambda f: {"programme_id": f.programme.pk}, lambda f: {"version": f.programme.version},
        "entry_write", facilitator),
    ("GET", "/programmes/{programme_id}/completions"): (
        lambda f: {"programme_id": f.programme.pk}, None, "member", facilitator),
    ("GET", "/programmes/{programme_id}/indicators"): (
        lambda f: {"programme_id": f.programme.pk}, None, "agency_read", with_indicator),
    ("POST", "/programmes/{programme_id}/indicators"): (
        lambda f: {"programme_id": f.programme.pk},
        lambda f: {"name": "Patuh", "numerator": "compliant", "denominator": "enrolled",
                   "period_type": "year"}, "entry_write", facilitator),
    ("GET", "/programmes/{programme_id}/gains"): (lambda f: {"programme_id": f.programme.pk},
                                                   None, "member", with_measures),
    ("POST", "/enrolments/{enrolment_id}/scores"): (
        lambda f: {"enrolment_id": f.enrolment.pk},
        lambda f: {"measure": "sewing_skills", "phase": "post",
                   "answers": {f"s{i}": "1" for i in range(1, 6)}},
        "write", with_measures),
    ("POST", "/sessions/{session_id}/participants/{enrolment_id}/progress"): (
        _participant_api, lambda f: {"body": "Lebih tenang"}, "write", facilitator),
}  # fmt: skip
