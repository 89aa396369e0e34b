"""REST endpoints of member imports.

Upload a file for a union (multipart), follow the batch while its check runs (status, progress,
counts), page through its problems, say what unrecognised columns hold, then commit or cancel.
Check and commit run in the background: they answer 202 and the batch's `status` and `progress`
tell when they are done. Seeing a batch needs membership.view_member over its unit; acting on it
needs membership.import_members.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import DomainError
from serikat.membership import services_imports as services
from serikat.membership.imports import selectors
from serikat.membership.imports.access import access_import
from serikat.membership.imports.headers import FIELDS, IGNORE
from serikat.membership.models import ImportBatch
from serikat.organisation.access import access_unit

router = Router(tags=["imports"])

BatchStatus = Literal["uploaded", "checking", "checked", "committing", "committed", "failed", "cancelled"]


class UnitRef(Schema):
    id: int
    code: str
    name: str


class Progress(Schema):
    rows_done: int = Field(description="Rows read so far in the running or last step; a commit resumes after it.")
    rows_total: int = Field(description="Rows of the file (an estimate until the first full read).")
    percent: int


class ImportCounts(Schema):
    phase: Literal["check", "commit"] | None = Field(None, description="check: what a commit would do; commit: done.")
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = Field(0, description="Rows left out because of an error.")
    warnings: int = 0
    conflicts: int = Field(0, description="Dual memberships recorded (or to be recorded).")


class ColumnOut(Schema):
    index: int = Field(description="0-based position of the column.")
    header: str
    field: str | None = Field(description='The member field it fills; "" when left out; null when not recognised.')


class ImportOut(Schema):
    id: int
    unit: UnitRef
    filename: str
    file_format: str
    file_sha256: str
    status: BatchStatus
    progress: Progress
    counts: ImportCounts
    header_row: int = Field(description="1-based row of the header in the sheet.")
    columns: list[ColumnOut]
    needs_mapping: bool = Field(description="Some columns are not recognised: answer with PUT .../columns.")
    error: str
    uploaded_by: str
    created_at: datetime.datetime
    committed_at: datetime.datetime | None


class ProblemOut(Schema):
    id: int
    row: int = Field(description="The row as the spreadsheet numbers it.")
    column: str = Field(description="The column's header in the file.")
    code: str
    message: str
    is_error: bool = Field(
        description="An error leaves the row out; a warning keeps it. Code 'change' previews a change."
    )


class ImportFilters(PageParams):
    unit: int | None = Field(None, description="Imports into this union.")
    status: BatchStatus | None = None


class ProblemFilters(PageParams):
    kind: Literal["error", "warning", "change"] | None = Field(None, description="Only errors, warnings or changes.")


class ColumnsIn(Input):
    columns: dict[int, str] = Field(
        description='Column index -> member field ("" to leave it out). Columns not named keep their reading.',
        examples=[{"0": "", "3": "phone"}],
    )
    remember: bool = Field(True, description="Remember for the union's next file with the same header row.")


def _out(batch: ImportBatch) -> dict[str, Any]:
    layout = services.layout_of(batch)
    unknown = set(layout.unknown)
    return {
        "id": batch.pk,
        "unit": batch.unit,
        "filename": batch.filename,
        "file_format": batch.file_format,
        "file_sha256": batch.file_sha256,
        "status": batch.status,
        "progress": {
            "rows_done": batch.rows_done,
            "rows_total": batch.rows_total,
            "percent": selectors.progress_percent(batch),
        },
        "counts": batch.counts or {},
        "header_row": layout.header_row + 1,
        "columns": [
            {"index": i, "header": header, "field": None if i in unknown else layout.columns.get(i, IGNORE)}
            for i, header in enumerate(layout.headers)
            if header
        ],
        "needs_mapping": not layout.is_complete,
        "error": batch.error,
        "uploaded_by": batch.uploaded_by.get_username(),
        "created_at": batch.created_at,
        "committed_at": batch.committed_at,
    }


def _fresh(batch: ImportBatch) -> dict[str, Any]:
    batch.refresh_from_db()
    return _out(batch)


@router.get(
    "/imports",
    response={200: page_of(ImportOut), **errors(404, 422)},
    summary="List member imports",
    description="Imports into unions you may see members of, newest first.",
)
def list_imports(request: HttpRequest, filters: Query[ImportFilters]) -> Any:
    actor = actor_of(request)
    rows = selectors.visible_imports(actor)
    if filters.unit is not None:
        unit = resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_MEMBER)
        rows = rows.filter(unit=unit)
    if filters.status:
        rows = rows.filter(status=filters.status)
    page = keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_out(batch) for batch in page["items"]]
    return page


@router.post(
    "/units/{unit_id}/imports",
    response={201: ImportOut, **errors(400, 403, 404, 422)},
    summary="Upload a member list",
    description="multipart/form-data with `file` (xlsx, xls, ods or csv). The header row is found and "
    "read; if every column is recognised the check (a dry run) starts at once, otherwise `needs_mapping` "
    "is true. Needs membership.import_members over the union.",
)
def upload_import(request: HttpRequest, unit_id: int, file: File[UploadedFile] = None) -> Any:  # type: ignore[assignment]
    actor = actor_of(request)
    unit = resolve("path.unit_id", access_unit, actor, unit_id, permission=perms.IMPORT_MEMBERS)
    if file is None:
        raise DomainError(_("Attach the member list as the multipart field `file`."), field="body.file")
    batch = services.upload_member_file(actor=actor, unit=unit, file=file, filename=file.name)
    return Status(201, _fresh(batch))


@router.get(
    "/imports/{batch_id}",
    response={200: ImportOut, **errors(404)},
    summary="Get a member import",
    description="Status, progress (poll while `checking` or `committing`) and counts.",
)
def get_import(request: HttpRequest, batch_id: int) -> Any:
    return _out(access_import(actor_of(request), batch_id))


@router.get(
    "/imports/{batch_id}/problems",
    response={200: page_of(ProblemOut), **errors(404, 422)},
    summary="List the problems of a member import",
    description="In row order: errors (row left out), warnings (row kept) and, with code `change`, each "
    "change to a recorded member.",
)
def list_import_problems(request: HttpRequest, batch_id: int, filters: Query[ProblemFilters]) -> Any:
    batch = access_import(actor_of(request), batch_id)
    rows = selectors.problems_of(batch, filters.kind or "")
    return keyset_page(request, rows, order=("row", "id"), cursor=filters.cursor, limit=filters.limit)


@router.put(
    "/imports/{batch_id}/columns",
    response={202: ImportOut, **errors(400, 403, 404, 409, 422)},
    summary="Say what the columns of a member import hold",
    description="Field names: " + ", ".join(FIELDS) + '; "" leaves a column out. Starts the check.',
)
def map_import(request: HttpRequest, batch_id: int, payload: ColumnsIn) -> Any:
    actor = actor_of(request)
    batch = access_import(actor, batch_id, permission=perms.IMPORT_MEMBERS)
    batch = services.map_import_columns(actor=actor, batch=batch, columns=payload.columns, remember=payload.remember)
    return Status(202, _fresh(batch))


@router.post(
    "/imports/{batch_id}/check",
    response={202: ImportOut, **errors(400, 403, 404, 409)},
    summary="Check a member import again (dry run)",
    description="Reads every row and records what a commit would do and every problem; saves no member.",
)
def check_import(request: HttpRequest, batch_id: int) -> Any:
    actor = actor_of(request)
    batch = access_import(actor, batch_id, permission=perms.IMPORT_MEMBERS)
    return Status(202, _fresh(services.check_import(actor=actor, batch=batch)))


@router.post(
    "/imports/{batch_id}/commit",
    response={202: ImportOut, **errors(400, 403, 404, 409)},
    summary="Save the members of an import",
    description="Saves in portions; a commit that stopped (status `failed` with rows done) resumes after the "
    "last saved portion. Importing the same file again changes nothing.",
)
def commit_import(request: HttpRequest, batch_id: int) -> Any:
    actor = actor_of(request)
    batch = access_import(actor, batch_id, permission=perms.IMPORT_MEMBERS)
    return Status(202, _fresh(services.commit_import(actor=actor, batch=batch)))


@router.post(
    "/imports/{batch_id}/cancel",
    response={200: ImportOut, **errors(403, 404, 409)},
    summary="Cancel a member import",
    description="Only before anything is saved; a partly saved import can only be resumed.",
)
def cancel_import(request: HttpRequest, batch_id: int) -> Any:
    actor = actor_of(request)
    batch = access_import(actor, batch_id, permission=perms.IMPORT_MEMBERS)
    return _fresh(services.cancel_import(actor=actor, batch=batch))
