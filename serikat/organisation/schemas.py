"""Input and output shapes of the organisation API.

References to other rows are their primary keys (a region's is its Kemendagri code). Output nests
small references ({id, code, name}) so that a client needs no second call to show a row.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, Field

from serikat.core.api import Input, PageParams


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("Enter a valid email address.") from None
    return value


Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]
UnitStatus = Literal["active", "dormant", "dissolved"]
EmployerStatus = Literal["active", "closed"]
Gender = Literal["F", "M"]


# --- references -----------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    code: str
    name: str


class LevelRef(Schema):
    id: int
    code: str
    name: str
    axis: str
    is_plant: bool


class RegionRef(Schema):
    code: str
    name: str
    kind: str


class SectorRef(Schema):
    id: int
    code: str
    name: str


class PositionRef(Schema):
    id: int
    code: str
    name: str
    kind: str


class EmployerRef(Schema):
    id: int
    name: str


# --- reference data -------------------------------------------------------------------------------


class RegionOut(Schema):
    code: str = Field(description='Kemendagri code, dotted: "32", "32.16", "32.16.01".')
    name: str
    kind: Literal["province", "regency", "city", "district"]
    parent_code: str | None = Field(description="The region this one lies in; null for a province.")

    @staticmethod
    def resolve_parent_code(obj: Any) -> str | None:
        return obj.parent_id


class RegionFilters(PageParams):
    kind: Literal["province", "regency", "city", "district"] | None = None
    parent: str | None = Field(None, description="Code of the region these lie in (its direct parts).")
    q: str | None = Field(None, max_length=100, description="Part of the name.")


class SectorOut(Schema):
    id: int
    code: str
    name: str
    name_en: str


class PositionOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    rank: int


class LevelOut(Schema):
    id: int
    code: str
    name: str
    axis: Literal["national", "territorial", "sector"]
    rank: int
    is_plant: bool
    federation_id: int | None = Field(description="null for the levels shared by the confederation (KONF, DPP).")
    allowed_parent_ids: list[int] = Field(description="Levels under which a unit of this level may stand.")

    @staticmethod
    def resolve_allowed_parent_ids(obj: Any) -> list[int]:
        return sorted(level.pk for level in obj.allowed_parents.all())


class LevelFilters(Schema):
    federation: int | None = Field(None, description="A federation's id: its levels and the shared ones.")


# --- units ------------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    code: str
    name: str
    level: LevelRef
    parent_id: int | None = Field(description="null for the confederation.")
    depth: int
    child_count: int = Field(description="Units directly under this one in the tree.")
    status: UnitStatus
    region: RegionRef | None
    territory: UnitRef | None = Field(description="The territorial council (KC/DPC) the unit sits in.")
    registration_number: str
    founded_on: datetime.date | None
    address: str
    phone: str
    email: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_parent_id(obj: Any) -> int | None:
        # Set for a whole page at once by the API (one query), never fetched per row.
        return obj.parent_pk

    @staticmethod
    def resolve_child_count(obj: Any) -> int:
        return obj.numchild


class UnitChildOut(UnitOut):
    relation: Literal["child", "territorial_member"] = Field(
        description="child: under this unit in the tree; territorial_member: sits in its territory."
    )


class UnitFilters(PageParams):
    q: str | None = Field(None, max_length=100, description="Start of the code or part of the name.")
    level: int | None = Field(None, description="A level's id.")
    parent: int | None = Field(None, description="Only units directly under this unit in the tree.")
    status: UnitStatus | None = None


class UnitCreateIn(Input):
    parent: int = Field(description="The unit to create under.")
    level: int
    code: str = Field(max_length=40)
    name: str = Field(max_length=200)
    territory: int | None = Field(None, description="Territorial council; by default the parent's.")
    region: str | None = Field(None, description="Kemendagri region code.")
    registration_number: str = Field("", max_length=100)
    founded_on: datetime.date | None = None
    status: UnitStatus = "active"
    address: str = ""
    phone: str = Field("", max_length=20)
    email: Email = ""


class UnitUpdateIn(Input):
    """Only the fields sent are changed. The tree and territory change through move/territory/split."""

    name: str = Field(None, max_length=200)  # type: ignore[assignment]
    region: str | None = None
    registration_number: str = Field(None, max_length=100)  # type: ignore[assignment]
    founded_on: datetime.date | None = None
    status: UnitStatus = None  # type: ignore[assignment]
    address: str = None  # type: ignore[assignment]
    phone: str = Field(None, max_length=20)  # type: ignore[assignment]
    email: Email = None  # type: ignore[assignment]


class UnitMoveIn(Input):
    new_parent: int = Field(description="The unit to move under; the whole subtree follows.")
    reason: str = Field("", max_length=500)


class UnitTerritoryIn(Input):
    territory: int | None = Field(description="A territorial council, or null to take the unit out of any.")
    with_subtree: bool = Field(True, description="Units under this one that shared its council follow it.")


class UnitTerritoryOut(Schema):
    unit: UnitOut
    units_updated: int


class UnitSplitIn(Input):
    new_code: str = Field(max_length=40)
    new_name: str = Field(max_length=200)
    children: list[int] = Field(default_factory=list, description="Children that move to the new unit.")
    territorial_members: list[int] = Field(
        default_factory=list, description="Units sitting in this council's territory that move to the new one."
    )


# --- employers and workplaces --------------------------------------------------------------------------


class EmployerOut(Schema):
    id: int
    name: str
    business_number: str
    sector: SectorRef | None
    region: RegionRef | None
    address: str = Field(description="The head office address (letters go there).")
    letters_attention: str = Field(description="Who letters go to; empty means Manajer Personalia / HRD.")
    status: EmployerStatus
    unit: UnitRef = Field(description="The unit that registered and maintains the employer.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class EmployerFilters(PageParams):
    q: str | None = Field(None, max_length=100, description="Part of the name.")
    unit: int | None = Field(None, description="Registered by this unit.")
    status: EmployerStatus | None = None


class EmployerCreateIn(Input):
    unit: int = Field(description="The unit that registers the employer.")
    name: str = Field(max_length=200)
    business_number: str = Field("", max_length=32)
    sector: int | None = None
    region: str | None = None
    address: str = Field("", max_length=1000)
    letters_attention: str = Field("", max_length=200)


class EmployerUpdateIn(Input):
    name: str = Field(None, max_length=200)  # type: ignore[assignment]
    business_number: str = Field(None, max_length=32)  # type: ignore[assignment]
    sector: int | None = None
    region: str | None = None
    address: str = Field(None, max_length=1000)  # type: ignore[assignment]
    letters_attention: str = Field(None, max_length=200)  # type: ignore[assignment]
    status: EmployerStatus = None  # type: ignore[assignment]


class WorkplaceLinkOut(Schema):
    id: int
    unit: UnitRef
    workplace_id: int
    since_on: datetime.date | None
    until_on: datetime.date | None


class WorkplaceOut(Schema):
    id: int
    name: str
    address: str
    employer: EmployerRef
    region: RegionRef | None
    sector: SectorRef | None
    workforce_size: int | None
    unit: UnitRef = Field(description="The unit that registered the workplace.")
    links: list[WorkplaceLinkOut] = Field(description="Plant unions organising here that you may see.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_links(obj: Any) -> list[Any]:
        return obj.visible_links


class WorkplaceFilters(PageParams):
    q: str | None = Field(None, max_length=100, description="Part of the name.")
    employer: int | None = None
    unit: int | None = Field(None, description="Registered by this unit or organised by it (open link).")


class WorkplaceCreateIn(Input):
    employer: int
    unit: int = Field(description="The unit that registers the workplace.")
    name: str = Field(max_length=200)
    address: str = ""
    region: str | None = None
    sector: int | None = Field(None, description="By default the employer's sector.")
    workforce_size: int | None = Field(None, ge=0)


class WorkplaceUpdateIn(Input):
    name: str = Field(None, max_length=200)  # type: ignore[assignment]
    address: str = None  # type: ignore[assignment]
    region: str | None = None
    sector: int | None = None
    workforce_size: int | None = Field(None, ge=0)


class WorkplaceLinkIn(Input):
    unit: int = Field(description="A plant-level union (PUK).")
    since_on: datetime.date | None = None


class WorkplaceLinkEndIn(Input):
    until_on: datetime.date


# --- officers -------------------------------------------------------------------------------------------


class OfficerOut(Schema):
    id: int
    unit: UnitRef
    position: PositionRef
    portfolio: str
    person_name: str
    gender: Gender
    phone: str
    decree_number: str
    started_on: datetime.date
    ends_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str
    is_current: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_is_current(obj: Any) -> bool:
        today = timezone.localdate()
        return obj.started_on <= today and (obj.ended_on is None or obj.ended_on >= today)


class OfficerFilters(PageParams):
    unit: int | None = Field(None, description="Officers of this unit.")
    position: int | None = None
    current: bool | None = Field(None, description="true: terms running today; false: the others.")


class OfficerAppointIn(Input):
    unit: int
    position: int
    person_name: str = Field(max_length=150)
    gender: Gender
    started_on: datetime.date
    ends_on: datetime.date | None = None
    portfolio: str = Field("", max_length=100)
    phone: str = Field("", max_length=20)
    decree_number: str = Field("", max_length=100)
    replace_current: bool = Field(
        False, description="For chair, secretary, treasurer: end the current holder's term the day before."
    )


class OfficerEndIn(Input):
    ended_on: datetime.date
    reason: str = Field("", max_length=200)
