"""Case pages: caseload, opening a case, the case page and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping import plugins
from pendamping.accounts import access
from pendamping.assessment import selectors as assessment_selectors
from pendamping.broker.forms import NeedForm
from pendamping.clients.access import clients_for
from pendamping.concurrency import ConflictError
from pendamping.motivator import selectors as motivator_selectors
from pendamping.web import add_service_errors, paginate, template_for

from . import selectors, services
from .access import case_or_404, needs_for, notes_for, tasks_for
from .forms import (
    AssignForm,
    CaseEditForm,
    CaseFilterForm,
    CaseOpenForm,
    CloseForm,
    NoteForm,
    ReopenForm,
    StageForm,
    TaskForm,
)
from .models import Stage


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.caseload(
        request.user,
        stage=filters.get("stage", ""),
        status=filters.get("status") or "open",
        risk=filters.get("risk", ""),
    )
    page = paginate(request, qs)
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
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, client=client, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Kasus %(number)s dibuka.") % {"number": case.number})
            return redirect("case_detail", pk=case.pk)
    return render(request, "cases/case_open.html", {"form": form, "client": client})


@login_required
def case_detail(request, pk, *, forms=None, status=200):
    case = case_or_404(request.user, pk)
    user = request.user
    workers = access.assignable_workers(user)
    v = {"version": case.version}
    next_stage = case.next_stage()
    stage_choices = case.earlier_stages() + (
        [(next_stage, Stage(next_stage).label)] if next_stage else []
    )
    stage_form = StageForm(initial=v | {"to_stage": next_stage or case.stage})
    stage_form.fields["to_stage"].choices = stage_choices
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
        "stage_form": stage_form,
        "assign_form": AssignForm(workers=workers, initial=v | {"worker": case.assigned_worker}),
        "close_form": CloseForm(initial=v),
        "reopen_form": ReopenForm(initial=v),
        "edit_form": CaseEditForm(
            initial=v
            | {"presenting_problem": case.presenting_problem, "risk_level": case.risk_level}
        ),
        "note_form": NoteForm(),
        "needs": needs_for(user).filter(case=case).select_related("term"),
        "referrals": plugins.registry.scope_named("referrals_for")
        .function(user)
        .filter(case=case)
        .select_related("service"),
        "need_form": NeedForm(),
        "assessment_card": assessment_selectors.case_card(user, case),
        "task_form": TaskForm(workers=workers),
        "can_write": access.can_write(user),
        "can_assign": access.can_assign(user),
        "can_delete": access.can_delete_records(user),
        "motivator": motivator_selectors.case_card(user, case),
    }
    context.update(forms or {})
    return render(request, "cases/case_detail.html", context, status=status)


def _run(request, case, form_name, form, action):
    """Validate `form`, run `action(cleaned_data)`, and answer like every case action."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ConflictError as e:
            messages.error(request, str(e))
            return redirect("case_detail", pk=case.pk)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            return redirect("case_detail", pk=case.pk)
    return case_detail(request, case.pk, forms={form_name: form}, status=422)


@login_required
@require_POST
def case_edit(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)

    def act(d):
        services.case_update(
            actor=request.user,
            case=case,
            expected_version=d["version"],
            presenting_problem=d["presenting_problem"],
            risk_level=d["risk_level"],
        )
        messages.success(request, _("Kasus disimpan."))

    return _run(request, case, "edit_form", CaseEditForm(request.POST), act)


@login_required
@require_POST
def case_stage(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)

    def act(d):
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

    return _run(request, case, "stage_form", StageForm(request.POST), act)


@login_required
@require_POST
def case_assign(request, pk):
    case = case_or_404(request.user, pk)
    access.require_assign(request.user)

    def act(d):
        services.case_assign(
            actor=request.user, case=case, worker=d["worker"], expected_version=d["version"]
        )
        messages.success(request, _("Kasus ditugaskan ke %(name)s.") % {"name": d["worker"]})

    form = AssignForm(request.POST, workers=access.assignable_workers(request.user))
    return _run(request, case, "assign_form", form, act)


@login_required
@require_POST
def case_close(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)

    def act(d):
        services.case_close(
            actor=request.user,
            case=case,
            reason=d["reason"],
            note=d["note"],
            expected_version=d["version"],
        )
        messages.success(request, _("Kasus ditutup."))

    return _run(request, case, "close_form", CloseForm(request.POST), act)


@login_required
@require_POST
def case_reopen(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)

    def act(d):
        services.case_reopen(
            actor=request.user, case=case, reason=d["reason"], expected_version=d["version"]
        )
        messages.success(request, _("Kasus dibuka kembali."))

    return _run(request, case, "reopen_form", ReopenForm(request.POST), act)


@login_required
@require_POST
def case_delete(request, pk):
    case = case_or_404(request.user, pk)
    services.case_delete(actor=request.user, case=case)
    messages.success(request, _("Kasus %(number)s dihapus.") % {"number": case.number})
    return redirect("case_list")


@login_required
@require_POST
def note_add(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)

    def act(d):
        d = {k: v for k, v in d.items() if k != "version"}
        services.note_add(actor=request.user, case=case, data=d)
        messages.success(request, _("Catatan ditambahkan."))

    return _run(request, case, "note_form", NoteForm(request.POST), act)


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
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.note_edit(
                actor=request.user,
                note=note,
                data=data,
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ConflictError as e:
            form.add_error(None, str(e))
            status = 409
        except ValidationError as e:
            add_service_errors(form, e)
        else:
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


@login_required
@require_POST
def task_add(request, pk):
    case = case_or_404(request.user, pk)
    access.require_write(request.user)

    def act(d):
        services.task_add(
            actor=request.user,
            case=case,
            title=d["title"],
            due_date=d["due_date"],
            assignee=d.get("assignee"),
        )
        messages.success(request, _("Tindak lanjut ditambahkan."))

    form = TaskForm(request.POST, workers=access.assignable_workers(request.user))
    return _run(request, case, "task_form", form, act)


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
