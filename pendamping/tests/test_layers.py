"""The layers of DESIGN.md hold: casework never imports a role module, and no two
apps import each other (directly or round a longer circle). Read from the source,
outside tests and migrations."""

import ast
import graphlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = sorted({p.parent.name for p in ROOT.glob("*/apps.py")} | {"api"})
ROLE_APPS = {"broker", "assessment", "motivator", "facilitator", "mediator", "advocate"}
CASEWORK = {"accounts", "taxonomy", "clients", "cases"}
# The kernel's notification inbox sits between accounts and casework: every app may
# raise a notification, and the inbox knows nothing of clients, cases or roles.
# The processing log sits there too: casework's pages are logged by it; its
# data-subject requests raise their clock's notifications through the inbox.
KERNEL_BELOW_CASEWORK = {"inbox": {"accounts"}, "privacy": {"accounts", "inbox"}}


def imports_of(path: Path) -> set[str]:
    """The pendamping apps a module imports (absolute and relative imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(ROOT).parts[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                target = package
            elif node.level > 1 or not node.module:
                continue
            else:
                parts = node.module.split(".")
                if parts[0] != "pendamping" or len(parts) < 2:
                    continue
                target = parts[1]
                if target == "pendamping" or (len(parts) == 2 and target not in APPS):
                    names = {a.name for a in node.names}
                    found |= names & set(APPS)
                    continue
            found.add(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "pendamping" and len(parts) > 1:
                    found.add(parts[1])
    return found & set(APPS)


def app_graph() -> dict[str, set[str]]:
    graph = {app: set() for app in APPS}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT / app).parts
            if rel[0] in ("tests", "migrations") or path.name == "conftest.py":
                continue
            graph[app] |= imports_of(path) - {app}
    return graph


class TestLayers:
    def test_it_keeps_role_modules_out_of_casework(self):
        graph = app_graph()
        leaks = {app: sorted(graph[app] & ROLE_APPS) for app in CASEWORK if graph[app] & ROLE_APPS}
        assert leaks == {}

    def test_it_keeps_the_inbox_below_casework(self):
        graph = app_graph()
        for app, allowed in KERNEL_BELOW_CASEWORK.items():
            assert graph[app] <= allowed, (app, sorted(graph[app] - allowed))

    def test_it_has_no_circle_between_apps(self):
        graph = app_graph()
        graphlib.TopologicalSorter(graph).prepare()  # raises CycleError with the circle

    def test_it_keeps_role_modules_apart(self):
        # the one allowed reading across roles: the ecomap shows the broker's resources
        allowed = {("assessment", "broker")}
        graph = app_graph()
        crossing = {
            (app, other)
            for app in ROLE_APPS & set(APPS)
            for other in graph[app] & ROLE_APPS
            if (app, other) not in allowed
        }
        assert crossing == set()

    def test_it_keeps_the_api_assembler_on_top(self):
        graph = app_graph()
        assert [app for app in APPS if "api" in graph[app] and app != "api"] == []
