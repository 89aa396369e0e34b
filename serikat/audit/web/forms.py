"""The audit log's filters. They parse input; scoping is the selector's business."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from serikat.audit.web.kinds import kind_choices

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.CharField(
        label=_("Who (username)"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}),
    )
    unit = forms.CharField(
        label=_("Unit code"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Events of this unit and of every unit under it."),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=_DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=_DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels sorted in the language of this request.
        self.fields["kind"].choices = [("", _("Anything")), *kind_choices()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("This day is before the “from” day."))
        return data
