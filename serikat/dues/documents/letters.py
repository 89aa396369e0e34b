"""The letters a union sends to an employer about check-off, built as a frozen snapshot and written
as an A4 PDF by WeasyPrint.

* The **check-off notification** (KEP.187/MEN/X/2004 Pasal 4): the union's kop surat and nomor
  pencatatan, the letter number, the employer's HR as addressee, the body, signature blocks for the
  Ketua and Sekretaris in office, and four attachments: the members with an authorisation in
  force, the officers and their terms, the authorisations (surat kuasa), the dues rules.
* The **revocation notice**: one member's authorisation no longer holds, from a date.

`build_*_content()` read the database once and return plain JSON (the `EmployerLetter.content`
snapshot); `render_pdf()` reads nothing but that snapshot, so a reprint reads exactly like the
first print, whatever changed since. The letters are official Indonesian correspondence and are
always written in Bahasa Indonesia, whatever language the officer's screens use (ADR 0018), so
their fixed text is in the templates and here, not in the gettext catalogues. NIKs appear only
masked to their last four digits.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string

from serikat.dues.models import AllocationRule, Authorisation, EmployerLetter
from serikat.dues.policies import RuleBook, policy_book
from serikat.membership.documents.fonts import FILES, font_dir, font_face_css
from serikat.organisation.models import OfficerTerm, Position, Unit

CONTENT_VERSION = 1
LETTER_CODE = "COS"
SUBJECT_NOTIFICATION = "Pemberitahuan Pemotongan Iuran Anggota melalui Sistem Check-Off (KEP.187/MEN/X/2004)"
SUBJECT_REVOCATION = "Pemberitahuan Pencabutan Surat Kuasa Pemotongan Iuran Anggota"
DEADLINE = "tanggal 10 bulan berikutnya"

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Why a membership ended, as the revocation notice says it (Membership.EndReason values).
END_REASONS = {
    "death": "anggota meninggal dunia",
    "resignation": "anggota mengundurkan diri dari keanggotaan serikat pekerja",
    "dismissal": "anggota diberhentikan dari keanggotaan serikat pekerja",
    "other_union": "anggota bergabung dengan serikat pekerja lain",
    "left_employer": "anggota tidak lagi bekerja di perusahaan",
    "transferred": "keanggotaan dipindahkan (mutasi) ke unit serikat pekerja lain",
}
ROUTES = {
    AllocationRule.Mode.DIRECT: "langsung ke rekening masing-masing tingkatan organisasi sesuai bagiannya",
    AllocationRule.Mode.CENTRALISED: "secara terpusat ke rekening {collector}, yang membagikannya kepada "
    "tingkatan organisasi lainnya",
}


# --- formatting (Indonesian conventions, no locale files involved) ----------------------------------


def indonesian_date(value: datetime.date | str | None) -> str:
    """'2026-11-03' -> '3 November 2026'."""
    if not value:
        return ""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def indonesian_month(value: datetime.date | str) -> str:
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{MONTHS[day.month - 1]} {day.year}"


def rupiah(amount: Any) -> str:
    """45000 -> 'Rp45.000' (dots between thousands, as Indonesian amounts are written)."""
    return "Rp" + f"{int(amount):,}".replace(",", ".")


def percent(basis_points: int) -> str:
    """100 -> '1%', 150 -> '1,5%', 1234 -> '12,34%' (a decimal comma)."""
    whole, rest = divmod(int(basis_points), 100)
    if not rest:
        return f"{whole}%"
    return f"{whole},{rest:02d}".rstrip("0") + "%"


def mask_nik(nik: str) -> str:
    """Only the last four digits show: '3216015708850001' -> '************0001'."""
    nik = (nik or "").strip()
    if len(nik) <= 4:
        return "*" * len(nik)
    return "*" * (len(nik) - 4) + nik[-4:]


def letter_number(sequence: int, unit_code: str, day: datetime.date) -> str:
    """'001/COS/PUK-A/XI/2026': the union's running number in the year, the series, the union, the
    month in Roman numerals and the year."""
    return f"{sequence:03d}/{LETTER_CODE}/{unit_code}/{ROMAN[day.month - 1]}/{day.year}"


def spelled(number: int) -> str:
    """Small counts in words, as letters write the number of attachments: 4 -> 'empat'."""
    words = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")
    return words[number] if 0 <= number < len(words) else str(number)


# --- snapshots ---------------------------------------------------------------------------------------


def _place(unit: Unit, employer: Any) -> str:
    for region in (unit.region, unit.territory.region if unit.territory_id else None, employer.region):
        if region is not None:
            return region.name
    return ""


def union_facts(unit: Unit, on: datetime.date) -> dict[str, Any]:
    """The union as the letterhead and signature blocks show it, with its officers in office on `on`
    (one query for the officers, one for the federation)."""
    federation = Unit.objects.filter(path=unit.federation_path).only("name").first() if unit.depth >= 2 else None
    terms = list(
        OfficerTerm.objects.current(on)
        .filter(unit=unit)
        .select_related("position")
        .order_by("position__rank", "started_on", "person_name", "pk")
    )
    officers = [
        {
            "name": term.person_name,
            "position": term.position.name + (f" ({term.portfolio})" if term.portfolio else ""),
            "started_on": term.started_on.isoformat(),
            "ends_on": term.ends_on.isoformat() if term.ends_on else "",
            "decree_number": term.decree_number,
        }
        for term in terms
    ]

    def first_of(kind: str) -> str:
        holders = sorted((t for t in terms if t.position.kind == kind), key=lambda t: (t.started_on, t.pk))
        return holders[0].person_name if holders else ""

    return {
        "name": unit.name,
        "code": unit.code,
        "federation": federation.name if federation is not None and federation.pk != unit.pk else "",
        "registration_number": unit.registration_number,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "officers": officers,
        "chair": first_of(Position.Kind.CHAIR),
        "secretary": first_of(Position.Kind.SECRETARY),
    }


def employer_facts(employer: Any) -> dict[str, Any]:
    return {
        "id": employer.pk,
        "name": employer.name,
        "business_number": employer.business_number,
        "region": employer.region.name if employer.region_id else "",
        "address": employer.address,
        "attention": employer.letters_attention,
    }


def dues_rules(unit: Unit, on: datetime.date) -> dict[str, Any]:
    """The dues policy and allocation rule in force for the union in the month of `on`, in words."""
    month = on.replace(day=1)
    policy = policy_book(month, federation_paths=[unit.path]).for_unit(unit)
    rule = RuleBook(AllocationRule, month, federation_paths=[unit.path]).for_unit(unit)
    result: dict[str, Any] = {"policy": None, "allocation": None, "deadline": DEADLINE}
    if policy is not None:
        if policy.kind == "flat":
            amount = f"{rupiah(policy.flat_amount)} per bulan"
        else:
            amount = f"{percent(policy.rate_basis_points or 0)} dari upah sebulan"
        limits = []
        if policy.kind != "flat" and policy.floor_amount is not None:
            limits.append(f"paling sedikit {rupiah(policy.floor_amount)}")
        if policy.kind != "flat" and policy.cap_amount is not None:
            limits.append(f"paling banyak {rupiah(policy.cap_amount)}")
        result["policy"] = {
            "kind": policy.kind,
            "amount": amount,
            "limits": ", ".join(limits),
            "rate_basis_points": policy.rate_basis_points,
            "flat_amount": None if policy.flat_amount is None else int(policy.flat_amount),
            "floor_amount": None if policy.floor_amount is None else int(policy.floor_amount),
            "cap_amount": None if policy.cap_amount is None else int(policy.cap_amount),
            "entry_fee": rupiah(policy.entry_fee_amount) if policy.entry_fee_amount else "",
            "set_by": policy.unit.name,
            "valid_from": policy.valid_from.isoformat(),
        }
    if rule is not None:
        collector = rule.collector_level.name if rule.collector_level_id else "tingkatan pengumpul"
        result["allocation"] = {
            "mode": rule.mode,
            "route": ROUTES.get(rule.mode, "").format(collector=collector),
            "shares": [
                {"level": share.level.name, "percent": percent(share.basis_points)} for share in rule.shares.all()
            ],
            "set_by": rule.unit.name,
            "valid_from": rule.valid_from.isoformat(),
        }
    return result


def authorised_members(unit: Unit, employer: Any, on: datetime.date) -> list[Authorisation]:
    """The union's current members with an authorisation for the employer in force on `on`, by name."""
    return list(
        Authorisation.objects.filter(unit=unit, employer=employer, signed_on__lte=on)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .filter(membership__unit=unit, membership__status__in=("active", "suspended"))
        .select_related("membership", "membership__member")
        .order_by("membership__member__full_name", "membership_id", "pk")
    )


