"""Screens of deduction authorisations (surat kuasa) and letters to employers, under
/dues/authorisations/ (namespace "dues").

Each view: parse, fetch through the dues access functions (404 out of scope, 403 visible but not
allowed), one selector or service call, render. Refusals from services are shown on the form,
naming the field. Scans and letters are personal data: sent as attachments, never cached.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.dues import selectors_authorisations as selectors
from serikat.dues import services_authorisations as services
from serikat.dues.access import access_authorisation, access_dues_membership, access_dues_unit, access_letter
from serikat.dues.models import EmployerLetter
from serikat.dues.web import authorisations_forms as forms

SECTION = "dues"
LETTERS_PAGE = 50


def _union_url(unit_id: int, **query: Any) -> str:
    url = reverse("dues:authorisation_union", args=[unit_id])
    query = {k: v for k, v in query.items() if v}
    return f"{url}?{urlencode(query)}" if query else url


def _may_manage(actor: Any, unit: Any) -> bool:
    return scope_of(actor, perms.MANAGE_AUTHORISATIONS).covers(unit)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-")[:120]
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _refused(error: DomainError) -> None:
    if isinstance(error, NotFound | Forbidden):
        raise error


# --- the start page and a union's page -------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def home(request: HttpRequest) -> HttpResponse:
    """The unions whose authorisations the actor may see; one of them opens straight away."""
    if not has_any(request.user, perms.VIEW_DUES):
        raise Forbidden(_("None of your roles lets you see dues."))
    q = request.GET.get("q", "")[:100]
    unions = selectors.plant_unions(request.user, q=q)
    if len(unions) == 1 and not q:
        return redirect(_union_url(unions[0].pk))
    return render(request, "dues/authorisations/home.html", {"unions": unions, "q": q, "section": SECTION})


@login_required
@require_GET
@scoped_view
def union(request: HttpRequest, pk: int) -> HttpResponse:
    """A union's members with and without a surat kuasa in force for one employer (by name, 50 at a
    time, keyset), and the form to record the paper forms of a meeting at once."""
    unit = access_dues_unit(request.user, pk)
    employers = selectors.union_employers(unit)
    employer_list = list(employers)
    filters = forms.FilterForm(request.GET or None, employers=employers)
    employer, state, q = (employer_list[0] if employer_list else None), "all", ""
    if filters.is_bound and filters.is_valid():
        employer = filters.cleaned_data["employer"] or employer
        state = filters.cleaned_data["state"] or "all"
        q = filters.cleaned_data["q"]
    page = None
    if employer is not None:
        page = selectors.authorisation_rows(unit, employer, state=state, q=q, after=request.GET.get("after"))
    query = urlencode({"employer": employer.pk if employer else "", "state": state, "q": q})
    context = {
        "unit": unit,
        "employers": employer_list,
        "employer": employer,
        "filters": filters,
        "state": state,
        "q": q,
        "page": page,
        "paged": bool(request.GET.get("after")),
        "query": query,
        "may_manage": _may_manage(request.user, unit),
        "today": _today(),
        "section": SECTION,
    }
    partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    template = "dues/authorisations/_rows.html" if partial else "dues/authorisations/union.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@login_required
@require_POST
@scoped_view
def bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the ticked members' authorisations, all signed on one date."""
    unit = access_dues_unit(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    form = forms.BulkForm(request.POST, employers=selectors.union_employers(unit))
    back = _union_url(unit.pk, employer=request.POST.get("employer", ""), state="without")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(back)
    try:
        result = services.record_authorisations(
            actor=request.user,
            unit=unit,
            employer=form.cleaned_data["employer"],
            membership_ids=form.cleaned_data["membership"],
            signed_on=form.cleaned_data["signed_on"],
        )
    except DomainError as error:
        _refused(error)
        messages.error(request, str(error.message))
        return redirect(back)
    messages.success(
        request,
        _("%(created)s authorisations recorded; %(skipped)s members already had one.")
        % {"created": len(result["created"]), "skipped": len(result["skipped"])},
    )
    return redirect(back)


# --- one authorisation --------------------------------------------------------------------------------


def _form_page(request: HttpRequest, form: Any, *, title: str, submit: str, back: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "submit_label": submit, "back_url": back, "section": SECTION}
    context.update(extra)
    return render(request, "dues/authorisations/form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one member's surat kuasa, with the scan of the signed form."""
    membership = access_dues_membership(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    employers = selectors.union_employers(membership.unit)
    initial = {"employer": membership.employer_id, "signed_on": _today()}
    form = forms.RecordForm(request.POST or None, request.FILES or None, employers=employers, initial=initial)
    back = _union_url(membership.unit_id)
    if request.method == "POST" and form.is_valid():
        try:
            authorisation = services.record_authorisation(
                actor=request.user,
                membership=membership,
                employer=form.cleaned_data["employer"],
                signed_on=form.cleaned_data["signed_on"],
                document=form.cleaned_data.get("document"),
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The authorisation was recorded."))
            return redirect("dues:authorisation", authorisation.pk)
    return _form_page(
        request,
        form,
        title=_("Record the authorisation of %(name)s") % {"name": membership.member.full_name},
        submit=_("Record"),
        back=back,
        multipart=True,
        membership=membership,
    )


@login_required
@require_GET
@scoped_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    authorisation = access_authorisation(request.user, pk)
    notices = list(
        EmployerLetter.objects.filter(authorisation=authorisation).defer("content").order_by("-issued_on", "-id")
    )
    context = {
        "authorisation": authorisation,
        "membership": authorisation.membership,
        "notices": notices,
        "may_manage": _may_manage(request.user, authorisation.unit),
        "section": SECTION,
    }
    return render(request, "dues/authorisations/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a surat kuasa; the notice to the employer is issued at once."""
    authorisation = access_authorisation(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    form = forms.RevokeForm(request.POST or None, initial={"revoked_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            revoked = services.revoke_authorisation(
                actor=request.user,
                authorisation=authorisation,
                revoked_on=form.cleaned_data["revoked_on"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("The authorisation was revoked. Notice %(number)s to the employer is ready to print.")
                % {"number": revoked.notice.number},
            )
            return redirect("dues:authorisation", authorisation.pk)
    return _form_page(
        request,
        form,
        title=_("Revoke the authorisation of %(name)s") % {"name": authorisation.membership.member.full_name},
        submit=_("Revoke and issue the notice"),
        back=reverse("dues:authorisation", args=[authorisation.pk]),
        danger=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def scan_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the scan of a surat kuasa recorded without one."""
    authorisation = access_authorisation(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    form = forms.ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_scan(
                actor=request.user, authorisation=authorisation, document=form.cleaned_data["document"]
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The scan was attached."))
            return redirect("dues:authorisation", authorisation.pk)
    return _form_page(
        request,
        form,
        title=_("Attach the scan of %(name)s's authorisation") % {"name": authorisation.membership.member.full_name},
        submit=_("Attach"),
        back=reverse("dues:authorisation", args=[authorisation.pk]),
        multipart=True,
    )


@login_required
@require_GET
@scoped_view
def scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanned form, to those who manage the union's authorisations; audited."""
    authorisation = access_authorisation(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    try:
        data, content_type, filename = services.scan_of(actor=request.user, authorisation=authorisation)
    except DomainError as error:
        _refused(error)
        raise NotFound(str(error.message)) from None
    return _attachment(data, content_type, filename)


# --- letters --------------------------------------------------------------------------------------------


def _after_id(request: HttpRequest) -> int | None:
    try:
        value = int(request.GET.get("after", ""))
    except ValueError:
        return None
    return value if value > 0 else None


@login_required
@require_GET
@scoped_view
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    """A union's letters to employers, newest first (keyset on id)."""
    unit = access_dues_unit(request.user, pk)
    rows = selectors.letters_visible(request.user).filter(unit=unit)
    after = _after_id(request)
    if after is not None:
        rows = rows.filter(pk__lt=after)
    page = list(rows.order_by("-id")[: LETTERS_PAGE + 1])
    more = len(page) > LETTERS_PAGE
    page = page[:LETTERS_PAGE]
    context = {
        "unit": unit,
        "letters": page,
        "next_after": page[-1].pk if more else None,
        "paged": after is not None,
        "may_manage": _may_manage(request.user, unit),
        "section": SECTION,
    }
    return render(request, "dues/authorisations/letters.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the check-off notification to one of the union's employers."""
    unit = access_dues_unit(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    employers = selectors.union_employers(unit)
    form = forms.LetterForm(
        request.POST or None, employers=employers, initial={"employer": request.GET.get("employer")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.issue_notification_letter(
                actor=request.user,
                unit=unit,
                employer=form.cleaned_data["employer"],
                issued_on=form.cleaned_data.get("issued_on"),
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("Letter %(number)s was issued.") % {"number": letter.number})
            return redirect("dues:letters", unit.pk)
    return _form_page(
        request,
        form,
        title=_("Notify an employer of check-off"),
        submit=_("Issue the letter"),
        back=reverse("dues:letters", args=[unit.pk]),
        intro=_(
            "The letter (KEP.187/MEN/X/2004, in Bahasa Indonesia) lists the members whose authorisation is in "
            "force on its date, the officers in office, the union's registration number and the dues rules. "
            "Its content is frozen when it is issued."
        ),
        unit=unit,
    )


@login_required
@require_GET
@scoped_view
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter as an A4 PDF, from its snapshot; audited as an export."""
    letter = access_letter(request.user, pk, permission=perms.MANAGE_AUTHORISATIONS)
    pdf = services.letter_pdf(actor=request.user, letter=letter)
    return _attachment(pdf, "application/pdf", f"surat-{letter.number.replace('/', '-')}.pdf")
