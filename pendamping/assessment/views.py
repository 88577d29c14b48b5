"""HTML views of the assessment app: assessment versions, instruments and scores."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases.access import case_or_404
from pendamping.charts import line_chart
from pendamping.clients.access import clients_for, family_for
from pendamping.web import paginate, run_form

from . import instruments, selectors, services
from .access import assessments_for, ecomaps_for
from .forms import (
    AssessmentForm,
    ChecklistNeedsForm,
    CompareForm,
    InstrumentForm,
    identified_needs,
    needs_formset,
)
from .models import SECTION_FIELDS

CHART_POINTS = 60  # the chart shows the latest administrations; the table pages through all


def _instrument(code):
    instrument = instruments.get(code)
    if instrument is None:
        raise Http404
    return instrument


# ---- assessment versions ----------------------------------------------------------------


@login_required
def assessment_list(request, pk):
    case = case_or_404(request.user, pk)
    versions = paginate(request, selectors.case_assessments(request.user, case))
    context = {
        "case": case,
        "page": versions,
        "can_write": access.can_write(request.user) and case.is_open,
    }
    return render(request, "assessment/assessment_list.html", context)


@login_required
def assessment_create(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)
    latest = assessments_for(request.user).filter(case=case).first()
    if latest:
        initial = {f: getattr(latest, f) for f in SECTION_FIELDS}
    else:
        initial = {"presenting_problem": case.presenting_problem}
    initial |= {"assessed_on": timezone.localdate(), "based_on": latest.number if latest else 0}
    form = AssessmentForm(request.POST or None, initial=initial)
    formset = needs_formset(request.POST or None)
    status = 200
    if request.method == "POST":
        assessment, status = run_form(
            form,
            lambda d: services.assessment_save(
                actor=request.user,
                case=case,
                data=form.section_data(),
                needs=identified_needs(formset),
                based_on=d["based_on"],
            ),
            also_valid=formset.is_valid(),
        )
        if assessment:
            messages.success(request, _("Asesmen versi %(n)s disimpan.") % {"n": assessment.number})
            return redirect("assessment_detail", pk=case.pk, number=assessment.number)
    context = {"case": case, "form": form, "formset": formset, "latest": latest}
    return render(request, "assessment/assessment_form.html", context, status=status)


@login_required
def assessment_detail(request, pk, number):
    case = case_or_404(request.user, pk)
    assessment = selectors.assessment_version(request.user, case, number)
    context = {
        "case": case,
        "assessment": assessment,
        "needs": selectors.assessment_needs(request.user, assessment),
        "latest_number": assessments_for(request.user)
        .filter(case=case)
        .values_list("number", flat=True)
        .first(),
        "can_write": access.can_write(request.user) and case.is_open,
    }
    return render(request, "assessment/assessment_detail.html", context)


@login_required
def assessment_compare(request, pk):
    case = case_or_404(request.user, pk)
    numbers = list(
        assessments_for(request.user)
        .filter(case=case)
        .order_by("number")
        .values_list("number", flat=True)
    )
    if not numbers:
        raise Http404
    default = {"a": numbers[-2] if len(numbers) > 1 else numbers[0], "b": numbers[-1]}
    form = CompareForm(request.GET or default, numbers=numbers)
    chosen = form.cleaned_data if form.is_valid() else default
    a, b = sorted((chosen["a"], chosen["b"]))
    older = selectors.assessment_version(request.user, case, a)
    newer = selectors.assessment_version(request.user, case, b)
    changes = selectors.compare_versions(older, newer)
    context = {
        "case": case,
        "form": form,
        "older": older,
        "newer": newer,
        "changes": changes,
        "changed_count": sum(1 for c in changes if c.changed),
    }
    return render(request, "assessment/assessment_compare.html", context)


# ---- instruments ------------------------------------------------------------------------


@login_required
def instrument_list(request):
    return render(
        request, "assessment/instrument_list.html", {"instruments": instruments.all_instruments()}
    )


@login_required
def instrument_detail(request, code):
    return render(request, "assessment/instrument_detail.html", {"instrument": _instrument(code)})


@login_required
def case_instruments(request, pk):
    case = case_or_404(request.user, pk)
    defined = instruments.load_all()
    page = paginate(request, selectors.case_administrations(request.user, case))
    for a in page.object_list:
        a.instrument = defined.get(a.instrument_code)
    context = {
        "case": case,
        "page": page,
        "instruments": defined,
        "can_write": access.can_write(request.user) and case.is_open,
    }
    return render(request, "assessment/case_instruments.html", context)


@login_required
def instrument_administer(request, pk, code):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)
    instrument = _instrument(code)
    form = InstrumentForm(
        request.POST or None,
        instrument=instrument,
        initial={"administered_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        administration, status = run_form(
            form,
            lambda d: services.instrument_administer(
                actor=request.user,
                case=case,
                instrument=instrument,
                answers=form.answers(),
                administered_on=d["administered_on"],
            ),
        )
        if administration:
            messages.success(
                request,
                _("%(instrument)s diskor: %(score)s · %(band)s")
                % {
                    "instrument": instrument.short_title,
                    "score": administration.score,
                    "band": administration.band_label,
                },
            )
            return redirect("administration_detail", pk=administration.pk)
    context = {"case": case, "instrument": instrument, "form": form}
    return render(request, "assessment/administer.html", context, status=status)


@login_required
def administration_detail(request, pk, *, needs_form=None, status=200):
    administration = selectors.administration(request.user, pk)
    case = administration.case
    instrument = instruments.get(administration.instrument_code)
    answers = []
    if instrument:
        for item in instrument.items:
            value = administration.answers.get(item.code)
            label = item.label_for(value)
            answers.append({"item": item, "value": value, "label": label})
    need_items = instrument.needs_for(administration.answers) if instrument else []
    can_write = access.can_write(request.user) and case.is_open
    if need_items and can_write and needs_form is None:
        needs_form = ChecklistNeedsForm(items=need_items)
    context = {
        "administration": administration,
        "case": case,
        "instrument": instrument,
        "answers": answers,
        "need_items": need_items,
        "needs_form": needs_form,
        "can_write": can_write,
        "same_version": instrument is not None
        and instrument.version == administration.instrument_version,
    }
    return render(request, "assessment/administration_detail.html", context, status=status)


@login_required
@require_POST
def checklist_needs_add(request, pk):
    administration = selectors.administration(request.user, pk)
    access.require_write(request.user)
    instrument = instruments.get(administration.instrument_code)
    items = instrument.needs_for(administration.answers) if instrument else []
    form = ChecklistNeedsForm(request.POST, items=items)
    added, status = run_form(
        form,
        lambda d: services.checklist_needs_add(
            actor=request.user, administration=administration, items=d["items"],
            urgency=d["urgency"],
        ),
    )  # fmt: skip
    if status != 200:
        return administration_detail(request, pk, needs_form=form, status=status)
    created, skipped = added
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s kebutuhan dicatat pada kasus.",
                "%(count)s kebutuhan dicatat pada kasus.",
                len(created),
            )
            % {"count": len(created)},
        )
    if skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s kebutuhan sudah tercatat dan dilewati.",
                "%(count)s kebutuhan sudah tercatat dan dilewati.",
                len(skipped),
            )
            % {"count": len(skipped)},
        )
    return redirect(f"{_case_url(administration.case_id)}#needs")


def _case_url(case_id):
    from django.urls import reverse

    return reverse("case_detail", kwargs={"pk": case_id})


# ---- a client's scores over time ---------------------------------------------------------


def _client(request, pk):
    return access.get_or_404(clients_for(request.user), pk=pk)


@login_required
def client_instruments(request, pk):
    client = _client(request, pk)
    context = {
        "client": client,
        "rows": selectors.client_instrument_summary(request.user, client),
    }
    return render(request, "assessment/client_instruments.html", context)


@login_required
def client_instrument_scores(request, pk, code):
    client = _client(request, pk)
    instrument = _instrument(code)
    scores = selectors.client_scores(request.user, client, code)
    recent = list(scores.reverse()[:CHART_POINTS])[::-1]
    chart = None
    if recent:
        chart = line_chart(
            [a.administered_on.strftime("%d-%m-%Y") for a in recent],
            [(str(instrument.short_title), [a.score for a in recent])],
            title=_("%(instrument)s: %(client)s")
            % {"instrument": instrument.short_title, "client": client.full_name},
            y_min=instrument.score_min,
            y_max=instrument.score_max,
            bands=[(b.min, b.max, str(b.label)) for b in instrument.bands],
        )
    context = {
        "client": client,
        "instrument": instrument,
        "chart": chart,
        "page": paginate(request, scores.reverse()),
    }
    return render(request, "assessment/client_scores.html", context)


# ---- ecomap and genogram ----------------------------------------------------------------


def _systems_from_services(rows: list[dict], chosen: set[str]) -> list[dict]:
    """Referral services as ecomap systems: receiving ones feed the client."""
    return [
        {
            "name": row["name"],
            "category": "agency",
            "strength": "moderate" if row["receiving"] else "tenuous",
            "stressful": False,
            "flow": "to_client" if row["receiving"] else "none",
            "note": row["organization"],
        }
        for row in rows
        if str(row["service_id"]) in chosen
    ]


@login_required
def ecomap(request, pk):
    """The case's ecomap: the latest (or a chosen) snapshot, its history and the editor."""
    from pendamping.broker.selectors import resource_systems

    from .ecomap import draw
    from .forms import EcomapForm, EcomapFormSet

    case = case_or_404(request.user, pk)
    snapshots = list(
        ecomaps_for(request.user).filter(case=case).select_related("created_by").order_by("-number")
    )
    shown = snapshots[0] if snapshots else None
    if request.GET.get("v"):
        shown = next((s for s in snapshots if str(s.number) == request.GET["v"]), None)
        if shown is None:
            raise Http404
    latest = snapshots[0] if snapshots else None
    services_rows = resource_systems(request.user, case)
    present = {s["name"].casefold() for s in (latest.systems if latest else [])}
    offer = [r for r in services_rows if r["name"].casefold() not in present]
    status = 200
    if request.method == "POST":
        access.require_write(request.user)
        form = EcomapForm(request.POST, services=offer)
        formset = EcomapFormSet(request.POST, prefix="s")

        def save(d):
            systems = [
                {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
                for f in formset.forms
                if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")
            ]
            systems += _systems_from_services(offer, set(d["add_services"]))
            return services.ecomap_save(
                actor=request.user, case=case, systems=systems, centre=d["centre"],
                note=d["note"], taken_on=d["taken_on"], based_on=d["based_on"],
            )  # fmt: skip

        snapshot, status = run_form(form, save, also_valid=formset.is_valid())
        if snapshot:
            messages.success(request, _("Ekomap versi %(n)s disimpan.") % {"n": snapshot.number})
            return redirect("ecomap", pk=case.pk)
    else:
        form = EcomapForm(
            services=offer,
            initial={
                "centre": latest.centre if latest else "",
                "taken_on": timezone.localdate(),
                "based_on": latest.number if latest else 0,
            },
        )
        formset = EcomapFormSet(prefix="s", initial=latest.systems if latest else [])
    svg = None
    if shown:
        svg = draw(
            shown.centre,
            shown.as_systems(),
            title=_("Ekomap %(case)s, versi %(n)s (%(date)s)")
            % {"case": case.number, "n": shown.number, "date": shown.taken_on.strftime("%d-%m-%Y")},
        )
    from .ecomap import CATEGORIES, describe

    shown_rows = [
        s | {"category_label": CATEGORIES.get(s["category"], s["category"]), "link": describe(s)}
        for s in (shown.systems if shown else [])
    ]
    context = {
        "case": case,
        "snapshots": snapshots,
        "shown": shown,
        "shown_rows": shown_rows,
        "svg": svg,
        "form": form,
        "formset": formset,
        "can_write": access.can_write(request.user) and case.is_open,
    }
    return render(request, "assessment/ecomap.html", context, status=status)


@login_required
def ecomap_compare(request, pk):
    from .ecomap import compare, describe

    case = case_or_404(request.user, pk)
    snapshots = {s.number: s for s in ecomaps_for(request.user).filter(case=case)}
    try:
        a, b = snapshots[int(request.GET.get("a", ""))], snapshots[int(request.GET.get("b", ""))]
    except (KeyError, ValueError):
        messages.error(request, _("Pilih dua versi ekomap yang ada untuk dibandingkan."))
        return redirect("ecomap", pk=case.pk)
    if a.number > b.number:
        a, b = b, a
    rows = compare(a.systems, b.systems)
    for row in rows:
        row["old_text"], row["new_text"] = describe(row["old"]), describe(row["new"])
    context = {"case": case, "a": a, "b": b, "rows": rows}
    return render(request, "assessment/ecomap_compare.html", context)


@login_required
def genogram(request, pk):
    from .genogram import genogram_svg

    client = access.get_or_404(clients_for(request.user), pk=pk)
    members = list(family_for(request.user).filter(client=client).order_by("id"))
    context = {
        "client": client,
        "members": members,
        "svg": genogram_svg(client, members),
        "can_write": access.can_write(request.user),
    }
    return render(request, "assessment/genogram.html", context)
