"""A programme's indicators: the achievement table with a form to define one, and
the XLSX export. The agency's staff only (aggregate counts, but not for instructors)."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping.accounts import access
from pendamping.web import run_form

from . import indicators, selectors
from .models import PeriodType


class IndicatorForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama indikator"), max_length=200)
    numerator = forms.ChoiceField(label=gettext_lazy("Pembilang"), choices=())
    denominator = forms.ChoiceField(label=gettext_lazy("Penyebut"), choices=(), required=False)
    factor = forms.DecimalField(label=gettext_lazy("Faktor"), initial=100, min_value=0)
    period_type = forms.ChoiceField(label=gettext_lazy("Jenis periode"), choices=PeriodType.choices)
    targets = forms.CharField(
        label=gettext_lazy("Target per periode"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Satu per baris: periode=target, misalnya 202611=80 atau 2026Q4=80."),
    )  # fmt: skip
    amber_from = forms.DecimalField(label=gettext_lazy("Kuning mulai (bagian dari target)"),
                                    initial="0.60", min_value=0)  # fmt: skip
    green_from = forms.DecimalField(label=gettext_lazy("Hijau mulai (bagian dari target)"),
                                    initial="0.90", min_value=0)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        menu = [(k, str(v)) for k, v in indicators.MEASURES.items()]
        self.fields["numerator"].choices = menu
        self.fields["denominator"].choices = [("", _("Tanpa penyebut (1)")), *menu]

    def clean_targets(self) -> dict:
        out = {}
        for line in (self.cleaned_data.get("targets") or "").splitlines():
            if not line.strip():
                continue
            key, sep, value = line.partition("=")
            if not sep:
                raise forms.ValidationError(_("Tulis setiap baris sebagai periode=target."))
            out[key.strip()] = value.strip().replace(",", ".")
        return out


def _programme(request, pk):
    programme = selectors.programme(request.user, pk)
    if access.role_of(request.user) in access.NO_CASE_ROLES:  # counts of clients
        raise Http404
    return programme


@login_required
def indicator_list(request, pk, *, form=None, status=200):
    programme = _programme(request, pk)
    context = {
        "programme": programme, "table": indicators.achievement_table(programme),
        "form": form or IndicatorForm(), "can_write": access.can_write(request.user),
        "measures": {k: str(v) for k, v in indicators.MEASURES.items()},
    }  # fmt: skip
    return render(request, "facilitator/indicators.html", context, status=status)


@login_required
def indicator_add(request, pk):
    if request.method != "POST":
        return redirect("indicator_list", pk)
    user = request.user
    programme = selectors.programme(user, pk)
    access.require_write(user)
    form = IndicatorForm(request.POST)
    saved, status = run_form(
        form, lambda d: indicators.indicator_save(actor=user, programme=programme, data=d)
    )
    if saved is None:
        return indicator_list(request, pk, form=form, status=status)
    messages.success(request, _("Indikator disimpan."))
    return redirect("indicator_list", pk)


@login_required
def indicator_xlsx(request, pk):
    from openpyxl import Workbook

    programme = _programme(request, pk)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Capaian")[:31]
    sheet.append([_("Indikator"), _("Periode"), _("Nilai"), _("Target"), _("Capaian"),
                  _("Warna")])  # fmt: skip
    for block in indicators.achievement_table(programme):
        for row in block["rows"]:
            sheet.append([block["indicator"].name, row["period"], row["value"], row["target"],
                          row["achievement"], row["colour"] or ""])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="indikator-program-{programme.pk}.xlsx"'
    )
    return response
