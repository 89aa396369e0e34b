from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from serikat.accounts.models import Grant


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: where the user holds which role, with links into each capability."""
    grants = (
        Grant.objects.active()
        .filter(user=request.user)
        .select_related("role", "unit", "unit__level")
        .order_by("unit__path")
    )
    return render(request, "core/home.html", {"grants": grants, "section": "home"})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
