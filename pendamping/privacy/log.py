"""Filling the processing log without touching the apps that show client data.

While a request runs, a request-scoped collector (a context variable) gathers the id
of every client whose record is loaded from the database: a ``clients.Client`` row,
or a ``cases.Case`` row (its client), noted by Django's ``post_init`` signal, which
fires for every model instance a query builds (lists, ``*_or_404`` lookups, the
``select_related`` of a case page, PDFs, exports, API answers, the role apps' pages
that load their case). The middleware then writes ONE ``AccessRecord`` for the
request listing them all: one INSERT per page view, whatever the number of rows.
Anything loaded outside a request (management commands, the periodic checks, the
demo) is not a read by a person and is not logged. A view that reads client data
without building a Client or Case instance (``values()``) names the clients itself
with ``saw(...)``.
"""

from __future__ import annotations

import contextlib
import ipaddress
from contextvars import ContextVar

from django.db.models.signals import post_init
from django.urls import Resolver404, resolve

from pendamping.accounts.access import membership_of
from pendamping.web import client_ip

_seen: ContextVar[set[int] | None] = ContextVar("pendamping_access_seen", default=None)


def saw(*client_ids) -> None:
    """Note that the current request shows these clients (ignored outside a request)."""
    seen = _seen.get()
    if seen is not None:
        seen.update(int(pk) for pk in client_ids if pk)


def seen_now() -> frozenset[int]:
    """The clients the current request has shown so far (empty outside a request)."""
    return frozenset(_seen.get() or ())


def _client_loaded(sender, instance, **kwargs) -> None:
    seen = _seen.get()
    if seen is not None:
        pk = instance.__dict__.get("id")  # never a deferred field: that would be a query
        if pk:
            seen.add(pk)


def _case_loaded(sender, instance, **kwargs) -> None:
    seen = _seen.get()
    if seen is not None:
        pk = instance.__dict__.get("client_id")
        if pk:
            seen.add(pk)


def connect() -> None:
    post_init.connect(_client_loaded, sender="clients.Client", weak=False)
    post_init.connect(_case_loaded, sender="cases.Case", weak=False)


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


def write(request, seen: set[int]) -> None:
    from .models import AccessRecord

    user = getattr(request, "user", None)
    if not seen or user is None or not user.is_authenticated:
        return
    m = membership_of(user)
    if m is None:
        return
    ids = sorted(seen)
    AccessRecord.objects.create(
        agency_id=m.agency_id, user_id=user.pk, what=_what(request), address=_address(request),
        clients="," + ",".join(map(str, ids)) + ",", client_count=len(ids),
    )  # fmt: skip


class AccessLogMiddleware:
    """Collects the clients each request shows and writes their one log row after
    the view has answered (streamed answers: once the last byte is out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .restriction import request_memo

        seen: set[int] = set()
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
