"""Administering instruments: the generated form, scoring, the safety flag, the
timeline, the API, and each client's scores over time."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pendamping.assessment import instruments, services
from pendamping.assessment.models import HistoryError, InstrumentAdministration
from pendamping.cases import services as case_services
from pendamping.cases.models import CaseEvent

from .test_instruments import phq9


def form_data(answers, day=None):
    day = day or timezone.localdate()
    return {"administered_on": day.isoformat()} | {f"item_{k}": v for k, v in answers.items()}


def query_counts(client, urls) -> list[int]:
    """How many queries each of `urls` takes, each page asserted to answer 200."""
    result = []
    for url in urls:
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        result.append(len(q))
    return result


def administer(world, answers, code="phq9", day=None, f=None):
    f = f or world.a
    return services.instrument_administer(
        actor=f.users["worker"], case=f.case, instrument=instruments.get(code),
        answers=answers, administered_on=day,
    )  # fmt: skip


class TestAdministerPage:
    def test_it_shows_the_items_in_the_users_language(self, client, world):
        client.force_login(world.a.users["worker"])
        url = f"/cases/{world.a.case.pk}/instruments/phq9/"
        html = client.get(url).content.decode()
        assert "Berpikir lebih baik mati" in html and "Hampir setiap hari" in html
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = client.get(url).content.decode()
        assert "Thoughts that you would be better off dead" in html
        assert "Nearly every day" in html and "Berpikir lebih baik mati" not in html

    def test_it_scores_bands_and_writes_the_timeline(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/instruments/phq9/",
                        form_data(phq9(2, 2, 2, 2, 2, 2, 0, 0, 0)))  # fmt: skip
        assert r.status_code == 302
        a = InstrumentAdministration.objects.get()
        assert (a.score, a.band, a.band_label_id, a.flags) == (12, "moderate", "Sedang", [])
        assert a.instrument_code == "phq9" and a.instrument_version == "1"
        assert a.administered_by == world.a.users["worker"] and a.client == world.a.client
        assert a.answers == phq9(2, 2, 2, 2, 2, 2, 0, 0, 0)
        event = CaseEvent.objects.filter(kind="instrument_scored").get()
        assert event.details() == "PHQ-9: 12 · Sedang"
        assert event.data["score"] == 12 and event.data["administration"] == a.pk
        assert r["Location"] == f"/administrations/{a.pk}/"
        detail = client.get(r["Location"]).content.decode()
        assert "Sedang" in detail and "safety-flag" not in detail
        assert "PHQ-9: 12 · Sedang" in client.get(f"/cases/{world.a.case.pk}/").content.decode()

    def test_item_9_raises_a_visible_safety_flag(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.post(f"/cases/{world.a.case.pk}/instruments/phq9/",
                        form_data(phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)))  # fmt: skip
        a = InstrumentAdministration.objects.get()
        assert a.score == 1 and a.band == "minimal"
        assert [f["code"] for f in a.flags] == ["self_harm"]
        html = client.get(r["Location"]).content.decode()
        assert 'class="warning safety-flag" role="alert"' in html
        assert "Pikiran tentang kematian atau melukai diri" in html
        event = CaseEvent.objects.get(kind="instrument_scored")
        assert event.data["flags"] == ["self_harm"] and "⚠" in event.details()
        assert "⚠" in client.get(f"/cases/{world.a.case.pk}/").content.decode()

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [({"item_q9": ""}, "item_q9", "Jawab butir ini."),
         ({"item_q3": "4"}, "item_q3", "bukan pilihan"),
         ({"item_q3": "x"}, "item_q3", "bukan pilihan"),
         ({"administered_on": "2999-01-01"}, "administered_on", "masa depan")],
    )  # fmt: skip
    def test_every_item_is_required_and_checked_against_the_options(
        self, client, world, change, field, message
    ):
        client.force_login(world.a.users["worker"])
        data = form_data(phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)) | change
        r = client.post(f"/cases/{world.a.case.pk}/instruments/phq9/", data)
        assert r.status_code == 422
        assert message in " ".join(str(e) for e in r.context["form"].errors[field])
        assert not InstrumentAdministration.objects.exists()

    def test_barthel_values_must_be_published_weights(self, client, world):
        client.force_login(world.a.users["worker"])
        data = {k: 10 for k in ("feeding", "dressing", "bowels", "bladder", "toilet", "stairs")}
        data |= {"bathing": 5, "grooming": 5, "transfers": 20, "mobility": 15}
        r = client.post(f"/cases/{world.a.case.pk}/instruments/barthel/", form_data(data))
        assert r.status_code == 422 and "item_transfers" in r.context["form"].errors
        data["transfers"] = 15
        r = client.post(f"/cases/{world.a.case.pk}/instruments/barthel/", form_data(data))
        a = InstrumentAdministration.objects.get()
        assert (a.score, a.band_label_id) == (100, "Mandiri")

    def test_a_closed_case_takes_no_scores(self, client, world):
        f = world.a
        case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                                 expected_version=f.case.version)  # fmt: skip
        client.force_login(f.users["worker"])
        r = client.post(f"/cases/{f.case.pk}/instruments/phq9/", form_data(phq9(*[0] * 9)))
        assert r.status_code == 422 and not InstrumentAdministration.objects.exists()

    def test_an_unknown_instrument_is_404(self, client, world):
        client.force_login(world.a.users["worker"])
        assert client.get(f"/cases/{world.a.case.pk}/instruments/nothing/").status_code == 404

    def test_administrations_are_never_changed(self, world):
        a = administer(world, phq9(*[1] * 9))
        a.score = 0
        with pytest.raises(HistoryError):
            a.save()
        with pytest.raises(HistoryError):
            InstrumentAdministration.objects.filter(pk=a.pk).update(score=0)
        with pytest.raises(HistoryError):
            a.delete()


class TestAdministerApi:
    def test_answers_in_score_and_band_out(self, api, world):
        api.as_user(world.a.users["worker"])
        r = api.post(f"/cases/{world.a.case.pk}/instruments/phq9",
                     {"answers": phq9(3, 3, 3, 3, 3, 3, 2, 0, 1), "administered_on": "2026-01-10"})  # fmt: skip
        assert r.status_code == 201, r.content
        body = r.json()
        assert (body["score"], body["band"], body["band_label_id"], body["band_label_en"]) == (
            21,
            "severe",
            "Berat",
            "Severe",
        )
        assert [f["code"] for f in body["flags"]] == ["self_harm"]
        assert body["administered_on"] == "2026-01-10"
        assert api.get(f"/administrations/{body['id']}").json()["score"] == 21
        listed = api.get(f"/cases/{world.a.case.pk}/instruments").json()
        assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]

    @pytest.mark.parametrize(
        ("answers", "field"),
        [(phq9(*[0] * 8, None), "q9"), (phq9(*[0] * 8, 7), "q9"),
         ({f"q{n}": 0 for n in range(1, 9)}, "q9"), (phq9(*[0] * 9) | {"q10": 1}, "answers")],
    )  # fmt: skip
    def test_incomplete_or_invalid_answers_are_422(self, api, world, answers, field):
        api.as_user(world.a.users["worker"])
        r = api.post(f"/cases/{world.a.case.pk}/instruments/phq9", {"answers": answers})
        assert r.status_code == 422 and field in r.json()["errors"], r.content
        assert not InstrumentAdministration.objects.exists()

    def test_another_agency_cannot_score_the_case(self, api, world):
        api.as_user(world.b.users["worker"])
        r = api.post(f"/cases/{world.a.case.pk}/instruments/phq9", {"answers": phq9(*[0] * 9)})
        assert r.status_code == 404


class TestScoresOverTime:
    def scores(self, world):
        today = timezone.localdate()
        for days, answers in [(60, phq9(3, 3, 3, 3, 2, 2, 2, 0, 0)), (30, phq9(2, 2, 2, 2, 2, 0, 0, 0, 0)),
                              (0, phq9(1, 1, 1, 0, 0, 0, 0, 0, 0))]:  # fmt: skip
            administer(world, answers, day=today - timedelta(days=days))

    def test_the_page_charts_and_lists_the_scores(self, client, world):
        self.scores(world)
        administer(world, {i.code: 0 for i in instruments.get("barthel").items}, "barthel")
        client.force_login(world.a.users["supervisor"])
        html = client.get(f"/clients/{world.a.client.pk}/instruments/phq9/").content.decode()
        assert html.count("<circle") == 3 and "<polyline" in html
        assert "PHQ-9 · " in html and ": 18</title>" in html and ": 3</title>" in html
        assert "Cukup berat" in html and "Ringan" in html and "Minimal" in html
        assert html.index(">3<") < html.index(">18<")  # the table lists the newest first
        overview = client.get(f"/clients/{world.a.client.pk}/instruments/").content.decode()
        assert "PHQ-9: Kuesioner Kesehatan Pasien" in overview and "Indeks Barthel" in overview

    def test_the_api_gives_the_scores_oldest_first(self, api, world):
        self.scores(world)
        api.as_user(world.a.users["auditor"])
        body = api.get(f"/clients/{world.a.client.pk}/instruments/phq9/scores").json()
        assert [i["score"] for i in body["items"]] == [18, 10, 3]
        assert [i["band"] for i in body["items"]] == ["moderately_severe", "moderate", "minimal"]

    def test_other_agencies_and_unassigned_workers_see_nothing(self, client, api, world):
        self.scores(world)
        for user in (world.b.users["admin"], world.a.users["other_worker"]):
            client.force_login(user)
            assert client.get(f"/clients/{world.a.client.pk}/instruments/phq9/").status_code == 404
            api.as_user(user)
            assert (
                api.get(f"/clients/{world.a.client.pk}/instruments/phq9/scores").status_code == 404
            )

    def test_scores_from_a_case_the_user_cannot_see_stay_hidden(self, client, world):
        """A worker who registered the client does not see another worker's case scores."""
        f = world.a
        other_case = case_services.case_open(actor=f.users["supervisor"], client=f.client,
                                             presenting_problem="Lain",
                                             assigned_worker=f.users["other_worker"])  # fmt: skip
        services.instrument_administer(actor=f.users["other_worker"], case=other_case,
                                       instrument=instruments.get("phq9"), answers=phq9(*[3] * 9))  # fmt: skip
        administer(world, phq9(*[1] * 9))
        client.force_login(f.users["worker"])
        html = client.get(f"/clients/{f.client.pk}/instruments/phq9/").content.decode()
        assert ": 9</title>" in html and ": 27</title>" not in html

    def test_query_counts_do_not_grow_with_rows(self, client, world):
        client.force_login(world.a.users["worker"])
        urls = [f"/clients/{world.a.client.pk}/instruments/phq9/",
                f"/clients/{world.a.client.pk}/instruments/",
                f"/cases/{world.a.case.pk}/instruments/", f"/cases/{world.a.case.pk}/"]  # fmt: skip
        administer(world, phq9(*[1] * 9))
        administer(world, {i.code: 0 for i in instruments.get("barthel").items}, "barthel")
        before = query_counts(client, urls)
        for n in range(6):
            administer(world, phq9(*[n % 4] * 9), day=date(2025, 1, 1 + n))
            administer(world, {i.code: 5 for i in instruments.get("barthel").items}, "barthel")
        assert query_counts(client, urls) == before