def _member_row(number: int, authorisation: Authorisation) -> dict[str, Any]:
    membership = authorisation.membership
    return {
        "number": number,
        "name": membership.member.full_name,
        "kta_number": membership.kta_number,
        "nik": mask_nik(membership.member.nik),
        "employee_number": membership.employee_number,
        "department": membership.department,
        "signed_on": authorisation.signed_on.isoformat(),
        "authorisation": authorisation.pk,
        "membership": membership.pk,
    }


def build_notification_content(
    *, unit: Unit, employer: Any, issued_on: datetime.date, number: str, authorisations: list[Authorisation]
) -> dict[str, Any]:
    return {
        "version": CONTENT_VERSION,
        "kind": EmployerLetter.Kind.NOTIFICATION,
        "number": number,
        "issued_on": issued_on.isoformat(),
        "place": _place(unit, employer),
        "subject": SUBJECT_NOTIFICATION,
        "union": union_facts(unit, issued_on),
        "employer": employer_facts(employer),
        "members": [_member_row(i, a) for i, a in enumerate(authorisations, start=1)],
        "rules": dues_rules(unit, issued_on),
    }


def build_revocation_content(
    *, authorisation: Authorisation, issued_on: datetime.date, number: str, reason: str
) -> dict[str, Any]:
    unit, employer = authorisation.unit, authorisation.employer
    row = _member_row(1, authorisation)
    row["revoked_on"] = authorisation.revoked_on.isoformat() if authorisation.revoked_on else ""
    return {
        "version": CONTENT_VERSION,
        "kind": EmployerLetter.Kind.REVOCATION,
        "number": number,
        "issued_on": issued_on.isoformat(),
        "place": _place(unit, employer),
        "subject": SUBJECT_REVOCATION,
        "union": union_facts(unit, issued_on),
        "employer": employer_facts(employer),
        "member": row,
        "reason": reason,
        "first_month_without": indonesian_month(_month_after(authorisation.revoked_on))
        if authorisation.revoked_on
        else "",
    }


