from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_TWO_FACTOR_CHECKED = "serikat_two_factor_checked"


class TwoFactorMiddleware:
    """Sends a signed-in user whose role requires two-factor sign-in to set it up before anything else.

    The check is cached in the session once it passes; grants that change later are checked again
    at the next sign-in.
    """

    # Only what is needed to set up the authenticator or leave; the API refuses such users itself.
    ALLOWED_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/accounts/login/", "/static/", "/i18n/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SESSION_TWO_FACTOR_CHECKED)
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            from serikat.accounts.services import requires_two_factor

            if requires_two_factor(user) and not user.has_two_factor:
                return redirect(reverse("accounts:two_factor") + "?required=1")
            request.session[SESSION_TWO_FACTOR_CHECKED] = True
        return self.get_response(request)
