"""What the assessment gives other apps to count (``plugins.measure_source``): the
band of each case's latest Barthel Index, for a whole list of cases in one query."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from .models import InstrumentAdministration

BARTHEL = "barthel"


def barthel_bands(case_ids: list[int]) -> dict[int, str]:
    """The band code (``total``, ``severe``, ``moderate``, ``slight``, ``independent``)
    of each case's latest Barthel administration; cases never assessed are left out."""
    latest = (
        InstrumentAdministration.objects.filter(
            case_id=OuterRef("case_id"), instrument_code=BARTHEL
        )
        .order_by("-administered_on", "-id")
        .values("pk")[:1]
    )
    rows = InstrumentAdministration.objects.filter(
        case_id__in=case_ids, instrument_code=BARTHEL, pk=Subquery(latest)
    ).values_list("case_id", "band")
    return dict(rows)
