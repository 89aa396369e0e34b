"""Screens of editions, mounted at /training/editions/: a package's editions, the release form, an
edition's page (its documents with their progress, another variant, release notes, the diff
chooser), the reading version, the diff of two editions, and audited downloads.

Every object comes through an access function (out of scope 404, visible but not allowed 403), and
every write is one service call.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.organisation.web.forms import StyledForm
from serikat.training import selectors_editions as selectors
from serikat.training import services_editions as services
from serikat.training.access import access_edition, access_package, access_rendition
from serikat.training.documents.render import MAX_BLEED_MM, renderer_label
from serikat.training.models import Edition, Package, Rendition, Stage


class ReleaseForm(StyledForm):
    release_notes = forms.CharField(
        label=gettext_lazy("Release notes"),
        required=False,
        max_length=services.RELEASE_NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What is new in this edition, for trainers and printers."),
    )
    papers = forms.MultipleChoiceField(
        label=gettext_lazy("Paper of the books"),
        choices=[(Rendition.Paper.A4, "A4"), (Rendition.Paper.A5, "A5")],
        initial=[Rendition.Paper.A4],
        widget=forms.CheckboxSelectMultiple,
    )


class RenditionForm(StyledForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Document"),
        choices=[(k, label) for k, label in Rendition.Kind.choices if k != Rendition.Kind.READING],
    )
    paper = forms.ChoiceField(
        label=gettext_lazy("Paper"), choices=[(Rendition.Paper.A4, "A4"), (Rendition.Paper.A5, "A5")]
    )
    bleed_mm = forms.IntegerField(
        label=gettext_lazy("Bleed (mm)"),
        min_value=0,
        max_value=MAX_BLEED_MM,
        initial=0,
        help_text=gettext_lazy("3 mm is what most printers ask for; 0 for printing at the office."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    crop_marks = forms.BooleanField(label=gettext_lazy("Crop marks"), required=False)


def _may_release(actor: Any, package: Package) -> bool:
    return scope_of(actor, perms.RELEASE_EDITION).covers(package.unit)


def _edition_context(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    renditions = selectors.renditions_of(edition)
    return {
        "edition": edition,
        "package": edition.package,
        "renditions": renditions,
        "running": any(r.status in (Rendition.Status.QUEUED, Rendition.Status.RENDERING) for r in renditions),
        "may_release": _may_release(request.user, edition.package),
        "edition_renderer": renderer_label(edition.renderer) if edition.renderer.get("weasyprint") else "",
        "section": "training",
    }


@login_required
@require_GET
@scoped_view
def package_editions(request: HttpRequest, package_id: int) -> HttpResponse:
    """The editions of one package, newest first, and (for a publisher) the way to release."""
    package = access_package(request.user, package_id)
    editions = list(selectors.editions_of(request.user, package))
    return render(
        request,
        "training/editions/list.html",
        {
            "package": package,
            "editions": editions,
            "may_release": _may_release(request.user, package) and package.stage == Stage.APPROVED,
            "section": "training",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def edition_release(request: HttpRequest, package_id: int) -> HttpResponse:
    """Release the approved draft of a package as its next edition."""
    package = access_package(request.user, package_id, permission=perms.RELEASE_EDITION)
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.release_edition(
                actor=request.user,
                package=package,
                release_notes=form.cleaned_data["release_notes"],
                papers=tuple(form.cleaned_data["papers"]),
            )
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("Edition %(number)s is released. Its documents are being made.") % {"number": edition.number},
            )
            return redirect("training:edition", edition.pk)
    next_number = (package.current_edition.number + 1) if package.current_edition_id else 1
    previous = list(selectors.editions_of(request.user, package)[:1])
    return render(
        request,
        "training/editions/release.html",
        {
            "package": package,
            "form": form,
            "approved": package.stage == Stage.APPROVED,
            "next_number": max(next_number, (previous[0].number + 1) if previous else 1),
            "section": "training",
        },
    )


@login_required
@require_GET
@scoped_view
def edition_detail(request: HttpRequest, edition_id: int) -> HttpResponse:
    """An edition: what it holds, its documents (with progress while they are made), downloads,
    another variant for the printer, its release notes, and a comparison with another edition."""
    edition = access_edition(request.user, edition_id)
    context = _edition_context(request, edition)
    context["summary"] = selectors.summary_of(edition.snapshot)
    context["others"] = [e for e in selectors.editions_of(request.user, edition.package) if e.pk != edition.pk]
    context["rendition_form"] = RenditionForm() if context["may_release"] else None
    context["may_send_feedback"] = has_any(request.user, perms.SEND_FEEDBACK)
    return render(request, "training/editions/detail.html", context)


@login_required
@require_GET
@scoped_view
def edition_renditions(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The documents panel alone: htmx polls it every two seconds while something is being made."""
    edition = access_edition(request.user, edition_id)
    if not is_htmx(request):
        return redirect("training:edition", edition.pk)
    return render(request, "training/editions/_renditions.html", _edition_context(request, edition))


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def rendition_request(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Ask for another document of the edition (A5, bleed and crop marks for the printer)."""
    edition = access_edition(request.user, edition_id, permission=perms.RELEASE_EDITION)
    form = RenditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_rendition(actor=request.user, edition=edition, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The document is being made."))
            return redirect("training:edition", edition.pk)
    return render(
        request,
        "training/editions/request.html",
        {"edition": edition, "package": edition.package, "form": form, "section": "training"},
    )


@login_required
@require_POST
@scoped_view
def rendition_retry(request: HttpRequest, rendition_id: int) -> HttpResponse:
    """Try a failed document again, with the same paper, bleed and marks."""
    rendition = access_rendition(request.user, rendition_id, permission=perms.RELEASE_EDITION)
    try:
        services.request_rendition(
            actor=request.user,
            edition=rendition.edition,
            kind=rendition.kind,
            paper=rendition.paper,
            bleed_mm=rendition.bleed_mm,
            crop_marks=rendition.crop_marks,
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The document is being made again."))
    return redirect("training:edition", rendition.edition_id)


@login_required
@require_GET
@scoped_view
def rendition_download(request: HttpRequest, rendition_id: int) -> HttpResponse:
    """The document's file. The download is recorded in the audit log before the bytes are sent."""
    rendition = access_rendition(request.user, rendition_id)
    try:
        services.record_download(actor=request.user, rendition=rendition)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("training:edition", rendition.edition_id)
    response = FileResponse(
        rendition.file.open("rb"),
        as_attachment=True,
        filename=services.download_name(rendition),
        content_type=services.content_type_of(rendition),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
@scoped_view
def edition_read(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The reading version for phones: the edition's frozen HTML inside the site's page."""
    edition = access_edition(request.user, edition_id)
    rendition = selectors.reading_rendition(edition)
    # The frozen HTML never changes, so the per-section "send feedback" links are added in the
    # browser (static/serikat/training/reading.js) for those who may send feedback on this package.
    may_send_feedback = (
        Package.objects.visible_to(request.user, perms.SEND_FEEDBACK).filter(pk=edition.package_id).exists()
    )
    content = ""
    if rendition is not None and rendition.status == Rendition.Status.DONE and rendition.file:
        with rendition.file.open("rb") as handle:
            content = handle.read().decode("utf-8")
    return render(
        request,
        "training/editions/read.html",
        {
            "edition": edition,
            "package": edition.package,
            "rendition": rendition,
            "content": content,
            "may_send_feedback": may_send_feedback,
            "section": "training",
        },
    )


@login_required
@require_GET
@scoped_view
def edition_compare(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The diff chooser's target: sends the browser to the diff of the two editions."""
    edition = access_edition(request.user, edition_id)
    other = request.GET.get("other", "")
    if not other.isdigit():
        messages.error(request, _("Choose the edition to compare with."))
        return redirect("training:edition", edition.pk)
    return redirect("training:edition_diff", edition.pk, int(other))


@login_required
@require_GET
@scoped_view
def edition_diff(request: HttpRequest, edition_id: int, other_id: int) -> HttpResponse:
    """What changed between two editions of one package, the older one as the base."""
    edition = access_edition(request.user, edition_id)
    other = access_edition(request.user, other_id)
    if other.package_id != edition.package_id or other.pk == edition.pk:
        raise Http404(_("Only two different editions of one package can be compared."))
    old, new = sorted((edition, other), key=lambda e: e.number)
    diff = selectors.diff_editions(old, new)
    return render(
        request,
        "training/editions/diff.html",
        {"diff": diff, "package": edition.package, "edition": edition, "section": "training"},
    )
