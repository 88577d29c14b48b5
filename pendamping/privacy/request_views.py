"""The pages of data-subject requests: the register with each request's clock, a new
request, one request with its answer, and the access package (JSON and PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts.access import role_of
from pendamping.accounts.models import Role
from pendamping.pdf import pdf_response
from pendamping.web import paginate, run_form

from . import fulfil, package, requests
from .access import require_log_reader, require_package_reader, subject_requests_for
from .forms import SubjectRequestForm, SubjectResponseForm
from .models import Restriction, SubjectRequest


def _get(request, pk) -> SubjectRequest:
    # the scope is empty for every other role: 404, like a request that does not exist
    return get_object_or_404(subject_requests_for(request.user).select_related("client"), pk=pk)


@login_required
def subject_request_list(request):
    require_log_reader(request.user)
    show_all = request.GET.get("show") == "all"
    rows = subject_requests_for(request.user).select_related("client")
    if not show_all:
        rows = rows.filter(status__in=SubjectRequest.OPEN)
    page = paginate(request, rows.order_by("due_at", "pk"))
    now = timezone.now()
    for r in page.object_list:
        r.state, r.left = r.clock(now), abs(r.hours_left(now))
    return render(request, "privacy/subject_requests.html",
                  {"page": page, "show_all": show_all, "query": "show=all" if show_all else ""})  # fmt: skip


@login_required
def subject_request_create(request):
    require_log_reader(request.user)
    form = SubjectRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        made, status = run_form(form, lambda d: requests.request_record(actor=request.user, **d))
        if made:
            messages.success(request, _("Permintaan dicatat. Batas waktunya %(due)s.") % {
                "due": timezone.localtime(made.due_at).strftime("%d-%m-%Y %H:%M")})  # fmt: skip
            return redirect("subject_request_detail", pk=made.pk)
    return render(request, "privacy/subject_request_form.html", {"form": form}, status=status)


def _detail(request, found, form, status=200):
    found.state, found.left = found.clock(), abs(found.hours_left())
    can_open = role_of(request.user) == Role.ADMIN  # the package holds case content
    context = {"req": found, "form": form, "can_open_package": can_open,
               "actions": found.actions.select_related("user__membership"),
               "restriction": Restriction.objects.filter(request=found).first()
               if found.kind == SubjectRequest.Kind.RESTRICTION else None}  # fmt: skip
    if found.kind == SubjectRequest.Kind.CORRECTION:
        context["linked"] = found.edits.select_related("user__membership").order_by("-at")
        context["candidates"] = fulfil.edit_candidates(found)[:100]
    return render(request, "privacy/subject_request_detail.html", context, status=status)


@login_required
def subject_request_detail(request, pk):
    found = _get(request, pk)
    form = SubjectResponseForm(initial={"version": found.version, "status": found.status
                                        if found.status != "received" else "in_progress",
                                        "response": found.response})  # fmt: skip
    return _detail(request, found, form)


@login_required
@require_POST
def subject_request_respond(request, pk):
    found = _get(request, pk)
    form = SubjectResponseForm(request.POST)
    _saved, status = run_form(form, lambda d: requests.request_respond(
        actor=request.user, request=found, status=d["status"], response=d["response"],
        expected_version=d["version"]))  # fmt: skip
    if status != 200:
        return _detail(request, found, form, status=status)
    messages.success(request, _("Jawaban permintaan disimpan."))
    return redirect("subject_request_detail", pk=found.pk)


def _package_of(request, pk):
    found = _get(request, pk)
    require_package_reader(request.user)
    if not found.gives_package:
        messages.error(request, _("Paket data hanya untuk permintaan akses atau portabilitas."))
        return found, None
    return found, package.build(found)


@login_required
def subject_request_package(request, pk):
    found, data = _package_of(request, pk)
    if data is None:
        return _detail(request, found, SubjectResponseForm(initial={"version": found.version}),
                       status=409)  # fmt: skip
    response = HttpResponse(package.as_json(data), content_type="application/json; charset=utf-8")
    name = f"paket-data-klien-{found.client_id}-permintaan-{found.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def subject_request_package_pdf(request, pk):
    found, data = _package_of(request, pk)
    if data is None:
        return _detail(request, found, SubjectResponseForm(initial={"version": found.version}),
                       status=409)  # fmt: skip
    context = {"req": found, "package": data, "sections": package.readable(data["sections"])}
    return pdf_response(request, "privacy/package_pdf.html", context,
                        f"paket-data-klien-{found.client_id}-permintaan-{found.pk}.pdf",
                        for_the_subject=True)  # fmt: skip
