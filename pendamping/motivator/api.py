"""The motivator app over the API, through the registered scopes.

Goals (GAS) and their reviews, the client's T-score, motivation check-ins and
action steps. Input is validated by the same forms as the pages.
"""

import datetime as dt
from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.cases.access import case_or_404
from pendamping.pagination import Pagination
from pendamping.web import require_valid

from . import selectors, services
from .access import goal_reviews_for, goals_for
from .forms import (
    MAX_WEIGHT,
    ActionStepForm,
    CheckInForm,
    GoalForm,
    GoalReviewForm,
    OutcomeForm,
)
from .models import LEVEL_FIELDS, ActionStep, Goal, GoalReview

# What the motivator's forms enforce, stated in the schema (pendamping/schema_types.py);
# left to them: dates not in the future, all five levels of a new goal described.
Level = Literal[-2, -1, 0, 1, 2]
LevelKey = Literal["-2", "-1", "0", "1", "+1", "2", "+2"]
Description = T.of(Goal, "level_0")
Weight = Annotated[float, Field(gt=0, le=MAX_WEIGHT)]
Scale = Annotated[int, Field(ge=0, le=10)]

router = Router(tags=["motivator"])

# The keys of `descriptions`: the five levels, as strings ("+1" is read as "1").
LEVEL_KEYS = {str(level): name for level, name in LEVEL_FIELDS.items()}


class GoalOut(Schema):
    id: int
    case_id: int
    statement: str
    descriptions: dict[str, str]
    weight: float
    baseline_level: int
    current_level: int
    last_reviewed_on: date | None = None
    target_date: date
    version: int
    created_at: datetime

    @staticmethod
    def resolve_descriptions(obj):
        return {str(level): text for level, text in obj.descriptions().items()}

    @staticmethod
    def resolve_last_reviewed_on(obj):
        return getattr(obj, "last_reviewed_on", None)


class GoalIn(Schema):
    statement: T.of(Goal, "statement")
    descriptions: dict[LevelKey, Description] = Field(
        description='The five levels: keys "-2", "-1", "0", "1" (or "+1"), "2" (or "+2").'
    )
    weight: Weight = 1.0
    baseline_level: Level = -1
    target_date: date


class GoalPatch(Schema):
    version: int
    statement: T.of(Goal, "statement") | None = None
    descriptions: dict[LevelKey, Description] | None = Field(
        None, description="Only the levels to change, keyed like GoalIn.descriptions."
    )
    weight: Weight | None = None
    baseline_level: Level | None = None
    target_date: date | None = None


class GasPointOut(Schema):
    date: dt.date | None = Field(description="null for the baseline (every goal at its baseline)")
    t_score: float


class GasOut(Schema):
    t_score: float | None
    goals: list[GoalOut]
    history: list[GasPointOut] = Field(
        description="The T-score at baseline, then after each review date (oldest first)."
    )


class ReviewOut(Schema):
    id: int
    goal_id: int
    level: int
    note: str
    reviewed_on: date
    reviewer: str = Field(alias="reviewer.username")
    created_at: datetime


class ReviewIn(Schema):
    level: Level
    reviewed_on: date | None = None
    note: T.of(GoalReview, "note") = ""


class CheckInOut(Schema):
    id: int
    case_id: int
    checked_on: date
    intention: int
    determination: int
    spirit: int
    importance: int
    confidence: int
    why_not_lower: str
    note: str
    recorded_by: str = Field(alias="recorded_by.username")
    created_at: datetime


class CheckInIn(Schema):
    checked_on: date | None = None
    intention: Scale
    determination: Scale
    spirit: Scale
    importance: Scale
    confidence: Scale
    why_not_lower: T.text(2000) = ""  # CheckInForm
    note: T.text(2000) = ""


class ActionStepOut(Schema):
    id: int
    case_id: int
    goal_id: int | None
    step: str
    risk: str
    planned_for: date | None
    outcome: str
    done_on: date | None
    is_breakthrough: bool
    outcome_recorded_at: datetime | None
    version: int
    created_at: datetime


class ActionStepIn(Schema):
    step: T.of(ActionStep, "step")
    risk: T.text(2000) = ""  # ActionStepForm
    goal_id: int | None = None
    planned_for: date | None = None


class OutcomeIn(Schema):
    outcome: T.text(2000, required=True)  # OutcomeForm
    done_on: date | None = None
    is_breakthrough: bool = False
    version: int


def _goal_form_data(descriptions: dict[str, str]) -> dict:
    data = {}
    unknown = []
    for key, text in descriptions.items():
        name = LEVEL_KEYS.get(key.strip().removeprefix("+"))
        if name is None:
            unknown.append(key)
        else:
            data[name] = text
    if unknown:
        raise ValidationError(
            {"descriptions": _("Level tidak dikenal: %(keys)s.") % {"keys": ", ".join(unknown)}}
        )
    return data


def _day(value: date | None) -> str:
    return (value or timezone.localdate()).isoformat()


@router.get("/cases/{int:case_id}/goals", response=list[GoalOut])
def list_goals(request, case_id: int):
    """The case's goals, oldest first, each with its current level."""
    case = case_or_404(request.user, case_id)
    return selectors.with_current_level(goals_for(request.user).filter(case=case)).order_by(
        "created_at", "id"
    )


