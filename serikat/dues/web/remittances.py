"""Screens of remittances, under /dues/remittances/: the months of the unions in scope (one row per
employer and month, with its status), the upload of an employer's deduction file, one remittance
(totals, outcome counts, lines filtered by outcome, transfers, the exceptions queue with a resolve
form each, a record-transfer form) and its download as xlsx.

Each view: parse, fetch through access_remittance / access_exception / access_dues_unit, one service
or selector call, render. Seeing needs dues.view_dues over the union; importing, recording
transfers and resolving need dues.reconcile; the download needs dues.export_dues.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.dues import selectors_remittances as selectors
from serikat.dues import services_remittances as services
from serikat.dues.access import access_dues_unit, access_exception, access_remittance
from serikat.dues.models import ReconciliationException, Remittance, RemittanceLine
from serikat.dues.money import parse_month, payment_deadline
from serikat.organisation.access import access_unit_by_code
from serikat.organisation.models import Unit
from serikat.organisation.web.forms import DateInput, StyledForm

SECTION = "dues"
PAGE_SIZE = 50
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def _may(request: HttpRequest, permission: str) -> None:
    if not has_any(request.user, permission):
        raise Forbidden(_("You may not do this anywhere."))


def _cursor(key: Any, salt: str) -> str | None:
    if key is None:
        return None
    return signing.dumps([v.isoformat() if isinstance(v, datetime.date) else v for v in key], salt=salt)


def _after(request: HttpRequest, name: str, salt: str) -> Any:
    text = request.GET.get(name)
    if not text:
        return None
    try:
        return signing.loads(text, salt=salt)
    except signing.BadSignature:
        raise NotFound(_("Not found.")) from None


def _month_of(text: str) -> datetime.date | None:
    try:
        return parse_month(text) if text else None
    except ValueError:
        return None


# --- forms ---------------------------------------------------------------------------------


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"})

    def to_python(self, value: Any) -> datetime.date | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM, e.g. 2026-03.")) from None


class UploadForm(StyledForm):
    unit = forms.CharField(
        label=gettext_lazy("Union (code)"),
        max_length=40,
        help_text=gettext_lazy("e.g. PUK-0001; the employer list then shows that union's employers."),
    )
    employer = forms.TypedChoiceField(label=gettext_lazy("Employer"), coerce=int)
    month = MonthField(label=gettext_lazy("Month deducted"))
    file = forms.FileField(
        label=gettext_lazy("Deduction file"),
        help_text=gettext_lazy("The employer's list: Excel (.xlsx, .xls), LibreOffice (.ods) or CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods,.csv,.txt"}),
    )

    def __init__(self, *args: Any, employers: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", "—"), *[(e.pk, e.name) for e in employers]]
        # Typing a union's code reloads the employer choices for that union (progressive: without
        # JavaScript the full list of the actor's scope stays, and the server checks the pair).
        self.fields["unit"].widget.attrs.update(
            {
                "hx-get": reverse("dues:remittance_upload"),
                "hx-trigger": "change",
                "hx-select": "#id_employer",
                "hx-target": "#id_employer",
                "hx-swap": "outerHTML",
            }
        )


class TransferForm(StyledForm):
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=DateInput())
    amount = forms.IntegerField(label=gettext_lazy("Amount (Rp)"), min_value=1)
    reference = forms.CharField(label=gettext_lazy("Bank reference"), max_length=80, required=False)


class ResolveForm(StyledForm):
    action = forms.ChoiceField(label=gettext_lazy("What was done"), choices=ReconciliationException.Action.choices)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200)


# --- pages -------------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def remittance_list(request: HttpRequest) -> HttpResponse:
    """The months of the unions in scope: one row per union, employer and month."""
    _may(request, perms.VIEW_DUES)
    unit = None
    if request.GET.get("unit"):
        unit = access_dues_unit(request.user, request.GET["unit"])
    month = _month_of(request.GET.get("month", ""))
    status = request.GET.get("status") if request.GET.get("status") in Remittance.Status.values else None
    rows = selectors.visible_remittances(request.user, unit=unit, month=month, status=status)
    salt = "dues.remittances"
    page, key = selectors.page_rows(
        rows, order=selectors.REMITTANCE_ORDER, after=_after(request, "after", salt), limit=PAGE_SIZE
    )
    query = request.GET.copy()
    query["after"] = _cursor(key, salt) or ""
    return render(
        request,
        "dues/remittances/list.html",
        {
            "rows": page,
            "unit": unit,
            "month": request.GET.get("month", ""),
            "status": status or "",
            "statuses": Remittance.Status.choices,
            "next_query": query.urlencode() if key else None,
            "may_upload": has_any(request.user, perms.RECONCILE_DUES),
            "section": SECTION,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def remittance_upload(request: HttpRequest) -> HttpResponse:
    _may(request, perms.RECONCILE_DUES)
    initial: dict[str, Any] = {}
    unit = None
    if request.method == "POST" and request.POST.get("unit", "").strip():
        # A union outside the actor's scope answers 404, exactly like one that does not exist.
        unit = access_unit_by_code(request.user, request.POST["unit"].strip(), permission=perms.RECONCILE_DUES)
    elif request.GET.get("unit", "").strip():
        # By id from a union's page, or by the code typed in the form (htmx then swaps in that
        # union's employers, so a council's treasurer is never limited to the first choices).
        wanted = request.GET["unit"].strip()
        if wanted.isdigit():
            unit = access_dues_unit(request.user, wanted, permission=perms.RECONCILE_DUES)
        else:
            unit = access_unit_by_code(request.user, wanted, permission=perms.RECONCILE_DUES)
        initial["unit"] = unit.code
    else:
        paths = scope_of(request.user, perms.RECONCILE_DUES).paths
        top = Unit.objects.filter(path=paths[0]).only("code").first() if len(paths) == 1 else None
        initial["unit"] = top.code if top else ""
    employers = list(selectors.employers_of(unit)[:200] if unit else selectors.employers_for_upload(request.user))
    if len(employers) == 1:
        initial["employer"] = employers[0].pk
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial, employers=employers)
    if request.method == "POST" and form.is_valid() and unit is not None:
        employer = next(e for e in employers if e.pk == form.cleaned_data["employer"])
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES >> 20})
        else:
            try:
                imported = _import_upload(request, unit, employer, form.cleaned_data["month"], upload)
            except DomainError as error:
                add_problems(form, error)
            else:
                if imported.unchanged:
                    messages.info(request, _("This file was imported already; nothing changed."))
                else:
                    messages.success(request, _("The file is imported and reconciled."))
                return redirect(reverse("dues:remittance", args=[imported.remittance.pk]))
    return render(
        request, "dues/remittances/upload.html", {"form": form, "section": SECTION}, status=400 if form.errors else 200
    )


def _import_upload(request: HttpRequest, unit: Any, employer: Any, month: datetime.date, upload: Any) -> Any:
    suffix = os.path.splitext(upload.name)[1][:8]
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return services.import_deductions(
            actor=request.user, unit=unit, employer=employer, month=month, path=handle.name, filename=upload.name
        )


def _detail_context(request: HttpRequest, remittance: Remittance) -> dict[str, Any]:
    outcome = request.GET.get("outcome") if request.GET.get("outcome") in RemittanceLine.Outcome.values else ""
    line_salt, exception_salt = f"dues.lines.{remittance.pk}.{outcome}", f"dues.exceptions.{remittance.pk}"
    lines, line_key = selectors.page_rows(
        selectors.lines_of(remittance, outcome),
        order=selectors.LINE_ORDER,
        after=_after(request, "lines_after", line_salt),
        limit=PAGE_SIZE,
    )
    exceptions, exception_key = selectors.page_rows(
        selectors.exceptions_of(remittance),
        order=selectors.EXCEPTION_ORDER,
        after=_after(request, "exceptions_after", exception_salt),
        limit=PAGE_SIZE,
    )
    may_reconcile = scope_of(request.user, perms.RECONCILE_DUES).covers(remittance.unit)
    counts = remittance.outcome_counts or {}
    labels = dict(RemittanceLine.Outcome.choices)
    lines_query = request.GET.copy()
    lines_query["lines_after"] = _cursor(line_key, line_salt) or ""
    exceptions_query = request.GET.copy()
    exceptions_query["exceptions_after"] = _cursor(exception_key, exception_salt) or ""
    return {
        "remittance": remittance,
        "outcomes": [(value, labels[value], counts.get(value, 0)) for value in RemittanceLine.Outcome.values],
        "not_deducted": counts.get("not_deducted", 0),
        "outcome": outcome,
        "lines": lines,
        "lines_next": lines_query.urlencode() if line_key else None,
        "exceptions": exceptions,
        "exceptions_next": exceptions_query.urlencode() if exception_key else None,
        "transfers": list(selectors.transfers_of(remittance)),
        "may_reconcile": may_reconcile,
        "may_export": scope_of(request.user, perms.EXPORT_DUES).covers(remittance.unit),
        "transfer_form": TransferForm(initial={"received_on": timezone.localdate()}) if may_reconcile else None,
        "actions": ReconciliationException.Action.choices,
        "deadline": payment_deadline(remittance.month),
        "section": SECTION,
    }


@login_required
@require_GET
@scoped_view
def remittance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    remittance = access_remittance(request.user, pk)
    return render(request, "dues/remittances/detail.html", _detail_context(request, remittance))


@login_required
@require_POST
@scoped_view
def remittance_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    remittance = access_remittance(request.user, pk, permission=perms.RECONCILE_DUES)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            services.record_transfer(actor=request.user, remittance=remittance, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The transfer is recorded."))
            return redirect(reverse("dues:remittance", args=[remittance.pk]))
    context = _detail_context(request, remittance)
    context["transfer_form"] = form
    return render(request, "dues/remittances/detail.html", context, status=400)


@login_required
@require_POST
@scoped_view
def exception_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Resolve one exception; with htmx the answer is its row of the queue alone."""
    exception = access_exception(request.user, pk, permission=perms.RECONCILE_DUES)
    form = ResolveForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            exception = services.resolve_exception(actor=request.user, exception=exception, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
            status = 409 if error.status == 409 else 400
    else:
        status = 400
    if is_htmx(request):
        exception = selectors.exceptions_of(exception.remittance).get(pk=exception.pk)
        return render(
            request,
            "dues/remittances/_exception.html",
            {
                "exception": exception,
                "resolve_form": form if status != 200 else None,
                "may_reconcile": True,
                "actions": ReconciliationException.Action.choices,
            },
            status=status,
        )
    if status == 200:
        messages.success(request, _("The exception is resolved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("dues:remittance", args=[exception.remittance_id]) + "#exceptions")


@login_required
@require_GET
@scoped_view
def remittance_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Every line, exception and transfer of the remittance as xlsx (audited)."""
    remittance = access_remittance(request.user, pk, permission=perms.EXPORT_DUES)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    services.export_remittance(actor=request.user, remittance=remittance, handle=handle)
    handle.seek(0, os.SEEK_SET)
    stem = slugify(f"{remittance.unit.code}-{remittance.employer.name}-{remittance.month:%Y-%m}") or "remittance"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
