"""Indonesian phone numbers as people type them, stored as E.164 (+628...)."""

from __future__ import annotations

import phonenumbers
from django.utils.translation import gettext as _

from serikat.core.errors import DomainError


def normalise_phone(raw: object) -> str:
    """'0812-3456-789', '+62 812 3456 789', '62812…' and '812…' (Excel dropped the 0) -> '+62812…'.

    Empty input gives ''. A number that cannot be an Indonesian or international number raises
    DomainError naming the field "phone".
    """
    text = "" if raw is None else str(raw).strip()
    if text.endswith(".0"):  # a number cell read back as a float
        text = text[:-2]
    if not text:
        return ""
    digits = "".join(ch for ch in text if ch.isdigit() or ch == "+")
    if digits.startswith("8") and 9 <= len(digits) <= 13:
        digits = "0" + digits
    elif digits.startswith("62") and not digits.startswith("+"):
        digits = "+" + digits
    try:
        number = phonenumbers.parse(digits, "ID")
    except phonenumbers.NumberParseException:
        raise DomainError(_("%(text)s is not a phone number.") % {"text": text}, field="phone") from None
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise DomainError(_("%(text)s is not a valid phone number.") % {"text": text}, field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def whatsapp_form(e164: str) -> str:
    """The form WhatsApp links use: digits without the plus."""
    return e164.lstrip("+")
