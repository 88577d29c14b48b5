"""The refused screen's one-click referral: the gate barred the mediation (sexual
violence by an adult, UU 12/2022 TPKS Art 23), so the worker refers the client to
services instead. It adds a need (casework's ``cases.Need``) with the taxonomy term of
the chosen service to the client's case and goes to the broker's page for that need,
where the matching services are listed: by URL name, the mediator imports no broker
code."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases import services as case_services
from pendamping.cases.access import cases_for
from pendamping.cases.models import Urgency
from pendamping.taxonomy.models import TaxonomyTerm

from ..gate import REFERRAL_NOTE, REFERRALS


class ReferForm(forms.Form):
    referral = forms.ChoiceField(choices=[(k, v[0]) for k, v in REFERRALS.items()])
    child = forms.BooleanField(required=False)


@login_required
@require_POST
def mediation_refer(request, case_pk):
    user = request.user
    case = access.get_or_404(cases_for(user), pk=case_pk)
    access.require_write(user)
    form = ReferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih layanan rujukan."))
        return redirect("case_detail", case.pk)
    _label, adult, child = REFERRALS[form.cleaned_data["referral"]]
    term = TaxonomyTerm.objects.get(code=child if form.cleaned_data["child"] else adult)
    need = case_services.need_add(actor=user, case=case, term=term, description=REFERRAL_NOTE,
                                  urgency=Urgency.HIGH)  # fmt: skip
    messages.success(request, _("Kebutuhan dicatat di kasus: pilih layanan yang cocok."))
    return redirect("need_detail", need.pk)
