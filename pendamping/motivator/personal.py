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


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_goals(client, erasure) -> None:
    """Goals keep their weights, levels and reviews' levels (T-scores stay); the words
    of the goal, its five level descriptions and every review note go."""
    from pendamping.erasure import blank, redact

    blank(Goal._base_manager.filter(case__client_id=client.pk), "statement", "level_minus_2",
          "level_minus_1", "level_0", "level_plus_1", "level_plus_2")  # fmt: skip
    redact(GoalReview.objects.filter(goal__case__client_id=client.pk), "note")


def erase_checkins(client, erasure) -> None:
    from pendamping.erasure import redact

    redact(CheckIn.objects.filter(case__client_id=client.pk), *CheckIn.REDACTABLE)


def erase_action_steps(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(ActionStep._base_manager.filter(case__client_id=client.pk), "step", "risk", "outcome")
