"""Reading member lists row by row: xlsx, xlsm, xlsb, xls and ods through python-calamine, CSV
through the csv module.

The format is decided by the file's first bytes, not its name: affiliates rename files, and some
"xls" files are really CSV or web pages. A CSV is read as UTF-8 (with or without the byte-order
mark Excel's "CSV UTF-8" writes) or, failing that, Windows-1252 (Excel's plain "CSV" on Indonesian
Windows); its separator is whichever of , ; tab | the header line uses most (Excel writes ";"
where the decimal separator is a comma).

Rows come as lists of raw values with their 1-based row number as the spreadsheet shows it. CSV
rows stream from disk; a workbook sheet is parsed whole by calamine (the fastest reader there is,
see docs/adr/0014-member-imports.md) and its rows are turned into Python values one at a time.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import python_calamine
from django.utils.translation import gettext as _

from serikat.core.errors import DomainError

HEAD_ROWS = 30  # rows searched for the header row
CSV_FIELD_LIMIT = 1_000_000
csv.field_size_limit(CSV_FIELD_LIMIT)


class UnreadableFile(DomainError):
    code = "import-unreadable"


def sniff_format(path: str | Path) -> str:
    """'xlsx' (also xlsm/xlsb), 'xls', 'ods' or 'csv', from the file's content."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
                    return "ods"
        except zipfile.BadZipFile:
            raise UnreadableFile(_("The file is damaged: it cannot be opened as a spreadsheet.")) from None
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        raise UnreadableFile(_("This is a zip file, not a spreadsheet."))
    with open(path, "rb") as handle:
        sample = handle.read(4096).lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise UnreadableFile(
            _("This file is a web page saved with a spreadsheet name. Open it in Excel and save it as .xlsx.")
        )
    if b"\x00" in sample:
        raise UnreadableFile(_("This file is not a spreadsheet Serikat can read (xlsx, xls, ods or csv)."))
    return "csv"


class Table:
    """One sheet of rows. `rows(skip)` yields (row number, cells) after the first `skip` rows."""

    estimated_rows: int = 0

    def rows(self, skip: int = 0) -> Iterator[tuple[int, list[Any]]]:
        raise NotImplementedError

    def head(self, count: int = HEAD_ROWS) -> list[list[Any]]:
        result = []
        for _number, cells in self.rows():
            result.append(cells)
            if len(result) >= count:
                break
        return result

    def close(self) -> None:
        """Free what the reader holds."""


class WorkbookTable(Table):
    def __init__(self, path: str | Path):
        try:
            self.workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            self.sheet = self._first_sheet_with_data()
        except python_calamine.PasswordError:
            raise UnreadableFile(_("The workbook is protected with a password. Save a copy without it.")) from None
        except (python_calamine.CalamineError, OSError, ValueError) as error:
            raise UnreadableFile(_("The spreadsheet cannot be read: %(error)s") % {"error": error}) from None
        self.estimated_rows = self.sheet.total_height + 1 if self.sheet is not None else 0

    def _first_sheet_with_data(self) -> Any:
        visible = python_calamine.SheetVisibleEnum.Visible
        for index, meta in enumerate(self.workbook.sheets_metadata):
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet or meta.visible != visible:
                continue
            sheet = self.workbook.get_sheet_by_index(index)
            if sheet.height > 0:
                return sheet
        return None

    def rows(self, skip: int = 0) -> Iterator[tuple[int, list[Any]]]:
        if self.sheet is None:
            return
        # calamine yields every row from the first of the sheet (row 1), so the row number is the
        # position; columns start at the first column that holds data.
        for number, cells in enumerate(self.sheet.iter_rows(), start=1):
            if number > skip:
                yield number, cells

    def close(self) -> None:
        self.sheet = None
        self.workbook.close()


def _encoding_of(path: str | Path) -> str:
    with open(path, "rb") as handle:
        sample = handle.read(1 << 20)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 4:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


def _delimiter_of(lines: list[str]) -> str:
    """The separator that splits most of the first lines into the same number of fields (title rows
    above the header have none), counting outside quotes; ties go to the one giving more fields."""
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t", "|"):
        counts = []
        for line in lines:
            quoted, count = False, 0
            for ch in line:
                if ch == '"':
                    quoted = not quoted
                elif ch == candidate and not quoted:
                    count += 1
            if count:
                counts.append(count)
        if counts:
            fields, lines_with_them = Counter(counts).most_common(1)[0]
            score = (lines_with_them, fields)
            if score > best_score:
                best, best_score = candidate, score
    return best


def _count_lines(path: str | Path) -> int:
    count = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
    return count + 1


class CsvTable(Table):
    def __init__(self, path: str | Path):
        self.path = path
        self.encoding = _encoding_of(path)
        with self._open() as handle:
            lines = [line for line in (handle.readline() for _ in range(HEAD_ROWS)) if line.strip()]
        self.delimiter = _delimiter_of(lines)
        self.estimated_rows = _count_lines(path)

    def _open(self) -> IO[str]:
        errors = "replace" if self.encoding == "cp1252" else "strict"
        return open(self.path, encoding=self.encoding, errors=errors, newline="")

    def rows(self, skip: int = 0) -> Iterator[tuple[int, list[Any]]]:
        with self._open() as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            try:
                for number, cells in enumerate(reader, start=1):
                    if number > skip:
                        yield number, cells
            except UnicodeDecodeError:
                raise UnreadableFile(
                    _('The file is not UTF-8 throughout. Save it again as "CSV UTF-8" or as .xlsx.')
                ) from None
            except csv.Error as error:
                raise UnreadableFile(_("The CSV file is damaged: %(error)s") % {"error": error}) from None


def open_table(path: str | Path, file_format: str) -> Table:
    if file_format == "csv":
        return CsvTable(path)
    return WorkbookTable(path)
