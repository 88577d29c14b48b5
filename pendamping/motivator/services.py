"""Every write of the motivator. Each appends its CaseEvent to the case timeline.

Event summaries are short and hold no long free text: the goal statement or the
step (cut to ~100 characters) and numbers, never a review note, a check-in answer
or what happened in a step.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.models import Case
from pendamping.cases.services import event_append, require_open
from pendamping.concurrency import save_versioned

from . import events, gas
from .models import LEVEL_FIELDS, MAX_WEIGHT, ActionStep, CheckIn, Goal, GoalReview

GOAL_FIELDS = ("statement", *LEVEL_FIELDS.values(), "weight", "baseline_level", "target_date")
SCALE_FIELDS = ("intention", "determination", "spirit", "importance", "confidence")


def _short(text: str, limit: int = 100) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clean_goal(data: dict) -> dict:
    """Validate a whole goal (every field present); answer the cleaned values."""
    clean = {}
    errors = {}
    for field in ("statement", *LEVEL_FIELDS.values()):
        value = (data.get(field) or "").strip()
        if not value:
            errors[field] = (
                _("Tuliskan tujuannya.")
                if field == "statement"
                else _("Jelaskan seperti apa level ini untuk klien.")
            )
        elif len(value) > 300:
            errors[field] = _("Paling banyak 300 karakter.")
        clean[field] = value
    try:
        weight = None if isinstance(data.get("weight"), bool) else float(data.get("weight"))
    except (TypeError, ValueError):
        weight = None
    if weight is None or not 0 < weight <= MAX_WEIGHT:
        errors["weight"] = _("Bobot harus lebih dari 0 dan paling besar %(max)s.") % {
            "max": int(MAX_WEIGHT)
        }
    else:
        clean["weight"] = weight
    if data.get("baseline_level") not in gas.LEVELS:
        errors["baseline_level"] = _("Level awal harus antara −2 dan +2.")
    else:
        clean["baseline_level"] = int(data["baseline_level"])
    if not isinstance(data.get("target_date"), date):
        errors["target_date"] = _("Isi target tanggal.")
    else:
        clean["target_date"] = data["target_date"]
    if errors:
        raise ValidationError(errors)
    return clean


def case_t_score(case: Case) -> float | None:
    """The T-score of the case's goals at their current levels (None without goals)."""
    from .selectors import with_current_level

    goals = list(with_current_level(Goal.objects.alive().filter(case=case)))
    if not goals:
        return None
    return gas.t_score([g.current_level for g in goals], [g.weight for g in goals])


@transaction.atomic
def goal_add(*, actor, case: Case, data: dict) -> Goal:
    access.require_write(actor)
    require_open(case)
    goal = Goal.objects.create(case=case, created_by=actor, **_clean_goal(data))
    event_append(
        case,
        events.GOAL_ADDED,
        actor,
        goal=goal.pk,
        summary=_short(goal.statement),
    )
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, data: dict, expected_version: int | None) -> Goal:
    access.require_write(actor)
    require_open(goal.case)
    current = {f: getattr(goal, f) for f in GOAL_FIELDS}
    clean = _clean_goal(current | {k: v for k, v in data.items() if k in GOAL_FIELDS})
    changes = {k: v for k, v in clean.items() if v != current[k]}
    save_versioned(goal, expected_version, **changes)
    if changes:
        event_append(
            goal.case,
            events.GOAL_UPDATED,
            actor,
            goal=goal.pk,
            fields=sorted(changes),
            summary=_short(goal.statement),
        )
    return goal


@transaction.atomic
def goal_delete(*, actor, goal: Goal) -> None:
    """Soft-delete a goal entered by mistake: it leaves every list and the T-score.

    Only supervisors and admins: removing a goal changes the client's outcome score.
    """
    access.require_delete(actor)
    require_open(goal.case)
    save_versioned(goal, goal.version, deleted_at=timezone.now())
    event_append(
        goal.case,
        events.GOAL_UPDATED,
        actor,
        goal=goal.pk,
        deleted=True,
        goal_text=_short(goal.statement),
    )


