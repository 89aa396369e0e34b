"""Forms of the organisation screens. They parse and validate input only: every write is a service call.

Plain forms rather than ModelForms, so that validating never changes the object the service
compares against (a ModelForm copies the input onto its instance while it validates).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from serikat.organisation.models import Employer, Gender, Position, Region, Sector, Unit


class StyledForm(forms.Form):
    """Renders with the Pico-friendly layout of organisation/_form_fields.html (Django adds aria-invalid)."""

    template_name = "organisation/_form_fields.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.name} ({obj.code})"


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} · {obj.name}"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} · {obj.level.code} · {obj.code}"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} · {obj.level.code} · {obj.code}"


def region_choices(current: Region | None = None) -> QuerySet:
    """Provinces, regencies and cities (districts are too many for a list), plus the current value."""
    queryset = Region.objects.exclude(kind=Region.Kind.DISTRICT)
    if current is not None and current.kind == Region.Kind.DISTRICT:
        queryset = Region.objects.filter(pk=current.pk) | queryset
    return queryset.order_by("code")


def _region_field(label: Any, current: Region | None = None) -> RegionChoiceField:
    return RegionChoiceField(
        queryset=region_choices(current), required=False, label=label, empty_label=_("(not recorded)")
    )


# --- units ------------------------------------------------------------------------------------


class UnitDetailsForm(StyledForm):
    """The editable details of a unit (see services.UNIT_EDITABLE_FIELDS)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    region = forms.ModelChoiceField(queryset=Region.objects.none(), required=False)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=100,
        required=False,
        help_text=_("Nomor pencatatan issued by the labour office (Disnaker)."),
    )
    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=Unit.Status.choices)
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["region"] = _region_field(_("Region"), region)

    @classmethod
    def initial_from(cls, unit: Unit) -> dict[str, Any]:
        return {
            "name": unit.name,
            "region": unit.region_id,
            "registration_number": unit.registration_number,
            "founded_on": unit.founded_on,
            "status": unit.status,
            "address": unit.address,
            "phone": unit.phone,
            "email": unit.email,
        }

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["name"] = data["name"].strip()
        return data


