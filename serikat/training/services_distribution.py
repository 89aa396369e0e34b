"""Print runs, consignments and the stock ledger of printed copies.

Copies of an edition come into a unit's stock when the printer delivers a print run (PRINTED) or
when a consignment from another unit arrives (RECEIVED); they leave it when a consignment is shipped
(SHIPPED), when they are handed out at a training (HANDED_OUT), and a count can correct the stock
(ADJUSTED). Every change is a new `StockMovement`: a unit's stock of an edition's document is the
sum of its movements, never a counter updated in place (docs/adr/0024-stock-as-a-ledger.md).

Who may (docs/training.md, section 6):
- `training.manage_distribution` covering the ordering unit records a print run and its delivery;
  covering the sending unit it plans, ships and cancels consignments, to receivers it also covers.
- `training.confirm_receipt` confirms a consignment's receipt through a grant that covers the
  receiving unit but not the sending one: the unit that ships never confirms its own shipment.
- Either permission covering a unit hands copies out there or corrects its stock after a count.

Consignments are planned against the sender's *available* stock: what its ledger holds minus what it
has already planned for others. Shipping checks the ledger again (copies handed out since planning
are gone).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_event, record_events
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationProblems
from serikat.core.scoping import Scope, active_grants, require, scope_of
from serikat.organisation.models import Unit
from serikat.training import events
from serikat.training.models import Consignment, Edition, PrintRun, Rendition, StockMovement

DOCUMENTS = (Rendition.Kind.PARTICIPANT_BOOK, Rendition.Kind.TRAINER_GUIDE)
MAX_COPIES = 1_000_000  # far above any print run; keeps sums in range
MAX_COST = 10**13
MAX_ALLOCATIONS = 5_000  # receivers in one plan (the confederation to every plant union of a province)
MAX_NOTE = 300


class DistributionRefused(DomainError):
    code = "distribution-rule"


# --- small checks ----------------------------------------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate()


def document_label(kind: str) -> str:
    return str(dict(Rendition.Kind.choices).get(kind, kind))


def _document(kind: Any, problems: ValidationProblems, field: str = "kind") -> str:
    if kind not in DOCUMENTS:
        problems.add(field, _("Choose the participant book or the trainer's guide."))
        return ""
    return str(kind)


def _copies(value: Any, field: str, problems: ValidationProblems, *, minimum: int = 1) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        problems.add(field, _("Enter a whole number of copies."))
        return 0
    if isinstance(value, float) and value != number:
        problems.add(field, _("Enter a whole number of copies."))
    elif number < minimum:
        problems.add(field, _("Enter at least %(minimum)s.") % {"minimum": minimum})
    elif number > MAX_COPIES:
        problems.add(field, _("Enter at most %(maximum)s copies.") % {"maximum": f"{MAX_COPIES:,}"})
    return number


def _day(value: Any, field: str, problems: ValidationProblems, *, not_before: datetime.date | None = None) -> Any:
    if not isinstance(value, datetime.date):
        problems.add(field, _("Give a date."))
        return None
    if value > today():
        problems.add(field, _("This date is in the future."))
    elif not_before is not None and value < not_before:
        problems.add(field, _("This date is before %(day)s.") % {"day": not_before.isoformat()})
    return value


def _text(value: Any, field: str, problems: ValidationProblems, *, required: bool, limit: int = MAX_NOTE) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add(field, _("This field is required."))
    elif len(text) > limit:
        problems.add(field, _("Write at most %(limit)s characters.") % {"limit": limit})
    return text


def _within_package(unit: Unit, edition: Edition) -> bool:
    """Copies of a package go to units of its owning unit's subtree, along either axis."""
    owner = edition.package.unit
    return unit.path.startswith(owner.path) or (unit.territory_path or "").startswith(owner.path)


def _lock(unit: Unit) -> None:
    """Serialises stock decisions of one unit (two officers planning from the same stock at once).
    A no-op on SQLite, whose writers take the database lock at BEGIN anyway."""
    list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk"))


