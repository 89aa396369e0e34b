"""The membership verification list of Permenakertrans PER.06/MEN/IV/2005, per company and affiliation.

The kabupaten/kota manpower office verifies a union's members company by company: a table of name,
unit/department and KTA number, signed by the union board (Ketua and Sekretaris) and by the
employer, later recapped per affiliation. This module builds that table (a read model, scoped to
what the actor may export) and writes it as PDF (WeasyPrint, A4 landscape, "Halaman X dari Y") and
as xlsx (XlsxWriter, the same content). Both are set in Bahasa Indonesia by default: the document
goes to the Indonesian authorities, whatever language the officer's screens use.

The xlsx neutralises formulas: every cell is written as a string (never through XlsxWriter's
formula or URL guessing), and text that a spreadsheet would take for a formula once edited (starting
with = + - @, a tab or a line break) gets the cell's quote prefix, Excel's own "this is text" flag,
so the value stays exactly as registered.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.errors import Forbidden, NotFound
from serikat.core.scoping import has_any
from serikat.membership.documents.fonts import FILES, font_dir, font_face_css
from serikat.membership.models import Membership
from serikat.organisation.models import OfficerTerm, Unit

PDF = "pdf"
XLSX = "xlsx"
FORMATS = (PDF, XLSX)
CHOICES_LIMIT = 100
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass(frozen=True)
class Row:
    number: int
    name: str
    department: str
    kta_number: str
    membership_id: int
    unit_id: int


@dataclass(frozen=True)
class Union:
    """A union whose members are on the list, with its board for the signature blocks."""

    id: int
    name: str
    registration_number: str
    chair: str
    secretary: str


@dataclass
class VerificationList:
    company: str
    workplace: str
    federation: str
    place: str
    made_on: datetime.date
    unions: list[Union]
    rows: list[Row] = field(default_factory=list)


def _target_filter(employer: Any, workplace: Any) -> dict[str, Any]:
    if (employer is None) == (workplace is None):
        raise ValueError("give an employer or a workplace, not both")
    # A workplace's memberships through their employer's index (membership_employer): the
    # workplace column has none (an import would keep it for every row; ADR 0027).
    if workplace is not None:
        return {"employer_id": workplace.employer_id, "workplace": workplace}
    return {"employer": employer}


def build_verification_list(
    actor: Any, *, federation: Unit, employer: Any = None, workplace: Any = None, on: datetime.date | None = None
) -> VerificationList:
    """The active members of `federation` at the employer (or one workplace of it) whom the actor may
    export, sorted by name; with the unions they belong to and those unions' current Ketua and
    Sekretaris. Refuses like the access functions: 403 for someone who may export nothing, or who
    may only see these members; 404 when none of them is in scope."""
    if not has_any(actor, perms.EXPORT_MEMBERS):
        raise Forbidden(_("You may not export member lists."))
    target = _target_filter(employer, workplace)
    base = Membership.objects.filter(federation=federation, status=Membership.Status.ACTIVE, **target)
    rows = list(
        base.visible_to(actor, perms.EXPORT_MEMBERS)
        .select_related("member")
        .order_by("member__full_name", "kta_number", "pk")
        .values_list("pk", "unit_id", "member__full_name", "department", "kta_number")
    )
    if not rows:
        if base.visible_to(actor, perms.VIEW_MEMBER).exists():
            raise Forbidden(_("You may see these members, but not export them."))
        raise NotFound(_("Not found."))
    unit_ids = sorted({unit_id for _pk, unit_id, *_rest in rows})
    units = Unit.objects.in_bulk(unit_ids)
    board: dict[tuple[int, str], str] = {}
    terms = (
        OfficerTerm.objects.current(on)
        .filter(unit_id__in=unit_ids, position__code__in=("ketua", "sekretaris"))
        .order_by("started_on", "pk")
        .values_list("unit_id", "position__code", "person_name")
    )
    for unit_id, code, person in terms:
        board[(unit_id, code)] = person
    unions = [
        Union(
            id=pk,
            name=units[pk].name,
            registration_number=units[pk].registration_number,
            chair=board.get((pk, "ketua"), ""),
            secretary=board.get((pk, "sekretaris"), ""),
        )
        for pk in unit_ids
    ]
    company = workplace.employer if workplace is not None else employer
    region = (workplace.region if workplace is not None else None) or company.region
    return VerificationList(
        company=company.name,
        workplace=workplace.name if workplace is not None else "",
        federation=federation.name,
        place=region.name if region is not None else "",
        made_on=on or timezone.localdate(),
        unions=unions,
        rows=[
            Row(number=i, name=name, department=department, kta_number=kta, membership_id=pk, unit_id=unit_id)
            for i, (pk, unit_id, name, department, kta) in enumerate(rows, start=1)
        ],
    )


def verification_list_choices(actor: Any, *, text: str = "", limit: int = CHOICES_LIMIT) -> dict[str, Any]:
    """What the actor may make a list for: (employer, federation) and (workplace, federation) pairs
    with their number of active members in the actor's export scope. Two grouped queries; at most
    `limit` of each (`more_*` says whether there were more), filtered by company or workplace name."""
    rows = Membership.objects.visible_to(actor, perms.EXPORT_MEMBERS).filter(status=Membership.Status.ACTIVE)
    text = text.strip()
    by_employer = rows.filter(employer__isnull=False)
    by_workplace = rows.filter(workplace__isnull=False)
    if text:
        by_employer = by_employer.filter(employer__name__icontains=text)
        by_workplace = by_workplace.filter(workplace__name__icontains=text) | by_workplace.filter(
            workplace__employer__name__icontains=text
        )
    employers = list(
        by_employer.values("employer_id", "employer__name", "federation_id", "federation__name")
        .annotate(count=Count("id"))
        .order_by("employer__name", "employer_id", "federation__name")[: limit + 1]
    )
    workplaces = list(
        by_workplace.values(
            "workplace_id", "workplace__name", "workplace__employer__name", "federation_id", "federation__name"
        )
        .annotate(count=Count("id"))
        .order_by("workplace__employer__name", "workplace__name", "workplace_id", "federation__name")[: limit + 1]
    )
    return {
        "employers": employers[:limit],
        "more_employers": len(employers) > limit,
        "workplaces": workplaces[:limit],
        "more_workplaces": len(workplaces) > limit,
        "limit": limit,
    }


# --- writing ---------------------------------------------------------------------------------------


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def _css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and a few marks as a hex escape, so that
    no text (a company's name included) can end the string or the style element."""
    out = []
    for char in text:
        if (char.isalnum() and char.isascii()) or char in " .,:-_()/":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def _page_counter_css() -> str:
    """CSS `content` for "Halaman X dari Y" in the active language, from one translatable string."""
    marker_page, marker_pages = "\x00PAGE\x00", "\x00PAGES\x00"
    text = _("Page %(page)s of %(pages)s") % {"page": marker_page, "pages": marker_pages}
    parts = []
    for chunk in text.split(marker_page):
        pieces = chunk.split(marker_pages)
        parts.append(" counter(pages) ".join(_css_string(p) for p in pieces))
    return " counter(page) ".join(parts)


