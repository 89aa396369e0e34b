"""Which column holds what: header rows in Bahasa Indonesia and English, as affiliates write them.

A header is normalised before it is looked up: lower case, accents and punctuation gone, spaces
collapsed ("No. HP/WA" -> "no hp wa", "Tgl. Lahir*" -> "tgl lahir"); a bracketed note is tried
without its brackets too ("Tanggal Lahir (dd/mm/yyyy)" -> "tanggal lahir"). The header row itself
is found among the first rows of the sheet: title rows above it ("DAFTAR ANGGOTA PUK ...") are
skipped. What cannot be recognised is asked for on the mapping screen, and the answer is kept per
unit for the next file with the same header row (ColumnMapping).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

IGNORE = ""  # a column the import leaves alone (row numbers, remarks)

# The fields an import fills, with the label shown on the mapping screen.
FIELDS: dict[str, object] = {
    "nik": _("NIK"),
    "full_name": _("Full name"),
    "gender": _("Gender"),
    "birth_date": _("Birth date"),
    "birth_place": _("Birth place"),
    "birth_place_and_date": _("Birth place and date (Bekasi, 17-08-1985)"),
    "phone": _("Phone"),
    "email": _("Email"),
    "address": _("Address"),
    "kta_number": _("KTA number"),
    "employee_number": _("Employee number"),
    "employment_status": _("Employment status"),
    "job_title": _("Job"),
    "department": _("Department"),
    "monthly_wage_amount": _("Monthly wage (Rp)"),
    "joined_on": _("Joined on"),
}
REQUIRED = ("nik",)  # a file that only updates known members may leave names out

SYNONYMS: dict[str, tuple[str, ...]] = {
    "nik": (
        "nik",
        "nik ktp",
        "nik e ktp",
        "no nik",
        "nomor nik",
        "no ktp",
        "nomor ktp",
        "no e ktp",
        "ktp",
        "nomor induk kependudukan",
        "no induk kependudukan",
        "no identitas",
        "nomor identitas",
        "national id",
        "national id number",
        "id number",
        "identity number",
    ),
    "full_name": (
        "nama",
        "nama lengkap",
        "nama anggota",
        "nama karyawan",
        "nama pekerja",
        "nama buruh",
        "nama sesuai ktp",
        "name",
        "full name",
        "member name",
    ),
    "gender": ("jenis kelamin", "jns kelamin", "kelamin", "jk", "l p", "lp", "p l", "gender", "sex"),
    "birth_date": (
        "tgl lahir",
        "tanggal lahir",
        "tgl lhr",
        "tg lahir",
        "birth date",
        "date of birth",
        "birthdate",
        "dob",
    ),
    "birth_place": ("tempat lahir", "tmp lahir", "tmpt lahir", "tpt lahir", "birth place", "place of birth"),
    "birth_place_and_date": (
        "ttl",
        "tempat tgl lahir",
        "tempat tanggal lahir",
        "tempat dan tanggal lahir",
        "tempat tgl lhr",
        "tmp tgl lahir",
        "place and date of birth",
    ),
    "phone": (
        "no hp",
        "no hp wa",
        "no wa",
        "no wa hp",
        "nomor hp",
        "nomor hp wa",
        "nomor wa",
        "no handphone",
        "nomor handphone",
        "handphone",
        "hp",
        "hp wa",
        "wa",
        "whatsapp",
        "no whatsapp",
        "telepon",
        "telp",
        "tlp",
        "no telp",
        "no tlp",
        "no telepon",
        "nomor telepon",
        "phone",
        "phone number",
        "mobile",
        "mobile phone",
    ),
    "email": ("email", "e mail", "alamat email", "alamat e mail", "surel", "surat elektronik", "email address"),
    "address": ("alamat", "alamat rumah", "alamat domisili", "alamat lengkap", "alamat tinggal", "domisili", "address"),
    "kta_number": (
        "no kta",
        "nomor kta",
        "kta",
        "no kartu anggota",
        "nomor kartu anggota",
        "no anggota",
        "nomor anggota",
        "kta number",
        "member number",
        "membership number",
        "card number",
    ),
    "employee_number": (
        "nik karyawan",
        "nik perusahaan",
        "nik pegawai",
        "no induk karyawan",
        "nomor induk karyawan",
        "no induk pegawai",
        "nomor induk pegawai",
        "nip",
        "nrp",
        "no karyawan",
        "nomor karyawan",
        "id karyawan",
        "no pegawai",
        "employee number",
        "employee no",
        "employee id",
        "staff number",
    ),
    "employment_status": (
        "status kerja",
        "status karyawan",
        "status pekerja",
        "status kepegawaian",
        "status hubungan kerja",
        "status pegawai",
        "employment status",
        "employment",
    ),
    "department": ("bagian", "departemen", "dept", "divisi", "seksi", "unit kerja", "department", "division"),
    "job_title": ("jabatan", "posisi", "pekerjaan", "job", "job title", "position"),
    "monthly_wage_amount": (
        "upah",
        "gaji",
        "upah pokok",
        "gaji pokok",
        "upah bulanan",
        "gaji bulanan",
        "upah per bulan",
        "upah rp",
        "gaji rp",
        "wage",
        "monthly wage",
        "salary",
        "monthly salary",
    ),
    "joined_on": (
        "tgl masuk",
        "tanggal masuk",
        "tgl bergabung",
        "tanggal bergabung",
        "tgl daftar",
        "tanggal daftar",
        "tgl masuk anggota",
        "tanggal masuk anggota",
        "tanggal menjadi anggota",
        "anggota sejak",
        "joined",
        "joined on",
        "join date",
        "date joined",
        "member since",
    ),
    IGNORE: ("no", "no urut", "nomor urut", "nomor", "urut", "number", "keterangan", "ket", "catatan", "remarks"),
}

_LOOKUP: dict[str, str] = {synonym: name for name, synonyms in SYNONYMS.items() for synonym in synonyms}
_BRACKETS = re.compile(r"[(\[][^)\]]*[)\]]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise_header(text: object) -> str:
    """'  No. HP/WA*' -> 'no hp wa': lower case, no accents, punctuation as spaces, runs collapsed."""
    plain = unicodedata.normalize("NFKD", "" if text is None else str(text))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return _NOT_WORD.sub(" ", plain).strip()


def recognise(text: object) -> str | None:
    """The field a header names, IGNORE for a known column to skip, None when it is not known."""
    key = normalise_header(text)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    bare = normalise_header(_BRACKETS.sub(" ", str(text)))
    return _LOOKUP.get(bare) if bare else None


def headers_key(headers: list[str]) -> str:
    """The fingerprint of a header row, under which a unit's mapping is remembered."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


