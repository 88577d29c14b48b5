"""The request page's actions: restrict the client's processing and lift it, release
the reviewed access package, link a correction to the edits made for it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import fulfil, restriction
from .request_views import _get


def _act(request, pk, action, done: str):
    found = _get(request, pk)
    try:
        action(found)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("subject_request_detail", pk=found.pk)


@login_required
@require_POST
def subject_request_restrict(request, pk):
    return _act(request, pk, lambda r: restriction.restriction_apply(actor=request.user, request=r),
                _("Pemrosesan data klien dibatasi: berkasnya kini hanya dapat dibaca."))  # fmt: skip


@login_required
@require_POST
def subject_request_lift(request, pk):
    reason = request.POST.get("reason", "")[:1000]
    return _act(request, pk, lambda r: restriction.restriction_lift(
        actor=request.user, request=r, reason=reason), _("Pembatasan pemrosesan dicabut."))  # fmt: skip


@login_required
@require_POST
def subject_request_release(request, pk):
    return _act(request, pk, lambda r: fulfil.package_release(actor=request.user, request=r),
                _("Paket data disetujui dan dirilis."))  # fmt: skip


@login_required
@require_POST
def subject_request_edits(request, pk):
    try:
        ids = [int(v) for v in request.POST.getlist("edits") if len(v) < 20]
    except ValueError:
        ids = [0]
    return _act(request, pk, lambda r: fulfil.edits_link(actor=request.user, request=r,
                                                         record_ids=ids),
                _("Perubahan data dikaitkan dengan permintaan."))  # fmt: skip
