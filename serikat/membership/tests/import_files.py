"""Real spreadsheet files for the import tests, written by different programs (no tests here).

* openpyxl and XlsxWriter write .xlsx: they store strings, numbers and dates differently (shared
  strings vs inline, date styles), as real affiliates' tools do;
* the csv module writes CSV as Excel does: comma or semicolon separators, with or without the
  UTF-8 byte-order mark, or in Windows-1252;
* LibreOffice (soffice --headless --convert-to) turns an openpyxl workbook into .ods and .xls
  (Excel 97). Tests that need it are skipped, saying why, when soffice is not installed; CI
  installs it (.ci/run).
"""

from __future__ import annotations

import csv
import datetime
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def write_openpyxl(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Anggota"
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    workbook.save(path)
    return path


def write_xlsxwriter(path: Path, rows: list[list[Any]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": "d mmmm yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.datetime | datetime.date):
                moment = (
                    value if isinstance(value, datetime.datetime) else datetime.datetime.combine(value, datetime.time())
                )
                sheet.write_datetime(r, c, moment, date_format)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(r, c, float(value))
            else:
                sheet.write_string(r, c, str(value))
    workbook.close()
    return path


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e15:
        return f"{value:.5E}".replace("E+", "E+")  # Excel shows big numbers as 3.21602E+15
    return str(value)


def write_csv(
    path: Path, rows: list[list[Any]], *, delimiter: str = ",", bom: bool = False, encoding: str = "utf-8"
) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow([_text(v) for v in row])
    return path


def require_soffice() -> str:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed, so .ods and .xls files cannot be written for this test.")
    return SOFFICE


def libreoffice_convert(source: Path, extension: str) -> Path:
    """Convert `source` with LibreOffice to `extension` ("ods" or "xls"), next to it."""
    soffice = require_soffice()
    filters = {"ods": "ods", "xls": "xls:MS Excel 97"}
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(  # noqa: S603 - fixed arguments
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                filters[extension],
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    target = source.with_suffix(f".{extension}")
    assert target.exists(), f"LibreOffice did not write {target}"
    return target
