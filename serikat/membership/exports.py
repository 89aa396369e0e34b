"""Exports of member lists: CSV or Excel (xlsx) of any scoped, filtered list, audited.

`export_members(actor, filters, fmt)` is the one door (the web screen and the REST API both call it):

* it requires `membership.export_members`, and exports only memberships in the actor's scope for
  that permission, narrowed by the same `MemberFilters` as the list on the screen (search included);
* it records `membership.members_exported` with the filters and the number of rows *before* the first
  byte goes out, so an export that is interrupted is still on the record;
* it streams: CSV row by row, xlsx through XlsxWriter's constant-memory mode into a temporary file
  that is then sent in chunks, so two million rows never sit in memory;
* every text cell that a spreadsheet could read as a formula (starting with = + - @, a tab or a
  carriage return) is neutralised with a leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import datetime
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_events
from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden
from serikat.core.scoping import scope_of
from serikat.membership import events
from serikat.membership.models import Membership
from serikat.membership.selectors import SEARCH_LIMIT, MemberFilters, classify, filtered, name_scopes, search_names
from serikat.organisation.models import Gender, Sector, Unit

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_ROWS_PER_SHEET = 1_000_000  # Excel stops at 1,048,576 rows: a longer list continues on a new sheet
CHUNK_ROWS = 2000
FILE_CHUNK = 64 * 1024


def neutralise(value: str) -> str:
    """A text cell that a spreadsheet would not run as a formula: a leading apostrophe if needed."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


@dataclass
class MemberExport:
    """A prepared export: the audit event is already recorded; `chunks` yields the file's bytes once."""

    filename: str
    content_type: str
    row_count: int
    chunks: Iterator[bytes]


# --- the columns ------------------------------------------------------------------------------

# Read as plain tuples (values_list), not model instances: a province's 400,000 rows stream several
# times faster. The two sector columns become one ("the workplace's, else the employer's").
FIELDS = (
    "member__nik",
    "member__full_name",
    "member__gender",
    "member__birth_date",
    "member__birth_place",
    "member__phone",
    "member__email",
    "member__address",
    "unit__code",
    "unit__name",
    "status",
    "kta_number",
    "joined_on",
    "activated_on",
    "ended_on",
    "end_reason",
    "employer__name",
    "workplace__name",
    "workplace__sector_id",
    "employer__sector_id",
    "employee_number",
    "employment_status",
    "job_title",
    "department",
    "monthly_wage_amount",
)
_SECTOR_AT = FIELDS.index("workplace__sector_id")


def _headers() -> list[str]:
    return [
        str(h)
        for h in (
            _("NIK"),
            _("Full name"),
            _("Gender"),
            _("Birth date"),
            _("Birth place"),
            _("Phone"),
            _("Email"),
            _("Address"),
            _("Unit code"),
            _("Unit"),
            _("Status"),
            _("KTA number"),
            _("Joined on"),
            _("Activated on"),
            _("Ended on"),
            _("Reason for ending"),
            _("Employer"),
            _("Workplace"),
            _("Sector"),
            _("Employee number"),
            _("Employment status"),
            _("Job"),
            _("Department"),
            _("Monthly wage (Rp)"),
        )
    ]


def _converter() -> Callable[[tuple[Any, ...]], list[Any]]:
    """Turns a FIELDS tuple into the cells of one row: choices as their labels and sectors by name,
    fixed in the language of this request (the file is written later, while the response streams)."""
    labels = {
        FIELDS.index("member__gender"): {v: str(label) for v, label in Gender.choices},
        FIELDS.index("status"): {v: str(label) for v, label in Membership.Status.choices},
        FIELDS.index("end_reason"): {v: str(label) for v, label in Membership.EndReason.choices},
        FIELDS.index("employment_status"): {v: str(label) for v, label in Membership.Employment.choices},
    }
    sectors = {sector.pk: str(sector) for sector in Sector.objects.all()}

    def convert(values: tuple[Any, ...]) -> list[Any]:
        cells = list(values)
        for at, names in labels.items():
            if cells[at]:
                cells[at] = names.get(cells[at], cells[at])
        workplace_sector, employer_sector = cells[_SECTOR_AT], cells[_SECTOR_AT + 1]
        cells[_SECTOR_AT : _SECTOR_AT + 2] = [sectors.get(workplace_sector or employer_sector, "")]
        return cells

    return convert


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


# --- rows -------------------------------------------------------------------------------------


def _rows(actor: Any, filters: MemberFilters) -> tuple[Iterable[tuple[Any, ...]], int]:
    """The rows to export (FIELDS tuples) and how many there are. The list's search applies too: an
    exact NIK, KTA or phone narrows the list; a name gives the same ranked matches as the screen."""
    rows = filtered(actor, filters, permission=perms.EXPORT_MEMBERS)
    if filters.q.strip():
        kind, value = classify(filters.q)
        if kind == "name":
            scopes = name_scopes(actor, filters, permission=perms.EXPORT_MEMBERS)
            ranked = [m.pk for m in search_names(rows, value, limit=SEARCH_LIMIT, scopes=scopes)]
            values = {row[0]: row[1:] for row in Membership.objects.filter(pk__in=ranked).values_list("pk", *FIELDS)}
            return [values[pk] for pk in ranked], len(ranked)
        lookup = {
            "nik": {"member__nik": value},
            "phone": {"member__phone": value},
            "kta": {"kta_number__iexact": value},
        }
        rows = rows.filter(**lookup[kind])
    summary = rows.aggregate(count=Count("pk"), top=Max("pk"))
    if not summary["count"]:
        return [], 0
    # Rows registered while the file is written are left out, so the file matches the recorded count.
    bounded = rows.filter(pk__lte=summary["top"]).order_by("-pk").values_list(*FIELDS)
    return bounded.iterator(chunk_size=CHUNK_ROWS), summary["count"]


