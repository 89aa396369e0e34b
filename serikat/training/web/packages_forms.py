"""Forms of the package screens. They parse input only; the services validate and write.

Every form that edits a package's content carries `revision`, the package revision it was opened
at: the service refuses the save when someone else saved in between (no silent overwrite)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from serikat.organisation.web.forms import StyledForm
from serikat.training.models import AssessmentQuestion, Method, Stage, Theme


class RichText(forms.Textarea):
    """A textarea the editor (static/serikat/training/editor.js) turns into a toolbar and an editing
    area; without JavaScript it still accepts the allowed HTML, cleaned by the service."""

    def __init__(self, upload_url: str = "", attrs: dict[str, Any] | None = None):
        base = {"data-editor": "rich", "rows": 8}
        if upload_url:
            base["data-upload-url"] = upload_url
        super().__init__(attrs={**base, **(attrs or {})})


def rich_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, widget=RichText())


class RevisionForm(StyledForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, upload_url: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, RichText) and upload_url:
                field.widget.attrs["data-upload-url"] = upload_url


class PackageCreateForm(StyledForm):
    unit = forms.ChoiceField(label=_("Owning unit"))
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("Short and stable, e.g. KB-01."))
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    audience = forms.CharField(label=_("Audience"), max_length=300, required=False)
    stated_minutes = forms.IntegerField(
        label=_("Stated total duration (minutes)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["unit"].choices = [(str(u.pk), f"{u.name} · {u.code}") for u in units]


class PackageForm(RevisionForm):
    code = forms.CharField(label=_("Code"), max_length=32)
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    audience = forms.CharField(label=_("Audience"), max_length=300, required=False)
    stated_minutes = forms.IntegerField(
        label=_("Stated total duration (minutes)"),
        required=False,
        min_value=0,
        help_text=_("Alignment checks the sessions against it."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    summary = rich_field(_("Summary"))
    implementation_guide = rich_field(
        _("Implementation guide"), _("For trainers: preparation, running the training, follow-up.")
    )


class ObjectiveForm(RevisionForm):
    text = forms.CharField(
        label=_("Learning objective"),
        max_length=400,
        help_text=_("What a participant can do after the training, e.g. “explain the right to strike”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TermForm(RevisionForm):
    term = forms.CharField(label=_("Term"), max_length=120)
    definition = forms.CharField(label=_("Definition"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    variants = forms.CharField(
        label=_("Variants to avoid"),
        required=False,
        help_text=_("One per line. Alignment lists every section that uses one of them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModuleForm(RevisionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = rich_field(_("Introduction"))


class SessionForm(RevisionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    method = forms.ChoiceField(label=_("Participatory method"), choices=Method.choices)
    objectives = forms.MultipleChoiceField(
        label=_("Objectives covered"), required=False, widget=forms.CheckboxSelectMultiple
    )
    activities = rich_field(_("Activities"), _("Step by step, with the time each step takes."))
    materials = forms.CharField(
        label=_("Materials needed"),
        required=False,
        help_text=_("Flip chart, markers, ..."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    handout = rich_field(_("Participant handout"))
    facilitator_notes = rich_field(_("Notes for the trainer"), _("Printed in the trainer's guide only."))

    def __init__(self, *args: Any, objectives: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].choices = [
            (str(o.pk), f"{number}. {o.text}") for number, o in enumerate(objectives, start=1)
        ]


class QuestionForm(RevisionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AssessmentQuestion.Kind.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    options = forms.CharField(
        label=_("Options"),
        required=False,
        help_text=_("Multiple choice only: one option per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer_guide = forms.CharField(
        label=_("Answer guide"),
        required=False,
        help_text=_("For the trainer's guide."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("options", "").splitlines() if line.strip()]


class MoveForm(forms.Form):
    revision = forms.IntegerField(min_value=1)
    position = forms.IntegerField(min_value=1)


class RemoveForm(forms.Form):
    revision = forms.IntegerField(min_value=1)


class StageForm(forms.Form):
    revision = forms.IntegerField(min_value=1)
    to_stage = forms.ChoiceField(choices=Stage.choices)
    note = forms.CharField(max_length=300, required=False)


class ImageForm(forms.Form):
    file = forms.FileField()
    alt_text = forms.CharField(max_length=200, required=False)
