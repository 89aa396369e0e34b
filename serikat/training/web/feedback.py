"""Screens of field feedback, under /training/feedback/ (namespace "training").

The form to send feedback is made for a phone: a trainer opens it from a section of the reading
version (`/training/feedback/new/<edition_id>/?module=<id>&session=<id>` preselects that section),
picks "trainer" or "participant", writes a few lines and sends. Triage and "mark addressed" each
call one service; "mark addressed" answers htmx with the section's refreshed list.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import active_grants, has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.organisation.models import Unit
from serikat.training import selectors_feedback as selectors
from serikat.training import services_feedback as services
from serikat.training.access import access_edition, access_feedback, access_package
from serikat.training.models import Feedback, Package
from serikat.training.web import feedback_forms as forms

SECTION = "training"


def _refused(error: DomainError) -> None:
    if isinstance(error, NotFound | Forbidden):
        raise error


def _flags(actor: Any, item: Feedback) -> dict[str, bool]:
    owner = item.edition.package.unit
    return {
        "may_triage": scope_of(actor, perms.TRIAGE_FEEDBACK).covers(owner) and item.addressed_at is None,
        "may_address": scope_of(actor, perms.AUTHOR_PACKAGE).covers(owner)
        and item.status == Feedback.Status.ACCEPTED
        and item.addressed_at is None,
    }


# --- sending -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def new(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Send feedback on a section of an edition, from one of the sender's units."""
    edition = access_edition(request.user, edition_id, permission=perms.SEND_FEEDBACK)
    owner = edition.package.unit
    # The units of the sender's own grants (not every unit below them), on the package's line.
    paths = {path for path, codes in active_grants(request.user) if perms.SEND_FEEDBACK in codes}
    units = [
        unit for unit in Unit.objects.filter(path__in=paths).order_by("path") if services.is_on_the_line(unit, owner)
    ]
    sections = selectors.edition_sections(edition)
    module, session = request.GET.get("module", ""), request.GET.get("session", "")
    chosen = selectors.find_section(edition, module, session or None)
    initial = {"from_role": "trainer", "unit": units[0].pk if units else None}
    if chosen is not None:
        initial["section"] = f"{chosen.module_id}" + (f"-{chosen.session_id}" if chosen.session_id else "")
    form = forms.SendForm(request.POST or None, initial=initial, sections=sections, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["unit"])
        module_id, session_id = forms.split_section(data["section"])
        try:
            item = services.send_feedback(
                actor=request.user,
                edition=edition,
                unit=unit,
                module_id=module_id,
                session_id=session_id,
                from_role=data["from_role"],
                body=data["body"],
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("Thank you. Your feedback was sent to the package's team."))
            return redirect("training:feedback_detail", item.pk)
    context = {"edition": edition, "form": form, "chosen": chosen, "section": SECTION}
    return render(request, "training/feedback/new.html", context, status=400 if form.errors else 200)


# --- lists ------------------------------------------------------------------------------------------


def _filters(request: HttpRequest, *, triage: bool = False) -> tuple[Any, selectors.FeedbackFilters]:
    form = forms.FilterForm(request.GET or None)
    filters = selectors.FeedbackFilters(triage=triage)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters.status = data["status"]
        if data["package"]:
            filters.package = access_package(request.user, data["package"])
        if data["edition"]:
            filters.edition = access_edition(request.user, data["edition"])
        filters.module, filters.session = data["module"], data["session"]
    return form, filters


@login_required
@require_GET
@scoped_view
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Feedback on the packages the actor may read, newest first, filtered."""
    if not has_any(request.user, perms.VIEW_PACKAGE):
        raise Forbidden(_("None of your roles lets you see training packages."))
    form, filters = _filters(request)
    page = selectors.feedback_page(request.user, filters, after=request.GET.get("after"))
    packages = Package.objects.visible_to(request.user, perms.VIEW_PACKAGE).only("id", "title").order_by("title")[:200]
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "filters": filters,
        "packages": packages,
        "page": page,
        "query": query.urlencode(),
        "may_triage": has_any(request.user, perms.TRIAGE_FEEDBACK),
        "section": SECTION,
    }
    return render(request, "training/feedback/list.html", context)


@login_required
@require_GET
@scoped_view
def triage_queue(request: HttpRequest) -> HttpResponse:
    """New and deferred feedback of the packages the actor triages, each with its decision form."""
    if not has_any(request.user, perms.TRIAGE_FEEDBACK):
        raise Forbidden(_("None of your roles lets you triage feedback."))
    status = request.GET.get("status", Feedback.Status.NEW)
    if status not in (Feedback.Status.NEW, Feedback.Status.DEFERRED):
        status = Feedback.Status.NEW
    filters = selectors.FeedbackFilters(status=status, triage=True)
    page = selectors.feedback_page(request.user, filters, after=request.GET.get("after"))
    context = {"page": page, "status": status, "form": forms.TriageForm(), "section": SECTION}
    return render(request, "training/feedback/triage.html", context)


# --- one item --------------------------------------------------------------------------------------


def _detail(request: HttpRequest, item: Feedback, *, form: Any = None, status: int = 200) -> HttpResponse:
    context = {
        "item": item,
        "form": form or forms.TriageForm(initial={"decision": item.status, "reason": item.reason}),
        "section": SECTION,
        **_flags(request.user, item),
    }
    return render(request, "training/feedback/detail.html", context, status=status)


@login_required
@require_GET
@scoped_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access_feedback(request.user, pk))


@login_required
@require_POST
@scoped_view
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_feedback(request.user, pk, permission=perms.TRIAGE_FEEDBACK)
    form = forms.TriageForm(request.POST)
    if form.is_valid():
        try:
            services.triage_feedback(
                actor=request.user,
                feedback=item,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            back = request.POST.get("next", "")
            if back == "queue":
                return redirect("training:feedback_triage")
            return redirect("training:feedback_detail", item.pk)
    return _detail(request, item, form=form, status=400)


@login_required
@require_POST
@scoped_view
def address(request: HttpRequest, pk: int) -> HttpResponse:
    """An author marks an accepted item addressed in the draft. From a section's draft (htmx) the
    answer is that item's row, now marked; otherwise back to the item."""
    item = access_feedback(request.user, pk, permission=perms.AUTHOR_PACKAGE)
    try:
        services.mark_feedback_addressed(actor=request.user, feedback=item)
    except DomainError as error:
        _refused(error)
        if is_htmx(request):
            return render(
                request, "training/feedback/_section_item.html", {"item": item, "error": str(error.message)}, status=409
            )
        messages.error(request, str(error.message))
        return redirect("training:feedback_detail", item.pk)
    if is_htmx(request):
        return render(request, "training/feedback/_section_item.html", {"item": item, "done": True})
    messages.success(request, _("Marked addressed: the next release records it."))
    return redirect(reverse("training:feedback_detail", args=[item.pk]))
