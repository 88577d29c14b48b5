"""Filling the processing log without touching the apps that show client data.

While a request runs, a request-scoped collector (a context variable) gathers the id
of every client whose record is loaded from the database, noted by Django's
``post_init`` signal, which fires for every model instance a query builds (lists,
``*_or_404`` lookups, ``select_related``, PDFs, exports, API answers):

- a ``clients.Client`` row (its id), and every row of a model with its own foreign
  key to a client (a family member, a consent, a mediation party, a complaint, a
  group membership: the key's value, read from the row, no query);
- a ``cases.Case`` row (its client), and every row of a model with a foreign key to a
  case (a note, a referral, an enrolment): the case ids are gathered, and those whose
  Case row the request did not load are turned into clients with ONE query when the
  log row is written;
- a row of a model whose client is further away (an evidence file, a participant's
  photo note): the model declares the path in ``plugins.client_path``; its row ids are
  gathered and turned into clients with one query per model when the row is written;
- a group client's row: what its file shows (its case's notes, its assessments) is
  about its members too, so its members are turned into clients with one query (only
  when a group was shown).

The middleware then writes ONE ``AccessRecord`` for the request listing them all: one
INSERT per page view (and at most a query per kind of far row), whatever the number of
rows. Anything loaded outside a request (management commands, the periodic checks, the
demo) is not a read by a person and is not logged. A view that reads client data
without building a model instance (``values()``) names the clients itself with
``saw(...)``.
"""

from __future__ import annotations

import contextlib
import ipaddress
from contextvars import ContextVar

from django.db.models.signals import post_init
from django.urls import Resolver404, resolve

from pendamping import plugins
from pendamping.accounts.access import membership_of
from pendamping.web import client_ip


class _Seen:
    """What one request has shown: client ids, case ids (their client, when the Case
    row was loaded) and the ids of far rows by model."""

    __slots__ = ("cases", "clients", "far", "groups")

    def __init__(self) -> None:
        self.clients: set[int] = set()
        self.groups: set[int] = set()
        self.cases: dict[int, int | None] = {}
        self.far: dict[str, set[int]] = {}

    def resolve(self) -> set[int]:
        """Every client shown: the case ids and far rows turned into clients."""
        from django.apps import apps

        pending = [pk for pk, client in self.cases.items() if client is None]
        if pending:
            found = dict(apps.get_model("cases", "Case").objects.filter(pk__in=pending)
                         .values_list("pk", "client_id"))  # fmt: skip
            for pk in pending:
                self.cases[pk] = found.get(pk, 0)
        self.clients.update(c for c in self.cases.values() if c)
        paths = plugins.registry.client_paths()
        for label, ids in self.far.items():
            model = apps.get_model(label)
            for row in model._base_manager.filter(pk__in=ids).values_list(*paths[label]):
                self.clients.update(c for c in row if c)
            ids.clear()
        if self.groups:
            members = apps.get_model("clients", "GroupMember")._base_manager
            self.clients.update(members.filter(group_id__in=self.groups)
                                .values_list("member_id", flat=True))  # fmt: skip
            self.groups.clear()
        return self.clients


_seen: ContextVar[_Seen | None] = ContextVar("pendamping_access_seen", default=None)


def saw(*client_ids) -> None:
    """Note that the current request shows these clients (ignored outside a request)."""
    seen = _seen.get()
    if seen is not None:
        seen.clients.update(int(pk) for pk in client_ids if pk)


def seen_now() -> frozenset[int]:
    """The clients the current request has shown so far (empty outside a request)."""
    seen = _seen.get()
    return frozenset(seen.resolve()) if seen is not None else frozenset()


def _client_noter(attnames: tuple[str, ...]):
    def noted(sender, instance, **kwargs) -> None:
        seen = _seen.get()
        if seen is not None:
            row = instance.__dict__  # never a deferred field: that would be a query
            seen.clients.update(pk for a in attnames if (pk := row.get(a)))

    return noted


def _client_loaded(sender, instance, **kwargs) -> None:
    seen = _seen.get()
    if seen is not None and (pk := instance.__dict__.get("id")):
        seen.clients.add(pk)
        if instance.__dict__.get("kind") == "group":  # a deferred kind is not read
            seen.groups.add(pk)


def _case_noter(attnames: tuple[str, ...], client_attnames: tuple[str, ...]):
    def noted(sender, instance, **kwargs) -> None:
        seen = _seen.get()
        if seen is not None:
            row = instance.__dict__
            seen.clients.update(pk for a in client_attnames if (pk := row.get(a)))
            for a in attnames:
                if pk := row.get(a):
                    seen.cases.setdefault(pk, None)

    return noted


