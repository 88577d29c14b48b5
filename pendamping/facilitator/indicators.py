"""Programme indicators with targets, the DHIS2 way (issue 11).

An indicator is numerator / denominator × factor, each chosen from ``MEASURES``, a
fixed menu of counts over the programme's data, for each period of the programme
(month, quarter or year; DHIS2 period ids 202611, 2026Q4, 2026). Counts of what
happens in a period (sessions held, attendance marked) are grouped by period in the
database; counts of the participants' state (compliant, completed, reaching a gain)
are the state now, shown for the current and past periods only. Every measure is one
aggregate query for all periods at once, so the achievement table costs the same
number of queries whatever the size of the programme.

The achievement is value / target; red below the indicator's ``amber_from``, amber
below ``green_from``, green from there.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pendamping import plugins
from pendamping.accounts import access
from pendamping.concurrency import save_versioned
from pendamping.text import single_line

from . import gain
from .models import (
    ATTENDED,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Indicator,
    MeasureScore,
    PeriodType,
    Programme,
    SessionStatus,
)
from .selectors import held_sessions, with_compliance

MEASURES = {
    "enrolled": gettext_lazy("Peserta terdaftar (sampai akhir periode)"),
    "sessions_held": gettext_lazy("Sesi terlaksana dalam periode"),
    "attendance_marked": gettext_lazy("Kehadiran tercatat dalam periode"),
    "attendance_present": gettext_lazy("Kehadiran hadir atau terlambat dalam periode"),
    "compliant": gettext_lazy("Peserta patuh (saat ini)"),
    "completed": gettext_lazy("Peserta selesai (saat ini)"),
    "gain_medium": gettext_lazy("Peserta dengan gain 0,3 ke atas (saat ini)"),
    "mean_gain": gettext_lazy(
        "Gain rata-rata program: (rerata pasca − rerata pra) / (1 − rerata pra) (saat ini)"
    ),
    "gas_scored": gettext_lazy("Peserta dengan tujuan GAS (saat ini)"),
    "gas_attained": gettext_lazy("Peserta mencapai tujuan GAS: skor-T 50 ke atas (saat ini)"),
    "referrals_sent": gettext_lazy("Rujukan terkirim untuk peserta (saat ini)"),
    "referrals_completed": gettext_lazy("Rujukan peserta yang selesai (saat ini)"),
    "barthel_assessed": gettext_lazy("Peserta dengan Indeks Barthel (saat ini)"),
    "barthel_needs_help": gettext_lazy(
        "Peserta yang bergantung pada bantuan: Barthel di bawah mandiri (saat ini)"
    ),
}
# Measures of another app's data, read through the registry (plugins.measure_source):
# the facilitator imports neither motivator, broker nor assessment.
FROM_SOURCES = {"gas_scored", "gas_attained", "referrals_sent", "referrals_completed",
                "barthel_assessed", "barthel_needs_help"}  # fmt: skip
STATE = {"compliant", "completed", "gain_medium", "mean_gain"} | FROM_SOURCES
# A measure with no value yet (no participant has both scores): the period shows no value.
MAY_BE_EMPTY = {"mean_gain"}
GAS_EXPECTED = 50.0  # a T-score of 50: every goal at its expected outcome
TRUNC = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}
RED, AMBER, GREEN = "red", "amber", "green"
# Every colour is shown with its words (WCAG 1.4.1: not by colour alone).
COLOUR_LABELS = {
    GREEN: gettext_lazy("Sesuai target"),
    AMBER: gettext_lazy("Mendekati target"),
    RED: gettext_lazy("Jauh di bawah target"),
}


def period_key(day: date, period_type: str) -> str:
    if period_type == PeriodType.MONTH:
        return f"{day.year}{day.month:02d}"
    if period_type == PeriodType.QUARTER:
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}"


def periods(programme: Programme, period_type: str) -> list[str]:
    out, day = [], programme.starts_on.replace(day=1)
    while day <= programme.ends_on:
        key = period_key(day, period_type)
        if key not in out:
            out.append(key)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def _by_period(qs, field: str, period_type: str) -> dict[str, int]:
    rows = (
        qs.annotate(p=TRUNC[period_type](field)).values("p").annotate(n=Count("pk"))
        .values_list("p", "n")
    )  # fmt: skip
    out: dict[str, int] = {}
    for p, n in rows:
        key = period_key(p.date() if hasattr(p, "date") else p, period_type)
        out[key] = out.get(key, 0) + n
    return out


def _gain_medium(programme: Programme) -> int:
    def total(phase, field):
        return Coalesce(
            Subquery(
                MeasureScore.objects.filter(enrolment=OuterRef("pk"), phase=phase,
                                            measure__in=programme.measures or [])
                .values("enrolment").annotate(s=Sum(field)).values("s")[:1],
                output_field=IntegerField(),
            ),
            -1,
        )  # fmt: skip

    return (
        Enrolment.objects.alive().filter(programme=programme)
        .annotate(pre=total("pre", "score"), post=total("post", "score"),
                  top=total("pre", "maximum"), top_post=total("post", "maximum"))
        .filter(pre__gte=0, post__gte=0, top=F("top_post"), top__gt=F("pre"))
        .filter(post__gte=F("pre") + (F("top") - F("pre")) * gain.MEDIUM_FROM)
        .count()
    )  # fmt: skip


def _share():
    return ExpressionWrapper(Cast("score", FloatField()) / F("maximum"), output_field=FloatField())


def _mean_gain(programme: Programme) -> float | None:
    """The programme's gain of the averages, as on its gains page (outcomes.py): over
    every participant's measure with both a pre and a post score, each score put on one
    scale (score / maximum), g = (mean post − mean pre) / (1 − mean pre). One query;
    None while no participant has both scores (or every pre score is the maximum)."""
    pre = (
        MeasureScore.objects.filter(enrolment=OuterRef("enrolment"), measure=OuterRef("measure"),
                                    phase="pre")
        .annotate(s=_share()).values("s")[:1]
    )  # fmt: skip
    got = (
        MeasureScore.objects.filter(
            phase="post", measure__in=programme.measures or [], enrolment__programme=programme,
            enrolment__deleted_at__isnull=True,
        )
        .annotate(pre=Subquery(pre, output_field=FloatField())).filter(pre__isnull=False)
        .aggregate(mean_pre=Avg("pre"), mean_post=Avg(_share()))
    )  # fmt: skip
    if got["mean_pre"] is None:
        return None
    return gain.normalized_gain(got["mean_pre"], got["mean_post"], 1.0)


def source_measures(programme: Programme) -> dict[str, float]:
    """The measures kept by other apps, over the programme's participants (everyone
    enrolled but the waiting list): one query for the cases, one per source."""
    cases = list(
        Enrolment.objects.alive().filter(programme=programme)
        .exclude(status=EnrolmentStatus.WAITLISTED).values_list("case_id", flat=True)
    )  # fmt: skip
    gas_t = plugins.measure_values("gas_t_score", cases)
    barthel = plugins.measure_values("barthel_band", cases)
    return {
        "gas_scored": len(gas_t),
        "gas_attained": sum(1 for t in gas_t.values() if t >= GAS_EXPECTED),
        "referrals_sent": sum(plugins.measure_values("referrals_sent", cases).values()),
        "referrals_completed": sum(plugins.measure_values("referrals_completed", cases).values()),
        "barthel_assessed": len(barthel),
        "barthel_needs_help": sum(1 for b in barthel.values() if b != "independent"),
    }


def measure_values(programme: Programme, period_type: str) -> dict[str, dict[str, float]]:
    """Every measure of the menu for every period of the programme (13 queries)."""
    keys = periods(programme, period_type)
    now = period_key(timezone.localdate(), period_type)
    out = {}
    joined = _by_period(
        Enrolment.objects.alive().filter(programme=programme)
        .exclude(status=EnrolmentStatus.WAITLISTED), "created_at", period_type,
    )  # fmt: skip
    running, enrolled = 0, {}
    for key in keys:
        running += joined.get(key, 0)
        enrolled[key] = running
    out["enrolled"] = enrolled
    held = held_sessions().filter(programme=programme)
    out["sessions_held"] = _by_period(held, "starts_at", period_type)
    marks = Attendance.objects.filter(
        session__programme=programme, session__deleted_at__isnull=True,
        session__status=SessionStatus.COMPLETED,
    )  # fmt: skip
    out["attendance_marked"] = _by_period(marks, "session__starts_at", period_type)
    out["attendance_present"] = _by_period(
        marks.filter(status__in=ATTENDED), "session__starts_at", period_type
    )
    compliant = (
        with_compliance(Enrolment.objects.alive().filter(programme=programme))
        .annotate(done=F("attended") + F("made_up")).filter(held__gt=0)
        .filter(done__gte=F("held") * F("programme__compliant_share")).count()
    )  # fmt: skip
    state = {
        "compliant": compliant,
        "completed": Enrolment.objects.alive()
        .filter(programme=programme, status=EnrolmentStatus.COMPLETED)
        .count(),
        "gain_medium": _gain_medium(programme),
        "mean_gain": _mean_gain(programme),
    } | source_measures(programme)
    for code, value in state.items():
        out[code] = {k: value for k in keys if k <= now}
    return {code: {k: float(v.get(k) or 0) for k in keys if (code not in STATE or k <= now)
                   and (code not in MAY_BE_EMPTY or v.get(k) is not None)}
            for code, v in out.items()}  # fmt: skip


def colour(achievement: float | None, indicator: Indicator) -> str | None:
    if achievement is None:
        return None
    if achievement >= float(indicator.green_from):
        return GREEN
    return AMBER if achievement >= float(indicator.amber_from) else RED


def achievement_table(programme: Programme) -> list[dict]:
    """Each indicator with a row per period: value, target, achievement and colour."""
    indicators = list(programme.indicators.alive())
    cache: dict[str, dict] = {}
    out = []
    for ind in indicators:
        values = cache.get(ind.period_type)
        if values is None:
            values = cache[ind.period_type] = measure_values(programme, ind.period_type)
        rows = []
        for key in periods(programme, ind.period_type):
            num = values[ind.numerator].get(key)
            den = values[ind.denominator].get(key) if ind.denominator else 1.0
            value = None
            if num is not None and den:
                value = num / den * float(ind.factor)
            target = ind.targets.get(key)
            achieved = value / float(target) if value is not None and target else None
            band = colour(achieved, ind)
            rows.append({"period": key, "value": value, "target": target, "achievement": achieved,
                         "colour": band, "colour_label": str(COLOUR_LABELS.get(band, ""))})  # fmt: skip
        out.append({"indicator": ind, "rows": rows, "latest": _latest(rows, ind.period_type)})
    return out


def _latest(rows: list[dict], period_type: str) -> dict | None:
    """The row of the current period, or of the last period before it (a programme
    that has ended), or None before the programme starts."""
    now = period_key(timezone.localdate(), period_type)
    past = [r for r in rows if r["period"] <= now]
    return past[-1] if past else None


def agency_table(programmes) -> list[dict]:
    """Every indicator of the given programmes at its latest period, programme by
    programme (each programme costs the same queries whatever its size), and the
    count of indicators per colour."""
    out = []
    for programme in programmes:
        for block in achievement_table(programme):
            out.append({"programme": programme, "indicator": block["indicator"],
                        "row": block["latest"]})  # fmt: skip
    return out


def _decimal(value, field, default):
    try:
        return Decimal(str(default if value in (None, "") else value))
    except InvalidOperation:
        raise ValidationError({field: _("Isi angka.")}) from None


@transaction.atomic
def indicator_save(*, actor, programme: Programme, data: dict, indicator=None,
                   expected_version=None) -> Indicator:  # fmt: skip
    """Define (or change) an indicator; ``targets`` maps period ids to numbers."""
    access.require_write(actor)
    errors = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name or len(name) > 200:
        errors["name"] = _("Tuliskan nama indikator (paling banyak 200 karakter).")
    else:
        single_line(name)
    if data.get("numerator") not in MEASURES:
        errors["numerator"] = _("Pilih pembilang dari daftar.")
    denominator = data.get("denominator") or ""
    if denominator and denominator not in MEASURES:
        errors["denominator"] = _("Pilih penyebut dari daftar.")
    period_type = data.get("period_type") or PeriodType.MONTH
    if period_type not in PeriodType.values:
        errors["period_type"] = _("Pilih jenis periode.")
    factor = _decimal(data.get("factor"), "factor", 100)
    amber = _decimal(data.get("amber_from"), "amber_from", "0.60")
    green = _decimal(data.get("green_from"), "green_from", "0.90")
    if not (Decimal(0) <= amber <= green <= Decimal("9.99")):
        errors["green_from"] = _("Batas kuning tidak boleh di atas batas hijau.")
    if not Decimal(0) < factor < Decimal("1000000"):
        errors["factor"] = _("Faktor harus lebih dari 0.")
    targets = {}
    allowed = set(periods(programme, period_type)) if period_type in PeriodType.values else set()
    for key, value in (data.get("targets") or {}).items():
        if key not in allowed:
            errors["targets"] = _("Periode %(p)s bukan periode program ini.") % {"p": key}
            break
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1
        if not 0 < number < 1e9:
            errors["targets"] = _("Target harus angka lebih dari 0.")
            break
        targets[key] = number
    if errors:
        raise ValidationError(errors)
    values = {"name": name, "numerator": data["numerator"], "denominator": denominator,
              "factor": factor, "period_type": period_type, "targets": targets,
              "amber_from": amber, "green_from": green}  # fmt: skip
    if indicator is None:
        return Indicator.objects.create(programme=programme, **values)
    save_versioned(indicator, expected_version, **values)
    return indicator
