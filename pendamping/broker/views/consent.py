"""Referral consent in place: from a need's matches, when the client has not yet
agreed to share data for referral, the worker records that consent on the need's
page (a dialog there) and is back at the matches, instead of a detour through the
client's page. The consent is recorded by ``clients.services.consent_record``, the
one way casework records a consent; its purpose is always referral here."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases.access import needs_for
from pendamping.clients import services as client_services
from pendamping.clients.forms import ConsentForm
from pendamping.clients.models import Consent
from pendamping.web import run_form


class ReferralConsentForm(ConsentForm):
    """The client's consent form with its purpose fixed to referral."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].initial = Consent.Purpose.REFERRAL
        self.fields["purpose"].widget = forms.HiddenInput()
        self.fields["purpose"].disabled = True


def referral_consent_form(data=None, files=None) -> ReferralConsentForm:
    return ReferralConsentForm(
        data, files, initial={"purpose": Consent.Purpose.REFERRAL, "lawful_basis": "consent"},
        prefix="consent",
    )  # fmt: skip


@login_required
@require_POST
def need_consent(request, pk):
    from .referrals import need_detail

    need = access.get_or_404(needs_for(request.user).select_related("case__client"), pk=pk)
    access.require_write(request.user)
    form = referral_consent_form(request.POST, request.FILES)

    def save(_data):
        client_services.consent_record(
            actor=request.user, client=need.case.client, **form.service_args()
        )

    _saved, status = run_form(form, save)
    if status != 200:
        return need_detail(request, pk, consent_form=form, status=status)
    messages.success(
        request,
        _("Persetujuan berbagi data untuk rujukan dicatat. Sekarang rujukan dapat dikirim."),
    )
    return redirect("need_detail", pk=need.pk)
