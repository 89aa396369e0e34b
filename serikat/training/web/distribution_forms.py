"""Forms of the distribution screens. They parse and check shapes only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from serikat.training.models import Consignment, Rendition
from serikat.training.services_distribution import MAX_COPIES, MAX_NOTE

DATE = forms.DateInput(attrs={"type": "date"})
DOCUMENT_CHOICES = Rendition.Kind.choices[:2]
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"})


class UnitCodeField(forms.CharField):
    """A unit by its code (the screens resolve it through access_unit_by_code)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def clean(self, value):
        return super().clean(value).strip().upper()


class PrintRunForm(forms.Form):
    unit = UnitCodeField(label=_("Ordered by (unit code)"))
    kind = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_CHOICES)
    printer = forms.CharField(label=_("Printer"), max_length=200)
    quantity = forms.IntegerField(label=_("Copies"), min_value=1, max_value=MAX_COPIES, widget=NUMBER)
    cost_amount = forms.CharField(
        label=_("Cost (Rupiah)"), required=False, max_length=20, help_text=_("Whole Rupiah, e.g. 1.500.000.")
    )
    ordered_on = forms.DateField(label=_("Ordered on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=MAX_NOTE)


class DeliveredForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)


class PlanFilterForm(forms.Form):
    """Step one of planning: where from, which document, and which units to offer."""

    LEVELS = [
        ("federation", _("Federations")),
        ("plant", _("Plant unions (PUK)")),
        ("all", _("All units")),
    ]
    sender = UnitCodeField(label=_("From (unit code)"))
    kind = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_CHOICES)
    level = forms.ChoiceField(label=_("Send to"), choices=LEVELS)
    under = UnitCodeField(label=_("Only under (unit code)"), required=False)
    quantity = forms.IntegerField(
        label=_("Copies per unit"), min_value=1, max_value=MAX_COPIES, initial=10, widget=NUMBER
    )


class ShipForm(forms.Form):
    shipped_on = forms.DateField(label=_("Shipped on"), widget=DATE)
    carrier = forms.CharField(label=_("Carrier and reference"), required=False, max_length=200)


class ReceiveForm(forms.Form):
    received_quantity = forms.IntegerField(
        label=_("Copies that arrived"),
        min_value=0,
        max_value=MAX_COPIES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "class": "big-number"}),
    )
    received_on = forms.DateField(label=_("Arrived on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_NOTE,
        help_text=_("Required when fewer copies arrived than were sent, or some are damaged."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_NOTE)


class HandOutForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_CHOICES)
    quantity = forms.IntegerField(label=_("Copies handed out"), min_value=1, max_value=MAX_COPIES, widget=NUMBER)
    handed_out_on = forms.DateField(label=_("On"), widget=DATE)
    training = forms.CharField(label=_("At which training"), max_length=MAX_NOTE)


class CountForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DOCUMENT_CHOICES)
    counted = forms.IntegerField(label=_("Copies counted"), min_value=0, max_value=MAX_COPIES, widget=NUMBER)
    counted_on = forms.DateField(label=_("Counted on"), widget=DATE)
    reason = forms.CharField(label=_("Reason for the difference"), max_length=MAX_NOTE)


class ConsignmentFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Consignment.Status.choices])
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("To and from my units")), ("in", _("To my units")), ("out", _("From my units"))],
    )


class CoverageFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("Show"), choices=PlanFilterForm.LEVELS, required=False)
    under = UnitCodeField(label=_("Only under (unit code)"), required=False)
    state = forms.ChoiceField(
        label=_("Holding"),
        required=False,
        choices=[
            ("", _("Any")),
            ("current", _("The current edition")),
            ("older", _("Only an older edition")),
            ("none", _("No edition")),
        ],
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel")])
