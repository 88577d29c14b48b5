"""Assembles the ninja API from each app's api.py, with JSON errors for every failure."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import parser as ninja_parser
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from pendamping.accounts.api import BearerAuth
from pendamping.accounts.api import router as auth_router
from pendamping.advocate.api import router as advocate_router
from pendamping.api.errors import translated
from pendamping.assessment.api import router as assessment_router
from pendamping.assessment.safety_api import router as safety_router
from pendamping.broker.api import gaps_router, hsds_router, needs_router, referrals_router
from pendamping.broker.capacity_api import router as capacity_router
from pendamping.broker.imports_api import router as directory_imports_router
from pendamping.cases.api import notes_router, tasks_router
from pendamping.cases.api import router as cases_router
from pendamping.clients.api import router as clients_router
from pendamping.concurrency import ConflictError
from pendamping.facilitator.api import router as facilitator_router
from pendamping.inbox.api import router as inbox_router
from pendamping.mediator.api import router as mediator_router
from pendamping.motivator.api import router as motivator_router
from pendamping.privacy.api import requests_router as subject_requests_router
from pendamping.privacy.api import router as privacy_router
from pendamping.privacy.breach_api import router as breach_router
from pendamping.privacy.erasure_api import router as erasure_router

from .openapi import PendampingAPI

# The largest id a database column holds (64-bit signed): an integer beyond it is
# refused at the edge, the same way on SQLite and PostgreSQL.
MAX_INT = 2**63 - 1


def _too_big(text) -> bool:
    if not isinstance(text, str):  # an uploaded file (multipart): not a number
        return False
    digits = text.strip().removeprefix("-").removeprefix("+")
    return len(digits) > 18 and digits.isascii() and digits.isdigit() and int(digits) > MAX_INT


class Parser(ninja_parser.Parser):
    """Every operation's query passes here: numbers no column can hold are refused
    with 422 before any view runs (JSON bodies: web.JsonTextMiddleware)."""

    def parse_querydict(self, data, list_fields, request):
        if any(_too_big(v) for key in data for v in data.getlist(key)):
            raise HttpError(422, _("Angka di luar batas."))
        return super().parse_querydict(data, list_fields, request)


def docs_for_members(view):
    """The OpenAPI document and the docs page: public while API_DOCS_PUBLIC (on with
    DEBUG), else only for a logged-in user (a web session; a token cannot read them)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if settings.API_DOCS_PUBLIC or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse(
                {"detail": _("Masuk dulu untuk membaca dokumentasi API.")}, status=401
            )
        return redirect_to_login(request.get_full_path())

    return guarded


api = PendampingAPI(
    title="Pendamping API",
    version="1",
    urls_namespace="api",
    auth=BearerAuth(),
    docs_url="/docs",
    docs_decorator=docs_for_members,
    parser=Parser(),
)
api.add_router("/auth", auth_router)
api.add_router("/clients", clients_router)
api.add_router("/cases", cases_router)
api.add_router("/notes", notes_router)
api.add_router("/tasks", tasks_router)
api.add_router("/cases", needs_router)
api.add_router("/referrals", referrals_router)
api.add_router("/gaps", gaps_router)
api.add_router("/hsds", hsds_router)
api.add_router("/directory", capacity_router)
api.add_router("/directory", directory_imports_router)
api.add_router("/notifications", inbox_router)
api.add_router("/access-log", privacy_router)
api.add_router("/subject-requests", subject_requests_router)
api.add_router("", erasure_router)
api.add_router("/safety-alerts", safety_router)
api.add_router("", breach_router)
# Assessment and motivator operations hang off clients and cases: /cases/{id}/goals…
api.add_router("", assessment_router)
api.add_router("", motivator_router)
api.add_router("", facilitator_router)
api.add_router("", advocate_router)
api.add_router("", mediator_router)


@api.exception_handler(ConflictError)
def conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    if hasattr(exc, "error_dict"):
        errors = {
            field: [str(m) for m in ValidationError(errs).messages]
            for field, errs in exc.error_dict.items()
        }
        detail = "; ".join(f"{f}: {' '.join(m)}" for f, m in errors.items())
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
        detail = " ".join(errors["__all__"])
    body = {"detail": detail, "errors": errors}
    report = getattr(exc, "report", None)
    if report is not None:
        body["duplicates"] = {
            "nik_match_id": report.nik_match.pk if report.nik_match_visible else None,
            "nik_match_hidden": bool(report.nik_match and not report.nik_match_visible),
            "similar_ids": [c.pk for c in report.similar],
            "similar_hidden": report.similar_hidden,
        }
        return api.create_response(request, body, status=409)
    return api.create_response(request, body, status=422)


@api.exception_handler(SchemaValidationError)
def schema_invalid(request, exc):
    detail, errors = translated(exc.errors)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Tidak diizinkan.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Tidak ditemukan.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Perlu token yang sah.")}, status=401)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(
        request, {"detail": _("Data yang dikirim terlalu besar.")}, status=413
    )


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc):
    """A value beyond what a column holds: an id in the path that large names nothing
    (404); anything else is invalid input (422)."""
    kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", {}) or {}
    if any(_too_big(str(v)) for v in kwargs.values()):
        return not_found(request, exc)
    detail = _("Nilai di luar batas yang dapat disimpan.")
    return api.create_response(
        request, {"detail": detail, "errors": {"__all__": [detail]}}, status=422
    )
