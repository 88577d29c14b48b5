"""Pre/post measures defined as data, scored with their maximum; Hake's gain per
participant, per domain and per programme with hand-worked numbers, through the
pages and the API."""

import json

import pytest
from django.urls import reverse

from pendamping.facilitator import measures, outcomes, services
from pendamping.facilitator.measures import MeasureDefinitionError, _load

from .conftest import another_case, programme

KNOW = {"q1": "a", "q2": "b", "q3": "a", "q4": "b"}  # all correct: 4 of 4


def _world(world):
    f = world.a
    f.prog = programme(f)
    services.programme_save(
        actor=f.users["worker"], programme=f.prog,
        data={"measures": ["spiritual_knowledge", "self_worth_attitude"]},
    )  # fmt: skip
    f.prog.refresh_from_db()
    f.e1 = services.enrol(actor=f.users["worker"], programme=f.prog, case=f.case)
    f.e2 = services.enrol(actor=f.users["worker"], programme=f.prog,
                          case=another_case(f, "Budi Santoso", "Ucok"))  # fmt: skip
    return f


def _score(f, e, measure, phase, answers):
    return outcomes.score_record(actor=f.users["worker"], enrolment=e, measure=measure,
                                 phase=phase, answers=answers)  # fmt: skip


class TestScoring:
    def test_knowledge_counts_correct_answers_with_the_items_as_maximum(self, world):
        f = _world(world)
        row = _score(f, f.e1, "spiritual_knowledge", "pre", KNOW | {"q1": "b", "q2": "a"})
        assert (row.score, row.maximum) == (2, 4)

    def test_attitude_sums_the_scale_and_reverses_reversed_items(self, world):
        f = _world(world)
        row = _score(f, f.e1, "self_worth_attitude", "pre", {"a1": "4", "a2": "3", "a3": "1"})
        assert (row.score, row.maximum) == (4 + 3 + 4, 12)

    def test_a_missing_or_foreign_answer_is_refused(self, world):
        f = _world(world)
        with pytest.raises(Exception, match="Jawab setiap butir"):
            _score(f, f.e1, "spiritual_knowledge", "pre", {"q1": "a"})
        with pytest.raises(Exception, match="bukan bagian"):
            _score(f, f.e1, "sewing_skills", "pre", {})

    def test_a_malformed_file_names_the_field(self, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"code": "bad", "domain": "knowledge",
                                    "title": {"id": "x", "en": "x"},
                                    "items": [{"code": "q1", "text": {"id": "x", "en": "x"},
                                               "options": [{"value": "a", "label": {"id": "a", "en": "a"}},
                                                           {"value": "b", "label": {"id": "b", "en": "b"}}],
                                               "correct": "z"}]}))  # fmt: skip
        with pytest.raises(MeasureDefinitionError, match=r"bad.json: items\[0\].correct"):
            _load(path)

    def test_the_shipped_measures_load(self):
        assert {"spiritual_knowledge", "self_worth_attitude", "sewing_skills"} <= set(
            measures.all_measures()
        )


class TestGains:
    def test_hand_worked_gains_per_participant_domain_and_programme(self, world):
        f = _world(world)
        # knowledge (max 4): Siti 2 -> 4 (g = 2/2 = 1.0); Ucok 1 -> 2 (g = 1/3)
        _score(f, f.e1, "spiritual_knowledge", "pre", KNOW | {"q1": "b", "q2": "a"})
        _score(f, f.e1, "spiritual_knowledge", "post", KNOW)
        _score(f, f.e2, "spiritual_knowledge", "pre", KNOW | {"q1": "b", "q2": "a", "q3": "b"})
        _score(f, f.e2, "spiritual_knowledge", "post", KNOW | {"q1": "b", "q2": "a"})
        # attitude (max 12): Siti 6 -> 9 (g = 3/6 = 0.5); Ucok has only a pre score
        _score(f, f.e1, "self_worth_attitude", "pre", {"a1": "2", "a2": "2", "a3": "3"})
        _score(f, f.e1, "self_worth_attitude", "post", {"a1": "3", "a2": "3", "a3": "2"})
        _score(f, f.e2, "self_worth_attitude", "pre", {"a1": "1", "a2": "1", "a3": "4"})
        data = outcomes.programme_gains(f.users["worker"], f.prog, [f.e1, f.e2])
        g = {(r["enrolment"].pk, r["measure"].code): r["gain"] for r in data["rows"]}
        assert g[(f.e1.pk, "spiritual_knowledge")] == pytest.approx(1.0)
        assert g[(f.e2.pk, "spiritual_knowledge")] == pytest.approx(1 / 3)
        assert g[(f.e1.pk, "self_worth_attitude")] == pytest.approx(0.5)
        assert g[(f.e2.pk, "self_worth_attitude")] is None
        domains = {d["code"]: d for d in data["domains"]}
        # knowledge: mean pre 1.5/4 = 0.375, mean post 3/4 = 0.75 -> 0.375 / 0.625 = 0.6
        assert domains["knowledge"]["gain"] == pytest.approx(0.6)
        assert domains["knowledge"]["band"] == "Sedang" and domains["knowledge"]["n"] == 2
        assert domains["attitude"]["gain"] == pytest.approx(0.5)
        # programme: pre shares 0.5, 0.25, 0.5 (mean 5/12); post 1, 0.5, 0.75 (mean 0.75)
        # -> (0.75 - 5/12) / (1 - 5/12) = (4/12) / (7/12) = 4/7
        assert data["programme_gain"] == pytest.approx(4 / 7)

    def test_the_page_shows_table_and_chart_and_records_a_score(self, client, world):
        f = _world(world)
        client.force_login(f.users["worker"])
        url = reverse("score_form", args=[f.prog.pk, f.e1.pk, "spiritual_knowledge", "pre"])
        assert client.get(url).status_code == 200
        assert client.post(url, {"item_q1": "a"}).status_code == 422
        assert client.post(url, {f"item_{k}": v for k, v in KNOW.items()}).status_code == 302
        html = client.get(reverse("programme_gains", args=[f.prog.pk])).content.decode()
        assert "<svg" not in html  # no gain without a post score
        post = reverse("score_form", args=[f.prog.pk, f.e1.pk, "spiritual_knowledge", "post"])
        client.post(post, {f"item_{k}": v for k, v in KNOW.items()})
        client.post(url, {f"item_{k}": v for k, v in (KNOW | {"q1": "b"}).items()})  # pre 3 of 4
        html = client.get(reverse("programme_gains", args=[f.prog.pk])).content.decode()
        assert "<svg" in html and ("1,00" in html or "1.00" in html)
        client.force_login(f.users["instructor"])
        assert client.get(url).status_code == 404

    def test_the_api_gives_the_gains_of_the_participants_you_may_see(self, world, api):
        f = _world(world)
        api.as_user(f.users["worker"])
        body = {"measure": "spiritual_knowledge", "phase": "pre",
                "answers": KNOW | {"q1": "b", "q2": "a"}}  # fmt: skip
        assert api.post(f"/enrolments/{f.e1.pk}/scores", body).json()["score"] == 2
        api.post(f"/enrolments/{f.e1.pk}/scores", body | {"phase": "post", "answers": KNOW})
        assert api.post(f"/enrolments/{f.e1.pk}/scores", body | {"phase": "mid"}).status_code == 422
        got = api.get(f"/programmes/{f.prog.pk}/gains").json()
        assert got["gain"] == pytest.approx(1.0)
        api.as_user(f.users["instructor"])
        assert api.get(f"/programmes/{f.prog.pk}/gains").status_code == 404
