"""What the motivator gives other apps to count (``plugins.measure_source``): each
case's current GAS T-score, for a whole list of cases in one query."""

from __future__ import annotations

from .models import Goal
from .selectors import t_scores_by_case


def gas_t_scores(case_ids: list[int]) -> dict[int, float]:
    """The current GAS T-score of each case with goals, as on the case page; cases
    without goals are left out."""
    by_case = t_scores_by_case(Goal.objects.alive().filter(case_id__in=case_ids))
    return {cid: t for cid, (t, _n) in by_case.items()}
