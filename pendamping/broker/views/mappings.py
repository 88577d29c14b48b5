"""The agency admin's term mappings page: the codes of other vocabularies that the
agency's imported services carry and no mapping reads yet (with how many services
wait on each), the mappings made, a CSV of mappings imported all or nothing, and
the trail of every change. What `manage.py hsds_mappings` does on the command line."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.taxonomy.forms import terms_in_tree_order
from pendamping.web import paginate

from ..forms import MappingCsvForm, MapTermForm
from ..models import MappingChange, TermMapping
from ..services.mappings import import_mappings, map_term, unmapped_terms

MAX_ERRORS_SHOWN = 50


def _querystring(request, without: str) -> str:
    query = request.GET.copy()
    query.pop(without, None)
    return query.urlencode()


@login_required
def term_mappings(request, *, map_form=None, csv_form=None, csv_errors=(), status=200):
    user = request.user
    access.require_manage_agency(user)
    agency = access.agency_of(user)
    mappings = TermMapping.objects.filter(agency=agency).select_related("term")
    changes = MappingChange.objects.filter(agency=agency).select_related("actor")
    context = {
        "unmapped": paginate(request, unmapped_terms(agency)),
        "mappings": paginate(request, mappings, page=request.GET.get("mapped")),
        "changes": paginate(request, changes, page=request.GET.get("changes")),
        "q_unmapped": _querystring(request, "page"),
        "q_mapped": _querystring(request, "mapped"),
        "q_changes": _querystring(request, "changes"),
        "terms": list(terms_in_tree_order()),
        "map_form": map_form,
        "csv_form": csv_form or MappingCsvForm(),
        "csv_errors": list(csv_errors)[:MAX_ERRORS_SHOWN],
        "csv_errors_more": max(0, len(csv_errors) - MAX_ERRORS_SHOWN),
    }
    return render(request, "broker/term_mappings.html", context, status=status)


def _summary(report) -> str:
    return (
        _(
            "Pemetaan: %(created)d dibuat, %(updated)d diubah, %(removed)d dihapus; "
            "%(services)d layanan mendapat istilah baru."
        )
        % report.__dict__
    )


@login_required
@require_POST
def term_mapping_save(request):
    user = request.user
    access.require_manage_agency(user)
    form = MapTermForm(request.POST)
    if not form.is_valid():
        return term_mappings(request, map_form=form, status=422)
    f = form.cleaned_data
    report = map_term(access.agency_of(user), actor=user, vocabulary=f["vocabulary"].strip(),
                      code=f["code"].strip(), term=f["term"])  # fmt: skip
    messages.success(request, _summary(report))
    return redirect("term_mappings")


@login_required
@require_POST
def term_mapping_import(request):
    user = request.user
    access.require_manage_agency(user)
    form = MappingCsvForm(request.POST, request.FILES)
    if not form.is_valid():
        return term_mappings(request, csv_form=form, status=422)
    report = import_mappings(access.agency_of(user), form.cleaned_data["file"].read(), actor=user)
    if not report.ok:
        return term_mappings(request, csv_form=form, csv_errors=report.errors, status=422)
    messages.success(request, _summary(report))
    return redirect("term_mappings")
