"""The case page renders no action form and no role card at once (issue 18): each
action's form comes from its own URL when its disclosure opens (htmx) or as a page
(without JavaScript); the role cards come in one request after the page."""

import pytest
from django.urls import reverse

from pendamping import plugins
from pendamping.accounts.tests.test_permission_matrix import USERS, expected
from pendamping.cases import actions, services
from pendamping.cases.models import CaseEvent

HX = {"HX-Request": "true"}
OPEN_CASE_ACTIONS = [k for k in actions.ACTIONS if k != "reopen"]


def close(f):
    f.case.refresh_from_db()
    services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                        expected_version=f.case.version)  # fmt: skip


class TestCaseForm:
    @pytest.mark.parametrize("key", OPEN_CASE_ACTIONS)
    def test_it_serves_the_form_only_to_those_who_may_take_the_action(self, client, world, key):
        rule = "manage" if key == "assign" else "write"
        for agency, role in USERS:
            client.force_login(getattr(world, agency).users[role])
            status = client.get(reverse("case_form", args=[world.a.case.pk, key])).status_code
            want = expected(rule, agency, role)
            assert status == (200 if want == "ok" else want), (key, agency, role, status)

    @pytest.mark.parametrize("key", OPEN_CASE_ACTIONS)
    def test_htmx_gets_the_form_alone_posting_to_the_action(self, client, world, key):
        f = world.a
        client.force_login(f.users["supervisor"])
        html = client.get(reverse("case_form", args=[f.case.pk, key]), headers=HX).text
        action = actions.ACTIONS[key]
        assert html.lstrip().startswith("<form") and "<html" not in html
        assert f'action="{reverse(action.url_name, args=[f.case.pk])}"' in html
        assert 'name="csrfmiddlewaretoken"' in html and str(action.submit) in html

    def test_without_htmx_it_is_a_page_of_its_own(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        html = client.get(reverse("case_form", args=[f.case.pk, "note"])).text
        assert "<h1>Tulis catatan · " in html and 'id="note-form"' in html
        assert f'href="{reverse("case_detail", args=[f.case.pk])}"' in html

    def test_the_edit_form_is_filled_from_the_case(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        form = client.get(reverse("case_form", args=[f.case.pk, "edit"])).context["a"]["form"]
        assert form["presenting_problem"].value() == f.case.presenting_problem
        assert form["version"].value() == f.case.version

    def test_a_form_that_no_longer_applies_leads_back_to_the_case(self, client, world):
        f = world.a
        close(f)
        client.force_login(f.users["worker"])
        page = reverse("case_detail", args=[f.case.pk])
        response = client.get(reverse("case_form", args=[f.case.pk, "note"]))
        assert response.status_code == 302 and response["Location"] == page
        response = client.get(reverse("case_form", args=[f.case.pk, "note"]), headers=HX)
        assert response["HX-Redirect"] == page
        assert client.get(reverse("case_form", args=[f.case.pk, "reopen"])).status_code == 200

    def test_an_unknown_form_is_not_found(self, client, world):
        client.force_login(world.a.users["worker"])
        assert client.get(reverse("case_form", args=[world.a.case.pk, "nope"])).status_code == 404


class TestCasePage:
    def test_it_offers_each_action_without_its_form(self, client, world):
        f = world.a
        client.force_login(f.users["supervisor"])
        html = client.get(reverse("case_detail", args=[f.case.pk])).text
        for key in OPEN_CASE_ACTIONS:
            url = reverse("case_form", args=[f.case.pk, key])
            assert f'hx-get="{url}"' in html and f'<a href="{url}">' in html, key
            posts_to = reverse(actions.ACTIONS[key].url_name, args=[f.case.pk])
            assert f'action="{posts_to}"' not in html, key
        assert reverse("case_form", args=[f.case.pk, "reopen"]) not in html

    def test_a_reader_is_offered_no_action(self, client, world):
        f = world.a
        client.force_login(f.users["auditor"])
        html = client.get(reverse("case_detail", args=[f.case.pk])).text
        assert "/forms/" not in html

    def test_a_closed_case_offers_to_reopen_it_and_to_change_its_summary(self, client, world):
        f = world.a
        close(f)
        client.force_login(f.users["worker"])
        offered = client.get(reverse("case_detail", args=[f.case.pk])).context["actions"]
        assert set(offered) == {"edit", "reopen"}

    def test_the_role_cards_come_after_the_page(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        html = client.get(reverse("case_detail", args=[f.case.pk])).text
        later = [p for p in plugins.registry.case_panels() if p.deferred]
        assert later
        for panel in later:
            assert f'<a href="{reverse("case_panel", args=[f.case.pk, panel.key])}">' in html
        assert html.count(f'hx-get="{reverse("case_panels_later", args=[f.case.pk])}"') == 1
        assert "Daftarkan ke program" not in html  # the facilitator's card is not there yet

    def test_its_queries_do_not_grow_with_the_timeline(
        self, client, world, django_assert_max_num_queries
    ):
        f = world.a
        client.force_login(f.users["worker"])
        page = reverse("case_detail", args=[f.case.pk])

        def add_events(n):
            CaseEvent.objects.bulk_create(
                [CaseEvent(case=f.case, kind="note_added", actor=f.users["worker"], note=f.note)
                 for _ in range(n)]
            )  # fmt: skip

        add_events(60)  # more than a page: a short timeline is counted without a COUNT
        with django_assert_max_num_queries(15) as first:
            client.get(page)
        add_events(120)
        with django_assert_max_num_queries(len(first.captured_queries)):
            assert client.get(page).status_code == 200


class TestRoleCardsLater:
    def test_htmx_gets_every_role_card_out_of_band(
        self, client, world, django_assert_max_num_queries
    ):
        f = world.a
        client.force_login(f.users["worker"])
        with django_assert_max_num_queries(24):
            html = client.get(reverse("case_panels_later", args=[f.case.pk]), headers=HX).text
        assert "<html" not in html
        for panel in plugins.registry.case_panels():
            if panel.deferred:
                assert f'id="{panel.key}" hx-swap-oob="true"' in html, panel.key
        # the facilitator's and mediator's links for a writer on an open case (case_open)
        assert "Daftarkan ke program" in html and "Buka mediasi" in html
        assert reverse("need_form", args=[f.case.pk]) in html  # the need form on demand

    def test_without_htmx_they_are_a_page(self, client, world):
        f = world.a
        client.force_login(f.users["auditor"])
        html = client.get(reverse("case_panels_later", args=[f.case.pk])).text
        assert "<h1>Kartu peran kasus " in html and "hx-swap-oob" not in html
        assert "Daftarkan ke program" not in html  # an auditor only reads

    def test_another_agency_does_not_see_them(self, client, world):
        client.force_login(world.b.users["admin"])
        assert client.get(reverse("case_panels_later", args=[world.a.case.pk])).status_code == 404


class TestNeedForm:
    def test_the_needs_card_opens_its_form_on_demand(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        url = reverse("need_form", args=[f.case.pk])
        html = client.get(url, headers=HX).text
        assert (
            f'action="{reverse("need_add", args=[f.case.pk])}"' in html and 'id="id_term"' in html
        )
        assert "<h1>Catat kebutuhan · " in client.get(url).text

    def test_a_need_the_case_cannot_take_is_told_once(self, client, world):
        from pendamping.taxonomy.models import TaxonomyTerm

        f = world.a
        close(f)
        client.force_login(f.users["worker"])
        term = TaxonomyTerm.objects.filter(parent__isnull=False).first()
        data = {"term": term.pk, "description": "Butuh kursi roda", "urgency": "medium"}
        response = client.post(reverse("need_add", args=[f.case.pk]), data, follow=True)
        said = [str(m) for m in response.context["messages"]]
        assert said == ["Kasus sudah ditutup. Buka kembali kasus untuk menambah data."]
