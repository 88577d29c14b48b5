"""Safety flags: a PHQ-9 with item 9 above 0 tells the case worker and the
supervisor, adds a same-day check-in task, proposes raising the case risk, and
stays on both home pages until someone records the action taken."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.assessment import instruments
from pendamping.assessment.instruments import InstrumentDefinitionError
from pendamping.assessment.models import SafetyAlert
from pendamping.cases.models import CaseEvent
from pendamping.inbox.models import Notification


def answer_phq9(client, case, q9: int):
    data = {f"item_q{i}": "1" for i in range(1, 9)} | {
        "item_q9": str(q9),
        "administered_on": timezone.localdate().isoformat(),
    }
    return client.post(reverse("instrument_administer", args=[case.pk, "phq9"]), data)


@pytest.fixture
def flagged(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    assert answer_phq9(client, f.case, 2).status_code == 302
    return SafetyAlert.objects.get(case=f.case)


class TestRaisingAFlag:
    def test_it_tells_the_worker_and_the_supervisor_at_once(self, flagged, world):
        f = world.a
        told = Notification.objects.filter(kind="safety_flag")
        assert {n.recipient_id for n in told} == {f.users["worker"].pk, f.users["supervisor"].pk}
        n = told.get(recipient=f.users["supervisor"])
        assert n.url == reverse("safety_alert", args=[flagged.pk])
        assert n.data == {"case": f.case.number, "instrument": "phq9", "flag": "self_harm"}

    def test_it_adds_a_check_in_due_today_for_the_case_worker(self, flagged, world):
        task = flagged.task
        assert task.due_date == timezone.localdate()
        assert task.assignee == world.a.users["worker"] and "PHQ-9" in task.title

    def test_it_stays_on_both_home_pages(self, flagged, client, world):
        f = world.a
        for role in ("worker", "supervisor"):
            client.force_login(f.users[role])
            body = client.get(reverse("home")).content.decode()
            assert 'id="safety-alerts"' in body and f.case.number in body, role
        client.force_login(world.b.users["supervisor"])
        assert 'id="safety-alerts"' not in client.get(reverse("home")).content.decode()

    def test_no_flag_no_alert(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        answer_phq9(client, f.case, 0)
        assert not SafetyAlert.objects.exists()
        assert not Notification.objects.filter(kind="safety_flag").exists()

    def test_it_reaches_every_supervisor_when_the_worker_has_none(self, client, world):
        from pendamping.accounts.models import Membership

        f = world.a
        Membership.objects.filter(user=f.users["worker"]).update(supervisor=None)
        client.force_login(f.users["worker"])
        answer_phq9(client, f.case, 1)
        told = Notification.objects.filter(kind="safety_flag", recipient=f.users["supervisor"])
        assert told.count() == 1


class TestRaisingTheRisk:
    def test_one_click_raises_it_with_the_reason_on_the_timeline(self, flagged, client, world):
        f = world.a
        client.force_login(f.users["supervisor"])
        page = client.get(reverse("safety_alert", args=[flagged.pk])).content.decode()
        assert "Naikkan risiko ke Tinggi" in page and 'name="reason"' in page
        f.case.refresh_from_db()
        response = client.post(
            reverse("safety_risk", args=[flagged.pk]),
            {"reason": "Butir 9 dijawab", "version": f.case.version},
        )
        assert response.status_code == 302
        f.case.refresh_from_db()
        assert f.case.risk_level == "high"
        event = CaseEvent.objects.filter(case=f.case, kind="updated").latest("id")
        assert event.data["risk_to"] == "high" and event.data["reason"] == "Butir 9 dijawab"
        timeline = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
        assert "Butir 9 dijawab" in timeline
        page = client.get(reverse("safety_alert", args=[flagged.pk])).content.decode()
        assert "Naikkan risiko ke Tinggi" not in page

    def test_it_wants_a_reason_and_refuses_a_second_raise(self, flagged, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        f.case.refresh_from_db()
        url = reverse("safety_risk", args=[flagged.pk])
        response = client.post(url, {"reason": "  ", "version": f.case.version})
        assert response.status_code == 422
        f.case.refresh_from_db()
        assert f.case.risk_level == "medium"
        client.post(url, {"reason": "Ya", "version": f.case.version})
        f.case.refresh_from_db()
        response = client.post(url, {"reason": "Lagi", "version": f.case.version})
        assert response.status_code == 422
        assert "sudah setinggi" in response.content.decode()


class TestRecordingTheAction:
    def test_it_closes_the_alert_and_the_check_in(self, flagged, client, world):
        f = world.a
        client.force_login(f.users["supervisor"])
        response = client.post(
            reverse("safety_action", args=[flagged.pk]),
            {
                "action_taken": "Menelepon klien; aman, dirujuk ke puskesmas",
                "version": flagged.version,
            },
        )
        assert response.status_code == 302
        flagged.refresh_from_db()
        assert not flagged.is_open and flagged.action_by == f.users["supervisor"]
        assert flagged.task.done_at is not None
        event = CaseEvent.objects.get(case=f.case, kind="safety_action_recorded")
        assert "Menelepon" not in json.dumps(event.data)
        for role in ("worker", "supervisor"):
            client.force_login(f.users[role])
            assert 'id="safety-alerts"' not in client.get(reverse("home")).content.decode()
        page = client.get(reverse("safety_alert", args=[flagged.pk])).content.decode()
        assert "Menelepon klien" in page and 'name="action_taken"' not in page

    def test_it_wants_the_action_and_a_current_version(self, flagged, client, world):
        client.force_login(world.a.users["worker"])
        url = reverse("safety_action", args=[flagged.pk])
        assert client.post(url, {"action_taken": "", "version": flagged.version}).status_code == 422
        stale = client.post(url, {"action_taken": "Ya", "version": flagged.version + 5})
        assert stale.status_code == 409
        assert client.post(url, {"action_taken": "Ya", "version": "x"}).status_code == 422
        flagged.refresh_from_db()
        assert flagged.is_open

    def test_the_auditor_reads_but_does_not_act(self, flagged, client, world):
        client.force_login(world.a.users["auditor"])
        page = client.get(reverse("safety_alert", args=[flagged.pk]))
        assert page.status_code == 200 and 'name="action_taken"' not in page.content.decode()


class TestFlagActionsInTheFile:
    def definition(self, actions):
        data = json.loads(instruments.BUILTIN_DIR.joinpath("phq9.json").read_text())
        data["flags"][0]["actions"] = actions
        return data

    def test_a_file_without_actions_gets_the_defaults(self):
        data = self.definition({})
        del data["flags"][0]["actions"]
        flag = instruments.parse(data).flags[0]
        assert flag.actions == instruments.FlagActions()
        assert flag.actions.notify == ("worker", "supervisor") and flag.actions.task_days == 0

    @pytest.mark.parametrize(
        ("actions", "field"),
        [
            ({"notify": ["everyone"]}, "notify"),
            ({"task_days": -1}, "task_days"),
            ({"task_days": True}, "task_days"),
            ({"risk": "extreme"}, "risk"),
            ({"alert": "yes"}, "alert"),
            ({"page": 1}, "page"),
        ],
    )
    def test_it_names_a_bad_action(self, actions, field):
        with pytest.raises(InstrumentDefinitionError, match=f"flags\\[0\\].actions.{field}"):
            instruments.parse(self.definition(actions))

    def test_an_instrument_can_keep_the_banner_only(self, client, world, monkeypatch):
        quiet = instruments.parse(self.definition({"alert": False}))
        monkeypatch.setattr(instruments, "get", lambda code: quiet if code == "phq9" else None)
        f = world.a
        client.force_login(f.users["worker"])
        answer_phq9(client, f.case, 3)
        assert not SafetyAlert.objects.exists()
