"""The page of one safety alert: what was raised, the check-in task, the one-click
proposal to raise the case risk, and the record of the action taken."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases.models import RiskLevel
from pendamping.text import LONG_TEXT, single_line
from pendamping.web import run_form

from . import safety
from .access import safety_alerts_for


class RiskForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan"), max_length=300, validators=[single_line])
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(forms.Form):
    action_taken = forms.CharField(
        label=gettext_lazy("Tindakan yang diambil"), widget=forms.Textarea(attrs={"rows": 3}),
        validators=LONG_TEXT,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


def _alert(user, pk):
    return access.get_or_404(
        safety_alerts_for(user).select_related("case", "case__client", "task", "action_by"), pk=pk
    )


@login_required
def safety_alert(request, pk, *, risk_form=None, action_form=None, status=200):
    alert = _alert(request.user, pk)
    case = alert.case
    can_write = access.can_write(request.user) and case.is_open
    can_raise = can_write and safety.can_raise_risk(alert)
    if can_raise and risk_form is None:
        reason = _("Tanda bahaya %(instrument)s: %(flag)s") % {
            "instrument": alert.instrument.short_title
            if alert.instrument
            else alert.instrument_code,
            "flag": alert.label,
        }
        risk_form = RiskForm(initial={"reason": reason[:300], "version": case.version})
    if can_write and alert.is_open and action_form is None:
        action_form = ActionForm(initial={"version": alert.version})
    context = {
        "alert": alert,
        "case": case,
        "risk_form": risk_form if can_raise else None,
        "action_form": action_form if can_write and alert.is_open else None,
        "proposed_label": RiskLevel(alert.proposed_risk).label if alert.proposed_risk else "",
    }
    return render(request, "assessment/safety_alert.html", context, status=status)


@login_required
@require_POST
def safety_risk(request, pk):
    alert = _alert(request.user, pk)
    access.require_write(request.user)
    form = RiskForm(request.POST)
    _saved, status = run_form(
        form,
        lambda d: safety.risk_raise(actor=request.user, alert=alert, reason=d["reason"],
                                    expected_version=d["version"]),
    )  # fmt: skip
    if status == 200:
        messages.success(request, _("Risiko kasus dinaikkan."))
        return redirect("safety_alert", pk=alert.pk)
    alert.case.refresh_from_db()
    if not safety.can_raise_risk(alert):  # the form is gone: its errors become messages
        for error in form.non_field_errors():
            messages.error(request, error)
    return safety_alert(request, pk, risk_form=form, status=status)


@login_required
@require_POST
def safety_action(request, pk):
    alert = _alert(request.user, pk)
    access.require_write(request.user)
    form = ActionForm(request.POST)
    _saved, status = run_form(
        form,
        lambda d: safety.action_record(actor=request.user, alert=alert,
                                       action_taken=d["action_taken"], expected_version=d["version"]),
    )  # fmt: skip
    if status == 200:
        messages.success(request, _("Tindakan dicatat; tanda bahaya ini selesai."))
        return redirect("safety_alert", pk=alert.pk)
    return safety_alert(request, pk, action_form=form, status=status)
