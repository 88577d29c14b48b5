"""The motivator's scopes: goals and their reviews, check-ins, action steps.

Each follows its case (``with_visible_case``); a goal's reviews follow the goal.
Each is registered with the rule it implements (``manage.py access_report``).
"""

from __future__ import annotations

from django.db.models import QuerySet

from pendamping import plugins
from pendamping.cases.access import with_visible_case

from .models import ActionStep, CheckIn, Goal, GoalReview


@plugins.scope("motivator.Goal", rule="Live goals of the cases the user may see.")
def goals_for(user) -> QuerySet:
    return with_visible_case(user, Goal.objects.alive())


@plugins.scope("motivator.GoalReview", rule="Reviews of the goals the user may see.")
def goal_reviews_for(user) -> QuerySet:
    return GoalReview.objects.filter(goal__in=goals_for(user))


@plugins.scope("motivator.CheckIn", rule="Motivation check-ins of the cases the user may see.")
def checkins_for(user) -> QuerySet:
    return with_visible_case(user, CheckIn.objects.all())


@plugins.scope("motivator.ActionStep", rule="Action steps of the cases the user may see.")
def action_steps_for(user) -> QuerySet:
    return with_visible_case(user, ActionStep.objects.all())
