"""The distribution of T-scores across a caseload."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping.accounts.models import Membership
from pendamping.cases import services as case_services
from pendamping.motivator import selectors
from pendamping.motivator.tests.conftest import add_goal, review, svgs


def open_case(f, worker_key="worker", problem="Masalah lain"):
    return case_services.case_open(
        actor=f.users["supervisor"], client=f.client, presenting_problem=problem,
        assigned_worker=f.users[worker_key],
    )  # fmt: skip


class CaseFile:
    """Goals on another case of the same agency file (the helpers take `f.case`)."""

    def __init__(self, f, case):
        self.users, self.case = f.users, case


class TestDistribution:
    def test_it_scores_each_open_case_with_goals_and_bins_the_scores(self, world):
        f = world.a
        g = add_goal(f)  # case 1: one goal reviewed +2 → 70
        review(f, g, 2)
        second = CaseFile(f, open_case(f))  # case 2: two goals at 0 → 50
        for s in ("A", "B"):
            review(second, add_goal(second, s, baseline=-1), 0)
        third = CaseFile(f, open_case(f, "other_worker"))  # case 3: one goal at baseline −2 → 30
        add_goal(third, baseline=-2)
        open_case(f)  # case 4: no goals
        dist = selectors.caseload_distribution(f.users["supervisor"])
        assert [(cid, round(t, 1)) for cid, t, _n in dist.scores] == [
            (third.case.pk, 30.0), (second.case.pk, 50.0), (f.case.pk, 70.0)]  # fmt: skip
        assert dict(dist.counts) == {"< 30": 0, "30 – < 40": 1, "40 – < 50": 0,
                                     "50 – < 60": 1, "60 – < 70": 0, "≥ 70": 1}  # fmt: skip
        assert dist.open_cases == 4 and dist.without_goals == 1
        assert dist.median == 50.0 and dist.at_or_above_expected == 2
        assert round(dist.mean, 4) == 50.0

    def test_a_worker_sees_only_their_own_cases_and_closed_cases_leave(self, world):
        f = world.a
        add_goal(f)
        other = CaseFile(f, open_case(f, "other_worker"))
        add_goal(other)
        assert [c for c, _t, _n in selectors.caseload_distribution(f.users["worker"]).scores] == [
            f.case.pk
        ]
        case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                                 expected_version=f.case.version)  # fmt: skip
        assert selectors.caseload_distribution(f.users["worker"]).scores == []
        assert len(selectors.caseload_distribution(f.users["admin"]).scores) == 1
        assert selectors.caseload_distribution(world.b.users["admin"]).scores == []
        assert selectors.caseload_distribution(f.users["instructor"]).scores == []

    def test_a_supervisor_sees_the_team_but_not_other_teams(self, world):
        f = world.a
        add_goal(f)
        Membership.objects.filter(user=f.users["worker"]).update(supervisor=None)
        supervisor = type(f.users["supervisor"]).objects.get(pk=f.users["supervisor"].pk)
        assert selectors.caseload_distribution(supervisor).scores == []


class TestCaseloadPage:
    def test_it_draws_a_histogram_with_a_table_and_links_to_each_case(self, client, world):
        f = world.a
        review(f, add_goal(f), 1)
        client.force_login(f.users["supervisor"])
        page = client.get(reverse("gas_caseload")).content.decode()
        charts = svgs(page)
        assert len(charts) == 1 and "Sebaran skor T" in charts[0]
        assert reverse("case_goals", args=[f.case.pk]) in page and "60,0" in page
        assert "<td>60 – &lt; 70</td><td>1</td>" in page

    def test_it_explains_an_empty_caseload(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        page = client.get(reverse("gas_caseload")).content.decode()
        assert "Belum ada kasus terbuka yang mempunyai tujuan" in page and "<svg" not in page
        client.force_login(f.users["instructor"])
        page = client.get(reverse("gas_caseload")).content.decode()
        assert "Tidak ada kasus terbuka" in page

    def test_the_query_count_does_not_grow_with_cases(self, client, world):
        f = world.a
        client.force_login(f.users["admin"])
        url = reverse("gas_caseload")
        review(f, add_goal(f), 1)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        for i in range(8):
            other = CaseFile(f, open_case(f, problem=f"Masalah {i}"))
            review(other, add_goal(other, f"G{i}"), i % 5 - 2)
            add_goal(other, f"H{i}", weight=2)
        with CaptureQueriesContext(connection) as many:
            page = client.get(url).content.decode()
        assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
        assert page.count(reverse("case_goals", args=[f.case.pk])) == 1
