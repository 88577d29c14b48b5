"""NIK parsing, normalising, building and masking (GLOSSARY.md: NIK)."""

from datetime import date, timedelta

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pendamping.clients.nik import make_nik, mask_nik, normalize_nik, parse_nik

EXAMPLE = "3273056010900009"
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


class TestParseNik:
    def test_it_reads_the_glossary_example(self):
        nik = parse_nik(EXAMPLE, today=TODAY)
        assert nik.value == EXAMPLE
        assert nik.province_code == "32"
        assert nik.regency_code == "32.73"
        assert nik.district_code == "32.73.05"
        assert nik.sex == "F"
        assert nik.birth_date == date(1990, 10, 20)
        assert nik.serial == "0009"

    def test_it_reads_a_male_nik(self):
        nik = parse_nik("3374011203850021", today=TODAY)
        assert nik.sex == "M"
        assert nik.birth_date == date(1985, 3, 12)
        assert nik.province_code == "33"
        assert nik.district_code == "33.74.01"
        assert nik.serial == "0021"

    def test_it_subtracts_40_from_the_day_for_women(self):
        assert parse_nik("3273054101000001", today=TODAY).birth_date == date(2000, 1, 1)
        nik = parse_nik("3273057112990001", today=TODAY)
        assert (nik.sex, nik.birth_date) == ("F", date(1999, 12, 31))

    def test_it_treats_day_up_to_31_as_male(self):
        nik = parse_nik("3273053112990001", today=TODAY)
        assert (nik.sex, nik.birth_date) == ("M", date(1999, 12, 31))

    def test_it_masks_itself(self):
        assert parse_nik(EXAMPLE, today=TODAY).masked == "3273********0009"


class TestCenturyRule:
    @pytest.mark.parametrize(("nik", "today", "born"), [
        pytest.param("3273052010250001", date(2026, 1, 1), date(2025, 10, 20),
                     id="this_century_when_the_date_is_past"),
        pytest.param("3273052010300001", date(2026, 1, 1), date(1930, 10, 20),
                     id="the_last_century_when_this_one_is_in_the_future"),
        pytest.param("3273052010260001", date(2026, 10, 20), date(2026, 10, 20),
                     id="a_birth_date_of_today_kept"),
        pytest.param("3273052110260001", date(2026, 10, 20), date(1926, 10, 21),
                     id="a_century_back_for_tomorrow"),
        pytest.param("3273052902000001", TODAY, date(2000, 2, 29), id="29_february_2000"),
    ])  # fmt: skip
    def test_it_chooses_the_century(self, nik, today, born):
        assert parse_nik(nik, today=today).birth_date == born

    def test_it_uses_the_real_today_by_default(self):
        yy = date.today().year % 100
        nik = parse_nik(f"3273050101{yy:02d}0001")
        assert nik.birth_date == date(date.today().year, 1, 1)


class TestParseNikRefuses:
    @pytest.mark.parametrize(
        "value", ["", "327305601090000", "32730560109000091", "3273056010900009 1"]
    )
    def test_it_refuses_the_wrong_length(self, value):
        with pytest.raises(ValueError, match="16 angka"):
            parse_nik(value, today=TODAY)

    @pytest.mark.parametrize("value", ["32730560109000AB", "327305601090000O", "3273/56010900009"])
    def test_it_refuses_non_digits(self, value):
        with pytest.raises(ValueError, match="16 angka"):
            parse_nik(value, today=TODAY)

    @pytest.mark.parametrize("province", ["99", "00", "10", "20", "37"])
    def test_it_refuses_an_unknown_province(self, province):
        with pytest.raises(ValueError, match=f"provinsi {province}"):
            parse_nik(province + EXAMPLE[2:], today=TODAY)

    def test_it_refuses_serial_0000(self):
        with pytest.raises(ValueError, match="0000"):
            parse_nik("3273056010900000", today=TODAY)

    @pytest.mark.parametrize(
        "value",
        [
            "3273053102900001",  # 31 February, male
            "3273057102900001",  # 31 February, female
            "3273057210900001",  # day 72 = 32 October, female
            "3273053210900001",  # day 32, male
            "3273054010900001",  # day 40: neither 1-31 nor 41-71
            "3273050010900001",  # day 0
            "3273051013900001",  # month 13
            "3273051000900001",  # month 0
            "3273052902010001",  # 29 February 2001 / 1901
        ],
    )
    def test_it_refuses_an_impossible_date(self, value):
        with pytest.raises(ValueError, match="bukan tanggal yang ada"):
            parse_nik(value, today=TODAY)

    def test_it_refuses_regency_00(self):
        with pytest.raises(ValueError, match="tidak boleh 00"):
            parse_nik("3200056010900009", today=TODAY)

    def test_it_refuses_district_00(self):
        with pytest.raises(ValueError, match="tidak boleh 00"):
            parse_nik("3273006010900009", today=TODAY)

    def test_it_accepts_an_unknown_regency_code(self):
        # Unknown regency or district codes are a warning elsewhere, not an error here.
        assert parse_nik("3299996010900009", today=TODAY).district_code == "32.99.99"


