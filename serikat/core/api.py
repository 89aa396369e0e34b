"""Shared pieces of the REST API: the API class, authentication, problem+json errors, keyset pages.

Every app's api.py builds on these:
  * `SerikatAPI` renders every refusal as RFC 9457 problem+json, including unknown routes and
    wrong methods, and names operations after their view functions.
  * `TokenAuth` (personal `srk_` tokens) and `BrowserSessionAuth` (the signed-in browser, with
    CSRF) both refuse a user whose role requires two-factor sign-in that they have not confirmed.
  * `keyset_page()` pages any queryset on a unique ordering without counting rows.
  * `resolve()` ties a failed reference lookup (404/403) to the input field that named it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer, SessionAuth
from pydantic import ConfigDict, Field, create_model

from serikat.core.errors import DomainError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:serikat:problem:"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


# --- problem+json -------------------------------------------------------------------------------


def _titles() -> dict[int, str]:
    return {
        400: _("The request breaks a rule"),
        401: _("Sign-in required"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict with the current state"),
        422: _("The request is not valid"),
        429: _("Too many requests"),
        500: _("Internal error"),
    }


_CODES = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    422: "validation-failed",
    429: "too-many-requests",
    500: "internal-error",
}


def problem_response(
    request: HttpRequest,
    status: int,
    *,
    code: str | None = None,
    detail: str = "",
    errors: Iterable[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """An RFC 9457 problem: type/title/status/detail/instance, plus field errors and the request id."""
    code = code or _CODES.get(status, "error")
    title = _titles().get(status, _("Error"))
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + code,
        "title": title,
        "status": status,
        "detail": str(detail or title),
        "instance": request.path,
        "code": code,
        "request_id": getattr(request, "request_id", ""),
        "errors": list(errors),
    }
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE, encoder=NinjaJSONEncoder)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_path(request: HttpRequest, field: str) -> str:
    """Service problems name bare fields ("code"); on a write they are fields of the JSON body."""
    if "." in field or request.method not in WRITE_METHODS:
        return field
    return f"body.{field}"


def _on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    errors = [{"field": _field_path(request, p.field), "message": str(p.message)} for p in exc.problems]
    return problem_response(request, exc.status, code=exc.code, detail=str(exc.message), errors=errors)


def _location(loc: Sequence[Any]) -> str:
    """("body", "payload", "name") -> "body.name": the body parameter's own name means nothing to clients."""
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[1] in _PARAM_NAMES.get(parts[0], ()):
        parts = [parts[0], *parts[2:]]
    return ".".join(parts)


# Views name their JSON body parameter `payload` and their query models `filters` or `page`;
# validation errors drop that name from field paths (ninja keeps it for an item of a list field:
# "query.filters.status.0").
_PARAM_NAMES = {"body": frozenset({"payload"}), "query": frozenset({"filters", "page"})}


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"field": _location(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors]
    return problem_response(request, 422, detail=_("Some fields are not valid."), errors=errors)


def _on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = exc.message if exc.message != "Unauthorized" else _("Sign in, or send a personal API token.")
    return problem_response(
        request,
        401,
        code=getattr(exc, "code", "unauthenticated"),
        detail=detail,
        headers={"WWW-Authenticate": 'Bearer realm="serikat"'},
    )


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail, code = exc.message, None
    if exc.status_code == 403 and "CSRF" in exc.message:
        detail = _("The CSRF check failed: send the X-CSRFToken header with the csrftoken cookie's value.")
        code = "csrf-failed"
    headers = {}
    if exc.status_code == 429 and getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait) + 1)  # type: ignore[attr-defined]
    return problem_response(request, exc.status_code, code=code, detail=detail, headers=headers)


def _on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, 404, detail=_("Not found."))


def _on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, 403, detail=str(exc) or _("Not allowed."))


