"""The four steps through their pages: the briefing holds only the picked fields and
leaks nothing else, follows consent for external instructors, closes for the
instructor N days after the session, logs every view; the instructor records
attendance and step 2 for their own sessions only; participants' photos are judged
by content and served only through the access layer; the progress note reaches the
case timeline as ids."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from pendamping.cases.models import CaseEvent
from pendamping.clients import services as client_services
from pendamping.facilitator import services, steps
from pendamping.facilitator.models import (
    BriefingView,
    Instructor,
    InstructorRecord,
    Observation,
    ParticipantNote,
    ProgressNote,
)
from pendamping.history import AppendOnlyError

from .conftest import another_case, programme


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.FACILITATOR_UPLOAD_DIR = tmp_path / "notes"


def _png(size=(8, 8)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PNG")
    return buf.getvalue()


def _world(world, *, starts_at=None, external=False):
    f = world.a
    worker = f.users["worker"]
    f.prog = programme(f)
    f.teacher = Instructor.objects.create(
        agency=f.agency, user=f.users["instructor"], name="Ustadz Ahmad"
    )
    teachers = [f.teacher]
    if external:
        teachers.append(
            Instructor.objects.create(agency=f.agency, name="Ibu Nyai", organisation="Pesantren")
        )
    f.mine = services.session_schedule(
        actor=worker, programme=f.prog, starts_at=starts_at or timezone.now(),
        instructors=teachers,
    )  # fmt: skip
    f.other = services.session_schedule(actor=worker, programme=f.prog, starts_at=timezone.now())
    f.enrolment = services.enrol(actor=worker, programme=f.prog, case=f.case)
    f.case2 = another_case(f, "Budi Santoso", "Ucok")
    f.enrolment2 = services.enrol(actor=worker, programme=f.prog, case=f.case2)
    return f


def _brief(f, fields, session=None):
    return steps.briefing_save(
        actor=f.users["worker"], session=session or f.mine, fields=fields,
        entries={f.enrolment.pk: {"literacy": "Belum lancar membaca", "avoid": "Suara keras",
                                  "note": "Suka bernyanyi", "faith": "Salat lima waktu"},
                 f.enrolment2.pk: {"literacy": "Lancar"}},
    )  # fmt: skip


class TestBriefing:
    def test_the_facilitator_prepares_it_through_the_form(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        url = reverse("briefing_edit", args=[f.mine.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"fields_": ["preferred_name", "literacy"],
                                     f"literacy_{f.enrolment.pk}": "Belum lancar"})  # fmt: skip
        assert response.status_code == 302
        html = client.get(reverse("briefing_page", args=[f.mine.pk])).content.decode()
        assert "Belum lancar" in html and "Siti" in html

    def test_it_refuses_a_field_outside_the_list(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        response = client.post(reverse("briefing_edit", args=[f.mine.pk]), {"fields_": ["nik"]})
        assert response.status_code == 422

    def test_it_shows_only_the_picked_fields_and_never_the_case_file(self, client, world):
        f = _world(world)
        _brief(f, ["preferred_name", "literacy"])
        client.force_login(f.users["instructor"])
        html = client.get(reverse("briefing_page", args=[f.mine.pk])).content.decode()
        assert "Belum lancar membaca" in html and "Siti" in html and "Ucok" in html
        for secret in ("Suara keras", "Suka bernyanyi", "Salat lima waktu", f.client.nik,
                       f.client.full_name, "Budi Santoso", f.case.number, "Rahasia a",
                       "Catatan biasa a", "Masalah ekonomi"):  # fmt: skip
            assert secret not in html, secret

    def test_without_the_name_field_participants_are_numbered(self, client, world):
        f = _world(world)
        _brief(f, ["age"])
        client.force_login(f.users["instructor"])
        html = client.get(reverse("briefing_page", args=[f.mine.pk])).content.decode()
        assert "Siti" not in html and "Ucok" not in html and "Peserta 1" in html
        assert f"{f.client.age()} tahun" in html

    def test_an_external_instructor_gets_only_consenting_clients(self, client, world):
        f = _world(world, external=True)
        _brief(f, ["preferred_name", "literacy"])
        client.force_login(f.users["worker"])
        url = reverse("briefing_page", args=[f.mine.pk])
        html = client.get(url).content.decode()
        assert "Belum lancar membaca" not in html and "Lancar" not in html
        assert "belum ada persetujuan" in html
        consent = client_services.consent_record(
            actor=f.users["worker"], client=f.client,
            data={"purpose": "instructors", "lawful_basis": "consent", "given_by": "client",
                  "method": "verbal", "witness_name": "Pak RT", "given_on": timezone.localdate(),
                  "data_categories": ["education"]},
        )  # fmt: skip
        html = client.get(url).content.decode()
        assert "Belum lancar membaca" in html and "Ucok" not in html
        client_services.consent_withdraw(actor=f.users["worker"], consent=consent)
        assert "Belum lancar membaca" not in client.get(url).content.decode()

    def test_the_instructors_access_ends_after_the_set_days(self, client, world):
        f = _world(world, starts_at=timezone.now() - timedelta(days=7))
        _brief(f, ["preferred_name"])
        client.force_login(f.users["instructor"])
        url = reverse("briefing_page", args=[f.mine.pk])
        assert client.get(url).status_code == 200  # the 7th day after the session
        f.prog.briefing_days = 6
        f.prog.save(update_fields=["briefing_days"])
        assert client.get(url).status_code == 403
        assert client.get(reverse("briefing_pdf", args=[f.mine.pk])).status_code == 403
        client.force_login(f.users["worker"])
        assert client.get(url).status_code == 200

    def test_every_view_is_logged_and_the_log_is_append_only(self, client, world):
        f = _world(world)
        briefing = _brief(f, ["preferred_name"])
        client.force_login(f.users["instructor"])
        client.get(reverse("briefing_page", args=[f.mine.pk]))
        pdf = client.get(reverse("briefing_pdf", args=[f.mine.pk]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        rows = list(BriefingView.objects.filter(briefing=briefing).order_by("id"))
        assert [(r.viewer, r.format) for r in rows] == [
            (f.users["instructor"], "page"),
            (f.users["instructor"], "pdf"),
        ]
        with pytest.raises(AppendOnlyError):
            rows[0].delete()

    def test_the_barthel_band_only_where_consent_covers_it(self, client, world, api):
        from pendamping.assessment import instruments
        from pendamping.assessment import services as assessment_services

        f = _world(world)
        barthel = instruments.get("barthel")
        answers = {i.code: next(o.value for o in i.options) for i in barthel.items}
        assessment_services.instrument_administer(  # 0 of 100: total dependency
            actor=f.users["worker"], case=f.case, instrument=barthel, answers=answers
        )
        _brief(f, ["preferred_name", "barthel"])
        client.force_login(f.users["instructor"])
        url = reverse("briefing_page", args=[f.mine.pk])
        html = client.get(url).content.decode()
        assert "Ketergantungan total" not in html and "belum ada persetujuan berbagi" in html
        for case, by in (
            (f.case, {"given_by": "client"}),
            (f.case2, {"given_by": "guardian", "guardian_name": "Ibu Budi"}),
        ):
            client_services.consent_record(
                actor=f.users["worker"], client=case.client,
                data={"purpose": "instructors", "lawful_basis": "consent", "method": "verbal",
                      "witness_name": "Bu Saksi", "given_on": timezone.localdate(),
                      "data_categories": ["identity", "health"]}
                | by,
            )  # fmt: skip
        html = client.get(url).content.decode()
        assert "Ketergantungan total" in html and "belum diukur" in html  # Ucok: never assessed
        client.cookies["django_language"] = "en"
        from pendamping.accounts.models import User

        User.objects.filter(pk=f.users["instructor"].pk).update(language="en")
        api.as_user(f.users["instructor"])
        rows = api.get(f"/sessions/{f.mine.pk}/briefing").json()["rows"]
        items = {r["label"]: {i["key"]: i["value"] for i in r["items"]} for r in rows}
        assert items["Siti"]["barthel"] == "Total dependency"
        assert items["Ucok"]["barthel"] == "not assessed yet"
        # the score, the items' answers and the instrument's other data are not in it
        assert "score" not in str(rows) and "flags" not in str(rows)

    def test_the_barthel_band_needs_a_consent_that_covers_health(self, client, world):
        from pendamping.assessment import instruments
        from pendamping.assessment import services as assessment_services

        f = _world(world)
        barthel = instruments.get("barthel")
        answers = {i.code: next(o.value for o in i.options) for i in barthel.items}
        assessment_services.instrument_administer(
            actor=f.users["worker"], case=f.case, instrument=barthel, answers=answers
        )
        _brief(f, ["preferred_name", "barthel"])
        client_services.consent_record(
            actor=f.users["worker"], client=f.case.client,
            data={"purpose": "instructors", "lawful_basis": "consent", "method": "verbal",
                  "given_by": "client", "witness_name": "Bu Saksi",
                  "given_on": timezone.localdate(), "data_categories": ["identity"]},
        )  # fmt: skip
        client.force_login(f.users["instructor"])
        html = client.get(reverse("briefing_page", args=[f.mine.pk])).content.decode()
        assert "Ketergantungan total" not in html and "belum ada persetujuan berbagi" in html

    def test_the_data_protection_officer_reads_no_briefing(self, client, world, api):
        f = _world(world)
        briefing = _brief(f, ["preferred_name", "literacy"])
        officer = f.users["dpo"]
        client.force_login(officer)
        html = client.get(reverse("session_detail", args=[f.mine.pk])).content.decode()
        assert reverse("briefing_page", args=[f.mine.pk]) not in html
        for name in ("briefing_page", "briefing_pdf"):
            response = client.get(reverse(name, args=[f.mine.pk]))
            assert response.status_code == 403
            assert b"Siti" not in response.content and b"Belum lancar" not in response.content
        api.as_user(officer)
        assert api.get(f"/sessions/{f.mine.pk}/briefing").status_code == 403
        assert not BriefingView.objects.filter(briefing=briefing, viewer=officer).exists()
        client.force_login(f.users["auditor"])
        assert b"Belum lancar" in client.get(reverse("briefing_page", args=[f.mine.pk])).content

    def test_the_instructor_sees_no_briefing_of_another_session(self, client, world):
        f = _world(world)
        _brief(f, ["preferred_name"], session=f.other)
        client.force_login(f.users["instructor"])
        assert client.get(reverse("briefing_page", args=[f.other.pk])).status_code == 404
        assert client.get(reverse("briefing_edit", args=[f.mine.pk])).status_code == 403


class TestInstructorWork:
    def test_the_instructor_records_attendance_and_step_two(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        html = client.get(reverse("session_detail", args=[f.mine.pk])).content.decode()
        assert "Simpan daftar hadir" in html and "Simpan catatan instruktur" in html
        r = client.post(reverse("attendance_save", args=[f.mine.pk]),
                        {f"status_{f.enrolment.pk}": "present"})  # fmt: skip
        assert r.status_code == 302
        r = client.post(reverse("delivery_save", args=[f.mine.pk]), {
            "topic": "Doa sebelum makan", "materials": "Buku doa", "duration_minutes": "45",
            f"attention_{f.enrolment.pk}": "good", f"difficulties_{f.enrolment2.pk}": "Mengantuk",
        })  # fmt: skip
        assert r.status_code == 302
        record = InstructorRecord.objects.get(session=f.mine)
        assert (record.topic, record.duration_minutes, record.recorded_by) == (
            "Doa sebelum makan",
            45,
            f.users["instructor"],
        )
        obs = {o.enrolment_id: o for o in Observation.objects.filter(session=f.mine)}
        assert obs[f.enrolment.pk].attention == "good"
        assert obs[f.enrolment2.pk].difficulties == "Mengantuk"

    def test_bad_step_two_input_is_refused_whole(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        r = client.post(reverse("delivery_save", args=[f.mine.pk]),
                        {"topic": "Doa", "duration_minutes": "0"})  # fmt: skip
        assert r.status_code == 422 and not InstructorRecord.objects.exists()
        client.cookies["django_language"] = "en"
        r = client.post(reverse("delivery_save", args=[f.mine.pk]),
                        {"topic": "", "duration_minutes": "30"})  # fmt: skip
        assert r.status_code == 422 and b"This field is required" in r.content

    def test_the_instructor_works_no_other_session_and_no_client(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        assert (
            client.post(
                reverse("attendance_save", args=[f.other.pk]),
                {f"status_{f.enrolment.pk}": "present"},
            ).status_code
            == 404
        )
        assert (
            client.post(
                reverse("delivery_save", args=[f.other.pk]), {"topic": "x", "duration_minutes": "5"}
            ).status_code
            == 404
        )
        for name in ("session_participant", "participant_note_add", "progress_note_save"):
            url = reverse(name, args=[f.mine.pk, f.enrolment.pk])
            assert client.post(url, {"text": "x", "body": "x"}).status_code == 404, name
        assert not ProgressNote.objects.exists() and not ParticipantNote.objects.exists()

    def test_the_session_status_select_shows_the_current_status(self, client, world):
        f = _world(world)
        services.session_set_status(actor=f.users["worker"], session=f.mine, status="in_progress")
        client.force_login(f.users["worker"])
        html = client.get(reverse("session_detail", args=[f.mine.pk])).content.decode()
        assert '<option value="in_progress" selected>' in html


class TestParticipantNotes:
    def test_a_typed_note_and_a_photo_served_only_through_the_view(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        url = reverse("participant_note_add", args=[f.mine.pk, f.enrolment.pk])
        assert client.post(url, {"text": "Hari ini saya belajar sabar"}).status_code == 302
        photo = SimpleUploadedFile("halaman.jpg", _png(), content_type="image/jpeg")
        assert client.post(url, {"photo": photo}).status_code == 302
        note = ParticipantNote.objects.exclude(photo_name="").get()
        assert note.photo_type == "image/png" and note.photo_name.endswith(".png")
        page = client.get(reverse("session_participant", args=[f.mine.pk, f.enrolment.pk]))
        assert "Hari ini saya belajar sabar" in page.content.decode()
        served = client.get(reverse("participant_note_photo", args=[note.pk]))
        assert served.status_code == 200 and served["Content-Type"] == "image/png"
        assert b"".join(served.streaming_content) == _png()
        for role in ("instructor", "other_worker"):
            client.force_login(f.users[role])
            assert client.get(reverse("participant_note_photo", args=[note.pk])).status_code == 404
        client.force_login(world.b.users["admin"])
        assert client.get(reverse("participant_note_photo", args=[note.pk])).status_code == 404

    def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        url = reverse("participant_note_add", args=[f.mine.pk, f.enrolment.pk])
        fake = SimpleUploadedFile("halaman.png", b"<script>alert(1)</script>", "image/png")
        r = client.post(url, {"photo": fake})
        assert r.status_code == 422 and "JPEG, PNG atau WebP" in r.content.decode()
        client.cookies["django_language"] = "en"
        fake.seek(0)
        r = client.post(url, {"photo": fake})
        assert "JPEG, PNG or WebP" in r.content.decode()
        assert not ParticipantNote.objects.exists()
        assert not steps.upload_dir().exists() or not any(steps.upload_dir().iterdir())

    def test_a_photo_too_large_is_refused(self, client, world, monkeypatch):
        f = _world(world)
        monkeypatch.setattr(steps, "PHOTO_MAX_BYTES", 100)
        client.force_login(f.users["worker"])
        r = client.post(reverse("participant_note_add", args=[f.mine.pk, f.enrolment.pk]),
                        {"photo": SimpleUploadedFile("p.png", _png((64, 64)))})  # fmt: skip
        assert r.status_code == 422 and not ParticipantNote.objects.exists()

    def test_a_photo_is_stored_without_its_exif_position(self, client, world):
        """Security review M2: a photo of a page taken at home must not say where home is."""
        f = _world(world)
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "S", 2: (6.0, 54.0, 0.0), 3: "E", 4: (107.0, 36.0, 0.0)}  # GPS
        buf = io.BytesIO()
        Image.new("RGB", (16, 16), "white").save(buf, "JPEG", exif=exif)
        assert b"PhoneMaker" in buf.getvalue()
        client.force_login(f.users["worker"])
        url = reverse("participant_note_add", args=[f.mine.pk, f.enrolment.pk])
        photo = SimpleUploadedFile("halaman.jpg", buf.getvalue(), content_type="image/jpeg")
        assert client.post(url, {"photo": photo}).status_code == 302
        note = ParticipantNote.objects.get()
        served = b"".join(
            client.get(reverse("participant_note_photo", args=[note.pk])).streaming_content
        )
        assert b"PhoneMaker" not in served
        with Image.open(io.BytesIO(served)) as image:
            assert image.format == "JPEG" and not image.getexif()

    def test_a_tiny_file_claiming_a_huge_image_is_refused_not_a_500(self, client, world):
        """Security review L1: a PNG header claiming 20,000 x 20,000 pixels."""
        import struct
        import zlib

        def chunk(kind, body):
            return (
                struct.pack(">I", len(body))
                + kind
                + body
                + struct.pack(">I", zlib.crc32(kind + body))
            )

        bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))  # fmt: skip
        f = _world(world)
        client.force_login(f.users["worker"])
        r = client.post(reverse("participant_note_add", args=[f.mine.pk, f.enrolment.pk]),
                        {"photo": SimpleUploadedFile("p.png", bomb, "image/png")})  # fmt: skip
        assert r.status_code == 422 and not ParticipantNote.objects.exists()

    def test_an_empty_note_is_refused(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        r = client.post(reverse("participant_note_add", args=[f.mine.pk, f.enrolment.pk]), {})
        assert r.status_code == 422


class TestProgressNote:
    def test_it_goes_on_the_timeline_as_ids_and_the_text_stays_here(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        url = reverse("progress_note_save", args=[f.mine.pk, f.enrolment.pk])
        assert client.post(url, {"body": "Mulai berani bertanya"}).status_code == 302
        note = ProgressNote.objects.get()
        event = CaseEvent.objects.get(case=f.case, kind="programme_progress_noted")
        assert event.data == {"programme": f.prog.pk, "session": f.mine.pk,
                              "enrolment": f.enrolment.pk, "progress": note.pk,
                              "practice_role": "facilitator"}  # fmt: skip
        html = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
        assert "Catatan perkembangan program" in html and "Fasilitator" in html
        r = client.post(url, {"body": "Lebih berani lagi", "version": note.version})
        assert r.status_code == 302
        assert CaseEvent.objects.filter(kind="programme_progress_noted").count() == 1
        assert ProgressNote.objects.get().body == "Lebih berani lagi"

    def test_an_empty_note_is_refused_in_both_languages(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        url = reverse("progress_note_save", args=[f.mine.pk, f.enrolment.pk])
        assert client.post(url, {"body": "  "}).status_code == 422
        client.cookies["django_language"] = "en"
        assert b"This field is required" in client.post(url, {"body": ""}).content


def test_the_attendance_sheet_is_a_pdf(client, world):
    f = _world(world)
    client.force_login(f.users["instructor"])
    r = client.get(reverse("attendance_sheet_pdf", args=[f.mine.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


def test_the_instructor_records_attendance_through_the_api(world, api):
    f = _world(world)
    api.as_user(f.users["instructor"])
    body = {"attendance": {str(f.enrolment.pk): {"status": "present"}}}
    got = api.post(f"/sessions/{f.mine.pk}/attendance", body)
    assert got.status_code == 200 and got.json() == {"recorded": 1, "skipped": []}
    assert api.post(f"/sessions/{f.other.pk}/attendance", body).status_code == 404


class TestApi:
    def test_the_instructor_reads_the_briefing_and_records_step_two(self, world, api):
        f = _world(world)
        briefing = _brief(f, ["preferred_name", "literacy"])
        api.as_user(f.users["instructor"])
        got = api.get(f"/sessions/{f.mine.pk}/briefing").json()
        assert got["prepared"] and got["fields"] == ["preferred_name", "literacy"]
        assert {r["label"] for r in got["rows"]} == {"Siti", "Ucok"}
        text = str(got)
        assert f.client.nik not in text and "Suara keras" not in text and "Budi" not in text
        assert BriefingView.objects.get(briefing=briefing).format == "api"
        assert api.get(f"/sessions/{f.mine.pk}/delivery").status_code == 404
        body = {"topic": "Syukur", "duration_minutes": 50,
                "observations": {str(f.enrolment.pk): {"participation": "fair"}}}  # fmt: skip
        got = api.post(f"/sessions/{f.mine.pk}/delivery", body)
        assert got.status_code == 200, got.content
        assert got.json()["observations"][0] == {
            "enrolment_id": f.enrolment.pk, "attention": "", "participation": "fair",
            "difficulties": ""}  # fmt: skip
        bad = api.post(f"/sessions/{f.mine.pk}/delivery", body | {"duration_minutes": 0})
        assert bad.status_code == 422
        stale = api.post(f"/sessions/{f.mine.pk}/delivery", body | {"version": 99})
        assert stale.status_code == 409
        for path in (f"/sessions/{f.other.pk}/briefing", f"/sessions/{f.other.pk}/delivery",
                     f"/sessions/{f.mine.pk}/participants/{f.enrolment.pk}/notes"):  # fmt: skip
            assert api.get(path).status_code == 404, path

    def test_the_instructors_window_closes_on_the_api_too(self, world, api):
        f = _world(world, starts_at=timezone.now() - timedelta(days=8))
        _brief(f, ["preferred_name"])
        api.as_user(f.users["instructor"])
        assert api.get(f"/sessions/{f.mine.pk}/briefing").status_code == 403

    def test_notes_and_progress_by_the_facilitator(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        base = f"/sessions/{f.mine.pk}/participants/{f.enrolment.pk}"
        assert api.post(f"{base}/notes", {"text": "Saya belajar doa"}).status_code == 201
        assert api.post(f"{base}/notes", {"text": "  "}).status_code == 422
        assert [n["text"] for n in api.get(f"{base}/notes").json()] == ["Saya belajar doa"]
        got = api.post(f"{base}/progress", {"body": "Tenang"})
        assert got.status_code == 200 and got.json()["version"] == 1
        got = api.post(f"{base}/progress", {"body": "Lebih tenang", "version": 1})
        assert got.json()["body"] == "Lebih tenang" and got.json()["version"] == 2
        assert api.post(f"{base}/progress", {"body": "x", "version": 1}).status_code == 409