class TestNormalizeNik:
    @pytest.mark.parametrize(
        "typed",
        [
            "3273056010900009",
            "3273 0560 1090 0009",
            "32.73.05.601090.0009",
            "3273-05-601090-0009",
            " 3273056010900009\t",
        ],
    )
    def test_it_strips_spaces_dots_and_dashes(self, typed):
        assert normalize_nik(typed) == EXAMPLE
        assert parse_nik(typed, today=TODAY).value == EXAMPLE

    def test_it_turns_none_into_empty(self):
        assert normalize_nik(None) == ""


class TestMakeNik:
    def test_it_builds_the_glossary_example(self):
        assert make_nik("32.73.05", date(1990, 10, 20), "F", 9) == EXAMPLE

    def test_it_round_trips_a_male_nik(self):
        value = make_nik("33.74.01", date(1985, 3, 12), "M", 21)
        assert value == "3374011203850021"
        nik = parse_nik(value, today=TODAY)
        assert (nik.birth_date, nik.sex, nik.district_code, nik.serial) == (
            date(1985, 3, 12),
            "M",
            "33.74.01",
            "0021",
        )


class TestMaskNik:
    def test_it_hides_the_birth_date(self):
        assert mask_nik(EXAMPLE) == "3273********0009"

    def test_it_leaves_empty_empty(self):
        assert mask_nik("") == ""

    def test_it_hides_a_short_value_completely(self):
        assert mask_nik("1234567") == "*******"


def _first_representable(today: date) -> date:
    """The earliest birth date a NIK can mean on `today`: the day after 100 years ago."""
    try:
        return today.replace(year=today.year - 100) + timedelta(days=1)
    except ValueError:  # 29 February in a leap year whose year - 100 is not leap (2000)
        return date(today.year - 100, 3, 1)


@st.composite
def today_and_birth(draw):
    # The parser knows the 1900s and 2000s, so "today" is any day of this century.
    today = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    birth = draw(st.dates(min_value=_first_representable(today), max_value=today))
    return today, birth


class TestRoundTripProperty:
    @given(
        dates=today_and_birth(),
        sex=st.sampled_from(["F", "M"]),
        serial=st.integers(min_value=1, max_value=9999),
        district=st.sampled_from(["32.73.05", "33.74.01", "11.01.01", "96.01.01"]),
    )
    def test_it_round_trips_birth_date_and_sex(self, dates, sex, serial, district):
        today, birth = dates
        nik = parse_nik(make_nik(district, birth, sex, serial), today=today)
        assert nik.birth_date == birth
        assert nik.sex == sex
        assert nik.district_code == district
        assert int(nik.serial) == serial

    @given(
        birth=st.dates(min_value=_first_representable(TODAY), max_value=TODAY),
        sex=st.sampled_from(["F", "M"]),
    )
    def test_it_never_puts_the_birth_date_in_the_future(self, birth, sex):
        assert parse_nik(make_nik("32.73.05", birth, sex, 1), today=TODAY).birth_date <= TODAY