def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Logged with the request id so an officer's report ("it said request abc123") can be traced.
    logger.exception("API error (request %s)", getattr(request, "request_id", ""))
    if settings.DEBUG:
        raise exc
    return problem_response(request, 500, detail=_("Something went wrong on our side. The error was logged."))


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Unknown routes under the API answer problem+json 404, never Django's HTML page."""
    return problem_response(request, 404, detail=_("There is no such endpoint."))


not_found_view.csrf_exempt = True  # type: ignore[attr-defined]


def _problem_for_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers a wrong method with a plain 405; turn it into a problem with the Allow header."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            return problem_response(
                request,
                405,
                detail=_("This endpoint accepts: %(methods)s.") % {"methods": allowed},
                headers={"Allow": allowed},
            )
        return response

    return wrapper


class SerikatAPI(NinjaAPI):
    """NinjaAPI whose every error is problem+json and whose operation ids are the view names."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_exception_handler(DomainError, _on_domain_error)
        self.add_exception_handler(ValidationError, _on_validation_error)
        self.add_exception_handler(AuthenticationError, _on_authentication_error)
        self.add_exception_handler(HttpError, _on_http_error)
        self.add_exception_handler(Http404, _on_http404)
        self.add_exception_handler(PermissionDenied, _on_permission_denied)
        self.add_exception_handler(Exception, _on_unexpected)

    def _get_urls(self) -> list[Any]:
        patterns = []
        for pattern in super()._get_urls():
            if isinstance(pattern, URLPattern):
                if pattern.name == "api-root":
                    # ninja's root view raises a bare Http404 outside the handlers; keep the name
                    # (reverse() needs it) but answer like any unknown route.
                    pattern.callback = not_found_view
                else:
                    csrf_exempt = getattr(pattern.callback, "csrf_exempt", False)
                    pattern.callback = _problem_for_not_allowed(pattern.callback)
                    pattern.callback.csrf_exempt = csrf_exempt  # type: ignore[attr-defined]
            patterns.append(pattern)
        patterns.append(re_path(r"^.*$", not_found_view, name="not-found"))
        return patterns

    def get_openapi_operation_id(self, operation: Any) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        # Error answers are problem+json, whatever the renderer's media type.
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content")
                    if int(status) >= 400 and content and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


class Input(Schema):
    """Base of request bodies: an unknown field is an error (422), never silently ignored."""

    model_config = ConfigDict(extra="forbid")


class FieldError(Schema):
    field: str = Field(description='Where the problem is: "body.name", "query.limit", "path.unit_id".')
    message: str


class Problem(Schema):
    """RFC 9457 problem details, with Serikat's code, the request id and field errors."""

    type: str = Field(description="URI of the problem type, urn:serikat:problem:<code>.")
    title: str
    status: int
    detail: str
    instance: str = Field(description="The request path.")
    code: str = Field(description="Machine-readable code, e.g. not-found, validation-failed, unit-rule.")
    request_id: str = Field(description="Quote this when reporting a problem; it is in the audit log too.")
    errors: list[FieldError]


def errors(*statuses: int) -> dict[int, type[Problem]]:
    """The error answers of an operation, for the OpenAPI document. 401 is always possible."""
    return dict.fromkeys(sorted({401, *statuses}), Problem)


# --- authentication -----------------------------------------------------------------------------


class TwoFactorRequired(AuthenticationError):
    code = "two-factor-required"

    def __init__(self) -> None:
        super().__init__(401, _("One of your roles requires two-factor sign-in. Confirm an authenticator app first."))


class TokenRefused(AuthenticationError):
    code = "token-refused"

    def __init__(self) -> None:
        super().__init__(401, _("This API token is unknown, revoked or expired."))


