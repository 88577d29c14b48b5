"""The registry through which apps contribute to casework (DESIGN.md: Layout).

Casework (clients, cases) never imports a role app. A role app — broker, assessment,
facilitator, mediator, advocate, motivator — adds itself from its own modules:

- ``<app>/plugin.py``: case-page panels, home-page items, demo seeders, hook
  subscribers and the module of its permission-matrix entries;
- ``<app>/events.py``: the timeline event kinds it writes, each with a function that
  renders an event's stored data in the reader's language at read time;
- ``<app>/access.py``: its scopes (``<things>_for(user)``), each registered with the
  rule it implements;
- ``<app>/plugin.py`` also names the notification kinds the app raises
  (``notification_kind``): the inbox (``pendamping/inbox``) stores codes, numbers and
  ids, and the kind renders them in the reader's language;
- ``<app>/plugin.py`` also names its links in the main navigation (``nav_item``: a
  URL name, a label and the roles that see it), so ``base.html`` lists no app;
- ``<app>/plugin.py`` also names what it puts on a user's agenda (``agenda_source``:
  a function giving ``AgendaEntry`` rows for a user and a date range), what the
  header's search finds among its records (``search_source``: a function giving
  ``SearchHit`` rows for a user and a query) and its section of the printable case
  summary (``summary_section``: like a case panel, a template and a context);
- ``<app>/plugin.py`` also names its periodic checks (``periodic``): idempotent
  functions that ``manage.py periodic`` runs, each at its own interval, so that
  production and ``make run`` have one loop for every app;
- ``<app>/plugin.py`` also names its measure sources (``measure_source``): a function
  that gives, for a list of case ids, each case's value of something the app keeps
  (a GAS T-score, referrals completed, a Barthel band), in bulk, so that another role
  app (the facilitator's programme measures) reads it without importing the app;
- ``<app>/plugin.py`` also declares the personal data it holds about a client
  (``personal_data``): the data subject's access package reads every app's part;
- ``<app>/plugin.py`` also names what it does with that data (``processing``: purpose,
  data categories, lawful bases, recipients), read for the agency's records of
  processing, and, for a model whose rows show a client through another row (an
  evidence file through its complaint), the path to the client (``client_path``),
  read by the processing log.

``autodiscover()`` imports those modules of every installed app at start-up (from
``PendampingConfig.ready``), the way Django's admin discovers ``admin.py``; the
registry is then locked: a contribution after start-up, or a second one under a key
already taken, raises ``ImproperlyConfigured``.

This module imports only Django, so every app can import it.
"""

from __future__ import annotations

import functools
import graphlib
from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

from pendamping.contributions import (  # noqa: F401  (the apps read them as plugins.X)
    AGENDA_LIMIT,
    ALL_ROLES,
    CASEWORK_ROLES,
    SEARCH_LIMIT,
    AgendaEntry,
    AgendaSource,
    CasePanel,
    DemoContext,
    DemoSeeder,
    EventKind,
    HomeItem,
    MeasureSource,
    NavItem,
    NotificationKind,
    Periodic,
    PersonalData,
    Processing,
    Scope,
    SearchHit,
    SearchSource,
    SummarySection,
    _function,
)

DISCOVERED_MODULES = ("events", "access", "plugin")