@transaction.atomic
def goal_review(
    *, actor, goal: Goal, level: int, reviewed_on: date | None = None, note: str = ""
) -> GoalReview:
    """Record the level the goal attained; it becomes the goal's current level."""
    access.require_write(actor)
    require_open(goal.case)
    if goal.deleted_at is not None:
        raise ValidationError(_("Tujuan ini sudah dihapus."))
    if isinstance(level, bool) or level not in gas.LEVELS:
        raise ValidationError({"level": _("Level harus antara −2 dan +2.")})
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("Tanggal penilaian tidak boleh di masa depan.")})
    review = GoalReview.objects.create(
        goal=goal,
        level=level,
        reviewed_on=reviewed_on,
        note=(note or "").strip(),
        reviewer=actor,
    )
    t = case_t_score(goal.case)
    event_append(
        goal.case,
        events.GOAL_REVIEWED,
        actor,
        goal=goal.pk,
        review=review.pk,
        level=level,
        t_score=round(t, 1),
        goal_text=_short(goal.statement, 60),
    )
    return review


@transaction.atomic
def checkin_add(
    *,
    actor,
    case: Case,
    intention: int,
    determination: int,
    spirit: int,
    importance: int,
    confidence: int,
    why_not_lower: str = "",
    note: str = "",
    checked_on: date | None = None,
) -> CheckIn:
    access.require_write(actor)
    require_open(case)
    values = {
        "intention": intention,
        "determination": determination,
        "spirit": spirit,
        "importance": importance,
        "confidence": confidence,
    }
    errors = {
        field: _("Isi angka 0 sampai 10.")
        for field, v in values.items()
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 10
    }
    checked_on = checked_on or timezone.localdate()
    if checked_on > timezone.localdate():
        errors["checked_on"] = _("Tanggal tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    checkin = CheckIn.objects.create(
        case=case,
        checked_on=checked_on,
        why_not_lower=(why_not_lower or "").strip(),
        note=(note or "").strip(),
        recorded_by=actor,
        **values,
    )
    event_append(
        case,
        events.CHECKIN_ADDED,
        actor,
        checkin=checkin.pk,
        **values,
    )
    return checkin


@transaction.atomic
def action_step_add(
    *,
    actor,
    case: Case,
    step: str,
    risk: str = "",
    goal: Goal | None = None,
    planned_for: date | None = None,
) -> ActionStep:
    access.require_write(actor)
    require_open(case)
    step = (step or "").strip()
    if not step:
        raise ValidationError({"step": _("Tuliskan langkah yang akan diambil klien.")})
    if len(step) > 300:
        raise ValidationError({"step": _("Paling banyak 300 karakter.")})
    if goal is not None and (goal.case_id != case.pk or goal.deleted_at is not None):
        raise ValidationError({"goal": _("Tujuan ini bukan milik kasus ini.")})
    action = ActionStep.objects.create(
        case=case,
        goal=goal,
        step=step,
        risk=(risk or "").strip(),
        planned_for=planned_for,
        created_by=actor,
    )
    event_append(case, events.ACTION_STEP_ADDED, actor, step=action.pk, summary=_short(action.step))
    return action


@transaction.atomic
def action_step_record_outcome(
    *,
    actor,
    step: ActionStep,
    outcome: str,
    expected_version: int | None,
    done_on: date | None = None,
    is_breakthrough: bool = False,
) -> ActionStep:
    """Record what happened when the client took the step; maybe a breakthrough.

    Recording again corrects the outcome (a new version, a new timeline entry).
    """
    access.require_write(actor)
    require_open(step.case)
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Tuliskan apa yang terjadi.")})
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Tanggal tidak boleh di masa depan.")})
    save_versioned(
        step,
        expected_version,
        outcome=outcome,
        done_on=done_on,
        is_breakthrough=bool(is_breakthrough),
        outcome_recorded_at=timezone.now(),
    )
    event_append(
        step.case,
        events.BREAKTHROUGH if is_breakthrough else events.ACTION_STEP_DONE,
        actor,
        step=step.pk,
        breakthrough=bool(is_breakthrough),
        summary=_short(step.step),
    )
    return step
