"""Screens of the dues rules, mounted at /dues/rules/: the policies, allocation rules (with their
shares) and standing rules the actor may see, and the forms that set them for one unit.

The unit a rule is set for is in the URL and comes through access_dues_unit with dues.manage_rules:
out of scope answers 404, visible without the permission 403. Every write is one service call.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any
from serikat.core.web.helpers import add_problems, scoped_view
from serikat.dues.access import access_dues_unit
from serikat.dues.models import AllocationRule, DuesPolicy, Rounding, StandingRule
from serikat.dues.money import parse_month
from serikat.dues.services_rules import (
    SHARED_FEDERATION_LEVEL,
    is_rule_unit,
    set_allocation_rule,
    set_dues_policy,
    set_standing_rule,
)
from serikat.organisation.models import Level, Unit
from serikat.organisation.web.forms import StyledForm

RULES_LIMIT = 200


class MonthField(forms.CharField):
    """A month typed as YYYY-MM (a month picker on phones), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM", "inputmode": "numeric"})

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError:
            raise forms.ValidationError(gettext_lazy("Enter a month as YYYY-MM.")) from None


def _number(label: Any, required: bool = False, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PolicyForm(StyledForm):
    valid_from = MonthField(label=gettext_lazy("From month"))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DuesPolicy.Kind.choices)
    rate_basis_points = _number(
        gettext_lazy("Rate (basis points)"), help_text=gettext_lazy("100 basis points are one percent of the wage.")
    )
    flat_amount = _number(gettext_lazy("Flat amount (Rp)"))
    floor_amount = _number(gettext_lazy("Minimum (Rp)"))
    cap_amount = _number(gettext_lazy("Maximum (Rp)"))
    entry_fee_amount = _number(gettext_lazy("Entry fee (Rp)"))
    rounding = forms.ChoiceField(label=gettext_lazy("Rounding"), choices=Rounding.choices, initial=Rounding.HALF_UP)
    rounding_step = forms.IntegerField(label=gettext_lazy("Round to a multiple of (Rp)"), min_value=1, initial=1)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class StandingForm(StyledForm):
    valid_from = MonthField(label=gettext_lazy("From month"))
    member_grace_months = forms.IntegerField(
        label=gettext_lazy("Months a member may be behind and still be paid-up"), min_value=0, initial=2
    )
    unit_sanction_months = forms.IntegerField(
        label=gettext_lazy("Months of arrears after which a union is flagged"), min_value=1, initial=3
    )


def levels_of(unit: Unit) -> list[Level]:
    """The levels a rule of `unit` may share to: the shared federation board and the federation's own."""
    federation_path = unit.path[:8]
    return list(
        Level.objects.filter(
            Q(federation__path=federation_path) | Q(federation__isnull=True, code=SHARED_FEDERATION_LEVEL)
        ).order_by("rank", "code")
    )


