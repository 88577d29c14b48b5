"""The facilitator's "close programme" action (completion.py): a small form on the
programme page; the participants' completions then show there and on their cases."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.web import run_form

from . import completion, selectors


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("Saya mengerti: kelulusan setiap peserta dihitung sekarang dan tidak "
                           "dapat diubah"),
    )  # fmt: skip


@login_required
@require_POST
def programme_close(request, pk):
    user = request.user
    programme = selectors.programme(user, pk)
    access.require_write(user)  # an instructor or an auditor: 403
    form = CloseForm(request.POST)
    saved, _status = run_form(
        form,
        lambda d: completion.programme_close(
            actor=user, programme=programme, expected_version=d["version"]
        ),
    )
    if saved is None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(
            request, _("Program ditutup: kelulusan %(n)s peserta tercatat.") % {"n": len(saved)}
        )
    return redirect("programme_detail", programme.pk)
