"""The forms of the case page's actions, rendered only when someone opens one.

The case page shows each action the user may take (change the summary, move the
stage, assign, close, reopen, write a note, add a task) as a disclosure whose form
comes from ``/cases/<pk>/forms/<key>/``: htmx puts it in place when the disclosure is
opened, and without JavaScript its link opens the same form on a page of its own.
A form comes back on the case page itself only with its errors (``case_detail``'s
``forms``), open. Rendering the seven forms nobody opened was most of the page's time
(issue 18).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect

from pendamping.accounts import access
from pendamping.web import template_for

from .forms import AssignForm, CaseEditForm, CloseForm, NoteForm, ReopenForm, StageForm, TaskForm
from .models import Stage


def stage_form(case, data=None) -> StageForm:
    """The stage form offering only the moves the case allows: back to an earlier stage
    or on to the next (also when it shows a refused move again)."""
    next_stage = case.next_stage()
    form = StageForm(data, initial={"version": case.version, "to_stage": next_stage or case.stage})
    form.fields["to_stage"].choices = case.earlier_stages() + (
        [(next_stage, Stage(next_stage).label)] if next_stage else []
    )
    return form


def _version(case) -> dict:
    return {"version": case.version}


@dataclass(frozen=True)
class CaseAction:
    """One action of the case page: its disclosure's label, the URL its form posts to,
    who may take it (``allowed(user)``, ``require(user)`` raising PermissionDenied) and
    when (``applies(case)``), and ``make(user, case, data)``, its form (unbound when
    ``data`` is None)."""

    key: str
    label: Any
    submit: Any
    url_name: str
    make: Callable[[Any, Any, Any], Form]
    applies: Callable[[Any], bool] = lambda case: True
    allowed: Callable[[Any], bool] = access.can_write
    require: Callable[[Any], None] = access.require_write
    card: str = "summary"  # the case page's card that offers it: summary, tasks, notes
    form_id: str = ""
    hint: Any = ""
    primary: bool = False


def _open(case) -> bool:
    return case.is_open


ACTIONS = {
    a.key: a
    for a in (
        CaseAction(
            key="edit", label=_("Ubah ringkasan"), submit=_("Simpan"), url_name="case_edit",
            make=lambda user, case, data: CaseEditForm(data, initial=_version(case) | {
                "presenting_problem": case.presenting_problem, "risk_level": case.risk_level}),
        ),
        CaseAction(
            key="stage", label=_("Pindahkan tahap"), submit=_("Pindahkan tahap"),
            url_name="case_stage", make=lambda user, case, data: stage_form(case, data),
            applies=_open, form_id="stage-form",
            hint=_("Maju satu tahap; mundur memerlukan alasan."),
        ),
        CaseAction(
            key="assign", label=_("Tugaskan"), submit=_("Tugaskan"), url_name="case_assign",
            make=lambda user, case, data: AssignForm(
                data, workers=access.assignable_workers(user),
                initial=_version(case) | {"worker": case.assigned_worker_id}),
            allowed=access.can_assign, require=access.require_assign,
        ),
        CaseAction(
            key="close", label=_("Tutup kasus"), submit=_("Tutup kasus"), url_name="case_close",
            make=lambda user, case, data: CloseForm(data, initial=_version(case)), applies=_open,
        ),
        CaseAction(
            key="reopen", label=_("Buka kembali"), submit=_("Buka kembali"),
            url_name="case_reopen",
            make=lambda user, case, data: ReopenForm(data, initial=_version(case)),
            applies=lambda case: not case.is_open,
        ),
        CaseAction(
            key="task", label=_("Tambah tindak lanjut"), submit=_("Tambah tindak lanjut"),
            url_name="task_add",
            make=lambda user, case, data: TaskForm(
                data, workers=access.assignable_workers(user),
                initial={"assignee": case.assigned_worker_id}),
            applies=_open, card="tasks",
        ),
        CaseAction(
            key="note", label=_("Tulis catatan"), submit=_("Simpan catatan"), url_name="note_add",
            make=lambda user, case, data: NoteForm(data), applies=_open, card="notes", form_id="note-form",
            primary=True,
        ),
    )
}  # fmt: skip


def offer(action: CaseAction, case, url: str, form: Form | None = None) -> dict:
    """What the disclosure of `action` shows (cases/case_form.html#disclosure): its
    label, and `url`, where its form is, or `form` itself (open, with its errors)."""
    return {"action": action, "form": form, "url": url}


def offered(user, case, errors: dict[str, Form] | None = None) -> dict[str, dict]:
    """The actions `user` may take on `case` now, by key: each with its form only when
    it comes back with errors (`errors`: key -> bound form)."""
    errors = errors or {}
    return {
        key: offer(a, case, reverse("case_form", args=[case.pk, key]), errors.get(key))
        for key, a in ACTIONS.items()
        if a.applies(case) and a.allowed(user)
    }


def form_page(request, case, action: CaseAction):
    """The answer of an action's form URL: its form alone, the fragment htmx puts in
    the case page when the disclosure opens, or a page of its own without JavaScript.
    The form posts to the action's own URL. Refused as the action itself is; back to
    the case page when the case has changed so that the action no longer applies."""
    action.require(request.user)
    if not action.applies(case):
        messages.info(request, _("Tindakan ini tidak tersedia lagi untuk kasus ini."))
        if request.htmx:
            return HttpResponseClientRedirect(reverse("case_detail", args=[case.pk]))
        return redirect("case_detail", pk=case.pk)
    context = {"case": case, "a": offer(action, case, "", action.make(request.user, case, None))}
    return render(request, template_for(request, "cases/case_form.html", "form"), context)
