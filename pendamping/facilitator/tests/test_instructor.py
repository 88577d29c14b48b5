"""The instructor's narrow view, both ways: their own sessions with the participants'
preferred names, and nothing else of any client (404 like a missing page)."""

from django.urls import reverse
from django.utils import timezone

from pendamping.facilitator import services
from pendamping.facilitator.models import Instructor

from .conftest import another_case, programme


def _world(world):
    f = world.a
    worker = f.users["worker"]
    f.prog = programme(f)
    f.mine = services.session_schedule(
        actor=worker, programme=f.prog, starts_at=timezone.now(),
        instructors=[Instructor.objects.create(agency=f.agency, user=f.users["instructor"],
                                               name="Ustadz Ahmad")],
    )  # fmt: skip
    f.other = services.session_schedule(actor=worker, programme=f.prog, starts_at=timezone.now())
    f.hidden_prog = programme(f, title="Menjahit")
    f.enrolment = services.enrol(actor=worker, programme=f.prog, case=f.case)
    services.enrol(actor=worker, programme=f.prog, case=another_case(f, "Budi Santoso", "Ucok"))
    return f


class TestInstructorSees:
    def test_it_shows_their_session_with_preferred_names_only(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        html = client.get(reverse("session_detail", args=[f.mine.pk])).content.decode()
        assert "Siti" in html and "Ucok" in html
        for secret in (f.client.full_name, "Budi Santoso", f.case.number, f.client.nik[-4:]):
            assert secret not in html
        assert reverse("case_detail", args=[f.case.pk]) not in html

    def test_it_prints_their_attendance_sheet_with_a_signature_column(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        html = client.get(reverse("attendance_sheet", args=[f.mine.pk])).content.decode()
        assert "Tanda tangan" in html and "Ucok" in html and "Budi Santoso" not in html

    def test_it_lists_todays_session_on_their_home_page(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        html = client.get(reverse("home")).content.decode()
        assert reverse("session_detail", args=[f.mine.pk]) in html
        assert reverse("session_detail", args=[f.other.pk]) not in html

    def test_it_lists_only_the_programme_they_teach_in(self, client, world, api):
        f = _world(world)
        client.force_login(f.users["instructor"])
        html = client.get(reverse("programme_list")).content.decode()
        assert f.prog.title in html and "Menjahit" not in html
        got = api.as_user(f.users["instructor"]).get("/programmes").json()
        assert [p["id"] for p in got["items"]] == [f.prog.pk]


class TestInstructorDoesNotSee:
    def test_it_answers_404_for_other_sessions_and_programmes(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        for url in (
            reverse("session_detail", args=[f.other.pk]),
            reverse("attendance_sheet", args=[f.other.pk]),
            reverse("programme_detail", args=[f.hidden_prog.pk]),
        ):
            assert client.get(url).status_code == 404, url

    def test_it_answers_404_for_client_and_case_pages(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        for url in (
            reverse("case_detail", args=[f.case.pk]),
            reverse("client_detail", args=[f.client.pk]),
            reverse("case_panel", kwargs={"pk": f.case.pk, "key": "programmes"}),
            reverse("case_enrol", args=[f.case.pk]),
        ):
            assert client.get(url).status_code == 404, url

    def test_it_gets_no_participants_or_compliance_from_the_api(self, world, api):
        f = _world(world)
        api.as_user(f.users["instructor"])
        assert api.get(f"/programmes/{f.prog.pk}/compliance").json()["items"] == []
        assert api.get(f"/programmes/{f.hidden_prog.pk}").status_code == 404

    def test_it_sees_no_participant_names_on_the_programme_page(self, client, world):
        f = _world(world)
        client.force_login(f.users["instructor"])
        html = client.get(reverse("programme_detail", args=[f.prog.pk])).content.decode()
        assert "Siti" not in html and "Ucok" not in html
        assert reverse("session_detail", args=[f.other.pk]) not in html