class Registry:
    def __init__(self) -> None:
        self._panels: dict[str, CasePanel] = {}
        self._home: dict[str, HomeItem] = {}
        self._nav: dict[str, NavItem] = {}
        self._kinds: dict[str, EventKind] = {}
        self._notification_kinds: dict[str, NotificationKind] = {}
        self._scopes: dict[str, Scope] = {}
        self._seeders: dict[str, DemoSeeder] = {}
        self._matrices: dict[str, str] = {}
        self._hooks: dict[str, dict[str, str]] = {}
        self._periodic: dict[str, Periodic] = {}
        self._measure_sources: dict[str, MeasureSource] = {}
        self._agenda: dict[str, AgendaSource] = {}
        self._search: dict[str, SearchSource] = {}
        self._summary: dict[str, SummarySection] = {}
        self._personal: dict[str, PersonalData] = {}
        self._processing: dict[str, Processing] = {}
        self._client_paths: dict[str, tuple[str, ...]] = {}
        self.locked = False

    # ---- contributing (before start-up ends) ---------------------------------------

    def _add(self, table: dict, key: str, value, what: str) -> None:
        if self.locked:
            raise ImproperlyConfigured(
                f"{what} {key!r} registered after start-up: register it from the app's "
                f"{', '.join(m + '.py' for m in DISCOVERED_MODULES)}."
            )
        if key in table:
            raise ImproperlyConfigured(f"{what} {key!r} is registered twice.")
        table[key] = value

    def add_case_panel(self, panel: CasePanel) -> CasePanel:
        self._add(self._panels, panel.key, panel, "Case panel")
        return panel

    def add_home_item(self, item: HomeItem) -> HomeItem:
        unknown = set(item.roles) - ALL_ROLES
        if unknown:
            raise ImproperlyConfigured(f"Home item {item.key!r}: unknown roles {sorted(unknown)}.")
        self._add(self._home, item.key, item, "Home item")
        return item

    def add_nav_item(self, item: NavItem) -> NavItem:
        unknown = set(item.roles) - ALL_ROLES
        if unknown:
            raise ImproperlyConfigured(f"Nav item {item.key!r}: unknown roles {sorted(unknown)}.")
        self._add(self._nav, item.key, item, "Nav item")
        return item

    def add_event_kinds(self, *kinds: EventKind) -> None:
        for kind in kinds:
            if len(kind.code) > 40:
                raise ImproperlyConfigured(f"Event kind {kind.code!r}: at most 40 characters.")
            self._add(self._kinds, kind.code, kind, "Event kind")

    def add_notification_kind(self, kind: NotificationKind) -> NotificationKind:
        if not isinstance(kind, NotificationKind):
            raise ImproperlyConfigured(f"Notification kind {kind!r}: not a NotificationKind.")
        if not kind.code or len(kind.code) > 40 or not kind.code.replace("_", "").isalnum():
            raise ImproperlyConfigured(
                f"Notification kind {kind.code!r}: 1 to 40 letters, digits or '_'."
            )
        self._add(self._notification_kinds, kind.code, kind, "Notification kind")
        return kind

    def add_periodic(self, check: Periodic) -> Periodic:
        every = check.every_seconds
        if not isinstance(every, int) or isinstance(every, bool) or every < 1:
            raise ImproperlyConfigured(
                f"Periodic check {check.key!r}: every_seconds must be a whole number >= 1."
            )
        self._add(self._periodic, check.key, check, "Periodic check")
        return check

    def add_measure_source(self, source: MeasureSource) -> MeasureSource:
        if not isinstance(source, MeasureSource):
            raise ImproperlyConfigured(f"Measure source {source!r}: not a MeasureSource.")
        if not source.key or not source.key.replace("_", "").isalnum():
            raise ImproperlyConfigured(f"Measure source {source.key!r}: letters, digits or '_'.")
        self._add(self._measure_sources, source.key, source, "Measure source")
        return source

    def add_agenda_source(self, source: AgendaSource) -> AgendaSource:
        self._add(self._agenda, source.key, source, "Agenda source")
        return source

    def add_search_source(self, source: SearchSource) -> SearchSource:
        self._add(self._search, source.key, source, "Search source")
        return source

    def add_summary_section(self, section: SummarySection) -> SummarySection:
        self._add(self._summary, section.key, section, "Summary section")
        return section

    def add_personal_data(self, part: PersonalData) -> PersonalData:
        if not part.models or not all(isinstance(m, str) and "." in m for m in part.models):
            raise ImproperlyConfigured(
                f"Personal data {part.key!r}: name its models as 'app.Model'."
            )
        if not part.erase:
            raise ImproperlyConfigured(
                f"Personal data {part.key!r}: name the function that erases it (erase=...)."
            )
        self._add(self._personal, part.key, part, "Personal data")
        return part

    def add_processing(self, activity: Processing) -> Processing:
        if not activity.categories or not activity.lawful_bases or not activity.covers:
            raise ImproperlyConfigured(
                f"Processing {activity.key!r}: name its categories, lawful bases and the "
                "personal_data keys it covers."
            )
        self._add(self._processing, activity.key, activity, "Processing")
        return activity

    def add_scope(self, scope: Scope) -> Scope:
        self._add(self._scopes, scope.name, scope, "Scope")
        return scope

    def add_demo_seeder(self, seeder: DemoSeeder) -> DemoSeeder:
        self._add(self._seeders, seeder.key, seeder, "Demo seeder")
        return seeder

    def add_client_path(self, model: str, paths: tuple[str, ...]) -> None:
        # privacy/log.py checks, once the models are loaded, that each ends at a client
        if "." not in model or not paths or not all(p.endswith("_id") for p in paths):
            raise ImproperlyConfigured(
                f"Client path of {model!r}: name the model as 'app.Model' and lookups "
                "ending in a client's id (e.g. 'complaint__client_id')."
            )
        self._add(self._client_paths, model, tuple(paths), "Client path of")

    def add_matrix(self, app: str, module: str) -> None:
        self._add(self._matrices, app, module, "Permission matrix of")

    def subscribe(self, hook: str, function: str) -> None:
        subscribers = self._hooks.setdefault(hook, {})
        self._add(subscribers, function, function, f"Subscriber to {hook}:")

    def lock(self) -> None:
        self.locked = True

    # ---- reading ---------------------------------------------------------------

    def case_panels(self) -> list[CasePanel]:
        return sorted(self._panels.values(), key=lambda p: (p.order, p.key))

    def case_panel(self, key: str) -> CasePanel | None:
        return self._panels.get(key)

    def home_items(self, role: str | None) -> list[HomeItem]:
        items = [i for i in self._home.values() if role in i.roles]
        return sorted(items, key=lambda i: (i.order, i.key))

    def nav_items(self, role: str | None) -> list[NavItem]:
        items = [i for i in self._nav.values() if role in i.roles]
        return sorted(items, key=lambda i: (i.order, i.key))

    def event_kind(self, code: str) -> EventKind | None:
        return self._kinds.get(code)

    def event_kinds(self) -> list[EventKind]:
        return list(self._kinds.values())

    def notification_kind(self, code: str) -> NotificationKind | None:
        return self._notification_kinds.get(code)

    def notification_kinds(self) -> list[NotificationKind]:
        return sorted(self._notification_kinds.values(), key=lambda k: (k.order, k.code))

    def scopes(self) -> list[Scope]:
        return sorted(self._scopes.values(), key=lambda s: (s.model, s.name))

    def scope_named(self, name: str) -> Scope:
        """The scope registered as ``name``: how a lower layer (casework) reads rows of
        an app it may not import (a role app's referrals on the case page)."""
        return self._scopes[name]

    def demo_seeders(self) -> list[DemoSeeder]:
        """Every seeder after the ones it names (ties in key order)."""
        order = graphlib.TopologicalSorter()
        for key in sorted(self._seeders):
            seeder = self._seeders[key]
            missing = set(seeder.after) - set(self._seeders)
            if missing:
                raise ImproperlyConfigured(f"Demo seeder {key!r} waits for unknown {missing}.")
            order.add(key, *seeder.after)
        return [self._seeders[k] for k in order.static_order()]

    def periodics(self) -> list[Periodic]:
        return sorted(self._periodic.values(), key=lambda c: c.key)

    def measure_source(self, key: str) -> MeasureSource | None:
        return self._measure_sources.get(key)

    def measure_sources(self) -> list[MeasureSource]:
        return sorted(self._measure_sources.values(), key=lambda s: s.key)

    def agenda_sources(self) -> list[AgendaSource]:
        return sorted(self._agenda.values(), key=lambda s: s.key)

    def search_sources(self) -> list[SearchSource]:
        return sorted(self._search.values(), key=lambda s: (s.order, s.key))

    def summary_sections(self) -> list[SummarySection]:
        return sorted(self._summary.values(), key=lambda s: (s.order, s.key))

    def personal_data(self) -> list[PersonalData]:
        return sorted(self._personal.values(), key=lambda p: (p.order, p.key))

    def processing(self) -> list[Processing]:
        return sorted(self._processing.values(), key=lambda p: (p.order, p.key))

    def matrix_modules(self) -> dict[str, str]:
        return dict(self._matrices)

    def client_paths(self) -> dict[str, tuple[str, ...]]:
        return dict(self._client_paths)

    def emit(self, hook: str, **kwargs) -> None:
        """Call every subscriber of ``hook`` (in the caller's transaction)."""
        for function in sorted(self._hooks.get(hook, ())):
            _function(function)(**kwargs)

    def collect(self, hook: str, **kwargs) -> list:
        """Every subscriber's answer to ``hook``, each a list, joined in their order."""
        out: list = []
        for function in sorted(self._hooks.get(hook, ())):
            out.extend(_function(function)(**kwargs) or ())
        return out


