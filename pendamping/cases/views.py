"""Case pages: caseload, opening a case, the case page and its actions."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping import plugins
from pendamping.accounts import access
from pendamping.accounts.models import Role
from pendamping.clients.access import clients_for
from pendamping.concurrency import ConflictError
from pendamping.web import paginate, run_form, template_for

from . import actions, selectors, services
from .access import case_or_404, notes_for, tasks_for
from .forms import CaseFilterForm, CaseOpenForm, NoteForm
from .models import Stage

# what the caseload's rows show (case_list.html): not a case's problem and notes, nor a
# client's whole record, fifty times over
CASE_LIST_COLUMNS = (
    "number", "stage", "risk_level", "opened_at", "closed_at", "agency_id",
    "client__full_name", "client__agency_id",
    "assigned_worker__username", "assigned_worker__first_name", "assigned_worker__last_name",
)  # fmt: skip


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None, workers=access.assignable_workers(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.caseload(
        request.user,
        stage=filters.get("stage", ""),
        status=filters.get("status") or "open",
        risk=filters.get("risk", ""),
        worker=filters.get("worker"),
    )
    page = paginate(request, qs.only(*CASE_LIST_COLUMNS))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "querystring": query.urlencode()}
    return render(request, template_for(request, "cases/case_list.html", "results"), context)


@login_required
def case_open(request, client_pk):
    client = access.get_or_404(clients_for(request.user), pk=client_pk)
    access.require_write(request.user)
    workers = access.assignable_workers(request.user)
    form = CaseOpenForm(
        request.POST or None, workers=workers, initial={"assigned_worker": request.user}
    )
    status = 200
    if request.method == "POST":
        case, status = run_form(
            form, lambda d: services.case_open(actor=request.user, client=client, **d)
        )
        if status == 200:
            messages.success(request, _("Kasus %(number)s dibuka.") % {"number": case.number})
            return redirect("case_detail", pk=case.pk)
    context = {"form": form, "client": client}
    return render(request, "cases/case_open.html", context, status=status)


@login_required
def case_detail(request, pk, *, forms=None, status=200):
    """The case page. The actions' forms are not rendered (cases/actions.py): a form
    comes back here only with its errors (`forms`: action key -> bound form)."""
    case = case_or_404(request.user, pk)
    user = request.user
    context = {
        "case": case,
        "events": paginate(
            request, selectors.timeline(user, case), 50, page=request.GET.get("events")
        ),
        "readable_notes": selectors.readable_note_ids(user, case),
        "notes": notes_for(user).filter(case=case).select_related("author")[:50],
        "tasks": tasks_for(user).filter(case=case).select_related("assignee"),
        "stages": Stage.choices,
        "stage_index": Stage.order(case.stage),
        "actions": actions.offered(user, case, forms),
        "panels": _page_panels(user, case),
        "case_open": case.is_open,
        "can_write": access.can_write(user),
        "can_delete": access.can_delete_records(user),
        "client_notices": plugins.collect("client_notices", client_id=case.client_id),
    }
    return render(request, "cases/case_detail.html", context, status=status)


def _page_panels(user, case) -> list[dict]:
    """The panels the case page shows; the first deferred one asks for all of them."""
    panels = selectors.case_panels(user, case, part="page")
    later = [p for p in panels if p.get("deferred")]
    if later:
        later[0]["trigger"] = True
    return panels


@login_required
def case_form(request, pk, key):
    """One action's form alone (cases/actions.py): in the case page or on its own."""
    case = case_or_404(request.user, pk)
    action = actions.ACTIONS.get(key)
    if action is None:
        raise Http404
    return actions.form_page(request, case, action)


@login_required
def case_panel(request, pk, key):
    """One registered panel of the case page alone: htmx swaps it in place; without
    htmx it is a page (the link of a deferred panel's placeholder)."""
    case = case_or_404(request.user, pk)
    panels = selectors.case_panels(request.user, case, only=key)
    if not panels:
        raise Http404
    context = {
        "case": case,
        "p": panels[0],
        "case_open": case.is_open,
        "can_write": access.can_write(request.user),
    }
    return render(request, template_for(request, "cases/case_panel.html", "panel"), context)


@login_required
def case_panels_later(request, pk):
    """The case page's deferred panels at once, asked for when the first of them comes
    into view: each replaces its placeholder (out of band), a panel with nothing for
    this user removes it. Without htmx, a page of them."""
    case = case_or_404(request.user, pk)
    panels = selectors.case_panels(request.user, case, part="deferred")
    shown = {p["panel"].key for p in panels}
    context = {
        "case": case,
        "panels": panels,
        "gone": [
            p.key for p in plugins.registry.case_panels() if p.deferred and p.key not in shown
        ],
        "case_open": case.is_open,
        "can_write": access.can_write(request.user),
    }
    return render(request, template_for(request, "cases/case_panels.html", "later"), context)


@login_required
def home(request):
    """The home page of each role: casework's cards, then what the apps registered."""
    user = request.user
    role = access.role_of(user)
    counts = selectors.stage_counts(user) if role else {}
    context = {
        "role": role,
        "stage_counts": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
        "open_total": sum(counts.values()),
        "recent_events": selectors.recent_events(user) if role else [],
        "home_items": selectors.home_items(user, role) if role else [],
    }
    if role in access.CASELOAD_ROLES:
        context["my_cases"] = selectors.caseload(user).filter(assigned_worker=user)[:10]
        context["overdue_tasks"] = selectors.overdue_tasks(user)[:20]
        context["upcoming_tasks"] = selectors.upcoming_tasks(user)[:10]
    if role == Role.SUPERVISOR:
        context["team"] = selectors.team_overview(user)
    if role == Role.ADMIN:  # how many per role: a provincial agency has thousands of members
        rows = access.membership_of(user).agency.memberships.values_list("role")
        counts = dict(rows.annotate(n=Count("*")))  # COUNT(*): the (agency, role) index alone
        context["members"] = [
            (label, counts[value]) for value, label in Role.choices if value in counts
        ]
    return render(request, "cases/home.html", context)


