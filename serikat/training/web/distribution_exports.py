"""Exports of distribution: the coverage view and consignments, as CSV or Excel (xlsx).

`export_distribution()` is the one door, shared by the screens and the API: it records
`training.distribution_exported` (what, the format, the filters and the row count) before a byte
of the file is made, at the chosen unit or at each root of the actor's scope, so the export is on
the record even if the download breaks off. Every text cell that a spreadsheet could run as a
formula is neutralised (the member exports' rule, serikat.membership.exports). The rows come from
the same selectors as the screens, so an export holds nothing the actor could not see.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_events
from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden
from serikat.core.scoping import scope_of
from serikat.membership.exports import CONTENT_TYPES, FORMATS, neutralise
from serikat.organisation.models import Unit
from serikat.training import events
from serikat.training.models import Consignment, Package, Rendition
from serikat.training.querysets import STEP
from serikat.training.selectors_distribution import CoverageFilters, coverage_state, coverage_units


@dataclass
class ExportFile:
    filename: str
    content_type: str
    content: bytes
    rows: int


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    # The byte-order mark lets Excel open the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
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
            if isinstance(cell, int):
                sheet.write_number(number, col, cell)
            elif cell != "":
                sheet.write_string(number, col, cell)
    workbook.close()
    return buffer.getvalue()


# --- what is exported ----------------------------------------------------------------------------


def coverage_rows(actor: Any, package: Package, filters: CoverageFilters) -> tuple[list[str], list[list[Any]]]:
    """The coverage view's units (all pages) in tree order: one query."""
    labels = {"current": _("Current edition"), "older": _("Only an older edition"), "none": _("None")}
    header = [_("Unit code"), _("Unit"), _("Level"), _("Federation"), _("Holds"), _("On the way")]
    units = coverage_units(actor, package, filters).select_related("level").order_by("path")
    federations: dict[str, str] = {}
    rows = []
    for unit in units:
        if unit.depth == 2:
            federations[unit.path] = unit.code
        rows.append(
            [
                unit.code,
                unit.name,
                unit.level.code,
                unit.path[: 2 * STEP],
                str(labels[coverage_state(unit)]),
                str(_("yes")) if unit.in_transit else "",
            ]
        )
    # Federations by code: one look-up of the paths the rows name.
    paths = {row[3] for row in rows} - set(federations)
    federations.update(dict(Unit.objects.filter(path__in=paths).values_list("path", "code")))
    for row in rows:
        row[3] = federations.get(row[3], "")
    return [str(h) for h in header], rows


def consignment_rows(rows: Any) -> tuple[list[str], list[list[Any]]]:
    """Consignments (a queryset from `selectors_distribution.consignments`), newest first."""
    header = [
        _("Number"),
        _("Package"),
        _("Edition"),
        _("Document"),
        _("From (code)"),
        _("From"),
        _("To (code)"),
        _("To"),
        _("Copies"),
        _("Status"),
        _("Shipped on"),
        _("Carrier and reference"),
        _("Received on"),
        _("Copies received"),
        _("Note on receipt"),
    ]
    documents = dict(Rendition.Kind.choices)
    statuses = dict(Consignment.Status.choices)
    out = [
        [
            row.pk,
            row.edition.package.title,
            row.edition.number,
            str(documents.get(row.kind, row.kind)),
            row.from_unit.code,
            row.from_unit.name,
            row.to_unit.code,
            row.to_unit.name,
            row.quantity,
            str(statuses.get(row.status, row.status)),
            row.shipped_on,
            row.carrier,
            row.received_on,
            row.received_quantity,
            row.receipt_note,
        ]
        for row in rows.order_by("-id")
    ]
    return [str(h) for h in header], out


def export_distribution(
    actor: Any,
    *,
    what: str,
    fmt: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    unit: Unit | None,
    filters: dict[str, Any],
    title: str,
) -> ExportFile:
    """Record training.distribution_exported, then make the file. `unit` is where the export is
    recorded (the unit the rows were narrowed to); without one, each root of the actor's scope."""
    if fmt not in FORMATS:
        raise DomainError(_("Choose CSV or Excel."), field="format")
    scope = scope_of(actor, perms.VIEW_PACKAGE)
    if scope.is_empty:
        raise Forbidden(_("None of your roles lets you see training distribution."))
    with transaction.atomic():
        units = [unit] if unit is not None else list(Unit.objects.filter(path__in=scope.paths))
        data = {"what": what, "format": fmt, "filters": filters, "rows": len(rows)}
        record_events(
            [
                build_event(
                    actor=actor,
                    kind=events.DISTRIBUTION_EXPORTED,
                    unit=place,
                    object_label=_("%(what)s, %(count)s rows") % {"what": title, "count": len(rows)},
                    data=data,
                )
                for place in units
            ]
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    content = _csv(header, rows) if fmt == "csv" else _xlsx(header, rows, title)
    return ExportFile(f"training-{what}-{stamp}.{fmt}", CONTENT_TYPES[fmt], content, len(rows))
