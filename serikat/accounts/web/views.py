"""Screens of accounts: signing in (with the authenticator step), two-factor set-up, the profile, API
tokens, the language switch, and access management (grants, new accounts).

Views parse, fetch through access functions and selectors, call one service and render. Sign-in and
the language switch are the only screens open without an account.
"""

from __future__ import annotations

import functools
import time
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from serikat.accounts import selectors
from serikat.accounts.access import access_grant, access_own_api_token
from serikat.accounts.errors import LockedOut, SignInRefused, TwoFactorRefused
from serikat.accounts.middleware import SESSION_TWO_FACTOR_CHECKED
from serikat.accounts.models import User
from serikat.accounts.services import (
    confirm_two_factor,
    create_api_token,
    create_user,
    disable_two_factor,
    grant_role,
    provisioning_uri,
    requires_two_factor,
    revoke_api_token,
    revoke_grant,
    set_preferred_language,
    sign_in,
    sign_out,
    start_two_factor,
    verify_two_factor,
)
from serikat.accounts.web.forms import (
    CodeForm,
    CreateUserForm,
    GrantFilterForm,
    GrantRoleForm,
    SignInForm,
    TokenForm,
)
from serikat.audit.selectors import KeysetPage, parse_cursor
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.core.middleware import client_address_of
from serikat.core.scoping import has_any
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.organisation.access import access_unit_by_code

# Between the password and the authenticator code, the session holds who is signing in.
PENDING_SIGN_IN = "serikat_pending_sign_in"
PENDING_MAX_SECONDS = 300
# Wrong codes allowed per password step; then the password must be entered again.
PENDING_MAX_CODE_FAILURES = 5


def _safe_next(request: HttpRequest, candidate: str | None, default: str | None = None) -> str:
    """`candidate` if it points into this site, else `default` (the start page): never an open redirect."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def _remember_language(request: HttpRequest, response: HttpResponse, language: str) -> None:
    """Use `language` from now on, in this session and in this browser (the cookie LocaleMiddleware reads)."""
    if not check_for_language(language):
        return
    request.session["preferred_language"] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _complete_sign_in(request: HttpRequest, user: User, next_url: str, backend: str | None = None) -> HttpResponse:
    request.session.pop(PENDING_SIGN_IN, None)
    auth_login(request, user, backend=backend)  # a new session key: no fixation
    response = redirect(next_url)
    _remember_language(request, response, user.preferred_language)
    return response


def two_factor_enforced(view: Any) -> Any:
    """Sends holders of a role that requires two-factor sign-in to set it up first.

    TwoFactorMiddleware lets every /accounts/ page through (sign-in, profile, the set-up itself), so
    the pages under /accounts/ that act with the user's roles (access management, API tokens, which
    would otherwise be a way around the second factor) check here too.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not request.session.get(SESSION_TWO_FACTOR_CHECKED):
            if not user.has_two_factor and requires_two_factor(user):
                return redirect(reverse("accounts:two_factor") + "?required=1")
            request.session[SESSION_TWO_FACTOR_CHECKED] = True  # as the middleware does
        return view(request, *args, **kwargs)

    return wrapper


