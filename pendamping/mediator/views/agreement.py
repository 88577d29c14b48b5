"""The agreement: options, terms (who, by when, how checked), the supervisor's review
in shuttle mode, the signing, compliance per term, and the document (*surat
kesepakatan*; *kesepakatan diversi*) as a page and a PDF with signature lines. No
caucus note and no perception ever appears in it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts import access
from pendamping.accounts.models import Role
from pendamping.pdf import pdf_response

from .. import selectors, services
from ..access import mediation_or_404
from ..forms import CheckForm, ReviewForm, SignForm, TermForm
from .common import action, versioned


def _context(user, mediation, *, pdf=False) -> dict:
    terms = list(mediation.terms.alive().select_related("responsible"))
    today = timezone.localdate()
    for term in terms:
        term.escalated = selectors.escalated(term, today)
    return {
        "mediation": mediation,
        "parties": list(mediation.parties.alive()),
        "terms": terms,
        "options": list(mediation.options.alive()),
        "co_mediators": list(mediation.co_mediators.all()),
        "needs_review": services.needs_review(mediation),
        "can_review": access.role_of(user) == Role.SUPERVISOR and user.pk != mediation.mediator_id,
        "can_write": access.can_write(user) and mediation.is_open,
        "today": today,
        "pdf": pdf,
    }


@login_required
def mediation_agreement(request, pk):
    user = request.user
    mediation = mediation_or_404(user, pk)
    context = _context(user, mediation) | {
        "term_form": TermForm(parties=mediation.parties.alive()),
        "sign_form": SignForm(
            initial={"signed_on": timezone.localdate(), "version": mediation.version}
        ),
        "review_form": ReviewForm(initial={"version": mediation.version}),
        "check_form": CheckForm,
    }
    return render(request, "mediator/agreement.html", context)


@login_required
def agreement_pdf(request, pk):
    mediation = mediation_or_404(request.user, pk)
    return pdf_response(request, "mediator/agreement_document.html",
                        _context(request.user, mediation), f"kesepakatan-{mediation.pk}.pdf")  # fmt: skip


term_add = action(
    TermForm, _("Butir kesepakatan ditambahkan."),
    lambda user, m, d: services.term_add(actor=user, mediation=m, text=d["text"],
                                         responsible=d["responsible"], due_on=d["due_on"],
                                         how_checked=d["how_checked"]),
    kwargs=lambda u, m: {"parties": m.parties.alive()}, to="mediation_agreement",
)  # fmt: skip
agreement_review = action(ReviewForm, _("Kesepakatan ditinjau."),
                          versioned(services.agreement_review), to="mediation_agreement")  # fmt: skip
agreement_sign = action(
    SignForm, _("Kesepakatan ditandatangani."),
    versioned(services.agreement_sign, signed_on="signed_on", full="full"),
    to="mediation_agreement",
)  # fmt: skip


def _check(user, m, d, term_pk):
    term = access.get_or_404(m.terms.alive(), pk=term_pk)
    term.mediation = m
    return services.term_check(actor=user, term=term, compliance=d["compliance"],
                               note=d["note"], checked_on=d["checked_on"])  # fmt: skip


term_check = action(CheckForm, _("Kepatuhan dicatat."), _check, to="mediation_agreement")
