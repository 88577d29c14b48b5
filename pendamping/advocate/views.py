"""HTML views of the advocate: the complaint list with SLA status, intake, the
complaint page with its stage, decision and reopening, co-signers, the agency's
categories and days off, and the public status page (no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.clients.access import clients_for
from pendamping.web import client_ip, paginate, run_form

from . import selectors, services, throttle
from .access import categories_for, cosigners_for, days_off_for
from .forms import (
    AlternativeForm,
    CategoryForm,
    ComplaintForm,
    ConsultationForm,
    CoSignerForm,
    DayOffForm,
    DecisionForm,
    FeedbackForm,
    FilingAnswerForm,
    FilingForm,
    ListFilterForm,
    PublicStatusForm,
    ReasonForm,
    StageForm,
)
from .models import SlaStatus


def _flash_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
def complaint_list(request):
    user = request.user
    filters = ListFilterForm(request.GET or None, user=user)
    data = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.complaint_list(
        user, stage=data.get("stage") or "", sla=data.get("sla") or "",
        category=data.get("category"), region=data.get("region") or "",
    )  # fmt: skip
    context = {
        "page": paginate(request, qs),
        "filters": filters,
        "filtered": bool(request.GET.get("stage") or request.GET.get("sla")
                         or request.GET.get("category") or request.GET.get("region")),
        "counts": selectors.sla_counts(user),
        "can_write": access.can_write(user),
    }  # fmt: skip
    return render(request, "advocate/complaint_list.html", context)


@login_required
def complaint_create(request):
    user = request.user
    access.require_write(user)
    client = None
    client_pk = request.GET.get("client") or request.POST.get("client_pk")
    if client_pk:
        client = access.get_or_404(clients_for(user), pk=client_pk)
    form = ComplaintForm(request.POST or None, user=user, client=client)
    status = 200
    if request.method == "POST":

        def save(_data):
            data, contact = form.cleaned()
            return services.complaint_receive(actor=user, data=data, anonymous_contact=contact)

        saved, status = run_form(form, save)
        if saved is not None:
            complaint, secret = saved
            # the secret is shown this once, never in a URL, and stored only as a hash
            return render(request, "advocate/complaint_received.html",
                          {"complaint": complaint, "secret": secret})  # fmt: skip
    context = {"form": form, "client": client, "has_categories": categories_for(user).exists()}
    return render(request, "advocate/complaint_form.html", context, status=status)


@login_required
def complaint_detail(request, pk, *, forms=None, status=200):
    user = request.user
    complaint = selectors.complaint(user, pk)
    can_write = access.can_write(user)
    forms = forms or {}
    context = {
        "complaint": complaint,
        "sla": complaint.sla_status(),
        "SLA": SlaStatus,
        "anonymous_contact": selectors.anonymous_contact(user, complaint),
        "cosigners": list(cosigners_for(user).filter(complaint=complaint)),
        "history": list(selectors.stage_history(user, complaint)),
        "escalations": list(complaint.escalations.all()),
        "can_write": can_write,
    } | selectors.finding(user, complaint)
    if can_write:
        v = {"version": complaint.version}
        context |= {
            "alternative_form": forms.get("alternative") or AlternativeForm(),
            "consultation_form": forms.get("consultation") or ConsultationForm(user=user),
            "filing_form": forms.get("filing") or FilingForm(),
            "answer_form": forms.get("answer") or FilingAnswerForm(),
            "feedback_form": forms.get("feedback") or FeedbackForm(),
            "stage_form": forms.get("stage") or StageForm(initial=v, complaint=complaint),
            "decision_form": forms.get("decision") or DecisionForm(initial=v, user=user),
            "reopen_form": forms.get("reopen") or ReasonForm(initial=v),
            "cosigner_form": forms.get("cosigner") or CoSignerForm(),
        }
    return render(request, "advocate/complaint_detail.html", context, status=status)


@login_required
@require_POST
def complaint_stage(request, pk):
    user = request.user
    complaint = selectors.complaint(user, pk)
    access.require_write(user)
    form = StageForm(request.POST, complaint=complaint)

    def save(data):
        return services.complaint_move_stage(
            actor=user, complaint=complaint, to_stage=data["to_stage"], reason=data["reason"],
            awaiting_on=data.get("awaiting_on") or "", expected_version=data["version"],
        )  # fmt: skip

    return _finish(request, pk, "stage", form, save, _("Tahap pengaduan diubah."))


@login_required
@require_POST
def complaint_decide(request, pk):
    user = request.user
    complaint = selectors.complaint(user, pk)
    access.require_write(user)
    form = DecisionForm(request.POST, user=user)

    def save(data):
        return services.complaint_decide(
            actor=user, complaint=complaint, decision=data["decision"], reason=data["reason"],
            case=data.get("case"), expected_version=data["version"],
        )  # fmt: skip

    return _finish(request, pk, "decision", form, save, _("Keputusan disimpan."))


@login_required
@require_POST
def complaint_reopen(request, pk):
    user = request.user
    complaint = selectors.complaint(user, pk)
    access.require_write(user)
    form = ReasonForm(request.POST)

    def save(data):
        return services.complaint_reopen(
            actor=user, complaint=complaint, reason=data["reason"],
            expected_version=data["version"],
        )  # fmt: skip

    return _finish(request, pk, "reopen", form, save, _("Pengaduan dibuka kembali."))


@login_required
@require_POST
def cosigner_add(request, pk):
    user = request.user
    complaint = selectors.complaint(user, pk)
    access.require_write(user)
    form = CoSignerForm(request.POST)

    def save(data):
        return services.cosigner_add(actor=user, complaint=complaint, data=data)

    return _finish(request, pk, "cosigner", form, save, _("Penanda tangan ditambahkan."))


def _finish(request, pk, key, form, save, done):
    saved, status = run_form(form, save)
    if saved is None:
        return complaint_detail(request, pk, forms={key: form}, status=status)
    messages.success(request, done)
    return redirect("complaint_detail", pk)


# ---- the agency's settings: categories and days off -------------------------------------


@login_required
def complaint_settings(request, *, forms=None, status=200):
    user = request.user
    forms = forms or {}
    manage = access.can_manage_agency(user)
    context = {
        "categories": list(categories_for(user).select_related("parent").order_by("parent_id", "name")),
        "days_off": list(days_off_for(user)),
        "manage": manage,
        "category_form": forms.get("category") or (CategoryForm(user=user) if manage else None),
        "day_off_form": forms.get("day_off") or (DayOffForm() if manage else None),
    }  # fmt: skip
    return render(request, "advocate/settings.html", context, status=status)


@login_required
@require_POST
def category_add(request):
    user = request.user
    access.require_manage_agency(user)
    form = CategoryForm(request.POST, user=user)
    saved, status = run_form(form, lambda data: services.category_save(actor=user, data=data))
    if saved is None:
        return complaint_settings(request, forms={"category": form}, status=status)
    messages.success(request, _("Kategori disimpan."))
    return redirect("complaint_settings")


@login_required
@require_POST
def day_off_add(request):
    user = request.user
    access.require_manage_agency(user)
    form = DayOffForm(request.POST)
    saved, status = run_form(form, lambda data: services.day_off_add(actor=user, **data))
    if saved is None:
        return complaint_settings(request, forms={"day_off": form}, status=status)
    messages.success(request, _("Hari libur lembaga disimpan."))
    return redirect("complaint_settings")


# ---- the public status page ------------------------------------------------------------


def complaint_status_public(request):
    """Status and dates of one complaint for whoever holds its code and secret; no
    login, no personal data, throttled (throttle.py)."""
    form = PublicStatusForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        code = services.normalise_code(form.cleaned_data["code"])
        if throttle.blocked(ip, code):
            form.add_error(None, _("Terlalu banyak percobaan. Coba lagi dalam 15 menit."))
            status = 429
        else:
            found = selectors.public_status(code, form.cleaned_data["secret"])
            if found is None:
                throttle.failed(ip, code)
                form.add_error(None, _("Kode pelacakan atau kode rahasia tidak cocok."))
                status = 404
    elif request.method == "POST":
        status = 422
    return render(request, "advocate/public_status.html", {"form": form, "found": found},
                  status=status)  # fmt: skip
