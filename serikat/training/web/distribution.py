"""Screens of print runs, consignments, stock and coverage, under /training/distribution/
(namespace "training").

Each view: parse, fetch every object through a door (access_* from serikat.training.access, units
by code through access_unit_by_code, 404 out of scope, 403 visible but not allowed), one service or
selector call, render. Lists are capped or keyset-paged. The receipt page is made for a plant
union's officer on a phone: one number, one date, one big button.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, scoped_view
from serikat.organisation.access import access_unit, access_unit_by_code
from serikat.organisation.models import Unit
from serikat.training import selectors_distribution as selectors
from serikat.training import services_distribution as services
from serikat.training.access import access_consignment, access_edition, access_package, access_print_run
from serikat.training.models import Consignment, Edition, Package
from serikat.training.web import distribution_forms as forms
from serikat.training.web.distribution_exports import consignment_rows, coverage_rows, export_distribution

SECTION = "training"


def _today() -> Any:
    return services.today()


def _refused(error: DomainError) -> None:
    if isinstance(error, NotFound | Forbidden):
        raise error


def _require_view(actor: Any) -> None:
    if not has_any(actor, perms.VIEW_PACKAGE):
        raise Forbidden(_("None of your roles lets you see training distribution."))


def _unit_by_code(actor: Any, code: str, permission: str, form: Any, field: str) -> Unit | None:
    """A unit typed by its code; a code outside the actor's scope reads "not found" on the field."""
    try:
        return access_unit_by_code(actor, code, permission=permission)
    except NotFound:
        form.add_error(field, _("No unit with this code among the units you may act for."))
        return None


def _home_unit_code(actor: Any, permission: str) -> str:
    """The code of the actor's first unit for `permission`: the default of a unit-code field."""
    paths = scope_of(actor, permission).paths
    if not paths:
        return ""
    return Unit.objects.filter(path=paths[0]).values_list("code", flat=True).first() or ""


def _attachment(export: Any) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _form_page(request: HttpRequest, form: Any, *, title: str, submit: str, back: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "submit_label": submit, "back_url": back, "section": SECTION}
    context.update(extra)
    return render(request, "training/distribution/form.html", context, status=400 if form.errors else 200)


# --- the start page and an edition's overview ------------------------------------------------------


@login_required
@require_GET
@scoped_view
def home(request: HttpRequest) -> HttpResponse:
    """The packages the actor may see with their editions; incoming consignments to confirm."""
    _require_view(request.user)
    editions = Prefetch("editions", queryset=Edition.objects.only("id", "number", "package_id", "released_at"))
    packages = list(
        Package.objects.visible_to(request.user, perms.VIEW_PACKAGE)
        .filter(editions__isnull=False)
        .distinct()
        .select_related("unit", "current_edition")
        .prefetch_related(editions)
        .order_by("title", "id")[:200]
    )
    waiting = selectors.incoming(request.user)[:1].exists() if has_any(request.user, perms.CONFIRM_RECEIPT) else False
    context = {"packages": packages, "waiting": waiting, "section": SECTION}
    return render(request, "training/distribution/home.html", context)


@login_required
@require_GET
@scoped_view
def edition(request: HttpRequest, edition_id: int) -> HttpResponse:
    """An edition's print runs, the stock at the actor's units and the consignments to and from them."""
    ed = access_edition(request.user, edition_id)
    filters = forms.ConsignmentFilterForm(request.GET or None)
    status = direction = ""
    if filters.is_bound and filters.is_valid():
        status, direction = filters.cleaned_data["status"], filters.cleaned_data["direction"]
    rows = selectors.consignments(request.user, edition=ed, status=status, direction=direction)
    page = selectors.keyset(rows, after=request.GET.get("after"))
    stock = selectors.stock_page(request.user, ed, after=request.GET.get("after_unit", "")[:255])
    runs = list(selectors.print_runs(request.user, edition=ed).order_by("-ordered_on", "-id")[:51])
    query = urlencode({"status": status, "direction": direction})
    context = {
        "edition": ed,
        "package": ed.package,
        "runs": runs[:50],
        "more_runs": len(runs) > 50,
        "stock": stock,
        "consignments": page,
        "filters": filters,
        "query": query,
        "may_manage": has_any(request.user, perms.MANAGE_DISTRIBUTION),
        "may_keep": has_any(request.user, perms.MANAGE_DISTRIBUTION) or has_any(request.user, perms.CONFIRM_RECEIPT),
        "may_send_feedback": has_any(request.user, perms.SEND_FEEDBACK),
        "export_form": forms.ExportForm(),
        "section": SECTION,
    }
    return render(request, "training/distribution/edition.html", context)


