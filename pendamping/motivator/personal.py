"""The personal data the motivator holds about a client (plugins.personal_data):
goals with their reviews, motivation check-ins and action steps."""

from .models import ActionStep, CheckIn, Goal, GoalReview


def goals(client) -> list[dict]:
    rows = list(
        Goal.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "statement", "level_minus_2", "level_minus_1", "level_0",
                "level_plus_1", "level_plus_2", "weight", "baseline_level", "target_date",
                "deleted_at")
    )  # fmt: skip
    reviews: dict[int, list] = {}
    for r in (
        GoalReview.objects.filter(goal__case__client=client)
        .order_by("reviewed_on", "pk")
        .values("goal_id", "level", "note", "reviewed_on")
    ):
        reviews.setdefault(r.pop("goal_id"), []).append(r)
    for g in rows:
        g["reviews"] = reviews.get(g["id"], [])
    return rows


def checkins(client) -> list[dict]:
    return list(
        CheckIn.objects.filter(case__client=client)
        .order_by("checked_on", "pk")
        .values("id", "case_id", "checked_on", "intention", "determination", "spirit",
                "importance", "confidence", "why_not_lower", "note")
    )  # fmt: skip


def action_steps(client) -> list[dict]:
    return list(
        ActionStep.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "goal_id", "step", "risk", "planned_for", "outcome", "done_on",
                "is_breakthrough")
    )  # fmt: skip
