"""The registry of pendamping/plugins.py: its rules, and a contract that every
registered panel and home item holds for every role in two agencies."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping import plugins
from pendamping.conftest import ROLE_KEYS

READERS = {"worker", "supervisor", "admin", "auditor"}  # of agency A's case


class TestRegistry:
    def test_it_refuses_a_key_registered_twice(self):
        registry = plugins.Registry()
        kind = plugins.EventKind("x_done", "X")
        registry.add_event_kinds(kind)
        with pytest.raises(ImproperlyConfigured, match="twice"):
            registry.add_event_kinds(plugins.EventKind("x_done", "Y"))

    def test_it_refuses_contributions_after_start_up(self):
        assert plugins.registry.locked
        with pytest.raises(ImproperlyConfigured, match="after start-up"):
            plugins.event_kinds(plugins.EventKind("late_kind", "Late"))

    def test_it_refuses_a_notification_kind_twice_or_late_or_malformed(self):
        registry = plugins.Registry()
        registry.add_notification_kind(plugins.NotificationKind("x_told", "X"))
        with pytest.raises(ImproperlyConfigured, match="twice"):
            registry.add_notification_kind(plugins.NotificationKind("x_told", "Y"))
        for code in ("", "x" * 41, "bad code", "a-b"):
            with pytest.raises(ImproperlyConfigured, match="1 to 40"):
                registry.add_notification_kind(plugins.NotificationKind(code, "Z"))
        with pytest.raises(ImproperlyConfigured, match="not a NotificationKind"):
            registry.add_notification_kind(plugins.EventKind("x_event", "E"))
        with pytest.raises(ImproperlyConfigured, match="after start-up"):
            plugins.notification_kind("late_told", "Late")

    def test_it_renders_a_notification_kind_from_a_dotted_path(self):
        kind = plugins.NotificationKind("x_told", "X", render="builtins.repr")
        assert kind.describe({"a": 1}) == "{'a': 1}"
        assert plugins.NotificationKind("y_told", "Label").describe({}) == "Label"

    def test_it_runs_demo_seeders_after_the_ones_they_wait_for(self):
        registry = plugins.Registry()
        for key, after in [("c", ("b",)), ("a", ()), ("b", ("a",))]:
            registry.add_demo_seeder(plugins.DemoSeeder(key, "builtins.print", after))
        assert [s.key for s in registry.demo_seeders()] == ["a", "b", "c"]

    def test_it_refuses_a_seeder_waiting_for_an_unknown_one(self):
        registry = plugins.Registry()
        registry.add_demo_seeder(plugins.DemoSeeder("a", "builtins.print", ("nobody",)))
        with pytest.raises(ImproperlyConfigured, match="unknown"):
            registry.demo_seeders()

    def test_it_knows_every_app_contribution(self):
        panels = {p.key for p in plugins.registry.case_panels()}
        assert {"assessment", "needs", "motivator"} <= panels
        assert {s.key for s in plugins.registry.demo_seeders()} >= {
            "accounts", "clients", "cases", "broker", "assessment", "motivator"
        }  # fmt: skip
        assert plugins.registry.event_kind("checkin_added") is not None
        assert plugins.registry.home_items("worker")
        assert {k.code for k in plugins.registry.notification_kinds()} >= {
            "task_assigned", "task_overdue"
        }  # fmt: skip


@pytest.mark.parametrize("panel", [p.key for p in plugins.registry.case_panels()])
def test_every_panel_renders_alone_for_every_role_within_a_query_budget(client, world, panel):
    counts = {}
    for agency in ("a", "b"):
        for role in ROLE_KEYS:
            client.force_login(getattr(world, agency).users[role])
            url = reverse("case_panel", kwargs={"pk": world.a.case.pk, "key": panel})
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, headers={"HX-Request": "true"})
            if agency == "a" and role in READERS:
                assert response.status_code == 200, (panel, role)
                assert f'id="{panel}"' in response.content.decode()
                counts[role] = len(queries)
            else:
                assert response.status_code == 404, (panel, agency, role)
    # a bounded cost whoever reads it: the role decides a scope, not a query per row
    assert max(counts.values()) <= 15, counts


@pytest.mark.parametrize(("agency", "role"), [(a, r) for a in ("a", "b") for r in ROLE_KEYS])
def test_every_home_item_renders_for_every_role(client, world, agency, role):
    from pendamping.cases import selectors

    user = getattr(world, agency).users[role]
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert len(queries) <= 30, [q["sql"] for q in queries.captured_queries]
    for item in selectors.home_items(user, role):
        assert item["data"] is not None


def test_an_unknown_panel_is_not_found(client, world):
    client.force_login(world.a.users["worker"])
    url = reverse("case_panel", kwargs={"pk": world.a.case.pk, "key": "nothing"})
    assert client.get(url).status_code == 404


def test_a_panel_without_htmx_is_a_page(client, world):
    client.force_login(world.a.users["worker"])
    url = reverse("case_panel", kwargs={"pk": world.a.case.pk, "key": "needs"})
    html = client.get(url).content.decode()
    assert "<html" in html and 'id="needs"' in html
    assert settings.LANGUAGE_CODE == "id"
