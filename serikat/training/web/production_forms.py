"""Forms of the production-process and review screens. They parse input only; every write is a
service call. Choices are built from what the actor may see, bounded (the API takes any id in reach).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.organisation.models import Sector, Unit
from serikat.organisation.web.forms import DateInput, StyledForm
from serikat.training.models import MeetingInput, MeetingParticipant, Package, ProductionMeeting, Trainer

CHOICES_LIMIT = 300


def _shallow_first(queryset: QuerySet) -> list[Unit]:
    """At most CHOICES_LIMIT units, the upper levels first, then shown in tree order."""
    rows = list(queryset.select_related("level").order_by("depth", "path")[:CHOICES_LIMIT])
    return sorted(rows, key=lambda unit: unit.path)


def author_units(actor: Any) -> list[Unit]:
    """Units where the actor may organise a meeting or keep trainers (training.author_package)."""
    return _shallow_first(Unit.objects.visible_to(actor, perms.AUTHOR_PACKAGE))


def participant_units(actor: Any) -> list[Unit]:
    """Units a participant may represent in the picker: the confederation and every federation,
    and the upper units (down to branches) the actor can see."""
    seen = scope_of(actor, perms.VIEW_UNIT).q() | scope_of(actor, perms.VIEW_PACKAGE).q()
    return _shallow_first(Unit.objects.filter(Q(depth__lte=2) | (seen & Q(depth__lte=4))))


def picked_unit(units: list[Unit], value: Any) -> Unit | None:
    return next((u for u in units if str(u.pk) == str(value)), None) if value else None


def _sector_field(label: Any, empty: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, queryset=Sector.objects.order_by("name"), required=False, empty_label=str(empty)
    )


class MeetingForm(StyledForm):
    unit = forms.ChoiceField(label=_("Organised by"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ProductionMeeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    packages = forms.MultipleChoiceField(
        label=_("Packages it worked on"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, units: list[Unit] | None, packages: list[Package], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.units = units or []
        self.package_rows = packages
        if units is None:
            del self.fields["unit"]  # a meeting keeps its organiser
        else:
            self.fields["unit"].choices = [(str(u.pk), f"{u.name} · {u.code}") for u in units]
        self.fields["packages"].choices = [(str(p.pk), f"{p.title} ({p.code})") for p in packages]

    def chosen_unit(self) -> Unit | None:
        return picked_unit(self.units, self.cleaned_data.get("unit"))

    def chosen_packages(self) -> list[Package]:
        wanted = set(self.cleaned_data.get("packages") or [])
        return [p for p in self.package_rows if str(p.pk) in wanted]


class ParticipantForm(StyledForm):
    trainer = forms.ChoiceField(
        label=_("From the trainer pool"),
        required=False,
        help_text=_("Fills in the name, unit and sector you leave empty."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=MeetingParticipant.Role.choices)
    unit = forms.ChoiceField(label=_("Represents"), required=False)
    sector = _sector_field(_("Sector"), _("No particular sector"))

    def __init__(self, *args: Any, trainers: list[Trainer], units: list[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.trainers, self.units = trainers, units
        self.fields["trainer"].choices = [("", "—")] + [(str(t.pk), f"{t.name} · {t.unit.name}") for t in trainers]
        self.fields["unit"].choices = [("", "—")] + [(str(u.pk), f"{u.name} · {u.code}") for u in units]

    def chosen_trainer(self) -> Trainer | None:
        value = self.cleaned_data.get("trainer")
        return next((t for t in self.trainers if str(t.pk) == value), None) if value else None

    def chosen_unit(self) -> Unit | None:
        return picked_unit(self.units, self.cleaned_data.get("unit"))


class InputForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingInput.Kind.choices)
    sector = _sector_field(_("Sector"), _("All sectors"))
    text = forms.CharField(label=_("What was said"), widget=forms.Textarea(attrs={"rows": 4}))
    raised_by = forms.ChoiceField(label=_("Raised by"), required=False)

    def __init__(self, *args: Any, participants: list[MeetingParticipant], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.participants = participants
        self.fields["raised_by"].choices = [("", "—")] + [(str(p.pk), p.name) for p in participants]

    def chosen_participant(self) -> MeetingParticipant | None:
        value = self.cleaned_data.get("raised_by")
        return next((p for p in self.participants if str(p.pk) == value), None) if value else None


class TrainerForm(StyledForm):
    unit = forms.ChoiceField(label=_("Home unit"))
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Left empty: the member's name from the registry.")
    )
    sector = _sector_field(_("Sector"), _("No particular sector"))
    ttm_completed_on = forms.DateField(label=_("TTM completed on"), required=False, widget=DateInput())
    nik = forms.CharField(
        label=_("NIK (to link the registry's member)"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kta_number = forms.CharField(label=_("or KTA number"), max_length=40, required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["unit"].choices = [(str(u.pk), f"{u.name} · {u.code}") for u in units]

    def chosen_unit(self) -> Unit | None:
        return picked_unit(self.units, self.cleaned_data.get("unit"))


class RoundForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    closes_on = forms.DateField(label=_("Closes on"), required=False, widget=DateInput())


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("What was done"), max_length=500)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why reopen (optional)"), max_length=4000, required=False)
