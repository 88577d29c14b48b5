"""The advocacy letter to an outside body (page and PDF through pendamping/pdf.py).

It carries the complaint's summary (what happened, the obstacles, the alternatives
tried or chosen and what came of them) and the request (the resolution the
complainants want). Whose complaint it is: a group or community by its name and
representative (they speak for it by mandate); an individual or anonymous
complainant by no name at all. The addressee is a filing of the complaint or the
responsible office typed in (one line, at most 200 characters).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from pendamping.pdf import pdf_response

from . import selectors
from .access import alternatives_for, cosigners_for, filings_for
from .models import AlternativeStatus, Body, ComplainantKind


def _addressee(request, complaint) -> str:
    typed = " ".join((request.GET.get("to") or "").split())[:200]
    if typed:
        return typed
    filing = (
        filings_for(request.user).filter(complaint=complaint).order_by("-filed_on", "-id").first()
    )
    if filing is not None:
        return str(filing)
    return str(Body.OFFICE.label)


def context(request, pk) -> dict:
    complaint = selectors.complaint(request.user, pk)
    group = complaint.complainant_kind in (ComplainantKind.GROUP, ComplainantKind.COMMUNITY)
    alternatives = [a for a in alternatives_for(request.user).filter(complaint=complaint)
                    if a.status in (AlternativeStatus.CHOSEN, AlternativeStatus.TRIED)]  # fmt: skip
    return {
        "complaint": complaint,
        "to": _addressee(request, complaint),
        "group": group,
        "cosigners": cosigners_for(request.user).filter(complaint=complaint).count()
        if group
        else 0,
        "alternatives": alternatives,
        "today": timezone.localdate(),
        "signer": complaint.assigned_worker or request.user,
    }


@login_required
def complaint_letter(request, pk):
    return render(request, "advocate/letter.html", context(request, pk))


@login_required
def complaint_letter_pdf(request, pk):
    ctx = context(request, pk)
    return pdf_response(request, "advocate/letter.html", ctx,
                        f"surat-advokasi-{ctx['complaint'].tracking_code}.pdf")  # fmt: skip
