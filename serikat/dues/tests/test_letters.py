"""The letters to employers as PDFs, read back with pypdf: A4, page numbers, embedded fonts, the
content KEP.187/2004 Pasal 4 requires, NIKs masked, and a reprint that reads like the first print."""

from __future__ import annotations

import datetime

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.errors import NotFound
from serikat.dues import events
from serikat.dues import services_authorisations as services
from serikat.dues.documents import letters
from serikat.dues.models import EmployerLetter
from serikat.dues.tests.authorisations_world import REGISTRATION, SIGNED, plant_union
from serikat.membership.tests.cards_helpers import fonts_of, page_size_pt, pdf_reader, text_of
from serikat.organisation.models import Position
from serikat.organisation.services import appoint_officer, end_officer_term

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)


@pytest.fixture
def union(tree):
    union = plant_union(tree, members=45)
    services.record_authorisations(
        actor=tree.admin,
        unit=tree.puk_a,
        employer=union.employer,
        membership_ids=[m.pk for m in union.members[:40]],
        signed_on=SIGNED,
    )
    return union


def flat(text: str) -> str:
    """pypdf puts spaces inside kerned words ("KEP .568", "T empat"): compare without spaces."""
    return text.replace(" ", "")


def has(text: str, phrase: str) -> bool:
    return flat(phrase) in flat(text)


def _text(pdf: bytes) -> tuple[list[str], str]:
    pages = [text_of(page) for page in pdf_reader(pdf).pages]
    return pages, " ".join(pages)


def test_the_notification_has_what_kep_187_asks_for_with_niks_masked(tree, make_user, union):
    officer = make_user("secretariat", tree.puk_a)
    letter = services.issue_notification_letter(actor=officer, unit=tree.puk_a, employer=union.employer)
    pdf = services.letter_pdf(actor=officer, letter=letter)
    reader = pdf_reader(pdf)
    pages, text = _text(pdf)
    for page in reader.pages:
        width, height = page_size_pt(page)
        assert abs(width - A4[0]) <= 0.5 and abs(height - A4[1]) <= 0.5
    assert [f"Halaman {i} dari {len(pages)}" in page for i, page in enumerate(pages, start=1)] == [True] * len(pages)
    first = pages[0]
    assert "PUK-A" in first and has(first, f"Nomor Pencatatan: {REGISTRATION}")
    assert has(first, f"Nomor : {letter.number}") and has(first, "Lampiran : 4 (empat) berkas")
    assert has(first, "Perihal : Pemberitahuan Pemotongan Iuran Anggota melalui Sistem Check-Off (KEP.187/MEN/X/2004)")
    assert has(first, "PT Maju Logam") and has(first, "Manajer Personalia / HRD")
    assert has(text, "1% dari upah sebulan (paling sedikit Rp25.000, paling banyak Rp150.000)")
    assert has(text, "paling lambat tanggal 10 bulan berikutnya")
    assert "Ahmad Yani" in text and "Dewi Lestari" in text
    for heading in (
        "Lampiran I: Daftar Anggota",
        "Lampiran II: Daftar Pengurus",
        "Lampiran III: Daftar Surat Kuasa Pemotongan Iuran",
        "Lampiran IV: Ketentuan Iuran dan Pembagiannya",
    ):
        assert has(text, heading)
    assert has(text, "Ketua Ahmad Yani Sekretaris Dewi Lestari")  # the signature blocks
    assert has(text, "1 Ahmad Yani Ketua 1 Januari 2024 s.d. selesai masa bakti")  # the officers' list
    assert has(text, "Pimpinan Unit Kerja 40% Pimpinan Cabang 15% Konsulat Cabang 10%")
    for n, membership in enumerate(union.members[:40], start=1):
        nik = membership.member.nik
        row = f"{n} {membership.member.full_name} {membership.kta_number} ************{nik[-4:]} K-{n:04d}"
        assert has(text, row), row
        assert nik not in flat(text)
    for membership in union.members[40:]:  # no authorisation: not on the letter
        assert membership.member.full_name not in text
    assert has(text, "************0001 3 Februari 2025")
    assert [name for name, embedded in fonts_of(pdf) if not embedded] == []
    assert {name.split("+")[-1] for name, _embedded in fonts_of(pdf)} >= {"Serikat-Sans", "Serikat-Mono"}
    export = AuditEvent.objects.filter(kind=events.DUES_EXPORTED).get()
    assert (export.object_id, export.unit_id, export.data["document"]) == (
        str(letter.pk),
        tree.puk_a.pk,
        "employer_letter",
    )
    assert sorted(export.data["memberships"]) == sorted(m.pk for m in union.members[:40])


