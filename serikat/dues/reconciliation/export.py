"""A remittance as an xlsx workbook: its lines, its exceptions and its transfers, one sheet each.

Streamed row by row (XlsxWriter's constant memory mode), so 200,000 lines take little memory. Text
a spreadsheet could run as a formula is neutralised as in the member exports
(serikat.membership.exports.neutralise)."""

from __future__ import annotations

import tempfile
from typing import IO, Any

import xlsxwriter
from django.utils.translation import gettext as _

from serikat.dues.models import BankTransfer, ReconciliationException, Remittance, RemittanceLine
from serikat.membership.exports import neutralise


def write_remittance_xlsx(remittance: Remittance, handle: IO[bytes]) -> dict[str, int]:
    workbook = xlsxwriter.Workbook(
        handle,
        {"constant_memory": True, "tmpdir": tempfile.gettempdir(), "strings_to_formulas": False, "in_memory": False},
    )
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0"})
    outcomes = dict(RemittanceLine.Outcome.choices)
    kinds = dict(ReconciliationException.Kind.choices)
    statuses = dict(ReconciliationException.Status.choices)
    actions = dict(ReconciliationException.Action.choices)

    def sheet_of(title: str, header: list[str]) -> Any:
        sheet = workbook.add_worksheet(title[:31])
        for col, text in enumerate(header):
            sheet.write_string(0, col, neutralise(str(text)), bold)
        sheet.freeze_panes(1, 0)
        return sheet

    def put(sheet: Any, row: int, values: list[Any]) -> None:
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, int):
                sheet.write_number(row, col, value, money)
            else:
                sheet.write_string(row, col, neutralise(str(value)))

    lines = sheet_of(
        _("Lines"),
        [_("Row"), _("Employee number"), _("NIK"), _("Name"), _("Wage"), _("Deducted"), _("Expected"), _("Outcome")],
    )
    count_lines = 0
    for values in (
        RemittanceLine.objects.filter(remittance=remittance)
        .order_by("row", "id")
        .values_list(
            "row", "employee_number", "nik", "name", "wage_amount", "deducted_amount", "expected_amount", "outcome"
        )
        .iterator(chunk_size=5000)
    ):
        count_lines += 1
        row = [values[0], values[1], values[2], values[3], *(_int(v) for v in values[4:7]), outcomes.get(values[7])]
        put(lines, count_lines, row)
    exceptions = sheet_of(
        _("Exceptions"),
        [_("Kind"), _("Row"), _("NIK"), _("Name"), _("Amount"), _("Expected"), _("Status"), _("Action"), _("Note")],
    )
    count_exceptions = 0
    for values in (
        ReconciliationException.objects.filter(remittance=remittance)
        .order_by("status", "id")
        .values_list(
            "kind", "line__row", "line__nik", "membership__member__nik", "line__name", "membership__member__full_name",
            "amount", "expected_amount", "status", "action", "note",
        )
        .iterator(chunk_size=5000)
    ):  # fmt: skip
        count_exceptions += 1
        kind, row, line_nik, member_nik, line_name, member_name, amount, expected, status, action, note = values
        put(
            exceptions,
            count_exceptions,
            [
                kinds.get(kind),
                row,
                line_nik or member_nik,
                line_name or member_name,
                _int(amount),
                _int(expected),
                statuses.get(status),
                actions.get(action, ""),
                note,
            ],
        )
    transfers = sheet_of(_("Transfers"), [_("Received on"), _("Amount"), _("Bank reference")])
    for index, (received_on, amount, reference) in enumerate(
        BankTransfer.objects.filter(remittance=remittance)
        .order_by("received_on", "id")
        .values_list("received_on", "amount", "reference"),
        start=1,
    ):
        put(transfers, index, [received_on.isoformat(), _int(amount), reference])
    workbook.close()
    return {"lines": count_lines, "exceptions": count_exceptions}


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