def _require_stock_keeper(actor: Any, unit: Unit) -> None:
    """Hand-outs and counts: whoever receives copies at the unit, or distributes from it."""
    if scope_of(actor, perms.CONFIRM_RECEIPT).covers(unit) or scope_of(actor, perms.MANAGE_DISTRIBUTION).covers(unit):
        return
    if scope_of(actor, perms.VIEW_PACKAGE).covers(unit):
        raise Forbidden(_("Only those who receive or send copies for this unit record its hand-outs and counts."))
    raise NotFound(_("Not found."))


# --- the ledger ----------------------------------------------------------------------------------


def stock_of(*, unit: Unit, edition: Edition, kind: str) -> int:
    """Copies of `edition`'s document `kind` that `unit` holds: the sum of its movements."""
    total = StockMovement.objects.filter(unit=unit, edition=edition, document=kind).aggregate(
        copies=Coalesce(Sum("quantity"), 0)
    )
    return int(total["copies"])


def planned_from(*, unit: Unit, edition: Edition, kind: str) -> int:
    """Copies promised to other units by planned (not yet shipped) consignments from `unit`."""
    total = Consignment.objects.filter(
        from_unit=unit, edition=edition, kind=kind, status=Consignment.Status.PLANNED
    ).aggregate(copies=Coalesce(Sum("quantity"), 0))
    return int(total["copies"])


def _movement(**fields: Any) -> StockMovement:
    return StockMovement.objects.create(**fields)


# --- print runs ----------------------------------------------------------------------------------


def record_print_run(
    *,
    actor: Any,
    edition: Edition,
    unit: Unit,
    kind: str,
    printer: str,
    quantity: Any,
    cost_amount: Any,
    ordered_on: Any,
    note: str = "",
) -> PrintRun:
    """Record copies of an edition's document ordered from a printer by `unit` (the confederation, or
    a federation reproducing the package). Needs `training.manage_distribution` covering the unit;
    the copies enter its stock when the delivery is recorded."""
    require(actor, perms.MANAGE_DISTRIBUTION, unit)
    problems = ValidationProblems()
    kind = _document(kind, problems)
    printer = _text(printer, "printer", problems, required=True, limit=200)
    copies = _copies(quantity, "quantity", problems)
    cost = _cost(cost_amount, problems)
    ordered_on = _day(ordered_on, "ordered_on", problems)
    note = _text(note, "note", problems, required=False)
    if not _within_package(unit, edition):
        problems.add("unit", _("This unit is outside the units the package is made for."))
    problems.raise_if_any(_("The print run was not recorded."))
    with transaction.atomic():
        run = PrintRun.objects.create(
            edition=edition,
            unit=unit,
            kind=kind,
            printer=printer,
            quantity=copies,
            cost_amount=cost,
            ordered_on=ordered_on,
            note=note,
            created_by=actor,
        )
        record_event(
            actor=actor,
            kind=events.PRINT_RUN_RECORDED,
            subject=run,
            unit=unit,
            object_label=_label_run(run),
            data={"edition": edition.pk, "kind": kind, "printer": printer, "quantity": copies, "cost_amount": cost},
        )
    return run


def _cost(value: Any, problems: ValidationProblems) -> Decimal:
    """Whole Rupiah; a text may group thousands with dots or commas ("1.500.000")."""
    if value is None or value == "":
        return Decimal(0)
    text = str(value).strip()
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        problems.add("cost_amount", _("Enter the cost in whole Rupiah."))
        return Decimal(0)
    if not amount.is_finite() or amount != amount.to_integral_value():
        problems.add("cost_amount", _("Enter the cost in whole Rupiah."))
        return Decimal(0)
    if amount < 0 or amount >= MAX_COST:
        problems.add("cost_amount", _("Enter a cost between 0 and 10 trillion Rupiah."))
    return amount


def _label_run(run: PrintRun) -> str:
    return _("%(copies)s × %(document)s, %(printer)s") % {
        "copies": run.quantity,
        "document": document_label(run.kind),
        "printer": run.printer,
    }


