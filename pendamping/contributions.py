"""What an app contributes through the registry (pendamping/plugins.py): one frozen
record per kind of contribution. Apps use them through ``plugins`` (``plugins.EventKind``,
``plugins.AgendaEntry``…); this module imports only Django."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

ALL_ROLES = frozenset({"worker", "supervisor", "admin", "auditor", "instructor", "dpo"})
# the roles that read case files: not instructors, not the data protection officer
CASEWORK_ROLES = ALL_ROLES - {"instructor", "dpo"}


def _function(path: str) -> Callable:
    """The function a contribution names: imported when it is first used, so that
    plugin modules import nothing of their app at start-up (no import circles)."""
    return import_string(path)


@dataclass(frozen=True)
class CasePanel:
    """A card on the case page.

    ``context`` names (dotted path, imported on first use) a function ``(user, case)``
    that returns what ``template`` shows (as ``panel``), or None to leave the card
    out for this user. The template also receives ``case``, ``user``,
    ``can_write`` and ``case_open``. Every panel can be rendered alone at
    ``/cases/<pk>/panels/<key>/`` (htmx swaps it in place; without htmx it is a page).

    A ``deferred`` panel's summary is not computed with the case page: the page shows
    its title and a link to that URL, and htmx loads it in place when it scrolls into
    view. For summaries that cost more than the page should wait for (issue 18).
    """

    key: str
    title: Any
    template: str
    context: str
    order: int = 100
    wide: bool = False
    deferred: bool = False

    def data(self, user, case) -> dict | None:
        return _function(self.context)(user, case)


@dataclass(frozen=True)
class HomeItem:
    """A card on the home page of the given roles; ``context`` names a function
    ``(user)`` whose None hides it."""

    key: str
    template: str
    context: str
    roles: frozenset[str] = ALL_ROLES
    order: int = 100

    def data(self, user) -> dict | None:
        return _function(self.context)(user)


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation for the given roles: ``url`` is a URL name
    without arguments, ``label`` a lazy translation."""

    key: str
    label: Any
    url: str
    roles: frozenset[str] = ALL_ROLES
    order: int = 100


