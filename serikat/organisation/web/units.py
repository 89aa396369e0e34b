"""Screens of the unit tree: browse, search, a unit's page, and the forms that change units and officers.

Each view: parse, fetch through access_*, one selector or service call, render. Refusals from
access_* become 404/403 through scoped_view; refusals from services are shown on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.organisation import selectors, services
from serikat.organisation.access import access_officer_term, access_unit, access_unit_by_code
from serikat.organisation.models import Unit
from serikat.organisation.web import forms

# Inputs that the unit search may fill in when it is used as a picker (see app.js, data-fill-target).
PICK_TARGETS = {"new_parent": "id_new_parent", "unit": "id_unit"}


def form_page(
    request: HttpRequest, form: Any, *, title: str, submit: str, cancel: str, section: str = "units", **extra: Any
) -> HttpResponse:
    """The one layout of every simple form: a title, an optional intro, the fields, submit and cancel."""
    context = {"form": form, "title": title, "submit_label": submit, "cancel_url": cancel, "section": section}
    context.update(extra)
    return render(request, "organisation/form.html", context)


# --- browsing ---------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def tree(request: HttpRequest) -> HttpResponse:
    """The actor's top visible units; with a single one, its first level is shown open."""
    roots = selectors.tree_roots(request.user)
    opened = selectors.children_of(request.user, roots[0]) if len(roots) == 1 else None
    return render(request, "organisation/tree.html", {"roots": roots, "opened": opened, "section": "units"})


@login_required
@require_GET
@scoped_view
def unit_children(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk)
    below = selectors.children_of(request.user, unit)
    template = "organisation/_children.html" if is_htmx(request) else "organisation/children.html"
    return render(request, template, {"unit": unit, "below": below, "section": "units"})


@login_required
@require_GET
@scoped_view
def unit_search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:100]
    pick = PICK_TARGETS.get(request.GET.get("pick", ""))
    results = selectors.search_units(request.user, text)
    context = {"q": text.strip(), "results": results, "pick": pick, "section": "units"}
    template = "organisation/_search_results.html" if is_htmx(request) else "organisation/search.html"
    return render(request, template, context)


@login_required
@require_GET
@scoped_view
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk)
    page = selectors.unit_page(request.user, unit)
    return render(request, "organisation/unit.html", {"page": page, "unit": unit, "section": "units"})


@login_required
@require_GET
@scoped_view
def past_officers(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, permission=perms.VIEW_OFFICER)
    terms = selectors.past_officers(request.user, unit)
    return render(request, "organisation/officers_past.html", {"unit": unit, "terms": terms, "section": "units"})


# --- changing units ---------------------------------------------------------------------------


