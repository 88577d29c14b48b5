"""The gap register and the initiatives that create missing resources."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.charts import hbar_chart
from pendamping.web import paginate, run_form

from .. import selectors, services
from ..access import (
    gaps_for,
    initiatives_for,
)
from ..forms import (
    InitiativeForm,
)
from ..models import (
    GapReason,
)

# ---- gaps and initiatives -------------------------------------------------------------


GAP_ROWS_PER_PAGE = 50


@login_required
def gap_register(request):
    rows = selectors.gap_register(request.user)
    chart = hbar_chart(
        [(f"{r['term'].name} · {r['region'] or '—'}", r["gaps"]) for r in rows[:15]],
        title=_("Kesenjangan terbuka per jenis layanan dan wilayah"),
    )
    page = paginate(request, rows, GAP_ROWS_PER_PAGE)
    labels = dict(GapReason.choices)
    for r in page:  # reason counts in the register's order, labelled, for this page only
        r["reason_list"] = [(labels[k], r["reasons"][k]) for k in labels if k in r["reasons"]]
    context = {
        "rows": rows,
        "page": page,
        "chart": chart if rows else None,
        "total": sum(r["gaps"] for r in rows),
        "initiatives": initiatives_for(request.user).select_related("term")[:10],
        "can_write": access.can_write(request.user),
    }
    return render(request, "broker/gap_register.html", context)


def _open_gaps(user):
    return gaps_for(user).filter(closed_at__isnull=True).select_related("term", "region")


@login_required
def initiative_list(request):
    qs = initiatives_for(request.user).select_related("term")
    context = {"page": paginate(request, qs), "can_write": access.can_write(request.user)}
    return render(request, "broker/initiative_list.html", context)


@login_required
def initiative_form(request, pk=None):
    initiative = access.get_or_404(initiatives_for(request.user), pk=pk) if pk else None
    if request.method == "POST" or pk is None:
        access.require_write(request.user)
    gaps = _open_gaps(request.user)
    if initiative:
        gaps = gaps | initiative.gaps.select_related("term", "region")
    initial = {"version": initiative.version} if initiative else {}
    if not initiative and request.GET.get("term"):
        initial["term"] = request.GET["term"]
    form = InitiativeForm(
        request.POST or None, instance=initiative, initial=initial, gaps=gaps.distinct()
    )
    form.fields["version"].required = initiative is not None
    status = 200
    if request.method == "POST":
        saved, status = run_form(
            form,
            lambda d: services.initiative_save(
                actor=request.user,
                data=dict(d),
                initiative=initiative,
                expected_version=d.get("version"),
            ),
        )
        if saved:
            messages.success(request, _("Inisiatif disimpan."))
            return redirect("initiative_detail", pk=saved.pk)
    context = {
        "form": form,
        "initiative": initiative,
        "can_write": access.can_write(request.user),
    }
    return render(request, "broker/initiative_form.html", context, status=status)