@dataclass(frozen=True)
class EventKind:
    """A kind of case-timeline event.

    The row stores data (codes, numbers, ids), never translated text: ``render(data)``
    turns it into one line in the active language when the timeline is read.
    """

    code: str
    label: Any
    render: Callable[[dict], str] | None = None
    # the keys of ``data`` that may hold typed text (a task's title, a reason): removed
    # from the event when the case's client is anonymised
    free_text: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.code

    def describe(self, data: dict) -> str:
        if self.render is not None:
            return self.render(data or {})
        return str((data or {}).get("summary", ""))


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification in every user's inbox (``pendamping.inbox``).

    Like an event kind, a notification stores data (codes, numbers, ids), never
    translated text: ``render(data)`` gives its one line in the reader's language
    (``render`` is a function or the dotted path of one, imported on first use, so
    that plugin.py imports nothing of its app).
    ``label`` names the kind on the e-mail settings page and in e-mail subjects;
    ``email`` says whether a user may choose to receive it by e-mail as well (the
    e-mail holds the label and a link, nothing else); ``app`` is the app that raises
    it (shown on the settings page, for whoever reads the registry).
    """

    code: str
    label: Any
    render: Callable[[dict], str] | str | None = None
    email: bool = True
    app: str = ""
    order: int = 100

    def __str__(self) -> str:
        return self.code

    def describe(self, data: dict) -> str:
        if self.render is None:
            return str(self.label)
        render = _function(self.render) if isinstance(self.render, str) else self.render
        return render(data or {})


@dataclass(frozen=True)
class Periodic:
    """A check ``manage.py periodic`` runs every ``every_seconds``: ``function`` names
    (dotted path, imported on first use) a function without arguments that is
    idempotent (running it twice, or from two machines at once, tells nobody twice)
    and returns what it did (a count or a dict of counts), for the log."""

    key: str
    function: str
    every_seconds: int

    def run(self):
        return _function(self.function)()


@dataclass(frozen=True)
class MeasureSource:
    """A value per case that one app keeps and another may count.

    ``function`` names (dotted path, imported on first use) a function
    ``(case_ids) -> dict[int, float | str]``: the value of each case that has one
    (cases without a value are left out), for the whole list in a fixed number of
    queries, never one per case. The caller decides which cases it may count; the
    values are aggregated by the reader, not shown row by row. ``label`` names it,
    ``app`` is the app that keeps it.
    """

    key: str
    label: Any
    function: str
    app: str = ""

    def values(self, case_ids: Iterable[int]) -> dict:
        ids = sorted({int(i) for i in case_ids})
        return _function(self.function)(ids) if ids else {}


@dataclass(frozen=True)
class AgendaEntry:
    """One line of a user's agenda. ``when`` is a date (all day) or an aware
    datetime; ``title`` is what the user reads (their own record: it may name the
    client); ``url`` opens the thing; ``kind`` is a short translated label of what it
    is (a task, a referral's follow-up, a session…); ``place`` where, if known."""

    when: Any
    title: str
    url: str
    kind: Any
    place: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class AgendaSource:
    """What an app puts on a user's agenda: ``function`` names (dotted path, imported
    on first use) a function ``(user, start, end)`` that returns the ``AgendaEntry``
    rows of the user from ``start`` to ``end`` (dates, both included), read through
    the app's scopes in a bounded number of queries (never one per entry) and at
    most ``AGENDA_LIMIT`` rows."""

    key: str
    function: str
    app: str = ""

    def entries(self, user, start, end) -> list[AgendaEntry]:
        return list(_function(self.function)(user, start, end))[:AGENDA_LIMIT]


AGENDA_LIMIT = 200
SEARCH_LIMIT = 10


@dataclass(frozen=True)
class SearchHit:
    """One result of the header's search: ``title`` links to ``url``; ``detail`` is
    one more line (a number, a status)."""

    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchSource:
    """A kind of thing the header's search finds: ``function`` names a function
    ``(user, query, limit)`` returning at most ``limit`` ``SearchHit`` rows among
    the records the user may see (its app's scopes), in a bounded number of queries;
    ``label`` heads its group of results."""

    key: str
    label: Any
    function: str
    order: int = 100

    def hits(self, user, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        return list(_function(self.function)(user, query, limit))[:limit]


@dataclass(frozen=True)
class SummarySection:
    """A section of the printable case summary (page and PDF): ``context`` names a
    function ``(user, case)`` returning what ``template`` shows (as ``section``), or
    None to leave it out. The template prints well: no forms, no buttons."""

    key: str
    title: Any
    template: str
    context: str
    order: int = 100

    def data(self, user, case) -> dict | None:
        return _function(self.context)(user, case)


@dataclass(frozen=True)
class PersonalData:
    """What an app holds about one client (UU 27/2022 art. 32: the data subject's
    copy). ``function`` names a function ``(client) -> list[dict]``: the client's
    records in this app, each a dict of JSON-able values (``.values()`` rows: dates
    and numbers are encoded by the reader), in a bounded number of queries; other
    people's personal data (a mediation's other party, a group complaint's other
    complainants, restricted notes) is left out. ``models`` names every model
    (``"app.Model"``) whose client or case rows the function covers: a test fails when
    a model pointing at a client or a case is named by no declaration.

    ``erase`` names a function ``(client, erasure) -> None`` that anonymises the same
    rows when the client is erased (``pendamping/erasure.py``): every free-text field
    blanked, uploads deleted through ``erasure.delete_file``, history redacted; the
    rows, their codes, dates and numbers stay. A test fails when a declaration has
    none, so a role module added later is erased without editing the privacy app."""

    key: str
    title: Any
    function: str
    models: tuple[str, ...]
    order: int = 100
    erase: str = ""
    # ``hold(client) -> [reason]``: why another law requires keeping these records now
    # (an open case, a mediation in progress); any reason refuses the erasure
    hold: str = ""

    def holds(self, client) -> list[str]:
        return list(_function(self.hold)(client)) if self.hold else []

    def records(self, client) -> list[dict]:
        return list(_function(self.function)(client))

    def erase_client(self, client, erasure) -> None:
        _function(self.erase)(client, erasure)


@dataclass(frozen=True)
class Processing:
    """One processing activity of an app, for the agency's records of processing
    (UU 27/2022 art. 31): its ``purpose`` (a lazy translation), the data categories
    it processes (codes of ``clients.choices.DataCategory``), its lawful bases (codes of
    ``Consent.LawfulBasis``), who receives the data outside the agency (lazy
    translations; empty: nobody), and the ``personal_data`` keys whose records it
    processes: a test fails when a declared part of personal data is covered by no
    activity, so a role module added later names what it does with the data."""

    key: str
    purpose: Any
    categories: tuple[str, ...]
    lawful_bases: tuple[str, ...]
    covers: tuple[str, ...]
    recipients: tuple[Any, ...] = ()
    app: str = ""
    order: int = 100


@dataclass(frozen=True)
class Scope:
    """A function ``name(user) -> QuerySet`` that decides which rows of ``model`` a
    user may see; ``rule`` says it in one sentence (``manage.py access_report``)."""

    model: str
    name: str
    rule: str
    function: Callable
    module: str


@dataclass(frozen=True)
class DemoSeeder:
    """Seeds one app's demo data after the seeders named in ``after``.

    ``seed`` names a function ``(demo)`` that receives the shared ``DemoContext`` of
    ``manage.py demo`` (imported only then: demo code stays out of start-up).
    """

    key: str
    seed: str
    after: tuple[str, ...] = ()

    def run(self, demo) -> None:
        _function(self.seed)(demo)


@dataclass
class DemoContext:
    """What `manage.py demo` hands every seeder: seeded randomness, Faker (id_ID),
    today, and what the seeders before it made (agencies and users by prefix, and
    `made`: lists that one seeder leaves for the next, e.g. the clients) and the
    command's options (`clients`: how many demo clients)."""

    rnd: Any
    fake: Any
    today: Any
    options: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    made: dict = field(default_factory=dict)
