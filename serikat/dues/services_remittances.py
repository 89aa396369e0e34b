"""Use cases of remittances: import an employer's deduction file, record a bank transfer, resolve an
exception. Each takes the actor first, checks `dues.reconcile` over the union, writes in one
transaction and records its audit event in it. The rules are docs/dues.md, section 3.

Importing: the file is read (and refused whole, with every unreadable cell named, when a line cannot
be read) before anything is written; the union's memberships at the employer, their authorisations
and the dues policy are read set-based; then the remittance's lines, exceptions and the members'
contributions are written set-based (serikat/dues/reconciliation/). Importing a file again for the
same union, employer and month replaces the lines and the exceptions that came from the file,
keeping the resolution of every exception that comes back unchanged; the same file again, with the
registry unchanged, changes nothing (no row, no audit event).

A remittance is reconciled when it has at least one transfer and no open exception; every service
here recomputes that, and records `dues.remittance_reconciled` when it becomes so.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, ValidationProblems
from serikat.core.scoping import require
from serikat.dues import events
from serikat.dues.models import BankTransfer, ReconciliationException, Remittance, RemittanceLine
from serikat.dues.money import first_of_month, payment_deadline
from serikat.dues.reconciliation import matching, writing
from serikat.dues.reconciliation.reading import DeductionFile, read_deductions
from serikat.membership.imports.pipeline import SystemActor
from serikat.organisation.models import Employer, Unit, UnitWorkplace

Kind = ReconciliationException.Kind
Action = ReconciliationException.Action
Status = ReconciliationException.Status

# Which actions fit which exception (docs/dues.md, "Resolving").
NO_REFUND = (Kind.NOT_DEDUCTED, Kind.TRANSFER_MISMATCH, Kind.LATE)  # nothing was taken from a worker
NO_ACCEPT = (Kind.NOT_MEMBER, Kind.NO_AUTHORISATION)  # unlawful deductions are never accepted


class RemittanceRefused(DomainError):
    code = "remittance-rule"


@dataclass
class Imported:
    remittance: Remittance
    unchanged: bool  # the same file again, with the same result: nothing was written
    file: DeductionFile
    result: matching.Reconciliation


def _require(actor: Any, unit: Unit) -> None:
    if not isinstance(actor, SystemActor):
        require(actor, perms.RECONCILE_DUES, unit)


def _user_of(actor: Any) -> Any:
    return actor.user if isinstance(actor, SystemActor) else actor


def is_employer_of(unit: Unit, employer: Employer) -> bool:
    """Whether the union organises at the employer: a workplace link (current or past) or the union
    registered the employer itself."""
    if employer.unit_id == unit.pk:
        return True
    return UnitWorkplace.objects.filter(unit_id=unit.pk, workplace__employer_id=employer.pk).exists()


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def import_deductions(
    *, actor: Any, unit: Unit, employer: Employer, month: datetime.date, path: str | Path, filename: str = ""
) -> Imported:
    """Import an employer's deduction file for a union and month, and reconcile it."""
    _require(actor, unit)
    month = first_of_month(month)
    problems = ValidationProblems()
    if not is_employer_of(unit, employer):
        problems.add(
            "employer",
            _("%(employer)s is not an employer where %(unit)s organises (no workplace link).")
            % {"employer": employer.name, "unit": unit.name},
        )
    policy = matching.policy_of(unit, month)
    if policy is None:
        problems.add(
            "month",
            _("No dues policy applies to %(unit)s in %(month)s: set one before reconciling.")
            % {"unit": unit.name, "month": month.strftime("%Y-%m")},
        )
    problems.raise_if_any(_("The deduction file cannot be imported."))
    path = Path(path)
    name = Path(filename or path.name).name[:255]
    deductions = read_deductions(path, filename=name)  # refused whole before anything is written
    sha256 = _digest(path)
    candidates = matching.load_candidates(unit, employer)
    authorised = matching.authorised_ids(unit, employer, month)
    result = matching.reconcile(
        lines=deductions.lines,
        candidates=candidates,
        authorised=authorised,
        policy=policy,
        month=month,
        employer_id=employer.pk,
    )
    del candidates
    with transaction.atomic():
        remittance, created = Remittance.objects.select_for_update().get_or_create(
            unit=unit, employer=employer, month=month, defaults={"uploaded_by": _user_of(actor), "filename": name}
        )
        if (
            not created
            and remittance.file_sha256 == sha256
            and writing.stored_fingerprint(remittance.pk) == writing.fingerprint(result)
        ):
            return Imported(remittance, True, deductions, result)
        replaced = remittance.lines_count if not created else 0
        counts = writing.write(
            remittance, result, writing.resolutions_of(remittance.pk) if not created else {}, replacing=not created
        )
        remittance.filename = name
        remittance.file_sha256 = sha256
        remittance.uploaded_by = _user_of(actor)
        remittance.lines_count = len(result.lines)
        remittance.deducted_amount = result.deducted_amount
        remittance.expected_amount = result.expected_amount
        remittance.refund_amount = result.refund_amount
        remittance.outcome_counts = result.outcome_counts()
        remittance.save()
        _refresh_transfer_exceptions(remittance)
        record_event(
            actor=actor,
            kind=events.DEDUCTIONS_IMPORTED,
            subject=remittance,
            unit=unit,
            object_label=_label(remittance, employer, unit),
            data={
                "employer": employer.pk,
                "month": month,
                "filename": name,
                "file_sha256": sha256,
                "replaced_lines": replaced,
                "deducted_amount": result.deducted_amount,
                "expected_amount": result.expected_amount,
                "refund_amount": result.refund_amount,
                "outcomes": remittance.outcome_counts,
                **counts,
            },
        )
        _settle_status(actor, remittance)
    return Imported(remittance, False, deductions, result)


