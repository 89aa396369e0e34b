"""Cell values as spreadsheets hold them, and header rows as affiliates write them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serikat.core.errors import DomainError
from serikat.membership.imports import values as v
from serikat.membership.imports.headers import find_layout, headers_key, normalise_header, recognise
from serikat.membership.phones import normalise_phone

TODAY = datetime.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime.date(1985, 8, 17), datetime.date(1985, 8, 17)),
        (datetime.datetime(1985, 8, 17, 0, 0), datetime.date(1985, 8, 17)),
        (31276.0, datetime.date(1985, 8, 17)),  # an Excel serial number
        (31276, datetime.date(1985, 8, 17)),
        ("31276", datetime.date(1985, 8, 17)),
        ("1985-08-17", datetime.date(1985, 8, 17)),
        ("1985-08-17 00:00:00", datetime.date(1985, 8, 17)),
        ("17/08/1985", datetime.date(1985, 8, 17)),
        ("17-08-1985", datetime.date(1985, 8, 17)),
        ("17.08.1985", datetime.date(1985, 8, 17)),
        ("17/8/85", datetime.date(1985, 8, 17)),
        ("08/17/1985", datetime.date(1985, 8, 17)),  # month first: only possible reading
        ("1985/08/17", datetime.date(1985, 8, 17)),
        ("17 Agustus 1985", datetime.date(1985, 8, 17)),
        ("17 agustus 1985", datetime.date(1985, 8, 17)),
        ("17 Agt 1985", datetime.date(1985, 8, 17)),
        ("17-Agu-1985", datetime.date(1985, 8, 17)),
        ("17 Ags. 1985", datetime.date(1985, 8, 17)),
        ("17 August 1985", datetime.date(1985, 8, 17)),
        ("17-Aug-85", datetime.date(1985, 8, 17)),
        ("August 17, 1985", datetime.date(1985, 8, 17)),
        ("5 Des 1995", datetime.date(1995, 12, 5)),
        ("1 Pebruari 2001", datetime.date(2001, 2, 1)),
        ("30 Nop 1999", datetime.date(1999, 11, 30)),
        ("2 Mei 2020", datetime.date(2020, 5, 2)),
        ("\u00a017 Agustus\u00a01985 ", datetime.date(1985, 8, 17)),
        ("17/08/25", datetime.date(2025, 8, 17)),  # two-digit years: this century unless in the future
        ("17/08/27", datetime.date(1927, 8, 17)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_every_usual_form(cell, expected):
    assert v.date_value(cell, today=TODAY) == expected


@pytest.mark.parametrize("cell", ["31/02/1990", "17 Agustusan 1985", "kemarin", "0", 3.5e6, "13/13/1990"])
def test_impossible_dates_are_warnings_that_leave_the_value_out(cell):
    with pytest.raises(v.CellProblem) as problem:
        v.date_value(cell, today=TODAY)
    assert (problem.value.code, problem.value.is_error) == ("date_invalid", False)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("3216015708850001", "3216015708850001"),
        (" 3216 0157 0885 0001 ", "3216 0157 0885 0001"),  # spaces go in parse_nik's normalisation
        ("'3216015708850001", "3216015708850001"),  # typed with an apostrophe to force text
        ("3216015708850001.0", "3216015708850001"),
        (3216015708850001.0, "3216015708850001"),  # digits intact: a program wrote the number
        (3216015708850001, "3216015708850001"),
    ],
)
def test_nik_cells(cell, expected):
    assert v.nik_text(cell) == expected


@pytest.mark.parametrize(
    "cell", [3216015708850000.0, 3216015708850000, 9123015708850001.0, "3.21602E+15", "3,21602E+15"]
)
def test_a_nik_a_spreadsheet_may_have_cut_is_refused_as_precision_lost(cell):
    with pytest.raises(v.CellProblem) as problem:
        v.nik_text(cell)
    assert (problem.value.code, problem.value.is_error) == ("nik_precision_lost", True)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (81234567890, "+6281234567890"),  # the leading 0 lost in a number cell
        (81234567890.0, "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("62812 3456 7890", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),  # a landline, through phonenumbers
        ("", ""),
    ],
)
def test_phones(cell, expected):
    assert v.phone_value(cell) == expected


@given(st.text(alphabet="0123456789+-() ", min_size=1, max_size=18))
def test_the_fast_phone_path_agrees_with_normalise_phone(text):
    try:
        expected = normalise_phone(text)
    except DomainError:
        expected = None
    try:
        actual = v.phone_value(text)
    except v.CellProblem:
        actual = None
    if expected is not None:
        assert actual == expected
    elif actual is not None:
        # Accepted only by the fast path: it must be a valid Indonesian mobile number all the same.
        assert normalise_phone(actual) == actual


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Rp 4.500.000", Decimal(4500000)),
        ("Rp4.500.000,-", Decimal(4500000)),
        ("IDR 4,500,000", Decimal(4500000)),
        ("4.500.000,00", Decimal(4500000)),
        ("4,500,000.00", Decimal(4500000)),
        ("4500000", Decimal(4500000)),
        (4500000.0, Decimal(4500000)),
        (4500000.4, Decimal(4500000)),
        ("4.5", Decimal(4)),  # not an amount anyone means, but a number: rounded to whole Rupiah (half even)
        ("", None),
    ],
)
def test_wages(cell, expected):
    assert v.wage_value(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("L", "M"), ("P", "F"), ("Laki-laki", "M"), ("laki laki", "M"), ("Perempuan", "F"), ("Pria", "M"),
     ("Wanita", "F"), ("M", "M"), ("F", "F"), ("Male", "M"), ("female", "F"), (" p. ", "F"), ("", None)],
)  # fmt: skip
def test_genders(cell, expected):
    assert v.gender_value(cell) == expected


def test_text_loses_odd_spaces():
    assert v.clean_text("  Siti\u00a0\u00a0Rahayu\u200b \t") == "Siti Rahayu"
    assert v.clean_text(10023.0) == "10023"


def test_birth_place_and_date_in_one_cell():
    assert v.birth_place_and_date("Bekasi, 17 Agustus 1985", today=TODAY) == ("Bekasi", datetime.date(1985, 8, 17))
    assert v.birth_place_and_date("Kab. Bekasi / 17-08-1985", today=TODAY) == (
        "Kab. Bekasi",
        datetime.date(1985, 8, 17),
    )


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nama", "full_name"),
        ("NAMA LENGKAP", "full_name"),
        ("NIK", "nik"),
        ("No. KTP", "nik"),
        ("NIK (16 digit)", "nik"),
        ("No. HP", "phone"),
        ("No HP/WA", "phone"),
        ("Telepon", "phone"),
        ("Tgl Lahir", "birth_date"),
        ("Tgl. Lahir*", "birth_date"),
        ("Tanggal Lahir (dd/mm/yyyy)", "birth_date"),
        ("Tempat Lahir", "birth_place"),
        ("Tempat/Tgl Lahir", "birth_place_and_date"),
        ("Jenis Kelamin", "gender"),
        ("L/P", "gender"),
        ("Alamat", "address"),
        ("E-mail", "email"),
        ("No. KTA", "kta_number"),
        ("NIK Karyawan", "employee_number"),
        ("No. Induk Karyawan", "employee_number"),
        ("Status Kerja", "employment_status"),
        ("Bagian", "department"),
        ("Jabatan", "job_title"),
        ("Upah", "monthly_wage_amount"),
        ("Tgl Masuk", "joined_on"),
        ("Tanggal Bergabung", "joined_on"),
        ("Date of birth", "birth_date"),
        ("No.", ""),
        ("Sepatu", None),
    ],
)
def test_headers_in_both_languages(header, field):
    assert recognise(header) == field


def test_header_fingerprints_ignore_case_spaces_and_punctuation():
    assert normalise_header("  No. HP/WA* ") == "no hp wa"
    assert headers_key(["Nama", "No. HP"]) == headers_key(["NAMA", "no hp"])
    assert headers_key(["Nama", "No. HP"]) != headers_key(["No. HP", "Nama"])


def test_the_header_row_is_the_one_naming_most_fields():
    rows = [["DAFTAR ANGGOTA"], [], ["No", "Nama", "NIK", "Nomer Sepatu"], [1, "Siti", "3216015708850001", 40]]
    layout = find_layout(rows)
    assert (layout.header_row, layout.columns, layout.unknown, layout.is_complete) == (
        2,
        {0: "", 1: "full_name", 2: "nik"},
        [3],
        False,
    )
