"""Goal Attainment Scaling (GLOSSARY.md: Goal Attainment Scaling).

Each goal is scored on five levels, −2 (much less than expected) to +2 (much more
than expected), 0 being the expected outcome. Over a client's goals the summary
T-score is

    T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²)

with xᵢ the attained level of goal i, wᵢ its weight and ρ the assumed correlation
between goal scores (0.3, Kiresuk and Sherman). All goals at 0 gives exactly 50.

Pure functions only: no database, so the arithmetic is tested by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

LEVELS = (-2, -1, 0, 1, 2)
RHO = 0.3


def t_score(
    levels: Sequence[int], weights: Sequence[float] | None = None, rho: float = RHO
) -> float:
    """The GAS T-score of goals at `levels` (−2..2) with `weights` (default all 1).

    Raises ValueError for no goals, a level outside −2..2 (or not a whole number),
    a weight that is not a positive finite number, lengths that differ, or a ρ
    outside 0..1.
    """
    levels = list(levels)
    if not levels:
        raise ValueError("t_score needs at least one goal.")
    for x in levels:
        if isinstance(x, bool) or not isinstance(x, int) or x not in LEVELS:
            raise ValueError(f"A GAS level must be a whole number from -2 to 2, not {x!r}.")
    weights = [1.0] * len(levels) if weights is None else list(weights)
    if len(weights) != len(levels):
        raise ValueError(
            f"t_score needs one weight per goal: {len(levels)} levels, {len(weights)} weights."
        )
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w <= 0:
            raise ValueError(f"A goal weight must be a positive number, not {w!r}.")
    if isinstance(rho, bool) or not isinstance(rho, int | float) or not 0 <= rho <= 1:
        raise ValueError(f"rho must be a number from 0 to 1, not {rho!r}.")
    weighted = sum(w * x for w, x in zip(weights, levels, strict=True))
    sum_w = sum(weights)
    sum_w2 = sum(w * w for w in weights)
    return 50 + 10 * weighted / math.sqrt((1 - rho) * sum_w2 + rho * sum_w * sum_w)


def level_at(baseline: int, reviews: Sequence[tuple[date, int]], on: date | None) -> int:
    """A goal's level on a day: its latest review on or before `on`, else its baseline.

    `reviews` are (reviewed_on, level) in the order they were recorded (oldest
    first); the last one of a day wins. `on=None` means "now" (every review).
    """
    level = baseline
    for reviewed_on, reviewed_level in reviews:
        if on is None or reviewed_on <= on:
            level = reviewed_level
    return level


def score_over_time(goals: Sequence[tuple]) -> list[tuple[date | None, float]]:
    """The T-score at baseline and after each review date.

    `goals` are (baseline level, weight, reviews[, since]) for every current goal of
    a client; `since` (a date, optional) is when the goal was set. The first point
    (date None) puts the goals set by the first review at their baseline; then one
    point per review date, and per later goal-setting date, each over the goals set
    by that day, at their latest review on or before it (or their baseline). So a
    goal added later does not rewrite the earlier points.
    """
    if not goals:
        return []
    rows = [(g[0], g[1], g[2], g[3] if len(g) > 3 else None) for g in goals]
    review_days = sorted({d for _b, _w, reviews, _s in rows for d, _x in reviews})
    start = review_days[0] if review_days else None

    def at(day: date | None) -> float | None:
        """T on `day` (None: the start) over the goals set by then."""
        cutoff = day or start
        present = [
            (b, w, r)
            for b, w, r, since in rows
            if since is None or cutoff is None or since <= cutoff
        ]
        if not present:
            return None
        levels = [b if day is None else level_at(b, r, day) for b, _w, r in present]
        return t_score(levels, [w for _b, w, _r in present])

    later_goals = {since for *_r, since in rows if since and (start is None or since > start)}
    points = [(day, at(day)) for day in [None, *sorted(set(review_days) | later_goals)]]
    return [(day, t) for day, t in points if t is not None]
