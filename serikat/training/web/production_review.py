"""Screens of review, mounted at /training/review/: a package's review page (threads by section,
open or resolved, and its rounds), and the actions on threads and rounds.

Threads also show on each section's page through the `{% section_threads user module session %}`
tag (templatetags/training_review.py), whose forms post here. An htmx request gets back the piece
of page it replaces (the section's block or one thread); a plain form post is redirected to `next`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.web.helpers import is_htmx, scoped_view
from serikat.training import services_review as review
from serikat.training.access import (
    access_module,
    access_package,
    access_review_round,
    access_session,
    access_thread,
)
from serikat.training.models import Module, Session
from serikat.training.selectors_production import one_thread, package_review, section_review
from serikat.training.web.production_forms import RoundForm

SECTION = "training"
STATUSES = ("open", "resolved", "all")


def _next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _review_url(package_id: int) -> str:
    return reverse("training:review", args=[package_id])


def section_key(module: Module, session: Session | None) -> str:
    return f"m{module.pk}" + (f"-s{session.pk}" if session is not None else "")


def section_html(
    request: HttpRequest | None,
    actor: Any,
    module: Module,
    session: Session | None = None,
    *,
    next_url: str = "",
    error: str = "",
) -> str:
    """The review block of a section: its threads, the form to open one, and the meeting inputs
    that shaped it. Rendered by the section tag and by the views answering htmx."""
    data = section_review(actor, module, session)
    context = {
        "review": data,
        "key": section_key(module, session),
        "next_url": next_url or _review_url(module.package_id),
        "error": error,
        "user": actor,
    }
    return render_to_string("training/review/_section.html", context, request=request)


def _thread_answer(request: HttpRequest, thread: Any, *, error: str = "", done: str = "") -> HttpResponse:
    """htmx: the thread re-rendered in place (with the error, if any). Plain post: back to `next`."""
    if is_htmx(request):
        fresh = one_thread(request.user, thread.pk)
        context = {"thread": fresh, "next_url": _next(request, _review_url(thread.package_id)), "error": error}
        return render(request, "training/review/_thread.html", context)
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(_next(request, _review_url(thread.package_id)) + f"#thread-{thread.pk}")


# --- the package's review page -------------------------------------------------------------------


@require_GET
@login_required
@scoped_view
def review_page(request: HttpRequest, package_id: int) -> HttpResponse:
    """Every thread of a package by section (open, resolved or all) and its review rounds."""
    package = access_package(request.user, package_id)
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    data = package_review(request.user, package, status=status)
    return render(
        request,
        "training/review/package.html",
        {
            "review": data,
            "package": package,
            "statuses": [(s, s == status) for s in STATUSES],
            "round_form": RoundForm(),
            "next_url": request.get_full_path(),
            "section": SECTION,
        },
    )


# --- rounds --------------------------------------------------------------------------------------


@require_POST
@login_required
@scoped_view
def round_open(request: HttpRequest, package_id: int) -> HttpResponse:
    """Open the package's next review round."""
    package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)
    form = RoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the round's title and closing day."))
    else:
        try:
            opened = review.open_review_round(
                actor=request.user,
                package=package,
                title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"],
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            details = "; ".join(str(p.message) for p in error.problems)
            messages.error(request, f"{error.message} {details}".strip())
        else:
            messages.success(request, _("Review round %(number)s is open.") % {"number": opened.number})
    return redirect(_review_url(package.pk))


@require_POST
@login_required
@scoped_view
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    """Close a review round."""
    found = access_review_round(request.user, round_id, permission=perms.AUTHOR_PACKAGE)
    try:
        review.close_review_round(actor=request.user, round=found)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Review round %(number)s is closed.") % {"number": found.number})
    return redirect(_review_url(found.package_id))


# --- threads -------------------------------------------------------------------------------------


@require_POST
@login_required
@scoped_view
def thread_open(request: HttpRequest) -> HttpResponse:
    """Open a thread on a section (module, optionally one of its sessions) with a first comment."""
    actor = request.user
    module = access_module(actor, request.POST.get("module"), permission=perms.REVIEW_PACKAGE)
    session = None
    if request.POST.get("session"):
        session = access_session(actor, request.POST.get("session"), permission=perms.REVIEW_PACKAGE)
    fallback = _review_url(module.package_id)
    error = ""
    try:
        review.open_thread(actor=actor, module=module, session=session, body=request.POST.get("body", ""))
    except (NotFound, Forbidden):
        raise
    except DomainError as problem:
        error = "; ".join(str(p.message) for p in problem.problems) or str(problem.message)
    if is_htmx(request):
        html = section_html(request, actor, module, session, next_url=_next(request, fallback), error=error)
        return HttpResponse(html)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The thread is open."))
    return redirect(_next(request, fallback) + f"#review-{section_key(module, session)}")


@require_POST
@login_required
@scoped_view
def thread_reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Answer in a thread."""
    thread = access_thread(request.user, thread_id, permission=perms.REVIEW_PACKAGE)
    try:
        review.reply_to_thread(actor=request.user, thread=thread, body=request.POST.get("body", ""))
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        message = "; ".join(str(p.message) for p in error.problems) or str(error.message)
        return _thread_answer(request, thread, error=message)
    return _thread_answer(request, thread, done=_("The reply was posted."))


@require_POST
@login_required
@scoped_view
def thread_resolve(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Resolve a thread with a note (an author of the package, or whoever opened it)."""
    thread = access_thread(request.user, thread_id)
    try:
        review.resolve_thread(actor=request.user, thread=thread, resolution=request.POST.get("resolution", ""))
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        message = "; ".join(str(p.message) for p in error.problems) or str(error.message)
        return _thread_answer(request, thread, error=message)
    return _thread_answer(request, thread, done=_("The thread is resolved."))


@require_POST
@login_required
@scoped_view
def thread_reopen(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Reopen a resolved thread, optionally saying why."""
    thread = access_thread(request.user, thread_id)
    try:
        review.reopen_thread(actor=request.user, thread=thread, reason=request.POST.get("reason", ""))
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        message = "; ".join(str(p.message) for p in error.problems) or str(error.message)
        return _thread_answer(request, thread, error=message)
    return _thread_answer(request, thread, done=_("The thread is open again."))
