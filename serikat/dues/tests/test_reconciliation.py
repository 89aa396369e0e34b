"""Reconciling an employer's deduction file: each outcome of docs/dues.md's table, members not
deducted, transfers that differ or come late, members who left mid-month, policies that change in
the year, duplicate lines, importing again, and files that cannot be read."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import ProtectedError

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.dues import events
from serikat.dues.models import (
    BankTransfer,
    Contribution,
    DuesPolicy,
    ReconciliationException,
    Remittance,
    RemittanceLine,
)
from serikat.dues.reconciliation.reading import DeductionFileRefused
from serikat.dues.services_remittances import import_deductions, record_transfer, resolve_exception
from serikat.dues.tests.remittance_helpers import (
    MARCH,
    line,
    member,
    nik,
    setup_union,
    write_csv,
    write_xlsx,
    write_xlsxwriter,
)
from serikat.membership import services as membership_services
from serikat.membership.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(tree):
    return setup_union(tree)


def _import(world, path, month=MARCH, actor=None, employer=None):
    return import_deductions(
        actor=actor or world.admin,
        unit=world.unit,
        employer=employer or world.employer,
        month=month,
        path=path,
        filename=path.name,
    ).remittance


def _lines(remittance):
    return list(
        RemittanceLine.objects.filter(remittance=remittance)
        .order_by("row")
        .values_list("row", "outcome", "deducted_amount", "expected_amount")
    )


def _exceptions(remittance):
    return sorted(
        ReconciliationException.objects.filter(remittance=remittance).values_list(
            "kind", "line__row", "membership_id", "amount", "expected_amount", "status"
        ),
        key=lambda row: (row[0], row[1] or 0, row[2] or 0),
    )


def _tables():
    return (
        list(Remittance.objects.values_list("id", "lines_count", "deducted_amount", "status", "file_sha256")),
        list(RemittanceLine.objects.order_by("id").values_list("id", "row", "outcome", "membership_id")),
        list(ReconciliationException.objects.order_by("id").values_list("id", "kind", "status", "action", "note")),
        list(Contribution.objects.order_by("id").values_list("id", "membership_id", "expected_amount", "paid_amount")),
        list(BankTransfer.objects.order_by("id").values_list("id", "amount")),
        AuditEvent.objects.count(),
    )


def test_each_outcome_of_the_table(world, tmp_path):
    matched = member(world, 1)
    differs = member(world, 2)
    no_wage = member(world, 3, wage=None)
    unauthorised = member(world, 4, authorised=False)
    missing = member(world, 5, wage=4_000_000)
    path = write_xlsx(
        tmp_path / "potongan-maret.xlsx",
        [
            line(1),
            line(2, 50_000),
            line(3, 45_000, wage=None),
            line(4),
            line(9, 30_000, number="X999"),  # nobody of the union
            line(1, 51_235, number="E0001"),  # member 1 again
        ],
    )
    remittance = _import(world, path)
    rows = lambda n: n + 1  # noqa: E731 - the header is row 1
    assert _lines(remittance) == [
        (rows(1), "matched", 51_235, 51_235),
        (rows(2), "amount_differs", 50_000, 51_235),
        (rows(3), "wage_missing", 45_000, None),
        (rows(4), "no_authorisation", 51_235, None),
        (rows(5), "not_member", 30_000, None),
        (rows(6), "duplicate", 51_235, None),
    ]
    assert _exceptions(remittance) == [
        ("amount_differs", rows(2), differs.pk, 50_000, 51_235, "open"),
        ("duplicate", rows(6), matched.pk, 51_235, None, "open"),
        ("no_authorisation", rows(4), unauthorised.pk, 51_235, None, "open"),
        ("not_deducted", None, missing.pk, None, 40_000, "open"),
        ("not_member", rows(5), None, 30_000, None, "open"),
        ("wage_missing", rows(3), no_wage.pk, 45_000, None, "open"),
    ]
    remittance.refresh_from_db()
    assert remittance.outcome_counts == {
        "matched": 1,
        "not_member": 1,
        "no_authorisation": 1,
        "amount_differs": 1,
        "wage_missing": 1,
        "duplicate": 1,
        "not_deducted": 1,
    }
    assert (remittance.lines_count, remittance.deducted_amount, remittance.expected_amount) == (6, 278_705, 142_470)
    assert (remittance.refund_amount, remittance.received_amount, remittance.status) == (81_235, 0, "open")
    assert sorted(
        Contribution.objects.values_list("membership_id", "unit_id", "month", "expected_amount", "paid_amount")
    ) == [
        (matched.pk, world.unit.pk, MARCH, 51_235, 51_235),
        (differs.pk, world.unit.pk, MARCH, 51_235, 0),
        (no_wage.pk, world.unit.pk, MARCH, 0, 0),
        (unauthorised.pk, world.unit.pk, MARCH, 51_235, 0),
        (missing.pk, world.unit.pk, MARCH, 40_000, 0),
    ]
    event = AuditEvent.objects.get(kind=events.DEDUCTIONS_IMPORTED)
    assert (event.object_id, event.unit_id, event.data["lines"], event.data["exceptions"]) == (
        str(remittance.pk),
        world.unit.pk,
        6,
        6,
    )


def test_lines_match_by_employee_number_when_the_nik_is_missing(world, tmp_path):
    first = member(world, 1, number="10023")
    path = write_csv(tmp_path / "iuran.csv", [[1, "10023", "", "Pekerja 1", "Rp 5.123.500", "Rp 51.235"]])
    remittance = _import(world, path)
    assert list(RemittanceLine.objects.values_list("membership_id", "outcome", "nik", "employee_number")) == [
        (first.pk, "matched", "", "10023")
    ]
    assert remittance.outcome_counts["matched"] == 1


def test_money_as_text_the_way_people_write_it(world, tmp_path):
    for n in (1, 2, 3):
        member(world, n)
    rows = [line(1, "Rp 51.235"), line(2, "51,235.00", wage="5,123,500.00"), line(3, "51.235,-", wage="Rp5.123.500")]
    remittance = _import(world, write_csv(tmp_path / "iuran.csv", rows, delimiter=";"))
    assert _lines(remittance) == [
        (2, "matched", 51_235, 51_235),
        (3, "matched", 51_235, 51_235),
        (4, "matched", 51_235, 51_235),
    ]


def test_the_wage_on_the_line_wins_over_the_registry(world, tmp_path):
    member(world, 1, wage=4_000_000)
    member(world, 2, wage=4_000_000)
    remittance = _import(
        world, write_xlsx(tmp_path / "f.xlsx", [line(1, 60_000, wage=6_000_000), line(2, 40_000, wage=None)])
    )
    assert _lines(remittance) == [(2, "matched", 60_000, 60_000), (3, "matched", 40_000, 40_000)]


def test_a_member_who_left_mid_month_and_was_deducted_is_to_be_refunded(world, tmp_path):
    left = member(world, 1)
    membership_services.end_membership(
        actor=world.admin, membership=left, reason="resignation", ended_on=datetime.date(2026, 3, 15)
    )
    joined = member(world, 2, signed_on=datetime.date(2026, 3, 20))
    joined.activated_on = datetime.date(2026, 3, 20)
    joined.save(update_fields=["activated_on"])
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1), line(2)]))
    assert _lines(remittance) == [(2, "not_member", 51_235, None), (3, "matched", 51_235, 51_235)]
    assert _exceptions(remittance) == [("not_member", 2, left.pk, 51_235, None, "open")]
    remittance.refresh_from_db()
    assert (remittance.refund_amount, remittance.expected_amount) == (51_235, 51_235)
    assert sorted(Contribution.objects.values_list("membership_id", "paid_amount")) == [(joined.pk, 51_235)]


def test_a_policy_changed_mid_year_gives_each_month_its_own_amount(world, tmp_path):
    DuesPolicy.objects.create(
        unit=world.tree.fspmi, valid_from=datetime.date(2026, 7, 1), kind="percent", rate_basis_points=150,
        created_by=world.admin,
    )  # fmt: skip
    member(world, 1)
    march = _import(world, write_xlsx(tmp_path / "maret.xlsx", [line(1, 51_235)]))
    july = _import(world, write_xlsx(tmp_path / "juli.xlsx", [line(1, 76_853)]), month=datetime.date(2026, 7, 1))
    june = _import(world, write_xlsx(tmp_path / "juni.xlsx", [line(1, 76_853)]), month=datetime.date(2026, 6, 1))
    assert [_lines(r) for r in (march, july, june)] == [
        [(2, "matched", 51_235, 51_235)],
        [(2, "matched", 76_853, 76_853)],  # 1.5 % of 5,123,500 is 76,852.5: halves go up
        [(2, "amount_differs", 76_853, 51_235)],
    ]


def test_a_sector_unions_own_policy_wins_over_the_federations(world, tmp_path):
    DuesPolicy.objects.create(
        unit=world.tree.spl, valid_from=datetime.date(2026, 1, 1), kind="flat", flat_amount=35_000,
        created_by=world.admin,
    )  # fmt: skip
    member(world, 1)
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1, 35_000)]))
    assert _lines(remittance) == [(2, "matched", 35_000, 35_000)]


def test_duplicates_by_nik_by_employee_number_and_by_person(world, tmp_path):
    member(world, 1, number="A1")
    member(world, 2, number="A2")
    rows = [
        line(1, number="A1"),
        line(1, number="Z9"),  # the same NIK
        line(7, number="A1", nik_text=nik(7)),  # the same employee number, a NIK nobody has
        line(2, number="A2"),
        [5, "A2", "", "Pekerja 2", 5_123_500, 51_235],  # member 2 again, by employee number
    ]
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", rows))
    assert [row[1] for row in _lines(remittance)] == ["matched", "duplicate", "duplicate", "matched", "duplicate"]


def test_transfers_reconcile_then_a_late_one_differs(world, tmp_path):
    member(world, 1)
    member(world, 2)
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1), line(2)]))
    assert remittance.status == "open"  # no transfer yet
    record_transfer(
        actor=world.admin, remittance=remittance, received_on=datetime.date(2026, 4, 10), amount=100_000, reference="A"
    )
    remittance.refresh_from_db()
    assert (remittance.received_amount, remittance.status) == (100_000, "open")
    assert _exceptions(remittance) == [("transfer_mismatch", None, None, 100_000, 102_470, "open")]
    record_transfer(
        actor=world.admin, remittance=remittance, received_on=datetime.date(2026, 4, 10), amount=2_470, reference="B"
    )
    remittance.refresh_from_db()
    assert (remittance.received_amount, remittance.status, _exceptions(remittance)) == (102_470, "reconciled", [])
    assert remittance.reconciled_at is not None
    assert AuditEvent.objects.filter(kind=events.REMITTANCE_RECONCILED, object_id=str(remittance.pk)).count() == 1
    record_transfer(
        actor=world.admin, remittance=remittance, received_on=datetime.date(2026, 4, 11), amount=1_000, reference="C"
    )
    remittance.refresh_from_db()
    assert (remittance.status, remittance.reconciled_at) == ("open", None)
    assert _exceptions(remittance) == [
        ("late", None, None, 1_000, None, "open"),
        ("transfer_mismatch", None, None, 103_470, 102_470, "open"),
    ]


def test_resolving_accept_counts_as_paid_refund_does_not(world, tmp_path):
    differs = member(world, 1)
    no_wage = member(world, 2, wage=None)
    other = member(world, 3)
    rows = [line(1, 50_000), line(2, 45_000, wage=None), line(3, 40_000)]
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", rows))
    by_membership = {e.membership_id: e for e in ReconciliationException.objects.filter(remittance=remittance)}
    resolve_exception(
        actor=world.admin, exception=by_membership[differs.pk], action="accept", note="Rounded by payroll"
    )
    resolve_exception(actor=world.admin, exception=by_membership[no_wage.pk], action="accept", note="Wage sent by HR")
    resolve_exception(actor=world.admin, exception=by_membership[other.pk], action="refund", note="Refunded in April")
    assert sorted(Contribution.objects.values_list("membership_id", "expected_amount", "paid_amount")) == [
        (differs.pk, 51_235, 50_000),
        (no_wage.pk, 0, 45_000),
        (other.pk, 51_235, 0),
    ]
    resolved = ReconciliationException.objects.get(pk=by_membership[other.pk].pk)
    assert (resolved.status, resolved.action, resolved.note, resolved.resolved_by) == (
        "resolved",
        "refund",
        "Refunded in April",
        world.admin,
    )
    assert AuditEvent.objects.filter(kind=events.EXCEPTION_RESOLVED).count() == 3
    remittance.refresh_from_db()
    assert remittance.status == "open"  # resolved, but nothing received yet
    record_transfer(actor=world.admin, remittance=remittance, received_on=datetime.date(2026, 4, 2), amount=135_000)
    remittance.refresh_from_db()
    assert remittance.status == "reconciled"


def test_refused_resolutions_change_nothing(world, tmp_path, make_user):
    member(world, 1, authorised=False)
    member(world, 2)
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1), line(9, 20_000), line(2, 1)]))
    exceptions = {e.kind: e for e in ReconciliationException.objects.filter(remittance=remittance)}
    sibling = make_user("treasurer", world.tree.puk_b)
    reader = make_user("read_only", world.tree.puk_a)
    before = _tables()
    refusals = [
        (world.admin, exceptions["no_authorisation"], "accept", "ok", DomainError),
        (world.admin, exceptions["not_member"], "accept", "ok", DomainError),
        (world.admin, exceptions["amount_differs"], "accept", "  ", DomainError),
        (world.admin, exceptions["amount_differs"], "forgive", "x", DomainError),
        (sibling, exceptions["amount_differs"], "accept", "ok", NotFound),
        (reader, exceptions["amount_differs"], "accept", "ok", NotFound),
    ]
    for actor, exception, action, note, error in refusals:
        with pytest.raises(error):
            resolve_exception(actor=actor, exception=exception, action=action, note=note)
        assert _tables() == before
    resolve_exception(actor=world.admin, exception=exceptions["amount_differs"], action="chase_employer", note="Mail")
    after = _tables()
    with pytest.raises(Conflict):
        resolve_exception(actor=world.admin, exception=exceptions["amount_differs"], action="waive", note="again")
    assert _tables() == after


def test_the_same_file_again_changes_nothing(world, tmp_path):
    member(world, 1)
    member(world, 2)
    path = write_xlsx(tmp_path / "f.xlsx", [line(1), line(2, 1_000)])
    _import(world, path)
    before = _tables()
    result = import_deductions(
        actor=world.admin, unit=world.unit, employer=world.employer, month=MARCH, path=path, filename="f.xlsx"
    )
    assert result.unchanged is True
    assert _tables() == before


def test_a_corrected_file_replaces_the_lines_and_keeps_unchanged_resolutions(world, tmp_path):
    first, second, third = member(world, 1), member(world, 2), member(world, 3)
    remittance = _import(world, write_xlsx(tmp_path / "v1.xlsx", [line(1, 50_000), line(2, 1_000), line(9, 5)]))
    kept = ReconciliationException.objects.get(remittance=remittance, membership=first)
    resolve_exception(actor=world.admin, exception=kept, action="accept", note="Payroll rounds down")
    gone = ReconciliationException.objects.get(remittance=remittance, membership=second)
    resolve_exception(actor=world.admin, exception=gone, action="chase_employer", note="Asked HR")
    remittance = _import(world, write_xlsx(tmp_path / "v2.xlsx", [line(1, 50_000), line(2), line(3)]))
    assert _lines(remittance) == [
        (2, "amount_differs", 50_000, 51_235),
        (3, "matched", 51_235, 51_235),
        (4, "matched", 51_235, 51_235),
    ]
    assert list(
        ReconciliationException.objects.filter(remittance=remittance).values_list(
            "kind", "membership_id", "status", "note"
        )
    ) == [("amount_differs", first.pk, "resolved", "Payroll rounds down")]
    assert sorted(Contribution.objects.values_list("membership_id", "paid_amount")) == [
        (first.pk, 50_000),
        (second.pk, 51_235),
        (third.pk, 51_235),
    ]
    remittance.refresh_from_db()
    assert (remittance.lines_count, remittance.filename, remittance.outcome_counts["not_member"]) == (3, "v2.xlsx", 0)
    event = AuditEvent.objects.filter(kind=events.DEDUCTIONS_IMPORTED).latest("id")
    assert (event.data["replaced_lines"], event.data["resolutions_kept"]) == (3, 1)


def test_a_member_left_out_of_a_corrected_file_stays_owed_to_this_remittance_unpaid(world, tmp_path):
    first, second = member(world, 1), member(world, 2)
    remittance = _import(world, write_xlsx(tmp_path / "v1.xlsx", [line(1), line(2)]))
    _import(world, write_xlsx(tmp_path / "v2.xlsx", [line(1)]))  # the employer stopped deducting member 2
    assert sorted(
        Contribution.objects.values_list("membership_id", "expected_amount", "paid_amount", "remittance_id")
    ) == [
        (first.pk, 51_235, 51_235, remittance.pk),
        (second.pk, 51_235, 0, remittance.pk),
    ]
    assert _exceptions(remittance) == [("not_deducted", None, second.pk, None, 51_235, "open")]


def test_the_orm_still_protects_and_cascades_without_database_foreign_keys(world, tmp_path):
    deducted = member(world, 1)
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1, 50_000), line(9, 5)]))
    with pytest.raises(ProtectedError) as refused:
        Membership.objects.filter(pk=deducted.pk).delete()
    assert {"Contribution", "RemittanceLine"} <= {type(row).__name__ for row in refused.value.protected_objects}
    remittance.delete()
    assert (RemittanceLine.objects.count(), ReconciliationException.objects.count()) == (0, 0)
    assert list(Contribution.objects.values_list("membership_id", "remittance_id")) == [(deducted.pk, None)]


def test_title_rows_totals_and_zero_lines_are_skipped(world, tmp_path):
    member(world, 1)
    member(world, 2)
    rows = [line(1), line(2, 0), ["", "", "", "TOTAL", "", 51_235]]
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", rows, title="DAFTAR POTONGAN IURAN MARET 2026"))
    assert _lines(remittance) == [(4, "matched", 51_235, 51_235)]
    assert remittance.outcome_counts["not_deducted"] == 1


def test_english_headers_written_by_xlsxwriter(world, tmp_path):
    member(world, 1, number="777")
    header = ["Employee No", "Name", "Wage", "Deduction"]
    remittance = _import(
        world, write_xlsxwriter(tmp_path / "f.xlsx", [["777", "Pekerja 1", 5_123_500, 51_235]], header=header)
    )
    assert _lines(remittance) == [(2, "matched", 51_235, 51_235)]


@pytest.mark.parametrize(
    ("rows", "header", "messages"),
    [
        (
            [line(1, "lima puluh ribu"), line(2, None), line(3, -500)],
            None,
            [
                "Row 2, column Potongan Iuran: lima puluh ribu is not an amount in Rupiah.",
                "Row 3, column Potongan Iuran: The amount is missing.",
                "Row 4, column Potongan Iuran: -500 is negative.",
            ],
        ),
        (
            [[1, "E0001", 3216015708850010, "Pekerja 1", 5_123_500, 51_235], line(2, nik_text="12345")],
            None,
            [
                "Row 2, column NIK: The NIK is stored as a number (3216015708850010). Spreadsheets keep only 15 digits "
                "of a number, so its last digit may have been lost. Format the column as Text and type the NIK again.",
                "Row 3, column NIK: 12345 is not a NIK (16 digits).",
            ],
        ),
        (
            [["", "", "Pekerja 1", 5_123_500, 51_235]],
            ["NIK Karyawan", "NIK", "Nama", "Upah", "Iuran"],
            ["Row 2, column NIK / NIK Karyawan: The line names no NIK and no employee number."],
        ),
        (
            [[nik(1), "Pekerja 1", 5_123_500]],
            ["NIK", "Nama", "Upah"],
            [
                "f.xlsx has no column for the amount deducted (Potongan, Iuran, Jumlah Potongan, Deduction). "
                "Name the columns in the header row."
            ],
        ),
    ],
    ids=["amounts", "niks", "no-identifier", "no-amount-column"],
)
def test_bad_files_are_refused_whole_naming_row_and_column(world, tmp_path, rows, header, messages):
    for n in (1, 2, 3):
        member(world, n)
    before = _tables()
    with pytest.raises(DeductionFileRefused) as refused:
        _import(world, write_xlsx(tmp_path / "f.xlsx", rows, header=header))
    assert [p.message for p in refused.value.problems] == messages
    assert _tables() == before


def test_files_that_are_no_spreadsheet_are_refused(world, tmp_path):
    member(world, 1)
    pdf = tmp_path / "potongan.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    before = _tables()
    messages = []
    for path in (pdf, empty):
        with pytest.raises(DeductionFileRefused) as refused:
            _import(world, path)
        messages.append(refused.value.message)
    assert messages == [
        "potongan.xlsx: This file is not a spreadsheet Serikat can read (xlsx, xls, ods or csv).",
        "empty.csv is empty.",
    ]
    assert _tables() == before


def test_refused_imports_change_nothing(world, tmp_path, make_user):
    member(world, 1)
    path = write_xlsx(tmp_path / "f.xlsx", [line(1)])
    before = _tables()
    with pytest.raises(NotFound):
        _import(world, path, actor=make_user("treasurer", world.tree.puk_b))
    with pytest.raises(NotFound):
        _import(world, path, actor=make_user("read_only", world.tree.puk_a))
    with pytest.raises(DomainError) as refused:
        _import(world, path, employer=world.other_employer)
    assert refused.value.problems[0].as_dict() == {
        "field": "employer",
        "message": "PT Lain (PUK-A) is not an employer where PUK-A organises (no workplace link).",
    }
    with pytest.raises(DomainError) as refused:
        _import(world, path, month=datetime.date(2024, 12, 1))
    assert refused.value.problems[0].as_dict() == {
        "field": "month",
        "message": "No dues policy applies to PUK-A in 2024-12: set one before reconciling.",
    }
    assert _tables() == before


def test_a_transfer_before_the_month_or_not_positive_is_refused(world, tmp_path):
    member(world, 1)
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1)]))
    before = _tables()
    for received_on, amount in ((datetime.date(2026, 2, 28), 51_235), (datetime.date(2026, 4, 1), 0)):
        with pytest.raises(DomainError):
            record_transfer(actor=world.admin, remittance=remittance, received_on=received_on, amount=amount)
    assert _tables() == before


def test_a_treasurer_of_the_union_reconciles_and_the_dpw_treasurer_too(world, tmp_path, make_user):
    member(world, 1)
    own = make_user("treasurer", world.tree.puk_a)
    province = make_user("treasurer", world.tree.dpw_jabar)
    remittance = _import(world, write_xlsx(tmp_path / "f.xlsx", [line(1)]), actor=own)
    record_transfer(actor=province, remittance=remittance, received_on=datetime.date(2026, 4, 3), amount=51_235)
    remittance.refresh_from_db()
    assert (remittance.uploaded_by, remittance.status) == (own, "reconciled")
