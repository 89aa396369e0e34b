"""Use cases of member imports: upload a file, map its columns, check it (a dry run), commit it,
cancel it. Each takes the actor first, checks scope, writes, and records its audit event in the
same transaction; the long work (check and commit) runs in a background task enqueued on commit.

The flow: upload_member_file -> (map_import_columns when headers are not all recognised) ->
check_import -> commit_import. A commit may also start straight from an uploaded file (the command
line does, to read the file once). `import_file` runs the whole flow in-process, for the
`import_members` command and for benchmarks.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import uuid
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError
from serikat.core.scoping import require, scope_of
from serikat.membership import events
from serikat.membership.imports.headers import FIELDS, IGNORE, Layout, find_layout, headers_key, layout_for
from serikat.membership.imports.pipeline import Importer, Stopped, SystemActor
from serikat.membership.imports.readers import open_table, sniff_format
from serikat.membership.models import ColumnMapping, ImportBatch
from serikat.organisation.models import Unit

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 300 * 1024 * 1024  # a million rows of 15 columns is about 160 MB as CSV, 100 MB as xlsx
STALE_AFTER = datetime.timedelta(minutes=10)  # a running batch not advanced for this long is resumable
EXTENSIONS = {"xlsx": "xlsx", "xls": "xls", "ods": "ods", "csv": "csv"}

Status = ImportBatch.Status


class ImportRefused(DomainError):
    code = "import-rule"


def _require(actor: Any, unit: Unit) -> None:
    if not isinstance(actor, SystemActor):
        require(actor, perms.IMPORT_MEMBERS, unit)


def _user_of(actor: Any) -> Any:
    return actor.user if isinstance(actor, SystemActor) else actor


def _locked(batch: ImportBatch) -> ImportBatch:
    return ImportBatch.objects.select_for_update().select_related("unit").get(pk=batch.pk)


def _is_stale(batch: ImportBatch) -> bool:
    return batch.updated_at < timezone.now() - STALE_AFTER


def has_committed_rows(batch: ImportBatch) -> bool:
    """Whether part of the file is already saved: such a batch can only be resumed, not cancelled."""
    return (batch.counts or {}).get("phase") == "commit" and batch.rows_done > 0


def may_check(batch: ImportBatch) -> bool:
    if has_committed_rows(batch):
        return False
    return batch.status in (Status.UPLOADED, Status.CHECKED, Status.FAILED) or (
        batch.status == Status.CHECKING and _is_stale(batch)
    )


def may_commit(batch: ImportBatch) -> bool:
    return batch.status in (Status.UPLOADED, Status.CHECKED, Status.FAILED) or (
        batch.status in (Status.CHECKING, Status.COMMITTING) and _is_stale(batch)
    )


def may_cancel(batch: ImportBatch) -> bool:
    return batch.status in (Status.UPLOADED, Status.CHECKING, Status.CHECKED, Status.FAILED) and not (
        has_committed_rows(batch)
    )


def layout_of(batch: ImportBatch) -> Layout:
    return Layout.from_json(batch.mapping or {})


# --- uploading --------------------------------------------------------------------------------------


def _read_layout(batch: ImportBatch) -> Layout:
    table = open_table(batch.file.path, batch.file_format)
    try:
        head = table.head()
    finally:
        table.close()
    if not head or not any(any(str(c).strip() for c in row) for row in head):
        raise ImportRefused(_("The file is empty."), field="file")
    layout = find_layout(head)
    saved = (
        ColumnMapping.objects.filter(unit=batch.unit, headers_key=headers_key(layout.headers))
        .values_list("mapping", flat=True)
        .first()
    )
    return layout_for(layout.header_row, layout.headers, saved) if saved else layout


@transaction.atomic
def upload_member_file(
    *, actor: Any, unit: Unit, file: Any, filename: str | None = None, start_check: bool = True
) -> ImportBatch:
    """Keep an affiliate's member list for `unit` and find its header row and columns.

    When every column is recognised (or a mapping saved for this header row covers them), the
    check starts in the background at once; otherwise the batch waits for map_import_columns.
    """
    _require(actor, unit)
    if not hasattr(file, "chunks"):  # a plain open() file
        file = File(file)
    name = Path(filename or getattr(file, "name", "") or "members").name[:255]
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ImportRefused(
            _("The file is larger than %(mb)d MB. Split it, or save it as CSV.") % {"mb": MAX_FILE_BYTES >> 20},
            field="file",
        )
    if size == 0:
        raise ImportRefused(_("The file is empty."), field="file")
    digest = hashlib.sha256()
    for block in file.chunks():
        digest.update(block)
    file.seek(0)
    batch = ImportBatch(unit=unit, uploaded_by=_user_of(actor), filename=name, file_sha256=digest.hexdigest())
    extension = Path(name).suffix.lower().lstrip(".")
    batch.file.save(f"{uuid.uuid4().hex}.{EXTENSIONS.get(extension, 'bin')}", file, save=False)
    try:
        batch.file_format = sniff_format(batch.file.path)
        layout = _read_layout(batch)
        batch.mapping = layout.as_json()
        batch.save()
        record_event(
            actor=actor,
            kind=events.IMPORT_UPLOADED,
            subject=batch,
            unit=unit,
            object_label=name,
            data={"format": batch.file_format, "sha256": batch.file_sha256, "recognised": layout.is_complete},
        )
        if start_check and layout.is_complete:
            _start(actor, batch, commit=False)
    except BaseException:
        # The transaction rolls back; the stored file must go with it.
        batch.file.delete(save=False)
        raise
    return batch


@transaction.atomic
def map_import_columns(
    *, actor: Any, batch: ImportBatch, columns: dict[int, str], remember: bool = True
) -> ImportBatch:
    """Say what each column holds (field name, or "" to ignore it); remembered for the unit's next
    file with the same header row. Starts the check."""
    _require(actor, batch.unit)
    batch = _locked(batch)
    if not may_check(batch):
        raise Conflict(_("The columns of this import can no longer be changed."))
    layout = layout_of(batch)
    problems = []
    chosen: dict[int, str] = {}
    for index, name in columns.items():
        index = int(index)
        if index < 0 or index >= len(layout.headers) or not layout.headers[index]:
            problems.append(_("There is no column %(n)d.") % {"n": index + 1})
        elif name != IGNORE and name not in FIELDS:
            problems.append(_("%(name)s is not a field of a member.") % {"name": name})
        else:
            chosen[index] = name
    for index, header in enumerate(layout.headers):
        if header and index not in chosen:
            chosen[index] = layout.columns.get(index, IGNORE)
    used = [name for name in chosen.values() if name != IGNORE]
    if len(used) != len(set(used)):
        problems.append(_("Each field can be chosen for one column only."))
    if "nik" not in used:
        problems.append(_("Choose the column that holds the NIK."))
    if problems:
        raise ImportRefused(" ".join(str(p) for p in problems), field="columns")
    remembered = _by_header(layout, chosen)
    before = {str(i): n for i, n in layout.columns.items()}
    layout.columns = dict(sorted(chosen.items()))
    layout.unknown = []
    batch.mapping = layout.as_json()
    batch.save(update_fields=["mapping", "updated_at"])
    if remember:
        ColumnMapping.objects.update_or_create(
            unit=batch.unit, headers_key=headers_key(layout.headers), defaults={"mapping": remembered}
        )
    record_event(
        actor=actor,
        kind=events.IMPORT_MAPPED,
        subject=batch,
        unit=batch.unit,
        object_label=batch.filename,
        changes={"columns": [before, {str(i): n for i, n in layout.columns.items()}]},
    )
    _start(actor, batch, commit=False)
    return batch


def _by_header(layout: Layout, chosen: dict[int, str]) -> dict[str, str]:
    from serikat.membership.imports.headers import normalise_header

    return {normalise_header(layout.headers[i]): name for i, name in chosen.items() if layout.headers[i]}


# --- checking, committing, cancelling ----------------------------------------------------------


def _start(actor: Any, batch: ImportBatch, *, commit: bool, background: bool = True) -> None:
    """Mark the batch running and, once the transaction commits, run it in the background."""
    resume = commit and has_committed_rows(batch)
    batch.status = Status.COMMITTING if commit else Status.CHECKING
    batch.error = ""
    fields = ["status", "error", "updated_at"]
    if not resume:
        batch.rows_done = 0
        batch.counts = {"phase": "commit" if commit else "check"}
        fields += ["rows_done", "counts"]
    batch.save(update_fields=fields)
    record_event(
        actor=actor,
        kind=events.IMPORT_COMMIT_STARTED if commit else events.IMPORT_CHECK_STARTED,
        subject=batch,
        unit=batch.unit,
        object_label=batch.filename,
        data={"resumed_after_row": batch.rows_done} if resume else {},
    )
    if background and not isinstance(actor, SystemActor):
        from serikat.membership.tasks import run_import

        batch_id, actor_id, step = batch.pk, actor.pk, "commit" if commit else "check"
        transaction.on_commit(lambda: run_import.enqueue(batch_id, step, actor_id))


@transaction.atomic
def check_import(*, actor: Any, batch: ImportBatch, background: bool = True) -> ImportBatch:
    """Start a dry run: every row is validated and classified; nothing but the batch is written."""
    _require(actor, batch.unit)
    batch = _locked(batch)
    if not may_check(batch):
        raise Conflict(
            _("This import cannot be checked now (it is %(status)s).") % {"status": batch.get_status_display()}
        )
    if not layout_of(batch).is_complete:
        raise ImportRefused(_("Say first what the unrecognised columns hold."))
    _start(actor, batch, commit=False, background=background)
    return batch


@transaction.atomic
def commit_import(*, actor: Any, batch: ImportBatch, background: bool = True) -> ImportBatch:
    """Start saving the members of the file; after an interruption, resume after the last saved chunk."""
    _require(actor, batch.unit)
    batch = _locked(batch)
    if not may_commit(batch):
        raise Conflict(
            _("This import cannot be saved now (it is %(status)s).") % {"status": batch.get_status_display()}
        )
    if not layout_of(batch).is_complete:
        raise ImportRefused(_("Say first what the unrecognised columns hold."))
    _start(actor, batch, commit=True, background=background)
    return batch


@transaction.atomic
def cancel_import(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Stop and put aside an import that has saved nothing yet. A running check stops at its next chunk."""
    _require(actor, batch.unit)
    batch = _locked(batch)
    if not may_cancel(batch):
        if has_committed_rows(batch):
            raise Conflict(_("Part of this file is already saved: resume the import to finish it."))
        raise Conflict(
            _("This import cannot be cancelled (it is %(status)s).") % {"status": batch.get_status_display()}
        )
    old = batch.status
    batch.status = Status.CANCELLED
    batch.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        kind=events.IMPORT_CANCELLED,
        subject=batch,
        unit=batch.unit,
        object_label=batch.filename,
        changes={"status": [old, Status.CANCELLED]},
    )
    return batch