def _month_after(day: datetime.date) -> datetime.date:
    """The first payroll month the employer must no longer deduct: the month after the last day in force.

    An authorisation revoked on the month's last day is still in force for that month
    (docs/dues.md section 2), so the first month without is the following one; revoked earlier in
    the month, the month itself is already without."""
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    last_of_month = following - datetime.timedelta(days=1)
    return following if day >= last_of_month else day.replace(day=1)


# --- writing -----------------------------------------------------------------------------------------


def _fonts_only() -> Any:
    """A WeasyPrint fetcher that reads the font files and nothing else: a name in a letter can never
    make the renderer open a file or the network."""
    from weasyprint.urls import URLFetcher

    allowed = {(font_dir() / name).as_uri() for name in FILES}

    class FontsOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in allowed:
                raise ValueError(f"not fetched: {url[:80]}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=("file",))


def _dated(rows: list[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        row = dict(row)
        for name in fields:
            row[f"{name}_text"] = indonesian_date(row.get(name))
        out.append(row)
    return out


def css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and a few marks as a hex escape, so no text
    (a union's code included) can end the string or the style element."""
    out = []
    for char in text:
        if (char.isalnum() and char.isascii()) or char in " .,:-_()/":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def template_context(content: dict[str, Any]) -> dict[str, Any]:
    """What the templates need, derived from the snapshot alone (dates and amounts in words)."""
    union = dict(content["union"])
    union["officers"] = _dated(union.get("officers", []), "started_on", "ends_on")
    context: dict[str, Any] = {
        "c": content,
        "union": union,
        "employer": content["employer"],
        "issued_on_text": indonesian_date(content["issued_on"]),
        "font_faces": font_face_css(),
        "running_number": css_string(f"Nomor: {content['number']}"),
    }
    if content["kind"] == EmployerLetter.Kind.NOTIFICATION:
        rules = dict(content["rules"])
        if rules.get("policy"):
            rules["policy"] = {**rules["policy"], "valid_from_text": indonesian_month(rules["policy"]["valid_from"])}
        if rules.get("allocation"):
            allocation = rules["allocation"]
            rules["allocation"] = {**allocation, "valid_from_text": indonesian_month(allocation["valid_from"])}
        attachments = ["Daftar anggota", "Daftar pengurus dan masa baktinya", "Daftar surat kuasa pemotongan iuran"]
        attachments.append("Ketentuan iuran dan pembagiannya")
        context.update(
            {
                "members": _dated(content["members"], "signed_on"),
                "rules": rules,
                "attachments": attachments,
                "attachments_count": f"{len(attachments)} ({spelled(len(attachments))}) berkas",
            }
        )
    else:
        context["member"] = _dated([content["member"]], "signed_on", "revoked_on")[0]
        context["attachments_count"] = "-"
    return context


def render_pdf(letter: EmployerLetter) -> bytes:
    """The letter as an A4 PDF, from its snapshot only."""
    from weasyprint import HTML  # loading Pango costs time that only this export needs

    template = f"dues/letters/{letter.content['kind']}.html"
    html = render_to_string(template, template_context(letter.content))
    return HTML(string=html, url_fetcher=_fonts_only()).write_pdf()
