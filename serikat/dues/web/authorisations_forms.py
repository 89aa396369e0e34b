"""Forms of the authorisation screens. They parse and check shapes only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from serikat.dues.services_authorisations import MAX_REASON

DATE = forms.DateInput(attrs={"type": "date"})


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class FilterForm(forms.Form):
    employer = EmployerChoiceField(label=_("Employer"), queryset=None, required=False, empty_label=None)
    state = forms.ChoiceField(
        label=_("Authorisation"),
        required=False,
        choices=[("all", _("All members")), ("with", _("With an authorisation")), ("without", _("Without one"))],
    )
    q = forms.CharField(label=_("Name, KTA or employee number"), required=False, max_length=100)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers


class BulkForm(forms.Form):
    employer = EmployerChoiceField(label=_("Employer"), queryset=None)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    membership = forms.TypedMultipleChoiceField(label=_("Members"), coerce=int, choices=(), required=False)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        # Any ids are accepted here; the service checks that each is a current member of the union.
        submitted = self.data.getlist("membership") if hasattr(self.data, "getlist") else []
        self.fields["membership"].choices = [(value, value) for value in submitted]

    def clean_membership(self) -> list[int]:
        ids = self.cleaned_data["membership"]
        if not ids:
            raise forms.ValidationError(_("Tick at least one member."))
        return ids


class RecordForm(forms.Form):
    employer = EmployerChoiceField(label=_("Employer"), queryset=None, empty_label=None)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    document = forms.FileField(
        label=_("Scan of the signed form"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 5 MB. Optional: the paper form can be scanned later."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers


class ScanForm(forms.Form):
    document = forms.FileField(
        label=_("Scan of the signed form"),
        help_text=_("PDF, JPEG or PNG, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("No longer holds from"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason (written on the notice to the employer)"),
        max_length=MAX_REASON,
        help_text=_("In Bahasa Indonesia: the notice to the employer quotes it, e.g. “anggota mencabut kuasanya”."),
    )


class LetterForm(forms.Form):
    employer = EmployerChoiceField(label=_("Employer"), queryset=None, empty_label=None)
    issued_on = forms.DateField(label=_("Letter date"), widget=DATE, required=False, help_text=_("Today if empty."))

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
