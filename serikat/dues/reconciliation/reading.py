"""Reading an employer's deduction file into lines.

The header row is found among the first rows (title rows such as "DAFTAR POTONGAN IURAN SPSI
MARET 2026" above it are skipped) by the names of its columns, in Bahasa Indonesia or English:

* employee number: No. Induk, NIK Karyawan, NIP, ID Karyawan, Employee No, ...
* NIK (the 16-digit national identity number): NIK, No. KTP, ...
* name: Nama, Nama Karyawan, Name, ...
* wage: Upah, Gaji, Gaji Pokok, Wage, ...
* amount deducted: Potongan, Iuran, Potongan Iuran, Jumlah Potongan, Deduction, ...

A file needs the amount and at least one of NIK and employee number. Money cells may be numbers or
text as spreadsheets and people write them ("Rp 51.235", "51,235.00", "51.235,-"). A row whose cells
cannot be read is a problem naming its row (as the spreadsheet numbers it), its column and what is
wrong; a file with any problem is refused whole, so a remittance is never reconciled on part of a
file. Empty rows are skipped, and so are rows that name no one and hold only a total ("TOTAL",
"Jumlah"). A line deducting 0 is no deduction: it is left out (the member then counts as "not
deducted" when they owed the month).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from serikat.core.errors import DomainError, FieldProblem
from serikat.membership.imports.headers import SYNONYMS as MEMBER_SYNONYMS
from serikat.membership.imports.headers import normalise_header
from serikat.membership.imports.readers import UnreadableFile, open_table, sniff_format
from serikat.membership.imports.values import (
    _CURRENCY,
    CellProblem,
    _amount_from_text,
    clean_text,
    code_value,
    is_number_cell,
    nik_text,
)

HEAD_ROWS = 30
MAX_PROBLEMS_SHOWN = 50
MAX_AMOUNT = Decimal("999999999999")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "no induk",
        "nomor induk",
        "no induk karyawan",
        "nomor induk karyawan",
        "no induk pegawai",
        "nomor induk pegawai",
        "nik karyawan",
        "nik perusahaan",
        "nik pegawai",
        "nip",
        "nrp",
        "id karyawan",
        "id pegawai",
        "no karyawan",
        "nomor karyawan",
        "no pegawai",
        "employee no",
        "employee number",
        "employee id",
        "emp no",
        "staff number",
        "staff id",
        "payroll id",
        "payroll number",
    ),
    # The same words as in member lists: a NIK column is a NIK column in every file.
    "nik": MEMBER_SYNONYMS["nik"],
    "name": ("nama", "nama karyawan", "nama pekerja", "nama anggota", "nama lengkap", "name", "employee name"),
    "wage": (
        "upah",
        "gaji",
        "gaji pokok",
        "upah pokok",
        "upah bulanan",
        "gaji bulanan",
        "upah rp",
        "gaji rp",
        "gaji pokok rp",
        "wage",
        "monthly wage",
        "basic wage",
        "salary",
        "basic salary",
    ),
    "amount": (
        "potongan",
        "iuran",
        "potongan iuran",
        "jumlah potongan",
        "potongan iuran serikat",
        "iuran serikat",
        "iuran anggota",
        "iuran spsi",
        "potongan spsi",
        "jumlah iuran",
        "nilai potongan",
        "potongan rp",
        "iuran rp",
        "deduction",
        "deductions",
        "amount deducted",
        "deducted",
        "union dues",
        "dues",
        "amount",
    ),
}
FIELD_LABELS = {
    "employee_number": "No. Induk / Employee No",
    "nik": "NIK",
    "name": "Nama / Name",
    "wage": "Upah / Wage",
    "amount": "Potongan / Deduction",
}
_LOOKUP = {synonym: name for name, synonyms in SYNONYMS.items() for synonym in synonyms}
_TOTAL_WORDS = ("total", "jumlah", "grand total", "sub total", "subtotal")


class DeductionFileRefused(DomainError):
    """The file cannot be reconciled; `row_problems` say where (row, column, message)."""

    code = "deduction-file"

    def __init__(self, message: str, *, row_problems: list[RowProblem] | None = None):
        self.row_problems = list(row_problems or [])
        shown = [FieldProblem("file", p.text()) for p in self.row_problems[:MAX_PROBLEMS_SHOWN]] or [
            FieldProblem("file", message)
        ]
        super().__init__(message, problems=shown)


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str

    def text(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Line:
    """One deduction as the file states it."""

    row: int
    employee_number: str
    nik: str
    name: str
    wage: int | None
    amount: int


@dataclass
class DeductionFile:
    lines: list[Line]
    columns: dict[str, str]  # field -> the header as written in the file
    header_row: int  # 1-based
    skipped_rows: list[int] = field(default_factory=list)  # totals and zero deductions


def recognise(text: object) -> str | None:
    key = normalise_header(text)
    return _LOOKUP.get(key) if key else None


def _find_header(head: list[list[object]]) -> tuple[int, dict[int, str], list[str]]:
    best, best_columns = -1, {}
    for index, row in enumerate(head):
        columns: dict[int, str] = {}
        for position, cell in enumerate(row):
            name = recognise(cell) if isinstance(cell, str) else None
            if name is not None and name not in columns.values():
                columns[position] = name
        if len(columns) > len(best_columns):
            best, best_columns = index, columns
    headers = [clean_text(c) for c in head[best]] if best >= 0 else []
    return best, best_columns, headers


def read_deductions(path: str | Path, *, filename: str = "") -> DeductionFile:
    """Every line of the file, or DeductionFileRefused naming each unreadable cell."""
    name = filename or Path(path).name
    try:
        table = open_table(path, sniff_format(path))
    except UnreadableFile as error:
        raise DeductionFileRefused(_("%(file)s: %(error)s") % {"file": name, "error": error.message}) from None
    try:
        head = table.head(HEAD_ROWS)
        if not any(any(clean_text(c) for c in row) for row in head):
            raise DeductionFileRefused(_("%(file)s is empty.") % {"file": name})
        header_index, columns, headers = _find_header(head)
        found = set(columns.values())
        missing = []
        if "amount" not in found:
            missing.append(_("the amount deducted (Potongan, Iuran, Jumlah Potongan, Deduction)"))
        if not found & {"nik", "employee_number"}:
            missing.append(_("the NIK or the employee number (NIK, No. Induk, NIK Karyawan, NIP, Employee No)"))
        if missing:
            raise DeductionFileRefused(
                _("%(file)s has no column for %(missing)s. Name the columns in the header row.")
                % {"file": name, "missing": _(" and ").join(missing)}
            )
        return _read_rows(table, header_index, columns, headers)
    except UnreadableFile as error:
        raise DeductionFileRefused(_("%(file)s: %(error)s") % {"file": name, "error": error.message}) from None
    finally:
        table.close()


def _read_rows(table, header_index: int, columns: dict[int, str], headers: list[str]) -> DeductionFile:
    header_of = {name: headers[position] if position < len(headers) else name for position, name in columns.items()}
    where = {name: position for position, name in columns.items()}
    at_nik, at_number = where.get("nik"), where.get("employee_number")
    at_name, at_wage, at_amount = where.get("name"), where.get("wage"), where["amount"]
    lines: list[Line] = []
    problems: list[RowProblem] = []
    skipped: list[int] = []
    for row, cells in table.rows(skip=header_index + 1):
        if not any(c is not None and (not isinstance(c, str) or (c and not c.isspace())) for c in cells):
            continue
        row_problems: list[RowProblem] = []
        nik = ""
        raw_nik = _cell(cells, at_nik)
        if raw_nik not in (None, ""):
            try:
                nik = nik_text(raw_nik)
            except CellProblem as problem:
                row_problems.append(RowProblem(row, header_of["nik"], problem.message))
            else:
                if nik and not (len(nik) == 16 and nik.isdigit() and nik.isascii()):
                    row_problems.append(
                        RowProblem(row, header_of["nik"], _("%(nik)s is not a NIK (16 digits).") % {"nik": nik})
                    )
        number = code_value(_cell(cells, at_number))[:40] if at_number is not None else ""
        raw_name = _cell(cells, at_name)
        if type(raw_name) is str and raw_name.isascii() and "  " not in raw_name and raw_name == raw_name.strip():
            person = raw_name[:150]  # already clean: most names
        else:
            person = clean_text(raw_name)[:150] if at_name is not None else ""
        raw_amount = _cell(cells, at_amount)
        if not nik and not number and not row_problems:
            if _looks_like_total(cells):
                skipped.append(row)
                continue
            columns_named = " / ".join(header_of[n] for n in ("nik", "employee_number") if n in header_of)
            row_problems.append(RowProblem(row, columns_named, _("The line names no NIK and no employee number.")))
        amount = _money(raw_amount, row, header_of["amount"], row_problems, required=True)
        wage = (
            _money(_cell(cells, at_wage), row, header_of.get("wage", ""), row_problems) if at_wage is not None else None
        )
        if row_problems:
            problems.extend(row_problems)
            continue
        if amount == 0:
            skipped.append(row)
            continue
        lines.append(Line(row, number, nik, person, wage, amount))
    if problems:
        raise DeductionFileRefused(
            _(
                "%(count)d cells of the file cannot be read; nothing was imported. "
                "Correct them and upload the file again."
            )
            % {"count": len(problems)},
            row_problems=problems,
        )
    if not lines:
        raise DeductionFileRefused(_("The file lists no deduction."))
    return DeductionFile(
        lines=lines,
        columns={name: header_of[name] for name in where},
        header_row=header_index + 1,
        skipped_rows=skipped,
    )


def _cell(cells: list[object], position: int | None) -> object:
    return cells[position] if position is not None and position < len(cells) else None


def _looks_like_total(cells: list[object]) -> bool:
    words = [normalise_header(c) for c in cells if isinstance(c, str) and c.strip()]
    return not words or any(w.startswith(_TOTAL_WORDS) for w in words)


def _money(value: object, row: int, column: str, problems: list[RowProblem], *, required: bool = False) -> int | None:
    """Whole Rupiah from a number cell or text ("Rp 51.235", "51,235.00", "51.235,-")."""
    if type(value) is int:
        amount_int = value
        if 0 <= amount_int <= MAX_AMOUNT:
            return amount_int
    elif type(value) is str and value.isdigit() and value.isascii() and len(value) <= 12:
        return int(value)  # the usual CSV cell
    elif type(value) is float and value.is_integer() and 0 <= value <= MAX_AMOUNT:
        return int(value)  # the usual spreadsheet number cell
    if value is None or (isinstance(value, str) and not clean_text(value)):
        if required:
            problems.append(RowProblem(row, column, _("The amount is missing.")))
        return None
    if is_number_cell(value):
        amount: Decimal | None = Decimal(str(value))
    else:
        text = _CURRENCY.sub("", clean_text(value)).replace(" ", "")
        negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
        amount = _amount_from_text(text.strip("-()"))
        if amount is not None and negative:
            amount = -amount
    if amount is None:
        problems.append(
            RowProblem(row, column, _("%(text)s is not an amount in Rupiah.") % {"text": clean_text(value)})
        )
        return None
    if amount < 0:
        problems.append(RowProblem(row, column, _("%(text)s is negative.") % {"text": clean_text(value)}))
        return None
    if amount != amount.to_integral_value():
        problems.append(
            RowProblem(row, column, _("%(text)s is not a whole number of Rupiah.") % {"text": clean_text(value)})
        )
        return None
    if amount > MAX_AMOUNT:
        problems.append(RowProblem(row, column, _("%(text)s is too large.") % {"text": clean_text(value)}))
        return None
    return int(amount)