class UnitCreateForm(UnitDetailsForm):
    """A new unit under a given parent; level and territory choices come from the parent."""

    level = LevelChoiceField(queryset=None, label=_("Level"), empty_label=None)
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Unique across the whole confederation, e.g. FSPMI-PUK-01234.")
    )
    territory = UnitChoiceField(
        queryset=None,
        required=False,
        label=_("Territorial council"),
        help_text=_("Leave empty to keep the council of the unit above."),
    )
    field_order = ["level", "code", "name", "territory", "region"]

    def __init__(self, *args: Any, levels: QuerySet, territories: QuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels
        self.fields["territory"].queryset = territories
        self.fields["status"].initial = Unit.Status.ACTIVE


class MoveForm(StyledForm):
    new_parent = forms.CharField(
        label=_("New parent unit (code)"),
        max_length=40,
        help_text=_("Type the code of the unit it will stand under, or find it with the search above."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_new_parent(self) -> str:
        return self.cleaned_data["new_parent"].strip()


class TerritoryForm(StyledForm):
    territory = UnitChoiceField(
        queryset=None,
        required=False,
        label=_("Territorial council"),
        empty_label=_("(none)"),
    )
    with_subtree = forms.BooleanField(
        label=_("Also the units below it that sit in the same council"), required=False, initial=True
    )

    def __init__(self, *args: Any, territories: QuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class SplitForm(StyledForm):
    new_code = forms.CharField(label=_("Code of the new unit"), max_length=40)
    new_name = forms.CharField(label=_("Name of the new unit"), max_length=200)
    children = UnitMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Units below it that go to the new unit"),
        widget=forms.CheckboxSelectMultiple,
    )
    territorial_members = UnitMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Units in its territory that go to the new unit"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, children: QuerySet, members: QuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children
        self.fields["territorial_members"].queryset = members

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("children") and not data.get("territorial_members"):
            raise forms.ValidationError(_("Choose at least one unit for the new unit to take over."))
        return data


# --- officers ---------------------------------------------------------------------------------


class AppointOfficerForm(StyledForm):
    position = forms.ModelChoiceField(
        queryset=Position.objects.all(), label=_("Position"), empty_label=_("(choose a position)")
    )
    person_name = forms.CharField(label=_("Name"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    portfolio = forms.CharField(
        label=_("Portfolio"), max_length=100, required=False, help_text=_("For a portfolio head, e.g. Education.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    started_on = forms.DateField(label=_("Term starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Term due to end"), required=False, widget=DateInput())
    decree_number = forms.CharField(label=_("Decree (SK) number"), max_length=100, required=False)
    replace_current = forms.BooleanField(
        label=_("Replace the current holder (their term ends the day before)"),
        required=False,
        help_text=_("Chair, secretary and treasurer have one holder at a time."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate()


class EndTermForm(StyledForm):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()


# --- employers and workplaces -----------------------------------------------------------------


class UnitCodeField(forms.CharField):
    def clean(self, value: Any) -> str:
        return super().clean(value).strip()


class EmployerForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    business_number = forms.CharField(label=_("Business number (NIB)"), max_length=32, required=False)
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.all(), required=False, label=_("Sector"), empty_label=_("(not recorded)")
    )
    region = forms.ModelChoiceField(queryset=Region.objects.none(), required=False)
    address = forms.CharField(label=_("Head office address"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    letters_attention = forms.CharField(
        label=_("Letters to the attention of"),
        max_length=200,
        required=False,
        help_text=_("Who letters go to, e.g. Manajer Personalia / HRD (the default when empty)."),
    )

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["region"] = _region_field(_("Head office region"), region)


class EmployerRegisterForm(EmployerForm):
    unit = UnitCodeField(
        label=_("Registered by (unit code)"),
        max_length=40,
        help_text=_("The unit that registers and maintains this employer."),
    )
    field_order = ["name", "business_number", "sector", "region", "address", "letters_attention", "unit"]


class EmployerEditForm(EmployerForm):
    status = forms.ChoiceField(label=_("Status"), choices=Employer.Status.choices)

    @classmethod
    def initial_from(cls, employer: Employer) -> dict[str, Any]:
        return {
            "name": employer.name,
            "business_number": employer.business_number,
            "sector": employer.sector_id,
            "region": employer.region_id,
            "address": employer.address,
            "letters_attention": employer.letters_attention,
            "status": employer.status,
        }


class WorkplaceForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. Plant 2 Cikarang."))
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    region = forms.ModelChoiceField(queryset=Region.objects.none(), required=False)
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.all(), required=False, label=_("Sector"), empty_label=_("(not recorded)")
    )
    workforce_size = forms.IntegerField(label=_("Workforce size"), required=False, min_value=0)

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["region"] = _region_field(_("Region"), region)

    @classmethod
    def initial_from(cls, workplace: Any) -> dict[str, Any]:
        return {
            "name": workplace.name,
            "address": workplace.address,
            "region": workplace.region_id,
            "sector": workplace.sector_id,
            "workforce_size": workplace.workforce_size,
        }


class WorkplaceRegisterForm(WorkplaceForm):
    unit = UnitCodeField(
        label=_("Registered by (unit code)"),
        max_length=40,
        help_text=_("The unit that registers and maintains this workplace."),
    )


class LinkUnitForm(StyledForm):
    """From a workplace: which plant union organises there."""

    unit = UnitCodeField(label=_("Plant union (code)"), max_length=40)
    since_on = forms.DateField(label=_("Since"), required=False, widget=DateInput())


class LinkWorkplaceForm(StyledForm):
    """From a plant union: at which workplace it organises (chosen from a search)."""

    workplace = forms.IntegerField(label=_("Workplace"), widget=forms.HiddenInput, min_value=1)
    since_on = forms.DateField(label=_("Since"), required=False, widget=DateInput())


class EndLinkForm(StyledForm):
    until_on = forms.DateField(label=_("Until"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["until_on"].initial = timezone.localdate()


class FederationForm(StyledForm):
    """Admitting a federation: its code, name and the names of its levels (from a template)."""

    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("Short and unique, e.g. FSPMI."))
    name = forms.CharField(label=_("Name"), max_length=200)
    template = forms.ChoiceField(
        label=_("Levels"),
        choices=[
            ("standard", _("DPP > DPD > DPC > PUK (one territorial line)")),
            ("two_axis", _("DPP > DPW > KC and DPP > PP > PC > PUK (territory and sector, as FSPMI)")),
        ],
        initial="standard",
    )
