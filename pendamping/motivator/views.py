"""HTML views of the motivator app: a case's goals (GAS), check-ins and action steps,
and the distribution of T-scores across a caseload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases.access import case_or_404
from pendamping.charts import hbar_chart, line_chart
from pendamping.web import paginate, run_call, run_form, run_form_telling_conflict

from . import selectors, services
from .access import goals_for
from .forms import ActionStepForm, CheckInForm, GoalForm, GoalReviewForm, OutcomeForm

CHECKINS_PER_PAGE = 20  # the trend chart and its table show one page of check-ins


def _day(d) -> str:
    return formats.date_format(d, "d M Y")


def gas_chart(history) -> str:
    labels = [_("Awal") if d is None else _day(d) for d, _t in history]
    values = [round(t, 1) for _d, t in history]
    low = min([20.0, *[v - 5 for v in values]])
    high = max([80.0, *[v + 5 for v in values]])
    return line_chart(
        labels,
        [(_("Skor T"), values)],
        title=_("Skor T dari waktu ke waktu"),
        y_min=10 * (low // 10),
        y_max=10 * -(-high // 10),
        bands=[(50, high, _("Sesuai atau di atas harapan (T ≥ 50)"))],
    )


def checkin_charts(checkins) -> tuple[str, str]:
    labels = [_day(c.checked_on) for c in checkins]

    def series(name, attr):
        return (name, [getattr(c, attr) for c in checkins])

    motivation = line_chart(
        labels,
        [
            series(_("Niat"), "intention"),
            series(_("Tekad"), "determination"),
            series(_("Semangat"), "spirit"),
        ],
        title=_("Niat, tekad dan semangat"),
        y_min=0,
        y_max=10,
    )
    readiness = line_chart(
        labels,
        [series(_("Penting"), "importance"), series(_("Yakin"), "confidence")],
        title=_("Penggaris kesiapan"),
        y_min=0,
        y_max=10,
    )
    return motivation, readiness


@login_required
def case_goals(request, pk, *, forms=None, status=200):
    case = case_or_404(request.user, pk)
    user = request.user
    forms = forms or {}
    can_write = access.can_write(user) and case.is_open
    summary = selectors.case_gas(user, case)
    bound_review = forms.get("review")  # (goal pk, bound form) after an invalid review
    goals = [
        (
            g,
            bound_review[1]
            if bound_review and bound_review[0] == g.pk
            else GoalReviewForm(goal=g, initial={"level": g.current_level}),
        )
        for g in summary.goals
    ]
    checkins = paginate(
        request, selectors.case_checkins(user, case), CHECKINS_PER_PAGE,
        page=request.GET.get("checkins"),
    )  # fmt: skip
    recent = list(checkins.object_list)[::-1]  # the chart shows this page, oldest first
    motivation_chart, readiness_chart = checkin_charts(recent) if recent else (None, None)
    steps = paginate(
        request, selectors.case_action_steps(user, case), 10, page=request.GET.get("steps")
    )
    bound_outcome = forms.get("outcome")
    step_rows = [
        (
            s,
            bound_outcome[1]
            if bound_outcome and bound_outcome[0] == s.pk
            else OutcomeForm(
                step=s,
                initial={
                    "version": s.version,
                    "outcome": s.outcome,
                    "is_breakthrough": s.is_breakthrough,
                    **({"done_on": s.done_on} if s.done_on else {}),
                },
            ),
        )
        for s in steps.object_list
    ]
    goal_choices = goals_for(user).filter(case=case).order_by("created_at", "id")
    context = {
        "case": case,
        "goals": goals,
        "gas": summary,
        "history": [(_("Awal") if d is None else _day(d), t) for d, t in summary.history],
        "gas_chart": gas_chart(summary.history) if summary.history else None,
        "checkins": checkins,
        "motivation_chart": motivation_chart,
        "readiness_chart": readiness_chart,
        "steps": steps,
        "step_rows": step_rows,
        "goal_form": forms.get("goal") or GoalForm(),
        "checkin_form": forms.get("checkin") or CheckInForm(),
        "step_form": forms.get("step") or ActionStepForm(goals=goal_choices),
        "can_write": can_write,
        "can_delete": access.can_delete_records(user) and case.is_open,
    }
    return render(request, "motivator/case_goals.html", context, status=status)


def _invalid(request, case, forms: dict):
    """Answer an invalid POST with the page and its form errors (422).

    On a closed case the forms are not shown, so say why in a message instead.
    """
    if not case.is_open:
        for value in forms.values():
            form = value[1] if isinstance(value, tuple) else value
            for error in form.non_field_errors():
                messages.error(request, error)
    return case_goals(request, case.pk, forms=forms, status=422)


def _done(request, case, message):
    messages.success(request, message)
    return redirect("case_goals", pk=case.pk)


@login_required
@require_POST
def goal_add(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)
    form = GoalForm(request.POST)
    _saved, status = run_form(
        form,
        lambda d: services.goal_add(actor=request.user, case=case, data=form.data_for_service()),
    )
    if status == 200:
        return _done(request, case, _("Tujuan ditambahkan."))
    return _invalid(request, case, {"goal": form})


@login_required
def goal_edit(request, pk):
    goal = selectors.goal(request.user, pk)
    access.require_write(request.user)
    form = GoalForm(request.POST or None, initial=GoalForm.initial_for(goal))
    status = 200
    if request.method == "POST":
        saved, status = run_form(
            form,
            lambda d: services.goal_update(
                actor=request.user,
                goal=goal,
                data=form.data_for_service(),
                expected_version=d["version"] or 0,
            ),
        )
        if saved:
            return _done(request, goal.case, _("Tujuan disimpan."))
    context = {"form": form, "goal": goal, "case": goal.case}
    return render(request, "motivator/goal_edit.html", context, status=status)


@login_required
@require_POST
def goal_delete(request, pk):
    goal = selectors.goal(request.user, pk)
    if not run_call(request, lambda: services.goal_delete(actor=request.user, goal=goal)):
        return redirect("case_goals", pk=goal.case_id)
    return _done(request, goal.case, _("Tujuan dihapus."))


@login_required
@require_POST
def goal_review(request, pk):
    goal = selectors.goal(request.user, pk)
    access.require_write(request.user)
    form = GoalReviewForm(request.POST, goal=goal)
    _saved, status = run_form(
        form, lambda d: services.goal_review(actor=request.user, goal=goal, **d)
    )
    if status == 200:
        return _done(request, goal.case, _("Penilaian tujuan dicatat."))
    return _invalid(request, goal.case, {"review": (goal.pk, form)})


@login_required
@require_POST
def checkin_add(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)
    form = CheckInForm(request.POST)
    _saved, status = run_form(
        form, lambda d: services.checkin_add(actor=request.user, case=case, **d)
    )
    if status == 200:
        return _done(request, case, _("Cek motivasi dicatat."))
    return _invalid(request, case, {"checkin": form})


@login_required
@require_POST
def action_step_add(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)
    goals = goals_for(request.user).filter(case=case)
    form = ActionStepForm(request.POST, goals=goals)
    _saved, status = run_form(
        form, lambda d: services.action_step_add(actor=request.user, case=case, **d)
    )
    if status == 200:
        return _done(request, case, _("Langkah aksi dicatat."))
    return _invalid(request, case, {"step": form})


@login_required
@require_POST
def action_step_outcome(request, pk):
    step = selectors.action_step(request.user, pk)
    access.require_write(request.user)
    form = OutcomeForm(request.POST, step=step)
    _saved, status = run_form_telling_conflict(request, form, lambda d: (
        services.action_step_record_outcome(
            actor=request.user, step=step, outcome=d["outcome"], done_on=d["done_on"],
            is_breakthrough=d["is_breakthrough"], expected_version=d["version"],
        )
    ))  # fmt: skip
    if status == 409:
        return redirect("case_goals", pk=step.case_id)
    if status == 422:
        return _invalid(request, step.case, {"outcome": (step.pk, form)})
    breakthrough = form.cleaned_data["is_breakthrough"]
    return _done(
        request, step.case, _("Terobosan dicatat!") if breakthrough else _("Hasil langkah dicatat.")
    )


@login_required
def gas_caseload(request):
    """How the T-scores of the open cases the user may see are spread."""
    user = request.user
    workers = list(access.assignable_workers(user)) if access.can_assign(user) else []
    chosen = next((w for w in workers if str(w.pk) == request.GET.get("worker")), None)
    dist = selectors.caseload_distribution(user, worker_id=chosen.pk if chosen else None)
    page = paginate(request, dist.scores)
    cases = selectors.cases_by_id(user, [cid for cid, _t, _n in page.object_list])
    context = {
        "dist": dist,
        "chart": hbar_chart(
            dist.counts, title=_("Sebaran skor T kasus terbuka"), unit=" " + _("kasus")
        )
        if dist.cases
        else None,
        "page": page,
        "rows": [(cases[cid], t, n) for cid, t, n in page.object_list if cid in cases],
        "workers": workers,
        "chosen": chosen,
        "querystring": f"worker={chosen.pk}" if chosen else "",
    }
    return render(request, "motivator/caseload.html", context)
