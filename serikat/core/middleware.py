"""Middleware of the shell: request ids, the user's language and the content security policy."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from serikat.core import context

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_address_of(request: HttpRequest) -> str:
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane incoming X-Request-ID) for logs and audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        token_id = context.request_id.set(rid)
        token_ip = context.client_address.set(client_address_of(request))
        try:
            response = self.get_response(request)
        finally:
            context.request_id.reset(token_id)
            context.client_address.reset(token_ip)
        response["X-Request-ID"] = rid
        return response


class UserLanguageMiddleware:
    """Uses the language a signed-in user chose, unless the language cookie says otherwise.

    Runs before LocaleMiddleware, which reads the cookie; the cookie is set by the language switch.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            preferred = request.session.get("preferred_language") if hasattr(request, "session") else None
            if preferred and translation.check_for_language(preferred):
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = preferred
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Everything is served from our own origin: no CDN, no inline script."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'self'; object-src 'none'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/v1/docs"):
            # Swagger UI (served from our static files) injects style elements at run time.
            response.setdefault(
                "Content-Security-Policy", self.POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            )
        else:
            response.setdefault("Content-Security-Policy", self.POLICY)
        return response
