"""Forms of the account screens. They parse input only; every rule lives in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from serikat.accounts.models import Role

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CODE_ATTRS = {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
_USERNAME_ATTRS = {"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What will use the token, e.g. “dues spreadsheet of PUK Maju”."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=_DATE, help_text=_("Leave empty for no expiry.")
    )


def _role_field(required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Role"),
        queryset=Role.objects.order_by("code"),
        to_field_name="code",
        required=required,
        empty_label=_("Any role") if not required else "---------",
    )


class GrantFilterForm(forms.Form):
    unit = forms.CharField(
        label=_("Unit code"), required=False, max_length=40, widget=forms.TextInput(attrs=_CODE_ATTRS)
    )
    username = forms.CharField(
        label=_("Username"), required=False, max_length=150, widget=forms.TextInput(attrs=_USERNAME_ATTRS)
    )
    role = _role_field(required=False)
    include_revoked = forms.BooleanField(label=_("Include revoked grants"), required=False)


class GrantRoleForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs=_USERNAME_ATTRS),
        help_text=_("Someone who already holds a role in your units. For someone new, create an account."),
    )
    role = _role_field()
    unit = forms.CharField(
        label=_("Unit code"),
        max_length=40,
        widget=forms.TextInput(attrs=_CODE_ATTRS),
        help_text=_("The role covers this unit and everything under it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=_DATE, help_text=_("Leave empty for no expiry.")
    )


class CreateUserForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, widget=forms.TextInput(attrs=_USERNAME_ATTRS))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. Give it to the person privately."),
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    role = _role_field()
    unit = forms.CharField(
        label=_("Unit code"),
        max_length=40,
        widget=forms.TextInput(attrs=_CODE_ATTRS),
        help_text=_("The first role is held at this unit and covers everything under it."),
    )
