"""Forms of the member screens. They parse and validate input only: every write is a service call,
and every unit named by code is resolved by the view through an access function (so a code outside
the actor's scope reads "not found", exactly like a code that does not exist).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from serikat.membership.models import Membership
from serikat.membership.nik import normalise_nik
from serikat.membership.selectors import MemberFilters
from serikat.organisation.models import Gender, Sector
from serikat.organisation.web.forms import DateInput, RegionChoiceField, StyledForm, UnitCodeField, region_choices

# Age bands of the list filter: key -> (at least, at most) years.
AGE_BANDS: dict[str, tuple[int | None, int | None]] = {
    "u25": (None, 24),
    "25-34": (25, 34),
    "35-44": (35, 44),
    "45-54": (45, 54),
    "55+": (55, None),
}
AGE_BAND_CHOICES = [
    ("", _("Any age")),
    ("u25", _("Under 25")),
    ("25-34", _("25–34")),
    ("35-44", _("35–44")),
    ("45-54", _("45–54")),
    ("55+", _("55 and over")),
]
STATUS_CURRENT = "current"
STATUS_CHOICES = [
    ("", _("Any status")),
    (STATUS_CURRENT, _("Current (applicant, active, suspended)")),
    *Membership.Status.choices,
]
CONSENT_METHODS = [
    ("paper_form", _("Signed paper form")),
    ("digital_form", _("Online form")),
    ("verbal", _("Verbally, before a witness")),
]
CONSENT_PURPOSES = [
    ("membership", _("Membership administration")),
    ("dues", _("Dues and payroll deduction")),
    ("communication", _("News and calls to action")),
    ("training", _("Education and training")),
    ("advocacy", _("Legal aid and advocacy")),
]
# Ending a membership by hand: "transferred" is only ever set by accepting a transfer.
END_REASON_CHOICES = [c for c in Membership.EndReason.choices if c[0] != Membership.EndReason.TRANSFERRED]

_CODE_ATTRS = {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
_DIGITS_ATTRS = {"inputmode": "numeric", "autocomplete": "off"}


def _code_field(label: Any, **kwargs: Any) -> UnitCodeField:
    return UnitCodeField(label=label, max_length=40, widget=forms.TextInput(attrs=dict(_CODE_ATTRS)), **kwargs)


class NikField(forms.CharField):
    """A NIK as typed or pasted (spaces, dots and dashes between groups dropped); the service checks it."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", _("NIK"))
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault("widget", forms.TextInput(attrs=dict(_DIGITS_ATTRS)))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        return normalise_nik(super().clean(value))


# --- the list ---------------------------------------------------------------------------------


class MemberFilterForm(forms.Form):
    """The filters of the member list (GET). Every field is optional; `unit` is a code."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": _("NIK, KTA number, phone or name")}
        ),
    )
    unit = _code_field(_("Unit code"), required=False, help_text=_("Members of this unit and every unit under it."))
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", _("Any gender")), *Gender.choices], required=False)
    age = forms.ChoiceField(label=_("Age"), choices=AGE_BAND_CHOICES, required=False)
    employment_status = forms.ChoiceField(
        label=_("Employment"), choices=[("", _("Any employment")), *Membership.Employment.choices], required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        required=False,
        empty_label=_("Any sector"),
        to_field_name="code",
    )
    joined_from = forms.DateField(label=_("Joined from"), required=False, widget=DateInput())
    joined_to = forms.DateField(label=_("Joined until"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("joined_from") and data.get("joined_to") and data["joined_from"] > data["joined_to"]:
            self.add_error("joined_to", _("This day is before the “from” day."))
        return data

    def filters(self, unit: Any = None) -> MemberFilters:
        """The selector's filters; `unit` is the unit the view resolved from the code (in scope)."""
        data = self.cleaned_data
        status = data.get("status") or ""
        statuses = ["applicant", "active", "suspended"] if status == STATUS_CURRENT else ([status] if status else [])
        age_from, age_to = AGE_BANDS.get(data.get("age") or "", (None, None))
        return MemberFilters(
            q=(data.get("q") or "").strip(),
            unit=unit,
            statuses=statuses,
            gender=data.get("gender") or "",
            age_from=age_from,
            age_to=age_to,
            employment_status=data.get("employment_status") or "",
            sector=data.get("sector"),
            joined_from=data.get("joined_from"),
            joined_to=data.get("joined_to"),
        )

    def is_filtered(self) -> bool:
        """Whether any filter beyond the search box is set (the filter panel then opens)."""
        return any(self.cleaned_data.get(name) for name in self.fields if name != "q")