def _check_two_factor(user: Any) -> Any:
    from serikat.accounts.services import requires_two_factor

    if not user.has_two_factor and requires_two_factor(user):
        raise TwoFactorRequired()
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer srk_...`: a personal token acts with exactly its user's grants."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from serikat.accounts.services import user_for_token

        user = user_for_token(token.strip())
        if user is None:
            # A wrong token is an error, not a cue to try the session: the caller meant the token.
            raise TokenRefused()
        request.user = user
        request.serikat_token_auth = True  # type: ignore[attr-defined]
        return _check_two_factor(user)


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser (the web UI's own calls and the interactive docs), CSRF-checked on writes."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            # Nobody signed in: answer 401, not a CSRF failure.
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            return None
        return _check_two_factor(request.user)


def actor_of(request: HttpRequest) -> Any:
    """The authenticated user on whose behalf the request acts."""
    return request.auth  # type: ignore[attr-defined]


def is_token_request(request: HttpRequest) -> bool:
    """Whether the request was authenticated by a personal token (not the browser session)."""
    return getattr(request, "serikat_token_auth", False)


# --- references ----------------------------------------------------------------------------------

T = TypeVar("T")


def resolve(field: str, lookup: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run an access_* lookup for an id the client sent; a refusal names the field ("body.parent").

    The answer is the same for a hidden and a missing id (404), so nothing leaks through it.
    """
    try:
        return lookup(*args, **kwargs)
    except DomainError as error:
        raise type(error)(error.message, field=field) from None


# --- keyset pagination --------------------------------------------------------------------------


class BadCursor(DomainError):
    status = 422
    code = "invalid-cursor"


class PageParams(Schema):
    cursor: str | None = Field(None, description="`next_cursor` of the previous page; omit for the first page.")
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")


@functools.cache
def page_of(item: type[Schema]) -> type[Schema]:
    """The envelope of a list: its items and the cursor of the next page (there is no total count)."""
    return create_model(  # type: ignore[call-overload,no-any-return]
        f"{item.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        items=(list[item], ...),  # type: ignore[valid-type]
        next_cursor=(str | None, Field(None, description="Pass as `cursor` for the next page; null at the end.")),
        next=(str | None, Field(None, description="The URL of the next page; null at the end.")),
    )


def _value_at(obj: Any, lookup: str) -> Any:
    for part in lookup.split("__"):
        obj = getattr(obj, part)
    return obj


def keyset_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    order: Sequence[str],
    cursor: str | None,
    limit: int,
    prepare: Callable[[list[Any]], Any] | None = None,
) -> dict[str, Any]:
    """One page of `queryset` ordered by `order` (a unique key, e.g. ("path",) or ("-id",)).

    The cursor holds the last row's key values, signed so that it cannot be forged into a probe and
    cannot be replayed on a list with another order. The page is one query with LIMIT n+1: no
    OFFSET, no COUNT, whatever the size of the list. `prepare` may decorate the rows of the page.
    """
    salt = "serikat.api.cursor:" + ",".join(order)
    fields = [(name.lstrip("-"), name.startswith("-")) for name in order]
    if cursor:
        try:
            values = signing.loads(cursor, salt=salt)
        except signing.BadSignature:
            raise BadCursor(_("This cursor is not valid for this list."), field="query.cursor") from None
        if not isinstance(values, list) or len(values) != len(fields):
            raise BadCursor(_("This cursor is not valid for this list."), field="query.cursor")
        after = Q(pk__in=[])
        for i, (name, descending) in enumerate(fields):
            step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[i]})
            for j, (prior, _descending) in enumerate(fields[:i]):
                step &= Q(**{prior: values[j]})
            after |= step
        queryset = queryset.filter(after)
    rows = list(queryset.order_by(*order)[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    if prepare is not None:
        prepare(rows)
    next_cursor = next_url = None
    if has_more:
        next_cursor = signing.dumps([_value_at(rows[-1], name) for name, _desc in fields], salt=salt)
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = f"{request.path}?{urlencode(sorted(query.items()))}"
    return {"items": rows, "next_cursor": next_cursor, "next": next_url}


def whole_list(rows: Iterable[Any]) -> dict[str, Any]:
    """A short reference list in the same envelope as the paged ones (always a single page)."""
    return {"items": list(rows), "next_cursor": None, "next": None}
