"""A programme's indicators: the achievement table and chart with a form to define
one, and the XLSX export; the same for the whole agency (every programme's
indicators at their latest period). The agency's staff only (aggregate counts, but
not for instructors)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping import charts
from pendamping.accounts import access
from pendamping.spreadsheets import workbook, xlsx_response
from pendamping.web import paginate, run_form

from . import indicators, selectors
from .access import programmes_for
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


BAR_FILLS = {indicators.GREEN: "#15803d", indicators.AMBER: "#b45309", indicators.RED: "#b91c1c"}


def achievement_chart(items: list[tuple[str, dict | None]], title) -> str | None:
    """Bars of the achievement (% of target) of (name, latest row) pairs, coloured by
    band and labelled with the band's words; None when nothing has a target yet."""
    shown = [(name, row) for name, row in items if row and row["achievement"] is not None]
    if not shown:
        return None
    return charts.hbar_chart(
        [(name, round(row["achievement"] * 100)) for name, row in shown], title=str(title),
        unit=" %", fills=[BAR_FILLS[row["colour"]] for _n, row in shown],
        notes=[str(row["colour_label"]) for _n, row in shown],
    )  # fmt: skip


@login_required
def indicator_list(request, pk, *, form=None, status=200):
    programme = _programme(request, pk)
    table = indicators.achievement_table(programme)
    chart = achievement_chart([(b["indicator"].name, b["latest"]) for b in table],
                              _("Capaian terhadap target, periode terakhir"))  # fmt: skip
    context = {
        "programme": programme, "table": table, "chart": chart,
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


def _xlsx(rows, filename: str) -> HttpResponse:
    """A workbook of (programme, indicator, row) rows: one line per indicator and period,
    through ``pendamping.spreadsheets`` (a title or a name starting with "=" stays text)."""
    header = [_("Program"), _("Indikator"), _("Periode"), _("Nilai"), _("Target"),
              _("Capaian"), _("Warna"), _("Keterangan")]  # fmt: skip
    lines = [[programme.title, indicator.name, row["period"], row["value"], row["target"],
              row["achievement"], row["colour"] or "", str(row["colour_label"])]
             for programme, indicator, row in rows]  # fmt: skip
    return xlsx_response(workbook([(_("Capaian"), header, lines)]), filename)


@login_required
def indicator_xlsx(request, pk):
    programme = _programme(request, pk)
    rows = [(programme, block["indicator"], row)
            for block in indicators.achievement_table(programme) for row in block["rows"]]  # fmt: skip
    return _xlsx(rows, f"indikator-program-{programme.pk}.xlsx")


AGENCY_PAGE_SIZE = 10


def _agency_programmes(request):
    """The agency's programmes that have indicators (never for an instructor or the
    data protection officer: counts of clients)."""
    if access.role_of(request.user) in access.NO_CASE_ROLES:
        raise Http404
    return (
        programmes_for(request.user).filter(indicators__deleted_at__isnull=True)
        .distinct().order_by("-starts_on", "-id")
    )  # fmt: skip


@login_required
def agency_indicators(request):
    """Every programme's indicators at their latest period, ten programmes a page
    (each programme costs the same queries whatever its size)."""
    page = paginate(request, _agency_programmes(request), AGENCY_PAGE_SIZE)
    rows = indicators.agency_table(page.object_list)
    chart = achievement_chart(
        [(f"{r['indicator'].name} · {r['programme'].title}", r["row"]) for r in rows],
        _("Capaian terhadap target, periode terakhir"),
    )
    context = {"page": page, "rows": rows, "chart": chart}
    return render(request, "facilitator/agency_indicators.html", context)


@login_required
def agency_indicators_xlsx(request):
    """Every period of every indicator of the agency's programmes."""
    rows = [(programme, block["indicator"], row)
            for programme in _agency_programmes(request)
            for block in indicators.achievement_table(programme) for row in block["rows"]]  # fmt: skip
    return _xlsx(rows, "indikator-lembaga.xlsx")