def _unit_url(unit: Unit) -> str:
    return reverse("organisation:unit", args=[unit.pk])


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    parent = access_unit(request.user, pk, permission=perms.CHANGE_UNIT)
    if not selectors.actions_at(request.user, parent).create_child:
        raise Forbidden(_("No unit can be created under this one here."))
    form = forms.UnitCreateForm(
        request.POST or None,
        levels=selectors.levels_under(parent),
        territories=selectors.territorial_choices(request.user, parent),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.create_unit(
                actor=request.user,
                parent=parent,
                level=data["level"],
                code=data["code"],
                name=data["name"],
                territory=data["territory"],
                region=data["region"],
                registration_number=data["registration_number"],
                founded_on=data["founded_on"],
                status=data["status"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
            )
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("%(name)s was created.") % {"name": unit.name})
            return redirect(_unit_url(unit))
    return form_page(
        request,
        form,
        title=_("New unit under %(name)s") % {"name": parent.name},
        submit=_("Create unit"),
        cancel=_unit_url(parent),
        unit=parent,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, permission=perms.CHANGE_UNIT)
    form = forms.UnitDetailsForm(
        request.POST or None, initial=forms.UnitDetailsForm.initial_from(unit), region=unit.region
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(actor=request.user, unit=unit, **form.changes())
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The details of %(name)s were saved.") % {"name": unit.name})
            return redirect(_unit_url(unit))
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": unit.name},
        submit=_("Save"),
        cancel=_unit_url(unit),
        unit=unit,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps: choose the new parent, then confirm after seeing how many units move."""
    unit = access_unit(request.user, pk, permission=perms.MOVE_UNIT)
    if not selectors.actions_at(request.user, unit).move:
        raise Forbidden(_("This unit cannot be moved."))
    form = forms.MoveForm(request.POST or None)
    target = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = access_unit_by_code(request.user, data["new_parent"], permission=perms.MOVE_UNIT)
        except NotFound:
            form.add_error("new_parent", _("No unit with this code that you may move units to."))
        else:
            if data["confirmed"]:
                try:
                    services.move_unit(actor=request.user, unit=unit, new_parent=target, reason=data["reason"])
                except DomainError as error:
                    add_problems(form, error)
                    target = None
                else:
                    messages.success(
                        request, _("%(unit)s now stands under %(parent)s.") % {"unit": unit.name, "parent": target.name}
                    )
                    return redirect(_unit_url(unit))
    return render(
        request,
        "organisation/unit_move.html",
        {
            "unit": unit,
            "form": form,
            "target": target,
            "moving": selectors.subtree_size(unit),
            "in_territory": selectors.territory_size(unit),
            "section": "units",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_territory(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, permission=perms.MOVE_UNIT)
    form = forms.TerritoryForm(
        request.POST or None,
        initial={"territory": unit.territory_id, "with_subtree": True},
        territories=selectors.territorial_choices(request.user, unit),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            updated = services.set_unit_territory(
                actor=request.user, unit=unit, territory=data["territory"], with_subtree=data["with_subtree"]
            )
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The territorial council was set for %(count)s units.") % {"count": updated})
            return redirect(_unit_url(unit))
    return form_page(
        request,
        form,
        title=_("Territorial council of %(name)s") % {"name": unit.name},
        submit=_("Save"),
        cancel=_unit_url(unit),
        unit=unit,
        intro=_("The territorial council decides which provincial and city councils see this unit."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_split(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, permission=perms.MOVE_UNIT)
    if not selectors.actions_at(request.user, unit).split:
        raise Forbidden(_("This unit cannot be split."))
    children, members = selectors.split_choices(request.user, unit)
    limit = selectors.SPLIT_CHOICES_LIMIT
    too_many = children[: limit + 1].count() > limit or members[: limit + 1].count() > limit
    form = None if too_many else forms.SplitForm(request.POST or None, children=children, members=members)
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new_unit = services.split_unit(
                actor=request.user,
                unit=unit,
                new_code=data["new_code"],
                new_name=data["new_name"],
                children=list(data["children"]),
                territorial_members=list(data["territorial_members"]),
            )
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("%(name)s was created from the split.") % {"name": new_unit.name})
            return redirect(_unit_url(new_unit))
    return render(
        request,
        "organisation/unit_split.html",
        {"unit": unit, "form": form, "too_many": too_many, "limit": limit, "section": "units"},
    )


# --- officers ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def officer_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, permission=perms.CHANGE_OFFICER)
    form = forms.AppointOfficerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.appoint_officer(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was appointed %(position)s.") % {"name": term.person_name, "position": term.position},
            )
            return redirect(_unit_url(unit))
    return form_page(
        request,
        form,
        title=_("Appoint an officer at %(name)s") % {"name": unit.name},
        submit=_("Appoint"),
        cancel=_unit_url(unit),
        unit=unit,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def officer_end(request: HttpRequest, pk: int) -> HttpResponse:
    term = access_officer_term(request.user, pk, permission=perms.CHANGE_OFFICER)
    form = forms.EndTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_officer_term(actor=request.user, term=term, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The term of %(name)s has ended.") % {"name": term.person_name})
            return redirect(_unit_url(term.unit))
    return form_page(
        request,
        form,
        title=_("End the term of %(name)s (%(position)s)") % {"name": term.person_name, "position": term.position},
        submit=_("End term"),
        cancel=_unit_url(term.unit),
        unit=term.unit,
    )