# --- person and membership ------------------------------------------------------------------


class PersonForm(StyledForm):
    """The person's details (the NIK itself is never edited: it is their identity)."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput())
    birth_place = forms.CharField(label=_("Birth place"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
        help_text=_("E.g. 0812-3456-7890; stored as +62…"),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    region = RegionChoiceField(queryset=None, required=False, label=_("Region of residence"))

    def __init__(self, *args: Any, region: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_choices(region)
        self.fields["region"].empty_label = _("(not recorded)")

    @classmethod
    def initial_from(cls, member: Any) -> dict[str, Any]:
        return {
            "full_name": member.full_name,
            "gender": member.gender,
            "birth_date": member.birth_date,
            "birth_place": member.birth_place,
            "phone": member.phone,
            "email": member.email,
            "address": member.address,
            "region": member.region_id,
        }


class EmploymentFields(forms.Form):
    """The job a membership rests on, and the member's consent to the processing of their data."""

    workplace = forms.ChoiceField(label=_("Workplace"), required=False)
    employee_number = forms.CharField(label=_("Employee number"), max_length=40, required=False)
    employment_status = forms.ChoiceField(
        label=_("Employment status"),
        choices=[("", _("(not recorded)")), *Membership.Employment.choices],
        required=False,
    )
    job_title = forms.CharField(label=_("Job"), max_length=100, required=False)
    department = forms.CharField(label=_("Department"), max_length=100, required=False)
    monthly_wage_amount = forms.DecimalField(
        label=_("Monthly wage (Rp)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
        help_text=_("Whole rupiah; dues are worked out from it."),
    )
    consent_given = forms.BooleanField(
        label=_("The member agreed to the union keeping and using their data"), required=False
    )
    consent_method = forms.ChoiceField(
        label=_("Consent given how"), choices=[("", "—"), *CONSENT_METHODS], required=False
    )
    consent_purposes = forms.MultipleChoiceField(
        label=_("Consent given for"), choices=CONSENT_PURPOSES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def set_workplaces(self, links: list[Any], current: Any = None) -> None:
        """Workplace choices: where the union organises now, plus the membership's current one."""
        choices = [("", _("(not recorded)"))]
        seen = set()
        for workplace in [current, *[link.workplace for link in links]]:
            if workplace is not None and workplace.pk not in seen:
                seen.add(workplace.pk)
                choices.append((str(workplace.pk), f"{workplace.employer.name} – {workplace.name}"))
        self.fields["workplace"].choices = choices
        self.workplaces = {str(w.pk): w for w in [current, *[link.workplace for link in links]] if w is not None}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("consent_given"):
            if not data.get("consent_method"):
                self.add_error("consent_method", _("Say how the member gave their consent."))
            if not data.get("consent_purposes"):
                self.add_error("consent_purposes", _("Choose at least one purpose the member agreed to."))
        return data

    def employment(self, *, consent_given_at: datetime.datetime | None = None) -> dict[str, Any]:
        """The service's membership fields. Consent keeps its first date while it stays given."""
        data = self.cleaned_data
        workplace = self.workplaces.get(data.get("workplace") or "")
        given = bool(data.get("consent_given"))
        return {
            "workplace": workplace,
            "employer": workplace.employer if workplace is not None else None,
            "employee_number": data.get("employee_number", ""),
            "employment_status": data.get("employment_status", ""),
            "job_title": data.get("job_title", ""),
            "department": data.get("department", ""),
            "monthly_wage_amount": data.get("monthly_wage_amount"),
            "consent_given_at": (consent_given_at or timezone.now()) if given else None,
            "consent_method": data.get("consent_method", "") if given else "",
            "consent_purposes": list(data.get("consent_purposes") or []) if given else [],
        }


class MembershipForm(StyledForm, EmploymentFields):
    """Edit the job and consent of one membership."""

    @classmethod
    def initial_from(cls, membership: Membership) -> dict[str, Any]:
        return {
            "workplace": str(membership.workplace_id or ""),
            "employee_number": membership.employee_number,
            "employment_status": membership.employment_status,
            "job_title": membership.job_title,
            "department": membership.department,
            "monthly_wage_amount": membership.monthly_wage_amount,
            "consent_given": membership.consent_given_at is not None,
            "consent_method": membership.consent_method,
            "consent_purposes": list(membership.consent_purposes or []),
        }


class RegisterForm(PersonForm, EmploymentFields):
    """An application to join a union: who, where, since when, the job and the consent."""

    unit = _code_field(_("Union (unit code)"), help_text=_("The plant union the member joins, e.g. its PUK code."))
    nik = NikField(help_text=_("16 digits, from the identity card (KTP)."))
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())
    field_order = ["unit", "nik", "full_name", "gender", "birth_date", "birth_place", "joined_on"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["joined_on"].initial = timezone.localdate()
        # Both are read from the NIK when left empty; a difference is kept and flagged for review.
        self.fields["gender"] = forms.ChoiceField(
            label=_("Gender"),
            choices=[("", _("From the NIK")), *Gender.choices],
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["birth_date"].help_text = _("Leave empty to take it from the NIK.")


class NikCheckForm(forms.Form):
    nik = forms.CharField(max_length=40, required=False)


# --- lifecycle ------------------------------------------------------------------------------


class ConfirmForm(StyledForm):
    """A confirmation without fields (activate, reinstate)."""


class SuspendForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class EndForm(StyledForm):
    reason = forms.ChoiceField(
        label=_("Why does the membership end?"), choices=END_REASON_CHOICES, widget=forms.RadioSelect
    )
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()


class RejoinForm(StyledForm):
    unit = _code_field(_("Union (unit code)"))
    joined_on = forms.DateField(label=_("Joined again on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["joined_on"].initial = timezone.localdate()


# --- transfers and conflicts ----------------------------------------------------------------


class TransferRequestForm(StyledForm):
    to_unit = _code_field(
        _("Receiving union (exact code)"), help_text=_("Ask the receiving union for its code, e.g. its PUK code.")
    )
    effective_on = forms.DateField(label=_("Moves on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False, help_text=_("E.g. a new employer."))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].initial = timezone.localdate()


class ReceiveForm(StyledForm):
    """The receiving union asks for a member it has in front of it: NIK and KTA number together."""

    nik = NikField(help_text=_("From the member's identity card (KTP)."))
    kta_number = forms.CharField(
        label=_("KTA number"),
        max_length=40,
        widget=forms.TextInput(attrs=dict(_CODE_ATTRS)),
        help_text=_("From the member's current membership card."),
    )
    to_unit = _code_field(_("Receiving union (unit code)"))
    effective_on = forms.DateField(label=_("Moves on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].initial = timezone.localdate()

    def clean_kta_number(self) -> str:
        return self.cleaned_data["kta_number"].strip()


class DecisionForm(StyledForm):
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ResolveForm(StyledForm):
    resolution = forms.CharField(
        label=_("How was it settled?"),
        max_length=200,
        help_text=_("E.g. the member chose one union in writing on 3 March; the other membership was ended."),
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel (xlsx)")])
