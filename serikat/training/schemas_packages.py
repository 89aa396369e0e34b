"""Request and answer shapes of the package endpoints (serikat.training.api_packages)."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from serikat.core.api import Input

REVISION = Field(
    None,
    description="The package revision your edit is based on. When given and the package has changed since, the "
    "request is refused with 409 stale-revision and changes nothing.",
)


class UnitRef(Schema):
    id: int
    code: str
    name: str


class PackageOut(Schema):
    id: int
    unit: UnitRef
    code: str
    title: str
    theme: str
    audience: str
    summary: str = Field(description="Sanitised HTML.")
    implementation_guide: str = Field(description="Sanitised HTML.")
    stated_minutes: int | None
    stage: str
    stage_changed_at: datetime.datetime | None
    revision: int
    current_edition: int | None = Field(None, alias="current_edition_id")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class PackageIn(Input):
    unit: int = Field(description="The owning unit; needs training.author_package there.")
    code: str
    title: str
    theme: str = Field(description="foa, osh, gender or other.")
    audience: str = ""
    summary: str = Field("", description="HTML; cleaned to the allowed subset.")
    implementation_guide: str = Field("", description="HTML; cleaned to the allowed subset.")
    stated_minutes: int | None = None


class PackagePatch(Input):
    revision: int | None = REVISION
    code: str | None = None
    title: str | None = None
    theme: str | None = None
    audience: str | None = None
    summary: str | None = None
    implementation_guide: str | None = None
    stated_minutes: int | None = Field(None, description="Send null to clear only together with clear_stated_minutes.")
    clear_stated_minutes: bool = False


class StageIn(Input):
    revision: int | None = REVISION
    to_stage: str = Field(description="drafting, production_review, finalisation, alignment or approved.")
    note: str = Field("", description="Required when going back.")


class ProblemOut(Schema):
    code: str
    message: str
    target: str = Field(description="The page where it is fixed.")
    module_id: int | None
    session_id: int | None
    objective_id: int | None
    term_id: int | None


class AlignmentOut(Schema):
    package: int
    revision: int
    can_be_approved: bool
    problems: list[ProblemOut]


class ObjectiveOut(Schema):
    id: int
    package: int = Field(alias="package_id")
    position: int
    text: str


class ObjectiveIn(Input):
    revision: int | None = REVISION
    text: str
    position: int | None = Field(None, description="1-based; last when omitted.")


class ObjectivePatch(Input):
    revision: int | None = REVISION
    text: str | None = None
    position: int | None = None


class TermOut(Schema):
    id: int
    package: int = Field(alias="package_id")
    term: str
    definition: str
    variants: list[str]


class TermIn(Input):
    revision: int | None = REVISION
    term: str
    definition: str = ""
    variants: list[str] = Field(default_factory=list, description="Spellings or synonyms alignment flags.")


class ModuleOut(Schema):
    id: int
    package: int = Field(alias="package_id")
    position: int
    title: str
    introduction: str = Field(description="Sanitised HTML.")


class ModuleIn(Input):
    revision: int | None = REVISION
    title: str
    introduction: str = ""
    position: int | None = None


class ModulePatch(Input):
    revision: int | None = REVISION
    title: str | None = None
    introduction: str | None = None
    position: int | None = None


class SessionOut(Schema):
    id: int
    module: int
    position: int
    title: str
    duration_minutes: int
    method: str
    objectives: list[int]
    activities: str
    materials: str
    handout: str
    facilitator_notes: str


class SessionIn(Input):
    revision: int | None = REVISION
    title: str
    duration_minutes: int = 0
    method: str = "group_discussion"
    objectives: list[int] = Field(default_factory=list, description="Ids of the package's objectives it covers.")
    activities: str = ""
    materials: str = ""
    handout: str = ""
    facilitator_notes: str = ""
    position: int | None = None


class SessionPatch(Input):
    revision: int | None = REVISION
    title: str | None = None
    duration_minutes: int | None = None
    method: str | None = None
    objectives: list[int] | None = None
    activities: str | None = None
    materials: str | None = None
    handout: str | None = None
    facilitator_notes: str | None = None
    module: int | None = Field(None, description="Move to another module of the same package.")
    position: int | None = None


class QuestionOut(Schema):
    id: int
    session: int = Field(alias="session_id")
    position: int
    kind: str
    text: str
    options: list[str]
    answer_guide: str


class QuestionIn(Input):
    revision: int | None = REVISION
    kind: str = "open"
    text: str
    options: list[str] = Field(default_factory=list)
    answer_guide: str = ""
    position: int | None = None


class QuestionPatch(Input):
    revision: int | None = REVISION
    kind: str | None = None
    text: str | None = None
    options: list[str] | None = None
    answer_guide: str | None = None
    position: int | None = None


class RevisionIn(Input):
    revision: int | None = REVISION