def _label(remittance: Remittance, employer: Employer, unit: Unit) -> str:
    return f"{unit.code} · {employer.name} · {remittance.month:%Y-%m}"


def _refresh_transfer_exceptions(remittance: Remittance) -> None:
    """Transfer differs and late, from the transfers and the file total (docs/dues.md). An open one
    that no longer applies goes; a resolved one stays as history, and is not raised again while
    the amounts it was resolved for still hold."""
    transfers = list(BankTransfer.objects.filter(remittance=remittance).values_list("received_on", "amount"))
    received = sum(int(amount) for _on, amount in transfers)
    deadline = payment_deadline(remittance.month)
    late = sum(int(amount) for on, amount in transfers if on > deadline)
    wanted: dict[str, tuple[int, int | None] | None] = {
        Kind.TRANSFER_MISMATCH: (received, int(remittance.deducted_amount))
        if transfers and received != int(remittance.deducted_amount)
        else None,
        Kind.LATE: (late, None) if late else None,
    }
    for kind, amounts in wanted.items():
        existing = ReconciliationException.objects.filter(remittance=remittance, kind=kind)
        keep = False
        for pk, status, amount, expected in existing.values_list("pk", "status", "amount", "expected_amount"):
            same = amounts is not None and (amount, expected) == amounts
            if status == Status.OPEN and not same:
                ReconciliationException.objects.filter(pk=pk).delete()
            elif same:
                keep = True
        if amounts is not None and not keep:
            ReconciliationException.objects.create(
                remittance=remittance, kind=kind, amount=amounts[0], expected_amount=amounts[1]
            )


def _settle_status(actor: Any, remittance: Remittance) -> None:
    """Reconciled when at least one transfer and no open exception; open otherwise."""
    has_transfer = BankTransfer.objects.filter(remittance=remittance).exists()
    is_open = ReconciliationException.objects.filter(remittance=remittance, status=Status.OPEN).exists()
    status = Remittance.Status.RECONCILED if has_transfer and not is_open else Remittance.Status.OPEN
    if status == remittance.status:
        return
    remittance.status = status
    remittance.reconciled_at = timezone.now() if status == Remittance.Status.RECONCILED else None
    remittance.save(update_fields=["status", "reconciled_at", "updated_at"])
    if status == Remittance.Status.RECONCILED:
        record_event(
            actor=actor,
            kind=events.REMITTANCE_RECONCILED,
            subject=remittance,
            unit=remittance.unit,
            object_label=_label(remittance, remittance.employer, remittance.unit),
            data={"received_amount": remittance.received_amount, "deducted_amount": remittance.deducted_amount},
        )


def _locked(remittance: Remittance) -> Remittance:
    return Remittance.objects.select_for_update().select_related("unit", "employer").get(pk=remittance.pk)