def test_a_reprint_reads_like_the_snapshot_whatever_changed_since(tree, union, today):
    letter = services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    first = _text(letters.render_pdf(letter))
    snapshot = dict(letter.content)
    # After the letter: the chair's term ends, a member revokes, the union's number changes.
    end_officer_term(
        actor=tree.admin, term=union.officers["ketua"], ended_on=today - datetime.timedelta(days=1), reason="resigned"
    )
    appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=Position.objects.get(code="ketua"),
        person_name="Ketua Baru Sekali",
        gender="M",
        started_on=today,
    )
    tree.puk_a.registration_number = "NOMOR-BARU"
    tree.puk_a.save(update_fields=["registration_number"])
    stored = EmployerLetter.objects.get(pk=letter.pk)
    assert stored.content == snapshot
    again = _text(letters.render_pdf(stored))
    assert again == first
    assert not has(again[1], "Ketua Baru Sekali") and not has(again[1], "NOMOR-BARU")
    assert has(again[1], "Ketua Ahmad Yani") and has(again[1], REGISTRATION)


def test_the_letter_goes_to_the_address_and_the_person_recorded_for_the_employer(tree, union):
    from serikat.organisation.services import update_employer

    update_employer(
        actor=tree.admin,
        employer=union.employer,
        address="Jl. Industri Raya No. 5\nKawasan MM2100, Cikarang Barat",
        letters_attention="Direktur Sumber Daya Manusia",
    )
    letter = services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    first = _text(letters.render_pdf(letter))[0][0]
    assert has(first, "c.q. Direktur Sumber Daya Manusia") and not has(first, "Manajer Personalia / HRD")
    assert has(first, "Jl. Industri Raya No. 5") and has(first, "Kawasan MM2100, Cikarang Barat")


def test_the_revocation_notice_names_the_member_masked_and_the_month_to_stop(tree, union):
    authorisation = union.members[0].authorisations.get()
    revoked = services.revoke_authorisation(
        actor=tree.admin,
        authorisation=authorisation,
        revoked_on=datetime.date(2025, 10, 31),
        reason="anggota mencabut kuasanya",
    )
    pdf = services.letter_pdf(actor=tree.admin, letter=revoked.notice)
    reader = pdf_reader(pdf)
    pages, text = _text(pdf)
    assert len(pages) == 1
    width, height = page_size_pt(reader.pages[0])
    assert abs(width - A4[0]) <= 0.5 and abs(height - A4[1]) <= 0.5
    nik = union.members[0].member.nik
    assert has(text, "Pemberitahuan Pencabutan Surat Kuasa Pemotongan Iuran Anggota")
    assert has(text, f"Anggota 01 {union.members[0].kta_number} ************{nik[-4:]} K-0001 3 Februari 2025")
    assert nik not in flat(text)
    assert has(text, "tidak berlaku lagi sejak 31 Oktober 2025")
    assert has(text, "mulai upah bulan November 2025")
    assert has(text, "Alasan: anggota mencabut kuasanya.")
    assert has(text, "Halaman 1 dari 1")
    assert [name for name, embedded in fonts_of(pdf) if not embedded] == []


def test_a_letter_pdf_is_only_for_officers_of_the_union_and_a_refusal_leaves_no_trace(tree, make_user, union):
    letter = services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    before = AuditEvent.objects.count()
    for actor in (make_user("secretariat", tree.puk_b), make_user("read_only", tree.puk_a), make_user()):
        with pytest.raises(NotFound):
            services.letter_pdf(actor=actor, letter=letter)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("value", "expected"),
    [(100, "1%"), (150, "1,5%"), (1234, "12,34%"), (4000, "40%"), (5, "0,05%")],
)
def test_percentages_are_written_with_a_decimal_comma(value, expected):
    assert letters.percent(value) == expected


def test_formats_of_the_letter():
    assert letters.rupiah(1250000) == "Rp1.250.000"
    assert letters.mask_nik("3216015708850001") == "************0001"
    assert letters.letter_number(7, "PUK-A", datetime.date(2026, 11, 3)) == "007/COS/PUK-A/XI/2026"
    assert letters.indonesian_date(datetime.date(2026, 11, 3)) == "3 November 2026"