registry = Registry()


# ---- the module-level API the apps use -------------------------------------------------


def case_panel(**kwargs) -> CasePanel:
    return registry.add_case_panel(CasePanel(**kwargs))


def home_item(*, roles: Iterable[str] = ALL_ROLES, **kwargs) -> HomeItem:
    return registry.add_home_item(HomeItem(roles=frozenset(roles), **kwargs))


def nav_item(*, roles: Iterable[str] = ALL_ROLES, **kwargs) -> NavItem:
    return registry.add_nav_item(NavItem(roles=frozenset(roles), **kwargs))


def event_kinds(*kinds: EventKind) -> None:
    registry.add_event_kinds(*kinds)


def notification_kind(
    code: str,
    label,
    render: Callable[[dict], str] | str | None = None,
    *,
    email: bool = True,
    app: str = "",
    order: int = 100,
) -> NotificationKind:
    """Register a kind of notification the app raises (``inbox.services.notify``)."""
    return registry.add_notification_kind(
        NotificationKind(code=code, label=label, render=render, email=email, app=app, order=order)
    )


def periodic(key: str, function: str, *, every_seconds: int) -> Periodic:
    """Register an idempotent check (the dotted path of a function without arguments)
    that ``manage.py periodic`` runs every ``every_seconds``."""
    return registry.add_periodic(Periodic(key=key, function=function, every_seconds=every_seconds))


