"""The registry of pendamping/plugins.py: its rules, and a contract that every
registered panel and home item holds for every role in two agencies."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping import plugins
from pendamping.conftest import ROLE_KEYS
from pendamping.inbox.models import Notification

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
        assert {(c.key, c.every_seconds) for c in plugins.registry.periodics()} >= {
            ("advocate_escalate", 300), ("mediator_escalate", 3600), ("notify_overdue", 3600)
        }  # fmt: skip

    def test_it_refuses_a_periodic_check_twice_late_or_without_an_interval(self):
        registry = plugins.Registry()
        registry.add_periodic(plugins.Periodic("x_check", "builtins.int", 60))
        with pytest.raises(ImproperlyConfigured, match="twice"):
            registry.add_periodic(plugins.Periodic("x_check", "builtins.int", 60))
        for every in (0, -5, 1.5, "60", True):
            with pytest.raises(ImproperlyConfigured, match="every_seconds"):
                registry.add_periodic(plugins.Periodic("y_check", "builtins.int", every))
        with pytest.raises(ImproperlyConfigured, match="after start-up"):
            plugins.periodic("late_check", "builtins.int", every_seconds=60)


def run_periodic(*args):
    out, err = StringIO(), StringIO()
    call_command("periodic", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class TestPeriodicCommand:
    def test_it_runs_every_registered_check_once_and_idempotently(self, world):
        out, _ = run_periodic()
        assert "advocate_escalate: supervisor 0, admin 0" in out
        assert "mediator_escalate: terms 0, clocks 0" in out
        assert "notify_overdue: 2" in out  # the world's overdue tasks, agency A and B
        out, _ = run_periodic()
        assert "notify_overdue: 0" in out
        assert Notification.objects.filter(kind="task_overdue").count() == 2

    def test_a_failing_check_does_not_stop_the_others(self, db, monkeypatch):
        registry = plugins.Registry()
        registry.add_periodic(plugins.Periodic("a_fails", "builtins.dict", 60))
        registry.add_periodic(plugins.Periodic("b_works", "builtins.dict", 60))

        def boom():
            raise ZeroDivisionError

        monkeypatch.setattr(plugins.Periodic, "run", lambda c: boom() if c.key == "a_fails"
                            else {"done": 1})  # fmt: skip
        monkeypatch.setattr(plugins, "registry", registry)
        out, err = StringIO(), StringIO()
        with pytest.raises(CommandError, match="a_fails"):
            call_command("periodic", stdout=out, stderr=err)
        assert "b_works: done 1" in out.getvalue()
        assert "a_fails: failed" in err.getvalue()

    def test_every_runs_each_check_at_its_own_interval(self, db, monkeypatch):
        from pendamping.accounts.management.commands import periodic

        registry = plugins.Registry()
        registry.add_periodic(plugins.Periodic("fast", "builtins.dict", 60))
        registry.add_periodic(plugins.Periodic("slow", "builtins.dict", 300))
        monkeypatch.setattr(plugins, "registry", registry)
        runs, clock = [], [1000.0]
        monkeypatch.setattr(plugins.Periodic, "run", lambda c: runs.append(c.key) or 0)
        monkeypatch.setattr(periodic.time, "monotonic", lambda: clock[0])

        def sleep(seconds):
            assert seconds == 60
            clock[0] += seconds
            if clock[0] >= 1000 + 6 * 60:
                raise KeyboardInterrupt

        monkeypatch.setattr(periodic.time, "sleep", sleep)
        with pytest.raises(KeyboardInterrupt):
            run_periodic("--every", "60")
        assert runs.count("fast") == 6 and runs.count("slow") == 2  # at 0 s and at 300 s

    def test_a_negative_interval_is_refused(self, db):
        with pytest.raises(CommandError, match="--every"):
            run_periodic("--every", "-1")


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
    # a bounded cost: the supervisor's home has the most cards (team, unassigned
    # complaints, participants below the attendance rule, safety flags...)
    assert len(queries) <= 34, [q["sql"] for q in queries.captured_queries]
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


def test_it_refuses_a_nav_item_twice_or_for_an_unknown_role():
    registry = plugins.Registry()
    registry.add_nav_item(plugins.NavItem("x", "X", "home"))
    with pytest.raises(ImproperlyConfigured, match="twice"):
        registry.add_nav_item(plugins.NavItem("x", "Y", "home"))
    with pytest.raises(ImproperlyConfigured, match="unknown roles"):
        registry.add_nav_item(plugins.NavItem("y", "Y", "home", roles=frozenset({"cook"})))


@pytest.mark.parametrize("role", ROLE_KEYS)
def test_the_header_shows_the_links_the_apps_registered_for_the_role(client, world, role):
    client.force_login(world.a.users[role])
    no_case_files = role in ("instructor", "dpo")
    html = client.get(reverse("home") if no_case_files else reverse("client_list"))
    html = html.content.decode()
    nav = html[html.index('class="mainnav"') : html.index("</nav>")]
    items = plugins.registry.nav_items(world.a.users[role].membership.role)
    assert items, role
    for item in items:
        assert f'href="{reverse(item.url)}"' in nav, (role, item.key)
    # what the role may not open is not offered: an instructor or a data protection
    # officer sees no client list
    assert (f'href="{reverse("client_list")}"' in nav) == (not no_case_files)
    if not no_case_files:
        assert f'href="{reverse("client_list")}" aria-current="page"' in nav


def test_the_main_navigation_follows_the_script_prefix(client, world):
    """The nav's URLs are reversed once per URL configuration and script prefix: a
    site served below a prefix (WSGI's SCRIPT_NAME) links below it."""
    from django.urls import get_script_prefix, set_script_prefix

    client.force_login(world.a.users["worker"])
    assert 'href="/directory/"' in client.get("/").text
    before = get_script_prefix()
    set_script_prefix("/pendamping/")  # what the WSGI handler does per request
    try:
        assert 'href="/pendamping/directory/"' in client.get("/").text
    finally:
        set_script_prefix(before)
    assert 'href="/directory/"' in client.get("/").text
