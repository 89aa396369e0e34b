"""Exports of the dues reports (arrears, allocation per recipient, levies) as CSV or Excel.

`export_report()` is the one door: it requires dues.export_dues (the caller has already narrowed the
rows with that permission), records dues.dues_exported with the report, its filters and the row
count before the file is made, and neutralises every text cell a spreadsheet could run as a formula
(the member exports' rule). The reports are union- or month-level, so the files are small and made
in memory.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_events
from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden
from serikat.core.scoping import scope_of
from serikat.dues import events
from serikat.membership.exports import CONTENT_TYPES, FORMATS, neutralise


@dataclass
class ReportFile:
    filename: str
    content_type: str
    content: bytes
    rows: int


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    return neutralise(str(value))


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(title[:31])
    for col, text in enumerate(header):
        sheet.write_string(0, col, neutralise(str(text)), bold)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            cell = _cell(value)
            if isinstance(cell, int) and not isinstance(cell, bool):
                sheet.write_number(number, col, cell)
            elif cell != "":
                sheet.write_string(number, col, cell)
    workbook.close()
    return buffer.getvalue()


def export_report(
    actor: Any,
    *,
    report: str,
    fmt: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    unit: Any,
    filters: dict[str, Any],
) -> ReportFile:
    """Record dues.dues_exported (report, format, filters, rows) at `unit`, then make the file."""
    if fmt not in FORMATS:
        raise DomainError(_("Choose CSV or Excel."), field="format")
    if scope_of(actor, perms.EXPORT_DUES).is_empty:
        raise Forbidden(_("None of your roles lets you export dues reports."))
    with transaction.atomic():
        record_events(
            [
                build_event(
                    actor=actor,
                    kind=events.DUES_EXPORTED,
                    unit=unit,
                    object_label=_("%(report)s, %(count)s rows") % {"report": report, "count": len(rows)},
                    data={"report": report, "format": fmt, "filters": filters, "rows": len(rows)},
                )
            ]
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    content = _csv(header, rows) if fmt == "csv" else _xlsx(header, rows, report)
    return ReportFile(f"dues-{report}-{stamp}.{fmt}", CONTENT_TYPES[fmt], content, len(rows))
