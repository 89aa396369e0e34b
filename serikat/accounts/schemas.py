"""Input and output shapes of the accounts API: the signed-in user, roles, grants, users, tokens."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, model_validator

from serikat.core.api import Input, PageParams
from serikat.organisation.schemas import Email, UnitRef


class UserRef(Schema):
    id: int
    username: str
    full_name: str

    @staticmethod
    def resolve_full_name(obj: Any) -> str:
        return obj.get_full_name()


class RoleRef(Schema):
    id: int
    code: str
    name: str
    name_en: str


class RoleOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    description: str
    permissions: list[str]
    requires_two_factor: bool


class GrantOut(Schema):
    id: int
    user: UserRef
    role: RoleRef
    unit: UnitRef = Field(description="The role applies to this unit's whole subtree (tree and territory).")
    granted_by: UserRef | None
    granted_at: datetime.datetime
    expires_on: datetime.date | None
    revoked_at: datetime.datetime | None
    revoked_by: UserRef | None
    is_active: bool

    @staticmethod
    def resolve_is_active(obj: Any) -> bool:
        from django.utils import timezone

        return obj.revoked_at is None and (obj.expires_on is None or obj.expires_on >= timezone.localdate())


class GrantFilters(PageParams):
    unit: int | None = Field(None, description="Grants at this unit.")
    user: int | None = Field(None, description="Grants held by this user.")
    active: bool | None = Field(None, description="true: neither revoked nor expired; false: the others.")


class GrantCreateIn(Input):
    """Give a role at a unit to a user who already holds a grant you may see (or create one: POST /users)."""

    user: int | None = Field(None, description="The user's id; or give `username`.")
    username: str | None = Field(None, max_length=150)
    role: str = Field(description="The role's code, e.g. secretariat, read_only.", max_length=40)
    unit: int
    expires_on: datetime.date | None = None

    @model_validator(mode="after")
    def _one_user(self) -> GrantCreateIn:
        if (self.user is None) == (self.username is None):
            raise ValueError("Give either user (an id) or username, not both.")
        return self


class UserCreateIn(Input):
    """A new account always comes with its first grant: nobody exists unscoped."""

    username: str = Field(max_length=150)
    password: str = Field(max_length=128)
    role: str = Field(description="The first role's code.", max_length=40)
    unit: int = Field(description="Where the first role is granted.")
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    email: Email = ""
    preferred_language: Literal["id", "en"] = "id"


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    preferred_language: str


class MeOut(UserOut):
    has_two_factor: bool
    grants: list[GrantOut] = Field(description="Your active grants.")

    @staticmethod
    def resolve_grants(obj: Any) -> list[Any]:
        return obj.active_grant_rows


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The token's first characters, to recognise it.")
    created_at: datetime.datetime
    expires_on: datetime.date | None
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The token itself. Shown only this once; only its hash is kept.")


class TokenCreateIn(Input):
    name: str = Field(max_length=100, description="What will use the token.")
    expires_on: datetime.date | None = Field(None, description="Last day the token works; none: until revoked.")
