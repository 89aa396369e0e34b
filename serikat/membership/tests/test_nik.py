"""Property-based and example tests of the NIK validator."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from serikat.membership.nik import RegionIndex, cross_check, normalise_nik, parse_nik

REGIONS = RegionIndex.of(["32", "32.16", "32.16.01", "32.16.02", "31", "31.75", "31.75.03", "36", "36.03"])
TODAY = datetime.date(2026, 11, 22)
KNOWN_DISTRICTS = ["321601", "321602", "317503"]


def make_nik(district: str, birth: datetime.date, female: bool, serial: int) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


births = st.dates(min_value=datetime.date(1927, 1, 1), max_value=datetime.date(2011, 12, 31))


@given(st.sampled_from(KNOWN_DISTRICTS), births, st.booleans(), st.integers(1, 9999))
def test_a_well_formed_nik_gives_back_its_parts(district, birth, female, serial):
    nik = make_nik(district, birth, female, serial)
    result = parse_nik(nik, regions=REGIONS, today=TODAY)
    assert result.errors == []
    assert result.facts.birth_date == birth
    assert result.facts.gender == ("F" if female else "M")
    assert result.facts.district_code == f"{district[:2]}.{district[2:4]}.{district[4:]}"
    assert result.facts.serial == f"{serial:04d}"
    assert cross_check(result.facts, birth_date=birth, gender="F" if female else "M") == []


@given(st.sampled_from(KNOWN_DISTRICTS), births, st.booleans(), st.integers(1, 9999))
def test_spaces_dots_and_dashes_between_groups_do_not_matter(district, birth, female, serial):
    nik = make_nik(district, birth, female, serial)
    spaced = f"{nik[:6]} {nik[6:12]}.{nik[12:]}"
    assert parse_nik(spaced, regions=REGIONS, today=TODAY).facts == parse_nik(nik, regions=REGIONS, today=TODAY).facts


@given(st.text(alphabet="0123456789", min_size=0, max_size=30).filter(lambda s: len(s) != 16))
def test_any_other_length_is_rejected_and_says_how_many_digits(digits):
    result = parse_nik(digits, regions=REGIONS, today=TODAY)
    assert result.facts is None
    assert result.errors[0].code in {"nik_length", "nik_missing"}


@given(st.text(min_size=1, max_size=20).filter(lambda s: any(not c.isspace() and c not in "0123456789.-" for c in s)))
def test_letters_are_rejected(text):
    result = parse_nik(text, regions=REGIONS, today=TODAY)
    assert result.facts is None
    assert result.errors[0].code == "nik_not_digits"


@given(st.integers(0, 99).filter(lambda d: not (1 <= d <= 31 or 41 <= d <= 71)), st.integers(1, 12))
def test_impossible_days_are_rejected(day, month):
    nik = f"321601{day:02d}{month:02d}850001"
    result = parse_nik(nik, regions=REGIONS, today=TODAY)
    assert [p.code for p in result.errors] == ["nik_date"]


@given(st.sampled_from(KNOWN_DISTRICTS), births, st.booleans(), st.booleans())
def test_a_declared_gender_that_differs_is_flagged_not_fixed(district, birth, female, declared_female):
    result = parse_nik(make_nik(district, birth, female, 1), regions=REGIONS, today=TODAY)
    problems = cross_check(result.facts, birth_date=None, gender="F" if declared_female else "M")
    assert [p.code for p in problems] == ([] if female == declared_female else ["nik_gender_mismatch"])
    assert result.facts.gender == ("F" if female else "M")


def test_day_plus_forty_means_a_woman():
    facts = parse_nik("3216015708850003", regions=REGIONS, today=TODAY).facts
    assert (facts.gender, facts.birth_date) == ("F", datetime.date(1985, 8, 17))


def test_the_thirtieth_of_february_is_rejected_and_leap_days_accepted():
    assert [p.code for p in parse_nik("3216013002900001", regions=REGIONS, today=TODAY).errors] == ["nik_date"]
    assert parse_nik("3216012902960001", regions=REGIONS, today=TODAY).facts.birth_date == datetime.date(1996, 2, 29)
    assert [p.code for p in parse_nik("3216012902970001", regions=REGIONS, today=TODAY).errors] == ["nik_date"]


def test_unknown_province_or_regency_is_rejected_but_an_unknown_district_is_only_a_warning():
    assert [p.code for p in parse_nik("9916010101900001", regions=REGIONS, today=TODAY).errors] == ["nik_province"]
    assert [p.code for p in parse_nik("3299010101900001", regions=REGIONS, today=TODAY).errors] == ["nik_regency"]
    result = parse_nik("3216990101900001", regions=REGIONS, today=TODAY)
    assert result.errors == [] and [p.code for p in result.warnings] == ["nik_district_unknown"]


def test_serial_zero_is_rejected():
    assert [p.code for p in parse_nik("3216010101900000", regions=REGIONS, today=TODAY).errors] == ["nik_serial"]


def test_century_is_inferred_from_today():
    assert parse_nik("3216010101050001", regions=REGIONS, today=TODAY).facts.birth_date.year == 2005
    assert parse_nik("3216010101600001", regions=REGIONS, today=TODAY).facts.birth_date.year == 1960


def test_a_child_birth_date_is_flagged_for_review():
    result = parse_nik("3216010101200001", regions=REGIONS, today=TODAY)
    assert result.facts.birth_date == datetime.date(2020, 1, 1)
    assert [p.code for p in result.warnings] == ["nik_age"]


def test_birth_date_mismatch_is_flagged():
    facts = parse_nik("3216011708850001", regions=REGIONS, today=TODAY).facts
    assert [p.code for p in cross_check(facts, birth_date=datetime.date(1985, 8, 18), gender="M")] == [
        "nik_birth_date_mismatch"
    ]


def test_digits_of_other_scripts_are_not_nik_digits():
    assert [p.code for p in parse_nik("３２１６０１１７０８８５０００１", regions=REGIONS, today=TODAY).errors] == [
        "nik_not_digits"
    ]


def test_normalise_keeps_only_the_digits_of_separators():
    assert normalise_nik(" 3216-01 170885.0001 ") == "3216011708850001"
    assert normalise_nik(None) == ""