# --- writers ----------------------------------------------------------------------------------


class _Line:
    """A file-like object csv.writer writes one line into, handed back at once."""

    def write(self, value: str) -> str:
        return value


def _csv_chunks(
    header: list[str], convert: Callable[[tuple[Any, ...]], list[Any]], rows: Iterable[tuple[Any, ...]]
) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    # The byte-order mark lets Excel open the file as UTF-8 (names with accents, ñ, é).
    buffer = ["\ufeff", writer.writerow([neutralise(h) for h in header])]
    for number, values in enumerate(rows, start=1):
        buffer.append(writer.writerow([_text(cell) for cell in convert(values)]))
        if number % 500 == 0:
            yield "".join(buffer).encode("utf-8")
            buffer = []
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _xlsx_chunks(
    header: list[str],
    convert: Callable[[tuple[Any, ...]], list[Any]],
    rows: Iterable[tuple[Any, ...]],
    sheet_title: str,
) -> Iterator[bytes]:
    import xlsxwriter

    handle, path = tempfile.mkstemp(prefix="serikat-export-", suffix=".xlsx")
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(
            path, {"constant_memory": True, "tmpdir": tempfile.gettempdir(), "strings_to_formulas": False}
        )
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheets = 0

        def new_sheet() -> Any:
            nonlocal sheets
            sheets += 1
            sheet = workbook.add_worksheet(sheet_title if sheets == 1 else f"{sheet_title} {sheets}")
            for col, title in enumerate(header):
                sheet.write_string(0, col, neutralise(title), bold)
            sheet.freeze_panes(1, 0)
            return sheet

        sheet, row = new_sheet(), 0
        for values in rows:
            row += 1
            if row > XLSX_ROWS_PER_SHEET:
                sheet, row = new_sheet(), 1
            for col, value in enumerate(convert(values)):
                if value is None or value == "":
                    continue
                if isinstance(value, datetime.date):
                    sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), day)
                elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                    sheet.write_number(row, col, float(value))
                else:
                    sheet.write_string(row, col, neutralise(str(value)))
        workbook.close()
        with open(path, "rb") as file:
            while chunk := file.read(FILE_CHUNK):
                yield chunk
    finally:
        os.unlink(path)


# --- the service ------------------------------------------------------------------------------


def _filters_record(filters: MemberFilters) -> dict[str, Any]:
    """The filters as the audit log keeps them: only those set, units and sectors by code."""
    record: dict[str, Any] = {
        "q": filters.q.strip(),
        "unit": filters.unit.code if filters.unit is not None else "",
        "statuses": list(filters.statuses),
        "gender": filters.gender,
        "age_from": filters.age_from,
        "age_to": filters.age_to,
        "employment_status": filters.employment_status,
        "sector": filters.sector.code if filters.sector is not None else "",
        "joined_from": filters.joined_from.isoformat() if filters.joined_from else "",
        "joined_to": filters.joined_to.isoformat() if filters.joined_to else "",
    }
    return {key: value for key, value in record.items() if value not in ("", [], None)}


def export_members(actor: Any, filters: MemberFilters, fmt: str) -> MemberExport:
    """Prepare an export of the actor's member list narrowed by `filters`, as "csv" or "xlsx".

    Refuses (403) an actor without membership.export_members anywhere. `filters.unit`, when set,
    must come from an access function (it is intersected with the export scope in any case).
    Records one membership.members_exported event per unit the export covers (the filter's unit,
    or each top unit of the actor's export scope) with the format, filters and row count, then
    returns the file as a stream of bytes.
    """
    if fmt not in FORMATS:
        raise DomainError(_("Choose CSV or Excel."), field="format")
    scope = scope_of(actor, perms.EXPORT_MEMBERS)
    if scope.is_empty:
        raise Forbidden(_("None of your roles lets you export member lists."))
    header = _headers()
    convert = _converter()
    with transaction.atomic():
        rows, count = _rows(actor, filters)
        units = [filters.unit] if filters.unit is not None else list(Unit.objects.filter(path__in=scope.paths))
        data = {"format": fmt, "filters": _filters_record(filters), "rows": count}
        record_events(
            [
                build_event(
                    actor=actor,
                    kind=events.MEMBERS_EXPORTED,
                    unit=unit,
                    object_label=_("%(count)s members") % {"count": count},
                    data=data,
                )
                for unit in units
            ]
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        chunks = _csv_chunks(header, convert, rows)
    else:
        chunks = _xlsx_chunks(header, convert, rows, str(_("Members")))
    return MemberExport(
        filename=f"members-{stamp}.{fmt}", content_type=CONTENT_TYPES[fmt], row_count=count, chunks=chunks
    )