def _run(request, case, key, form, act):
    """Validate `form`, run `act(cleaned_data)`, and answer like every case action:
    back to the case page when saved or when someone else changed the case meanwhile
    (with the conflict message), the page with the form's errors otherwise."""
    _result, status = run_form(form, act)
    if status == 409:
        messages.error(request, str(ConflictError.message))
    if status in (200, 409):
        return redirect("case_detail", pk=case.pk)
    return case_detail(request, case.pk, forms={key: form}, status=status)


def case_action(key):
    """A POST action on one case (`actions.ACTIONS[key]`): the case in the user's scope,
    the action's role check, its form validated, then the decorated
    `act(request, case, data)` run, answered by `_run` (the case page again, with
    errors or the conflict message)."""
    action = actions.ACTIONS[key]

    def decorate(act):
        @login_required
        @require_POST
        @wraps(act)
        def view(request, pk):
            case = case_or_404(request.user, pk)
            action.require(request.user)
            form = action.make(request.user, case, request.POST)
            return _run(request, case, key, form, lambda d: act(request, case, d))

        return view

    return decorate


@case_action("edit")
def case_edit(request, case, d):
    services.case_update(
        actor=request.user,
        case=case,
        expected_version=d["version"],
        presenting_problem=d["presenting_problem"],
        risk_level=d["risk_level"],
    )
    messages.success(request, _("Kasus disimpan."))


@case_action("stage")
def case_stage(request, case, d):
    services.case_move_stage(
        actor=request.user,
        case=case,
        to_stage=d["to_stage"],
        reason=d["reason"],
        expected_version=d["version"],
    )
    messages.success(
        request, _("Tahap kasus menjadi %(stage)s.") % {"stage": Stage(d["to_stage"]).label}
    )


@case_action("assign")
def case_assign(request, case, d):
    services.case_assign(
        actor=request.user, case=case, worker=d["worker"], expected_version=d["version"]
    )
    messages.success(request, _("Kasus ditugaskan ke %(name)s.") % {"name": d["worker"]})


@case_action("close")
def case_close(request, case, d):
    services.case_close(
        actor=request.user,
        case=case,
        reason=d["reason"],
        note=d["note"],
        expected_version=d["version"],
    )
    messages.success(request, _("Kasus ditutup."))


@case_action("reopen")
def case_reopen(request, case, d):
    services.case_reopen(
        actor=request.user, case=case, reason=d["reason"], expected_version=d["version"]
    )
    messages.success(request, _("Kasus dibuka kembali."))


@login_required
@require_POST
def case_delete(request, pk):
    case = case_or_404(request.user, pk)
    services.case_delete(actor=request.user, case=case)
    messages.success(request, _("Kasus %(number)s dihapus.") % {"number": case.number})
    return redirect("case_list")


@case_action("note")
def note_add(request, case, d):
    d = {k: v for k, v in d.items() if k != "version"}
    services.note_add(actor=request.user, case=case, data=d)
    messages.success(request, _("Catatan ditambahkan."))


@login_required
def note_edit(request, pk):
    note = access.get_or_404(notes_for(request.user).select_related("case", "case__client"), pk=pk)
    if not access.can_edit_note(request.user, note):
        raise PermissionDenied(_("Hanya penulis catatan yang dapat mengubahnya."))
    form = NoteForm(
        request.POST or None,
        instance=None,
        initial={f: getattr(note, f) for f in NoteForm.Meta.fields} | {"version": note.version},
    )
    status = 200
    if request.method == "POST":

        def save(d):
            data = {k: v for k, v in d.items() if k != "version"}
            services.note_edit(
                actor=request.user, note=note, data=data, expected_version=d["version"] or 0
            )

        _result, status = run_form(form, save)
        if status == 200:
            messages.success(request, _("Catatan disimpan."))
            return redirect("case_detail", pk=note.case_id)
    return render(request, "cases/note_edit.html", {"form": form, "note": note}, status=status)


@login_required
@require_POST
def note_delete(request, pk):
    note = access.get_or_404(notes_for(request.user).select_related("case"), pk=pk)
    services.note_delete(actor=request.user, note=note)
    messages.success(request, _("Catatan dihapus."))
    return redirect("case_detail", pk=note.case_id)


@case_action("task")
def task_add(request, case, d):
    services.task_add(
        actor=request.user,
        case=case,
        title=d["title"],
        due_date=d["due_date"],
        assignee=d.get("assignee"),
        due_time=d.get("due_time"),
        place=d.get("place", ""),
    )
    messages.success(request, _("Tindak lanjut ditambahkan."))


@login_required
@require_POST
def task_toggle(request, pk):
    task = access.get_or_404(tasks_for(request.user).select_related("case"), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.task_set_done(
            actor=request.user, task=task, done=task.done_at is None, expected_version=version
        )
    except ConflictError as e:
        messages.error(request, str(e))
    nxt = request.POST.get("next")
    if nxt == "home":
        return redirect("home")
    return redirect("case_detail", pk=task.case_id)
