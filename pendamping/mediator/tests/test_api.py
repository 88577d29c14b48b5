"""The mediator's API: the gate (422 naming the law, nothing saved), who sees what,
and the caucus rule in one party's view."""

from django.utils import timezone

from pendamping.mediator.models import Mediation

from .conftest import open_mediation, with_parties

SCREENING = {"sexual_violence": False, "perpetrator_is_child": False,
             "violence_or_coercion": False, "power_imbalance": False, "child_party": False}  # fmt: skip


class TestCreate:
    def test_a_barred_mediation_is_422_naming_the_law(self, api, world):
        api.as_user(world.a.users["worker"])
        resp = api.post("/mediations", {"kind": "couple", "issue": "Pertengkaran",
                                        "screening": SCREENING | {"sexual_violence": True}})  # fmt: skip
        assert resp.status_code == 422
        assert "UU 12/2022" in resp.json()["detail"] and "TPKS" in resp.json()["detail"]
        assert Mediation.objects.count() == 0

    def test_a_child_perpetrator_opens_it(self, api, world):
        api.as_user(world.a.users["worker"])
        resp = api.post("/mediations", {
            "kind": "juvenile_diversion", "issue": "Pelecehan oleh anak",
            "screening": SCREENING | {"sexual_violence": True, "perpetrator_is_child": True,
                                      "child_party": True},
            "diversion": {"max_sentence_months": 48, "level": "investigation",
                          "level_started_on": timezone.localdate().isoformat()},
            "case_ids": [world.a.case.pk]})  # fmt: skip
        assert resp.status_code == 201, resp.content
        m = Mediation.objects.get()
        assert m.current_level.level == "investigation" and list(m.cases.all()) == [world.a.case]

    def test_coercion_forces_shuttle_mode(self, api, world):
        api.as_user(world.a.users["worker"])
        resp = api.post("/mediations", {"kind": "couple", "issue": "Nafkah anak",
                                        "screening": SCREENING | {"violence_or_coercion": True}})  # fmt: skip
        assert resp.json()["shuttle_only"] is True
        mid = resp.json()["id"]
        resp = api.post(
            f"/mediations/{mid}/sessions",
            {"kind": "joint", "held_on": timezone.localdate().isoformat()},
        )
        assert resp.status_code == 422

    def test_the_screening_is_required(self, api, world):
        api.as_user(world.a.users["worker"])
        resp = api.post("/mediations", {"kind": "couple", "issue": "Nafkah"})
        assert resp.status_code == 422 and Mediation.objects.count() == 0

    def test_a_case_of_another_agency_is_unknown(self, api, world):
        api.as_user(world.a.users["worker"])
        resp = api.post("/mediations", {"kind": "couple", "issue": "Nafkah",
                                        "screening": SCREENING, "case_ids": [world.b.case.pk]})  # fmt: skip
        assert resp.status_code == 422 and Mediation.objects.count() == 0


class TestReading:
    def test_the_admin_sees_the_stage_not_the_issue(self, api, world):
        m = open_mediation(world.a, issue="Rahasia")
        api.as_user(world.a.users["admin"])
        body = api.get(f"/mediations/{m.pk}").json()
        assert body["stage"] == "preparation" and body["issue"] is None
        assert api.get("/mediations").json()["items"][0]["issue"] is None
        assert api.get(f"/mediations/{m.pk}/parties").status_code == 403

    def test_a_caucus_note_is_hidden_in_the_other_partys_view(self, api, world):
        f = world.a
        m = open_mediation(f)
        one, two = with_parties(f, m)
        api.as_user(f.users["worker"])
        resp = api.post(f"/mediations/{m.pk}/sessions",
                        {"kind": "caucus", "held_on": timezone.localdate().isoformat(),
                         "caucus_party_id": one.pk, "notes": "Takut"})  # fmt: skip
        assert resp.status_code == 201
        other = api.get(f"/mediations/{m.pk}/sessions?party_id={two.pk}").json()
        own = api.get(f"/mediations/{m.pk}/sessions?party_id={one.pk}").json()
        assert other[0]["notes"] is None and own[0]["notes"] == "Takut"
        assert api.get(f"/mediations/{m.pk}/sessions").json()[0]["notes"] == "Takut"

    def test_agreement_and_compliance(self, api, world):
        f = world.a
        m = open_mediation(f)
        _one, two = with_parties(f, m)
        api.as_user(f.users["worker"])
        today = timezone.localdate().isoformat()
        term = api.post(f"/mediations/{m.pk}/terms", {"text": "Nafkah dibayar",
                                                      "responsible_party_id": two.pk,
                                                      "due_on": today}).json()  # fmt: skip
        m.refresh_from_db()
        assert (
            api.post(
                f"/mediations/{m.pk}/agreement/sign", {"signed_on": today, "version": m.version}
            ).json()["stage"]
            == "follow_up"
        )
        resp = api.post(f"/mediations/{m.pk}/terms/{term['id']}/compliance",
                        {"compliance": "complied"})  # fmt: skip
        assert resp.json()["compliance"] == "complied"
