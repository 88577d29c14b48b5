"""Working-day clocks for complaints and for the time limits of outside bodies.

A working day is a weekday that is neither one of Indonesia's national public
holidays (*hari libur nasional*, from the ``holidays`` library, its ``PUBLIC``
category: the SKB of the ministers as the library keeps it up to date) nor one of
the agency's own days off (``AgencyDayOff``: *cuti bersama* the agency observes,
local holidays), which its admin enters. *Cuti bersama* are deliberately not taken
from the library: a Dinas Sosial office follows them, an LKS or NGO may not.

``add_working_days(start, n)``: the date ``n`` working days after ``start`` (``start``
itself is not counted, as a legal time limit starts the day after receipt); a
negative ``n`` counts back; ``0`` is ``start`` unchanged. Pure functions: the
agency's days off are passed in (``days_off``), read by ``agency_days_off``.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Collection

import holidays

WEEKEND = (5, 6)  # Saturday, Sunday


@functools.lru_cache(maxsize=64)
def _national(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("ID", years=year, categories=(holidays.PUBLIC,)))


def national_holiday(day: datetime.date) -> bool:
    return day in _national(day.year)


def national_holiday_name(day: datetime.date) -> str | None:
    """The library's name of the holiday (English), for the admin's calendar."""
    names = holidays.country_holidays("ID", years=day.year, categories=(holidays.PUBLIC,))
    return names.get(day)


def is_working_day(day: datetime.date, days_off: Collection[datetime.date] = ()) -> bool:
    return day.weekday() not in WEEKEND and not national_holiday(day) and day not in days_off


def add_working_days(
    start: datetime.date, days: int, *, days_off: Collection[datetime.date] = ()
) -> datetime.date:
    if isinstance(start, datetime.datetime):
        raise TypeError("add_working_days takes a date, not a datetime.")
    step = 1 if days >= 0 else -1
    left = abs(days)
    day = start
    while left:
        day += datetime.timedelta(days=step)
        if is_working_day(day, days_off):
            left -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, *, days_off: Collection[datetime.date] = ()
) -> int:
    """How many working days after ``start`` up to and including ``end`` (0 when
    ``end`` is not after ``start``)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, days_off):
            count += 1
    return count


def agency_days_off(agency_id: int | None) -> frozenset[datetime.date]:
    """The days the agency's admin entered as days off (one query)."""
    if agency_id is None:
        return frozenset()
    from .models import AgencyDayOff

    return frozenset(
        AgencyDayOff.objects.alive().filter(agency_id=agency_id).values_list("day", flat=True)
    )
