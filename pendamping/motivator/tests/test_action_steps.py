"""Action steps, the risks the client takes, what happened, and breakthroughs."""

from django.urls import reverse
from django.utils import timezone

from pendamping.cases.models import CaseEvent
from pendamping.motivator import services
from pendamping.motivator.models import ActionStep
from pendamping.motivator.tests.conftest import add_goal


def add_step(f, step="Datang ke bengkel Pak Joko", goal=None):
    return services.action_step_add(
        actor=f.users["worker"], case=f.case, step=step, risk="Takut ditolak", goal=goal
    )


class TestActionStepPage:
    def test_it_records_a_step_linked_to_a_goal(self, client, world):
        f = world.a
        goal = add_goal(f)
        client.force_login(f.users["worker"])
        r = client.post(
            reverse("action_step_add", args=[f.case.pk]),
            {"step": "Menelepon bengkel", "risk": "Malu bicara", "goal": goal.pk},
        )
        assert r.status_code == 302
        step = ActionStep.objects.get(case=f.case)
        assert step.goal == goal and step.risk == "Malu bicara" and not step.has_outcome
        event = CaseEvent.objects.get(case=f.case, kind="action_step_added")
        assert event.data["summary"] == "Menelepon bengkel"
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert "Malu bicara" in page and "belum dicatat" in page

    def test_a_goal_of_another_case_cannot_be_linked(self, client, world):
        f = world.a
        other = add_goal(world.b)
        client.force_login(f.users["worker"])
        r = client.post(
            reverse("action_step_add", args=[f.case.pk]), {"step": "X", "goal": other.pk}
        )
        assert r.status_code == 422 and not ActionStep.objects.exists()

    def test_a_breakthrough_goes_on_the_timeline(self, client, world):
        f = world.a
        step = add_step(f)
        client.force_login(f.users["worker"])
        r = client.post(
            reverse("action_step_outcome", args=[step.pk]),
            {"outcome": "Diterima magang tiga bulan", "done_on": timezone.localdate().isoformat(),
             "is_breakthrough": "on", "version": step.version},
        )  # fmt: skip
        assert r.status_code == 302
        step.refresh_from_db()
        assert step.is_breakthrough and step.outcome == "Diterima magang tiga bulan"
        event = CaseEvent.objects.get(case=f.case, kind="breakthrough")
        assert event.data["summary"] == "Datang ke bengkel Pak Joko"
        detail = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
        timeline = detail[detail.index('id="timeline"') :]
        assert "Terobosan" in timeline and "Datang ke bengkel Pak Joko" in timeline
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert 'badge warn">Terobosan' in page

    def test_an_ordinary_outcome_is_a_step_done(self, world):
        f = world.a
        step = add_step(f)
        services.action_step_record_outcome(actor=f.users["worker"], step=step,
                                            outcome="Belum berani", expected_version=step.version)  # fmt: skip
        assert CaseEvent.objects.filter(case=f.case, kind="action_step_done").count() == 1
        assert not CaseEvent.objects.filter(case=f.case, kind="breakthrough").exists()

    def test_an_outcome_needs_words_and_a_current_version(self, client, world):
        f = world.a
        step = add_step(f)
        client.force_login(f.users["worker"])
        url = reverse("action_step_outcome", args=[step.pk])
        today = timezone.localdate().isoformat()
        r = client.post(url, {"outcome": "", "done_on": today, "version": step.version})
        assert r.status_code == 422
        r = client.post(url, {"outcome": "Ya", "done_on": today, "version": step.version + 5})
        assert r.status_code == 302  # back to the page with the conflict message
        step.refresh_from_db()
        assert not step.has_outcome
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert "sudah diubah orang lain" in page


class TestActionStepApi:
    def test_it_adds_lists_and_records_outcomes(self, api, world):
        f = world.a
        goal = add_goal(f)
        api.as_user(f.users["worker"])
        r = api.post(f"/cases/{f.case.pk}/action-steps",
                     {"step": "Mendaftar kursus", "risk": "Biaya", "goal_id": goal.pk})  # fmt: skip
        assert r.status_code == 201, r.content
        step = r.json()
        assert step["goal_id"] == goal.pk and step["outcome_recorded_at"] is None
        r = api.post(f"/action-steps/{step['id']}/outcome",
                     {"outcome": "Lulus", "is_breakthrough": True, "version": step["version"]})  # fmt: skip
        assert r.status_code == 200 and r.json()["is_breakthrough"] is True
        r = api.post(f"/action-steps/{step['id']}/outcome",
                     {"outcome": "Lagi", "version": step["version"]})  # fmt: skip
        assert r.status_code == 409
        items = api.get(f"/cases/{f.case.pk}/action-steps").json()["items"]
        assert [i["outcome"] for i in items] == ["Lulus"]

    def test_another_agency_gets_404(self, api, world):
        step = add_step(world.a)
        api.as_user(world.b.users["admin"])
        r = api.post(f"/action-steps/{step.pk}/outcome", {"outcome": "X", "version": 1})
        assert r.status_code == 404
