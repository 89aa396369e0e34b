"""Screens of employers and workplaces, and of the links between plant unions and workplaces."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.organisation import selectors, services
from serikat.organisation.access import (
    access_employer,
    access_unit,
    access_unit_by_code,
    access_workplace,
    access_workplace_link,
)
from serikat.organisation.models import Employer, Unit, Workplace
from serikat.organisation.web import forms
from serikat.organisation.web.units import form_page


def _may_register(request: HttpRequest) -> None:
    if not has_any(request.user, perms.CHANGE_EMPLOYER):
        raise Forbidden(_("You may not register employers or workplaces."))


def _unit_from_code(request: HttpRequest, form: forms.StyledForm, field: str = "unit") -> Unit | None:
    """The unit named in a code field, if the actor may register or link employers there."""
    try:
        return access_unit_by_code(request.user, form.cleaned_data[field], permission=perms.CHANGE_EMPLOYER)
    except NotFound:
        form.add_error(field, _("No unit with this code where you may register or link employers."))
        return None


def _employer_url(employer: Employer) -> str:
    return reverse("organisation:employer", args=[employer.pk])


def _workplace_url(workplace: Workplace) -> str:
    return reverse("organisation:workplace", args=[workplace.pk])


def _default_unit_code(request: HttpRequest, preferred: Unit | None = None) -> str:
    unit = selectors.default_registering_unit(request.user, preferred)
    return unit.code if unit is not None else ""


# --- employers --------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def employer_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:100]
    page = selectors.employer_list(request.user, text=text, cursor=request.GET.get("after", "")[:400])
    context = {
        "page": page,
        "q": text.strip(),
        "paged": bool(request.GET.get("after")),
        "may_register": has_any(request.user, perms.CHANGE_EMPLOYER),
        "section": "employers",
    }
    template = "organisation/_employer_rows.html" if is_htmx(request) else "organisation/employers.html"
    return render(request, template, context)


@login_required
@require_GET
@scoped_view
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = access_employer(request.user, pk)
    page = selectors.employer_page(request.user, employer)
    return render(request, "organisation/employer.html", {"page": page, "employer": employer, "section": "employers"})


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def employer_create(request: HttpRequest) -> HttpResponse:
    _may_register(request)
    preferred = access_unit(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    form = forms.EmployerRegisterForm(request.POST or None, initial={"unit": _default_unit_code(request, preferred)})
    if request.method == "POST" and form.is_valid():
        unit = _unit_from_code(request, form)
        if unit is not None:
            data = form.cleaned_data
            try:
                employer = services.register_employer(
                    actor=request.user,
                    unit=unit,
                    name=data["name"],
                    sector=data["sector"],
                    region=data["region"],
                    business_number=data["business_number"],
                    address=data["address"],
                    letters_attention=data["letters_attention"],
                )
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(request, _("%(name)s was registered.") % {"name": employer.name})
                return redirect(_employer_url(employer))
    cancel = reverse("organisation:unit", args=[preferred.pk]) if preferred else reverse("organisation:employers")
    return form_page(
        request, form, title=_("Register an employer"), submit=_("Register"), cancel=cancel, section="employers"
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = access_employer(request.user, pk, permission=perms.CHANGE_EMPLOYER)
    if not scope_of(request.user, perms.CHANGE_EMPLOYER).covers(employer.unit):
        raise Forbidden(_("Only the unit that registered this employer, or one above it, may edit it."))
    form = forms.EmployerEditForm(
        request.POST or None, initial=forms.EmployerEditForm.initial_from(employer), region=employer.region
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employer(actor=request.user, employer=employer, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": employer.name})
            return redirect(_employer_url(employer))
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": employer.name},
        submit=_("Save"),
        cancel=_employer_url(employer),
        section="employers",
    )


# --- workplaces -------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def workplace_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = access_workplace(request.user, pk)
    page = selectors.workplace_page(request.user, workplace)
    return render(
        request, "organisation/workplace.html", {"page": page, "workplace": workplace, "section": "employers"}
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def workplace_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = access_employer(request.user, pk)
    _may_register(request)
    form = forms.WorkplaceRegisterForm(
        request.POST or None,
        initial={
            "unit": _default_unit_code(request, employer.unit),
            "sector": employer.sector_id,
            "region": employer.region_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        unit = _unit_from_code(request, form)
        if unit is not None:
            data = form.cleaned_data
            del data["unit"]
            try:
                workplace = services.register_workplace(actor=request.user, employer=employer, unit=unit, **data)
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(request, _("%(name)s was registered.") % {"name": workplace.name})
                return redirect(_workplace_url(workplace))
    return form_page(
        request,
        form,
        title=_("New workplace of %(name)s") % {"name": employer.name},
        submit=_("Register"),
        cancel=_employer_url(employer),
        section="employers",
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def workplace_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workplace = access_workplace(request.user, pk, permission=perms.CHANGE_EMPLOYER)
    if not scope_of(request.user, perms.CHANGE_EMPLOYER).covers(workplace.unit):
        raise Forbidden(_("Only the unit that registered this workplace, or one above it, may edit it."))
    form = forms.WorkplaceForm(
        request.POST or None, initial=forms.WorkplaceForm.initial_from(workplace), region=workplace.region
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_workplace(actor=request.user, workplace=workplace, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": workplace.name})
            return redirect(_workplace_url(workplace))
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": workplace},
        submit=_("Save"),
        cancel=_workplace_url(workplace),
        section="employers",
    )


# --- links between plant unions and workplaces ------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def workplace_link_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """From a workplace: a plant union (by code) starts organising here."""
    workplace = access_workplace(request.user, pk)
    _may_register(request)
    form = forms.LinkUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = _unit_from_code(request, form)
        if unit is not None:
            try:
                services.link_workplace(
                    actor=request.user, unit=unit, workplace=workplace, since_on=form.cleaned_data["since_on"]
                )
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(
                    request, _("%(unit)s now organises at %(workplace)s.") % {"unit": unit.name, "workplace": workplace}
                )
                return redirect(_workplace_url(workplace))
    return form_page(
        request,
        form,
        title=_("Link a plant union to %(name)s") % {"name": workplace},
        submit=_("Link"),
        cancel=_workplace_url(workplace),
        section="employers",
        unit_picker="unit",
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_link_workplace(request: HttpRequest, pk: int) -> HttpResponse:
    """From a plant union: choose a workplace (found by name) where it organises."""
    unit = access_unit(request.user, pk, permission=perms.CHANGE_EMPLOYER)
    if not selectors.actions_at(request.user, unit).link_workplace:
        raise Forbidden(_("Only plant-level unions are linked to workplaces."))
    form = forms.LinkWorkplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workplace = access_workplace(request.user, form.cleaned_data["workplace"])
            services.link_workplace(
                actor=request.user, unit=unit, workplace=workplace, since_on=form.cleaned_data["since_on"]
            )
        except NotFound:
            form.add_error("workplace", _("Choose a workplace from the search results."))
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(
                request, _("%(unit)s now organises at %(workplace)s.") % {"unit": unit.name, "workplace": workplace}
            )
            return redirect(reverse("organisation:unit", args=[unit.pk]))
    text = request.GET.get("q", "")[:100]
    return render(
        request,
        "organisation/unit_link_workplace.html",
        {
            "unit": unit,
            "form": form,
            "q": text.strip(),
            "choices": selectors.workplace_choices(request.user, text),
            "section": "units",
        },
    )


@login_required
@require_GET
@scoped_view
def workplace_picker(request: HttpRequest, pk: int) -> HttpResponse:
    """The search results of the link form above, as radio buttons (an htmx fragment)."""
    unit = access_unit(request.user, pk, permission=perms.CHANGE_EMPLOYER)
    text = request.GET.get("q", "")[:100]
    choices = selectors.workplace_choices(request.user, text)
    return render(
        request, "organisation/_workplace_choices.html", {"unit": unit, "q": text.strip(), "choices": choices}
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def link_end(request: HttpRequest, pk: int) -> HttpResponse:
    link = access_workplace_link(request.user, pk)
    form = forms.EndLinkForm(request.POST or None)
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("organisation:unit", args=[link.unit_id])
    if request.method == "POST" and form.is_valid():
        try:
            services.unlink_workplace(actor=request.user, link=link, until_on=form.cleaned_data["until_on"])
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("%(unit)s no longer organises at %(workplace)s.")
                % {"unit": link.unit.name, "workplace": link.workplace},
            )
            return redirect(back)
    return form_page(
        request,
        form,
        title=_("%(unit)s stops organising at %(workplace)s") % {"unit": link.unit.name, "workplace": link.workplace},
        submit=_("End the link"),
        cancel=back,
        section="employers",
    )
