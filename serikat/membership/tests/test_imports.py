"""Member imports from real spreadsheet files written by several programs: Excel's habits undone,
headers in both languages, dry run, commit, re-import, matching by NIK, duplicates, resuming."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone, translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict
from serikat.membership import services
from serikat.membership import services_imports as imports
from serikat.membership.models import ColumnMapping, ImportBatch, ImportProblem, Member, Membership, MembershipConflict
from serikat.membership.nik import database_region_index
from serikat.membership.tests.import_files import (
    libreoffice_convert,
    write_csv,
    write_openpyxl,
    write_xlsxwriter,
)

pytestmark = pytest.mark.django_db

SITI = "3216015708850001"  # F, 17 Aug 1985, Kabupaten Bekasi, district Tarumajaya (in the test regions)
BUDI = "3216010203900002"  # M, 2 Mar 1990
DEWI = "3216014512950003"  # F, 5 Dec 1995
JOKO = 3216011506880004  # M, 15 Jun 1988: stored as a number by a program, every digit intact
CUT = 3216010101800010  # a NIK typed into a number cell: its 16th digit cannot be trusted
HEADERS = [
    "No",
    "Nama Lengkap",
    "NIK",
    "L/P",
    "Tempat Lahir",
    "Tgl Lahir",
    "No. HP/WA",
    "Alamat",
    "No. KTA",
    "NIK Karyawan",
    "Status Kerja",
    "Bagian",
    "Upah",
    "Tgl Masuk",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files in a temporary folder; problems worded in English (the msgids asserted)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield


def habit_rows(*, text_only: bool = False) -> list[list]:
    """A list as affiliates send it: a title, a blank row, the header on row 3, data from row 4."""
    joko_nik = str(JOKO) if text_only else JOKO  # a CSV from a program writes the digits as text
    return [
        ["DAFTAR ANGGOTA PUK A"],
        [],
        HEADERS,
        # 4: a date cell, a phone that lost its 0, non-breaking and stray spaces, a number cell for
        #    the employee number, a wage as Rupiah text, a date as dd/mm/yyyy text
        [
            1,
            "  Siti   Rahayu ",
            SITI,
            "P",
            "Bekasi",
            datetime.date(1985, 8, 17),
            81234567890,
            "  Jl.  Melati\u00a0No. 5 ",
            "FSPMI-2020-0000123",
            10023,
            "Tetap",
            "Produksi",
            "Rp 4.500.000",
            "01/03/2020",
        ],
        # 5: the birth date as an Excel serial number, an Indonesian month name, a plain wage
        [
            2,
            "Budi\u00a0Santoso",
            BUDI,
            "Laki-laki",
            "Karawang",
            32934,
            "0812-3456-7891",
            "",
            "",
            "",
            "Kontrak",
            "Gudang",
            5200000,
            "2 Maret 2021",
        ],
        # 6: a 16-digit NIK in a number cell, its last digit replaced by 0
        [3, "Agus Salim", float(CUT), "L", "", "", "", "", "", "", "", "", "", ""],
        # 7: Siti again
        [4, "Siti R.", SITI, "P", "", "", "", "", "", "", "", "", "", ""],
        # 8: an abbreviated Indonesian month, +62 with dashes, wage with a decimal comma
        [
            5,
            "Dewi Lestari",
            DEWI,
            "Perempuan",
            "Bekasi",
            "5 Des 1995",
            "+62 813-1111-2222",
            "",
            "",
            "",
            "",
            "",
            "4.750.000,00",
            "",
        ],
        # 9: a NIK a program stored as a number, a dd-mm-yyyy date
        [6, "Joko Widodo", joko_nik, "L", "", "15-06-1988", "", "", "", "", "Outsourcing", "", "", ""],
    ]


def upload(actor, unit, path, **options):
    with open(path, "rb") as handle:
        return imports.upload_member_file(actor=actor, unit=unit, file=handle, **options)


def write(kind: str, tmp_path, rows: list[list] | None = None):
    if kind == "openpyxl":
        return write_openpyxl(tmp_path / "anggota.xlsx", rows or habit_rows())
    if kind == "xlsxwriter":
        return write_xlsxwriter(tmp_path / "anggota.xlsx", rows or habit_rows())
    if kind == "csv-semicolon-bom":
        return write_csv(tmp_path / "anggota.csv", rows or habit_rows(text_only=True), delimiter=";", bom=True)
    if kind == "csv-comma-cp1252":
        return write_csv(tmp_path / "anggota.csv", rows or habit_rows(text_only=True), encoding="cp1252")
    if kind in ("libreoffice-ods", "libreoffice-xls"):
        source = write_openpyxl(tmp_path / "anggota.xlsx", rows or habit_rows())
        return libreoffice_convert(source, kind.rsplit("-", 1)[1])
    raise AssertionError(kind)


WRITERS = ["openpyxl", "xlsxwriter", "csv-semicolon-bom", "csv-comma-cp1252", "libreoffice-ods", "libreoffice-xls"]


def problems_of(batch):
    return [
        (p.row, p.column, p.code, p.is_error) for p in ImportProblem.objects.filter(batch=batch).order_by("row", "id")
    ]


def person(nik):
    member = Member.objects.get(nik=nik)
    membership = member.memberships.get()
    return (
        member.full_name,
        member.gender,
        member.birth_date,
        member.birth_place,
        member.phone,
        member.address,
        member.review_flags,
        membership.unit.code,
        membership.status,
        membership.kta_number,
        membership.employee_number,
        membership.employment_status,
        membership.department,
        membership.monthly_wage_amount,
        membership.joined_on,
        membership.activated_on,
    )


@pytest.mark.parametrize("writer", WRITERS)
def test_every_excel_habit_is_undone_in_files_of_each_writer(tree, tmp_path, writer):
    path = write(writer, tmp_path)
    batch = imports.import_file(path, tree.puk_a, tree.admin)
    today = timezone.localdate()
    assert (batch.status, batch.file_format) == ("committed", path.suffix.lstrip("."))
    counts = {k: batch.counts[k] for k in ("rows", "created", "updated", "unchanged", "errors")}
    assert counts == {"rows": 6, "created": 4, "updated": 0, "unchanged": 0, "errors": 2}
    expected_problems = [
        (6, "NIK", "nik_precision_lost", True),
        (7, "NIK", "nik_duplicate", True),
    ]
    if not writer.startswith("csv"):
        expected_problems.append((9, "NIK", "nik_stored_as_number", False))
    assert problems_of(batch) == expected_problems
    assert person(SITI) == (
        "Siti Rahayu", "F", datetime.date(1985, 8, 17), "Bekasi", "+6281234567890", "Jl. Melati No. 5", [],
        "PUK-A", "active", "FSPMI-2020-0000123", "10023", "permanent", "Produksi", Decimal(4500000),
        datetime.date(2020, 3, 1), datetime.date(2020, 3, 1),
    )  # fmt: skip
    assert person(BUDI) == (
        "Budi Santoso", "M", datetime.date(1990, 3, 2), "Karawang", "+6281234567891", "", [],
        "PUK-A", "applicant", "", "", "fixed_term", "Gudang", Decimal(5200000), datetime.date(2021, 3, 2), None,
    )  # fmt: skip
    assert person(DEWI) == (
        "Dewi Lestari", "F", datetime.date(1995, 12, 5), "Bekasi", "+6281311112222", "", [],
        "PUK-A", "applicant", "", "", "", "", Decimal(4750000), today, None,
    )  # fmt: skip
    assert person(str(JOKO))[:3] == ("Joko Widodo", "M", datetime.date(1988, 6, 15))
    assert person(str(JOKO))[11] == "outsourced"
    assert not Member.objects.filter(nik__in=[str(CUT), str(CUT)[:-1] + "1"]).exists()


def test_a_numeric_nik_error_names_the_row_column_and_what_was_lost(tree, tmp_path):
    batch = imports.import_file(write("openpyxl", tmp_path), tree.puk_a, tree.admin, dry_run=True)
    problem = ImportProblem.objects.get(batch=batch, code="nik_precision_lost")
    assert (problem.row, problem.column) == (6, "NIK")
    assert str(CUT) in problem.message
    assert "15 digits" in problem.message


def test_a_nik_saved_in_scientific_notation_in_a_csv_is_refused(tree, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["Nama", "NIK"], ["Agus", "3.21601E+15"]])
    batch = imports.import_file(path, tree.puk_a, tree.admin, dry_run=True)
    assert problems_of(batch) == [(2, "NIK", "nik_precision_lost", True)]


def test_english_headers_and_other_spellings_are_recognised(tree, tmp_path):
    rows = [
        ["Full name", "National ID", "Sex", "Date of birth", "Phone", "Email", "Address", "Member number", "Salary"],
        ["Siti Rahayu", SITI, "F", "1985-08-17", "0812 3456 7890", "Siti@Contoh.ID ", "Jl. Melati 5", "K-1", "4500000"],
    ]
    batch = imports.import_file(write_xlsxwriter(tmp_path / "members.xlsx", rows), tree.puk_a, tree.admin)
    member = Member.objects.get(nik=SITI)
    membership = member.memberships.get()
    assert batch.counts["created"] == 1
    assert (member.gender, member.birth_date, member.phone, member.email, member.address) == (
        "F",
        datetime.date(1985, 8, 17),
        "+6281234567890",
        "siti@contoh.id",
        "Jl. Melati 5",
    )
    assert (membership.kta_number, membership.status, membership.monthly_wage_amount) == ("K-1", "active", 4500000)


def test_headers_are_found_below_title_rows_and_mapped_in_both_languages(tree, tmp_path):
    batch = upload(tree.admin, tree.puk_a, write("openpyxl", tmp_path), start_check=False)
    layout = imports.layout_of(batch)
    assert layout.header_row == 2  # the third row
    assert [layout.columns.get(i) for i in range(len(HEADERS))] == [
        "",
        "full_name",
        "nik",
        "gender",
        "birth_place",
        "birth_date",
        "phone",
        "address",
        "kta_number",
        "employee_number",
        "employment_status",
        "department",
        "monthly_wage_amount",
        "joined_on",
    ]
    assert layout.is_complete


def test_the_dry_run_writes_nothing_but_the_batch_and_its_problems(tree, tmp_path):
    batch = imports.import_file(write("openpyxl", tmp_path), tree.puk_a, tree.admin, dry_run=True)
    assert batch.status == "checked"
    assert {k: batch.counts[k] for k in ("rows", "created", "errors")} == {"rows": 6, "created": 4, "errors": 2}
    assert Member.objects.count() == Membership.objects.count() == MembershipConflict.objects.count() == 0
    assert ImportProblem.objects.filter(batch=batch).count() == 3
    # The user's own actions are audited (upload, check); no member was imported.
    kinds = list(AuditEvent.objects.filter(kind__startswith="membership.").values_list("kind", flat=True))
    assert sorted(kinds) == ["membership.import_check_started", "membership.import_uploaded"]


def test_a_checked_file_is_committed_with_the_same_counts(tree, tmp_path):
    path = write("xlsxwriter", tmp_path)
    checked = imports.import_file(path, tree.puk_a, tree.admin, dry_run=True)
    imports.commit_import(actor=tree.admin, batch=checked, background=False)
    committed = imports.execute_import(checked.pk, tree.admin, commit=True)
    assert committed.status == "committed"
    assert committed.committed_at is not None
    for key in ("rows", "created", "updated", "unchanged", "errors"):
        assert committed.counts[key] == checked.counts[key], key
    assert Member.objects.count() == 4
    events = AuditEvent.objects.filter(kind="membership.members_imported")
    assert [(e.unit_id, e.data["created"], e.object_id) for e in events] == [(tree.puk_a.pk, 4, str(checked.pk))]


def _table_state():
    return (
        list(Member.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("writer", ["openpyxl", "csv-semicolon-bom"])
def test_importing_the_same_file_again_changes_nothing(tree, tmp_path, writer):
    path = write(writer, tmp_path)
    imports.import_file(path, tree.puk_a, tree.admin)
    before = _table_state()
    imported_events = AuditEvent.objects.filter(kind="membership.members_imported").count()
    again = imports.import_file(path, tree.puk_a, tree.admin)
    assert {k: again.counts[k] for k in ("rows", "created", "updated", "unchanged", "errors")} == {
        "rows": 6,
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "errors": 2,
    }
    assert _table_state() == before
    assert AuditEvent.objects.filter(kind="membership.members_imported").count() == imported_events
    assert not ImportProblem.objects.filter(batch=again, code="change").exists()


def test_existing_members_are_matched_by_nik_and_their_details_updated(tree, tmp_path):
    registered = services.register_member(
        actor=tree.admin,
        unit=tree.puk_a,
        nik=SITI,
        full_name="Siti Rahayu",
        joined_on=datetime.date(2019, 1, 1),
        phone="0811-1111-111",
        address="Jl. Lama 1",
    )
    rows = [
        ["Nama", "NIK", "No HP", "Alamat", "Bagian", "No. KTA"],
        ["", SITI, "0812-3456-7890", "Jl. Baru 2", "QC", ""],
    ]
    batch = imports.import_file(write_csv(tmp_path / "update.csv", rows), tree.puk_a, tree.admin)
    assert {k: batch.counts[k] for k in ("created", "updated", "unchanged")} == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
    }
    member = Member.objects.get(nik=SITI)
    membership = Membership.objects.get(pk=registered.pk)
    # Empty cells (name, KTA) erase nothing; the status of the membership is not touched.
    assert (member.full_name, member.phone, member.address) == ("Siti Rahayu", "+6281234567890", "Jl. Baru 2")
    assert (membership.department, membership.status, membership.joined_on) == (
        "QC",
        "applicant",
        datetime.date(2019, 1, 1),
    )
    changes = list(
        ImportProblem.objects.filter(batch=batch, code="change").order_by("id").values_list("column", "message")
    )
    assert changes == [
        ("No HP", "+628111111111 → +6281234567890"),
        ("Alamat", "Jl. Lama 1 → Jl. Baru 2"),
        ("Bagian", "— → QC"),
    ]


def test_an_applicant_whose_row_carries_a_kta_number_becomes_active(tree, tmp_path):
    services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik=SITI, full_name="Siti", joined_on=datetime.date(2024, 1, 1)
    )
    path = write_csv(tmp_path / "kta.csv", [["Nama", "NIK", "No. KTA"], ["Siti", SITI, "K-77"]])
    imports.import_file(path, tree.puk_a, tree.admin)
    membership = Membership.objects.get()
    assert (membership.status, membership.kta_number, membership.activated_on) == (
        "active",
        "K-77",
        timezone.localdate(),
    )


def test_duplicates_inside_the_file_are_reported_on_the_later_rows(tree, tmp_path):
    rows = [
        ["Nama", "NIK", "No. KTA"],
        ["Siti", SITI, "K-1"],
        ["Budi", BUDI, "K-1"],
        ["Siti lagi", SITI, "K-3"],
        ["Siti sekali lagi", f" {SITI[:4]} {SITI[4:]} ", ""],
    ]
    batch = imports.import_file(write_csv(tmp_path / "dup.csv", rows), tree.puk_a, tree.admin)
    assert problems_of(batch) == [
        (3, "No. KTA", "kta_duplicate", True),
        (4, "NIK", "nik_duplicate", True),
        (5, "NIK", "nik_duplicate", True),
    ]
    assert "row 2" in ImportProblem.objects.get(batch=batch, row=4).message
    assert list(Member.objects.values_list("full_name", flat=True)) == ["Siti"]


def test_a_kta_number_taken_in_the_federation_leaves_the_row_out(tree, tmp_path):
    taken = services.register_member(
        actor=tree.admin, unit=tree.puk_b, nik=BUDI, full_name="Budi", joined_on=datetime.date(2024, 1, 1)
    )
    services.activate_membership(actor=tree.admin, membership=taken)
    kta = Membership.objects.get(pk=taken.pk).kta_number
    path = write_csv(tmp_path / "kta.csv", [["Nama", "NIK", "No. KTA"], ["Siti", SITI, kta]])
    batch = imports.import_file(path, tree.puk_a, tree.admin)
    assert problems_of(batch) == [(2, "No. KTA", "kta_taken", True)]
    assert not Member.objects.filter(nik=SITI).exists()


def test_a_member_of_another_union_of_the_federation_is_not_imported_again(tree, tmp_path):
    services.register_member(
        actor=tree.admin, unit=tree.puk_b, nik=SITI, full_name="Siti", joined_on=datetime.date(2024, 1, 1)
    )
    path = write_csv(tmp_path / "x.csv", [["Nama", "NIK"], ["Siti", SITI]])
    batch = imports.import_file(path, tree.puk_a, tree.admin)
    assert problems_of(batch) == [(2, "NIK", "member_elsewhere", True)]
    assert "PUK-B" in ImportProblem.objects.get(batch=batch).message
    assert Membership.objects.count() == 1


def test_a_current_member_of_another_federation_is_imported_with_a_dual_membership_conflict(tree, tmp_path, make_user):
    spn = services.register_member(
        actor=tree.admin, unit=tree.spn_puk, nik=SITI, full_name="Siti Rahayu", joined_on=datetime.date(2020, 1, 1),
        phone="0811-1111-111",
    )  # fmt: skip
    officer = make_user("secretariat", tree.puk_a)
    path = write_csv(tmp_path / "x.csv", [["Nama", "NIK", "No HP"], ["Siti R", SITI, "0812-3456-7890"]])
    batch = imports.import_file(path, tree.puk_a, officer)
    assert batch.counts["created"] == 1
    new = Membership.objects.get(unit=tree.puk_a)
    conflict = MembershipConflict.objects.get()
    assert (conflict.kind, conflict.first_id, conflict.second_id) == ("two_federations", spn.pk, new.pk)
    events = AuditEvent.objects.filter(kind="membership.conflict_detected")
    assert sorted(events.values_list("unit__code", flat=True)) == ["PUK-A", "SPN-PUK-S"]
    # The person's details belong to SPN's records too: the plant union's file does not overwrite them.
    member = Member.objects.get(nik=SITI)
    assert (member.full_name, member.phone) == ("Siti Rahayu", "+628111111111")
    codes = [p[2] for p in problems_of(batch)]
    assert codes == ["person_kept", "dual_membership"]


class Interrupted(Exception):
    pass


def test_an_interrupted_commit_leaves_a_resumable_batch_and_resuming_finishes_it(tree, tmp_path):
    rows = [["Nama", "NIK", "No HP"]]
    niks = [f"32160101019{i:01d}{i + 1:04d}" for i in range(5)]  # born 1 Jan 1990-1994
    rows += [[f"Anggota {i}", nik, ""] for i, nik in enumerate(niks)]
    rows.insert(3, ["Rusak", "123", ""])  # an error in the first chunk
    path = write_csv(tmp_path / "big.csv", rows)

    def crash(chunk: int) -> None:
        if chunk == 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        imports.import_file(path, tree.puk_a, tree.admin, chunk_rows=3, after_chunk=crash)
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.rows_done, batch.counts["phase"]) == ("failed", 3, "commit")
    assert (batch.counts["created"], batch.counts["errors"]) == (2, 1)
    assert sorted(Member.objects.values_list("nik", flat=True)) == niks[:2]
    assert imports.has_committed_rows(batch)
    with pytest.raises(Conflict):
        imports.cancel_import(actor=tree.admin, batch=batch)

    imports.commit_import(actor=tree.admin, batch=batch, background=False)
    resumed = imports.execute_import(batch.pk, tree.admin, commit=True, chunk_rows=3)
    assert resumed.status == "committed"
    assert {k: resumed.counts[k] for k in ("rows", "created", "updated", "unchanged", "errors")} == {
        "rows": 6,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "errors": 1,
    }
    assert sorted(Member.objects.values_list("nik", flat=True)) == sorted(niks)
    assert [p[:3] for p in problems_of(resumed)] == [(4, "NIK", "nik_length")]


def test_a_duplicate_after_the_resume_point_is_still_caught(tree, tmp_path):
    rows = [["Nama", "NIK"], ["Siti", SITI], ["Budi", BUDI], ["Siti lagi", SITI]]
    path = write_csv(tmp_path / "dup.csv", rows)

    def crash(chunk: int) -> None:
        if chunk == 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        imports.import_file(path, tree.puk_a, tree.admin, chunk_rows=2, after_chunk=crash)
    batch = ImportBatch.objects.get()
    imports.commit_import(actor=tree.admin, batch=batch, background=False)
    resumed = imports.execute_import(batch.pk, tree.admin, commit=True, chunk_rows=2)
    assert problems_of(resumed) == [(4, "NIK", "nik_duplicate", True)]
    assert Member.objects.count() == 2


def test_a_commit_stalled_in_a_dead_worker_can_be_resumed_once_stale(tree, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["Nama", "NIK"], ["Siti", SITI]])
    batch = upload(tree.admin, tree.puk_a, path, start_check=False)
    imports.commit_import(actor=tree.admin, batch=batch, background=False)
    with pytest.raises(Conflict):
        imports.commit_import(actor=tree.admin, batch=batch, background=False)
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - imports.STALE_AFTER * 2)
    imports.commit_import(actor=tree.admin, batch=batch, background=False)
    assert imports.execute_import(batch.pk, tree.admin, commit=True).status == "committed"


def test_an_unrecognised_column_is_mapped_once_and_the_mapping_is_reused_for_the_unit(tree, tmp_path):
    rows = [["Nama", "NIK", "Nomer Handphone Aktif"], ["Siti", SITI, "0812-3456-7890"]]
    first = upload(tree.admin, tree.puk_a, write_csv(tmp_path / "a.csv", rows))
    assert (first.status, imports.layout_of(first).unknown) == ("uploaded", [2])
    imports.map_import_columns(actor=tree.admin, batch=first, columns={2: "phone"})
    assert ColumnMapping.objects.get(unit=tree.puk_a).mapping == {
        "nama": "full_name",
        "nik": "nik",
        "nomer handphone aktif": "phone",
    }
    rows[1] = ["Budi", BUDI, "0812-0000-1111"]
    second = upload(tree.admin, tree.puk_a, write_xlsxwriter(tmp_path / "b.xlsx", rows), start_check=False)
    layout = imports.layout_of(second)
    assert (layout.is_complete, layout.columns[2]) == (True, "phone")
    # Another union's file with the same header row is not mapped by PUK-A's answer.
    other = upload(tree.admin, tree.puk_b, tmp_path / "b.xlsx", start_check=False)
    assert imports.layout_of(other).unknown == [2]


def test_the_check_runs_in_a_task_enqueued_when_the_upload_commits(tree, tmp_path, django_capture_on_commit_callbacks):
    path = write("openpyxl", tmp_path)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = upload(tree.admin, tree.puk_a, path)
    assert len(callbacks) == 1
    batch.refresh_from_db()
    assert (batch.status, batch.counts["created"], batch.rows_done, batch.rows_total) == ("checked", 4, 6, 6)
    assert Member.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        imports.commit_import(actor=tree.admin, batch=batch)
    batch.refresh_from_db()
    assert (batch.status, Member.objects.count()) == ("committed", 4)


def test_a_cancelled_check_stops_and_cannot_be_committed(tree, tmp_path):
    batch = upload(tree.admin, tree.puk_a, write("csv-semicolon-bom", tmp_path), start_check=False)
    imports.cancel_import(actor=tree.admin, batch=batch)
    with pytest.raises(Conflict):
        imports.commit_import(actor=tree.admin, batch=batch, background=False)
    assert ImportBatch.objects.get().status == "cancelled"


def test_an_unreadable_file_is_refused_and_leaves_nothing(tree, tmp_path, settings):
    path = tmp_path / "members.xls"
    path.write_text("<html><table><tr><td>Nama</td></tr></table></html>")
    with pytest.raises(imports.DomainError) as error:
        imports.import_file(path, tree.puk_a, tree.admin)
    assert "web page" in str(error.value)
    assert ImportBatch.objects.count() == 0
    media = tmp_path / "media"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def _list_of(count: int, *, phone_prefix: str = "0812") -> list[list]:
    rows = [["Nama", "NIK", "No HP", "Upah"]]
    for i in range(count):
        born = datetime.date(1980, 1, 1) + datetime.timedelta(days=i)
        nik = f"321601{born.day:02d}{born.month:02d}{born.year % 100:02d}{i % 9000 + 1:04d}"
        rows.append([f"Anggota {i}", nik, f"{phone_prefix}{i:07d}", 4_000_000 + i])
    return rows


def _queries_of_commit(tree, tmp_path, unit, rows, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    batch = upload(tree.admin, unit, write_csv(tmp_path / name, rows), start_check=False)
    imports.commit_import(actor=tree.admin, batch=batch, background=False)
    with CaptureQueriesContext(connection) as queries:
        done = imports.execute_import(batch.pk, tree.admin, commit=True)
    return done, len(queries)


def test_a_commit_costs_the_same_queries_for_20_rows_and_200_new_or_changed(tree, tmp_path, monkeypatch):
    from serikat.membership.imports import writer

    monkeypatch.setattr(writer, "COPY_THRESHOLD", 1)  # PostgreSQL: COPY whatever the size
    database_region_index()  # loaded once per process: not part of what is compared
    small, small_queries = _queries_of_commit(tree, tmp_path, tree.puk_a, _list_of(20), "a.csv")
    large, large_queries = _queries_of_commit(
        tree, tmp_path, tree.puk_b, _list_of(400)[:1] + _list_of(400)[201:], "b.csv"
    )
    assert (small.counts["created"], large.counts["created"]) == (20, 200)
    assert small_queries == large_queries
    changed_small, changed_small_queries = _queries_of_commit(
        tree, tmp_path, tree.puk_a, _list_of(20, phone_prefix="0813"), "c.csv"
    )
    rows = _list_of(400, phone_prefix="0813")
    changed_large, changed_large_queries = _queries_of_commit(
        tree, tmp_path, tree.puk_b, rows[:1] + rows[201:], "d.csv"
    )
    assert (changed_small.counts["updated"], changed_large.counts["updated"]) == (20, 200)
    assert changed_small_queries == changed_large_queries
    assert Member.objects.filter(phone__startswith="+62813").count() == 220


def test_a_run_whose_officer_lost_the_grant_fails_saying_so(tree, tmp_path, make_user):
    officer = make_user("secretariat", tree.puk_a, username="sari")
    batch = upload(
        officer, tree.puk_a, write_csv(tmp_path / "a.csv", [["Nama", "NIK"], ["Siti", SITI]]), start_check=False
    )
    imports.commit_import(actor=officer, batch=batch, background=False)
    officer.grants.update(revoked_at=timezone.now())
    from serikat.core.scoping import forget_grants

    forget_grants(officer)
    failed = imports.execute_import(batch.pk, officer, commit=True)
    assert (failed.status, failed.error) == ("failed", "sari may no longer import into this union.")
    assert Member.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans; PostgreSQL plans from statistics")
def test_the_chunk_look_ups_probe_an_index_per_value_on_sqlite(tree, tmp_path, monkeypatch):
    """A plan that scans the table per value grows quadratically while an import fills it."""
    from serikat.membership.imports import pipeline

    plans = []
    select_rows = pipeline.select_rows

    def explained(sql, params):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plans.append([row[-1] for row in cursor.fetchall()])
        return select_rows(sql, params)

    monkeypatch.setattr(pipeline, "select_rows", explained)
    services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik=SITI, full_name="Siti", joined_on=datetime.date(2024, 1, 1)
    )
    rows = [["Nama", "NIK", "No. KTA"], ["Siti", SITI, "K-1"], ["Budi", BUDI, "K-2"]]
    imports.import_file(write_csv(tmp_path / "a.csv", rows), tree.puk_a, tree.admin)
    searches = [[step for step in plan if not step.startswith("SCAN keys")] for plan in plans]
    assert all(plan[0].startswith("SCAN keys") for plan in plans)
    assert all(step.startswith("SEARCH") and "USING" in step for plan in searches for step in plan), searches
    assert any("kta_unique_in_federation" in step for plan in searches for step in plan)


def test_the_next_kta_number_is_checked_through_the_federations_unique_index(tree):
    """No other index finds a federation's KTA numbers (ADR 0027); a plan that scans every
    membership would run once per number tried."""
    plan = services.kta_numbers_in_use(tree.fspmi).filter(kta_number="FSPMI-1").explain()
    assert "kta_unique_in_federation" in plan, plan
