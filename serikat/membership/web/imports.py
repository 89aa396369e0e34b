"""Screens of member imports, under /members/imports/: the list of past imports, the upload form,
the mapping of unrecognised columns, the preview (a dry run's counts, first problems and changes,
with a progress bar that polls while a task runs), and commit and cancel.

Each view: parse, fetch through access_import or access_unit_by_code, one service or selector
call, render. Seeing an import needs membership.view_member over its unit; acting on it needs
membership.import_members.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.membership import services_imports as services
from serikat.membership.imports import selectors
from serikat.membership.imports.access import access_import
from serikat.membership.imports.headers import FIELDS, IGNORE
from serikat.membership.imports.report import write_problems_xlsx
from serikat.membership.models import ImportBatch
from serikat.organisation.access import access_unit_by_code
from serikat.organisation.models import Unit
from serikat.organisation.web.forms import StyledForm

SECTION = "imports"


class UploadForm(StyledForm):
    unit = forms.CharField(
        label=gettext_lazy("Union (code)"),
        max_length=40,
        help_text=gettext_lazy("The code of the union whose members the file lists, e.g. PUK-0001."),
    )
    file = forms.FileField(
        label=gettext_lazy("Member list"),
        help_text=gettext_lazy("Excel (.xlsx, .xls), LibreOffice (.ods) or CSV, up to a million rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods,.csv,.txt"}),
    )


class MappingForm(StyledForm):
    """One choice per column of the header row: a member field, or 'leave out'."""

    def __init__(self, *args: Any, headers: list[str], columns: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(IGNORE, _("— leave out —")), *[(name, label) for name, label in FIELDS.items()]]
        for index, header in enumerate(headers):
            if not header:
                continue
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=columns.get(index, IGNORE)
            )

    def columns(self) -> dict[int, str]:
        return {int(name.removeprefix("column_")): value for name, value in self.cleaned_data.items()}


def _may_import(request: HttpRequest) -> None:
    if not has_any(request.user, perms.IMPORT_MEMBERS):
        raise Forbidden(_("You may not import member lists."))


def _detail_url(batch: ImportBatch) -> str:
    return reverse("membership:import_detail", args=[batch.pk])


def _default_unit_code(actor: Any) -> str:
    """The actor's one top unit for imports, if they have a single one."""
    paths = scope_of(actor, perms.IMPORT_MEMBERS).paths
    if len(paths) == 1:
        unit = Unit.objects.filter(path=paths[0]).only("code").first()
        return unit.code if unit is not None else ""
    return ""


def _panel_context(request: HttpRequest, batch: ImportBatch) -> dict[str, Any]:
    may_act = scope_of(request.user, perms.IMPORT_MEMBERS).covers(batch.unit)
    running = selectors.is_running(batch)
    failed_check = batch.status == ImportBatch.Status.FAILED and (batch.counts or {}).get("phase") == "check"
    may_commit = (
        may_act and services.may_commit(batch) and batch.status != ImportBatch.Status.UPLOADED and not failed_check
    )
    return {
        "batch": batch,
        "counts": batch.counts or {},
        "running": running,
        "percent": selectors.progress_percent(batch),
        "problems": selectors.first_problems(batch) if not running else None,
        "changes": selectors.first_changes(batch) if not running else None,
        "may_check": may_act and services.may_check(batch) and batch.status != ImportBatch.Status.CHECKED,
        "may_commit": may_commit,
        "resumable": services.has_committed_rows(batch),
        "may_cancel": may_act and services.may_cancel(batch),
        "may_map": may_act and services.may_check(batch),
        "needs_mapping": not services.layout_of(batch).is_complete,
        "section": SECTION,
    }


# --- pages ------------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def import_list(request: HttpRequest) -> HttpResponse:
    recent = selectors.recent_imports(request.user)
    return render(
        request,
        "membership/imports/list.html",
        {"recent": recent, "may_upload": has_any(request.user, perms.IMPORT_MEMBERS), "section": SECTION},
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def import_upload(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"unit": _default_unit_code(request.user)})
    if request.method == "POST" and form.is_valid():
        # A unit outside the actor's scope answers 404, exactly like one that does not exist.
        unit = access_unit_by_code(request.user, form.cleaned_data["unit"].strip(), permission=perms.IMPORT_MEMBERS)
        upload = form.cleaned_data["file"]
        try:
            batch = services.upload_member_file(actor=request.user, unit=unit, file=upload, filename=upload.name)
        except DomainError as error:
            add_problems(form, error)
        else:
            if not services.layout_of(batch).is_complete:
                messages.info(request, _("Some columns were not recognised: say what they hold."))
                return redirect(reverse("membership:import_mapping", args=[batch.pk]))
            return redirect(_detail_url(batch))
    return render(request, "membership/imports/upload.html", {"form": form, "section": SECTION})


@login_required
@require_GET
@scoped_view
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_import(request.user, pk)
    context = _panel_context(request, batch)
    context["earlier"] = selectors.earlier_import_of_same_file(batch)
    return render(request, "membership/imports/detail.html", context)


@login_required
@require_GET
@scoped_view
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status panel alone: htmx polls it every second while a check or commit runs."""
    batch = access_import(request.user, pk)
    if not is_htmx(request):
        return redirect(_detail_url(batch))
    return render(request, "membership/imports/_panel.html", _panel_context(request, batch))


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_import(request.user, pk, permission=perms.IMPORT_MEMBERS)
    layout = services.layout_of(batch)
    form = MappingForm(request.POST or None, headers=layout.headers, columns=layout.columns)
    if request.method == "POST" and form.is_valid():
        try:
            services.map_import_columns(actor=request.user, batch=batch, columns=form.columns())
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The columns are saved for this union's next file. Checking the file now."))
            return redirect(_detail_url(batch))
    unknown = {layout.headers[i] for i in layout.unknown if i < len(layout.headers)}
    return render(
        request,
        "membership/imports/mapping.html",
        {"batch": batch, "form": form, "unknown": unknown, "section": SECTION},
    )


def _act(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    batch = access_import(request.user, pk, permission=perms.IMPORT_MEMBERS)
    try:
        action(actor=request.user, batch=batch)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect(_detail_url(batch))


@login_required
@require_POST
@scoped_view
def import_check(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.check_import, _("Checking the file. Nothing is saved yet."))


@login_required
@require_POST
@scoped_view
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.commit_import, _("Saving the members of the file."))


@login_required
@require_POST
@scoped_view
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.cancel_import, _("The import was cancelled."))


@login_required
@require_GET
@scoped_view
def import_problems_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem and change of the import as an xlsx workbook."""
    batch = access_import(request.user, pk)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_problems_xlsx(batch, handle)
    handle.seek(0, os.SEEK_SET)
    stem = slugify(os.path.splitext(batch.filename)[0]) or "import"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem}-{_('problems')}-{batch.pk}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
