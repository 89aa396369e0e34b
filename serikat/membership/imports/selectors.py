"""Read models of the import screens and endpoints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from serikat.core import permissions as perms
from serikat.membership.imports.pipeline import CHANGE
from serikat.membership.models import ImportBatch, ImportProblem

RECENT_LIMIT = 50
PREVIEW_LIMIT = 100


def visible_imports(actor: Any) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.visible_to(actor, perms.VIEW_MEMBER).select_related("unit", "uploaded_by")


@dataclass
class Capped:
    rows: list[Any]
    more: bool


def recent_imports(actor: Any, *, limit: int = RECENT_LIMIT) -> Capped:
    """The latest imports the actor may see, newest first: the first `limit` and whether there are more."""
    rows = list(visible_imports(actor).order_by("-id")[: limit + 1])
    return Capped(rows[:limit], len(rows) > limit)


def first_problems(batch: ImportBatch, *, limit: int = PREVIEW_LIMIT) -> Capped:
    """Errors and warnings in row order."""
    rows = list(batch.problems.exclude(code=CHANGE).order_by("row", "id")[: limit + 1])
    return Capped(rows[:limit], len(rows) > limit)


def first_changes(batch: ImportBatch, *, limit: int = PREVIEW_LIMIT) -> Capped:
    rows = list(batch.problems.filter(code=CHANGE).order_by("row", "id")[: limit + 1])
    return Capped(rows[:limit], len(rows) > limit)


def progress_percent(batch: ImportBatch) -> int:
    if batch.status in (ImportBatch.Status.CHECKED, ImportBatch.Status.COMMITTED):
        return 100
    if not batch.rows_total:
        return 0
    return min(99, int(100 * batch.rows_done / batch.rows_total))


def is_running(batch: ImportBatch) -> bool:
    return batch.status in (ImportBatch.Status.CHECKING, ImportBatch.Status.COMMITTING)


def earlier_import_of_same_file(batch: ImportBatch) -> ImportBatch | None:
    """The last committed import of the very same file into the same unit (it will change nothing)."""
    return (
        ImportBatch.objects.filter(
            unit_id=batch.unit_id, file_sha256=batch.file_sha256, status=ImportBatch.Status.COMMITTED
        )
        .exclude(pk=batch.pk)
        .order_by("-id")
        .first()
    )


def problems_of(batch: ImportBatch, kind: str = "") -> QuerySet[ImportProblem]:
    """'error', 'warning', 'change', or '' for all."""
    rows = batch.problems.all()
    if kind == "error":
        rows = rows.filter(is_error=True)
    elif kind == "warning":
        rows = rows.filter(is_error=False).exclude(code=CHANGE)
    elif kind == "change":
        rows = rows.filter(code=CHANGE)
    return rows
