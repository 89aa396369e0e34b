"""Screens of the KTA cards and the verification list, mounted at /members/cards/.

Every document is made by one call to services_documents; these views fetch what the request names
through the access functions, turn refusals into 404/403 or a message, and send the file. Anything
that issues a card is a POST; a GET only ever prints a card that already exists.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any
from serikat.core.web.helpers import scoped_view
from serikat.membership import services, services_documents
from serikat.membership.access import access_card, access_membership
from serikat.membership.documents import verification_list as lists
from serikat.organisation.access import access_unit

PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(*parts: str) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip("-") for part in parts if part)[:120]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Members' data: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store, private"
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _cards_url(membership_id: int) -> str:
    return reverse("membership:cards", args=[membership_id])


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_GET
@scoped_view
def membership_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """The cards of one membership: the panel the member page includes, on a page of its own."""
    membership = access_membership(request.user, pk)
    cards = list(membership.cards.order_by("-issued_at", "-id"))
    return render(
        request,
        "membership/cards/cards.html",
        {"membership": membership, "member": membership.member, "cards": cards, "section": "members"},
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The membership's KTA as a PDF (ID-1, front and back). GET prints the current card; POST also
    issues one when there is none (the panel's "Issue and print")."""
    membership = access_membership(request.user, pk, permission=perms.PRINT_CARDS)
    if request.method == "GET" and services_documents.current_card(membership) is None:
        messages.info(request, _("This member has no valid card. Issue one first."))
        return redirect(_cards_url(membership.pk))
    try:
        pdf = services_documents.print_card(actor=request.user, membership=membership, base_url=_base_url(request))
    except (NotFound, Forbidden):
        raise  # scoped_view answers 404 / 403
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(_cards_url(membership.pk))
    return _download(pdf, PDF_TYPE, _filename("kta", membership.kta_number) + ".pdf")


@login_required
@require_POST
@scoped_view
def card_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """A lost or stolen card: its QR code stops verifying at once."""
    card = access_card(request.user, pk, permission=perms.PRINT_CARDS)
    reason = request.POST.get("reason", "").strip()[:200]
    if not reason:
        messages.error(request, _("Say why the card is revoked (for example: lost)."))
        return _back(request, _cards_url(card.membership_id))
    try:
        services.revoke_card(actor=request.user, card=card, reason=reason)
    except (NotFound, Forbidden):
        raise  # scoped_view answers 404 / 403
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The card was revoked: its QR code no longer verifies."))
    return _back(request, _cards_url(card.membership_id))


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def unit_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """The cards of a union's active members on A4 sheets: GET shows what will be printed, POST
    issues the missing cards and sends the PDF."""
    unit = access_unit(request.user, pk, permission=perms.PRINT_CARDS)
    if request.method == "POST":
        try:
            pdf = services_documents.print_unit_cards(actor=request.user, unit=unit, base_url=_base_url(request))
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect(reverse("membership:unit_cards", args=[unit.pk]))
        return _download(pdf, PDF_TYPE, _filename("kta", unit.code) + ".pdf")
    summary = services_documents.unit_cards_summary(unit)
    return render(request, "membership/cards/unit_cards.html", {"unit": unit, "summary": summary, "section": "members"})


@login_required
@require_GET
@scoped_view
def verification_list(request: HttpRequest) -> HttpResponse:
    """Choose a company (or one of its workplaces) and an affiliation for the PER.06 list."""
    if not has_any(request.user, perms.EXPORT_MEMBERS):
        raise Forbidden(_("You may not export member lists."))
    text = request.GET.get("q", "")[:100]
    choices = lists.verification_list_choices(request.user, text=text)
    return render(
        request,
        "membership/cards/verification_list.html",
        {"choices": choices, "q": text.strip(), "section": "members"},
    )


@login_required
@require_GET
@scoped_view
def verification_list_download(request: HttpRequest) -> HttpResponse:
    """The list as PDF or xlsx: ?employer=<id> or ?workplace=<id>, &federation=<id>, &format=pdf|xlsx."""
    fmt = request.GET.get("format", lists.PDF)
    try:
        employer, workplace = services_documents.verification_target(
            request.user, employer_id=request.GET.get("employer"), workplace_id=request.GET.get("workplace")
        )
        federation = services_documents.federation_by_id(request.GET.get("federation"))
        content = services_documents.export_verification_list(
            actor=request.user, federation=federation, employer=employer, workplace=workplace, fmt=fmt
        )
    except (NotFound, Forbidden):
        raise  # scoped_view answers 404 / 403
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(reverse("membership:verification_list"))
    company = workplace.employer.name if workplace is not None else employer.name
    name = _filename("verifikasi", company, workplace.name if workplace is not None else "", federation.code)
    content_type = PDF_TYPE if fmt == lists.PDF else XLSX_TYPE
    return _download(content, content_type, f"{name}.{fmt}")
