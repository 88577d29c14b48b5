"""The pages of retention and erasure: the list of clients due, the retention rules,
the audit trail of erasures, and the admin's approval that anonymises one client."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts.access import agency_of, role_of
from pendamping.accounts.models import Role

from . import erasure, retention
from .access import erasures_for, require_log_reader
from .erasure_forms import AnonymiseForm, RetentionRulesForm
from .erasure_models import Erasure
from .models import RequestAction, SubjectRequest


def _client(request, pk):
    """A client of the admin's agency (404 for another agency's, like a missing one);
    403 for everyone but the admin."""
    Client = apps.get_model("clients", "Client")
    agency = agency_of(request.user)
    found = get_object_or_404(Client._base_manager, pk=pk, agency_id=agency.pk if agency else 0)
    erasure.require_eraser(request.user, found)
    return found


@login_required
def retention_page(request):
    require_log_reader(request.user)
    agency = agency_of(request.user)
    years = retention.years_of(agency.pk)
    form = RetentionRulesForm(request.POST or None, years=years)
    if request.method == "POST":
        if role_of(request.user) != Role.ADMIN:
            raise PermissionDenied(_("Hanya admin lembaga yang mengubah aturan retensi."))
        if form.is_valid():
            retention.set_years(agency, form.cleaned_data, request.user)
            messages.success(request, _("Aturan retensi disimpan."))
            return redirect("retention")
    context = {
        "form": form,
        "due": retention.due_clients(agency.pk),
        "limit": retention.DUE_LIMIT,
        "erased": erasures_for(request.user).select_related("by")[:50],
        "is_admin": role_of(request.user) == Role.ADMIN,
    }
    return render(request, "privacy/retention.html", context,
                  status=422 if request.method == "POST" else 200)  # fmt: skip


@login_required
def client_anonymise(request, pk):
    found = _client(request, pk)
    refused = erasure.refusals(found)
    initial = {"basis": "retention", "reason": Erasure.Reason.RETENTION_ENDED}
    wanted = request.GET.get("request")
    if wanted and wanted.isascii() and wanted.isdigit():  # not "²": isdigit but not int()
        initial = {"basis": "request", "subject_request": int(wanted),
                   "reason": Erasure.Reason.SUBJECT_REQUEST}  # fmt: skip
    form = AnonymiseForm(request.POST or None, client=found, initial=initial)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "refuse":
        return _refuse_request(request, found, form, refused)
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                made = erasure.anonymise(found, actor=request.user, reason=d["reason"],
                                         basis=d["basis"], note=d["note"],
                                         subject_request=d["subject_request"], via="page")  # fmt: skip
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    if field != "__all__":
                        form.add_error(field if field in form.fields else None, errors)
                refused = exc.message_dict.get("__all__", refused)
            else:
                said = _("Klien #%(pk)s telah dianonimkan.") % {"pk": found.pk}
                messages.success(request, " ".join([said, *erasure.report_lines(made)]))
                return redirect("retention")
    return render(request, "privacy/anonymise.html",
                  {"client": found, "form": form, "refused": refused,
                   "anonymised": erasure.is_anonymised(found)}, status=status)  # fmt: skip


def _refuse_request(request, found, form, refused):
    """Answer an erasure request with the legal reasons the record must be kept."""
    chosen = (
        form.fields["subject_request"]
        .queryset.filter(pk=request.POST.get("subject_request") or 0)
        .first()
    )
    if chosen is None or not refused:
        form.is_valid()
        form.add_error("subject_request", _("Pilih permintaan penghapusan yang ditolak."))
        return render(request, "privacy/anonymise.html",
                      {"client": found, "form": form, "refused": refused}, status=422)  # fmt: skip
    SubjectRequest.objects.filter(pk=chosen.pk).update(
        status=SubjectRequest.Status.REFUSED, response="\n".join(refused),
        responded_at=timezone.now(), responded_by=request.user, version=F("version") + 1,
    )  # fmt: skip
    RequestAction.objects.create(request=chosen, action=RequestAction.Action.REFUSED,
                                 user=request.user)  # fmt: skip
    messages.success(
        request, _("Permintaan #%(pk)s ditolak dengan alasan hukumnya.") % {"pk": chosen.pk}
    )
    return redirect("subject_request_detail", pk=chosen.pk)
