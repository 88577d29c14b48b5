"""What the assessment gives other apps (``plugins.measure_source``): the band of each
case's latest Barthel Index, as a code to count and as its label in the reader's
language (the facilitator's briefing names it, where the client's consent covers
sharing with the programme's instructors), for a whole list of cases in one query."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from .models import InstrumentAdministration

BARTHEL = "barthel"


def barthel_bands(case_ids: list[int]) -> dict[int, str]:
    """The band code (``total``, ``severe``, ``moderate``, ``slight``, ``independent``)
    of each case's latest Barthel administration; cases never assessed are left out."""
    return dict(_latest(case_ids).values_list("case_id", "band"))


def _latest(case_ids):
    latest = (
        InstrumentAdministration.objects.filter(
            case_id=OuterRef("case_id"), instrument_code=BARTHEL
        )
        .order_by("-administered_on", "-id")
        .values("pk")[:1]
    )
    return InstrumentAdministration.objects.filter(
        case_id__in=case_ids, instrument_code=BARTHEL, pk=Subquery(latest)
    )


def barthel_band_labels(case_ids: list[int]) -> dict[int, str]:
    """The label of each case's latest Barthel band, in the active language."""
    return {a.case_id: a.band_label for a in _latest(case_ids).only("case_id", "band_label_id",
                                                                     "band_label_en")}  # fmt: skip