def record_transfer(
    *, actor: Any, remittance: Remittance, received_on: datetime.date, amount: Any, reference: str = ""
) -> BankTransfer:
    """Record money received for a remittance; the transfer exceptions and the status follow."""
    _require(actor, remittance.unit)
    problems = ValidationProblems()
    try:
        amount = int(amount)
    except (TypeError, ValueError):
        problems.add("amount", _("Write the amount in whole Rupiah."))
        amount = 0
    else:
        if amount <= 0:
            problems.add("amount", _("The amount must be more than 0."))
    if received_on is None:
        problems.add("received_on", _("Say when the transfer was received."))
    elif received_on < remittance.month:
        problems.add("received_on", _("The transfer cannot be received before the month it pays for."))
    elif received_on > timezone.localdate():
        problems.add("received_on", _("The transfer cannot be received in the future."))
    reference = (reference or "").strip()
    if len(reference) > 80:
        problems.add("reference", _("The reference is longer than 80 characters."))
    problems.raise_if_any(_("The transfer cannot be recorded."))
    with transaction.atomic():
        remittance = _locked(remittance)
        transfer = BankTransfer.objects.create(
            remittance=remittance,
            received_on=received_on,
            amount=amount,
            reference=reference,
            recorded_by=_user_of(actor),
        )
        remittance.received_amount = BankTransfer.objects.filter(remittance=remittance).aggregate(s=Sum("amount"))["s"]
        remittance.save(update_fields=["received_amount", "updated_at"])
        _refresh_transfer_exceptions(remittance)
        record_event(
            actor=actor,
            kind=events.TRANSFER_RECORDED,
            subject=transfer,
            unit=remittance.unit,
            object_label=_label(remittance, remittance.employer, remittance.unit),
            data={
                "remittance": remittance.pk,
                "received_on": received_on,
                "amount": amount,
                "reference": reference,
                "late": received_on > payment_deadline(remittance.month),
            },
        )
        _settle_status(actor, remittance)
    return transfer


def resolve_exception(
    *, actor: Any, exception: ReconciliationException, action: str, note: str
) -> ReconciliationException:
    """Resolve an exception with an action and a note. Accepting an amount-differs or wage-missing line
    counts its deducted amount as the member's paid dues; every other action leaves it unpaid."""
    remittance = exception.remittance
    _require(actor, remittance.unit)
    problems = ValidationProblems()
    note = (note or "").strip()
    if action not in Action.values:
        problems.add("action", _("Choose what was done about it."))
    elif action == Action.REFUND and exception.kind in NO_REFUND:
        problems.add("action", _("Nothing was deducted from a worker here, so there is nothing to refund."))
    elif action == Action.ACCEPT and exception.kind in NO_ACCEPT:
        problems.add(
            "action",
            _("A deduction without an active membership or an authorisation is unlawful: refund it, or correct "
              "the registry and import the file again."),
        )  # fmt: skip
    if not note:
        problems.add("note", _("Write a note saying what was done."))
    elif len(note) > 200:
        problems.add("note", _("The note is longer than 200 characters."))
    problems.raise_if_any(_("The exception cannot be resolved."))
    with transaction.atomic():
        remittance = _locked(remittance)
        exception = (
            ReconciliationException.objects.select_for_update(of=("self",)).select_related("line").get(pk=exception.pk)
        )
        if exception.status != Status.OPEN:
            raise Conflict(_("This exception is resolved already."))
        exception.status = Status.RESOLVED
        exception.action = action
        exception.note = note
        exception.resolved_by = _user_of(actor)
        exception.resolved_at = timezone.now()
        exception.save(update_fields=["status", "action", "note", "resolved_by", "resolved_at"])
        paid = None
        line = exception.line
        if (
            action == Action.ACCEPT
            and line is not None
            and line.outcome in writing.PAID_WHEN_ACCEPTED
            and line.membership_id is not None
        ):
            paid = int(line.deducted_amount)
            writing.set_paid(line.membership_id, remittance.month, paid, remittance.pk)
        record_event(
            actor=actor,
            kind=events.EXCEPTION_RESOLVED,
            subject=exception,
            unit=remittance.unit,
            object_label=f"{_label(remittance, remittance.employer, remittance.unit)} · {exception.get_kind_display()}",
            data={
                "remittance": remittance.pk,
                "kind": exception.kind,
                "action": action,
                "note": note,
                "row": line.row if line is not None else None,
                "membership": exception.membership_id,
                "paid_amount": paid,
            },
        )
        _settle_status(actor, remittance)
    return exception


def line_outcomes() -> list[str]:
    return [o.value for o in RemittanceLine.Outcome]


def export_remittance(*, actor: Any, remittance: Remittance, handle: Any) -> dict[str, int]:
    """Write the remittance's lines, exceptions and transfers as xlsx into `handle`; audited."""
    from serikat.dues.reconciliation.export import write_remittance_xlsx

    require(actor, perms.EXPORT_DUES, remittance.unit)
    with transaction.atomic():
        counts = write_remittance_xlsx(remittance, handle)
        record_event(
            actor=actor,
            kind=events.DUES_EXPORTED,
            subject=remittance,
            unit=remittance.unit,
            object_label=_label(remittance, remittance.employer, remittance.unit),
            data={"export": "remittance", "format": "xlsx", **counts},
        )
    return counts
