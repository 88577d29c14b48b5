"""Small helpers shared by the views of every app: pagination and forms, the error
pages (JSON for the API), and the refusal of JSON bodies no database can store."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig, ValidationError
from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views import defaults
from django.views.decorators.cache import cache_control
from django_htmx.http import HttpResponseClientRedirect

from pendamping.concurrency import ConflictError

# Django's blank-choice label of an empty select (BLANK_CHOICE_LABEL, also ModelChoiceField's
# empty label) has no Indonesian in Django's catalogue. Named here so `make messages`
# keeps its msgid; the id catalogue translates it (the one English msgid we use).
gettext_noop("- Select an option -")


def paginate(
    request, items, per_page: int | None = None, *, page: str | int | None = None,
    one_query: bool = False, count_cap: int | None = None,
):  # fmt: skip
    """A page of `items` (a queryset or list); bad page numbers fall back gracefully.

    The first page reads its rows: when they are fewer than a page (a NIK search, a
    short list), they are all there is and are counted as read, without a COUNT query;
    a full first page is counted only when the page shows its count. `one_query`: the page's own
    query counts every row too (``COUNT(*) OVER ()``), where a separate count would
    find them all again (a ranked word search). `count_cap`: rows are counted up to
    that many and paged that far (``CappedPaginator``), for a list that can hold every
    row of a big table (the directory's 100,000 services unfiltered)."""
    per_page = per_page or settings.PAGE_SIZE
    number = page if page is not None else request.GET.get("page")
    if one_query and _countable(items):
        return CountingPaginator(items, per_page).get_page(number)
    paginator = (
        CappedPaginator(items, per_page, count_cap) if count_cap else Paginator(items, per_page)
    )
    if number not in (None, "", 1, "1"):
        return paginator.get_page(number)
    # not a row more to look ahead: every client row built is logged as read (privacy.log)
    first = list(items[:per_page])
    if len(first) < per_page and (not count_cap or len(first) <= count_cap):
        paginator.count = len(first)
    return Page(first, 1, paginator)


def _countable(items) -> bool:
    query = getattr(items, "query", None)
    return query is not None and not query.distinct and not query.combinator


class CountingPaginator(Paginator):
    """Counts the rows in the page's query; falls back to Paginator for a page past the
    end or a bad number (then the count is a query of its own)."""

    def get_page(self, number):
        from django.db.models import Count, Window

        try:
            number = max(1, int(number or 1))
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        counted = self.object_list.annotate(page_total=Window(Count("*")))
        rows = list(counted[bottom : bottom + self.per_page])
        if not rows and number == 1:
            self.__dict__["count"] = 0  # nothing matched: no COUNT to say so
            return self._get_page(rows, number, self)
        if not rows:
            return super().get_page(number)
        self.__dict__["count"] = rows[0].page_total  # the cached_property's value
        return self._get_page(rows, number, self)


class CappedPaginator(Paginator):
    """Counts the rows up to `cap` (a COUNT over a LIMIT) and pages that far: the
    directory's 100,000 services unfiltered are "page 1 of more than 40", counted in
    3 ms, where counting every one took 60 (and the page's window count 300).
    ``capped`` tells whether there are more rows than that."""

    def __init__(self, object_list, per_page, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap
        self._more = False

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        found = rows.order_by()[: self.cap + 1].count() if hasattr(rows, "query") else len(rows)
        self._more = found > self.cap
        return min(found, self.cap)

    @property
    def capped(self) -> bool:
        return self.count >= self.cap and self._more


def url_by_pk(view_name: str) -> Callable[[uuid.UUID], str]:
    """pk → the URL of `view_name`, whose one argument is a UUID ``pk``, reversed once
    for a whole list of rows: ``{% url %}`` per row (about 70 µs on the bench machine)
    was a tenth of the directory's page of 25."""
    probe = uuid.UUID(int=0)
    head, found, tail = reverse(view_name, kwargs={"pk": probe}).rpartition(str(probe))
    if not found:  # its converter does not write a UUID as str() does
        raise ImproperlyConfigured(f"url_by_pk: {view_name} does not take a UUID pk")
    return lambda pk: f"{head}{pk}{tail}"


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def run_form(form: Form, save, *, also_valid: bool = True):
    """Validate `form` and run `save(cleaned_data)` (one service call).

    Returns (result, status): 200 when saved; 409 when the record changed meanwhile
    (the conflict message is put on the form); 422 for invalid input, with the
    service's errors put on the form's fields. `also_valid` adds e.g. a formset.
    """
    if not (form.is_valid() and also_valid):
        return None, 422
    try:
        return save(form.cleaned_data), 200
    except ConflictError as e:
        form.add_error(None, str(e))
        return None, 409
    except ValidationError as e:
        add_service_errors(form, e)
        return None, 422


def flash_errors(request, form: Form) -> None:
    """A POST from a small form shown on another page (a card, a disclosure): each of
    its errors, general ones included, told once as a ``messages.error``."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def run_form_telling_conflict(request, form: Form, save):
    """run_form for a small form on a record's page that goes back to that page on a
    conflict: the ConflictError's message is told with ``messages.error`` (status
    409), for the view to redirect to the record as it now is, whose page builds the
    form again from the fresh version. 200 and 422 are run_form's."""
    result, status = run_form(form, save)
    if status == 409:
        messages.error(request, form.non_field_errors()[-1])  # the one run_form put there
    return result, status


def run_call(request, call) -> bool:
    """Run `call()`, one service call with no form behind it (a delete, a withdrawal),
    for a view that redirects either way. A ValidationError is told as one
    ``messages.error`` (its messages joined), a ConflictError (the record changed
    meanwhile) as its message; returns whether the call went through."""
    try:
        call()
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return False
    except ConflictError as e:
        messages.error(request, str(e))
        return False
    return True


def template_for(request, template: str, fragment: str | None) -> str:
    """The whole page, or only `fragment` of it when htmx asks."""
    htmx = getattr(request, "htmx", False)
    if fragment and htmx and not htmx.boosted and not htmx.history_restore_request:
        return f"{template}#{fragment}"
    return template


# ---- searches kept across Back (no names or NIKs in URLs) ------------------------------

SEARCHES_KEPT = 10
SEARCH_TOKEN = "r"  # the query-string name of a kept search's token


def remember_search(request, scope: str, data: dict) -> str:
    """Keep a POSTed search (``data``: its query, its page) in the session and return
    a random token for the URL (``?r=<token>``): the address of its results that
    Back and Reload go to again, with no personal data in the URL, the history or the
    server's logs. The session keeps the user's last ``SEARCHES_KEPT`` searches."""
    kept = dict(request.session.get("searches") or {})
    token = secrets.token_urlsafe(9)
    kept[token] = {"scope": scope, **data}
    for old in list(kept)[:-SEARCHES_KEPT]:
        del kept[old]
    request.session["searches"] = kept
    return token


def recall_search(request, scope: str) -> dict | None:
    """The search kept under the URL's token for ``scope``, or None (a token of
    another user's session, another page or one too old finds nothing)."""
    token = request.GET.get(SEARCH_TOKEN, "")
    found = (request.session.get("searches") or {}).get(token) if token else None
    if not isinstance(found, dict) or found.get("scope") != scope:
        return None
    return found


def redirect_after(request, to, *args, **kwargs):
    """After a successful POST: a normal redirect, or a full-page one for htmx."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(resolve_url(to, *args, **kwargs))
    return redirect(to, *args, **kwargs)


def require_valid(form: Form) -> Form:
    """Validate a form built from API input; raise its errors as one ValidationError."""
    if not form.is_valid():
        raise ValidationError(
            {f: [e["message"] for e in errs] for f, errs in form.errors.get_json_data().items()}
        )
    return form


# ---- error pages (handler404, handler500 in pendamping/urls.py) ----------------------
# The API answers JSON even for a path no operation matches or a server error, so a
# client never has to parse an HTML page; other paths keep the site's pages.


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Tidak ditemukan.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Terjadi kesalahan di server.")}, status=500)
    return defaults.server_error(request)


# ---- JSON bodies a database cannot store ---------------------------------------------


def has_lone_surrogate(value) -> bool:
    """JSON may spell half of a UTF-16 pair ("\\ud800"): no database can store it."""
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_lone_surrogate(v) for v in value)
    return False


class JsonTextMiddleware:
    """Refuse a JSON body holding a lone surrogate with 422, before any view (or the
    login behind the token endpoint) sees it; other bodies pass untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"null")
            except (ValueError, RequestDataTooBig):
                data = None  # the API answers malformed (400) and too large (413) bodies
            if has_lone_surrogate(data):
                return JsonResponse(
                    {"detail": _("Teks berisi karakter yang tidak sah.")}, status=422
                )
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every answer the app makes (pages, API,
    PDFs, CSVs, errors): nearly all of them carry client data, and a browser's or a
    proxy's cache is not the place for a case file. Static files are not served by
    the app in production; a view that sets its own Cache-Control keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and not request.path.startswith(self.static):
            response["Cache-Control"] = "no-store, private"
        return response


class SessionRefreshMiddleware:
    """Slides a signed-in session's idle expiry at most once every
    SESSION_REFRESH_SECONDS, instead of on every request (SESSION_SAVE_EVERY_REQUEST
    wrote and committed the session row on every page, a search's round trip twice).
    The idle lifetime is at most that much shorter than SESSION_COOKIE_AGE, never
    longer. Sits below SessionMiddleware, so that its answer is seen first."""

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # a visitor without a session gets none; a flushed session stays empty
        if session is not None and session.session_key is not None:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now  # marks it modified: SessionMiddleware saves it
        return response


FAVICON = Path(__file__).resolve().parent / "static" / "pendamping" / "favicon.ico"


@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which every browser asks for on every site (a 404 in the logs otherwise)."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def client_ip(request) -> str:
    """The address of the person making the request. Behind TRUSTED_PROXY_COUNT
    proxies of our own (each appends to X-Forwarded-For) it is the entry those proxies
    saw; without proxies, REMOTE_ADDR. Entries a client wrote itself, to the left of
    ours, are never believed."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    chain = [
        p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
    ]
    return chain[-hops] if len(chain) >= hops else remote
