"""REST endpoints of remittances: an employer's check-off for a union and month.

List the remittances of the unions you may see (filters: union, month, status, employer; keyset
pages), get one with its transfers, page through its lines (filter: outcome) and its exceptions
(filters: status, kind), upload a deduction file for a union (multipart), record a bank transfer,
resolve an exception. Seeing needs dues.view_dues over the union; uploading, recording and
resolving need dues.reconcile. The rules are docs/dues.md, section 3.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import DomainError, NotFound
from serikat.dues import selectors_remittances as selectors
from serikat.dues import services_remittances as services
from serikat.dues.access import access_dues_unit, access_exception, access_remittance
from serikat.dues.models import BankTransfer, ReconciliationException, Remittance, RemittanceLine
from serikat.dues.money import parse_month

router = Router(tags=["dues"])

Outcome = Literal["matched", "not_member", "no_authorisation", "amount_differs", "wage_missing", "duplicate"]
ExceptionKind = Literal[
    "not_member", "no_authorisation", "not_deducted", "amount_differs", "wage_missing", "duplicate",
    "transfer_mismatch", "late",
]  # fmt: skip
Action = Literal["refund", "accept", "chase_employer", "member_updated", "waive"]
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class UnitRef(Schema):
    id: int
    code: str
    name: str


class EmployerRef(Schema):
    id: int
    name: str


class TransferOut(Schema):
    id: int
    received_on: datetime.date
    amount: int
    reference: str
    late: bool = Field(description="Received after the 10th of the following month.")
    recorded_by: str
    created_at: datetime.datetime


class RemittanceOut(Schema):
    id: int
    unit: UnitRef
    employer: EmployerRef
    month: str = Field(description="YYYY-MM")
    status: Literal["open", "reconciled"]
    filename: str
    file_sha256: str
    lines_count: int
    deducted_amount: int = Field(description="The file total (lawful deductions and those to refund).")
    expected_amount: int = Field(description="The policy's dues of the authorised members who owed the month.")
    received_amount: int = Field(description="The transfers recorded.")
    refund_amount: int = Field(description="Deducted from people who were not active members or had no authorisation.")
    outcome_counts: dict[str, int] = Field(description="Lines per outcome, and `not_deducted` members.")
    reconciled_at: datetime.datetime | None
    uploaded_by: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class RemittanceDetailOut(RemittanceOut):
    payment_deadline: datetime.date
    transfers: list[TransferOut]


class ImportedOut(RemittanceOut):
    unchanged: bool = Field(description="The same file again: nothing was written.")


class LineOut(Schema):
    id: int
    row: int = Field(description="The row as the spreadsheet numbers it.")
    employee_number: str
    nik: str
    name: str
    wage_amount: int | None
    deducted_amount: int
    expected_amount: int | None
    membership: int | None
    outcome: Outcome


class ExceptionOut(Schema):
    id: int
    remittance: int
    kind: ExceptionKind
    status: Literal["open", "resolved"]
    row: int | None = Field(description="The line's row, for exceptions about a line.")
    membership: int | None
    nik: str
    name: str
    amount: int | None
    expected_amount: int | None
    action: str
    note: str
    resolved_by: str | None
    resolved_at: datetime.datetime | None


class RemittanceFilters(PageParams):
    unit: int | None = Field(None, description="Remittances of this union.")
    month: str | None = Field(None, description="YYYY-MM", pattern=r"^\d{4}-\d{2}$")
    status: Literal["open", "reconciled"] | None = None
    employer: int | None = None


class LineFilters(PageParams):
    outcome: Outcome | None = None


class ExceptionFilters(PageParams):
    status: Literal["open", "resolved"] | None = None
    kind: ExceptionKind | None = None


class TransferIn(Input):
    received_on: datetime.date
    amount: int = Field(gt=0, description="Whole Rupiah.")
    reference: str = Field("", max_length=80)


class ResolveIn(Input):
    action: Action
    note: str = Field(max_length=200)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _out(remittance: Remittance) -> dict[str, Any]:
    return {
        "id": remittance.pk,
        "unit": remittance.unit,
        "employer": remittance.employer,
        "month": remittance.month.strftime("%Y-%m"),
        "status": remittance.status,
        "filename": remittance.filename,
        "file_sha256": remittance.file_sha256,
        "lines_count": remittance.lines_count,
        "deducted_amount": int(remittance.deducted_amount),
        "expected_amount": int(remittance.expected_amount),
        "received_amount": int(remittance.received_amount),
        "refund_amount": int(remittance.refund_amount),
        "outcome_counts": remittance.outcome_counts or {},
        "reconciled_at": remittance.reconciled_at,
        "uploaded_by": remittance.uploaded_by.get_username(),
        "created_at": remittance.created_at,
        "updated_at": remittance.updated_at,
    }


def _transfer_out(transfer: BankTransfer, deadline: datetime.date) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "received_on": transfer.received_on,
        "amount": int(transfer.amount),
        "reference": transfer.reference,
        "late": transfer.received_on > deadline,
        "recorded_by": transfer.recorded_by.get_username(),
        "created_at": transfer.created_at,
    }


def _detail(remittance: Remittance) -> dict[str, Any]:
    deadline = services.payment_deadline(remittance.month)
    transfers = [_transfer_out(t, deadline) for t in selectors.transfers_of(remittance)]
    return {**_out(remittance), "payment_deadline": deadline, "transfers": transfers}


def _line_out(line: RemittanceLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "row": line.row,
        "employee_number": line.employee_number,
        "nik": line.nik,
        "name": line.name,
        "wage_amount": _int(line.wage_amount),
        "deducted_amount": int(line.deducted_amount),
        "expected_amount": _int(line.expected_amount),
        "membership": line.membership_id,
        "outcome": line.outcome,
    }


def _exception_out(exception: ReconciliationException) -> dict[str, Any]:
    line, membership = exception.line, exception.membership
    person = membership.member if membership is not None else None
    return {
        "id": exception.pk,
        "remittance": exception.remittance_id,
        "kind": exception.kind,
        "status": exception.status,
        "row": line.row if line is not None else None,
        "membership": exception.membership_id,
        "nik": (line.nik if line is not None else "") or (person.nik if person else ""),
        "name": (line.name if line is not None else "") or (person.full_name if person else ""),
        "amount": _int(exception.amount),
        "expected_amount": _int(exception.expected_amount),
        "action": exception.action,
        "note": exception.note,
        "resolved_by": exception.resolved_by.get_username() if exception.resolved_by else None,
        "resolved_at": exception.resolved_at,
    }


def _fresh(remittance: Remittance) -> Remittance:
    return Remittance.objects.select_related("unit", "employer", "uploaded_by").get(pk=remittance.pk)


@router.get(
    "/remittances",
    response={200: page_of(RemittanceOut), **errors(404, 422)},
    summary="List remittances",
    description="The employers' check-offs of the unions you may see, newest month first.",
)
def list_remittances(request: HttpRequest, filters: Query[RemittanceFilters]) -> Any:
    actor = actor_of(request)
    unit = resolve("query.unit", access_dues_unit, actor, filters.unit) if filters.unit is not None else None
    month = parse_month(filters.month) if filters.month else None
    rows = selectors.visible_remittances(
        actor, unit=unit, month=month, status=filters.status, employer_id=filters.employer
    ).select_related("uploaded_by")
    page = keyset_page(request, rows, order=selectors.REMITTANCE_ORDER, cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_out(r) for r in page["items"]]
    return page


@router.get(
    "/remittances/{remittance_id}",
    response={200: RemittanceDetailOut, **errors(404)},
    summary="Get a remittance",
    description="Totals, outcome counts, status and the transfers received.",
)
def get_remittance(request: HttpRequest, remittance_id: int) -> Any:
    return _detail(_fresh(access_remittance(actor_of(request), remittance_id)))


@router.get(
    "/remittances/{remittance_id}/lines",
    response={200: page_of(LineOut), **errors(404, 422)},
    summary="List the lines of a remittance",
    description="In the file's row order; `outcome` keeps the lines of one outcome.",
)
def list_remittance_lines(request: HttpRequest, remittance_id: int, filters: Query[LineFilters]) -> Any:
    remittance = access_remittance(actor_of(request), remittance_id)
    rows = selectors.lines_of(remittance, filters.outcome)
    page = keyset_page(request, rows, order=selectors.LINE_ORDER, cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_line_out(line) for line in page["items"]]
    return page


@router.get(
    "/remittances/{remittance_id}/exceptions",
    response={200: page_of(ExceptionOut), **errors(404, 422)},
    summary="List the exceptions of a remittance",
    description="The queue to resolve: open ones first, then resolved ones.",
)
def list_remittance_exceptions(request: HttpRequest, remittance_id: int, filters: Query[ExceptionFilters]) -> Any:
    remittance = access_remittance(actor_of(request), remittance_id)
    rows = selectors.exceptions_of(remittance, status=filters.status, kind=filters.kind)
    page = keyset_page(request, rows, order=selectors.EXCEPTION_ORDER, cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_exception_out(e) for e in page["items"]]
    return page


@router.post(
    "/units/{unit_id}/remittances",
    response={201: ImportedOut, **errors(400, 403, 404, 422)},
    summary="Upload an employer's deduction file",
    description="multipart/form-data with `file` (xlsx, xls, ods or csv), `employer` (id) and `month` "
    "(YYYY-MM). The file is imported and reconciled at once; a file with unreadable cells is refused "
    "whole (400, each cell in `errors`). A new file for the same union, employer and month replaces "
    "the lines; the same file again changes nothing (`unchanged`). Needs dues.reconcile over the union.",
)
def upload_remittance(
    request: HttpRequest,
    unit_id: int,
    employer: Form[int | None] = None,  # type: ignore[assignment]
    month: Form[str | None] = None,  # type: ignore[assignment]
    file: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Any:
    actor = actor_of(request)
    unit = resolve("path.unit_id", access_dues_unit, actor, unit_id, permission=perms.RECONCILE_DUES)
    if file is None:
        raise DomainError(_("Attach the deduction file as the multipart field `file`."), field="body.file")
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES >> 20}, field="body.file")
    try:
        first_day = parse_month(month or "")
    except ValueError:
        raise DomainError(_("Write the month as YYYY-MM, e.g. 2026-03."), field="body.month") from None
    found = selectors.employers_of(unit).filter(pk=employer).first() if employer is not None else None
    if found is None:
        raise NotFound(_("Not an employer where this union organises."), field="body.employer")
    suffix = os.path.splitext(file.name or "")[1][:8]
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in file.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            imported = services.import_deductions(
                actor=actor, unit=unit, employer=found, month=first_day, path=handle.name, filename=file.name or ""
            )
        except DomainError as error:
            for problem in error.problems:
                problem.field = f"body.{problem.field}"
            raise
    return Status(201, {**_out(_fresh(imported.remittance)), "unchanged": imported.unchanged})


@router.post(
    "/remittances/{remittance_id}/transfers",
    response={201: TransferOut, **errors(400, 403, 404, 422)},
    summary="Record a bank transfer for a remittance",
    description="Transfers are compared with the file total; one received after the 10th of the "
    "following month makes the remittance late. Needs dues.reconcile.",
)
def record_remittance_transfer(request: HttpRequest, remittance_id: int, payload: TransferIn) -> Any:
    actor = actor_of(request)
    remittance = access_remittance(actor, remittance_id, permission=perms.RECONCILE_DUES)
    transfer = services.record_transfer(actor=actor, remittance=remittance, **payload.dict())
    transfer = BankTransfer.objects.select_related("recorded_by").get(pk=transfer.pk)
    return Status(201, _transfer_out(transfer, services.payment_deadline(remittance.month)))


@router.post(
    "/reconciliation-exceptions/{exception_id}/resolve",
    response={200: ExceptionOut, **errors(400, 403, 404, 409, 422)},
    summary="Resolve a reconciliation exception",
    description="With an action and a note. Accepting an amount-differs or wage-missing line counts its "
    "amount as paid; unlawful deductions cannot be accepted. Needs dues.reconcile.",
)
def resolve_remittance_exception(request: HttpRequest, exception_id: int, payload: ResolveIn) -> Any:
    actor = actor_of(request)
    exception = access_exception(actor, exception_id, permission=perms.RECONCILE_DUES)
    exception = services.resolve_exception(actor=actor, exception=exception, action=payload.action, note=payload.note)
    remittance = exception.remittance
    return _exception_out(selectors.exceptions_of(remittance).get(pk=exception.pk))