@router.post("/cases/{int:case_id}/goals", response={201: GoalOut})
def add_goal(request, case_id: int, payload: GoalIn):
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    form = GoalForm(
        _goal_form_data(payload.descriptions)
        | {
            "statement": payload.statement,
            "weight": payload.weight,
            "baseline_level": payload.baseline_level,
            "target_date": payload.target_date.isoformat(),
        }
    )
    require_valid(form)
    goal = services.goal_add(actor=request.user, case=case, data=form.data_for_service())
    return Status(201, selectors.goal(request.user, goal.pk))


@router.get("/goals/{int:goal_id}", response=GoalOut)
def get_goal(request, goal_id: int):
    return selectors.goal(request.user, goal_id)


@router.patch("/goals/{int:goal_id}", response=GoalOut)
def update_goal(request, goal_id: int, payload: GoalPatch):
    goal = selectors.goal(request.user, goal_id)
    changes = payload.dict(exclude_unset=True, exclude={"version", "descriptions"})
    changes = {k: v for k, v in changes.items() if v is not None}
    if "target_date" in changes:
        changes["target_date"] = changes["target_date"].isoformat()
    current = GoalForm.initial_for(goal)
    current["target_date"] = goal.target_date.isoformat()
    form = GoalForm(current | _goal_form_data(payload.descriptions or {}) | changes)
    require_valid(form)
    services.goal_update(
        actor=request.user,
        goal=goal,
        data=form.data_for_service(),
        expected_version=payload.version,
    )
    return selectors.goal(request.user, goal.pk)


@router.delete("/goals/{int:goal_id}", response={204: None})
def delete_goal(request, goal_id: int):
    """Soft-delete a goal entered by mistake (supervisors and admins)."""
    services.goal_delete(actor=request.user, goal=selectors.goal(request.user, goal_id))
    return Status(204, None)


@router.get("/goals/{int:goal_id}/reviews", response=list[ReviewOut])
@paginate(Pagination)
def list_reviews(request, goal_id: int):
    """The goal's reviews, oldest first; the last one is the goal's current level."""
    goal = selectors.goal(request.user, goal_id)
    return (
        goal_reviews_for(request.user)
        .filter(goal=goal)
        .select_related("reviewer")
        .order_by("reviewed_on", "id")
    )


@router.post("/goals/{int:goal_id}/reviews", response={201: ReviewOut})
def add_review(request, goal_id: int, payload: ReviewIn):
    goal = selectors.goal(request.user, goal_id)
    access.require_write(request.user)
    form = GoalReviewForm(
        {"level": payload.level, "reviewed_on": _day(payload.reviewed_on), "note": payload.note}
    )
    require_valid(form)
    return Status(201, services.goal_review(actor=request.user, goal=goal, **form.cleaned_data))


@router.get("/cases/{int:case_id}/gas", response=GasOut)
def case_gas(request, case_id: int):
    """The client's GAS T-score now (null without goals), the goals, and the T-score over time."""
    summary = selectors.case_gas(request.user, case_or_404(request.user, case_id))
    return {
        "t_score": summary.t_score,
        "goals": summary.goals,
        "history": [{"date": d, "t_score": t} for d, t in summary.history],
    }


@router.get("/cases/{int:case_id}/checkins", response=list[CheckInOut])
@paginate(Pagination)
def list_checkins(request, case_id: int):
    """Motivation check-ins, newest first."""
    return selectors.case_checkins(request.user, case_or_404(request.user, case_id))


@router.post("/cases/{int:case_id}/checkins", response={201: CheckInOut})
def add_checkin(request, case_id: int, payload: CheckInIn):
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    form = require_valid(CheckInForm(payload.dict() | {"checked_on": _day(payload.checked_on)}))
    return Status(201, services.checkin_add(actor=request.user, case=case, **form.cleaned_data))


@router.get("/cases/{int:case_id}/action-steps", response=list[ActionStepOut])
@paginate(Pagination)
def list_action_steps(request, case_id: int):
    """Action steps, newest first."""
    return selectors.case_action_steps(request.user, case_or_404(request.user, case_id))


@router.post("/cases/{int:case_id}/action-steps", response={201: ActionStepOut})
def add_action_step(request, case_id: int, payload: ActionStepIn):
    case = case_or_404(request.user, case_id)
    access.require_write(request.user)
    goals = goals_for(request.user).filter(case=case)
    data = payload.dict(exclude={"goal_id"}) | {"goal": payload.goal_id or ""}
    data["planned_for"] = payload.planned_for.isoformat() if payload.planned_for else ""
    form = require_valid(ActionStepForm(data, goals=goals))
    return Status(201, services.action_step_add(actor=request.user, case=case, **form.cleaned_data))


@router.post("/action-steps/{int:step_id}/outcome", response=ActionStepOut)
def record_outcome(request, step_id: int, payload: OutcomeIn):
    """Record what happened; `is_breakthrough` marks the step a breakthrough."""
    step = selectors.action_step(request.user, step_id)
    access.require_write(request.user)
    form = OutcomeForm(payload.dict() | {"done_on": _day(payload.done_on)})
    require_valid(form)
    d = form.cleaned_data
    return services.action_step_record_outcome(
        actor=request.user,
        step=step,
        outcome=d["outcome"],
        done_on=d["done_on"],
        is_breakthrough=d["is_breakthrough"],
        expected_version=d["version"],
    )
