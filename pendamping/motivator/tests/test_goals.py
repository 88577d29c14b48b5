"""Goals scaled with GAS: the goals page, reviews, editing, the API and the timeline."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pendamping.cases import services as case_services
from pendamping.cases.models import CaseEvent
from pendamping.motivator import services
from pendamping.motivator.models import Goal, GoalReview, HistoryError
from pendamping.motivator.tests.conftest import LEVELS, add_goal, review, svgs


def goal_post(**over):
    target = (timezone.localdate() + timedelta(days=60)).isoformat()
    return (
        LEVELS
        | {"statement": "Kembali sekolah", "weight": "1", "baseline_level": "-1"}
        | {"target_date": target}
        | over
    )


class TestGoalsPage:
    def test_it_adds_a_goal_and_shows_it_with_its_t_score(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        r = client.post(reverse("goal_add", args=[f.case.pk]), goal_post())
        assert r.status_code == 302 and r["Location"] == reverse("case_goals", args=[f.case.pk])
        goal = Goal.objects.get(case=f.case)
        assert goal.baseline_level == -1 and goal.created_by == f.users["worker"]
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        # one goal at its baseline −1: 50 + 10·(−1)/√1 = 40
        assert "Kembali sekolah" in page and "T = 40,0" in page
        assert "Menanyakan lowongan" in page  # the level descriptions

    def test_it_refuses_a_goal_without_every_level_and_says_why(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        r = client.post(
            reverse("goal_add", args=[f.case.pk]), goal_post(level_plus_2="", weight="0")
        )
        assert r.status_code == 422 and not Goal.objects.exists()
        page = r.content.decode()
        assert "Bobot harus lebih dari 0" in page and 'class="field has-error"' in page

    def test_it_shows_helpful_empty_states(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert "Belum ada tujuan" in page and "Belum ada cek motivasi" in page
        assert "Belum ada langkah aksi" in page and 'id="goal-form"' in page

    def test_a_review_becomes_the_current_level_and_goes_on_the_timeline(self, client, world):
        f = world.a
        goal = add_goal(f)
        client.force_login(f.users["worker"])
        r = client.post(
            reverse("goal_review", args=[goal.pk]),
            {"level": "1", "reviewed_on": timezone.localdate().isoformat(), "note": "Magang"},
        )
        assert r.status_code == 302
        assert Goal.objects.get(pk=goal.pk).current_level == 1
        event = CaseEvent.objects.filter(case=f.case, kind="goal_reviewed").get()
        # one goal at +1: 50 + 10·1/1 = 60
        assert event.details().endswith("Level +1 · T=60,0")  # a decimal comma in Indonesian
        detail = client.get(reverse("case_detail", args=[f.case.pk])).content.decode()
        timeline = detail[detail.index('id="timeline"') :]
        assert "Level +1 · T=60,0" in timeline and "Tujuan ditetapkan" in timeline
        # the motivator's card comes after the page, with the other role cards
        cards = client.get(reverse("case_panels_later", args=[f.case.pk])).content.decode()
        assert "T = 60,0" in cards[cards.index('id="motivator"') :]

    def test_a_future_review_date_is_refused(self, client, world):
        f = world.a
        goal = add_goal(f)
        client.force_login(f.users["worker"])
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        r = client.post(
            reverse("goal_review", args=[goal.pk]), {"level": "1", "reviewed_on": tomorrow}
        )
        assert r.status_code == 422 and not GoalReview.objects.exists()
        assert "masa depan" in r.content.decode()

    def test_the_t_score_chart_is_valid_svg_with_its_numbers_in_a_table(self, client, world):
        f = world.a
        a, b = add_goal(f, "A"), add_goal(f, "B")
        review(f, a, 0, days_ago=20)
        review(f, a, 1, days_ago=5)
        review(f, b, 0, days_ago=5)
        client.force_login(f.users["worker"])
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        charts = svgs(page)
        assert any("Skor T dari waktu ke waktu" in c for c in charts)
        table = page[
            page.index('id="gas-history"') : page.index("</table>", page.index('id="gas-history"'))
        ]
        # B counts from its first review (5 days ago), so the past is not rewritten:
        # start: A at −1 → 50 − 10 = 40.0; 20 days ago: A at 0 → 50.0;
        # 5 days ago: A +1, B 0 → 50 + 10·1/√(0.7·2 + 0.3·4) = 56.2
        for value in ("40,0", "50,0", "56,2"):
            assert value in table
        assert "Awal" in table

    def test_the_page_query_count_does_not_grow_with_goals_and_reviews(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        url = reverse("case_goals", args=[f.case.pk])
        goal = add_goal(f)
        review(f, goal, 0)
        services.checkin_add(actor=f.users["worker"], case=f.case, intention=5, determination=5,
                             spirit=5, importance=5, confidence=5)  # fmt: skip
        services.action_step_add(actor=f.users["worker"], case=f.case, step="Langkah", goal=goal)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        for i in range(6):
            g = add_goal(f, f"Tujuan {i}")
            review(f, g, 1, days_ago=i)
            review(f, g, 2)
            services.checkin_add(actor=f.users["worker"], case=f.case, intention=i, determination=5,
                                 spirit=5, importance=5, confidence=5)  # fmt: skip
            services.action_step_add(actor=f.users["worker"], case=f.case, step=f"L{i}", goal=g)
        with CaptureQueriesContext(connection) as many:
            assert client.get(url).status_code == 200
        assert len(many) == len(few), [q["sql"] for q in many.captured_queries]

    def test_the_auditor_reads_without_forms(self, client, world):
        f = world.a
        goal = add_goal(f)
        client.force_login(f.users["auditor"])
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert goal.statement in page
        assert 'id="goal-form"' not in page and reverse("goal_review", args=[goal.pk]) not in page
        r = client.post(reverse("goal_review", args=[goal.pk]), {"level": "1"})
        assert r.status_code == 403

    def test_another_agency_and_instructors_get_404(self, client, world):
        f = world.a
        goal = add_goal(f)
        for user in (world.b.users["admin"], f.users["instructor"], f.users["other_worker"]):
            client.force_login(user)
            assert client.get(reverse("case_goals", args=[f.case.pk])).status_code == 404
            assert client.get(reverse("goal_edit", args=[goal.pk])).status_code == 404

    def test_a_closed_case_is_read_only(self, client, world):
        f = world.a
        goal = add_goal(f)
        case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                                 expected_version=f.case.version)  # fmt: skip
        client.force_login(f.users["worker"])
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert 'id="goal-form"' not in page and "hanya dapat dibaca" in page
        r = client.post(
            reverse("goal_review", args=[goal.pk]),
            {"level": "1", "reviewed_on": timezone.localdate().isoformat()},
        )
        assert r.status_code == 422 and not GoalReview.objects.exists()
        assert "Kasus sudah ditutup" in r.content.decode()


class TestGoalEdit:
    def test_it_saves_changes_and_notes_them_on_the_timeline(self, client, world):
        f = world.a
        goal = add_goal(f)
        client.force_login(f.users["worker"])
        url = reverse("goal_edit", args=[goal.pk])
        assert client.get(url).status_code == 200
        r = client.post(url, goal_post(statement="Bekerja tetap", weight="3", version=goal.version))
        assert r.status_code == 302
        goal.refresh_from_db()
        assert goal.statement == "Bekerja tetap" and goal.weight == 3 and goal.version == 2
        event = CaseEvent.objects.get(case=f.case, kind="goal_updated")
        assert set(event.data["fields"]) >= {"statement", "weight"}

    def test_a_stale_form_is_refused_with_409(self, client, world):
        f = world.a
        goal = add_goal(f)
        services.goal_update(actor=f.users["supervisor"], goal=goal, data={"weight": 2},
                             expected_version=goal.version)  # fmt: skip
        client.force_login(f.users["worker"])
        r = client.post(reverse("goal_edit", args=[goal.pk]), goal_post(version=1))
        assert r.status_code == 409 and "sudah diubah orang lain" in r.content.decode()
        goal.refresh_from_db()
        assert goal.statement == "Bekerja di bengkel"

    def test_a_supervisor_deletes_a_goal_and_it_leaves_the_t_score(self, client, world):
        f = world.a
        keep, wrong = add_goal(f, "Tetap"), add_goal(f, "Salah catat")
        review(f, keep, 1)
        client.force_login(f.users["worker"])
        assert client.post(reverse("goal_delete", args=[wrong.pk])).status_code == 403
        client.force_login(f.users["supervisor"])
        assert client.post(reverse("goal_delete", args=[wrong.pk])).status_code == 302
        page = client.get(reverse("case_goals", args=[f.case.pk])).content.decode()
        assert "Salah catat" not in page[: page.index('id="steps"')] and "T = 60,0" in page
        assert client.get(reverse("goal_edit", args=[wrong.pk])).status_code == 404

    def test_a_goal_of_a_closed_case_is_not_deleted_and_the_page_says_why(self, client, world):
        f = world.a
        goal = add_goal(f, "Tetap")
        case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                                 expected_version=f.case.version)  # fmt: skip
        client.force_login(f.users["supervisor"])
        r = client.post(reverse("goal_delete", args=[goal.pk]))
        assert r.status_code == 302 and r["Location"] == reverse("case_goals", args=[f.case.pk])
        page = client.get(r["Location"]).content.decode()
        assert "Kasus sudah ditutup" in page and "Tujuan dihapus." not in page
        goal.refresh_from_db()
        assert goal.deleted_at is None


class TestHistory:
    def test_reviews_are_never_edited_or_deleted(self, world):
        f = world.a
        r = review(world.a, add_goal(f), 1)
        r.level = 2
        with pytest.raises(HistoryError):
            r.save()
        with pytest.raises(HistoryError):
            r.delete()
        with pytest.raises(HistoryError):
            GoalReview.objects.filter(pk=r.pk).update(level=2)

    def test_services_check_the_role_and_the_values(self, world):
        f = world.a
        goal = add_goal(f)
        with pytest.raises(PermissionDenied):
            services.goal_review(actor=f.users["auditor"], goal=goal, level=1)
        with pytest.raises(ValidationError) as e:
            services.goal_review(actor=f.users["worker"], goal=goal, level=3)
        assert "level" in e.value.error_dict
        with pytest.raises(ValidationError) as e:
            services.goal_add(actor=f.users["worker"], case=f.case, data={"statement": " "})
        assert {"statement", "level_0", "weight", "target_date"} <= set(e.value.error_dict)


class TestGoalApi:
    def test_the_gas_of_a_case_without_goals_is_null(self, api, world):
        f = world.a
        body = api.as_user(f.users["worker"]).get(f"/cases/{f.case.pk}/gas").json()
        assert body["t_score"] is None and body["goals"] == [] and body["history"] == []

    def test_it_creates_reviews_and_scores_goals(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        target = (timezone.localdate() + timedelta(days=30)).isoformat()
        levels = {"-2": "a", "-1": "b", "0": "c", "+1": "d", "+2": "e"}
        r = api.post(f"/cases/{f.case.pk}/goals", {"statement": "Sekolah", "descriptions": levels,
                                                   "weight": 1, "baseline_level": -1, "target_date": target})  # fmt: skip
        assert r.status_code == 201, r.content
        one = r.json()
        assert one["current_level"] == -1 and one["descriptions"]["1"] == "d"
        r = api.post(f"/cases/{f.case.pk}/goals", {"statement": "Kerja", "descriptions": levels,
                                                   "weight": 2, "baseline_level": 0, "target_date": target})  # fmt: skip
        two = r.json()
        assert (
            api.post(f"/goals/{one['id']}/reviews", {"level": 1, "note": "Bagus"}).status_code
            == 201
        )
        assert api.post(f"/goals/{two['id']}/reviews", {"level": 0}).status_code == 201
        body = api.get(f"/cases/{f.case.pk}/gas").json()
        # levels +1, 0 with weights 1, 2: Σwx = 1; Σw² = 5, (Σw)² = 9;
        # √(0.7·5 + 0.3·9) = √6.2 ≈ 2.48998; T = 50 + 10/2.48998 ≈ 54.0161
        assert body["t_score"] == pytest.approx(54.0161, abs=1e-4)
        goals = {g["statement"]: g for g in body["goals"]}
        assert goals["Sekolah"]["current_level"] == 1 and goals["Sekolah"]["baseline_level"] == -1
        assert goals["Kerja"]["weight"] == 2 and goals["Kerja"]["descriptions"]["-2"] == "a"
        assert [h["date"] for h in body["history"]] == [None, timezone.localdate().isoformat()]
        reviews = api.get(f"/goals/{one['id']}/reviews").json()["items"]
        assert [(r["level"], r["note"]) for r in reviews] == [(1, "Bagus")]

    def test_it_validates_with_the_form(self, api, world):
        f = world.a
        api.as_user(f.users["worker"])
        target = timezone.localdate().isoformat()
        r = api.post(f"/cases/{f.case.pk}/goals", {"statement": "X", "descriptions": {"3": "a"},
                                                   "target_date": target})  # fmt: skip
        # the schema names the five levels' keys
        assert r.status_code == 422 and r.json()["detail"].startswith("descriptions.3")
        r = api.post(f"/cases/{f.case.pk}/goals", {"statement": "X", "descriptions": {"0": "a"},
                                                   "target_date": target})  # fmt: skip
        assert r.status_code == 422 and "level_plus_2" in r.json()["errors"]
        goal = add_goal(f)
        r = api.post(f"/goals/{goal.pk}/reviews", {"level": 5})
        assert r.status_code == 422 and r.json()["detail"]

    def test_a_stale_patch_answers_409(self, api, world):
        f = world.a
        goal = add_goal(f)
        api.as_user(f.users["worker"])
        r = api.patch(
            f"/goals/{goal.pk}", {"version": goal.version, "descriptions": {"+2": "Punya bengkel"}}
        )
        assert r.status_code == 200 and r.json()["descriptions"]["2"] == "Punya bengkel"
        assert r.json()["statement"] == goal.statement
        r = api.patch(f"/goals/{goal.pk}", {"version": goal.version, "weight": 5})
        assert r.status_code == 409 and r.json()["detail"]

    def test_a_deleted_goal_is_gone(self, api, world):
        f = world.a
        goal = add_goal(f)
        api.as_user(f.users["admin"])
        assert api.delete(f"/goals/{goal.pk}").status_code == 204
        assert api.get(f"/goals/{goal.pk}").status_code == 404
        assert api.get(f"/cases/{f.case.pk}/gas").json()["t_score"] is None


class TestCaseloadPerWorker:
    def test_a_supervisor_picks_one_workers_caseload(self, client, world):
        f = world.a
        goal = add_goal(f, "Bekerja lagi")
        review(f, goal, 2)
        client.force_login(f.users["supervisor"])
        mine = client.get("/motivator/caseload/", {"worker": f.users["other_worker"].pk})
        assert f.case.number not in mine.content.decode()
        theirs = client.get("/motivator/caseload/", {"worker": f.users["worker"].pk})
        assert f.case.number in theirs.content.decode()
        client.force_login(world.b.users["supervisor"])  # another agency's worker is ignored
        other = client.get("/motivator/caseload/", {"worker": f.users["worker"].pk})
        assert f.case.number not in other.content.decode()


class TestScaleMarking:
    """The current level is marked as current, not struck through (that reads as cancelled)."""

    def test_the_current_level_is_highlighted_not_struck_through(self, client, world):
        from pathlib import Path

        from django.conf import settings

        f = world.a
        add_goal(f)
        client.force_login(f.users["worker"])
        page = client.get(reverse("case_goals", args=[f.case.pk])).text
        table = page[page.index('<table class="table gas-scale">') :]
        table = table[: table.index("</table>")]
        assert table.count('aria-current="true"') == 1
        assert '<tr class="current" aria-current="true">' in table
        assert 'class="done"' not in table
        css = (Path(settings.BASE_DIR) / "pendamping/static/pendamping/app.css").read_text()
        rule = next(line for line in css.splitlines() if line.startswith(".gas-scale tr.current"))
        assert "line-through" not in rule and "font-weight" in rule
