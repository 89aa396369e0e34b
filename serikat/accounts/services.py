"""Use cases of accounts: signing in (with throttling and lockout), two-factor authentication,
roles granted at units, API tokens. Each write records an audit event in its transaction."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.accounts import events
from serikat.accounts.errors import GrantRefused, LockedOut, SignInRefused, TwoFactorRefused
from serikat.accounts.models import ApiToken, Grant, LoginAttempt, Role, User
from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, ValidationProblems
from serikat.core.scoping import active_grants, forget_grants, require, scope_of

TOKEN_PREFIX = "srk_"  # noqa: S105 - a public prefix that makes leaked tokens recognisable


# --- signing in -------------------------------------------------------------------------------


def _recent_failures(**where: str) -> int:
    since = timezone.now() - datetime.timedelta(minutes=settings.SERIKAT_LOGIN_LOCKOUT_MINUTES)
    last_success = (
        LoginAttempt.objects.filter(succeeded=True, at__gte=since, **where).order_by("-at").values("at").first()
    )
    start = last_success["at"] if last_success and "username" in where else since
    return LoginAttempt.objects.filter(succeeded=False, at__gt=start, **where).count()


def is_locked_out(username: str, address: str) -> bool:
    return _recent_failures(username=username.lower()) >= settings.SERIKAT_LOGIN_MAX_FAILURES or (
        bool(address) and _recent_failures(address=address) >= settings.SERIKAT_LOGIN_MAX_FAILURES_PER_ADDRESS
    )


def sign_in(*, username: str, password: str, address: str, request: Any = None) -> User:
    """Check a password, with throttling per account and per address.

    After SERIKAT_LOGIN_MAX_FAILURES failures for one account (or ..._PER_ADDRESS from one address)
    within SERIKAT_LOGIN_LOCKOUT_MINUTES, every attempt is refused, even with the right password,
    until the window has passed. The answer never says whether the account exists.
    """
    key = username.strip().lower()
    if is_locked_out(key, address):
        with transaction.atomic():
            LoginAttempt.objects.create(username=key, address=address, succeeded=False)
            record_event(actor=None, kind=events.SIGN_IN_LOCKED, object_label=key, data={"address": address})
        raise LockedOut(
            _("Too many failed attempts. Try again in %(minutes)s minutes.")
            % {"minutes": settings.SERIKAT_LOGIN_LOCKOUT_MINUTES}
        )
    user = authenticate(request, username=username.strip(), password=password)
    with transaction.atomic():
        # A password alone is not a sign-in for an account with an authenticator: the success is
        # recorded (and the failure count reset) only after the code step, in verify_two_factor.
        complete = user is not None and not user.has_two_factor
        if user is None or complete:
            LoginAttempt.objects.create(username=key, address=address, succeeded=complete)
        if complete:
            record_event(actor=user, kind=events.SIGNED_IN, subject=user, data={"address": address})
    if user is None:
        raise SignInRefused(_("The username or password is wrong."))
    return user


def sign_out(*, actor: User) -> None:
    """Record that a user signed out (the session itself is ended by the web layer)."""
    if actor is not None and actor.is_authenticated:
        with transaction.atomic():
            record_event(actor=actor, kind=events.SIGNED_OUT, subject=actor)


def requires_two_factor(user: User) -> bool:
    """Whether any of the user's roles demands a confirmed authenticator."""
    return Grant.objects.active().filter(user=user, role__requires_two_factor=True).exists()


def start_two_factor(*, actor: User) -> str:
    """A fresh TOTP secret for the actor to scan; it takes effect only once confirmed."""
    if actor.has_two_factor:
        raise Conflict(_("Two-factor sign-in is already on."))
    actor.totp_secret = pyotp.random_base32()
    actor.save(update_fields=["totp_secret"])
    return actor.totp_secret


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.get_username(), issuer_name="Serikat")


def _verify_totp(user: User, code: str) -> bool:
    """Accept a code from this or the neighbouring 30-second step, each step at most once."""
    code = "".join(ch for ch in code if ch.isdigit())
    if not user.totp_secret or len(code) != 6:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = timezone.now()
    current = int(now.timestamp()) // 30
    for step in (current - 1, current, current + 1):
        if step > user.totp_last_step and secrets.compare_digest(totp.at(step * 30), code):
            user.totp_last_step = step
            user.save(update_fields=["totp_last_step"])
            return True
    return False


@transaction.atomic
def confirm_two_factor(*, actor: User, code: str) -> None:
    if actor.has_two_factor:
        raise Conflict(_("Two-factor sign-in is already on."))
    if not _verify_totp(actor, code):
        raise TwoFactorRefused(_("That code is not right. Check the time on your phone and try again."), field="code")
    actor.totp_confirmed_at = timezone.now()
    actor.save(update_fields=["totp_confirmed_at"])
    record_event(actor=actor, kind=events.TWO_FACTOR_CONFIRMED, subject=actor)


def verify_two_factor(*, user: User, code: str, address: str = "") -> None:
    """Second step of signing in. Wrong codes count as failed sign-ins towards the lockout."""
    key = user.get_username().lower()
    if is_locked_out(key, address):
        raise LockedOut(
            _("Too many failed attempts. Try again in %(minutes)s minutes.")
            % {"minutes": settings.SERIKAT_LOGIN_LOCKOUT_MINUTES}
        )
    ok = _verify_totp(user, code)
    with transaction.atomic():
        LoginAttempt.objects.create(username=key, address=address, succeeded=ok)
        if ok:
            record_event(actor=user, kind=events.SIGNED_IN, subject=user, data={"address": address, "two_factor": True})
    if not ok:
        raise TwoFactorRefused(_("That code is not right."), field="code")