def mark_print_run_delivered(*, actor: Any, print_run: PrintRun, delivered_on: Any) -> PrintRun:
    """The printer delivered the run: its copies enter the ordering unit's stock (a PRINTED
    movement). Once only; needs `training.manage_distribution` covering the ordering unit."""
    require(actor, perms.MANAGE_DISTRIBUTION, print_run.unit)
    problems = ValidationProblems()
    delivered_on = _day(delivered_on, "delivered_on", problems, not_before=print_run.ordered_on)
    problems.raise_if_any(_("The delivery was not recorded."))
    with transaction.atomic():
        run = PrintRun.objects.select_for_update().get(pk=print_run.pk)
        if run.delivered_on is not None:
            raise Conflict(
                _("This print run was already delivered on %(day)s.") % {"day": run.delivered_on.isoformat()},
                field="delivered_on",
            )
        run.delivered_on = delivered_on
        run.save(update_fields=["delivered_on"])
        _movement(
            unit=print_run.unit,
            edition=print_run.edition,
            kind=StockMovement.Kind.PRINTED,
            document=run.kind,
            quantity=run.quantity,
            print_run=run,
            occurred_on=delivered_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            kind=events.PRINT_RUN_DELIVERED,
            subject=run,
            unit=print_run.unit,
            object_label=_label_run(run),
            changes={"delivered_on": [None, delivered_on]},
            data={"quantity": run.quantity},
        )
    print_run.delivered_on = delivered_on
    return print_run


# --- consignments --------------------------------------------------------------------------------


def _label_consignment(consignment: Consignment) -> str:
    return _("%(copies)s × %(document)s to %(unit)s") % {
        "copies": consignment.quantity,
        "document": document_label(consignment.kind),
        "unit": consignment.to_unit.name,
    }


def plan_consignments(
    *,
    actor: Any,
    edition: Edition,
    from_unit: Unit,
    kind: str,
    allocations: Sequence[tuple[Unit, Any]],
) -> list[Consignment]:
    """Plan consignments of `edition`'s document from `from_unit`'s stock to many units at once,
    a quantity per unit. Needs `training.manage_distribution` covering the sender and every receiver.
    Refused as a whole (nothing planned) when the copies asked for exceed the sender's available
    stock: its ledger minus what it has already planned for others."""
    require(actor, perms.MANAGE_DISTRIBUTION, from_unit)
    problems = ValidationProblems()
    kind = _document(kind, problems)
    if not allocations:
        problems.add("allocations", _("Choose at least one unit to send copies to."))
    elif len(allocations) > MAX_ALLOCATIONS:
        problems.add(
            "allocations",
            _("Plan at most %(limit)s consignments at once; narrow the units.") % {"limit": f"{MAX_ALLOCATIONS:,}"},
        )
    scope = scope_of(actor, perms.MANAGE_DISTRIBUTION)
    seen: set[int] = set()
    rows: list[tuple[Unit, int]] = []
    for index, (unit, quantity) in enumerate(allocations[:MAX_ALLOCATIONS]):
        field = f"allocations.{index}"
        if unit is None or not scope.covers(unit):
            raise NotFound(_("Not found."), field=f"{field}.unit")
        copies = _copies(quantity, f"{field}.quantity", problems)
        if unit.pk == from_unit.pk:
            problems.add(f"{field}.unit", _("%(unit)s cannot send copies to itself.") % {"unit": unit.name})
        elif unit.pk in seen:
            problems.add(f"{field}.unit", _("%(unit)s is chosen twice.") % {"unit": unit.name})
        elif not _within_package(unit, edition):
            problems.add(
                f"{field}.unit", _("%(unit)s is outside the units the package is made for.") % {"unit": unit.name}
            )
        seen.add(unit.pk)
        rows.append((unit, copies))
    problems.raise_if_any(_("No consignment was planned."))
    wanted = sum(copies for _unit, copies in rows)
    with transaction.atomic():
        _lock(from_unit)
        held = stock_of(unit=from_unit, edition=edition, kind=kind)
        promised = planned_from(unit=from_unit, edition=edition, kind=kind)
        available = held - promised
        if wanted > available:
            raise DistributionRefused(
                _(
                    "%(unit)s holds %(held)s copies of the %(document)s and has planned %(promised)s for other "
                    "units, so %(available)s are available; these consignments need %(wanted)s."
                )
                % {
                    "unit": from_unit.name,
                    "held": held,
                    "document": document_label(kind).lower(),
                    "promised": promised,
                    "available": max(available, 0),
                    "wanted": wanted,
                },
                field="allocations",
            )
        created = Consignment.objects.bulk_create(
            [
                Consignment(
                    edition=edition,
                    kind=kind,
                    from_unit=from_unit,
                    to_unit=unit,
                    quantity=copies,
                    created_by=actor,
                )
                for unit, copies in rows
            ]
        )
        record_events(
            [
                build_event(
                    actor=actor,
                    kind=events.CONSIGNMENT_PLANNED,
                    subject=row,
                    unit=from_unit,
                    object_label=_label_consignment(row),
                    data={"edition": edition.pk, "kind": kind, "to_unit": row.to_unit.pk, "quantity": row.quantity},
                )
                for row in created
            ]
        )
    return created


