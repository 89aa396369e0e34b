"""Screens of training packages, mounted at /training/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from serikat.core import permissions as perms
from serikat.core.web.helpers import scoped_view
from serikat.training.models import Package


@require_GET
@login_required
@scoped_view
def home(request: HttpRequest) -> HttpResponse:
    """The packages the user may see."""
    packages = Package.objects.visible_to(request.user, perms.VIEW_PACKAGE).select_related("unit")[:200]
    return render(request, "training/home.html", {"packages": packages, "section": "training"})
