"""Input and output shapes of the member-registry API.

A list row and the page of one membership are keyed by the *membership* id: a person may hold
several memberships over time (and, in a conflict, in two federations), and each union sees only
its own. The person (`member`) is nested. NIK, phone and end reasons are checked by the services,
so a bad value is answered with the validator's own message, naming the body field.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from serikat.core.api import Input, PageParams
from serikat.organisation.schemas import Email, EmployerRef, RegionRef, UnitRef

Gender = Literal["F", "M"]
MembershipStatus = Literal["applicant", "active", "suspended", "ended"]
Employment = Literal["permanent", "fixed_term", "outsourced", "daily", "informal", "migrant"]
# "transferred" is set by accepting a transfer, never chosen by hand.
EndReason = Literal["death", "resignation", "dismissal", "other_union", "left_employer"]
TransferStatus = Literal["requested", "accepted", "rejected", "cancelled"]
Direction = Literal["incoming", "outgoing", "internal"]
ConflictKind = Literal["two_federations", "two_unions_one_employer"]


# --- references -----------------------------------------------------------------------------------


class PersonRef(Schema):
    id: int = Field(description="The person's id (one per NIK across the confederation).")
    nik: str
    full_name: str
    gender: Gender
    birth_date: datetime.date | None


class WorkplaceRef(Schema):
    id: int
    name: str


# --- lists and pages ------------------------------------------------------------------------------


class MemberOut(Schema):
    """One membership in a list: the person, the union, the status and the card number."""

    id: int = Field(description="The membership's id.")
    member: PersonRef
    unit: UnitRef
    status: MembershipStatus
    kta_number: str = Field(description="Empty until the membership is activated.")
    joined_on: datetime.date
    employment_status: Employment | Literal[""]


class MemberFilters(PageParams):
    q: str | None = Field(
        None,
        max_length=100,
        description="One search box: 16 digits are a NIK, a phone number in any usual form is matched "
        "exactly, a card number is a KTA number; anything else is a name, matched forgiving typos (then "
        "one page, best match first, no cursor).",
    )
    unit: int | None = Field(None, description="A unit's id: its members and those of every unit under it "
                             "or sitting in its territory.")  # fmt: skip
    status: list[MembershipStatus] = Field(default_factory=list, description="Repeat for several.")
    gender: Gender | None = None
    age_from: int | None = Field(None, ge=0, le=120, description="At least this old today.")
    age_to: int | None = Field(None, ge=0, le=120, description="At most this old today.")
    employment_status: Employment | None = None
    sector: int | None = Field(None, description="A sector's id, through the workplace or the employer.")
    joined_from: datetime.date | None = None
    joined_to: datetime.date | None = None


class ExportFilters(Schema):
    format: Literal["csv", "xlsx"] = "csv"
    q: str | None = Field(None, max_length=100, description="The list's search box (a name gives its best matches).")
    unit: int | None = Field(None, description="A unit's id: its members and those under it or in its territory.")
    status: list[MembershipStatus] = Field(default_factory=list, description="Repeat for several.")
    gender: Gender | None = None
    age_from: int | None = Field(None, ge=0, le=120)
    age_to: int | None = Field(None, ge=0, le=120)
    employment_status: Employment | None = None
    sector: int | None = None
    joined_from: datetime.date | None = None
    joined_to: datetime.date | None = None


class PersonOut(PersonRef):
    birth_place: str
    phone: str = Field(description="E.164, e.g. +6281234567890; empty when unknown.")
    email: str
    address: str
    region: RegionRef | None
    review_flags: list[str] = Field(description="Disagreements between the NIK and what was declared, to check.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class MembershipOut(Schema):
    """A membership in a person's history (only those the caller may see)."""

    id: int
    unit: UnitRef
    federation: UnitRef
    status: MembershipStatus
    kta_number: str
    joined_on: datetime.date
    activated_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str


class CardOut(Schema):
    id: int
    issued_at: datetime.datetime
    revoked_at: datetime.datetime | None
    revoked_reason: str


class IssuedCardOut(CardOut):
    membership_id: int
    verification_url: str = Field(description="What the card's QR code opens: the public verification page.")


class TransferOut(Schema):
    id: int
    status: TransferStatus
    direction: Direction = Field(
        description="incoming: to a unit of yours; outgoing: from one; internal: both ends are yours."
    )
    member_name: str
    membership_id: int | None = Field(description="The membership being transferred, if you may see it.")
    new_membership_id: int | None = Field(description="The membership it became, once accepted, if you may see it.")
    from_unit: UnitRef
    to_unit: UnitRef
    effective_on: datetime.date
    reason: str
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_note: str


class TransferFilters(PageParams):
    direction: Literal["incoming", "outgoing"] | None = Field(
        None, description="incoming: to a unit of yours; outgoing: from one. Omit for both."
    )
    status: TransferStatus | None = None


