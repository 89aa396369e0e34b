"""REST endpoints of distribution and feedback: print runs, consignments (plan, ship, receive,
cancel), stock per unit, hand-outs and counts, the coverage view, and feedback (send, triage,
address, list). The rules in words: docs/training.md, sections 6 and 7.

Each handler parses, fetches every id through a door (access_* for single objects, `visible_to()`
for lists, units by id through the organisation's access_unit with the permission the action
needs), calls at most one service, and renders. Lists are keyset pages without a count.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve, whole_list
from serikat.core.errors import NotFound
from serikat.organisation.access import access_unit
from serikat.organisation.models import Unit
from serikat.training import selectors_distribution as selectors
from serikat.training import selectors_feedback as feedback_selectors
from serikat.training import services_distribution as services
from serikat.training import services_feedback as feedback_services
from serikat.training.access import (
    access_consignment,
    access_edition,
    access_feedback,
    access_package,
    access_print_run,
)
from serikat.training.models import Consignment, Feedback, PrintRun, StockMovement

router = Router(tags=["training distribution"])

PRINT_RUNS = ["training print runs"]
CONSIGNMENTS = ["training consignments"]
STOCK = ["training stock"]
COVERAGE = ["training coverage"]
FEEDBACK = ["training feedback"]
Document = Literal["participant_book", "trainer_guide"]


# --- schemas -------------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    code: str
    name: str


class EditionRef(Schema):
    id: int
    number: int
    package: int
    title: str


class PrintRunOut(Schema):
    id: int
    edition: EditionRef
    unit: UnitRef = Field(description="The unit that ordered the copies; they enter its stock on delivery.")
    kind: Document
    printer: str
    quantity: int
    cost_amount: int = Field(description="Whole Rupiah.")
    ordered_on: datetime.date
    delivered_on: datetime.date | None
    note: str


class PrintRunFilters(PageParams):
    edition: int | None = None
    unit: int | None = Field(None, description="Only print runs ordered by this unit.")


class PrintRunIn(Input):
    edition: int
    unit: int = Field(description="The ordering unit; needs training.manage_distribution over it.")
    kind: Document
    printer: str = Field(max_length=200)
    quantity: int = Field(ge=1, le=services.MAX_COPIES)
    cost_amount: int = Field(0, ge=0, description="Whole Rupiah.")
    ordered_on: datetime.date
    note: str = Field("", max_length=services.MAX_NOTE)


class DeliveredIn(Input):
    delivered_on: datetime.date


class ConsignmentOut(Schema):
    id: int
    edition: EditionRef
    kind: Document
    from_unit: UnitRef
    to_unit: UnitRef
    quantity: int
    status: Literal["planned", "shipped", "received", "cancelled"]
    shipped_on: datetime.date | None
    carrier: str
    received_on: datetime.date | None
    received_quantity: int | None
    receipt_note: str


class ConsignmentFilters(PageParams):
    edition: int | None = None
    status: Literal["planned", "shipped", "received", "cancelled"] | None = None
    direction: Literal["in", "out"] | None = Field(
        None, description="`in`: to units in your scope; `out`: from units in your scope."
    )


class AllocationIn(Input):
    unit: int
    quantity: int = Field(ge=1, le=services.MAX_COPIES)


class PlanIn(Input):
    edition: int
    from_unit: int = Field(description="The sending unit; needs training.manage_distribution over it.")
    kind: Document
    allocations: list[AllocationIn] = Field(
        min_length=1, max_length=services.MAX_ALLOCATIONS, description="Receivers and their copies."
    )


class ShipIn(Input):
    shipped_on: datetime.date
    carrier: str = Field("", max_length=200)


class ReceiveIn(Input):
    received_quantity: int = Field(ge=0, le=services.MAX_COPIES, description="The copies that actually arrived.")
    received_on: datetime.date
    note: str = Field("", max_length=services.MAX_NOTE, description="Required when fewer arrived than were shipped.")


class CancelIn(Input):
    reason: str = Field(max_length=services.MAX_NOTE)


class StockOut(Schema):
    id: int = Field(description="The unit's id.")
    code: str
    name: str
    participant_book: int
    trainer_guide: int


class StockFilters(PageParams):
    edition: int


class MovementOut(Schema):
    id: int
    unit: int
    edition: int
    kind: Literal["printed", "shipped", "received", "handed_out", "adjusted"]
    document: Document
    quantity: int
    occurred_on: datetime.date
    note: str


class HandOutIn(Input):
    edition: int
    unit: int
    kind: Document
    quantity: int = Field(ge=1, le=services.MAX_COPIES)
    handed_out_on: datetime.date
    training: str = Field(max_length=services.MAX_NOTE, description="The training the copies were handed out at.")


class CountIn(Input):
    edition: int
    unit: int
    kind: Document
    counted: int = Field(ge=0, le=services.MAX_COPIES)
    counted_on: datetime.date
    reason: str = Field(max_length=services.MAX_NOTE)


class CoverageFilters(PageParams):
    package: int
    level: Literal["federation", "plant", "all"] = "federation"
    under: int | None = Field(None, description="Only the units below this one (along either axis).")
    state: Literal["current", "older", "none"] | None = None


class CoverageOut(Schema):
    id: int = Field(description="The unit's id.")
    code: str
    name: str
    level: str
    state: Literal["current", "older", "none"] = Field(
        description="`current`: received or printed the current edition; `older`: only an earlier one."
    )
    in_transit: bool = Field(description="Copies of the current edition shipped to it, not yet received.")


class CoverageCountOut(Schema):
    id: int = Field(description="The federation's id.")
    code: str
    name: str
    units: int
    current: int
    older: int
    none: int


class CoverageSummaryFilters(Schema):
    package: int
    level: Literal["federation", "plant", "all"] = "federation"
    under: int | None = None
    state: Literal["current", "older", "none"] | None = None


class FeedbackOut(Schema):
    id: int
    edition: EditionRef
    unit: UnitRef
    module: int | None = Field(description="The live module, while it exists.")
    session: int | None
    section_title: str = Field(description="As the edition printed it.")
    from_role: Literal["trainer", "participant"]
    body: str
    status: Literal["new", "accepted", "declined", "deferred"]
    reason: str
    created_at: datetime.datetime
    addressed_at: datetime.datetime | None
    addressed_in: int | None = Field(description="The edition whose release recorded it as addressed.")


class FeedbackFilters(PageParams):
    status: Literal["new", "accepted", "declined", "deferred"] | None = None
    package: int | None = None
    edition: int | None = None
    module: int | None = None
    session: int | None = None
    triage: bool = Field(False, description="Only the packages you triage.")


class FeedbackIn(Input):
    edition: int
    unit: int = Field(description="One of your units holding training.send_feedback.")
    module: int = Field(description="A module id of the edition's snapshot.")
    session: int | None = Field(None, description="A session id of that module, or none for the module itself.")
    from_role: Literal["trainer", "participant"]
    body: str = Field(max_length=feedback_services.MAX_BODY)


class TriageIn(Input):
    decision: Literal["accepted", "declined", "deferred"]
    reason: str = Field(max_length=feedback_services.MAX_REASON)


# --- rendering -------------------------------------------------------------------------------------


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def _edition(edition: Any) -> dict[str, Any]:
    return {"id": edition.pk, "number": edition.number, "package": edition.package_id, "title": edition.title}


def _run(run: PrintRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "edition": _edition(run.edition),
        "unit": _unit(run.unit),
        "kind": run.kind,
        "printer": run.printer,
        "quantity": run.quantity,
        "cost_amount": int(run.cost_amount),
        "ordered_on": run.ordered_on,
        "delivered_on": run.delivered_on,
        "note": run.note,
    }


def _consignment(row: Consignment) -> dict[str, Any]:
    return {
        "id": row.pk,
        "edition": _edition(row.edition),
        "kind": row.kind,
        "from_unit": _unit(row.from_unit),
        "to_unit": _unit(row.to_unit),
        "quantity": row.quantity,
        "status": row.status,
        "shipped_on": row.shipped_on,
        "carrier": row.carrier,
        "received_on": row.received_on,
        "received_quantity": row.received_quantity,
        "receipt_note": row.receipt_note,
    }


def _movement(row: StockMovement) -> dict[str, Any]:
    return {
        "id": row.pk,
        "unit": row.unit_id,
        "edition": row.edition_id,
        "kind": row.kind,
        "document": row.document,
        "quantity": row.quantity,
        "occurred_on": row.occurred_on,
        "note": row.note,
    }


def _feedback(item: Feedback) -> dict[str, Any]:
    return {
        "id": item.pk,
        "edition": _edition(item.edition),
        "unit": _unit(item.unit),
        "module": item.module_id,
        "session": item.session_id,
        "section_title": item.section_title,
        "from_role": item.from_role,
        "body": item.body,
        "status": item.status,
        "reason": item.reason,
        "created_at": item.created_at,
        "addressed_at": item.addressed_at,
        "addressed_in": item.addressed_in_id,
    }


# --- print runs ------------------------------------------------------------------------------------


@router.get(
    "/training/print-runs",
    response={200: page_of(PrintRunOut), **errors(404, 422)},
    tags=PRINT_RUNS,
    summary="List print runs",
    description="Print runs ordered by units in your scope, newest first.",
)
def list_print_runs(request: HttpRequest, filters: Query[PrintRunFilters]) -> Any:
    actor = actor_of(request)
    edition = resolve("query.edition", access_edition, actor, filters.edition) if filters.edition else None
    rows = selectors.print_runs(actor, edition=edition)
    if filters.unit is not None:
        rows = rows.filter(unit=resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_PACKAGE))
    page = keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_run(row) for row in page["items"]]
    return page


@router.get(
    "/training/print-runs/{int:print_run_id}",
    response={200: PrintRunOut, **errors(404)},
    tags=PRINT_RUNS,
    summary="Get a print run",
)
def get_print_run(request: HttpRequest, print_run_id: int) -> Any:
    return _run(access_print_run(actor_of(request), print_run_id))


@router.post(
    "/training/print-runs",
    response={201: PrintRunOut, **errors(400, 403, 404, 422)},
    tags=PRINT_RUNS,
    summary="Record a print run",
    description="Copies of an edition's participant book or trainer's guide ordered from a printer by a unit. "
    "They enter the unit's stock when the delivery is recorded.",
)
def record_print_run(request: HttpRequest, payload: PrintRunIn) -> Any:
    actor = actor_of(request)
    edition = resolve("body.edition", access_edition, actor, payload.edition)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.MANAGE_DISTRIBUTION)
    run = services.record_print_run(
        actor=actor,
        edition=edition,
        unit=unit,
        kind=payload.kind,
        printer=payload.printer,
        quantity=payload.quantity,
        cost_amount=payload.cost_amount,
        ordered_on=payload.ordered_on,
        note=payload.note,
    )
    return Status(201, _run(access_print_run(actor, run.pk)))


@router.post(
    "/training/print-runs/{int:print_run_id}/deliver",
    response={200: PrintRunOut, **errors(400, 403, 404, 409, 422)},
    tags=PRINT_RUNS,
    summary="Record a print run's delivery",
    description="The copies enter the ordering unit's stock. Once only (409 after).",
)
def deliver_print_run(request: HttpRequest, print_run_id: int, payload: DeliveredIn) -> Any:
    actor = actor_of(request)
    run = access_print_run(actor, print_run_id, permission=perms.MANAGE_DISTRIBUTION)
    return _run(services.mark_print_run_delivered(actor=actor, print_run=run, delivered_on=payload.delivered_on))


# --- consignments ----------------------------------------------------------------------------------


@router.get(
    "/training/consignments",
    response={200: page_of(ConsignmentOut), **errors(404, 422)},
    tags=CONSIGNMENTS,
    summary="List consignments",
    description="Consignments from or to units in your scope, newest first.",
)
def list_consignments(request: HttpRequest, filters: Query[ConsignmentFilters]) -> Any:
    actor = actor_of(request)
    edition = resolve("query.edition", access_edition, actor, filters.edition) if filters.edition else None
    rows = selectors.consignments(
        actor, edition=edition, status=filters.status or "", direction=filters.direction or ""
    )
    page = keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_consignment(row) for row in page["items"]]
    return page


@router.get(
    "/training/consignments/{int:consignment_id}",
    response={200: ConsignmentOut, **errors(404)},
    tags=CONSIGNMENTS,
    summary="Get a consignment",
)
def get_consignment(request: HttpRequest, consignment_id: int) -> Any:
    return _consignment(access_consignment(actor_of(request), consignment_id))


@router.post(
    "/training/consignments",
    response={201: list[ConsignmentOut], **errors(400, 403, 404, 422)},
    tags=CONSIGNMENTS,
    summary="Plan consignments to many units",
    description="From one unit's stock to many units at once, a quantity per unit. Refused as a whole (400 "
    "`distribution-rule`, the numbers in the message) when the copies exceed the sender's available stock: its "
    "ledger minus what it has already planned.",
)
def plan_consignments(request: HttpRequest, payload: PlanIn) -> Any:
    actor = actor_of(request)
    edition = resolve("body.edition", access_edition, actor, payload.edition)
    sender = resolve("body.from_unit", access_unit, actor, payload.from_unit, permission=perms.MANAGE_DISTRIBUTION)
    units = Unit.objects.visible_to(actor, perms.MANAGE_DISTRIBUTION).in_bulk([a.unit for a in payload.allocations])
    allocations = []
    for index, allocation in enumerate(payload.allocations):
        unit = units.get(allocation.unit)
        if unit is None:
            raise NotFound(_("Not found."), field=f"body.allocations.{index}.unit")
        allocations.append((unit, allocation.quantity))
    created = services.plan_consignments(
        actor=actor, edition=edition, from_unit=sender, kind=payload.kind, allocations=allocations
    )
    rows = selectors.consignments(actor).filter(pk__in=[row.pk for row in created]).order_by("id")
    return Status(201, [_consignment(row) for row in rows])


@router.post(
    "/training/consignments/{int:consignment_id}/ship",
    response={200: ConsignmentOut, **errors(400, 403, 404, 409, 422)},
    tags=CONSIGNMENTS,
    summary="Ship a planned consignment",
    description="The copies leave the sender's stock. Needs training.manage_distribution over the sender.",
)
def ship_consignment(request: HttpRequest, consignment_id: int, payload: ShipIn) -> Any:
    actor = actor_of(request)
    row = access_consignment(actor, consignment_id, permission=perms.MANAGE_DISTRIBUTION)
    return _consignment(
        services.ship_consignment(actor=actor, consignment=row, shipped_on=payload.shipped_on, carrier=payload.carrier)
    )


@router.post(
    "/training/consignments/{int:consignment_id}/receive",
    response={200: ConsignmentOut, **errors(400, 403, 404, 409, 422)},
    tags=CONSIGNMENTS,
    summary="Confirm a consignment's receipt",
    description="Only an officer of the receiving unit: a grant with training.confirm_receipt that covers the "
    "receiver but not the sender (the sender's officers get 403). The copies that arrived enter its stock.",
)
def receive_consignment(request: HttpRequest, consignment_id: int, payload: ReceiveIn) -> Any:
    actor = actor_of(request)
    row = access_consignment(actor, consignment_id, permission=perms.CONFIRM_RECEIPT)
    return _consignment(
        services.confirm_receipt(
            actor=actor,
            consignment=row,
            received_quantity=payload.received_quantity,
            received_on=payload.received_on,
            note=payload.note,
        )
    )


@router.post(
    "/training/consignments/{int:consignment_id}/cancel",
    response={200: ConsignmentOut, **errors(400, 403, 404, 409, 422)},
    tags=CONSIGNMENTS,
    summary="Cancel a consignment",
    description="A planned one, or a shipped one never received (its copies return to the sender's stock).",
)
def cancel_consignment(request: HttpRequest, consignment_id: int, payload: CancelIn) -> Any:
    actor = actor_of(request)
    row = access_consignment(actor, consignment_id, permission=perms.MANAGE_DISTRIBUTION)
    return _consignment(services.cancel_consignment(actor=actor, consignment=row, reason=payload.reason))


# --- stock -----------------------------------------------------------------------------------------


@router.get(
    "/training/stock",
    response={200: page_of(StockOut), **errors(404, 422)},
    tags=STOCK,
    summary="List stock per unit",
    description="Units in your scope holding or having held copies of the edition, in tree order, with the "
    "copies of each document: the sum of the unit's stock movements.",
)
def list_stock(request: HttpRequest, filters: Query[StockFilters]) -> Any:
    actor = actor_of(request)
    edition = resolve("query.edition", access_edition, actor, filters.edition)
    rows = selectors.stock_units(actor, edition)
    page = keyset_page(request, rows, order=("path",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [
        {**_unit(unit), "participant_book": unit.participant_book, "trainer_guide": unit.trainer_guide}
        for unit in page["items"]
    ]
    return page


@router.post(
    "/training/stock/hand-outs",
    response={201: MovementOut, **errors(400, 403, 404, 422)},
    tags=STOCK,
    summary="Record copies handed out at a training",
    description="Refused below zero stock. Needs training.confirm_receipt or training.manage_distribution over "
    "the unit.",
)
def hand_out_copies(request: HttpRequest, payload: HandOutIn) -> Any:
    actor = actor_of(request)
    edition = resolve("body.edition", access_edition, actor, payload.edition)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.VIEW_PACKAGE)
    movement = services.hand_out_copies(
        actor=actor, edition=edition, unit=unit, kind=payload.kind, quantity=payload.quantity,
        handed_out_on=payload.handed_out_on, training=payload.training,
    )  # fmt: skip
    return Status(201, _movement(movement))


@router.post(
    "/training/stock/counts",
    response={201: MovementOut, **errors(400, 403, 404, 422)},
    tags=STOCK,
    summary="Correct a unit's stock after a count",
    description="The difference between the counted copies and the ledger is recorded with its reason.",
)
def correct_stock(request: HttpRequest, payload: CountIn) -> Any:
    actor = actor_of(request)
    edition = resolve("body.edition", access_edition, actor, payload.edition)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.VIEW_PACKAGE)
    movement = services.correct_stock(
        actor=actor, edition=edition, unit=unit, kind=payload.kind, counted=payload.counted,
        counted_on=payload.counted_on, reason=payload.reason,
    )  # fmt: skip
    return Status(201, _movement(movement))


# --- coverage --------------------------------------------------------------------------------------


def _coverage_filters(actor: Any, filters: Any) -> tuple[Any, selectors.CoverageFilters]:
    package = resolve("query.package", access_package, actor, filters.package)
    under = None
    if filters.under is not None:
        under = resolve("query.under", access_unit, actor, filters.under, permission=perms.VIEW_PACKAGE)
    return package, selectors.CoverageFilters(level=filters.level, under=under, state=filters.state or "")


@router.get(
    "/training/coverage",
    response={200: page_of(CoverageOut), **errors(404, 422)},
    tags=COVERAGE,
    summary="List the coverage of a package",
    description="Units in your scope at a level (federations, plant unions or all), optionally below one unit, "
    "with whether they hold the package's current edition, only an older one, or none; in tree order.",
)
def list_coverage(request: HttpRequest, filters: Query[CoverageFilters]) -> Any:
    actor = actor_of(request)
    package, chosen = _coverage_filters(actor, filters)
    rows = selectors.coverage_units(actor, package, chosen).select_related("level")
    page = keyset_page(request, rows, order=("path",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [
        {
            **_unit(unit),
            "level": unit.level.code,
            "state": selectors.coverage_state(unit),
            "in_transit": unit.in_transit,
        }
        for unit in page["items"]
    ]
    return page


@router.get(
    "/training/coverage/federations",
    response={200: page_of(CoverageCountOut), **errors(404, 422)},
    tags=COVERAGE,
    summary="Count the coverage per federation",
    description="How many of the units the coverage list would show, per federation, hold the current edition, "
    "only an older one, or none. One page: there are few federations.",
)
def coverage_per_federation(request: HttpRequest, filters: Query[CoverageSummaryFilters]) -> Any:
    actor = actor_of(request)
    package, chosen = _coverage_filters(actor, filters)
    counts = selectors.coverage_counts(actor, package, chosen)
    return whole_list(
        {
            "id": row.pk,
            "code": row.code,
            "name": row.name,
            "units": row.units,
            "current": row.current,
            "older": row.older,
            "none": row.none,
        }
        for row in counts
    )


# --- feedback --------------------------------------------------------------------------------------


@router.get(
    "/training/feedback",
    response={200: page_of(FeedbackOut), **errors(404, 422)},
    tags=FEEDBACK,
    summary="List feedback",
    description="Feedback on the packages you may read, newest first.",
)
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilters]) -> Any:
    actor = actor_of(request)
    chosen = feedback_selectors.FeedbackFilters(
        status=filters.status or "", module=filters.module, session=filters.session, triage=filters.triage
    )
    if filters.package is not None:
        chosen.package = resolve("query.package", access_package, actor, filters.package)
    if filters.edition is not None:
        chosen.edition = resolve("query.edition", access_edition, actor, filters.edition)
    rows = feedback_selectors.feedback_rows(actor, chosen)
    page = keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_feedback(item) for item in page["items"]]
    return page


@router.get(
    "/training/feedback/{int:feedback_id}",
    response={200: FeedbackOut, **errors(404)},
    tags=FEEDBACK,
    summary="Get a feedback item",
)
def get_feedback(request: HttpRequest, feedback_id: int) -> Any:
    return _feedback(access_feedback(actor_of(request), feedback_id))


@router.post(
    "/training/feedback",
    response={201: FeedbackOut, **errors(400, 403, 404, 422)},
    tags=FEEDBACK,
    summary="Send feedback on a section of an edition",
    description="A module, or a session of it, by the ids of the edition's snapshot; from one of your units.",
)
def send_feedback(request: HttpRequest, payload: FeedbackIn) -> Any:
    actor = actor_of(request)
    edition = resolve("body.edition", access_edition, actor, payload.edition, permission=perms.SEND_FEEDBACK)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.SEND_FEEDBACK)
    item = feedback_services.send_feedback(
        actor=actor, edition=edition, unit=unit, module_id=payload.module, session_id=payload.session,
        from_role=payload.from_role, body=payload.body,
    )  # fmt: skip
    return Status(201, _feedback(access_feedback(actor, item.pk)))


@router.post(
    "/training/feedback/{int:feedback_id}/triage",
    response={200: FeedbackOut, **errors(400, 403, 404, 409, 422)},
    tags=FEEDBACK,
    summary="Accept, decline or defer feedback",
    description="With a reason, which the sender reads. Needs training.triage_feedback over the package's unit.",
)
def triage_feedback(request: HttpRequest, feedback_id: int, payload: TriageIn) -> Any:
    actor = actor_of(request)
    item = access_feedback(actor, feedback_id, permission=perms.TRIAGE_FEEDBACK)
    feedback_services.triage_feedback(actor=actor, feedback=item, decision=payload.decision, reason=payload.reason)
    return _feedback(access_feedback(actor, feedback_id))


@router.post(
    "/training/feedback/{int:feedback_id}/address",
    response={200: FeedbackOut, **errors(403, 404, 409)},
    tags=FEEDBACK,
    summary="Mark accepted feedback addressed in the draft",
    description="Needs training.author_package over the package's unit; the next release records the edition.",
)
def address_feedback(request: HttpRequest, feedback_id: int) -> Any:
    actor = actor_of(request)
    item = access_feedback(actor, feedback_id, permission=perms.AUTHOR_PACKAGE)
    feedback_services.mark_feedback_addressed(actor=actor, feedback=item)
    return _feedback(access_feedback(actor, feedback_id))
