"""Shared pieces of the web layer: turning domain errors into answers and form errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from serikat.core.errors import DomainError, Forbidden, NotFound


def scoped_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound from an access_* function answers 404, Forbidden 403: the same for every screen."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from None
        except Forbidden as error:
            raise PermissionDenied(str(error)) from None

    return wrapper


def add_problems(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form: on each field it names, else above the form."""
    if not error.problems:
        form.add_error(None, str(error.message))
        return
    for problem in error.problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, str(problem.message))


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
