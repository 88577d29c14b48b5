"""HTML views of finding the way out: alternatives, consultations, filings and their
answers, feedback (forms on the complaint page), and the experts directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.web import flash_errors, paginate, run_form

from . import finding
from .access import alternatives_for, experts_for, filings_for
from .forms import (
    AlternativeForm,
    AlternativeStatusForm,
    ConsultationForm,
    EvidenceForm,
    ExpertForm,
    FeedbackForm,
    FilingAnswerForm,
    FilingForm,
    LegalAidForm,
)
from .views import _finish, complaint_action


@complaint_action("alternative", lambda request, c: AlternativeForm(request.POST),
                  gettext_lazy("Pilihan penyelesaian ditambahkan."))  # fmt: skip
def alternative_add(request, complaint, data):
    return finding.alternative_add(actor=request.user, complaint=complaint, data=data)


@login_required
@require_POST
def alternative_status(request, pk):
    alternative = access.get_or_404(alternatives_for(request.user), pk=pk)
    access.require_write(request.user)
    form = AlternativeStatusForm(request.POST)

    def save(data):
        return finding.alternative_set_status(
            actor=request.user, alternative=alternative, status=data["status"],
            note=data["note"], expected_version=data["version"],
        )  # fmt: skip

    saved, _status = run_form(form, save)
    if saved is None:
        flash_errors(request, form)
    else:
        messages.success(request, _("Status pilihan disimpan."))
    return redirect("complaint_detail", alternative.complaint_id)


@complaint_action("consultation", lambda request, c: ConsultationForm(request.POST, user=request.user),
                  gettext_lazy("Konsultasi dicatat."))  # fmt: skip
def consultation_add(request, complaint, data):
    return finding.consultation_add(actor=request.user, complaint=complaint, data=data)


@complaint_action("filing", lambda request, c: FilingForm(request.POST),
                  gettext_lazy("Pengajuan ke instansi dicatat."))  # fmt: skip
def filing_add(request, complaint, data):
    return finding.filing_add(actor=request.user, complaint=complaint, data=data)


@login_required
@require_POST
def filing_answer_add(request, pk):
    filing = access.get_or_404(filings_for(request.user), pk=pk)
    access.require_write(request.user)
    form = FilingAnswerForm(request.POST)

    def save(data):
        return finding.filing_answer_add(actor=request.user, filing=filing, data=data)

    return _finish(
        request, filing.complaint_id, "answer", form, save, _("Jawaban instansi dicatat.")
    )


@complaint_action("feedback", lambda request, c: FeedbackForm(request.POST),
                  gettext_lazy("Umpan balik pengadu dicatat."))  # fmt: skip
def feedback_add(request, complaint, data):
    return finding.feedback_add(actor=request.user, complaint=complaint,
                                satisfaction=data["satisfaction"], comment=data["comment"])  # fmt: skip


@login_required
def expert_list(request):
    user = request.user
    can_write = access.can_write(user)
    form = ExpertForm(request.POST or None, user=user) if can_write else None
    status = 200
    if request.method == "POST":
        access.require_write(user)
        saved, status = run_form(form, lambda data: finding.expert_save(actor=user, data=data))
        if saved is not None:
            messages.success(request, _("Narasumber disimpan."))
            return redirect("expert_list")
    from pendamping.directory_providers import provider_names

    page = paginate(request, experts_for(user).select_related("region"))
    page.object_list = list(page.object_list)
    providers = provider_names(user, [e.provider_id for e in page.object_list])
    for e in page.object_list:
        e.provider = providers.get(e.provider_id)
    return render(request, "advocate/expert_list.html",
                  {"page": page, "form": form, "can_write": can_write}, status=status)  # fmt: skip


# ---- evidence files ------------------------------------------------------------------


@complaint_action("evidence", lambda request, c: EvidenceForm(request.POST, request.FILES),
                  gettext_lazy("Bukti disimpan."))  # fmt: skip
def evidence_add(request, complaint, data):
    from . import evidence

    return evidence.evidence_add(actor=request.user, complaint=complaint, upload=data["file"],
                                 label=data["label"])  # fmt: skip


@login_required
def evidence_file(request, pk):
    """An evidence file, for whoever may see its complaint; never a public URL."""
    from pendamping.uploads import private_file_response

    from . import evidence
    from .access import evidence_for

    row = access.get_or_404(evidence_for(request.user), pk=pk)
    ext = row.file_name.rsplit(".", 1)[-1]
    return private_file_response(evidence.path_of(row), row.content_type,
                                 f"bukti-{row.pk}.{ext}", inline=ext != "pdf")  # fmt: skip


@login_required
@require_POST
def evidence_delete(request, pk):
    from . import evidence
    from .access import evidence_for

    row = access.get_or_404(evidence_for(request.user), pk=pk)
    evidence.evidence_delete(actor=request.user, evidence=row)
    messages.success(request, _("Bukti dihapus."))
    return redirect("complaint_detail", row.complaint_id)


# ---- the dashboard -------------------------------------------------------------------


@login_required
def complaint_dashboard(request):
    from . import dashboard

    return render(request, "advocate/dashboard.html", dashboard.figures(request.user))


@login_required
def complaint_dashboard_xlsx(request):
    from pendamping.spreadsheets import xlsx_response

    from . import dashboard

    return xlsx_response(dashboard.xlsx(request.user), "pengaduan-dasbor.xlsx")


# ---- legal aid through the broker -----------------------------------------------------


def _need_page(need):
    from . import legal_aid

    return legal_aid.need_url(need.pk, need.case_id)


@complaint_action(
    "legal_aid", lambda request, c: LegalAidForm(request.POST),
    gettext_lazy("Kebutuhan bantuan hukum dicatat pada kasus. Pilih lembaga bantuan hukum di bawah."),
    to=_need_page,
)  # fmt: skip
def legal_aid_refer(request, complaint, data):
    """A legal-aid need on the complainant's case, then the broker's page of its matches."""
    from . import legal_aid

    return legal_aid.refer(actor=request.user, complaint=complaint,
                           description=data["description"], urgency=data["urgency"])  # fmt: skip
