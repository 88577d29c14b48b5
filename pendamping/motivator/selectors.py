"""Reads of the motivator. Each takes the acting user and starts from a registered scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from pendamping.accounts import access
from pendamping.cases.access import cases_for

from . import gas
from .access import action_steps_for, checkins_for, goals_for
from .models import ActionStep, Goal, GoalReview


def with_current_level(qs: QuerySet) -> QuerySet:
    """Annotate each goal with its latest review's level and day (one query, no N+1)."""
    latest = GoalReview.objects.filter(goal_id=OuterRef("pk")).order_by("-reviewed_on", "-id")
    return qs.annotate(
        latest_level=Subquery(latest.values("level")[:1]),
        last_reviewed_on=Subquery(latest.values("reviewed_on")[:1]),
    )


def goal(user, pk) -> Goal:
    return access.get_or_404(
        with_current_level(goals_for(user)).select_related("case", "case__client"), pk=pk
    )


def action_step(user, pk) -> ActionStep:
    return access.get_or_404(action_steps_for(user).select_related("case", "case__client"), pk=pk)


def case_goals(user, case) -> list[Goal]:
    """The case's goals, oldest first, with their current level and every review."""
    reviews = GoalReview.objects.select_related("reviewer").order_by("reviewed_on", "id")
    return list(
        with_current_level(goals_for(user).filter(case=case))
        .order_by("created_at", "id")
        .prefetch_related(Prefetch("reviews", queryset=reviews))
    )


def case_action_steps(user, case) -> QuerySet:
    return (
        action_steps_for(user)
        .filter(case=case)
        .select_related("goal", "created_by")
        .order_by("-created_at", "-id")
    )


def case_checkins(user, case) -> QuerySet:
    """The case's check-ins, newest first."""
    return (
        checkins_for(user)
        .filter(case=case)
        .select_related("recorded_by")
        .order_by("-checked_on", "-id")
    )


@dataclass
class CaseGas:
    goals: list[Goal]
    t_score: float | None
    history: list[tuple[date | None, float]]  # (None = baseline, then review days)


def case_gas(user, case, goals: list[Goal] | None = None) -> CaseGas:
    """The client's T-score now and over time (gas.score_over_time)."""
    goals = case_goals(user, case) if goals is None else goals
    if not goals:
        return CaseGas(goals=[], t_score=None, history=[])
    t = gas.t_score([g.current_level for g in goals], [g.weight for g in goals])
    history = gas.score_over_time(
        [
            (
                g.baseline_level,
                g.weight,
                [(r.reviewed_on, r.level) for r in g.reviews.all()],
                # set on the day it was recorded, or earlier when reviewed before that
                min(
                    [timezone.localtime(g.created_at).date()]
                    + [r.reviewed_on for r in g.reviews.all()]
                ),
            )
            for g in goals
        ]
    )
    return CaseGas(goals=goals, t_score=t, history=history)


# ---- caseload distribution ------------------------------------------------------------

# Half-open ranges [low, high) of the T-score; 50 is the expected outcome.
BINS: list[tuple[float | None, float | None]] = [
    (None, 30),
    (30, 40),
    (40, 50),
    (50, 60),
    (60, 70),
    (70, None),
]


def bin_label(low, high) -> str:
    if low is None:
        return f"< {high}"
    if high is None:
        return f"≥ {low}"
    return f"{low} – < {high}"


def bin_of(t: float) -> int:
    for i, (low, high) in enumerate(BINS):
        if (low is None or t >= low) and (high is None or t < high):
            return i
    raise AssertionError("the bins cover every number")


@dataclass
class Distribution:
    scores: list[tuple[int, float, int]] = field(default_factory=list)  # (case id, T, goals)
    counts: list[tuple[str, int]] = field(default_factory=list)  # (bin label, cases)
    open_cases: int = 0

    @property
    def cases(self) -> int:
        return len(self.scores)

    @property
    def without_goals(self) -> int:
        return self.open_cases - self.cases

    @property
    def mean(self) -> float | None:
        return sum(t for _c, t, _n in self.scores) / len(self.scores) if self.scores else None

    @property
    def median(self) -> float | None:
        ts = sorted(t for _c, t, _n in self.scores)
        if not ts:
            return None
        mid = len(ts) // 2
        return ts[mid] if len(ts) % 2 else (ts[mid - 1] + ts[mid]) / 2

    @property
    def at_or_above_expected(self) -> int:
        return sum(1 for _c, t, _n in self.scores if t >= 50)


def t_scores_by_case(goals: QuerySet) -> dict[int, tuple[float, int]]:
    """Each case's current T-score over the given goals (a goal's latest review, or
    its baseline before any) and its number of goals, in one query."""
    rows = (
        with_current_level(goals)
        .order_by("case_id", "id")
        .values_list("case_id", "weight", "latest_level", "baseline_level")
    )
    per_case: dict[int, tuple[list[int], list[float]]] = {}
    for case_id, weight, latest, baseline in rows:
        levels, weights = per_case.setdefault(case_id, ([], []))
        levels.append(baseline if latest is None else latest)
        weights.append(weight)
    return {cid: (gas.t_score(lv, w), len(lv)) for cid, (lv, w) in per_case.items()}


def caseload_distribution(user, *, worker_id: int | None = None) -> Distribution:
    """Each open case with goals the user may see (of one worker, when given), at its
    current T-score, and how those scores spread over BINS.

    One query for every goal's weight and current level (the latest review as a
    subquery), one to count open cases: the count does not grow with the caseload.
    """
    open_cases = cases_for(user).filter(closed_at__isnull=True)
    if worker_id is not None:
        open_cases = open_cases.filter(assigned_worker_id=worker_id)
    by_case = t_scores_by_case(Goal.objects.alive().filter(case__in=open_cases))
    scores = sorted(((cid, t, n) for cid, (t, n) in by_case.items()), key=lambda s: (s[1], s[0]))
    counts = [0] * len(BINS)
    for _cid, t, _n in scores:
        counts[bin_of(t)] += 1
    return Distribution(
        scores=scores,
        counts=[(bin_label(*b), n) for b, n in zip(BINS, counts, strict=True)],
        open_cases=open_cases.count(),
    )


def cases_by_id(user, ids) -> dict:
    return cases_for(user).select_related("client", "assigned_worker").in_bulk(ids)


def case_card(user, case) -> dict:
    """What the case page shows of the motivator, in two queries."""
    rows = list(
        with_current_level(goals_for(user).filter(case=case)).values_list(
            "weight", "latest_level", "baseline_level"
        )
    )
    t = (
        gas.t_score([b if x is None else x for _w, x, b in rows], [w for w, _x, _b in rows])
        if rows
        else None
    )
    return {
        "goals": len(rows),
        "t_score": t,
        "checkin": checkins_for(user).filter(case=case).order_by("-checked_on", "-id").first(),
    }
