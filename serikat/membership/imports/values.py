"""Cell values as affiliates' spreadsheets hold them, turned into the registry's values.

Every reader returns what the file holds: text from CSV; text, floats, ints, dates and datetimes
from calamine (xlsx, xls, ods). Each function here accepts all of them and undoes the habits of
spreadsheet programs:

* a 16-digit NIK typed into a number cell: Excel keeps 15 significant digits, so the last digit
  becomes 0 (and CSV exports show 3.21602E+15). Such a NIK cannot be trusted: an error that says so.
* phones whose leading 0 was dropped (81234567890), or that came back as floats (81234567890.0);
* dates as date cells, as serial numbers (31276 is 17 August 1985), as ISO text, as dd/mm/yyyy,
  dd-mm-yyyy, dd.mm.yyyy, and as Indonesian or English text with month names or abbreviations
  ("17 Agustus 1985", "17-Agt-85", "17 Aug 1985");
* genders as L/P, Laki-laki/Perempuan, Pria/Wanita, M/F, Male/Female;
* wages as "Rp 4.500.000", "4.500.000,00", "Rp4,500,000" or numbers;
* stray spaces, non-breaking spaces and zero-width characters anywhere.

Functions raise `CellProblem` for a value that cannot be used; the pipeline turns it into a problem
naming the row and column.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from serikat.core.errors import DomainError
from serikat.membership.phones import normalise_phone

# Excel's 1900 date system counts days from 30 December 1899 (it believes 1900 was a leap year,
# which only shifts serials before March 1900, long before any member was born).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1900, 2100
FLOAT_EXACT_LIMIT = 2**53  # integers above this cannot all be held by a float


class CellProblem(Exception):
    """A cell value that cannot be used. `is_error` False: a warning, the value is left out."""

    def __init__(self, code: str, message: str, *, is_error: bool = True):
        super().__init__(message)
        self.code = code
        self.message = message
        self.is_error = is_error


# --- text -----------------------------------------------------------------------------------------

# Non-breaking, thin, ideographic and zero-width spaces, and the byte-order mark.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_RUNS = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """Text with every kind of space made plain, runs collapsed and the ends trimmed."""
    if value is None:
        return ""
    if isinstance(value, float):
        return _number_text(value)
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # no space but single plain ones inside (every other space is not printable)
    if text.isascii():
        return " ".join(text.split())
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    return _RUNS.sub(" ", text).strip()


def _number_text(value: float) -> str:
    """A number cell as text: 12345.0 -> '12345' (employee numbers, KTA numbers typed as numbers)."""
    if value.is_integer():
        return str(int(value))
    return repr(value)


def limited(text: str, limit: int, *, is_error: bool = True) -> str:
    """The text, or CellProblem when it does not fit (a warning leaves the value out)."""
    if len(text) > limit:
        message = _("Longer than %(limit)d characters (%(count)d).") % {"limit": limit, "count": len(text)}
        if not is_error:
            message = _("%(problem)s It was left out.") % {"problem": message}
        raise CellProblem("too_long", message, is_error=is_error)
    return text


# --- NIK -----------------------------------------------------------------------------------------

_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")


def nik_text(value: object) -> str:
    """The NIK's digits, or CellProblem when a spreadsheet has already cut them.

    A NIK that arrives as a number lost its last digit if Excel ever held it (Excel keeps 15
    significant digits and writes a 0 in the 16th place) or if it is too large for a float to hold
    exactly. A number whose 16th digit is not 0 came from a program that kept every digit: it is
    used, with a warning (added by the caller).
    """
    if type(value) is str and len(value) == 16 and value.isdigit() and value.isascii():
        return value  # the usual case: 16 digits typed as text
    if isinstance(value, bool):
        raise CellProblem("nik_not_digits", _("A NIK has digits only."))
    if isinstance(value, int | float):
        number = int(value)
        if isinstance(value, float) and not value.is_integer():
            raise CellProblem("nik_not_digits", _("A NIK has digits only."))
        digits = str(number)
        if len(digits) == 16 and (digits.endswith("0") or number > FLOAT_EXACT_LIMIT):
            raise CellProblem(
                "nik_precision_lost",
                _(
                    "The NIK is stored as a number (%(shown)s). Spreadsheets keep only 15 digits of a number, "
                    "so its last digit may have been lost. Format the column as Text and type the NIK again."
                )
                % {"shown": digits},
            )
        return digits
    text = clean_text(value).lstrip("'")
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise CellProblem(
            "nik_precision_lost",
            _(
                "The NIK was saved in scientific notation (%(shown)s): its last digits are lost. "
                "Format the column as Text in the spreadsheet and type the NIK again."
            )
            % {"shown": text},
        )
    if text.endswith(".0") and text[:-2].isdigit():  # a number cell exported as text
        text = text[:-2]
    return text


_NUMBERS = (int, float)


def is_number_cell(value: object) -> bool:
    return isinstance(value, _NUMBERS) and not isinstance(value, bool)


# --- phones --------------------------------------------------------------------------------------

_NOT_DIGITS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isdigit()))
_ID_MOBILE = re.compile(phonenumbers.PhoneMetadata.metadata_for_region("ID").mobile.national_number_pattern)


def phone_value(value: object) -> str:
    """E.164 (+62...) or '' for an empty cell; CellProblem (a warning: the phone is left out) otherwise.

    Indonesian mobile numbers, by far the most common, are recognised here with the same pattern
    `phonenumbers` uses, without its per-number cost; everything else goes through normalise_phone.
    """
    if value is None or value == "":
        return ""
    text = _number_text(value) if isinstance(value, float) else clean_text(value)
    if not text:
        return ""
    digits = text.translate(_NOT_DIGITS) if text.isascii() else "".join(ch for ch in text if ch.isdigit())
    plus = text.startswith("+")
    national = None
    if plus and digits.startswith("62"):
        national = digits[2:]
    elif not plus:
        if digits.startswith("0"):
            national = digits[1:]
        elif digits.startswith("62") and len(digits) >= 11:
            national = digits[2:]
        elif digits.startswith("8"):
            national = digits
    if national is not None and _ID_MOBILE.fullmatch(national):
        return "+62" + national
    try:
        return normalise_phone(text)
    except DomainError:
        raise CellProblem(
            "phone_invalid",
            _("%(text)s is not a phone number; the phone was left out.") % {"text": text},
            is_error=False,
        ) from None


# --- dates ---------------------------------------------------------------------------------------

MONTHS = {
    # Indonesian, with the abbreviations offices use (Agt, Ags, Agu, Agus; Peb, Nop; Sept)
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "maret": 3,
    "mar": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "agst": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    # English
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "aug": 8,
    "october": 10,
    "oct": 10,
    "december": 12,
    "dec": 12,
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NAMED = re.compile(r"^(\d{1,2})[\s.\-/]*([^\W\d_]+)\.?[\s.\-/,]*(\d{2}|\d{4})$")
_NAMED_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")  # "August 17, 1985"
_SERIAL = re.compile(r"^\d{4,5}(?:\.0+)?$")


def _year(two_or_four: str, today: datetime.date) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 2:
        # A two-digit year is this century unless that would be in the future.
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def _date(year: int, month: int, day: int) -> datetime.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _from_serial(serial: float) -> datetime.date | None:
    if not 1 <= serial < 80_000:  # 80,000 is the year 2119
        return None
    return EXCEL_EPOCH + datetime.timedelta(days=int(serial))


@lru_cache(maxsize=65_536)
def _date_from_text(text: str, today: datetime.date) -> datetime.date | None:
    if m := _ISO.match(text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(text):
        first, second, year = int(m[1]), int(m[2]), _year(m[3], today)
        # Indonesia writes day first; a "month" above 12 can only be an American month-first date.
        if second > 12 >= first:
            return _date(year, first, second)
        return _date(year, second, first)
    if m := _YEAR_FIRST.match(text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NAMED.match(text):
        month = MONTHS.get(m[2].lower())
        return _date(_year(m[3], today), month, int(m[1])) if month else None
    if m := _NAMED_FIRST.match(text):
        month = MONTHS.get(m[1].lower())
        return _date(int(m[3]), month, int(m[2])) if month else None
    if _SERIAL.match(text):
        return _from_serial(float(text))
    return None


def date_value(value: object, *, today: datetime.date) -> datetime.date | None:
    """A date from a date cell, a serial number, or text in the usual forms; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    elif is_number_cell(value):
        result = _from_serial(float(value))  # type: ignore[arg-type]
    else:
        text = clean_text(value)
        if not text:
            return None
        result = _date_from_text(text.lower(), today)
    if result is None or not MIN_YEAR <= result.year <= MAX_YEAR:
        raise CellProblem(
            "date_invalid",
            _("%(text)s is not a date (write it as 17/08/1985 or 17 Agustus 1985); it was left out.")
            % {"text": clean_text(value)},
            is_error=False,
        )
    return result


