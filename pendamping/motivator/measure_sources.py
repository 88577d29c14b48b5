"""What the motivator gives other apps to count (``plugins.measure_source``): each
case's current GAS T-score, for a whole list of cases in one query."""

from __future__ import annotations

from . import gas
from .models import Goal
from .selectors import with_current_level


def gas_t_scores(case_ids: list[int]) -> dict[int, float]:
    """The current GAS T-score of each case with goals (a goal's latest review, or its
    baseline before any review), as on the case page; cases without goals are left out."""
    rows = (
        with_current_level(Goal.objects.alive().filter(case_id__in=case_ids))
        .order_by("case_id", "id")
        .values_list("case_id", "weight", "latest_level", "baseline_level")
    )
    per_case: dict[int, tuple[list[int], list[float]]] = {}
    for case_id, weight, latest, baseline in rows:
        levels, weights = per_case.setdefault(case_id, ([], []))
        levels.append(baseline if latest is None else latest)
        weights.append(weight)
    return {cid: gas.t_score(levels, weights) for cid, (levels, weights) in per_case.items()}