class MemberDetailOut(Schema):
    id: int = Field(description="The membership's id.")
    member: PersonOut
    unit: UnitRef
    federation: UnitRef
    status: MembershipStatus
    kta_number: str
    joined_on: datetime.date
    activated_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str
    employer: EmployerRef | None
    workplace: WorkplaceRef | None
    employee_number: str
    employment_status: Employment | Literal[""]
    job_title: str
    department: str
    monthly_wage_amount: int | None = Field(description="Whole Rupiah.")
    consent_given_at: datetime.datetime | None
    consent_method: str
    consent_purposes: list[str]
    cards: list[CardOut] = Field(description="Cards of this membership, newest first.")
    history: list[MembershipOut] = Field(
        description="The person's memberships that you may see, oldest first (this one included)."
    )
    transfers: list[TransferOut] = Field(description="The person's transfers that you may see, oldest first.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_monthly_wage_amount(obj: Any) -> int | None:
        return None if obj.monthly_wage_amount is None else int(obj.monthly_wage_amount)

    # Loaded for the one membership by the API (serikat.membership.api._detail), scoped to the caller.
    @staticmethod
    def resolve_cards(obj: Any) -> list[Any]:
        return obj.cards_list

    @staticmethod
    def resolve_history(obj: Any) -> list[Any]:
        return obj.history

    @staticmethod
    def resolve_transfers(obj: Any) -> list[Any]:
        return obj.transfer_list


# --- conflicts ------------------------------------------------------------------------------------


class ConflictSideOut(Schema):
    membership_id: int | None
    federation: UnitRef | None
    unit: UnitRef | None
    status: MembershipStatus | None


class ConflictOut(Schema):
    id: int
    kind: ConflictKind
    member: PersonRef
    own_side: ConflictSideOut = Field(description="Your membership of the two.")
    other_side: ConflictSideOut = Field(description="The other membership: all null unless it is in your scope too.")
    may_resolve: bool = Field(description="Whether you may record a settlement (you cover both memberships).")
    detected_at: datetime.datetime
    resolved_at: datetime.datetime | None
    resolution: str


class ConflictFilters(PageParams):
    status: Literal["open", "resolved", "all"] = "open"


class VerificationListFilters(Schema):
    employer: int | None = Field(None, description="A company's id (all its workplaces); or give `workplace`.")
    workplace: int | None = Field(None, description="One workplace's id.")
    federation: int = Field(description="The affiliation (a federation's id) whose members are listed.")
    format: Literal["pdf", "xlsx"] = "pdf"


# --- writes ---------------------------------------------------------------------------------------


class _JobFields(Input):
    employer: int | None = Field(None, description="An employer's id.")
    workplace: int | None = Field(None, description="A workplace's id.")
    employee_number: str = Field("", max_length=40)
    employment_status: Employment | Literal[""] = ""
    job_title: str = Field("", max_length=100)
    department: str = Field("", max_length=100)
    monthly_wage_amount: int | None = Field(None, ge=0, description="Whole Rupiah.")


class MemberRegisterIn(_JobFields):
    unit: int = Field(description="The union (normally a PUK) the person applies to.")
    nik: str = Field(max_length=32, description="16 digits; spaces, dots and dashes are ignored.")
    full_name: str = Field(max_length=150)
    joined_on: datetime.date
    gender: Gender | None = Field(None, description="By default the one the NIK gives.")
    birth_date: datetime.date | None = Field(None, description="By default the one the NIK gives.")
    birth_place: str = Field("", max_length=100)
    phone: str = Field("", max_length=32, description="Any usual form; stored as +62...")
    email: Email = ""
    address: str = ""
    region: str | None = Field(None, description="Kemendagri region code.")
    consent_given_at: datetime.datetime | None = None
    consent_method: str = Field("", max_length=40)
    consent_purposes: list[str] = Field(default_factory=list)


class MembershipUpdateIn(Input):
    """Only the fields sent change. Status changes through the actions (activate, suspend, ...)."""

    employer: int | None = None
    workplace: int | None = None
    employee_number: str = Field(None, max_length=40)  # type: ignore[assignment]
    employment_status: Employment | Literal[""] = None  # type: ignore[assignment]
    job_title: str = Field(None, max_length=100)  # type: ignore[assignment]
    department: str = Field(None, max_length=100)  # type: ignore[assignment]
    monthly_wage_amount: int | None = Field(None, ge=0)
    consent_given_at: datetime.datetime | None = None
    consent_method: str = Field(None, max_length=40)  # type: ignore[assignment]
    consent_purposes: list[str] = None  # type: ignore[assignment]


class PersonUpdateIn(Input):
    """Only the fields sent change. The NIK never does: it is the person's identity."""

    full_name: str = Field(None, max_length=150)  # type: ignore[assignment]
    gender: Gender = None  # type: ignore[assignment]
    birth_date: datetime.date | None = None
    birth_place: str = Field(None, max_length=100)  # type: ignore[assignment]
    phone: str = Field(None, max_length=32)  # type: ignore[assignment]
    email: Email = None  # type: ignore[assignment]
    address: str = None  # type: ignore[assignment]
    region: str | None = None


class ActivateIn(Input):
    activated_on: datetime.date | None = Field(None, description="By default today.")


class SuspendIn(Input):
    reason: str = Field(max_length=200)


class EndIn(Input):
    reason: EndReason
    ended_on: datetime.date | None = Field(None, description="By default today.")


class RejoinIn(_JobFields):
    unit: int | None = Field(None, description="The union to re-join; by default the one of this membership.")
    joined_on: datetime.date


class TransferRequestIn(Input):
    to_unit: str = Field(max_length=40, description="The receiving union's exact code (you need not see it).")
    effective_on: datetime.date
    reason: str = Field("", max_length=200)


class TransferReceiveIn(Input):
    nik: str = Field(max_length=32)
    kta_number: str = Field(max_length=40, description="Together with the NIK: proof that you hold the card.")
    to_unit: int = Field(description="Your union that receives the member.")
    effective_on: datetime.date
    reason: str = Field("", max_length=200)


class TransferDecisionIn(Input):
    note: str = Field("", max_length=200)


class ConflictResolveIn(Input):
    resolution: str = Field(max_length=200, description="How it was settled, e.g. the member chose one union.")


class CardRevokeIn(Input):
    reason: str = Field("", max_length=200, description="E.g. lost, stolen.")
