"""Screens of the dues reports, mounted at /dues/: the treasurer's dashboard, running a month's
allocation, the runs, what a unit is due as recipient, arrears ageing with the sanction list, a
member's statement, a union's month, the federations' levies, and exports.

Each view: parse, go through a door (access_* for one object, a selector with visible_to for a
list), call one service or selector, render. Charts are inline SVG drawn by the templates from
numbers computed here (no script, no inline style: the CSP forbids both).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, scoped_view
from serikat.dues import selectors_reports as reports
from serikat.dues.access import access_dues_membership, access_dues_unit, access_levy, access_run
from serikat.dues.models import Remittance
from serikat.dues.money import parse_month
from serikat.dues.services_allocation import record_levy_payment, run_allocation
from serikat.dues.web.reports_exports import export_report
from serikat.dues.web.rules import MonthField
from serikat.organisation.models import Unit
from serikat.organisation.web.forms import DateInput, StyledForm

RUNS_PAGE = 50
LEVIES_LIMIT = 120
REPORT_MONTHS = 12


# --- helpers ---------------------------------------------------------------------------------------


def _require_view(actor: Any, permission: str = perms.VIEW_DUES) -> None:
    if not has_any(actor, permission):
        raise PermissionDenied(_("None of your roles lets you see dues."))


def _month_param(request: HttpRequest, name: str, default: datetime.date | None) -> datetime.date | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    try:
        return parse_month(text)
    except ValueError:
        raise NotFound(_("Enter a month as YYYY-MM.")) from None


def _months_back(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def bars(rows: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """Chart rows (label, due, received) with bar lengths out of 100, the longest bar full width."""
    top = max([max(due, received) for _label, due, received in rows] or [0]) or 1
    return [
        {
            "label": label,
            "due": due,
            "received": received,
            "due_width": round(100 * due / top, 1),
            "received_width": round(100 * received / top, 1),
        }
        for label, due, received in rows
    ]


def _unit_param(request: HttpRequest, name: str, permission: str = perms.VIEW_DUES) -> Unit | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    return access_dues_unit(request.user, raw, permission=permission)


# --- the dashboard ---------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A treasurer's dashboard over the units in their dues scope: the latest allocated months (due
    and received, as bars), this month's remittances, the unions most behind, the federations' levies."""
    actor = request.user
    _require_view(actor)
    months = reports.month_totals(actor, months=6)
    this_month = timezone.localdate().replace(day=1)
    remitted = Remittance.objects.visible_to(actor, perms.VIEW_DUES).filter(month=this_month)
    remitted = remitted.aggregate(expected=Sum("expected_amount"), received=Sum("received_amount"))
    arrears = reports.arrears_report(actor, limit=10)
    federations = reports.federation_totals(actor)
    return render(
        request,
        "dues/reports/home.html",
        {
            "units": reports.dues_units(actor),
            "months": months,
            "latest": months[-1] if months else None,
            "chart": bars([(f"{m.month:%Y-%m}", m.due, m.received) for m in months]),
            "this_month": this_month,
            "remitted_expected": int(remitted["expected"] or 0),
            "remitted_received": int(remitted["received"] or 0),
            "arrears": arrears,
            "federations": federations,
            "may_run": has_any(actor, perms.RUN_ALLOCATION),
            "may_export": has_any(actor, perms.EXPORT_DUES),
            "section": "dues",
        },
    )


# --- running a month -------------------------------------------------------------------------------


