"""The mediator's API, second part (api_actions.py): what moves a mediation along,
consent, obstacles, rules, options, the diversion levels; 422 as JSON with the
field's message, 409 on a stale version."""

from datetime import timedelta

from django.utils import timezone

from pendamping.api.tests.test_hostile_input import fields_at_fault
from pendamping.mediator import services
from pendamping.mediator.models import DiversionLevel, Mediation

from .conftest import open_mediation, with_parties


def _today(days=0):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


class TestMovingAlong:
    def test_stage_then_a_stale_version_is_409(self, api, world):
        f = world.a
        m = open_mediation(f)
        with_parties(f, m)
        api.as_user(f.users["worker"])
        resp = api.post(f"/mediations/{m.pk}/stage", {"stage": "opening", "version": m.version})
        assert resp.status_code == 200 and resp.json()["stage"] == "opening"
        stale = api.post(
            f"/mediations/{m.pk}/stage", {"stage": "preparation", "version": m.version}
        )
        assert stale.status_code == 409 and stale.json()["detail"]

    def test_past_the_opening_needs_neutrality_422(self, api, world):
        f = world.a
        m = open_mediation(f)
        with_parties(f, m)
        api.as_user(f.users["worker"])
        resp = api.post(f"/mediations/{m.pk}/stage", {"stage": "exploring", "version": m.version})
        assert resp.status_code == 422 and "kenetralan" in resp.json()["detail"]

    def test_an_unknown_stage_is_422(self, api, world):
        m = open_mediation(world.a)
        api.as_user(world.a.users["worker"])
        resp = api.post(f"/mediations/{m.pk}/stage", {"stage": "nowhere", "version": m.version})
        assert resp.status_code == 422 and resp.json()["errors"]

    def test_a_conflict_needs_its_note_then_blocks(self, api, world):
        f = world.a
        m = open_mediation(f)
        api.as_user(f.users["worker"])
        url = f"/mediations/{m.pk}/neutrality"
        resp = api.post(url, {"conflict": True, "version": m.version})
        assert resp.status_code == 422 and "conflict_note" in resp.json()["errors"]
        resp = api.post(url, {"conflict": True, "note": "Sepupu saya", "version": m.version})
        assert resp.status_code == 200
        resp = api.post(f"/mediations/{m.pk}/options", {"text": "Pagar bersama"})
        assert resp.status_code == 422 and "konflik" in resp.json()["detail"]

    def test_reassign(self, api, world):
        f = world.a
        m = open_mediation(f)
        api.as_user(f.users["supervisor"])
        url = f"/mediations/{m.pk}/reassign"
        resp = api.post(url, {"mediator_id": f.users["supervisor"].pk, "version": m.version})
        assert resp.status_code == 422 and "mediator" in resp.json()["errors"]
        resp = api.post(url, {"mediator_id": world.b.users["worker"].pk, "version": m.version})
        assert resp.status_code == 422 and "mediator_id" in resp.json()["errors"]
        resp = api.post(url, {"mediator_id": f.users["other_worker"].pk, "version": m.version})
        assert resp.status_code == 200, resp.content
        assert Mediation.objects.get().mediator == f.users["other_worker"]

    def test_close_needs_a_reason(self, api, world):
        m = open_mediation(world.a)
        api.as_user(world.a.users["worker"])
        url = f"/mediations/{m.pk}/close"
        resp = api.post(url, {"outcome": "withdrawn", "reason": "  ", "version": m.version})
        assert resp.status_code == 422 and "reason" in fields_at_fault(resp)  # the schema's
        resp = api.post(url, {"outcome": "withdrawn", "reason": "Pindah", "version": m.version})
        assert resp.json()["is_open"] is False and resp.json()["outcome"] == "withdrawn"

    def test_the_supervisor_reviews_a_shuttle_agreement(self, api, world):
        f = world.a
        m = open_mediation(f, violence_or_coercion=True)
        one, _two = with_parties(f, m)
        services.term_add(actor=f.users["worker"], mediation=m, text="Nafkah", responsible=one,
                          due_on=timezone.localdate())  # fmt: skip
        m.refresh_from_db()
        api.as_user(f.users["worker"])
        url = f"/mediations/{m.pk}/agreement/review"
        assert api.post(url, {"version": m.version}).status_code == 403
        api.as_user(f.users["supervisor"])
        assert api.post(url, {"version": m.version}).status_code == 200
        assert Mediation.objects.get().reviewed_by == f.users["supervisor"]


