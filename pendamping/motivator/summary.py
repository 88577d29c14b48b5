"""The motivator's section of the printable case summary
(``plugins.summary_section``): each goal with its current level and the case's
T-score (``selectors.case_gas``), in two queries."""

from .selectors import case_gas


def goals(user, case) -> dict | None:
    found = case_gas(user, case)
    if not found.goals:
        return None
    return {"goals": found.goals, "t_score": found.t_score}