def _title() -> str:
    return _("Membership verification list")


def render_pdf(document: VerificationList, *, language: str = "id") -> bytes:
    """A4 landscape, the table's header repeated on every page, signatures kept together at the end."""
    from weasyprint import HTML  # imported here: loading Pango costs time that only this export needs

    with translation.override(language):
        html = render_to_string(
            "membership/cards/verification_list_pdf.html",
            {
                "doc": document,
                "language": language,
                "title": _title(),
                "made_on": _date(document.made_on),
                "facts": _header_facts(document),
                "font_faces": font_face_css(),
                "page_counter": _page_counter_css(),
                "running_title": _css_string(f"{_title()} · {document.company} · {document.federation}"),
            },
        )
    return HTML(string=html, url_fetcher=_fonts_only()).write_pdf()


def _fonts_only() -> Any:
    """A WeasyPrint fetcher that reads the font files and nothing else: no file or network access
    can come from the content, whatever a name in it says."""
    from weasyprint.urls import URLFetcher

    allowed = {(font_dir() / name).as_uri() for name in FILES}

    class FontsOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in allowed:
                raise ValueError(f"not fetched: {url[:80]}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=("file",))


def _is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def render_xlsx(document: VerificationList, *, language: str = "id") -> bytes:
    """The same content as the PDF in one worksheet, set up to print A4 landscape with page numbers."""
    import xlsxwriter

    out = io.BytesIO()
    # No URL or formula guessing anywhere: every value goes through write_string / write_number.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    with translation.override(language):
        sheet = book.add_worksheet(_("Members")[:31])
        bold = book.add_format({"bold": True})
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "border": 1, "bg_color": "#E5E7EB"})
        cell = book.add_format({"border": 1})
        cell_quoted = book.add_format({"border": 1, "quote_prefix": True})
        plain_quoted = book.add_format({"quote_prefix": True})

        def text(row: int, col: int, value: str, fmt: Any = None, quoted: Any = plain_quoted) -> None:
            value = value or ""
            sheet.write_string(row, col, value, quoted if _is_formula_like(value) else fmt)

        row = 0
        text(row, 0, _title(), title)
        row += 2
        for label, value in _header_facts(document):
            text(row, 0, label, bold)
            text(row, 1, value)
            row += 1
        row += 1
        header_row = row
        for col, label in enumerate((_("No."), _("Name"), _("Unit / department"), _("KTA number"))):
            sheet.write_string(row, col, label, head)
        for item in document.rows:
            row += 1
            sheet.write_number(row, 0, item.number, cell)
            text(row, 1, item.name, cell, cell_quoted)
            text(row, 2, item.department, cell, cell_quoted)
            text(row, 3, item.kta_number, cell, cell_quoted)
        row += 2
        place = f"{document.place}, {_date(document.made_on)}" if document.place else _date(document.made_on)
        text(row, 0, place)
        row += 2
        for union in document.unions:
            text(row, 0, _("For the union board: %(union)s") % {"union": union.name}, bold)
            row += 1
            for position, person in (("Ketua", union.chair), ("Sekretaris", union.secretary)):
                text(row, 0, position)
                text(row, 1, person or "")
                text(row, 2, _("Signature:") + " ____________________")
                row += 1
            row += 1
        text(row, 0, _("For the employer: %(company)s") % {"company": document.company}, bold)
        row += 1
        for label in (_("Name:"), _("Position:"), _("Signature:")):
            text(row, 0, label)
            text(row, 1, "____________________")
            row += 1
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 38)
        sheet.set_column(2, 2, 30)
        sheet.set_column(3, 3, 26)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.repeat_rows(header_row)
        sheet.fit_to_pages(1, 0)
        footer = _("Page %(page)s of %(pages)s").replace("&", "&&") % {"page": "&P", "pages": "&N"}
        sheet.set_footer("&C" + footer)
    book.close()
    return out.getvalue()


def _header_facts(document: VerificationList) -> list[tuple[str, str]]:
    facts = [(_("Company"), document.company)]
    if document.workplace:
        facts.append((_("Workplace"), document.workplace))
    facts.append((_("Affiliation"), document.federation))
    facts.append((_("Union"), ", ".join(u.name for u in document.unions)))
    numbers = ", ".join(u.registration_number for u in document.unions if u.registration_number)
    if numbers:
        facts.append((_("Registration number"), numbers))
    facts.append((_("Date"), _date(document.made_on)))
    facts.append((_("Number of members"), str(len(document.rows))))
    return facts


def header_facts(document: VerificationList, *, language: str = "id") -> list[tuple[str, str]]:
    with translation.override(language):
        return _header_facts(document)
