"""Forms of the feedback screens. They parse and check shapes only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from serikat.training.models import Feedback
from serikat.training.services_feedback import MAX_BODY, MAX_REASON


class SendForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    from_role = forms.ChoiceField(
        label=_("I send this as"), choices=Feedback.FromRole.choices, widget=forms.RadioSelect, initial="trainer"
    )
    unit = forms.TypedChoiceField(label=_("From unit"), coerce=int)
    body = forms.CharField(
        label=_("Your feedback"),
        max_length=MAX_BODY,
        help_text=_("Short and concrete: what did not work, what was missing, what to change."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_BODY}),
    )

    def __init__(self, *args: Any, sections: list[Any], units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(_section_value(s), s.title) for s in sections]
        self.fields["unit"].choices = [(u.pk, f"{u.name} ({u.code})") for u in units]
        if len(units) == 1:
            self.fields["unit"].widget = forms.HiddenInput()


def _section_value(section: Any) -> str:
    return f"{section.module_id}" if section.session_id is None else f"{section.module_id}-{section.session_id}"


def split_section(value: str) -> tuple[str, str | None]:
    module, _sep, session = value.partition("-")
    return module, (session or None)


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Feedback.Status.ACCEPTED, _("Accept")),
            (Feedback.Status.DEFERRED, _("Defer")),
            (Feedback.Status.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        help_text=_("The sender reads it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Feedback.Status.choices])
    package = forms.IntegerField(required=False, widget=forms.HiddenInput())
    edition = forms.IntegerField(required=False, widget=forms.HiddenInput())
    module = forms.IntegerField(required=False, widget=forms.HiddenInput())
    session = forms.IntegerField(required=False, widget=forms.HiddenInput())