class RunForm(StyledForm):
    federation = forms.ChoiceField(label=gettext_lazy("Federation"))
    month = MonthField(label=gettext_lazy("Month"))

    def __init__(self, *args: Any, federations: list[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["federation"].choices = [(str(f.pk), f"{f.name} ({f.code})") for f in federations]


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def run_allocation_view(request: HttpRequest) -> HttpResponse:
    """Share a federation's month between its levels (dues.run_allocation at the federation)."""
    actor = request.user
    federations = reports.federations_in_scope(actor, perms.RUN_ALLOCATION)
    if not federations:
        raise PermissionDenied(_("None of your roles lets you allocate a federation's dues."))
    initial = {"month": f"{_months_back(timezone.localdate().replace(day=1), 1):%Y-%m}"}
    form = RunForm(request.POST or None, federations=federations, initial=initial)
    if request.method == "POST":
        federation = access_dues_unit(actor, request.POST.get("federation"), permission=perms.RUN_ALLOCATION)
        if form.is_valid():
            try:
                run = run_allocation(actor=actor, federation=federation, month=form.cleaned_data["month"])
            except (NotFound, Forbidden):
                raise
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(request, _("The month was allocated."))
                return redirect("dues:run", run.pk)
    return render(request, "dues/reports/run_form.html", {"form": form, "section": "dues"})


@login_required
@require_GET
def runs(request: HttpRequest) -> HttpResponse:
    """The allocated months of the federations in scope, newest first (keyset pages)."""
    actor = request.user
    _require_view(actor)
    rows = reports.visible_runs(actor).order_by("-id")
    after = request.GET.get("after", "")
    if after.isdigit():
        rows = rows.filter(pk__lt=int(after))
    page = list(rows[: RUNS_PAGE + 1])
    more = len(page) > RUNS_PAGE
    page = page[:RUNS_PAGE]
    return render(
        request,
        "dues/reports/runs.html",
        {"runs": page, "next_after": page[-1].pk if more else None, "section": "dues"},
    )


@login_required
@require_GET
@scoped_view
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One federation's allocated month: totals per level, the levy."""
    run = access_run(request.user, pk)
    levels = reports.run_level_totals(run)
    levy = getattr(run, "levy", None) if hasattr(run, "levy") else None
    return render(
        request,
        "dues/reports/run.html",
        {
            "run": run,
            "levels": levels,
            "chart": bars([(f"{code}", due, received) for code, _name, due, received in levels]),
            "levy": levy,
            "section": "dues",
        },
    )


# --- allocation per recipient ---------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def allocation_report_view(request: HttpRequest) -> HttpResponse:
    """What a unit is due and has received as recipient, per month and level."""
    actor = request.user
    _require_view(actor)
    unit = _unit_param(request, "unit")
    if unit is None:
        units = reports.dues_units(actor)
        unit = units[0] if units else None
    end = _month_param(request, "to", timezone.localdate().replace(day=1))
    start = _month_param(request, "from", _months_back(end, REPORT_MONTHS - 1))
    report = reports.allocation_report(unit, start, end) if unit is not None else None
    return render(
        request,
        "dues/reports/allocation.html",
        {
            "unit": unit,
            "report": report,
            "start": start,
            "end": end,
            "chart": bars([(f"{m:%Y-%m}", due, received) for m, due, received in report.months]) if report else [],
            "may_export": has_any(actor, perms.EXPORT_DUES),
            "section": "dues",
        },
    )


# --- arrears ---------------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def arrears(request: HttpRequest) -> HttpResponse:
    """Arrears ageing of the unions in scope (or of one federation), with the sanction list."""
    actor = request.user
    _require_view(actor)
    federation = _unit_param(request, "federation")
    if federation is not None and federation.depth != 2:
        raise NotFound(_("Not found."))
    upto = _month_param(request, "month", None)
    report = reports.arrears_report(actor, federation=federation, upto=upto)
    bucket_labels = {"1": _("1 month"), "2-3": _("2-3 months"), "4-6": _("4-6 months"), "7+": _("more than 6 months")}
    return render(
        request,
        "dues/reports/arrears.html",
        {
            "federation": federation,
            "report": report,
            "chart": bars([(str(bucket_labels[key]), amount, 0) for key, _count, amount in report.buckets]),
            "buckets": [(bucket_labels[key], count, amount) for key, count, amount in report.buckets],
            "federations": reports.federations_in_scope(actor, perms.VIEW_DUES),
            "may_export": has_any(actor, perms.EXPORT_DUES),
            "section": "dues",
        },
    )


# --- a member, a union ----------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def statement(request: HttpRequest, membership_id: int) -> HttpResponse:
    """A member's dues month by month, and whether they are paid-up today."""
    membership = access_dues_membership(request.user, membership_id)
    report = reports.member_statement(membership)
    return render(
        request, "dues/reports/statement.html", {"statement": report, "membership": membership, "section": "dues"}
    )


@login_required
@require_GET
@scoped_view
def union_month_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A union's month: its employers' remittances, exceptions open, its members' dues and arrears."""
    unit = access_dues_unit(request.user, unit_id)
    month = _month_param(request, "month", timezone.localdate().replace(day=1))
    report = reports.union_month(unit, month)
    return render(
        request,
        "dues/reports/union_month.html",
        {
            "report": report,
            "unit": unit,
            "previous": _months_back(month, 1),
            "next": _months_back(month, -1),
            "arrears": reports.union_arrears(request.user, unit),
            "section": "dues",
        },
    )


# --- levies ----------------------------------------------------------------------------------------


class LevyPaymentForm(StyledForm):
    amount = forms.IntegerField(
        label=gettext_lazy("Amount (Rp)"), min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    paid_on = forms.DateField(label=gettext_lazy("Paid on"), widget=DateInput())
    reference = forms.CharField(label=gettext_lazy("Bank reference"), max_length=80, required=False)


@login_required
@require_GET
def levies(request: HttpRequest) -> HttpResponse:
    """The federations' dues and levies to the confederation, and each month's levy."""
    actor = request.user
    _require_view(actor)
    rows = list(reports.visible_levies(actor)[:LEVIES_LIMIT])
    run_scope = scope_of(actor, perms.RUN_ALLOCATION)
    for levy in rows:
        levy.may_pay = run_scope.covers(levy.federation) and levy.due_amount > levy.paid_amount  # type: ignore[attr-defined]
        levy.outstanding = max(int(levy.due_amount) - int(levy.paid_amount), 0)  # type: ignore[attr-defined]
    totals = reports.federation_totals(actor)
    return render(
        request,
        "dues/reports/levies.html",
        {
            "levies": rows,
            "federations": totals,
            "chart": bars([(f.federation.code, f.levy_due, f.levy_paid) for f in totals]),
            "form": LevyPaymentForm(initial={"paid_on": timezone.localdate()}),
            "may_export": has_any(actor, perms.EXPORT_DUES),
            "section": "dues",
        },
    )


@login_required
@require_POST
@scoped_view
def levy_pay(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a payment of a levy (dues.run_allocation at the federation)."""
    levy = access_levy(request.user, pk, permission=perms.RUN_ALLOCATION)
    form = LevyPaymentForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}")
        return redirect("dues:levies")
    try:
        record_levy_payment(
            actor=request.user,
            levy=levy,
            amount=form.cleaned_data["amount"],
            paid_on=form.cleaned_data["paid_on"],
            reference=form.cleaned_data["reference"],
        )
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The payment was recorded."))
    return redirect("dues:levies")


# --- exports ---------------------------------------------------------------------------------------

EXPORTS = ("arrears", "allocation", "levies")


@login_required
@require_GET
@scoped_view
def export(request: HttpRequest, report: str) -> HttpResponse:
    """A report as CSV or Excel (dues.export_dues), recorded in the audit log."""
    actor = request.user
    if report not in EXPORTS:
        raise NotFound(_("Not found."))
    if not has_any(actor, perms.EXPORT_DUES):
        raise PermissionDenied(_("None of your roles lets you export dues reports."))
    fmt = request.GET.get("format", "csv")
    if report == "arrears":
        federation = _unit_param(request, "federation", perms.EXPORT_DUES)
        upto = _month_param(request, "month", None)
        found = reports.arrears_rows(actor, federation=federation, upto=upto, permission=perms.EXPORT_DUES)
        header = [
            _("Union code"),
            _("Union"),
            _("Months in arrears"),
            _("Arrears (Rp)"),
            _("Oldest month"),
            _("Flagged"),
        ]
        rows = [
            [u.code, u.name, u.months, u.arrears, f"{u.oldest:%Y-%m}", _("yes") if u.flagged else ""] for u in found
        ]
        unit = federation
        filters = {"federation": federation.code if federation else "", "month": f"{upto:%Y-%m}" if upto else ""}
    elif report == "allocation":
        unit = access_dues_unit(actor, request.GET.get("unit"), permission=perms.EXPORT_DUES)
        end = _month_param(request, "to", timezone.localdate().replace(day=1))
        start = _month_param(request, "from", _months_back(end, REPORT_MONTHS - 1))
        result = reports.allocation_report(unit, start, end)
        header = [_("Month"), _("Level"), _("Due (Rp)"), _("Received (Rp)"), _("Outstanding (Rp)")]
        rows = [[f"{line.month:%Y-%m}", line.level, line.due, line.received, line.outstanding] for line in result.lines]
        filters = {"unit": unit.code, "from": f"{start:%Y-%m}", "to": f"{end:%Y-%m}"}
    else:
        found_levies = list(reports.visible_levies(actor, perms.EXPORT_DUES)[:LEVIES_LIMIT])
        header = [_("Federation"), _("Month"), _("Members"), _("Due (Rp)"), _("Paid (Rp)"), _("Outstanding (Rp)")]
        rows = [
            [levy.federation.code, f"{levy.month:%Y-%m}", levy.members_count, int(levy.due_amount),
             int(levy.paid_amount), max(int(levy.due_amount) - int(levy.paid_amount), 0)]
            for levy in found_levies
        ]  # fmt: skip
        unit, filters = None, {}
    if unit is None:
        tops = reports.dues_units(actor, perms.EXPORT_DUES)
        unit = tops[0] if tops else None
    try:
        result_file = export_report(actor, report=report, fmt=fmt, header=header, rows=rows, unit=unit, filters=filters)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(reverse("dues:home"))
    response = HttpResponse(result_file.content, content_type=result_file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result_file.filename}"'
    response["Cache-Control"] = "no-store, private"
    return response