# --- print runs -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def print_run_new(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Record a print run of the edition for a unit the actor distributes for."""
    ed = access_edition(request.user, edition_id)
    if not has_any(request.user, perms.MANAGE_DISTRIBUTION):
        raise Forbidden(_("None of your roles lets you record print runs."))
    initial = {"unit": _home_unit_code(request.user, perms.MANAGE_DISTRIBUTION), "ordered_on": _today()}
    form = forms.PrintRunForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = _unit_by_code(request.user, data["unit"], perms.MANAGE_DISTRIBUTION, form, "unit")
        if unit is not None:
            try:
                services.record_print_run(
                    actor=request.user,
                    edition=ed,
                    unit=unit,
                    kind=data["kind"],
                    printer=data["printer"],
                    quantity=data["quantity"],
                    cost_amount=data["cost_amount"],
                    ordered_on=data["ordered_on"],
                    note=data["note"],
                )
            except DomainError as error:
                _refused(error)
                add_problems(form, error)
            else:
                messages.success(request, _("The print run was recorded. Record its delivery when the copies arrive."))
                return redirect("training:distribution_edition", ed.pk)
    return _form_page(
        request,
        form,
        title=_("Record a print run of %(edition)s") % {"edition": ed},
        submit=_("Record"),
        back=reverse("training:distribution_edition", args=[ed.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def print_run_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    """The printer delivered: the copies enter the ordering unit's stock."""
    run = access_print_run(request.user, pk, permission=perms.MANAGE_DISTRIBUTION)
    form = forms.DeliveredForm(request.POST or None, initial={"delivered_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_print_run_delivered(
                actor=request.user, print_run=run, delivered_on=form.cleaned_data["delivered_on"]
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("%(copies)s copies entered the stock of %(unit)s.") % {"copies": run.quantity, "unit": run.unit},
            )
            return redirect("training:distribution_edition", run.edition_id)
    return _form_page(
        request,
        form,
        title=_("Delivery of %(copies)s copies from %(printer)s") % {"copies": run.quantity, "printer": run.printer},
        submit=_("Record the delivery"),
        back=reverse("training:distribution_edition", args=[run.edition_id]),
    )


# --- planning consignments ---------------------------------------------------------------------------


def _plan_filters(request: HttpRequest, ed: Edition) -> tuple[Any, Unit | None, Unit | None]:
    initial = {
        "sender": _home_unit_code(request.user, perms.MANAGE_DISTRIBUTION),
        "kind": "participant_book",
        "level": "federation",
        "quantity": 10,
    }
    source = request.POST if request.method == "POST" else request.GET
    form = forms.PlanFilterForm(source if source.get("sender") else None, initial=initial)
    sender = under = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        sender = _unit_by_code(request.user, data["sender"], perms.MANAGE_DISTRIBUTION, form, "sender")
        if data["under"]:
            under = _unit_by_code(request.user, data["under"], perms.VIEW_PACKAGE, form, "under")
            if under is None:
                sender = None
    return form, sender, under


def _allocations(request: HttpRequest) -> tuple[list[tuple[Unit, Any]], dict[int, str]]:
    """The ticked units and their quantities, as posted; units through the actor's scope (a hidden
    id is simply not found)."""
    ids = []
    for value in request.POST.getlist("unit")[: services.MAX_ALLOCATIONS + 1]:
        try:
            ids.append(int(value))
        except ValueError:
            raise NotFound(_("Not found.")) from None
    units = Unit.objects.visible_to(request.user, perms.MANAGE_DISTRIBUTION).in_bulk(ids)
    if len(units) != len(set(ids)):
        raise NotFound(_("Not found."))
    quantities = {pk: request.POST.get(f"quantity_{pk}", "").strip() for pk in ids}
    return [(units[pk], quantities[pk]) for pk in ids], quantities


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def plan(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Plan consignments from one unit's stock to many units at once: choose the sender, the
    document, the level and optionally a unit to narrow to; tick units and adjust each quantity."""
    ed = access_edition(request.user, edition_id)
    if not has_any(request.user, perms.MANAGE_DISTRIBUTION):
        raise Forbidden(_("None of your roles lets you send copies."))
    form, sender, under = _plan_filters(request, ed)
    candidates: list[Unit] = []
    chosen: dict[int, str] = {}
    problems: list[str] = []
    if sender is not None:
        data = form.cleaned_data
        if request.method == "POST" and request.POST.get("confirm"):
            allocations, chosen = _allocations(request)
            try:
                created = services.plan_consignments(
                    actor=request.user, edition=ed, from_unit=sender, kind=data["kind"], allocations=allocations
                )
            except DomainError as error:
                _refused(error)
                problems = [str(p.message) for p in error.problems] or [str(error.message)]
            else:
                messages.success(
                    request,
                    _("%(count)s consignments planned from %(unit)s. Ship them from the edition's page.")
                    % {"count": len(created), "unit": sender.name},
                )
                return redirect(reverse("training:distribution_edition", args=[ed.pk]) + "?status=planned")
        candidates = selectors.planning_units(request.user, ed, sender=sender, level=data["level"], under=under)
    for unit in candidates:
        # Units that already hold the edition start unticked; after a refusal, what was posted.
        unit.plan_checked = (unit.pk in chosen) if chosen else not unit.has_edition
        unit.plan_quantity = chosen.get(unit.pk) or (form.cleaned_data.get("quantity") if sender else "")
    held = planned = None
    if sender is not None:
        held = services.stock_of(unit=sender, edition=ed, kind=form.cleaned_data["kind"])
        planned = services.planned_from(unit=sender, edition=ed, kind=form.cleaned_data["kind"])
    context = {
        "edition": ed,
        "form": form,
        "sender": sender,
        "under": under,
        "candidates": candidates[: selectors.FORM_UNITS],
        "cut": len(candidates) > selectors.FORM_UNITS,
        "limit": selectors.FORM_UNITS,
        "held": held,
        "planned": planned,
        "problems": problems,
        "section": SECTION,
    }
    refused = bool(problems) or (form.is_bound and bool(form.errors))
    return render(request, "training/distribution/plan.html", context, status=400 if refused else 200)


# --- one consignment ----------------------------------------------------------------------------


def _consignment_context(request: HttpRequest, row: Consignment, **extra: Any) -> dict[str, Any]:
    manage = scope_of(request.user, perms.MANAGE_DISTRIBUTION).covers(row.from_unit)
    context = {
        "consignment": row,
        "may_ship": manage and row.status == Consignment.Status.PLANNED,
        "may_cancel": manage and row.status in (Consignment.Status.PLANNED, Consignment.Status.SHIPPED),
        "may_receive": row.status == Consignment.Status.SHIPPED and services.confirms_receipt_for(request.user, row),
        "ship_form": forms.ShipForm(initial={"shipped_on": _today()}),
        "cancel_form": forms.CancelForm(),
        "section": SECTION,
    }
    context.update(extra)
    return context


@login_required
@require_GET
@scoped_view
def consignment(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_consignment(request.user, pk)
    return render(request, "training/distribution/consignment.html", _consignment_context(request, row))


@login_required
@require_POST
@scoped_view
def consignment_ship(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_consignment(request.user, pk, permission=perms.MANAGE_DISTRIBUTION)
    form = forms.ShipForm(request.POST)
    if form.is_valid():
        try:
            services.ship_consignment(
                actor=request.user,
                consignment=row,
                shipped_on=form.cleaned_data["shipped_on"],
                carrier=form.cleaned_data["carrier"],
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The consignment was shipped."))
            return redirect("training:consignment", row.pk)
    context = _consignment_context(request, row, ship_form=form)
    return render(request, "training/distribution/consignment.html", context, status=400)


@login_required
@require_POST
@scoped_view
def consignment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_consignment(request.user, pk, permission=perms.MANAGE_DISTRIBUTION)
    form = forms.CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_consignment(actor=request.user, consignment=row, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The consignment was cancelled."))
            return redirect("training:consignment", row.pk)
    context = _consignment_context(request, row, cancel_form=form)
    return render(request, "training/distribution/consignment.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def consignment_receive(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving unit's officer confirms what arrived (phone first)."""
    row = access_consignment(request.user, pk, permission=perms.CONFIRM_RECEIPT)
    if not services.confirms_receipt_for(request.user, row):
        raise Forbidden(_("Only an officer of the receiving unit confirms that the copies arrived."))
    form = forms.ReceiveForm(request.POST or None, initial={"received_quantity": row.quantity, "received_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_receipt(
                actor=request.user,
                consignment=row,
                received_quantity=form.cleaned_data["received_quantity"],
                received_on=form.cleaned_data["received_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("Thank you: %(copies)s copies are now in the stock of %(unit)s.")
                % {"copies": form.cleaned_data["received_quantity"], "unit": row.to_unit.name},
            )
            return redirect("training:distribution_incoming")
    context = {"consignment": row, "form": form, "section": SECTION}
    return render(request, "training/distribution/receive.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
@scoped_view
def incoming(request: HttpRequest) -> HttpResponse:
    """Copies on their way to the units whose receipts the actor confirms."""
    if not has_any(request.user, perms.CONFIRM_RECEIPT):
        raise Forbidden(_("None of your roles lets you confirm receipts."))
    rows = list(selectors.incoming(request.user)[:101])
    for row in rows:
        row.may_receive = services.confirms_receipt_for(request.user, row)
    context = {"rows": rows[:100], "more": len(rows) > 100, "section": SECTION}
    return render(request, "training/distribution/incoming.html", context)


# --- a unit's stock ---------------------------------------------------------------------------------


def _keeps_stock(actor: Any, unit: Unit) -> bool:
    return scope_of(actor, perms.CONFIRM_RECEIPT).covers(unit) or scope_of(actor, perms.MANAGE_DISTRIBUTION).covers(
        unit
    )


def _stock_context(request: HttpRequest, ed: Edition, unit: Unit, **extra: Any) -> dict[str, Any]:
    keeper = _keeps_stock(request.user, unit)
    context = {
        "edition": ed,
        "unit": unit,
        "participant_book": services.stock_of(unit=unit, edition=ed, kind="participant_book"),
        "trainer_guide": services.stock_of(unit=unit, edition=ed, kind="trainer_guide"),
        "movements": selectors.movements(unit, ed),
        "may_keep": keeper,
        "hand_out_form": forms.HandOutForm(initial={"handed_out_on": _today()}),
        "count_form": forms.CountForm(initial={"counted_on": _today()}),
        "section": SECTION,
    }
    context.update(extra)
    return context


@login_required
@require_GET
@scoped_view
def unit_stock(request: HttpRequest, edition_id: int, unit_id: int) -> HttpResponse:
    ed = access_edition(request.user, edition_id)
    unit = access_unit(request.user, unit_id, permission=perms.VIEW_PACKAGE)
    return render(request, "training/distribution/stock.html", _stock_context(request, ed, unit))


def _keeper_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = access_unit(request.user, unit_id, permission=perms.VIEW_PACKAGE)
    if not _keeps_stock(request.user, unit):
        raise Forbidden(_("Only those who receive or send copies for this unit record its hand-outs and counts."))
    return unit


@login_required
@require_POST
@scoped_view
def hand_out(request: HttpRequest, edition_id: int, unit_id: int) -> HttpResponse:
    ed = access_edition(request.user, edition_id)
    unit = _keeper_unit(request, unit_id)
    form = forms.HandOutForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.hand_out_copies(
                actor=request.user, edition=ed, unit=unit, kind=data["kind"], quantity=data["quantity"],
                handed_out_on=data["handed_out_on"], training=data["training"],
            )  # fmt: skip
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The hand-out was recorded."))
            return redirect("training:distribution_stock", ed.pk, unit.pk)
    context = _stock_context(request, ed, unit, hand_out_form=form)
    return render(request, "training/distribution/stock.html", context, status=400)


@login_required
@require_POST
@scoped_view
def stock_count(request: HttpRequest, edition_id: int, unit_id: int) -> HttpResponse:
    ed = access_edition(request.user, edition_id)
    unit = _keeper_unit(request, unit_id)
    form = forms.CountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.correct_stock(
                actor=request.user, edition=ed, unit=unit, kind=data["kind"], counted=data["counted"],
                counted_on=data["counted_on"], reason=data["reason"],
            )  # fmt: skip
        except DomainError as error:
            _refused(error)
            add_problems(form, error)
        else:
            messages.success(request, _("The count was recorded; the stock now matches it."))
            return redirect("training:distribution_stock", ed.pk, unit.pk)
    context = _stock_context(request, ed, unit, count_form=form)
    return render(request, "training/distribution/stock.html", context, status=400)


# --- coverage and exports -----------------------------------------------------------------------


def _coverage_filters(request: HttpRequest, source: Any) -> tuple[Any, selectors.CoverageFilters]:
    form = forms.CoverageFilterForm(source or None)
    filters = selectors.CoverageFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters.level = data["level"] or "federation"
        filters.state = data["state"]
        if data["under"]:
            filters.under = _unit_by_code(request.user, data["under"], perms.VIEW_PACKAGE, form, "under")
    return form, filters


def _filters_record(filters: selectors.CoverageFilters) -> dict[str, Any]:
    record = {"level": filters.level, "state": filters.state, "under": filters.under.code if filters.under else ""}
    return {key: value for key, value in record.items() if value}


@login_required
@require_GET
@scoped_view
def coverage(request: HttpRequest, package_id: int) -> HttpResponse:
    """Which units in the actor's scope hold the package's current edition, only an older one, or
    none; counts per federation; a page of units in tree order."""
    package = access_package(request.user, package_id)
    form, filters = _coverage_filters(request, request.GET)
    refused = form.is_bound and bool(form.errors)
    page = {"items": [], "next_after": None}
    counts: list[Any] = []
    if not refused:
        page = selectors.coverage_page(request.user, package, filters, after=request.GET.get("after", "")[:255])
        counts = selectors.coverage_counts(request.user, package, filters)
    for unit in page["items"]:
        unit.state = selectors.coverage_state(unit)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "package": package,
        "form": form,
        "filters": filters,
        "page": page,
        "counts": counts,
        "query": query.urlencode(),
        "export_form": forms.ExportForm(),
        "section": SECTION,
    }
    return render(request, "training/distribution/coverage.html", context, status=400 if refused else 200)


@login_required
@require_POST
@scoped_view
def coverage_export(request: HttpRequest, package_id: int) -> HttpResponse:
    package = access_package(request.user, package_id)
    form, filters = _coverage_filters(request, request.POST)
    chosen = forms.ExportForm(request.POST)
    if (form.is_bound and form.errors) or not chosen.is_valid():
        messages.error(request, _("Choose CSV or Excel and valid filters."))
        return redirect("training:distribution_coverage", package.pk)
    header, rows = coverage_rows(request.user, package, filters)
    export = export_distribution(
        request.user,
        what="coverage",
        fmt=chosen.cleaned_data["format"],
        header=header,
        rows=rows,
        unit=filters.under,
        filters={"package": package.pk, **_filters_record(filters)},
        title=str(_("Coverage")),
    )
    return _attachment(export)


@login_required
@require_POST
@scoped_view
def consignments_export(request: HttpRequest, edition_id: int) -> HttpResponse:
    ed = access_edition(request.user, edition_id)
    filters = forms.ConsignmentFilterForm(request.POST)
    chosen = forms.ExportForm(request.POST)
    if not (filters.is_valid() and chosen.is_valid()):
        messages.error(request, _("Choose CSV or Excel and valid filters."))
        return redirect("training:distribution_edition", ed.pk)
    status, direction = filters.cleaned_data["status"], filters.cleaned_data["direction"]
    rows = selectors.consignments(request.user, edition=ed, status=status, direction=direction)
    header, out = consignment_rows(rows)
    export = export_distribution(
        request.user,
        what="consignments",
        fmt=chosen.cleaned_data["format"],
        header=header,
        rows=out,
        unit=None,
        filters={"edition": ed.pk, "status": status, "direction": direction},
        title=str(_("Consignments")),
    )
    return _attachment(export)