def measure_source(key: str, label, function: str, *, app: str = "") -> MeasureSource:
    """Register ``function`` (dotted path of ``(case_ids) -> {case_id: value}``) as the
    source of the measure ``key``, read by other apps through
    ``registry.measure_source(key).values(case_ids)``."""
    return registry.add_measure_source(
        MeasureSource(key=key, label=label, function=function, app=app)
    )


def measure_values(key: str, case_ids: Iterable[int]) -> dict:
    """Each case's value of the registered source ``key`` ({} when no app registers
    it: a role app that is not installed gives no values)."""
    source = registry.measure_source(key)
    return source.values(case_ids) if source is not None else {}


def agenda_source(key: str, function: str, *, app: str = "") -> AgendaSource:
    """Register ``function(user, start, end) -> [AgendaEntry]`` on every user's agenda."""
    return registry.add_agenda_source(AgendaSource(key=key, function=function, app=app))


def search_source(key: str, label, function: str, *, order: int = 100) -> SearchSource:
    """Register ``function(user, query, limit) -> [SearchHit]`` in the header's search."""
    return registry.add_search_source(
        SearchSource(key=key, label=label, function=function, order=order)
    )


def summary_section(**kwargs) -> SummarySection:
    """Register a section of the printable case summary (like ``case_panel``)."""
    return registry.add_summary_section(SummarySection(**kwargs))


def personal_data(key: str, title, function: str, *, models: Iterable[str], erase: str,
                  hold: str = "", order: int = 100) -> PersonalData:  # fmt: skip
    """Declare ``function(client) -> [dict]``: the client's records the app holds in
    ``models`` (read for the data subject's access package), and ``erase(client,
    erasure)``, which anonymises them (pendamping/erasure.py); ``hold(client)`` gives
    the reasons the law keeps them from being erased now."""
    part = PersonalData(key=key, title=title, function=function, models=tuple(models),
                        order=order, erase=erase, hold=hold)  # fmt: skip
    return registry.add_personal_data(part)


def processing(key: str, purpose, *, categories: Iterable[str], lawful_bases: Iterable[str],
               covers: Iterable[str], recipients: Iterable = (), app: str = "",
               order: int = 100) -> Processing:  # fmt: skip
    """Declare a processing activity (records of processing, UU 27/2022 art. 31):
    ``covers`` names the ``personal_data`` keys whose records it processes."""
    return registry.add_processing(
        Processing(key=key, purpose=purpose, categories=tuple(categories),
                   lawful_bases=tuple(lawful_bases), covers=tuple(covers),
                   recipients=tuple(recipients), app=app, order=order)
    )  # fmt: skip


def scope(model: str, rule: str):
    """Decorator: register ``<things>_for(user)`` as the scope of ``model``."""

    def register(function: Callable) -> Callable:
        registry.add_scope(
            Scope(
                model=model,
                name=function.__name__,
                rule=" ".join(rule.split()),
                function=function,
                module=function.__module__,
            )
        )
        return function

    return register


def client_path(model: str, *paths: str) -> None:
    """Declare that a row of ``model`` shows a client it does not point at directly:
    each of ``paths`` is a lookup from the row to a client's id (``complaint__client_id``;
    several when a row shows more than one, as an enrolment's case client and member).
    The processing log (privacy/log.py) notes the clients of every such row a request
    loads; a model with its own foreign key to the client or the case needs none."""
    registry.add_client_path(model, paths)


def demo_seeder(key: str, seed: str, *, after: Iterable[str] = ()) -> DemoSeeder:
    """Register the function named ``seed`` (``seed(demo)``) as the app's demo seeder."""
    return registry.add_demo_seeder(DemoSeeder(key=key, seed=seed, after=tuple(after)))


def matrix(app: str, module: str) -> None:
    """Name the module of the app's permission-matrix entries (``HTML``, ``API``)."""
    registry.add_matrix(app, module)


def subscribe(hook: str, function: str) -> None:
    """Call the function named ``function`` whenever ``emit(hook, …)`` is called."""
    registry.subscribe(hook, function)


def emit(hook: str, **kwargs) -> None:
    registry.emit(hook, **kwargs)


def collect(hook: str, **kwargs) -> list:
    """What the subscribers of ``hook`` answer (e.g. "client_notices": the banners of a
    client's pages, from ``function(client_id=...)``)."""
    return registry.collect(hook, **kwargs)


@functools.cache
def autodiscover() -> None:
    """Import every app's contributions, then lock the registry."""
    if registry.locked:
        return
    for module in DISCOVERED_MODULES:
        autodiscover_modules(module)
    registry.lock()