def ship_consignment(*, actor: Any, consignment: Consignment, shipped_on: Any, carrier: str = "") -> Consignment:
    """The planned copies leave the sender (a SHIPPED movement). Needs
    `training.manage_distribution` covering the sending unit, and the copies in its stock."""
    require(actor, perms.MANAGE_DISTRIBUTION, consignment.from_unit)
    problems = ValidationProblems()
    shipped_on = _day(shipped_on, "shipped_on", problems)
    carrier = _text(carrier, "carrier", problems, required=False, limit=200)
    problems.raise_if_any(_("The consignment was not shipped."))
    with transaction.atomic():
        _lock(consignment.from_unit)
        row = Consignment.objects.select_for_update().get(pk=consignment.pk)
        if row.status != Consignment.Status.PLANNED:
            raise Conflict(
                _("Only a planned consignment can be shipped; this one is %(status)s.")
                % {"status": row.get_status_display().lower()}
            )
        held = stock_of(unit=consignment.from_unit, edition=consignment.edition, kind=row.kind)
        if held < row.quantity:
            raise DistributionRefused(
                _("%(unit)s holds %(held)s copies of the %(document)s; this consignment needs %(wanted)s.")
                % {
                    "unit": consignment.from_unit.name,
                    "held": held,
                    "document": document_label(row.kind).lower(),
                    "wanted": row.quantity,
                }
            )
        row.status = Consignment.Status.SHIPPED
        row.shipped_on = shipped_on
        row.carrier = carrier
        row.save(update_fields=["status", "shipped_on", "carrier"])
        _movement(
            unit=consignment.from_unit,
            edition=consignment.edition,
            kind=StockMovement.Kind.SHIPPED,
            document=row.kind,
            quantity=-row.quantity,
            consignment=row,
            occurred_on=shipped_on,
            note=carrier,
            created_by=actor,
        )
        record_event(
            actor=actor,
            kind=events.CONSIGNMENT_SHIPPED,
            subject=row,
            unit=consignment.from_unit,
            object_label=_label_consignment(consignment),
            changes={"status": [Consignment.Status.PLANNED, Consignment.Status.SHIPPED]},
            data={"shipped_on": shipped_on, "carrier": carrier, "quantity": row.quantity},
        )
    consignment.status, consignment.shipped_on, consignment.carrier = row.status, shipped_on, carrier
    return consignment


def confirms_receipt_for(actor: Any, consignment: Consignment) -> bool:
    """Whether one of the actor's grants with `training.confirm_receipt` covers the receiving unit
    without covering the sending one (no query beyond the actor's cached grants)."""
    for path, codes in active_grants(actor):
        if perms.CONFIRM_RECEIPT in codes:
            scope = Scope((path,))
            if scope.covers(consignment.to_unit) and not scope.covers(consignment.from_unit):
                return True
    return False


