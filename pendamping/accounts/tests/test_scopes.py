"""The scopes: each app's live with its models, and all are audited in one place."""

import ast
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from pendamping.plugins import registry

SCOPED_APPS = ["clients", "cases", "assessment", "broker", "motivator"]

# Models that point at a client or a case but need no scope of their own: each is
# reached only through a scoped parent, never queried on its own. Keep it short;
# every entry says why.
EXEMPT = {
    # the phonetic keys of a client's name: read only as a join of the client search,
    # which starts from clients_for (clients/selectors.search_clients)
    "clients.ClientNameIndex": "search index of Client, joined from clients_for",
}


def scoped_models() -> set[str]:
    return {apps.get_model(s.model)._meta.label for s in registry.scopes()}


class TestAccessReport:
    def report(self) -> str:
        out = StringIO()
        call_command("access_report", stdout=out)
        return out.getvalue()

    def test_it_lists_every_registered_scope_with_its_file_and_rule(self):
        report = self.report()
        for scope in registry.scopes():
            assert scope.model in report and scope.name in report
            assert " ".join(scope.rule.split()[:4]) in " ".join(report.split())
        assert f"{len(registry.scopes())} scopes" in report

    def test_it_lists_the_scopes_of_every_app(self):
        report = self.report()
        expected = {
            "clients": ["clients_for", "family_for", "consents_for", "imports_for"],
            "cases": ["cases_for", "notes_for", "tasks_for", "events_for", "needs_for"],
            "broker": ["directory_services_for", "directory_organizations_for",
                       "referrals_for", "incoming_referrals_for", "gaps_for",
                       "initiatives_for"],
            "assessment": ["assessments_for", "administrations_for", "ecomaps_for"],
            "motivator": ["goals_for", "goal_reviews_for", "checkins_for", "action_steps_for"],
        }  # fmt: skip
        assert set(expected) == set(SCOPED_APPS)
        rows = {line.split()[1]: line for line in report.splitlines() if "access.py:" in line}
        for app, names in expected.items():
            for name in names:
                assert f"pendamping/{app}/access.py:" in rows[name], name


class TestEveryClientRecordHasAScope:
    def test_every_model_pointing_at_a_client_or_case_has_a_registered_scope(self):
        Client, Case = apps.get_model("clients", "Client"), apps.get_model("cases", "Case")
        scoped = scoped_models()
        missing = []
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if not model.__module__.startswith("pendamping.") or meta.proxy:
                continue
            points_at = [
                f.name
                for f in meta.get_fields()
                if getattr(f, "concrete", False)
                and (f.many_to_one or f.one_to_one)
                and f.related_model in (Client, Case)
            ]
            if points_at and meta.label not in scoped and meta.label not in EXEMPT:
                missing.append(f"{meta.label} ({', '.join(points_at)})")
        assert not missing, f"no scope registered for: {missing}"

    def test_the_exemptions_are_still_needed(self):
        scoped = scoped_models()
        for label in EXEMPT:
            assert label not in scoped, f"{label} has a scope now: drop its exemption"
            apps.get_model(label)  # still a model

    def test_every_scope_names_an_installed_model_and_lives_in_an_access_module(self):
        for scope in registry.scopes():
            apps.get_model(scope.model)  # a stale label (a moved model) raises LookupError
            assert scope.module.startswith("pendamping.") and scope.module.endswith(".access")


class TestTheKernelIsTheBottomLayer:
    def test_accounts_access_imports_no_app_above_it(self):
        source = Path(apps.get_app_config("accounts").path, "access.py").read_text()
        imported = set()
        for node in ast.walk(ast.parse(source)):  # inside functions too
            if isinstance(node, ast.ImportFrom):
                imported.add("." * node.level + (node.module or ""))
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
        above = [m for m in imported if any(f"pendamping.{app}" in m for app in SCOPED_APPS)]
        assert not above, above
        assert "get_model" not in source  # nor through the app registry