# --- gender --------------------------------------------------------------------------------------

GENDERS = {
    "l": "M",
    "lk": "M",
    "laki": "M",
    "laki-laki": "M",
    "laki laki": "M",
    "lakilaki": "M",
    "lelaki": "M",
    "pria": "M",
    "m": "M",
    "male": "M",
    "man": "M",
    "p": "F",
    "pr": "F",
    "perempuan": "F",
    "wanita": "F",
    "f": "F",
    "female": "F",
    "woman": "F",
    "w": "F",
}


def gender_value(value: object) -> str | None:
    """'M', 'F', or None for an empty cell; a warning for anything else (the NIK's gender is used)."""
    text = clean_text(value).lower().rstrip(".")
    if not text:
        return None
    gender = GENDERS.get(text)
    if gender is None:
        raise CellProblem(
            "gender_unknown",
            _("%(text)s is not a gender (L/P); the gender the NIK gives was used.") % {"text": clean_text(value)},
            is_error=False,
        )
    return gender


# --- money ---------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"(?i)^(?:rp\.?|idr)\s*|\s*(?:rp\.?|idr|,-|\.-)$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_MAX_WAGE = Decimal("999999999999")


def wage_value(value: object) -> Decimal | None:
    """Whole Rupiah from 'Rp 4.500.000', '4.500.000,00', '4,500,000.00', '4500000' or a number cell."""
    if value is None or value == "":
        return None
    if is_number_cell(value):
        amount = Decimal(str(value))
    else:
        text = clean_text(value)
        if not text:
            return None
        text = _CURRENCY.sub("", text).replace(" ", "")
        amount = _amount_from_text(text)
        if amount is None:
            raise CellProblem(
                "wage_invalid",
                _("%(text)s is not an amount in Rupiah; the wage was left out.") % {"text": clean_text(value)},
                is_error=False,
            )
    amount = amount.quantize(Decimal(1))
    if amount < 0 or amount > _MAX_WAGE:
        raise CellProblem(
            "wage_invalid",
            _("%(amount)s is not a possible wage; it was left out.") % {"amount": amount},
            is_error=False,
        )
    return amount