def execute_import(batch_id: int, actor: Any, *, commit: bool, **options: Any) -> ImportBatch:
    """Run a check or a commit now (the task's body). A failure marks the batch failed with the
    reason; a commit interrupted part-way keeps `rows_done` as its resume point."""
    batch = ImportBatch.objects.select_related("unit").get(pk=batch_id)
    if not isinstance(actor, SystemActor) and not scope_of(actor, perms.IMPORT_MEMBERS).covers(batch.unit):
        # The grant was revoked between the request and the run.
        _mark_failed(batch, _("%(user)s may no longer import into this union.") % {"user": actor.get_username()})
        batch.refresh_from_db()
        return batch
    try:
        Importer(batch, actor=actor, commit=commit, **options).run()
    except Stopped:
        pass
    except DomainError as error:
        _mark_failed(batch, str(error.message))
    except Exception:
        logger.exception("Import %s failed", batch_id)
        _mark_failed(batch, _("The import stopped because of an error on our side. It was logged."))
        raise
    batch.refresh_from_db()
    return batch


def _mark_failed(batch: ImportBatch, message: str) -> None:
    running = (Status.CHECKING, Status.COMMITTING)
    ImportBatch.objects.filter(pk=batch.pk, status__in=running).update(
        status=Status.FAILED, error=message[:2000], updated_at=timezone.now()
    )


