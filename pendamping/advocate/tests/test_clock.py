"""The working-day clock, worked by hand against the 2024–2026 calendars.

National holidays come from the ``holidays`` library (PUBLIC category); cuti bersama
are the agency's own days off and are passed in."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pendamping.advocate.clock import (
    add_working_days,
    is_working_day,
    national_holiday,
    working_days_between,
)

D = datetime.date
# Cuti bersama around Idul Fitri 1446 H (SKB 2025): Fri 28 Mar (Nyepi), 2, 3, 4 and 7 Apr.
CUTI_BERSAMA_2025 = frozenset(
    {D(2025, 3, 28), D(2025, 4, 2), D(2025, 4, 3), D(2025, 4, 4), D(2025, 4, 7)}
)


class TestNationalHolidays:
    def test_it_knows_idul_fitri_and_christmas(self):
        assert national_holiday(D(2025, 3, 31)) and national_holiday(D(2025, 4, 1))
        assert national_holiday(D(2024, 4, 10)) and national_holiday(D(2024, 4, 11))
        assert national_holiday(D(2025, 12, 25)) and national_holiday(D(2026, 1, 1))

    def test_it_leaves_cuti_bersama_to_the_agency(self):
        # Collective leave is not a national public holiday: only the agency's list adds it.
        assert is_working_day(D(2025, 4, 2))
        assert not is_working_day(D(2025, 4, 2), CUTI_BERSAMA_2025)

    def test_it_counts_weekends_as_days_off(self):
        assert not is_working_day(D(2025, 5, 3))  # Saturday
        assert not is_working_day(D(2025, 5, 4))  # Sunday
        assert is_working_day(D(2025, 5, 5))


class TestAddWorkingDays:
    def test_it_starts_counting_the_day_after(self):
        assert add_working_days(D(2025, 5, 5), 1) == D(2025, 5, 6)

    def test_it_jumps_the_idul_fitri_holidays(self):
        # Thu 27 Mar 2025: Fri 28 (1), Sat/Sun, Mon 31 and Tue 1 Apr holidays, Wed 2 (2), Thu 3 (3).
        assert add_working_days(D(2025, 3, 27), 3) == D(2025, 4, 3)

    def test_it_jumps_the_cuti_bersama_week_too_when_the_agency_observes_it(self):
        # 28 Mar cuti, weekend, 31 Mar–1 Apr holidays, 2–4 Apr cuti, weekend, 7 Apr cuti:
        # the first working day is Tue 8 Apr; three days land on Thu 10 Apr.
        assert add_working_days(D(2025, 3, 27), 1, days_off=CUTI_BERSAMA_2025) == D(2025, 4, 8)
        assert add_working_days(D(2025, 3, 27), 3, days_off=CUTI_BERSAMA_2025) == D(2025, 4, 10)

    def test_it_jumps_idul_fitri_1445(self):
        # Tue 9 Apr 2024: Wed 10 and Thu 11 are Idul Fitri, Fri 12 is the first working day.
        assert add_working_days(D(2024, 4, 9), 1) == D(2024, 4, 12)

    def test_it_crosses_the_year_boundary(self):
        # Wed 24 Dec 2025: Thu 25 Christmas, Fri 26 (1), weekend, Mon 29 (2), Tue 30 (3),
        # Wed 31 (4), Thu 1 Jan 2026 New Year, Fri 2 Jan (5).
        assert add_working_days(D(2025, 12, 24), 3) == D(2025, 12, 30)
        assert add_working_days(D(2025, 12, 24), 5) == D(2026, 1, 2)

    def test_it_counts_back_with_negative_days(self):
        assert add_working_days(D(2026, 1, 2), -1) == D(2025, 12, 31)
        assert add_working_days(D(2026, 1, 2), -5) == D(2025, 12, 24)

    def test_it_leaves_the_date_alone_for_zero_days(self):
        assert add_working_days(D(2025, 3, 29), 0) == D(2025, 3, 29)  # a Saturday (Nyepi)

    def test_it_starts_on_a_weekend(self):
        assert add_working_days(D(2025, 5, 3), 1) == D(2025, 5, 5)

    def test_it_refuses_a_datetime(self):
        with pytest.raises(TypeError):
            add_working_days(datetime.datetime(2025, 5, 5, 9, 0), 1)

    def test_it_counts_sp4n_lapor_limits_over_lebaran(self):
        # Filed Thu 27 Mar 2025 at an agency that observes cuti bersama: verified and
        # forwarded by Thu 10 Apr (3), followed up by Thu 17 Apr (3 + 5 = 8 working days).
        assert add_working_days(D(2025, 3, 27), 8, days_off=CUTI_BERSAMA_2025) == D(2025, 4, 17)


class TestWorkingDaysBetween:
    def test_it_counts_working_days_after_the_start(self):
        assert working_days_between(D(2025, 12, 24), D(2026, 1, 2)) == 5
        assert working_days_between(D(2026, 1, 2), D(2025, 12, 24)) == 0


working_days = st.dates(D(2023, 1, 1), D(2027, 12, 31)).filter(is_working_day)


@given(start=working_days, n=st.integers(min_value=-40, max_value=40))
def test_it_is_undone_by_counting_back(start, n):
    end = add_working_days(start, n)
    assert add_working_days(end, -n) == start
    assert n == 0 or is_working_day(end)
    if n > 0:
        assert working_days_between(start, end) == n