def confirm_receipt(
    *, actor: Any, consignment: Consignment, received_quantity: Any, received_on: Any, note: str = ""
) -> Consignment:
    """An officer of the receiving unit confirms what actually arrived; those copies enter its stock
    (a RECEIVED movement). A note is required when fewer copies arrived than were shipped."""
    if not confirms_receipt_for(actor, consignment):
        seen = scope_of(actor, perms.VIEW_PACKAGE)
        if seen.covers(consignment.from_unit) or seen.covers(consignment.to_unit):
            raise Forbidden(_("Only an officer of the receiving unit confirms that the copies arrived."))
        raise NotFound(_("Not found."))
    problems = ValidationProblems()
    received = _copies(received_quantity, "received_quantity", problems, minimum=0)
    if received > consignment.quantity:
        problems.add(
            "received_quantity",
            _("%(shipped)s copies were shipped; enter at most that many.") % {"shipped": consignment.quantity},
        )
    received_on = _day(received_on, "received_on", problems, not_before=consignment.shipped_on)
    note = _text(note, "note", problems, required=False)
    if received < consignment.quantity and not note and "received_quantity" not in {p.field for p in problems.problems}:
        problems.add("note", _("Say what happened to the missing or damaged copies."))
    problems.raise_if_any(_("The receipt was not confirmed."))
    with transaction.atomic():
        row = Consignment.objects.select_for_update().get(pk=consignment.pk)
        if row.status != Consignment.Status.SHIPPED:
            raise Conflict(
                _("Only a shipped consignment can be received; this one is %(status)s.")
                % {"status": row.get_status_display().lower()}
            )
        row.status = Consignment.Status.RECEIVED
        row.received_on = received_on
        row.received_quantity = received
        row.received_by = actor
        row.receipt_note = note
        row.save(update_fields=["status", "received_on", "received_quantity", "received_by", "receipt_note"])
        if received:
            _movement(
                unit=consignment.to_unit,
                edition=consignment.edition,
                kind=StockMovement.Kind.RECEIVED,
                document=row.kind,
                quantity=received,
                consignment=row,
                occurred_on=received_on,
                note=note,
                created_by=actor,
            )
        record_event(
            actor=actor,
            kind=events.CONSIGNMENT_RECEIVED,
            subject=row,
            unit=consignment.to_unit,
            object_label=_label_consignment(consignment),
            changes={"status": [Consignment.Status.SHIPPED, Consignment.Status.RECEIVED]},
            data={"received_quantity": received, "shipped": row.quantity, "received_on": received_on, "note": note},
        )
    consignment.status, consignment.received_on = row.status, received_on
    consignment.received_quantity, consignment.received_by, consignment.receipt_note = received, actor, note
    return consignment


def cancel_consignment(*, actor: Any, consignment: Consignment, reason: str) -> Consignment:
    """Cancel a planned consignment, or a shipped one that was never received: a shipped one's copies
    go back into the sender's stock (a reversing SHIPPED movement). Needs
    `training.manage_distribution` covering the sending unit."""
    require(actor, perms.MANAGE_DISTRIBUTION, consignment.from_unit)
    problems = ValidationProblems()
    reason = _text(reason, "reason", problems, required=True)
    problems.raise_if_any(_("The consignment was not cancelled."))
    with transaction.atomic():
        row = Consignment.objects.select_for_update().get(pk=consignment.pk)
        before = row.status
        if before not in (Consignment.Status.PLANNED, Consignment.Status.SHIPPED):
            raise Conflict(
                _("Only a planned or shipped consignment can be cancelled; this one is %(status)s.")
                % {"status": row.get_status_display().lower()}
            )
        row.status = Consignment.Status.CANCELLED
        row.save(update_fields=["status"])
        if before == Consignment.Status.SHIPPED:
            _movement(
                unit=consignment.from_unit,
                edition=consignment.edition,
                kind=StockMovement.Kind.SHIPPED,
                document=row.kind,
                quantity=row.quantity,
                consignment=row,
                occurred_on=today(),
                note=_("Cancelled: %(reason)s") % {"reason": reason},
                created_by=actor,
            )
        record_event(
            actor=actor,
            kind=events.CONSIGNMENT_CANCELLED,
            subject=row,
            unit=consignment.from_unit,
            object_label=_label_consignment(consignment),
            changes={"status": [before, Consignment.Status.CANCELLED]},
            data={"reason": reason, "returned": row.quantity if before == Consignment.Status.SHIPPED else 0},
        )
    consignment.status = Consignment.Status.CANCELLED
    return consignment