class AllocationForm(StyledForm):
    valid_from = MonthField(label=gettext_lazy("From month"))
    mode = forms.ChoiceField(label=gettext_lazy("Payment route"), choices=AllocationRule.Mode.choices)
    collector_level = forms.ChoiceField(label=gettext_lazy("Collecting level"), required=False)
    levy_kind = forms.ChoiceField(
        label=gettext_lazy("Levy to the confederation"), choices=AllocationRule.LevyKind.choices
    )
    levy_amount = _number(gettext_lazy("Levy per member (Rp)"))
    levy_basis_points = _number(gettext_lazy("Levy (basis points of dues due)"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, levels: list[Level], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.levels = levels
        self.fields["collector_level"].choices = [
            ("", "—"),
            *[(str(level.pk), f"{level.code} · {level.name}") for level in levels],
        ]
        for level in levels:
            self.fields[f"share_{level.pk}"] = forms.IntegerField(
                label=_("Share of %(level)s (basis points)") % {"level": f"{level.code} · {level.name}"},
                required=False,
                min_value=0,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def shares(self) -> list[tuple[Level, int]]:
        return [
            (level, self.cleaned_data[f"share_{level.pk}"])
            for level in self.levels
            if self.cleaned_data.get(f"share_{level.pk}")
        ]

    def collector(self) -> Level | None:
        chosen = self.cleaned_data.get("collector_level")
        return next((level for level in self.levels if str(level.pk) == chosen), None)


def _manageable_units(actor: Any) -> list[Unit]:
    """The units the actor may set rules for: the confederation, federations and sector unions in
    their dues.manage_rules scope."""
    rows = Unit.objects.visible_to(actor, perms.MANAGE_DUES_RULES).filter(
        Q(depth__lte=2) | Q(depth=3, level__axis=Level.Axis.SECTOR)
    )
    return list(rows.select_related("level").order_by("path")[:RULES_LIMIT])


def _rule_unit(request: HttpRequest, unit_id: int, *, allocation: bool = False) -> Unit:
    unit = access_dues_unit(request.user, unit_id, permission=perms.MANAGE_DUES_RULES)
    if not is_rule_unit(unit, allocation=allocation):
        raise Forbidden(_("Rules of this kind are not set at this unit."))
    return unit


@login_required
@require_GET
def rules(request: HttpRequest) -> HttpResponse:
    """The rules the actor may see, newest first, and where they may set new ones."""
    actor = request.user
    if not has_any(actor, perms.VIEW_DUES):
        raise PermissionDenied(_("None of your roles lets you see dues."))
    policies = DuesPolicy.objects.visible_to(actor, perms.VIEW_DUES).select_related("unit")
    allocation = (
        AllocationRule.objects.visible_to(actor, perms.VIEW_DUES)
        .select_related("unit", "collector_level")
        .prefetch_related("shares__level")
    )
    standing = StandingRule.objects.visible_to(actor, perms.VIEW_DUES).select_related("unit")
    return render(
        request,
        "dues/rules/list.html",
        {
            "policies": policies.order_by("unit__path", "-valid_from")[:RULES_LIMIT],
            "allocation_rules": allocation.order_by("unit__path", "-valid_from")[:RULES_LIMIT],
            "standing_rules": standing.order_by("unit__path", "-valid_from")[:RULES_LIMIT],
            "manageable": _manageable_units(actor),
            "section": "dues",
        },
    )


def _render_form(request: HttpRequest, template: str, unit: Unit, form: forms.Form, **extra: Any) -> HttpResponse:
    return render(request, template, {"unit": unit, "form": form, "section": "dues", **extra})


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def policy_set(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Set a dues policy of a unit from a month (the same month again replaces it)."""
    unit = _rule_unit(request, unit_id)
    form = PolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_dues_policy(
                actor=request.user,
                unit=unit,
                valid_from=data["valid_from"],
                kind=data["kind"],
                rate_basis_points=data["rate_basis_points"],
                flat_amount=data["flat_amount"],
                floor_amount=data["floor_amount"],
                cap_amount=data["cap_amount"],
                entry_fee_amount=data["entry_fee_amount"] or 0,
                rounding=data["rounding"],
                rounding_step=data["rounding_step"],
                note=data["note"],
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The dues policy was set."))
            return redirect("dues:rules")
    return _render_form(request, "dues/rules/policy_form.html", unit, form)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def allocation_rule_set(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Set how a federation's (or sector union's) dues are shared between levels, and its levy."""
    unit = _rule_unit(request, unit_id, allocation=True)
    levels = levels_of(unit)
    initial: dict[str, Any] = {}
    current = AllocationRule.objects.in_force(unit, _this_month()).filter(unit=unit).prefetch_related("shares").first()
    if current is not None:
        initial = {f"share_{s.level_id}": s.basis_points for s in current.shares.all()}
        initial.update(
            mode=current.mode,
            collector_level=str(current.collector_level_id or ""),
            levy_kind=current.levy_kind,
            levy_amount=current.levy_amount,
            levy_basis_points=current.levy_basis_points,
        )
    form = AllocationForm(request.POST or None, levels=levels, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_allocation_rule(
                actor=request.user,
                unit=unit,
                valid_from=data["valid_from"],
                shares=form.shares(),
                mode=data["mode"],
                collector_level=form.collector(),
                levy_kind=data["levy_kind"],
                levy_amount=data["levy_amount"],
                levy_basis_points=data["levy_basis_points"],
                note=data["note"],
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            for problem in error.problems:
                if problem.field == "shares":
                    form.add_error(None, str(problem.message))
            error.problems = [p for p in error.problems if p.field != "shares"]
            if error.problems:
                add_problems(form, error)
        else:
            messages.success(request, _("The allocation rule was set."))
            return redirect("dues:rules")
    share_fields = [form[f"share_{level.pk}"] for level in levels]
    return _render_form(request, "dues/rules/allocation_form.html", unit, form, share_fields=share_fields)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def standing_rule_set(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Set when members stop being paid-up and when unions are flagged for sanction."""
    unit = _rule_unit(request, unit_id)
    form = StandingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_standing_rule(
                actor=request.user,
                unit=unit,
                valid_from=data["valid_from"],
                member_grace_months=data["member_grace_months"],
                unit_sanction_months=data["unit_sanction_months"],
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The standing rule was set."))
            return redirect("dues:rules")
    return _render_form(request, "dues/rules/standing_form.html", unit, form)


def _this_month() -> Any:
    from django.utils import timezone

    return timezone.localdate().replace(day=1)
