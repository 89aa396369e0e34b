"""Reading member lists: the format from the first bytes, CSV encodings and separators, sheets."""

from __future__ import annotations

import openpyxl
import pytest
from django.utils import translation

from serikat.membership.imports.readers import UnreadableFile, open_table, sniff_format
from serikat.membership.tests.import_files import write_csv, write_openpyxl, write_xlsxwriter

ROWS = [["Nama", "NIK"], ["Séno Dwi", "3216010203900002"], ["Siti", "3216015708850001"]]


def _rows(path, file_format):
    table = open_table(path, file_format)
    try:
        return [(number, [str(c) for c in cells]) for number, cells in table.rows()]
    finally:
        table.close()


@pytest.mark.parametrize(
    ("options", "separator"),
    [
        ({"delimiter": ","}, ","),
        ({"delimiter": ";", "bom": True}, ";"),
        ({"delimiter": "\t"}, "\t"),
        ({"delimiter": "|"}, "|"),
        ({"delimiter": ";", "encoding": "cp1252"}, ";"),
    ],
)
def test_csv_in_the_separators_and_encodings_spreadsheets_write(tmp_path, options, separator):
    path = write_csv(tmp_path / "a.csv", ROWS, **options)
    table = open_table(path, sniff_format(path))
    assert (sniff_format(path), table.delimiter) == ("csv", separator)
    assert _rows(path, "csv") == [
        (1, ["Nama", "NIK"]),
        (2, ["Séno Dwi", "3216010203900002"]),
        (3, ["Siti", "3216015708850001"]),
    ]


def test_a_workbook_is_recognised_by_its_content_not_its_name(tmp_path):
    path = write_xlsxwriter(tmp_path / "anggota.csv", ROWS)  # an xlsx saved under a .csv name
    assert sniff_format(path) == "xlsx"
    assert _rows(path, "xlsx")[1] == (2, ["Séno Dwi", "3216010203900002"])


def test_the_first_sheet_with_data_is_read(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Petunjuk"  # an empty first sheet
    hidden = workbook.create_sheet("Rahasia")
    hidden.append(["not", "this"])
    hidden.sheet_state = "hidden"
    data = workbook.create_sheet("Anggota")
    for row in ROWS:
        data.append(row)
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    assert _rows(path, "xlsx")[0] == (1, ["Nama", "NIK"])


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path):
    path = write_openpyxl(tmp_path / "a.xlsx", [["DAFTAR ANGGOTA"], [], *ROWS])
    numbers = [number for number, cells in _rows(path, "xlsx") if any(cells)]
    assert numbers == [1, 3, 4, 5]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body><table><tr><td>Nama</td></tr></table></body></html>", "web page"),
        (b"PK\x03\x04garbage", "damaged"),
        (b"\x00\x01\x02binary", "not a spreadsheet"),
    ],
)
def test_files_that_are_no_spreadsheet_are_refused_saying_why(tmp_path, content, message):
    path = tmp_path / "anggota.xls"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(UnreadableFile, match=message):
        sniff_format(path)
