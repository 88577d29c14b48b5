"""The printable case summary (page and PDF): identity with the NIK masked, the
stages with their dates, current needs, recent notes (never restricted ones), the
sections the role modules register (``plugins.summary_section``: referrals, the
latest assessment, goals with the T-score…) and signature lines for the worker and
the supervisor, under the agency's letterhead."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from pendamping import plugins
from pendamping.accounts import access
from pendamping.pdf import pdf_response

from .access import case_or_404, events_for, needs_for, notes_for
from .models import CaseEvent, Need, ProgressNote, Stage

RECENT_NOTES = 5


def summary_context(user, case) -> dict:
    stages = dict(Stage.choices)
    moves = (
        events_for(user)
        .filter(case=case, kind__in=[CaseEvent.Kind.OPENED, CaseEvent.Kind.STAGE_CHANGED,
                                     CaseEvent.Kind.CLOSED, CaseEvent.Kind.REOPENED])
        .order_by("at", "id")
    )  # fmt: skip
    history = []
    for e in moves:
        if e.kind == CaseEvent.Kind.STAGE_CHANGED:
            label = stages.get(e.data.get("to_stage"), e.data.get("to_stage"))
        else:
            label = CaseEvent.Kind(e.kind).label
        history.append({"at": e.at, "label": label})
    notes = (
        notes_for(user)
        .filter(case=case, confidentiality=ProgressNote.Confidentiality.NORMAL)
        .select_related("author")
        .order_by("-occurred_on", "-id")[:RECENT_NOTES]
    )
    sections = []
    for section in plugins.registry.summary_sections():
        data = section.data(user, case)
        if data is not None:
            sections.append({"section": section, "data": data})
    m = access.membership_of(case.assigned_worker)
    return {
        "case": case,
        "client": case.client,
        "agency": case.agency,
        "history": history,
        "needs": needs_for(user)
        .filter(case=case)
        .exclude(status=Need.Status.MET)
        .select_related("term")
        .order_by("-created_at", "-id"),
        "notes": list(notes),
        "sections": sections,
        "supervisor": m.supervisor if m else None,
        "today": timezone.localdate(),
    }


@login_required
def case_summary(request, pk):
    case = case_or_404(request.user, pk, related=("client__region", "assigned_worker", "agency"))
    return render(request, "cases/case_summary.html", summary_context(request.user, case))


@login_required
def case_summary_pdf(request, pk):
    case = case_or_404(request.user, pk, related=("client__region", "assigned_worker", "agency"))
    return pdf_response(
        request, "cases/case_summary.html", summary_context(request.user, case),
        f"ringkasan-kasus-{case.number}.pdf",
    )  # fmt: skip