# --- the whole flow in one call -----------------------------------------------------------------


def import_file(path: str | Path, unit: Unit, actor: Any, dry_run: bool = False, **options: Any) -> ImportBatch:
    """Upload, check (dry run) or commit a file in this process, without the task queue.

    Columns that are not recognised are left out (there is nobody to ask); a file without a NIK
    column is refused. Returns the batch, with `counts` and its problems.
    """
    path = Path(path)
    with path.open("rb") as handle:
        batch = upload_member_file(actor=actor, unit=unit, file=File(handle, name=path.name), start_check=False)
    layout = layout_of(batch)
    if layout.missing:
        raise ImportRefused(
            _("No column of the file holds the NIK (headers: %(headers)s).")
            % {"headers": ", ".join(h for h in layout.headers if h) or "—"}
        )
    if layout.unknown:
        with transaction.atomic():
            locked = _locked(batch)
            layout.columns.update(dict.fromkeys(layout.unknown, IGNORE))
            layout.unknown = []
            locked.mapping = layout.as_json()
            locked.save(update_fields=["mapping", "updated_at"])
    start = check_import if dry_run else commit_import
    start(actor=actor, batch=batch, background=False)
    return execute_import(batch.pk, actor, commit=not dry_run, **options)


SERVICE_ACCOUNT = "serikat-system"


def system_actor(label: str) -> SystemActor:
    """The actor of an administrator at the command line who names no user: all units in scope,
    audit events labelled `label`, batches recorded as uploaded by the inactive service account
    SERVICE_ACCOUNT (created on first use; it cannot sign in and holds no grants)."""
    from serikat.accounts.models import User

    user = User.objects.filter(username__iexact=SERVICE_ACCOUNT).first()
    if user is None:
        user = User(username=SERVICE_ACCOUNT, is_active=False)
        user.set_unusable_password()
        user.save()
    elif user.is_active or user.has_usable_password():
        raise ImportRefused(
            _("The account %(name)s is a person's account; name the user who imports with --user.")
            % {"name": SERVICE_ACCOUNT}
        )
    return SystemActor(label, user)
