"""Admitting a federation into the confederation, with the names of its levels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden
from serikat.core.web.helpers import add_problems, scoped_view
from serikat.organisation import services
from serikat.organisation.access import access_unit
from serikat.organisation.web.forms import FederationForm
from serikat.organisation.web.units import form_page


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def federation_create(request: HttpRequest, pk: int) -> HttpResponse:
    confederation = access_unit(request.user, pk, permission=perms.CHANGE_UNIT)
    if confederation.depth != 1:
        raise Forbidden(_("Federations are admitted into the confederation only."))
    form = FederationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            federation = services.create_federation(
                actor=request.user,
                confederation=confederation,
                code=data["code"],
                name=data["name"],
                template=data["template"],
            )
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("%(name)s was admitted.") % {"name": federation.name})
            return redirect(reverse("organisation:unit", args=[federation.pk]))
    return form_page(
        request,
        form,
        title=_("Admit a federation"),
        submit=_("Admit federation"),
        cancel=reverse("organisation:unit", args=[confederation.pk]),
        unit=confederation,
    )