def _amount_from_text(text: str) -> Decimal | None:
    if not text:
        return None
    if _GROUPED.match(text):  # 4.500.000 or 4,500,000: thousands only
        text = text.replace(".", "").replace(",", "")
    elif "," in text and "." in text:
        # The separator that comes last is the decimal one: 4.500.000,00 or 4,500,000.00.
        last_is_comma = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if last_is_comma else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# --- small vocabularies ---------------------------------------------------------------------------

EMPLOYMENT = {
    "permanent": "permanent",
    "tetap": "permanent",
    "karyawan tetap": "permanent",
    "pekerja tetap": "permanent",
    "pkwtt": "permanent",
    "fixed_term": "fixed_term",
    "kontrak": "fixed_term",
    "karyawan kontrak": "fixed_term",
    "pkwt": "fixed_term",
    "fixed term": "fixed_term",
    "fixed-term": "fixed_term",
    "contract": "fixed_term",
    "outsourced": "outsourced",
    "outsourcing": "outsourced",
    "outsource": "outsourced",
    "alih daya": "outsourced",
    "daily": "daily",
    "harian": "daily",
    "harian lepas": "daily",
    "bhl": "daily",
    "informal": "informal",
    "migrant": "migrant",
    "migran": "migrant",
    "pmi": "migrant",
}


def employment_value(value: object) -> str:
    text = clean_text(value).lower()
    if not text:
        return ""
    status = EMPLOYMENT.get(text) or EMPLOYMENT.get(text.split("(")[0].strip())
    if status is None:
        raise CellProblem(
            "employment_unknown",
            _("%(text)s is not a known employment status (Tetap, Kontrak, Outsourcing, Harian); it was left out.")
            % {"text": clean_text(value)},
            is_error=False,
        )
    return status


# A strict subset of what Django's validate_email accepts, checked first because it is ten times faster.
_PLAIN_EMAIL = re.compile(r"^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def email_value(value: object) -> str:
    text = clean_text(value).replace(" ", "").lower()
    if not text:
        return ""
    if len(text) <= 254 and _PLAIN_EMAIL.match(text):
        return text
    try:
        validate_email(text)
    except ValidationError:
        raise CellProblem(
            "email_invalid", _("%(text)s is not an email address; it was left out.") % {"text": text}, is_error=False
        ) from None
    return text[:254]


def code_value(value: object) -> str:
    """KTA and employee numbers: text as typed; a number cell without its '.0'."""
    if isinstance(value, float):
        return _number_text(value)
    return clean_text(value).lstrip("'")


def birth_place_and_date(value: object, *, today: datetime.date) -> tuple[str, datetime.date | None]:
    """'Bekasi, 17 Agustus 1985' (a "Tempat/Tgl Lahir" column) -> ('Bekasi', date(1985, 8, 17))."""
    if isinstance(value, datetime.date):
        return "", date_value(value, today=today)
    text = clean_text(value)
    if not text:
        return "", None
    place, sep, when = text.rpartition(",")
    if not sep:
        place, sep, when = text.rpartition("/")
    if not sep:
        raise CellProblem(
            "birth_place_date_invalid",
            _("Write the place and the date of birth separated by a comma (Bekasi, 17-08-1985); it was left out."),
            is_error=False,
        )
    return place.strip(), date_value(when.strip(), today=today)