def _list_response(request: HttpRequest, page: str, partial: str, context: dict[str, Any]) -> HttpResponse:
    """The whole page, or only the results when htmx asks for them (filters, older/newer)."""
    wants_partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    response = render(request, partial if wants_partial else page, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- signing in and out -------------------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_view(request: HttpRequest) -> HttpResponse:
    """First step: username and password, with throttling and lockout (sign_in)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated:
        return redirect(_safe_next(request, next_url))
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = sign_in(
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password"],
                    address=client_address_of(request),
                    request=request,
                )
            except LockedOut as error:
                form.add_error(None, str(error.message))
                status = 429
            except SignInRefused as error:
                form.add_error(None, str(error.message))
            else:
                destination = _safe_next(request, next_url)
                if user.has_two_factor:
                    request.session[PENDING_SIGN_IN] = {
                        "user_id": user.pk,
                        "backend": getattr(user, "backend", None),
                        "next": destination,
                        "since": int(time.time()),
                        "failures": 0,
                    }
                    return redirect("accounts:login_code")
                return _complete_sign_in(request, user, destination)
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code_view(request: HttpRequest) -> HttpResponse:
    """Second step for accounts with an authenticator: the current six-digit code."""
    pending = request.session.get(PENDING_SIGN_IN)
    if not pending:
        return redirect("accounts:login")
    user = User.objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is None or not user.has_two_factor or time.time() - pending["since"] > PENDING_MAX_SECONDS:
        request.session.pop(PENDING_SIGN_IN, None)
        messages.info(request, _("Time is up for the code. Sign in again."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                verify_two_factor(user=user, code=form.cleaned_data["code"], address=client_address_of(request))
            except LockedOut as error:
                request.session.pop(PENDING_SIGN_IN, None)
                messages.error(request, str(error.message))
                return redirect("accounts:login")
            except TwoFactorRefused as error:
                pending["failures"] += 1
                if pending["failures"] >= PENDING_MAX_CODE_FAILURES:
                    request.session.pop(PENDING_SIGN_IN, None)
                    messages.error(request, _("Too many wrong codes. Sign in again."))
                    return redirect("accounts:login")
                request.session[PENDING_SIGN_IN] = pending
                add_problems(form, error)
            else:
                return _complete_sign_in(request, user, pending["next"], pending.get("backend"))
    return render(request, "accounts/login_code.html", {"form": form}, status=status)


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    """POST only, so a link or an image elsewhere cannot sign anyone out."""
    sign_out(actor=request.user)
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- two-factor ---------------------------------------------------------------------------------


def _secret_groups(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(uri: str) -> str:
    # A white quiet zone, so the code scans in the dark colour scheme too. segno writes only paths.
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff")
    # Safe: segno generated it from our own URI; it holds no user markup.
    return mark_safe(svg)


def _two_factor_page(
    request: HttpRequest,
    *,
    confirm_form: CodeForm | None = None,
    disable_form: CodeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    role_requires = requires_two_factor(user)
    enrolment = None
    if not user.has_two_factor and user.totp_secret:
        enrolment = {"qr": _qr_svg(provisioning_uri(user)), "secret": _secret_groups(user.totp_secret)}
    context = {
        "section": "account",
        "required": request.GET.get("required") == "1" or role_requires,
        "role_requires": role_requires,
        "enrolment": enrolment,
        "confirm_form": confirm_form or CodeForm(),
        "disable_form": disable_form or CodeForm(),
    }
    return render(request, "accounts/two_factor.html", context, status=status)


@login_required
@scoped_view
@never_cache
@require_GET
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Whether two-factor sign-in is on; setting it up (QR code and secret) or turning it off."""
    return _two_factor_page(request)


@login_required
@scoped_view
@require_POST
def two_factor_start_view(request: HttpRequest) -> HttpResponse:
    try:
        start_two_factor(actor=request.user)
    except Conflict as error:
        messages.error(request, str(error.message))
    return redirect("accounts:two_factor")


@login_required
@scoped_view
@never_cache
@require_POST
def two_factor_confirm_view(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            confirm_two_factor(actor=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("Two-factor sign-in is on. You will be asked for a code when you sign in."))
            return redirect(settings.LOGIN_REDIRECT_URL if requires_two_factor(request.user) else "accounts:two_factor")
    return _two_factor_page(request, confirm_form=form, status=400)


@login_required
@scoped_view
@require_POST
def two_factor_disable_view(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            disable_two_factor(actor=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:two_factor")
    return _two_factor_page(request, disable_form=form, status=400)


# --- profile, language, API tokens --------------------------------------------------------------


@login_required
@scoped_view
@require_GET
def profile_view(request: HttpRequest) -> HttpResponse:
    """Who one is: name, roles held where, language, two-factor status, link to API tokens."""
    user = request.user
    context = {
        "section": "account",
        "grants": selectors.grants_held_by(user),
        "languages": settings.LANGUAGES,
        "two_factor_required": requires_two_factor(user),
    }
    return render(request, "accounts/profile.html", context)


@require_POST
def set_language_view(request: HttpRequest) -> HttpResponse:
    """Django's language switch, plus: remembered in the session and, when signed in, on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        request.session["preferred_language"] = language
        if request.user.is_authenticated:
            set_preferred_language(actor=request.user, language=language)
    return response


@login_required
@scoped_view
@two_factor_enforced
@never_cache
@require_http_methods(["GET", "POST"])
def tokens_view(request: HttpRequest) -> HttpResponse:
    """One's own API tokens; a new token's value is shown in this one response and never again."""
    form = TokenForm(request.POST or None)
    created = raw_token = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created, raw_token = create_api_token(
                    actor=request.user, name=form.cleaned_data["name"], expires_on=form.cleaned_data["expires_on"]
                )
            except DomainError as error:
                add_problems(form, error)
                status = error.status
            else:
                form = TokenForm()
                status = 200
    context = {
        "section": "account",
        "tokens": selectors.api_tokens_of(request.user),
        "form": form,
        "created": created,
        "raw_token": raw_token,
    }
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@scoped_view
@two_factor_enforced
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_own_api_token(request.user, token_id)
    try:
        revoke_api_token(actor=request.user, token=token)
    except Conflict as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


# --- access management --------------------------------------------------------------------------


def _unit_in_scope(actor: Any, code: str, permission: str, form: Any, field: str = "unit") -> Any:
    """The unit with this code in the actor's scope, or None with the problem put on the form."""
    try:
        return access_unit_by_code(actor, code.strip(), permission=permission)
    except NotFound:
        form.add_error(field, _("No unit with this code among your units."))
        return None


@login_required
@scoped_view
@two_factor_enforced
@require_GET
def grants_view(request: HttpRequest) -> HttpResponse:
    """Who holds which role where, within the actor's scope, with filters and older/newer pages."""
    actor = request.user
    if not has_any(actor, perms.VIEW_GRANT):
        raise PermissionDenied(_("None of your roles lets you see who holds which role."))
    form = GrantFilterForm(request.GET or None)
    unit = None
    if form.is_bound and form.is_valid() and form.cleaned_data["unit"].strip():
        unit = _unit_in_scope(actor, form.cleaned_data["unit"], perms.VIEW_GRANT, form)
    if form.is_bound and form.errors:
        page = KeysetPage(rows=[], older=None, newer=None)  # a filter not understood lists nothing
    else:
        data = form.cleaned_data if form.is_bound else {}
        page = selectors.access_list_page(
            actor,
            unit=unit,
            username=data.get("username", "").strip(),
            role=data.get("role"),
            include_revoked=data.get("include_revoked", False),
            before=parse_cursor(request.GET.get("before")),
            after=parse_cursor(request.GET.get("after")),
        )
    context = {
        "section": "grants",
        "form": form,
        "page": page,
        "can_manage": has_any(actor, perms.MANAGE_GRANTS),
    }
    return _list_response(request, "accounts/grants.html", "accounts/_grant_results.html", context)


@login_required
@scoped_view
@two_factor_enforced
@require_http_methods(["GET", "POST"])
def grant_role_view(request: HttpRequest) -> HttpResponse:
    """Give someone already known in the actor's units a role at a unit (grant_role)."""
    actor = request.user
    if not has_any(actor, perms.MANAGE_GRANTS):
        raise PermissionDenied(_("None of your roles lets you grant roles."))
    initial = {"unit": request.GET.get("unit", ""), "username": request.GET.get("username", "")}
    form = GrantRoleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            user = unit = None
            try:
                user = selectors.user_known_to(actor, data["username"])
            except NotFound as error:
                add_problems(form, error)
            unit = _unit_in_scope(actor, data["unit"], perms.MANAGE_GRANTS, form)
            if user is None or unit is None:
                status = 404
            else:
                try:
                    grant_role(actor=actor, user=user, role=data["role"], unit=unit, expires_on=data["expires_on"])
                except DomainError as error:
                    add_problems(form, error)
                    status = error.status
                else:
                    messages.success(
                        request,
                        _("%(user)s now holds the role %(role)s at %(unit)s.")
                        % {"user": user.get_username(), "role": data["role"], "unit": unit.code},
                    )
                    return redirect(f"{reverse('accounts:grants')}?{urlencode({'unit': unit.code})}")
    return render(request, "accounts/grant_form.html", {"section": "grants", "form": form}, status=status)


@login_required
@scoped_view
@two_factor_enforced
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def create_user_view(request: HttpRequest) -> HttpResponse:
    """Open an account for an officer together with their first role (create_user)."""
    actor = request.user
    if not has_any(actor, perms.MANAGE_GRANTS):
        raise PermissionDenied(_("None of your roles lets you create accounts."))
    form = CreateUserForm(
        request.POST or None, initial={"unit": request.GET.get("unit", ""), "preferred_language": "id"}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            unit = _unit_in_scope(actor, data["unit"], perms.MANAGE_GRANTS, form)
            if unit is None:
                status = 404
            else:
                try:
                    user = create_user(
                        actor=actor,
                        username=data["username"],
                        password=data["password"],
                        role=data["role"],
                        unit=unit,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        email=data["email"],
                        preferred_language=data["preferred_language"],
                    )
                except DomainError as error:
                    add_problems(form, error)
                    status = error.status
                else:
                    messages.success(
                        request,
                        _("The account %(user)s is open, with the role %(role)s at %(unit)s.")
                        % {"user": user.get_username(), "role": data["role"], "unit": unit.code},
                    )
                    return redirect(f"{reverse('accounts:grants')}?{urlencode({'username': user.get_username()})}")
    return render(request, "accounts/user_form.html", {"section": "grants", "form": form}, status=status)


@login_required
@scoped_view
@two_factor_enforced
@require_POST
def revoke_grant_view(request: HttpRequest, grant_id: int) -> HttpResponse:
    """Revoke a grant at a unit the actor manages; others answer 404."""
    grant = access_grant(request.user, grant_id, permission=perms.MANAGE_GRANTS)
    try:
        revoke_grant(actor=request.user, grant=grant)
    except Conflict as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(user)s no longer holds the role %(role)s at %(unit)s.")
            % {"user": grant.user.get_username(), "role": grant.role, "unit": grant.unit.code},
        )
    return redirect(_safe_next(request, request.POST.get("next"), default="accounts:grants"))
