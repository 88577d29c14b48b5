from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pendamping.facilitator import services
from pendamping.facilitator.models import Attendance, Enrolment

from .conftest import another_case, held, mark, programme
from .matrix import programme_data


class TestProgrammeList:
    def test_it_shows_an_empty_state(self, client, world):
        client.force_login(world.a.users["worker"])
        assert "Belum ada program" in client.get(reverse("programme_list")).content.decode()

    def test_it_shows_only_the_agencys_programmes(self, client, world):
        programme(world.a, title="Bimbingan A")
        programme(world.b, title="Bimbingan B")
        client.force_login(world.b.users["worker"])
        html = client.get(reverse("programme_list")).content.decode()
        assert "Bimbingan B" in html and "Bimbingan A" not in html

    def test_it_paginates(self, client, world, settings):
        settings.PAGE_SIZE = 2
        for i in range(3):
            programme(world.a, title=f"Program {i}")
        client.force_login(world.a.users["worker"])
        page = client.get(reverse("programme_list")).context["page"]
        assert page.paginator.num_pages == 2


class TestProgrammeForm:
    def test_it_creates_a_programme(self, client, world):
        client.force_login(world.a.users["supervisor"])
        response = client.post(reverse("programme_create"), programme_data())
        assert response.status_code == 302
        client.get(response["Location"])

    def test_it_answers_422_with_the_error_in_indonesian(self, client, world):
        client.force_login(world.a.users["worker"])
        data = programme_data() | {"ends_on": "2000-01-01"}
        response = client.post(reverse("programme_create"), data)
        assert response.status_code == 422
        assert "Tanggal selesai" in response.content.decode()

    def test_it_refuses_a_stale_edit(self, client, world):
        prog = programme(world.a)
        client.force_login(world.a.users["worker"])
        data = programme_data() | {"version": prog.version - 1 or 99}
        response = client.post(reverse("programme_edit", args=[prog.pk]), data)
        assert response.status_code == 409


class TestProgrammeDetail:
    def test_its_queries_do_not_grow_with_participants(
        self, client, world, django_assert_max_num_queries
    ):
        f = world.a
        prog = programme(f)
        services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        held(f, prog, 2)
        client.force_login(f.users["worker"])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(reverse("programme_detail", args=[prog.pk]))
        for i in range(4):
            services.enrol(
                actor=f.users["worker"], programme=prog, case=another_case(f, f"Peserta {i}")
            )
        held(f, prog, 3)
        with CaptureQueriesContext(connection) as many:
            html = client.get(reverse("programme_detail", args=[prog.pk])).content.decode()
        assert "Peserta 3" in html
        assert len(many) == len(few)


class TestAttendanceScreen:
    def test_it_records_one_tap_per_participant(self, client, world):
        f = world.a
        prog = programme(f)
        e1 = services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        e2 = services.enrol(actor=f.users["worker"], programme=prog, case=another_case(f))
        session = held(f, prog, 1)[0]
        client.force_login(f.users["worker"])
        page = client.get(reverse("session_detail", args=[session.pk])).content.decode()
        assert page.count('type="radio"') == 2 * 5
        response = client.post(
            reverse("attendance_save", args=[session.pk]),
            {
                f"status_{e1.pk}": "present",
                f"status_{e2.pk}": "excused",
                f"reason_{e2.pk}": "Sakit",
            },
        )
        assert response.status_code == 302
        got = dict(Attendance.objects.values_list("enrolment_id", "status"))
        assert got == {e1.pk: "present", e2.pk: "excused"}

    def test_the_worker_sees_only_participants_of_their_cases(self, client, world):
        f = world.a
        prog = programme(f)
        services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        session = held(f, prog, 1)[0]
        client.force_login(f.users["other_worker"])
        html = client.get(reverse("session_detail", args=[session.pk])).content.decode()
        assert "Siti" not in html


class TestCaseEnrolAndPanel:
    def test_it_enrols_from_the_case_and_shows_compliance_on_the_panel(self, client, world):
        f = world.a
        prog = programme(f)
        client.force_login(f.users["worker"])
        response = client.post(reverse("case_enrol", args=[f.case.pk]), {"programme": prog.pk})
        assert response.status_code == 302
        e = Enrolment.objects.get(case=f.case)
        session = held(f, prog, 1)[0]
        mark(f, session, {e.pk: "late"})
        panel = client.get(reverse("case_panel", kwargs={"pk": f.case.pk, "key": "programmes"}))
        html = panel.content.decode()
        assert prog.title in html and "Patuh" in html

    def test_it_leaves_with_a_reason(self, client, world):
        f = world.a
        e = services.enrol(actor=f.users["worker"], programme=programme(f), case=f.case)
        client.force_login(f.users["worker"])
        client.post(
            reverse("enrolment_leave", args=[e.pk]), {"reason": "Bekerja", "version": e.version}
        )
        e.refresh_from_db()
        assert e.status == "left"


class TestApi:
    def test_it_records_attendance_and_reports_compliance(self, world, api):
        f = world.a
        prog = programme(f)
        e = services.enrol(actor=f.users["worker"], programme=prog, case=f.case)
        session = held(f, prog, 1)[0]
        api.as_user(f.users["worker"])
        got = api.post(f"/sessions/{session.pk}/attendance",
                       {"attendance": {str(e.pk): {"status": "present"}, "99999": {"status": "late"}}})  # fmt: skip
        assert got.json() == {"recorded": 1, "skipped": [99999]}
        rows = api.get(f"/programmes/{prog.pk}/compliance").json()["items"]
        assert (rows[0]["share"], rows[0]["band"], rows[0]["held"]) == (1.0, "compliant", 1)

    def test_it_schedules_a_session_and_lists_it(self, world, api):
        f = world.a
        prog = programme(f)
        api.as_user(f.users["worker"])
        when = (timezone.now() + timedelta(days=1)).isoformat()
        assert api.post(f"/programmes/{prog.pk}/sessions", {"starts_at": when}).status_code == 201
        assert api.get(f"/programmes/{prog.pk}/sessions").json()["count"] == 1


class TestEnglish:
    def test_the_timeline_and_the_labels_read_in_english(self, world):
        from django.utils import translation

        from pendamping.facilitator import events
        from pendamping.facilitator.models import AttendanceStatus

        with translation.override("en"):
            assert str(AttendanceStatus.PRESENT.label) == "Present"
            assert str(events.ENROLLED.label) == "Enrolled in a programme"
            line = events.ENROLLED.describe({"programme": 3, "status": "waitlisted"})
            assert line == "Programme #3 · Waitlist"
