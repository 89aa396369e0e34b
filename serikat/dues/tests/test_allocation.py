"""run_allocation and record_levy_payment: contributions written in SQL, shares to the recipients on
both axes, the levy, re-runs, effective dates, and who owes a month (docs/dues.md, sections 1 and 4)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import DomainError, NotFound
from serikat.dues import events
from serikat.dues.models import AllocationEntry, AllocationRun, Contribution, Levy, UnionMonth
from serikat.dues.money import dues_for_wage
from serikat.dues.services_allocation import record_levy_payment, run_allocation
from serikat.dues.services_rules import set_dues_policy
from serikat.dues.tests.rules_helpers import FEB, JAN, MAR, fspmi_rules, level, member, pay
from serikat.organisation.services import create_unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


def entries(run, source=None):
    rows = AllocationEntry.objects.filter(run=run).select_related("source_unit", "level", "recipient_unit")
    if source is not None:
        rows = rows.filter(source_unit=source)
    return sorted(
        (e.source_unit.code, e.level.code, e.recipient_unit.code, int(e.due_amount), int(e.received_amount))
        for e in rows
    )


def test_shares_go_to_the_units_above_the_union_on_both_axes(tree):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1, wage=5_000_000)
    run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert entries(run) == [
        ("PUK-A", "DPP", "FSPMI", 10_000, 0),
        ("PUK-A", "DPW", "DPW-JABAR", 5_000, 0),
        ("PUK-A", "KC", "KC-BKS", 5_000, 0),
        ("PUK-A", "PC", "PC-SPL-BKS", 5_000, 0),
        ("PUK-A", "PP", "FSPMI-SPL", 5_000, 0),
        ("PUK-A", "PUK", "PUK-A", 20_000, 0),
    ]
    assert (run.members_count, int(run.due_amount), int(run.received_amount), run.revision) == (1, 50_000, 0, 1)
    assert list(Contribution.objects.values_list("unit__code", "month", "expected_amount", "paid_amount")) == [
        ("PUK-A", JAN, 50_000, 0)
    ]


def test_the_split_is_exact_and_leftover_rupiah_go_to_the_largest_remainders(tree):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_c, 1, wage=3_333_333)  # 1% = 33,333.33 -> 33,333 (half up)
    run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    # exact shares 13,333.2 / 3,333.3 x4 / 6,666.6: DPP (.6) and then PC (.3, listed first) get the two left over
    assert entries(run) == [
        ("PUK-C", "DPP", "FSPMI", 6_667, 0),
        ("PUK-C", "DPW", "DPW-JABAR", 3_333, 0),
        ("PUK-C", "KC", "KC-KRW", 3_333, 0),
        ("PUK-C", "PC", "PC-SPL-KRW", 3_334, 0),
        ("PUK-C", "PP", "FSPMI-SPL", 3_333, 0),
        ("PUK-C", "PUK", "PUK-C", 13_333, 0),
    ]


def test_received_is_split_like_due_and_entries_sum_to_the_run(tree):
    fspmi_rules(tree)
    paid = member(tree.admin, tree.puk_a, 1, wage=5_000_000)
    member(tree.admin, tree.puk_d, 2, wage=2_000_000)  # 20,000
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    pay(paid, JAN, 50_000)
    run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert entries(run, tree.puk_d) == [
        ("PUK-D", "DPP", "FSPMI", 4_000, 0),
        ("PUK-D", "DPW", "DPW-BANTEN", 2_000, 0),
        ("PUK-D", "KC", "KC-TNG", 2_000, 0),
        ("PUK-D", "PC", "PC-SPL-TNG", 2_000, 0),
        ("PUK-D", "PP", "FSPMI-SPL", 2_000, 0),
        ("PUK-D", "PUK", "PUK-D", 8_000, 0),
    ]
    assert [row[3:] for row in entries(run, tree.puk_a)] == [
        (10_000, 10_000), (5_000, 5_000), (5_000, 5_000), (5_000, 5_000), (5_000, 5_000), (20_000, 20_000)
    ]  # fmt: skip
    assert sum(row[3] for row in entries(run)) == int(run.due_amount) == 70_000
    assert sum(row[4] for row in entries(run)) == int(run.received_amount) == 50_000
    assert sorted(UnionMonth.objects.values_list("unit__code", "members_count", "due_amount", "received_amount")) == [
        ("PUK-A", 1, 50_000, 50_000),
        ("PUK-D", 1, 20_000, 0),
    ]


def test_a_level_the_union_has_no_unit_of_is_held_by_the_federation(tree):
    fspmi_rules(tree)
    pc = create_unit(actor=tree.admin, parent=tree.spl, level=tree.level(tree.fspmi, "PC"), code="PC-X", name="PC X")
    puk = create_unit(actor=tree.admin, parent=pc, level=tree.level(tree.fspmi, "PUK"), code="PUK-X", name="PUK X")
    member(tree.admin, puk, 1, wage=5_000_000)
    run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert entries(run) == [
        ("PUK-X", "DPP", "FSPMI", 10_000, 0),
        ("PUK-X", "DPW", "FSPMI", 5_000, 0),
        ("PUK-X", "KC", "FSPMI", 5_000, 0),
        ("PUK-X", "PC", "PC-X", 5_000, 0),
        ("PUK-X", "PP", "FSPMI-SPL", 5_000, 0),
        ("PUK-X", "PUK", "PUK-X", 20_000, 0),
    ]


def test_levy_per_capita_counts_every_member_who_owed_the_month(tree):
    fspmi_rules(tree, levy_kind="per_capita", levy_amount=1_500)
    member(tree.admin, tree.puk_a, 1)
    member(tree.admin, tree.puk_b, 2)
    member(tree.admin, tree.puk_b, 3, wage=None)  # owes, but cannot be priced
    run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    levy = Levy.objects.get()
    assert (levy.run_id, levy.federation_id, levy.month, levy.members_count, int(levy.due_amount)) == (
        run.pk, tree.fspmi.pk, JAN, 3, 4_500
    )  # fmt: skip
    assert (run.members_count, run.unpriced_count, Contribution.objects.count()) == (3, 1, 2)


def test_levy_as_a_percentage_of_dues_due_rounds_half_up(tree):
    fspmi_rules(tree, levy_kind="percent", levy_amount=None, levy_basis_points=250)
    member(tree.admin, tree.puk_a, 1, wage=3_333_333)  # 33,333
    member(tree.admin, tree.puk_a, 2, wage=1_000_000)  # 10,000 (the minimum)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert int(Levy.objects.get().due_amount) == 1_083  # 2.5% of 43,333 = 1,083.325


def test_running_a_month_again_replaces_it_and_keeps_levy_payments(tree):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1)
    first = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    levy = Levy.objects.get()
    record_levy_payment(actor=tree.admin, levy=levy, amount=600, paid_on=datetime.date(2025, 2, 5), reference="TRF1")
    member(tree.admin, tree.puk_b, 2, wage=2_000_000)
    again = run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert again.pk == first.pk
    assert (AllocationRun.objects.count(), again.revision, again.members_count, int(again.due_amount)) == (
        1,
        2,
        2,
        70_000,
    )
    assert AllocationEntry.objects.filter(run=again).count() == 12
    assert Contribution.objects.count() == 2
    levy = Levy.objects.get()
    assert (int(levy.due_amount), int(levy.paid_amount), levy.members_count) == (2_000, 600, 2)
    event = AuditEvent.objects.filter(kind=events.ALLOCATION_RUN).latest("id")
    assert event.data["before"]["due"] == 50_000
    assert event.data["after"]["due"] == 70_000
    assert event.data["after"]["by_level"]["PUK"] == [28_000, 0]
    assert event.data["after"]["revision"] == 2


def test_a_rerun_follows_a_policy_changed_after_the_first_run_but_keeps_paid_rows(tree):
    fspmi_rules(tree)
    unpaid = member(tree.admin, tree.puk_a, 1, wage=5_000_000)
    paid = member(tree.admin, tree.puk_a, 2, wage=5_000_000)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    pay(paid, JAN, 50_000)
    set_dues_policy(actor=tree.admin, unit=tree.fspmi, valid_from=JAN, kind="flat", flat_amount=40_000)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert sorted(Contribution.objects.values_list("membership_id", "expected_amount", "paid_amount")) == [
        (unpaid.pk, 40_000, 0),
        (paid.pk, 50_000, 50_000),
    ]


def test_policies_are_effective_dated_per_month_and_a_sector_union_may_differ(tree):
    fspmi_rules(tree)
    set_dues_policy(actor=tree.admin, unit=tree.fspmi, valid_from=MAR, kind="percent", rate_basis_points=150)
    set_dues_policy(actor=tree.admin, unit=tree.spn, valid_from=JAN, kind="flat", flat_amount=25_000)
    m = member(tree.admin, tree.puk_a, 1, wage=4_000_000)
    for month in (JAN, FEB, MAR):
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=month)
    assert list(
        Contribution.objects.filter(membership=m).order_by("month").values_list("month", "expected_amount")
    ) == [
        (JAN, 40_000),
        (FEB, 40_000),
        (MAR, 60_000),
    ]
    set_dues_policy(actor=tree.admin, unit=tree.spl, valid_from=MAR, kind="flat", flat_amount=30_000)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=MAR)
    assert Contribution.objects.get(membership=m, month=MAR).expected_amount == 30_000


def test_who_owes_the_month_is_who_was_active_on_its_last_day(tree):
    fspmi_rules(tree)
    left_mid_month = member(tree.admin, tree.puk_a, 1, ended_on=datetime.date(2025, 2, 15))
    left_last_day = member(tree.admin, tree.puk_a, 2, ended_on=datetime.date(2025, 2, 28))
    joined_late = member(tree.admin, tree.puk_a, 3, activated_on=datetime.date(2025, 2, 20))
    joined_next = member(tree.admin, tree.puk_a, 4, activated_on=datetime.date(2025, 3, 1))
    run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=FEB)
    owed = set(Contribution.objects.filter(month=FEB).values_list("membership_id", flat=True))
    assert owed == {left_last_day.pk, joined_late.pk}
    assert left_mid_month.pk not in owed and joined_next.pk not in owed
    assert run.members_count == 2


def test_the_amounts_written_in_sql_are_the_money_rules(tree):
    wages = [None, 0, 1, 999_949, 999_950, 1_234_567, 2_345_650, 5_000_001, 12_345_678, 99_999_999]
    cases = [
        ("half_up", 1, 100, None, None),
        ("down", 1, 150, None, None),
        ("up", 100, 125, None, None),
        ("half_up", 1000, 100, 15_000, 90_000),
    ]
    fspmi_rules(tree)
    members = [member(tree.admin, tree.puk_a, n, wage=wage) for n, wage in enumerate(wages, start=1)]
    for month, (rounding, step, rate, floor, cap) in zip(
        (JAN, FEB, MAR, datetime.date(2025, 4, 1)), cases, strict=True
    ):
        set_dues_policy(
            actor=tree.admin, unit=tree.fspmi, valid_from=month, kind="percent", rate_basis_points=rate,
            floor_amount=floor, cap_amount=cap, rounding=rounding, rounding_step=step,
        )  # fmt: skip
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=month)
        written = dict(Contribution.objects.filter(month=month).values_list("membership_id", "expected_amount"))
        wanted = {
            m.pk: amount
            for m, wage in zip(members, wages, strict=True)
            if (
                amount := dues_for_wage(
                    wage,
                    kind="percent",
                    rate_basis_points=rate,
                    floor_amount=floor,
                    cap_amount=cap,
                    rounding=rounding,
                    rounding_step=step,
                )
            )
            is not None
        }
        assert {pk: int(value) for pk, value in written.items()} == wanted, (rounding, step)


def test_query_count_of_a_run_does_not_grow_with_members_or_unions(tree):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)  # both measured runs are re-runs
    with CaptureQueriesContext(connection) as small:
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    for n, unit in enumerate([tree.puk_b, tree.puk_c, tree.puk_d] * 4, start=2):
        member(tree.admin, unit, n)
    with CaptureQueriesContext(connection) as large:
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    assert Contribution.objects.count() == 13
    assert len(large) == len(small)


def _fingerprint():
    return (
        list(Contribution.objects.values_list("id", "expected_amount", "paid_amount").order_by("id")),
        list(AllocationRun.objects.values_list("id", "revision", "due_amount").order_by("id")),
        AllocationEntry.objects.count(),
        list(Levy.objects.values_list("id", "due_amount", "paid_amount").order_by("id")),
        AuditEvent.objects.count(),
    )


def test_refusals_change_nothing(tree, make_user):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    levy = Levy.objects.get()
    before = _fingerprint()
    puk_treasurer = make_user("treasurer", tree.puk_a)
    with pytest.raises(NotFound):
        run_allocation(actor=puk_treasurer, federation=tree.fspmi, month=JAN)
    with pytest.raises(NotFound):
        run_allocation(actor=make_user("read_only", tree.fspmi), federation=tree.fspmi, month=JAN)
    with pytest.raises(DomainError) as no_rule:
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=datetime.date(2024, 12, 1))
    assert no_rule.value.problems[0].field == "month"
    with pytest.raises(DomainError) as not_first:
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=datetime.date(2025, 1, 15))
    assert not_first.value.problems[0].field == "month"
    with pytest.raises(DomainError) as not_federation:
        run_allocation(actor=tree.admin, federation=tree.spl, month=JAN)
    assert not_federation.value.problems[0].field == "federation"
    with pytest.raises(DomainError) as too_much:
        record_levy_payment(actor=tree.admin, levy=levy, amount=1_001, paid_on=FEB)
    assert (too_much.value.problems[0].field, too_much.value.message) == (
        "amount", "This is more than the Rp 1,000 still owed."
    )  # fmt: skip
    with pytest.raises(DomainError) as nothing:
        record_levy_payment(actor=tree.admin, levy=levy, amount="0", paid_on=FEB)
    assert nothing.value.problems[0].field == "amount"
    with pytest.raises(NotFound):
        record_levy_payment(actor=puk_treasurer, levy=levy, amount=100, paid_on=FEB)
    assert _fingerprint() == before


def test_a_levy_payment_is_recorded_with_its_date_and_reference(tree, make_user):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    treasurer = make_user("treasurer", tree.fspmi)
    levy = record_levy_payment(
        actor=treasurer, levy=Levy.objects.get(), amount=1_000, paid_on=FEB, reference=" BCA 123 "
    )
    assert int(levy.paid_amount) == 1_000
    event = AuditEvent.objects.get(kind=events.LEVY_PAYMENT_RECORDED)
    assert (event.actor_id, event.unit_id, event.data) == (
        treasurer.pk,
        tree.fspmi.pk,
        {"amount": 1_000, "paid_on": "2025-02-01", "reference": "BCA 123", "paid_total": 1_000},
    )
    assert level(tree, "DPP").federation_id is None


def _spn_rules(tree):
    from serikat.dues.services_rules import set_allocation_rule
    from serikat.organisation.models import Level

    set_dues_policy(actor=tree.admin, unit=tree.spn, valid_from=JAN, kind="flat", flat_amount=20_000)
    set_allocation_rule(
        actor=tree.admin,
        unit=tree.spn,
        valid_from=JAN,
        shares=[(tree.level(tree.spn, "PUK"), 6000), (Level.objects.get(federation=None, code="DPP"), 4000)],
        mode="direct",
        levy_kind="none",
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_a_month_for_every_federation_gives_the_runs_of_each_one(tree, workers):
    """allocate_month runs each federation as run_allocation would. Inside a transaction (as here:
    the test's rows are not committed, so other connections could not see them) it runs them one
    after another whatever `workers` says; the two-connection path runs in bench/dues_allocation.py."""
    from serikat.dues.services_allocation import allocate_month
    from serikat.organisation.models import Unit

    fspmi_rules(tree)
    _spn_rules(tree)
    member(tree.admin, tree.puk_a, 1, wage=5_000_000)
    member(tree.admin, tree.puk_c, 2, wage=3_000_000)
    member(tree.admin, Unit.objects.get(code="SPN-PUK-S"), 3, wage=4_000_000)
    runs = allocate_month(actor=tree.admin, month=JAN, federations=[tree.fspmi, tree.spn], workers=workers)
    assert [(run.federation.code, run.members_count, int(run.due_amount)) for run in runs] == [
        ("FSPMI", 2, 50_000 + 30_000),
        ("SPN", 1, 20_000),
    ]
    assert AuditEvent.objects.filter(kind=events.ALLOCATION_RUN).count() == 2
    assert sorted(AllocationEntry.objects.filter(run=runs[1]).values_list("level__code", "due_amount")) == [
        ("DPP", 8_000),
        ("PUK", 12_000),
    ]


def test_a_month_for_every_federation_needs_the_right_at_each_of_them(tree, make_user):
    from serikat.dues.services_allocation import allocate_month

    fspmi_rules(tree)
    treasurer = make_user("treasurer", tree.fspmi)
    with pytest.raises(NotFound):
        allocate_month(actor=treasurer, month=JAN, federations=[tree.fspmi, tree.spn], workers=2)
    assert not AllocationRun.objects.exists()
