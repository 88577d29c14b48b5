"""HTML views of the advocate: the complaint list with SLA status, intake, the
complaint page with its stage, decision and reopening, co-signers, the agency's
categories and days off, and the public status page (no login)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.clients.access import clients_for
from pendamping.web import client_ip, flash_errors, paginate, run_form

from . import grouping, selectors, services, throttle
from .access import categories_for, complaints_for, cosigners_for, evidence_for
from .forms import (
    AlternativeForm,
    AssignForm,
    ComplaintForm,
    ConsultationForm,
    CoSignerForm,
    DecisionForm,
    EvidenceForm,
    FeedbackForm,
    FilingAnswerForm,
    FilingForm,
    GroupForm,
    LegalAidForm,
    ListFilterForm,
    PublicStatusForm,
    ReasonForm,
    StageForm,
    VersionForm,
)
from .models import SlaStatus


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
        "log": _log(complaint),
        "can_write": can_write,
        "members": grouping.members(user, complaint),
        "lead": complaints_for(user).filter(pk=complaint.collective_id).first()
        if complaint.collective_id else None,
        "suggestions": grouping.suggestions(user, complaint) if can_write else [],
        "evidence": list(evidence_for(user).filter(complaint=complaint)),
        "can_delete": access.can_delete_records(user),
    } | selectors.finding(user, complaint)  # fmt: skip
    if access.can_assign(user) and complaint.is_open:
        context["assign_form"] = forms.get("assign") or AssignForm(
            initial={"version": complaint.version, "worker": complaint.assigned_worker_id},
            user=user,
        )
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
            "evidence_form": forms.get("evidence") or EvidenceForm(),
            "legal_aid_form": forms.get("legal_aid") or LegalAidForm(),
        }
    return render(request, "advocate/complaint_detail.html", context, status=status)


def _log(complaint):
    from .legal_aid import need_url

    rows = list(complaint.log.select_related("worker", "other", "actor", "need"))
    for row in rows:
        row.need_link = need_url(row.need_id, row.need.case_id) if row.need_id else None
    return rows


def complaint_action(key, make_form, done, *, require=access.require_write, to=None):
    """A POST action on one complaint, like casework's `case_action`: the complaint in
    the user's scope, the role check, the form `make_form(request, complaint)` run
    with the decorated `act(request, complaint, data)`, answered by `_finish` with the
    message `done` (lazy: said in the reader's language)."""

    def decorate(act):
        @login_required
        @require_POST
        @wraps(act)
        def view(request, pk):
            complaint = selectors.complaint(request.user, pk)
            require(request.user)
            form = make_form(request, complaint)
            save = lambda data: act(request, complaint, data)  # noqa: E731
            return _finish(request, pk, key, form, save, done, to=to)

        return view

    return decorate


@complaint_action("stage", lambda request, c: StageForm(request.POST, complaint=c),
                  gettext_lazy("Tahap pengaduan diubah."))  # fmt: skip
def complaint_stage(request, complaint, data):
    return services.complaint_move_stage(
        actor=request.user, complaint=complaint, to_stage=data["to_stage"],
        reason=data["reason"], awaiting_on=data.get("awaiting_on") or "",
        expected_version=data["version"],
    )  # fmt: skip


@complaint_action("decision", lambda request, c: DecisionForm(request.POST, user=request.user),
                  gettext_lazy("Keputusan disimpan."))  # fmt: skip
def complaint_decide(request, complaint, data):
    return services.complaint_decide(
        actor=request.user, complaint=complaint, decision=data["decision"],
        reason=data["reason"], case=data.get("case"), expected_version=data["version"],
    )  # fmt: skip


@complaint_action("reopen", lambda request, c: ReasonForm(request.POST),
                  gettext_lazy("Pengaduan dibuka kembali."))  # fmt: skip
def complaint_reopen(request, complaint, data):
    return services.complaint_reopen(actor=request.user, complaint=complaint,
                                     reason=data["reason"], expected_version=data["version"])  # fmt: skip


@complaint_action("cosigner", lambda request, c: CoSignerForm(request.POST),
                  gettext_lazy("Penanda tangan ditambahkan."))  # fmt: skip
def cosigner_add(request, complaint, data):
    return services.cosigner_add(actor=request.user, complaint=complaint, data=data)


@complaint_action("assign", lambda request, c: AssignForm(request.POST, user=request.user),
                  gettext_lazy("Pengaduan ditugaskan."), require=access.require_assign)  # fmt: skip
def complaint_assign(request, complaint, data):
    return services.complaint_assign(actor=request.user, complaint=complaint,
                                     worker=data["worker"], expected_version=data["version"])  # fmt: skip


@complaint_action(None, lambda request, c: GroupForm(request.POST),
                  gettext_lazy("Pengaduan digabung ke pengaduan kolektif."))  # fmt: skip
def complaint_group(request, lead, data):
    """Join the posted complaint (``member``) to this one's collective complaint."""
    member = complaints_for(request.user).filter(pk=data["member"]).first()
    if member is None:
        raise ValidationError({"member": _("Pilih pengaduan lain yang dapat Anda lihat.")})
    return grouping.complaint_group(actor=request.user, lead=lead, member=member,
                                    expected_version=data["version"])  # fmt: skip


@complaint_action(None, lambda request, c: VersionForm(request.POST),
                  gettext_lazy("Pengaduan dilepas dari pengaduan kolektif."))  # fmt: skip
def complaint_ungroup(request, member, data):
    return grouping.complaint_ungroup(actor=request.user, member=member,
                                      expected_version=data["version"])  # fmt: skip


def _finish(request, pk, key, form, save, done, *, to=None):
    """Run one form of the complaint page: on success a message and the page (or
    ``to(saved)``); otherwise the page again with the form's errors in place, or as
    messages when the form has no place of its own there (``key`` None)."""
    saved, status = run_form(form, save)
    if saved is None:
        if key is None:
            flash_errors(request, form)
            return complaint_detail(request, pk, status=status)
        return complaint_detail(request, pk, forms={key: form}, status=status)
    messages.success(request, done)
    return redirect(to(saved) if to else reverse("complaint_detail", args=[pk]))


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
