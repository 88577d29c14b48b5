"""The assessment's section of the printable case summary
(``plugins.summary_section``): the latest assessment's conclusion and the latest
score of each instrument given, in two queries."""

from . import instruments
from .access import assessments_for
from .selectors import case_administrations


def latest(user, case) -> dict | None:
    assessment = assessments_for(user).filter(case=case).select_related("created_by").first()
    defined = instruments.load_all()
    scores, seen = [], set()
    for a in case_administrations(user, case)[:50]:
        if a.instrument_code in seen:
            continue
        seen.add(a.instrument_code)
        a.instrument = defined.get(a.instrument_code)
        scores.append(a)
    if assessment is None and not scores:
        return None
    return {"assessment": assessment, "scores": scores}