# --- hand-outs and counts ------------------------------------------------------------------------


def hand_out_copies(
    *, actor: Any, edition: Edition, unit: Unit, kind: str, quantity: Any, handed_out_on: Any, training: str
) -> StockMovement:
    """Copies given to participants or trainers at a training leave the unit's stock (HANDED_OUT).
    Refused when the unit holds fewer. Needs `training.confirm_receipt` or
    `training.manage_distribution` covering the unit."""
    _require_stock_keeper(actor, unit)
    problems = ValidationProblems()
    kind = _document(kind, problems)
    copies = _copies(quantity, "quantity", problems)
    handed_out_on = _day(handed_out_on, "handed_out_on", problems)
    training = _text(training, "training", problems, required=True)
    problems.raise_if_any(_("The hand-out was not recorded."))
    with transaction.atomic():
        _lock(unit)
        held = stock_of(unit=unit, edition=edition, kind=kind)
        if copies > held:
            raise DistributionRefused(
                _("%(unit)s holds %(held)s copies of the %(document)s; %(wanted)s cannot be handed out.")
                % {"unit": unit.name, "held": held, "document": document_label(kind).lower(), "wanted": copies},
                field="quantity",
            )
        movement = _movement(
            unit=unit,
            edition=edition,
            kind=StockMovement.Kind.HANDED_OUT,
            document=kind,
            quantity=-copies,
            occurred_on=handed_out_on,
            note=training,
            created_by=actor,
        )
        record_event(
            actor=actor,
            kind=events.COPIES_HANDED_OUT,
            subject=movement,
            unit=unit,
            object_label=_("%(copies)s × %(document)s at %(training)s")
            % {"copies": copies, "document": document_label(kind), "training": training},
            data={"edition": edition.pk, "kind": kind, "quantity": copies, "stock_after": held - copies},
        )
    return movement


def correct_stock(
    *, actor: Any, edition: Edition, unit: Unit, kind: str, counted: Any, counted_on: Any, reason: str
) -> StockMovement:
    """After a count, the difference between the counted copies and the ledger is recorded as an
    ADJUSTED movement with its reason. Needs `training.confirm_receipt` or
    `training.manage_distribution` covering the unit."""
    _require_stock_keeper(actor, unit)
    problems = ValidationProblems()
    kind = _document(kind, problems)
    counted_copies = _copies(counted, "counted", problems, minimum=0)
    counted_on = _day(counted_on, "counted_on", problems)
    reason = _text(reason, "reason", problems, required=True)
    problems.raise_if_any(_("The count was not recorded."))
    with transaction.atomic():
        _lock(unit)
        held = stock_of(unit=unit, edition=edition, kind=kind)
        if counted_copies == held:
            raise DistributionRefused(
                _("The ledger already shows %(held)s copies; there is nothing to correct.") % {"held": held},
                field="counted",
            )
        movement = _movement(
            unit=unit,
            edition=edition,
            kind=StockMovement.Kind.ADJUSTED,
            document=kind,
            quantity=counted_copies - held,
            occurred_on=counted_on,
            note=reason,
            created_by=actor,
        )
        record_event(
            actor=actor,
            kind=events.STOCK_ADJUSTED,
            subject=movement,
            unit=unit,
            object_label=_("Count of the %(document)s: %(counted)s copies")
            % {"document": document_label(kind).lower(), "counted": counted_copies},
            changes={"stock": [held, counted_copies]},
            data={"edition": edition.pk, "kind": kind, "reason": reason},
        )
    return movement
