"""Safety alerts over the API: list (scoped, open by default), one alert, and the
action taken recorded as on the web (the check-in task done, the alert closed)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pendamping.assessment import instruments, services
from pendamping.assessment.tests.matrix import flagged


def test_list_detail_and_record_the_action(api, world):
    f = world.a
    flagged(f)
    api.as_user(f.users["supervisor"])
    listed = api.get("/safety-alerts").json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert item["id"] == f.alert.pk and item["case_number"] == f.case.number and item["is_open"]
    assert api.get(f"/safety-alerts/{f.alert.pk}").json()["flag_code"] == f.alert.flag_code

    api.as_user(f.users["worker"])
    r = api.post(
        f"/safety-alerts/{f.alert.pk}/action", {"action_taken": "  ", "version": f.alert.version}
    )
    assert r.status_code == 422
    r = api.post(
        f"/safety-alerts/{f.alert.pk}/action", {"action_taken": "Menelepon", "version": 99}
    )
    assert r.status_code == 409
    r = api.post(
        f"/safety-alerts/{f.alert.pk}/action",
        {"action_taken": "Menelepon klien, aman", "version": f.alert.version},
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert not body["is_open"] and body["action_by_id"] == f.users["worker"].pk
    f.alert.refresh_from_db()
    assert f.alert.task.done_at is not None
    assert api.get("/safety-alerts").json()["count"] == 0
    assert api.get("/safety-alerts?open=false").json()["count"] == 1
    r = api.post(
        f"/safety-alerts/{f.alert.pk}/action", {"action_taken": "Lagi", "version": body["version"]}
    )
    assert r.status_code == 422


def test_other_agencies_and_the_auditor(api, world):
    f = world.a
    flagged(f)
    api.as_user(world.b.users["admin"])
    assert api.get("/safety-alerts").json()["count"] == 0
    assert api.get(f"/safety-alerts/{f.alert.pk}").status_code == 404
    api.as_user(f.users["auditor"])
    assert api.get("/safety-alerts").json()["count"] == 1
    r = api.post(
        f"/safety-alerts/{f.alert.pk}/action", {"action_taken": "x", "version": f.alert.version}
    )
    assert r.status_code == 403


def test_the_list_does_not_grow_in_queries(api, world):
    f = world.a
    flagged(f)
    api.as_user(f.users["supervisor"])
    with CaptureQueriesContext(connection) as one:
        api.get("/safety-alerts")
    answers = {f"q{i}": 1 for i in range(1, 10)}
    for _ in range(3):
        services.instrument_administer(
            actor=f.users["worker"],
            case=f.case,
            instrument=instruments.get("phq9"),
            answers=answers,
        )
    with CaptureQueriesContext(connection) as four:
        assert api.get("/safety-alerts").json()["count"] == 4
    assert len(four) == len(one)