@transaction.atomic
def disable_two_factor(*, actor: User, code: str) -> None:
    if not actor.has_two_factor:
        raise Conflict(_("Two-factor sign-in is not on."))
    if requires_two_factor(actor):
        raise TwoFactorRefused(_("One of your roles requires two-factor sign-in."))
    if not _verify_totp(actor, code):
        raise TwoFactorRefused(_("That code is not right."), field="code")
    actor.totp_secret = ""
    actor.totp_confirmed_at = None
    actor.save(update_fields=["totp_secret", "totp_confirmed_at"])
    record_event(actor=actor, kind=events.TWO_FACTOR_DISABLED, subject=actor)


@transaction.atomic
def set_preferred_language(*, actor: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language."), field="language")
    if actor.preferred_language == language:
        return
    old = actor.preferred_language
    actor.preferred_language = language
    actor.save(update_fields=["preferred_language"])
    record_event(
        actor=actor, kind=events.LANGUAGE_CHANGED, subject=actor, changes={"preferred_language": [old, language]}
    )


# --- users and grants ---------------------------------------------------------------------------


def _check_no_escalation(actor: User, role: Role, unit: Any) -> None:
    """One may grant a role only if one holds each of its permissions over the unit oneself."""
    missing = [code for code in role.permissions if not scope_of(actor, code).covers(unit)]
    if missing:
        raise GrantRefused(
            _("You cannot grant a role with permissions you do not hold here: %s") % ", ".join(sorted(missing)),
            field="role",
        )


@transaction.atomic
def grant_role(*, actor: User, user: User, role: Role, unit: Any, expires_on: datetime.date | None = None) -> Grant:
    """Give `user` the `role` at `unit` (and so over its subtree)."""
    require(actor, perms.MANAGE_GRANTS, unit)
    _check_no_escalation(actor, role, unit)
    if expires_on is not None and expires_on < timezone.localdate():
        raise GrantRefused(_("The expiry date is in the past."), field="expires_on")
    try:
        with transaction.atomic():
            grant = Grant.objects.create(user=user, role=role, unit=unit, granted_by=actor, expires_on=expires_on)
    except IntegrityError:
        raise Conflict(_("%(user)s already holds this role here.") % {"user": user.get_username()}) from None
    forget_grants(user)
    record_event(
        actor=actor,
        kind=events.ROLE_GRANTED,
        subject=grant,
        unit=unit,
        data={"user": user.get_username(), "role": role.code, "expires_on": expires_on},
    )
    return grant


@transaction.atomic
def revoke_grant(*, actor: User, grant: Grant) -> Grant:
    require(actor, perms.MANAGE_GRANTS, grant.unit)
    if grant.revoked_at is not None:
        raise Conflict(_("This grant has already been revoked."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    forget_grants(grant.user)
    record_event(
        actor=actor,
        kind=events.GRANT_REVOKED,
        subject=grant,
        unit=grant.unit,
        data={"user": grant.user.get_username(), "role": grant.role.code},
    )
    return grant


@transaction.atomic
def create_user(
    *,
    actor: User,
    username: str,
    password: str,
    role: Role,
    unit: Any,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "id",
) -> User:
    """Open an account for an officer, together with their first grant (nobody exists unscoped)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    require(actor, perms.MANAGE_GRANTS, unit)
    _check_no_escalation(actor, role, unit)
    problems = ValidationProblems()
    username = username.strip()
    if not username:
        problems.add("username", _("Choose a username."))
    elif User.objects.filter(username__iexact=username).exists():
        problems.add("username", _("This username is taken."))
    candidate = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        for message in error.messages:
            problems.add("password", message)
    problems.raise_if_any(_("The account was not created."))
    candidate.set_password(password)
    candidate.preferred_language = preferred_language
    candidate.save()
    record_event(actor=actor, kind=events.USER_CREATED, subject=candidate, unit=unit, data={"username": username})
    grant_role(actor=actor, user=candidate, role=role, unit=unit)
    return candidate


# --- API tokens ---------------------------------------------------------------------------------


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, actor: User, name: str, expires_on: datetime.date | None = None) -> tuple[ApiToken, str]:
    """A new personal token; the raw value is returned once and never stored."""
    if not name.strip():
        raise DomainError(_("Give the token a name, e.g. what will use it."), field="name")
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError(_("The expiry date is in the past."), field="expires_on")
    if not active_grants(actor):
        raise GrantRefused(_("You hold no role, so a token could do nothing."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name.strip(),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(raw),
        expires_on=expires_on,
    )
    record_event(actor=actor, kind=events.API_TOKEN_CREATED, subject=token, data={"name": token.name})
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> None:
    if token.revoked_at is not None:
        raise Conflict(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(actor=actor, kind=events.API_TOKEN_REVOKED, subject=token)


def user_for_token(raw: str) -> User | None:
    """The active user behind a raw token, or None. Marks the token used (at most once a minute)."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    if token.expires_on is not None and token.expires_on < timezone.localdate():
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
