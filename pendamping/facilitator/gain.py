"""Knowledge, attitude and skill gains (GLOSSARY.md: Programme measures).

Hake's normalised gain g = (post − pre) / (maximum − pre): the share of what could
still be learnt that was learnt. None when the pre score is already the maximum
(nothing left to gain); negative when the score fell. A group's gain is the gain of
its averages, (mean post − mean pre) / (maximum − mean pre).
"""

from __future__ import annotations

from collections.abc import Sequence

LOW = "low"
MEDIUM = "medium"
HIGH = "high"
MEDIUM_FROM = 0.3
HIGH_FROM = 0.7


def normalized_gain(pre: float, post: float, maximum: float) -> float | None:
    if pre == maximum:
        return None
    return (post - pre) / (maximum - pre)


def average_normalized_gain(
    pres: Sequence[float], posts: Sequence[float], maximum: float
) -> float | None:
    """Hake's gain of the class averages; None without scores."""
    if not pres or not posts:
        return None
    return normalized_gain(sum(pres) / len(pres), sum(posts) / len(posts), maximum)


def band(g: float | None) -> str | None:
    """low below 0.3, medium 0.3 to below 0.7, high 0.7 and above."""
    if g is None:
        return None
    if g >= HIGH_FROM:
        return HIGH
    if g >= MEDIUM_FROM:
        return MEDIUM
    return LOW