class TestPartiesObstaclesRulesOptions:
    def test_consent_on_an_existing_party(self, api, world):
        f = world.a
        m = open_mediation(f)
        one, _two = with_parties(f, m, consent=False)
        api.as_user(f.users["worker"])
        url = f"/mediations/{m.pk}/parties/{one.pk}/consent"
        assert api.post(url, {"method": "by_pigeon", "version": one.version}).status_code == 422
        # a recorded consent names where the recording is kept (its proof)
        resp = api.post(url, {"method": "recorded", "version": one.version})
        assert resp.status_code == 422 and "tempat rekaman" in resp.json()["detail"]
        assert fields_at_fault(resp) == {"recording_reference"}
        one.refresh_from_db()
        assert not one.has_consented
        body = {"method": "recorded", "version": one.version, "recording_reference": " Arsip  B/3 "}
        resp = api.post(url, body)
        assert resp.status_code == 200 and resp.json()["consented"] is True
        assert resp.json()["consent_method"] == "recorded"
        assert resp.json()["consent_recording_reference"] == "Arsip B/3"
        assert api.post(url, body).status_code == 409
        listed = api.get(f"/mediations/{m.pk}/parties").json()
        assert [p["consent_recording_reference"] for p in listed] == ["Arsip B/3", ""]

    def test_a_party_added_with_a_recorded_consent_needs_the_reference(self, api, world):
        f = world.a
        m = open_mediation(f)
        api.as_user(f.users["worker"])
        url = f"/mediations/{m.pk}/parties"
        resp = api.post(url, {"name": "Bu Sari", "consent_method": "recorded"})
        assert resp.status_code == 422 and "tempat rekaman" in resp.json()["detail"]
        assert not m.parties.exists()  # no party left behind
        type(f.users["worker"]).objects.filter(pk=f.users["worker"].pk).update(language="en")
        resp = api.post(url, {"name": "Bu Sari", "consent_method": "recorded"})
        assert "where the recording is kept" in resp.json()["detail"]
        resp = api.post(url, {"name": "Bu Sari", "consent_method": "recorded",
                              "consent_recording_reference": "Kaset 4"})  # fmt: skip
        assert resp.status_code == 201 and resp.json()["consent_recording_reference"] == "Kaset 4"

    def test_obstacle_status_keeps_the_rest(self, api, world):
        f = world.a
        m = open_mediation(f)
        o = services.obstacle_save(actor=f.users["worker"], mediation=m,
                                   data={"description": "Gengsi", "channel": "Tokoh RW"})  # fmt: skip
        api.as_user(f.users["worker"])
        url = f"/mediations/{m.pk}/obstacles/{o.pk}"
        resp = api.patch(url, {"status": "overcome", "version": o.version})
        assert resp.status_code == 200, resp.content
        assert resp.json() | {"id": 0} == {"id": 0, "description": "Gengsi", "channel": "Tokoh RW",
                                           "who_acts": "", "status": "overcome",
                                           "version": o.version + 1}  # fmt: skip
        assert api.patch(url, {"status": "stuck", "version": o.version}).status_code == 409
        assert api.patch(url, {"status": "maybe", "version": o.version + 1}).status_code == 422
        assert [r["status"] for r in api.get(f"/mediations/{m.pk}/obstacles").json()] == [
            "overcome"
        ]

    def test_rules_list_who_agreed(self, api, world):
        f = world.a
        m = open_mediation(f)
        one, _two = with_parties(f, m)
        services.rule_add(actor=f.users["worker"], mediation=m, text="Bergantian",
                          agreed_by=[one], agreed_on=timezone.localdate())  # fmt: skip
        api.as_user(f.users["worker"])
        (rule,) = api.get(f"/mediations/{m.pk}/ground-rules").json()
        assert rule["text"] == "Bergantian"
        assert rule["agreements"] == [{"party_id": one.pk, "agreed_on": _today()}]

    def test_options(self, api, world):
        m = open_mediation(world.a)
        api.as_user(world.a.users["worker"])
        url = f"/mediations/{m.pk}/options"
        assert api.post(url, {"text": " "}).status_code == 422
        assert api.post(url, {"text": "Pagar bersama", "chosen": True}).status_code == 201
        assert [(o["text"], o["chosen"]) for o in api.get(url).json()] == [("Pagar bersama", True)]


class TestLevels:
    def test_a_level_its_clocks_and_the_next_level(self, api, world, frozen):
        f = world.a
        api.as_user(f.users["worker"])
        m = open_mediation(f, kind="juvenile_diversion", max_sentence_months=48, child_party=True)
        url = f"/mediations/{m.pk}/levels"
        resp = api.post(url, {"level": "investigation", "started_on": _today(-3)})
        assert resp.status_code == 201, resp.content
        lv = resp.json()
        assert [(c["key"], c["state"]) for c in lv["clocks"]] == [("attempt", "running")]
        # the case goes on to the next level only after a failure (SPPA Art 13)
        resp = api.post(url, {"level": "prosecution", "started_on": _today()})
        assert resp.status_code == 422 and "Pasal 13" in resp.json()["detail"]
        patch = f"{url}/{lv['id']}"
        resp = api.patch(patch, {"diversion_started_on": _today(-4), "version": lv["version"]})
        assert resp.status_code == 422 and "diversion_started_on" in resp.json()["errors"]
        resp = api.patch(patch, {"diversion_started_on": _today(-2), "agreement_reached_on":
                                 _today(-1), "result": "not_carried_out", "version": lv["version"]})  # fmt: skip
        assert resp.status_code == 422 and "failure_reported_on" in resp.json()["errors"]
        resp = api.patch(patch, {"diversion_started_on": _today(-2), "agreement_reached_on":
                                 _today(-1), "result": "not_carried_out",
                                 "failure_reported_on": _today(), "version": lv["version"]})  # fmt: skip
        assert resp.status_code == 200, resp.content
        states = {c["key"]: (c["state"], c["article"]) for c in resp.json()["clocks"]}
        assert states["followed_up"] == ("running", "UU 11/2012 Ps 14(4)")
        assert states["attempt"][0] == "met"
        assert api.patch(patch, {"ruling": "X", "version": lv["version"]}).status_code == 409
        resp = api.post(url, {"level": "prosecution", "started_on": _today()})
        assert resp.status_code == 201
        assert [r["level"] for r in api.get(url).json()] == ["investigation", "prosecution"]
        assert DiversionLevel.objects.count() == 2

    def test_levels_are_for_diversions_only(self, api, world):
        m = open_mediation(world.a)
        api.as_user(world.a.users["worker"])
        resp = api.post(f"/mediations/{m.pk}/levels",
                        {"level": "investigation", "started_on": _today()})  # fmt: skip
        assert resp.status_code == 422 and DiversionLevel.objects.count() == 0
