"""The PER.06/MEN/IV/2005 verification list per company and affiliation, as PDF (read back with
pypdf) and xlsx (read back with openpyxl): content, scope, refusals, audit, formula neutralisation."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from serikat.audit.models import AuditEvent
from serikat.core.errors import Forbidden, NotFound
from serikat.membership import services, services_documents
from serikat.membership.documents import verification_list as lists
from serikat.membership.tests.cards_helpers import active_member, fonts_of, page_size_mm, pdf_reader, text_of
from serikat.organisation.models import Position
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace

pytestmark = pytest.mark.django_db

HOSTILE_NAME = '=HYPERLINK("http://example.invalid","click")'
MADE_ON = datetime.date(2025, 3, 1)


@pytest.fixture
def company(tree, regions):
    admin = tree.admin
    employer = register_employer(actor=admin, unit=tree.pc_bks, name="PT Maju Logam", region=regions["32.16"])
    plant_1 = register_workplace(actor=admin, employer=employer, unit=tree.pc_bks, name="Pabrik Cikarang 1")
    plant_2 = register_workplace(actor=admin, employer=employer, unit=tree.pc_bks, name="Pabrik Cikarang 2")
    link_workplace(actor=admin, unit=tree.puk_a, workplace=plant_1)
    link_workplace(actor=admin, unit=tree.puk_a, workplace=plant_2)
    link_workplace(actor=admin, unit=tree.puk_b, workplace=plant_2)
    for code, person in (("ketua", "Ahmad Yani"), ("sekretaris", "Dewi Lestari")):
        appoint_officer(
            actor=admin,
            unit=tree.puk_a,
            position=Position.objects.get(code=code),
            person_name=person,
            gender="M" if code == "ketua" else "F",
            started_on=datetime.date(2024, 1, 1),
        )
    members = []
    for n in range(1, 44):
        members.append(
            active_member(
                admin,
                tree.puk_a,
                n,
                full_name=f"Anggota {n:02d} Pekerja",
                employer=employer,
                workplace=plant_1 if n % 2 else plant_2,
                department="Stamping" if n % 3 else "Painting",
            )
        )
    members.append(
        active_member(admin, tree.puk_a, 44, full_name=HOSTILE_NAME, employer=employer, department="+SUM(A1:A9)")
    )
    other_union = active_member(
        admin, tree.puk_b, 45, full_name="Budi dari PUK-B", employer=employer, workplace=plant_2
    )
    suspended = active_member(admin, tree.puk_a, 46, full_name="Tertangguh Sementara", employer=employer)
    services.suspend_membership(actor=admin, membership=suspended, reason="dues")
    services.register_member(
        actor=admin,
        unit=tree.puk_a,
        nik="3216015708850047",
        full_name="Pelamar Baru",
        joined_on=datetime.date(2025, 1, 1),
        employer=employer,
    )
    spn = active_member(admin, tree.spn_puk, 48, full_name="Anggota SPN", employer=employer)
    return {
        "employer": employer,
        "plant_1": plant_1,
        "plant_2": plant_2,
        "members": members,
        "other_union": other_union,
        "spn": spn,
    }


def export(actor, tree, company, fmt="pdf", **target):
    target = target or {"employer": company["employer"]}
    return services_documents.export_verification_list(actor=actor, federation=tree.fspmi, fmt=fmt, **target)


def test_the_pdf_is_a4_landscape_with_every_member_in_name_order_and_numbered_pages(tree, make_user, company):
    officer = make_user("secretariat", tree.puk_a)
    pdf = export(officer, tree, company)
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 2
    assert [[round(v) for v in page_size_mm(page)] for page in reader.pages] == [[297, 210], [297, 210]]
    text = " ".join(text_of(page) for page in reader.pages)
    first = text_of(reader.pages[0])
    assert "Daftar verifikasi keanggotaan" in first
    assert "Perusahaan PT Maju Logam" in first
    assert "Afiliasi FSPMI" in first and "Serikat pekerja PUK-A" in first
    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in text_of(reader.pages[1])
    positions = [text.index(f"Anggota {n:02d} Pekerja") for n in range(1, 44)]
    assert positions == sorted(positions)
    for membership in company["members"]:
        assert membership.kta_number in text
    assert HOSTILE_NAME in text
    for absent in ("Budi dari PUK-B", "Tertangguh", "Pelamar Baru", "Anggota SPN"):
        assert absent not in text
    assert "Ketua" in text and "Ahmad Yani" in text and "Sekretaris" in text and "Dewi Lestari" in text
    assert "Untuk pengusaha: PT Maju Logam" in text
    assert "Kabupaten Bekasi" in text
    assert [name for name, embedded in fonts_of(pdf) if not embedded] == []


def test_the_xlsx_has_the_same_content_and_neutralises_formulas(tree, make_user, company):
    officer = make_user("secretariat", tree.puk_a)
    book = load_workbook(io.BytesIO(export(officer, tree, company, fmt="xlsx")))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    facts = {row[0]: row[1] for row in values if row and row[0] and row[1] and not str(row[0]).isdigit()}
    assert facts["Perusahaan"] == "PT Maju Logam"
    assert facts["Afiliasi"] == "FSPMI"
    assert facts["Serikat pekerja"] == "PUK-A"
    assert facts["Jumlah anggota"] == "44"
    header = values.index(["No.", "Nama", "Unit / bagian", "Nomor KTA"])
    rows = values[header + 1 : header + 45]
    assert [row[0] for row in rows] == list(range(1, 45))
    names = [row[1] for row in rows]
    assert names == sorted(names)
    assert HOSTILE_NAME in names
    kta_by_name = {m.member.full_name: m.kta_number for m in company["members"]}
    assert {row[1]: row[3] for row in rows} == kta_by_name
    # Neutralised: the text as registered, stored as text, flagged with the quote prefix.
    hostile = next(sheet.cell(row=i + 1, column=2) for i, row in enumerate(values) if row[1] == HOSTILE_NAME)
    department = sheet.cell(row=hostile.row, column=3)
    assert (hostile.data_type, hostile.quotePrefix) == ("s", True)
    assert (department.value, department.data_type, department.quotePrefix) == ("+SUM(A1:A9)", "s", True)
    assert [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"] == []
    assert any(row[0] == "Ketua" and row[1] == "Ahmad Yani" for row in values)
    assert any(row[0] == "Sekretaris" and row[1] == "Dewi Lestari" for row in values)
    assert "Halaman &P dari &N" in sheet.oddFooter.center.text


def test_an_officer_above_both_unions_gets_both_with_a_board_block_each(tree, make_user, company):
    branch = make_user("secretariat", tree.pc_bks)
    document = lists.build_verification_list(branch, federation=tree.fspmi, employer=company["employer"])
    assert [union.name for union in document.unions] == ["PUK-A", "PUK-B"]
    assert len(document.rows) == 45
    assert [(u.chair, u.secretary) for u in document.unions] == [("Ahmad Yani", "Dewi Lestari"), ("", "")]


def test_each_union_sees_only_its_own_members(tree, make_user, company):
    sibling = make_user("secretariat", tree.puk_b)
    document = lists.build_verification_list(sibling, federation=tree.fspmi, employer=company["employer"])
    assert [row.name for row in document.rows] == ["Budi dari PUK-B"]


def test_a_workplace_list_holds_the_members_of_that_workplace(tree, make_user, company):
    officer = make_user("secretariat", tree.puk_a)
    document = lists.build_verification_list(officer, federation=tree.fspmi, workplace=company["plant_1"])
    assert len(document.rows) == 22  # the odd ones of 1..43
    assert document.workplace == "Pabrik Cikarang 1"
    text = " ".join(text_of(p) for p in pdf_reader(export(officer, tree, company, workplace=company["plant_1"])).pages)
    assert "Tempat kerja Pabrik Cikarang 1" in text


def test_every_export_is_audited_per_unit_with_what_was_exported(tree, make_user, company):
    branch = make_user("secretariat", tree.pc_bks)
    before = AuditEvent.objects.count()
    export(branch, tree, company, fmt="xlsx")
    events = AuditEvent.objects.filter(kind="membership.members_exported").order_by("unit__code")
    assert AuditEvent.objects.count() == before + 2
    assert [(e.unit.code, e.actor_id, e.data["document"], e.data["format"], e.data["count"]) for e in events] == [
        ("PUK-A", branch.pk, "verification_list", "xlsx", 44),
        ("PUK-B", branch.pk, "verification_list", "xlsx", 1),
    ]
    assert sorted(events[0].data["memberships"]) == sorted(m.pk for m in company["members"])
    assert events[0].data["employer"] == company["employer"].pk and events[0].data["federation"] == tree.fspmi.pk


def test_refusals_write_nothing(tree, make_user, company):
    reader = make_user("read_only", tree.puk_a)
    spn = make_user("secretariat", tree.spn)
    nobody = make_user()
    before = AuditEvent.objects.count()
    with pytest.raises(Forbidden):
        export(reader, tree, company)  # may see these members, may not export them
    with pytest.raises(Forbidden):
        export(nobody, tree, company)
    with pytest.raises(NotFound):
        export(spn, tree, company)  # FSPMI's members at this company are not theirs
    assert AuditEvent.objects.count() == before


def test_a_treasurer_may_export_the_list(tree, make_user, company):
    treasurer = make_user("treasurer", tree.puk_a)
    assert len(pdf_reader(export(treasurer, tree, company)).pages) == 2


def test_the_choices_list_each_company_and_workplace_per_affiliation_with_counts(tree, make_user, company):
    officer = make_user("secretariat", tree.puk_a)
    choices = lists.verification_list_choices(officer)
    assert [(r["employer__name"], r["federation__name"], r["count"]) for r in choices["employers"]] == [
        ("PT Maju Logam", "FSPMI", 44)
    ]
    assert [(r["workplace__name"], r["count"]) for r in choices["workplaces"]] == [
        ("Pabrik Cikarang 1", 22),
        ("Pabrik Cikarang 2", 21),
    ]
    assert lists.verification_list_choices(officer, text="nothing like it")["employers"] == []


def test_the_screen_offers_the_choices_and_sends_the_files(tree, make_user, client_for, company):
    client = client_for(make_user("secretariat", tree.puk_a))
    page = client.get("/members/cards/verification-list/").content.decode()
    employer, federation = company["employer"].pk, tree.fspmi.pk
    link = f"/members/cards/verification-list/download/?employer={employer}&amp;federation={federation}&amp;format="
    assert link + "pdf" in page and link + "xlsx" in page
    base = f"/members/cards/verification-list/download/?employer={employer}&federation={federation}"
    pdf = client.get(base + "&format=pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf["Content-Disposition"] == 'attachment; filename="verifikasi-PT-Maju-Logam-FSPMI.pdf"'
    assert pdf["Cache-Control"] == "no-store, private"
    xlsx = client.get(base + "&format=xlsx")
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert load_workbook(io.BytesIO(xlsx.content)).worksheets[0]["A1"].value == "Daftar verifikasi keanggotaan"


def test_the_screen_refuses_a_bad_format_or_target_with_a_message(tree, make_user, client_for, company):
    client = client_for(make_user("secretariat", tree.puk_a))
    employer, federation = company["employer"].pk, tree.fspmi.pk
    before = AuditEvent.objects.count()
    url = "/members/cards/verification-list/download/"
    bad_format = client.get(f"{url}?employer={employer}&federation={federation}&format=docx", follow=True)
    assert "Choose PDF or xlsx." in bad_format.content.decode()
    both = client.get(f"{url}?employer={employer}&workplace={company['plant_1'].pk}&federation={federation}")
    assert both.status_code == 302
    assert client.get(f"{url}?employer={employer}&federation={tree.spn.pk}").status_code == 404
    assert client.get(f"{url}?employer=abc&federation={federation}").status_code == 404
    assert AuditEvent.objects.count() == before


def test_a_list_can_be_made_in_english_too(tree, make_user, company):
    document = lists.build_verification_list(
        make_user("secretariat", tree.puk_a), federation=tree.fspmi, employer=company["employer"], on=MADE_ON
    )
    text = " ".join(text_of(p) for p in pdf_reader(lists.render_pdf(document, language="en")).pages)
    assert "Membership verification list" in text and "Page 1 of 2" in text and "1 March 2025" in text


def test_a_new_employer_must_be_the_workplaces_so_the_workplace_list_stays_whole(tree, regions, make_user, company):
    """A workplace's list finds its members through their employer (ADR 0027): a membership keeps a
    workplace only with that workplace's employer."""
    from serikat.core.errors import DomainError

    membership = company["members"][0]  # at Pabrik Cikarang 1 of PT Maju Logam
    other = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Lain", region=regions["32.16"])
    before = AuditEvent.objects.count()
    for employer in (other, None):
        with pytest.raises(DomainError) as refused:
            services.update_membership(actor=tree.admin, membership=membership, employer=employer)
        assert [p.field for p in refused.value.problems] == ["workplace"]
    membership.refresh_from_db()
    assert (membership.employer_id, membership.workplace_id) == (company["employer"].pk, company["plant_1"].pk)
    assert AuditEvent.objects.count() == before
    services.update_membership(actor=tree.admin, membership=membership, employer=other, workplace=None)
    membership.refresh_from_db()
    assert (membership.employer_id, membership.workplace_id) == (other.pk, None)
    officer = make_user("secretariat", tree.puk_a)
    document = lists.build_verification_list(officer, federation=tree.fspmi, workplace=company["plant_1"])
    assert len(document.rows) == 21