@dataclass
class Layout:
    """Where the header row is (0-based row index in the sheet) and what each column holds."""

    header_row: int
    headers: list[str]
    columns: dict[int, str] = field(default_factory=dict)  # column index -> field ("" ignored)
    unknown: list[int] = field(default_factory=list)  # indexes of headers not recognised nor mapped

    @property
    def missing(self) -> list[str]:
        mapped = set(self.columns.values())
        return [name for name in REQUIRED if name not in mapped]

    @property
    def is_complete(self) -> bool:
        return not self.unknown and not self.missing

    def as_json(self) -> dict[str, object]:
        return {
            "header_row": self.header_row,
            "headers": self.headers,
            "columns": {str(i): name for i, name in sorted(self.columns.items())},
            "unknown": self.unknown,
        }

    @classmethod
    def from_json(cls, data: dict) -> Layout:
        return cls(
            header_row=int(data.get("header_row", 0)),
            headers=list(data.get("headers", [])),
            columns={int(i): name for i, name in (data.get("columns") or {}).items()},
            unknown=[int(i) for i in data.get("unknown", [])],
        )


def _score(row: list[object]) -> int:
    return sum(1 for cell in row if isinstance(cell, str) and recognise(cell) not in (None, IGNORE))


def find_layout(rows: list[list[object]], saved: dict[str, str] | None = None) -> Layout:
    """The header row among `rows` (the first rows of the sheet): the one naming most known fields.

    `saved` is a unit's remembered mapping for this header row (normalised header -> field), which
    wins over the synonyms.
    """
    best, best_score = None, 0
    for index, row in enumerate(rows):
        score = _score(row)
        if score > best_score:
            best, best_score = index, score
    if best is None or best_score < 2:
        best = next((i for i, row in enumerate(rows) if any(clean(c) for c in row)), 0)
    headers = [clean(c) for c in rows[best]] if rows else []
    while headers and not headers[-1]:
        headers.pop()
    return layout_for(best, headers, saved)


def layout_for(header_row: int, headers: list[str], saved: dict[str, str] | None = None) -> Layout:
    layout = Layout(header_row=header_row, headers=headers)
    taken: set[str] = set()
    for index, header in enumerate(headers):
        if not header:
            continue
        key = normalise_header(header)
        name = saved.get(key) if saved and key in saved else recognise(header)
        if name is None:
            layout.unknown.append(index)
        elif name == IGNORE:
            layout.columns[index] = IGNORE
        elif name in taken:
            # Two columns for one field (e.g. "HP" and "No. WA"): the first is used, the other ignored.
            layout.columns[index] = IGNORE
        else:
            layout.columns[index] = name
            taken.add(name)
    return layout


def clean(cell: object) -> str:
    return " ".join(str(cell).split()) if cell not in (None, "") else ""