def _case_loaded(sender, instance, **kwargs) -> None:
    seen = _seen.get()
    if seen is not None:
        row = instance.__dict__
        if client := row.get("client_id"):
            seen.clients.add(client)
            if pk := row.get("id"):
                seen.cases[pk] = client


def _far_noter(label: str):
    def noted(sender, instance, **kwargs) -> None:
        seen = _seen.get()
        if seen is not None and (pk := instance.__dict__.get("id")):
            seen.far.setdefault(label, set()).add(pk)

    return noted


def _keys_to(model, target: str) -> tuple[str, ...]:
    return tuple(
        f.attname for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not None
        and f.related_model._meta.label == target
    )  # fmt: skip


def connect() -> None:
    """Connect the noting of every model whose rows name a client (run at start-up,
    once every app's models and plugins are loaded)."""
    from django.apps import apps

    post_init.connect(_client_loaded, sender="clients.Client", weak=False)
    post_init.connect(_case_loaded, sender="cases.Case", weak=False)
    for model in apps.get_models():
        if model._meta.label in ("clients.Client", "cases.Case"):
            continue
        clients, cases = _keys_to(model, "clients.Client"), _keys_to(model, "cases.Case")
        if cases:
            post_init.connect(_case_noter(cases, clients), sender=model, weak=False)
        elif clients:
            post_init.connect(_client_noter(clients), sender=model, weak=False)


def connect_far() -> None:
    """Connect the models declared with ``plugins.client_path``: the registry is full
    only once every app is ready, so the middleware calls this when it is built (the
    dispatch uid makes a second call a no-op)."""
    from django.apps import apps

    for label, paths in plugins.registry.client_paths().items():
        for path in paths:
            _check_path(label, path)
        post_init.connect(_far_noter(label), sender=apps.get_model(label), weak=False,
                          dispatch_uid=f"pendamping-log-far-{label}")  # fmt: skip


def _check_path(label: str, path: str) -> None:
    """A declared path must end at a client's id: a mistake is an error at start-up,
    not a read that goes unlogged."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured

    hops = path.split("__")
    model = apps.get_model(label)
    try:
        for hop in hops[:-1]:
            model = model._meta.get_field(hop).related_model
        last = model._meta.get_field(hops[-1].removesuffix("_id"))
    except (FieldDoesNotExist, AttributeError):
        last = None
    target = getattr(last, "related_model", None)
    if target is None or target._meta.label != "clients.Client":
        raise ImproperlyConfigured(f"Client path {path!r} of {label} does not end at a client.")


def _what(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:  # answered before the URL was resolved (an idempotent replay)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return request.path[:200]
    if "api" in match.namespaces:
        return f"{request.method} /{match.route}"[:200]
    name = match.url_name or match.route
    return (name if request.method in ("GET", "HEAD") else f"{request.method} {name}")[:200]


def _address(request) -> str | None:
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None


def write(request, seen: _Seen) -> None:
    from .models import AccessRecord

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    shown = seen.resolve()
    m = membership_of(user) if shown else None
    if m is None:
        return
    ids = sorted(shown)
    AccessRecord.objects.create(
        agency_id=m.agency_id, user_id=user.pk, what=_what(request), address=_address(request),
        clients="," + ",".join(map(str, ids)) + ",", client_count=len(ids),
    )  # fmt: skip


class AccessLogMiddleware:
    """Collects the clients each request shows and writes their one log row after
    the view has answered (streamed answers: once the last byte is out)."""

    def __init__(self, get_response):
        self.get_response = get_response
        connect_far()

    def __call__(self, request):
        from .restriction import request_memo

        seen = _Seen()
        token = _seen.set(seen)
        try:
            with request_memo():  # the active restrictions, read once per request
                response = self.get_response(request)
        finally:
            _seen.reset(token)
        if getattr(response, "streaming", False):
            response.streaming_content = self._stream(request, response.streaming_content, seen)
        else:
            write(request, seen)
        return response

    def _stream(self, request, content, seen):
        # Written once the last byte is out. Not in a `finally`: a stream that nobody
        # finished is closed whenever it is collected, maybe in another request's (or
        # test's) transaction, where a row of this one does not belong.
        token = _seen.set(seen)
        try:
            yield from content
        finally:
            with contextlib.suppress(ValueError):  # closed from another context
                _seen.reset(token)
        write(request, seen)
