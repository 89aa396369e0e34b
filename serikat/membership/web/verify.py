"""The public card-verification page, /verify/<token>/: no sign-in, in either language.

It says VALID or NOT VALID; for a known card also the masked name, the federation and the status,
and nothing else. Answers are rate-limited per client address (SERIKAT_VERIFY_RATE_PER_MINUTE,
default 30, counted in Django's cache; 429 beyond), never cached, never indexed, and never send
the token on as a referrer.

The count lives in the default cache: per process with the local-memory cache, so an installation
running several processes should point CACHES at a shared cache for the limit to hold across them.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from serikat.core.middleware import client_address_of
from serikat.membership.verification import verify_token

WINDOW_SECONDS = 60
DEFAULT_RATE_PER_MINUTE = 30


def _rate_limit() -> int:
    return int(getattr(settings, "SERIKAT_VERIFY_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE))


def _seconds_left_and_over(request: HttpRequest) -> tuple[int, bool]:
    """Counts this request in the address's current one-minute window."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"serikat:verify:{client_address_of(request) or '-'}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    return int(WINDOW_SECONDS - now % WINDOW_SECONDS) + 1, count > _rate_limit()


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def verify_card(request: HttpRequest, token: str) -> HttpResponse:
    retry_after, over = _seconds_left_and_over(request)
    if over:
        response = render(request, "membership/cards/verify.html", {"limited": True}, status=429)
        response["Retry-After"] = str(retry_after)
        return _private(response)
    result = verify_token(token)
    response = render(request, "membership/cards/verify.html", {"result": result}, status=200 if result.known else 404)
    return _private(response)
