"""REST endpoints of accounts: who am I, roles, grants of roles at units, new users, personal tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from serikat.accounts import services
from serikat.accounts.access import access_grant, access_own_api_token
from serikat.accounts.models import ApiToken, Grant, Role, User
from serikat.accounts.schemas import (
    GrantCreateIn,
    GrantFilters,
    GrantOut,
    MeOut,
    RoleOut,
    TokenCreatedOut,
    TokenCreateIn,
    TokenOut,
    UserCreateIn,
    UserOut,
)
from serikat.core import permissions as perms
from serikat.core.api import actor_of, errors, is_token_request, keyset_page, page_of, resolve, whole_list
from serikat.core.errors import Forbidden, NotFound
from serikat.organisation.access import access_unit

router = Router()

ME = ["me"]
GRANTS = ["users and grants"]

GRANT_RELATIONS = ("user", "role", "unit", "granted_by", "revoked_by")


def _role(field: str, code: str) -> Role:
    role = Role.objects.filter(code=code).first()
    if role is None:
        raise NotFound(_("Not found."), field=field)
    return role


def _grantee(actor: Any, field: str, *, pk: int | None = None, username: str | None = None) -> User:
    """A user who holds (or held) a grant the actor may see; anyone else answers 404, like a missing id."""
    visible = Grant.objects.visible_to(actor, perms.VIEW_GRANT).filter(user=OuterRef("pk"))
    users = User.objects.filter(Exists(visible))
    user = users.filter(pk=pk).first() if pk is not None else users.filter(username__iexact=username).first()
    if user is None:
        raise NotFound(_("Not found."), field=field)
    return user


# --- me -------------------------------------------------------------------------------------------


@router.get(
    "/me",
    response={200: MeOut, **errors()},
    tags=ME,
    summary="Who am I",
    description="The signed-in user (or the token's user) and their active grants.",
)
def get_me(request: HttpRequest) -> Any:
    actor = actor_of(request)
    actor.active_grant_rows = list(
        Grant.objects.active().filter(user=actor).select_related(*GRANT_RELATIONS).order_by("unit__path", "id")
    )
    return actor


@router.get(
    "/me/tokens",
    response={200: page_of(TokenOut), **errors()},
    tags=ME,
    summary="List my API tokens",
)
def list_my_tokens(request: HttpRequest) -> Any:
    return whole_list(ApiToken.objects.filter(user=actor_of(request)).order_by("-created_at", "-id"))


@router.post(
    "/me/tokens",
    response={201: TokenCreatedOut, **errors(400, 403, 422)},
    tags=ME,
    summary="Create a personal API token",
    description="The token acts with exactly your grants, whatever they are when it is used. Its value is "
    "answered once. Tokens are created from a signed-in browser session, not with another token.",
)
def create_my_token(request: HttpRequest, payload: TokenCreateIn) -> Any:
    if is_token_request(request):
        # A leaked token must not be able to mint tokens that outlive its own revocation.
        raise Forbidden(_("Create API tokens from a signed-in browser session."))
    token, raw = services.create_api_token(actor=actor_of(request), name=payload.name, expires_on=payload.expires_on)
    token.token = raw  # type: ignore[attr-defined]
    return Status(201, token)


@router.post(
    "/me/tokens/{int:token_id}/revoke",
    response={200: TokenOut, **errors(404, 409)},
    tags=ME,
    summary="Revoke one of my API tokens",
)
def revoke_my_token(request: HttpRequest, token_id: int) -> Any:
    actor = actor_of(request)
    token = access_own_api_token(actor, token_id)
    services.revoke_api_token(actor=actor, token=token)
    return token


# --- roles ----------------------------------------------------------------------------------------


@router.get(
    "/roles",
    response={200: page_of(RoleOut), **errors()},
    tags=GRANTS,
    summary="List roles",
    description="The named permission sets that can be granted at a unit.",
)
def list_roles(request: HttpRequest) -> Any:
    return whole_list(Role.objects.order_by("code"))


# --- grants ---------------------------------------------------------------------------------------


@router.get(
    "/grants",
    response={200: page_of(GrantOut), **errors(403, 404, 422)},
    tags=GRANTS,
    summary="List grants",
    description="Who holds which role where, for units you may see (accounts.view_grant); revoked and "
    "expired grants included unless `active=true`.",
)
def list_grants(request: HttpRequest, filters: Query[GrantFilters]) -> Any:
    actor = actor_of(request)
    rows = Grant.objects.visible_to(actor, perms.VIEW_GRANT).select_related(*GRANT_RELATIONS)
    if filters.unit is not None:
        rows = rows.filter(unit=resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_GRANT))
    if filters.user is not None:
        rows = rows.filter(user=_grantee(actor, "query.user", pk=filters.user))
    if filters.active is True:
        rows = rows.active()
    elif filters.active is False:
        rows = rows.filter(Q(revoked_at__isnull=False) | Q(expires_on__lt=timezone.localdate()))
    return keyset_page(request, rows, order=("unit__path", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get("/grants/{int:grant_id}", response={200: GrantOut, **errors(404)}, tags=GRANTS, summary="Get a grant")
def get_grant(request: HttpRequest, grant_id: int) -> Any:
    return access_grant(actor_of(request), grant_id)


@router.post(
    "/grants",
    response={201: GrantOut, **errors(400, 403, 404, 409, 422)},
    tags=GRANTS,
    summary="Grant a role at a unit",
    description="Gives `role` at `unit` to a user who already holds a grant you may see (new people: "
    "POST /users). You may grant only roles whose every permission you hold over that unit.",
)
def grant_role(request: HttpRequest, payload: GrantCreateIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.MANAGE_GRANTS)
    if payload.user is not None:
        user = _grantee(actor, "body.user", pk=payload.user)
    else:
        user = _grantee(actor, "body.username", username=(payload.username or "").strip())
    grant = services.grant_role(
        actor=actor, user=user, role=_role("body.role", payload.role), unit=unit, expires_on=payload.expires_on
    )
    return Status(201, grant)


@router.post(
    "/grants/{int:grant_id}/revoke",
    response={200: GrantOut, **errors(403, 404, 409)},
    tags=GRANTS,
    summary="Revoke a grant",
)
def revoke_grant(request: HttpRequest, grant_id: int) -> Any:
    actor = actor_of(request)
    grant = access_grant(actor, grant_id, permission=perms.MANAGE_GRANTS)
    return services.revoke_grant(actor=actor, grant=grant)


@router.post(
    "/users",
    response={201: UserOut, **errors(400, 403, 404, 422)},
    tags=GRANTS,
    summary="Open an account",
    description="Creates a user together with their first grant (`role` at `unit`): nobody exists unscoped.",
)
def create_user(request: HttpRequest, payload: UserCreateIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.MANAGE_GRANTS)
    user = services.create_user(
        actor=actor,
        username=payload.username,
        password=payload.password,
        role=_role("body.role", payload.role),
        unit=unit,
        first_name=payload.first_name,
        last_name=payload.last_name,
        email=payload.email,
        preferred_language=payload.preferred_language,
    )
    return Status(201, user)
