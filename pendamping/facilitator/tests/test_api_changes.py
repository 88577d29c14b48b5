"""The API operations for an enrolment's leave and a session's status: the same rules
as the pages (reason, transitions, versions), case events, an Idempotency-Key replay
that writes once, and both operations in the OpenAPI document."""

from django.test import Client as HttpClient

from pendamping.accounts.models import ApiToken
from pendamping.cases.models import CaseEvent
from pendamping.facilitator import services
from pendamping.facilitator.models import Enrolment, Session

from .conftest import another_case, programme


def _world(world):
    f = world.a
    worker = f.users["worker"]
    f.prog = programme(f, capacity=1)
    f.enrolment = services.enrol(actor=worker, programme=f.prog, case=f.case)
    f.case2 = another_case(f, "Budi Santoso", "Ucok")
    f.waiting = services.enrol(actor=worker, programme=f.prog, case=f.case2)
    from django.utils import timezone

    f.session = services.session_schedule(actor=worker, programme=f.prog, starts_at=timezone.now())
    return f


def _post(path, token, body, key=None):
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return HttpClient().post(
        f"/api/v1{path}", body, content_type="application/json", headers=headers
    )


def _sent_twice(path, user, body, key):
    """The same POST by `user` sent twice with one Idempotency-Key: both answered 200,
    the second a replay of the first. Returns both responses."""
    token = ApiToken.issue(user)
    first = _post(path, token, body, key=key)
    again = _post(path, token, body, key=key)
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    return first, again


class TestLeave:
    def test_it_leaves_with_a_reason_and_the_waiting_list_moves_up(self, world, api):
        f = _world(world)
        assert f.waiting.status == "waitlisted"
        api.as_user(f.users["worker"])
        r = api.post(f"/enrolments/{f.enrolment.pk}/leave",
                     {"reason": "Pindah kota", "version": f.enrolment.version})  # fmt: skip
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "left" and r.json()["reason"] == "Pindah kota"
        f.waiting.refresh_from_db()
        assert f.waiting.status == "enrolled"
        changed = CaseEvent.objects.filter(kind="programme_enrolment_changed")
        assert {(e.case_id, e.data["status"]) for e in changed} == {
            (f.case.pk, "left"), (f.case2.pk, "enrolled")}  # fmt: skip

    def test_it_refuses_what_the_page_refuses(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        path = f"/enrolments/{f.enrolment.pk}/leave"
        assert api.post(path, {"reason": "", "version": f.enrolment.version}).status_code == 422
        r = api.post(path, {"reason": "   ", "version": f.enrolment.version})
        assert r.status_code == 422 and r.json()["detail"].startswith("reason:")  # the schema's
        assert api.post(path, {"reason": "x" * 301, "version": 1}).status_code == 422
        assert api.post(path, {"reason": "Pindah", "version": 99}).status_code == 409
        assert (
            api.post(path, {"reason": "Pindah", "version": f.enrolment.version}).status_code == 200
        )
        again = api.post(path, {"reason": "Lagi", "version": f.enrolment.version + 1})
        assert again.status_code == 422  # no longer active
        api.as_user(world.b.users["admin"])
        assert api.post(f"/enrolments/{f.waiting.pk}/leave",
                        {"reason": "X", "version": 1}).status_code == 404  # fmt: skip
        api.as_user(f.users["auditor"])
        assert api.post(f"/enrolments/{f.waiting.pk}/leave",
                        {"reason": "X", "version": 1}).status_code == 403  # fmt: skip

    def test_a_retry_with_the_same_key_writes_once(self, world):
        f = _world(world)
        body = {"reason": "Pindah kota", "version": f.enrolment.version}
        first, again = _sent_twice(f"/enrolments/{f.enrolment.pk}/leave", f.users["worker"], body,
                                   key="leave-1")  # fmt: skip
        assert again.json() == first.json()
        assert (
            CaseEvent.objects.filter(case=f.case, kind="programme_enrolment_changed").count() == 1
        )
        assert Enrolment.objects.get(pk=f.enrolment.pk).version == f.enrolment.version + 1


class TestSessionStatus:
    def test_it_moves_the_session_on_as_the_page_does(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        path = f"/sessions/{f.session.pk}/status"
        r = api.post(path, {"status": "in_progress", "version": f.session.version})
        assert r.status_code == 200 and r.json()["status"] == "in_progress"
        r = api.post(path, {"status": "completed", "version": r.json()["version"]})
        assert r.status_code == 200 and r.json()["status"] == "completed"
        # completed is final
        assert api.post(path, {"status": "cancelled", "reason": "Hujan",
                               "version": r.json()["version"]}).status_code == 422  # fmt: skip

    def test_cancelling_needs_a_reason(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        path = f"/sessions/{f.session.pk}/status"
        r = api.post(path, {"status": "cancelled", "version": f.session.version})
        assert r.status_code == 422 and r.json()["detail"].startswith("reason:")  # the schema's
        r = api.post(path, {"status": "cancelled", "reason": "Banjir", "version": 1})
        assert r.status_code == 200 and r.json()["cancel_reason"] == "Banjir"
        assert api.post(path, {"status": "later", "version": 2}).status_code == 422
        assert api.post(path, {"status": "completed", "version": 1}).status_code == 422

    def test_the_instructor_and_another_agency_change_nothing(self, world, api):
        from pendamping.facilitator.models import Instructor

        f = _world(world)
        teacher = Instructor.objects.create(agency=f.agency, user=f.users["instructor"], name="U")
        f.session.instructors.add(teacher)
        body = {"status": "in_progress", "version": f.session.version}
        api.as_user(f.users["instructor"])
        assert api.post(f"/sessions/{f.session.pk}/status", body).status_code == 403
        api.as_user(world.b.users["worker"])
        assert api.post(f"/sessions/{f.session.pk}/status", body).status_code == 404
        assert Session.objects.get(pk=f.session.pk).status == "scheduled"

    def test_a_retry_with_the_same_key_writes_once(self, world):
        f = _world(world)
        body = {"status": "in_progress", "version": f.session.version}
        _sent_twice(f"/sessions/{f.session.pk}/status", f.users["worker"], body, key="s-1")
        assert Session.objects.get(pk=f.session.pk).version == f.session.version + 1


def test_both_are_in_the_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/enrolments/{enrolment_id}/leave", "/api/v1/sessions/{session_id}/status"):
        op = doc["paths"][path]["post"]
        assert "Idempotency-Key" in {p["name"] for p in op.get("parameters", [])}
        assert {"200", "409", "422"} <= set(op["responses"])
    schemas = doc["components"]["schemas"]
    status_schema = next(v for k, v in schemas.items() if k.endswith("SessionStatusIn"))
    assert "status" in status_schema["required"]
