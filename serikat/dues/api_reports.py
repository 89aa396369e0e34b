"""API of the dues module: running a month's allocation, the runs and their entries, arrears and
sanction flags, paid-up standing, a member's statement, the levies and their payments, and the
federations' totals for the confederation.

Runs and levies belong to a federation (visible with a grant at or above it); entries to the union
that collected and the unit that is due; the arrears and standing answers to the unions in scope.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import DomainError
from serikat.dues import selectors_reports as reports
from serikat.dues.access import access_dues_membership, access_dues_unit, access_levy, access_run
from serikat.dues.money import parse_month
from serikat.dues.services_allocation import record_levy_payment, run_allocation

router = Router(tags=["dues"])


class UnitRef(Schema):
    id: int
    code: str
    name: str


class RunOut(Schema):
    id: int
    federation: UnitRef
    month: datetime.date
    rule: int = Field(alias="rule_id")
    members_count: int
    unpriced_count: int
    due_amount: Decimal
    received_amount: Decimal
    revision: int
    run_at: datetime.datetime


class EntryOut(Schema):
    id: int
    month: datetime.date
    source_unit: UnitRef
    level: str = Field(alias="level.code")
    recipient_unit: UnitRef
    due_amount: Decimal
    received_amount: Decimal


class LevyOut(Schema):
    id: int
    federation: UnitRef
    month: datetime.date
    members_count: int
    due_amount: Decimal
    paid_amount: Decimal


class RunIn(Input):
    federation: int
    month: str = Field(description="YYYY-MM", examples=["2026-03"])


class LevyPaymentIn(Input):
    amount: int = Field(description="Whole Rupiah, at most what is still owed.")
    paid_on: datetime.date
    reference: str = ""


class BucketOut(Schema):
    months: str = Field(description="1, 2-3, 4-6 or 7+ months with arrears.")
    unions: int
    arrears_amount: int


class UnionArrearsOut(Schema):
    id: int = Field(description="The union's unit id.")
    code: str
    name: str
    months: int
    arrears_amount: int
    oldest_month: datetime.date
    sanction_months: int
    flagged: bool


class ArrearsOut(Schema):
    upto: datetime.date | None
    due_amount: int
    received_amount: int
    unions: int
    unions_in_arrears: int
    buckets: list[BucketOut]
    flagged_count: int
    items: list[UnionArrearsOut] = Field(description="The unions flagged for sanction, worst first (at most 100).")


class StatementRowOut(Schema):
    month: datetime.date
    unit_code: str
    due_amount: int
    paid_amount: int
    arrears_amount: int


class StatementOut(Schema):
    membership_id: int
    due_amount: int
    paid_amount: int
    arrears_amount: int
    months_in_arrears: int
    paid_up: bool
    on: datetime.date
    grace_months: int
    rows: list[StatementRowOut]


class StandingOut(Schema):
    membership_id: int
    on: datetime.date
    paid_up: bool


class FederationTotalsItem(Schema):
    id: int
    code: str
    months: int
    due_amount: int
    received_amount: int
    arrears_amount: int
    levy_due_amount: int
    levy_paid_amount: int
    levy_outstanding_amount: int


class FederationTotalsOut(Schema):
    items: list[FederationTotalsItem]


class ArrearsFilters(Schema):
    federation: int | None = None
    month: str | None = Field(None, description="YYYY-MM: count allocated months up to this one (default: latest).")


class StandingFilters(Schema):
    on: datetime.date | None = None


def _month(field: str, text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return parse_month(text)
    except ValueError as error:
        raise DomainError(str(error), field=field) from None


# --- allocation runs -------------------------------------------------------------------------------


@router.post(
    "/dues/allocation-runs",
    response={201: RunOut, **errors(400, 403, 404, 422)},
    summary="Allocate a federation's month",
    description="Writes the month's contributions of every member who owed it, shares each union's due and "
    "received between the levels by the allocation rule, and sets the levy. Running a month again replaces "
    "it. Needs dues.run_allocation at the federation.",
)
def create_run(request: HttpRequest, payload: RunIn) -> Any:
    actor = actor_of(request)
    federation = resolve(
        "body.federation", access_dues_unit, actor, payload.federation, permission=perms.RUN_ALLOCATION
    )
    month = _month("body.month", payload.month)
    return Status(201, run_allocation(actor=actor, federation=federation, month=month))


@router.get("/dues/allocation-runs", response={200: page_of(RunOut), **errors(422)}, summary="List allocated months")
def list_runs(request: HttpRequest, page: Query[PageParams]) -> Any:
    """The allocated months of the federations in your scope, newest first."""
    rows = reports.visible_runs(actor_of(request))
    return keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)


@router.get(
    "/dues/allocation-runs/{int:run_id}", response={200: RunOut, **errors(404)}, summary="Get an allocated month"
)
def get_run(request: HttpRequest, run_id: int) -> Any:
    return access_run(actor_of(request), run_id)


@router.get(
    "/dues/allocation-runs/{int:run_id}/entries",
    response={200: page_of(EntryOut), **errors(404, 422)},
    summary="List a month's allocation entries",
    description="Per union and level: the recipient, the amounts due and received. Only the entries your "
    "scope collected or is due.",
)
def list_entries(request: HttpRequest, run_id: int, page: Query[PageParams]) -> Any:
    actor = actor_of(request)
    run = access_run(actor, run_id)
    rows = reports.visible_entries(actor, run)
    return keyset_page(request, rows, order=("id",), cursor=page.cursor, limit=page.limit)


# --- arrears and standing --------------------------------------------------------------------------


@router.get(
    "/dues/arrears",
    response={200: ArrearsOut, **errors(404, 422)},
    summary="Arrears ageing and sanction flags",
    description="The unions in your scope (or of one federation): how many are 1, 2-3, 4-6 or more than 6 "
    "months behind and by how much, and those flagged for sanction by their standing rule.",
)
def arrears(request: HttpRequest, filters: Query[ArrearsFilters]) -> Any:
    actor = actor_of(request)
    federation = None
    if filters.federation is not None:
        federation = resolve("query.federation", access_dues_unit, actor, filters.federation)
    report = reports.arrears_report(actor, federation=federation, upto=_month("query.month", filters.month))
    return {
        "upto": report.upto,
        "due_amount": report.due,
        "received_amount": report.received,
        "unions": report.unions,
        "unions_in_arrears": report.unions_in_arrears,
        "buckets": [
            {"months": key, "unions": count, "arrears_amount": amount} for key, count, amount in report.buckets
        ],
        "flagged_count": report.flagged_count,
        "items": [
            {
                "id": union.unit_id,
                "code": union.code,
                "name": union.name,
                "months": union.months,
                "arrears_amount": union.arrears,
                "oldest_month": union.oldest,
                "sanction_months": union.threshold,
                "flagged": union.flagged,
            }
            for union in report.flagged
        ],
    }


@router.get(
    "/dues/members/{int:membership_id}/statement",
    response={200: StatementOut, **errors(404)},
    summary="A member's dues statement",
)
def statement(request: HttpRequest, membership_id: int) -> Any:
    membership = access_dues_membership(actor_of(request), membership_id)
    report = reports.member_statement(membership)
    return {
        "membership_id": membership.pk,
        "due_amount": report.due,
        "paid_amount": report.paid,
        "arrears_amount": report.arrears,
        "months_in_arrears": report.months_in_arrears,
        "paid_up": report.paid_up,
        "on": report.on,
        "grace_months": report.grace_months,
        "rows": [
            {
                "month": r.month,
                "unit_code": r.unit_code,
                "due_amount": r.due,
                "paid_amount": r.paid,
                "arrears_amount": r.arrears,
            }
            for r in report.rows
        ],
    }


@router.get(
    "/dues/members/{int:membership_id}/standing",
    response={200: StandingOut, **errors(404, 422)},
    summary="Whether a member is paid-up",
    description="Paid-up as of `on` (default today): months with arrears among the months that ended before it "
    "are at most the standing rule's grace.",
)
def standing(request: HttpRequest, membership_id: int, filters: Query[StandingFilters]) -> Any:
    membership = access_dues_membership(actor_of(request), membership_id)
    on = filters.on or timezone.localdate()
    return {"membership_id": membership.pk, "on": on, "paid_up": reports.is_paid_up(membership, on)}


# --- levies and the federations --------------------------------------------------------------------


@router.get("/dues/levies", response={200: page_of(LevyOut), **errors(422)}, summary="List levies")
def list_levies(request: HttpRequest, page: Query[PageParams]) -> Any:
    """The federations' monthly levies to the confederation, newest first."""
    rows = reports.visible_levies(actor_of(request))
    return keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/dues/levies/{int:levy_id}/payments",
    response={200: LevyOut, **errors(400, 403, 404, 422)},
    summary="Record a levy payment",
    description="A payment of a federation's levy (dues.run_allocation at the federation): whole Rupiah, at "
    "most what is still owed; the date and bank reference are kept in the audit log.",
)
def pay_levy(request: HttpRequest, levy_id: int, payload: LevyPaymentIn) -> Any:
    actor = actor_of(request)
    levy = access_levy(actor, levy_id, permission=perms.RUN_ALLOCATION)
    return record_levy_payment(
        actor=actor, levy=levy, amount=payload.amount, paid_on=payload.paid_on, reference=payload.reference
    )


@router.get(
    "/dues/federation-totals",
    response={200: FederationTotalsOut, **errors()},
    summary="Dues and levies per federation",
    description="Per federation in your scope: allocated months, dues due and received, levies due and paid.",
)
def federation_totals(request: HttpRequest) -> Any:
    return {
        "items": [
            {
                "id": f.federation.pk,
                "code": f.federation.code,
                "months": f.months,
                "due_amount": f.due,
                "received_amount": f.received,
                "arrears_amount": f.arrears,
                "levy_due_amount": f.levy_due,
                "levy_paid_amount": f.levy_paid,
                "levy_outstanding_amount": f.levy_outstanding,
            }
            for f in reports.federation_totals(actor_of(request))
        ]
    }
