"""The dues reports: arrears ageing and sanction flags, paid-up standing, a member's statement, what a
unit is due as recipient, a union's month, and the federations' totals and levies (docs/dues.md 5)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.dues.models import ReconciliationException, Remittance
from serikat.dues.selectors_reports import (
    allocation_report,
    arrears_report,
    federation_totals,
    is_paid_up,
    member_statement,
    month_totals,
    paid_up_memberships,
    union_arrears,
    union_month,
)
from serikat.dues.services_allocation import record_levy_payment, run_allocation
from serikat.dues.tests.rules_helpers import FEB, JAN, MAR, fspmi_rules, member, pay, standing
from serikat.organisation.services import register_employer

pytestmark = pytest.mark.django_db

MONTHS = [datetime.date(2025, m, 1) for m in range(1, 8)]  # January to July 2025
DUE = 50_000  # 1% of Rp 5,000,000


def run_months(tree, months=MONTHS):
    for month in months:
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=month)


@pytest.fixture
def behind(tree):
    """One member per FSPMI union, each behind for a different number of months up to July:
    PUK-A 7 (never paid), PUK-B 1, PUK-C 3, PUK-D 5; and an SPN member outside FSPMI."""
    fspmi_rules(tree)
    members = {
        code: member(tree.admin, tree.units[code], n) for n, code in enumerate(["PUK-A", "PUK-B", "PUK-C", "PUK-D"], 1)
    }
    run_months(tree)
    unpaid = {"PUK-A": 7, "PUK-B": 1, "PUK-C": 3, "PUK-D": 5}
    for code, months_behind in unpaid.items():
        for month in MONTHS[months_behind:]:
            pay(members[code], month, DUE)
    run_months(tree)
    return members


def test_arrears_ageing_puts_each_union_in_its_bucket(tree, behind):
    report = arrears_report(tree.admin, federation=tree.fspmi)
    assert report.upto == MONTHS[-1]
    assert report.buckets == [("1", 1, 50_000), ("2-3", 1, 150_000), ("4-6", 1, 250_000), ("7+", 1, 350_000)]
    assert (report.unions, report.unions_in_arrears, report.due, report.received) == (4, 4, 200_000, 150_000)
    assert report.arrears == 800_000


def test_ageing_up_to_an_earlier_month_counts_only_the_months_until_then(tree, behind):
    report = arrears_report(tree.admin, federation=tree.fspmi, upto=MAR)
    # By March: PUK-A, PUK-C and PUK-D are 3 months behind; PUK-B paid from February.
    assert report.buckets == [("1", 1, 50_000), ("2-3", 3, 450_000), ("4-6", 0, 0), ("7+", 0, 0)]


def test_unions_are_flagged_for_sanction_by_the_standing_rule(tree, behind):
    flagged = arrears_report(tree.admin, federation=tree.fspmi).flagged
    assert [(u.code, u.months, u.arrears, u.oldest, u.threshold) for u in flagged] == [
        ("PUK-A", 7, 350_000, JAN, 3),
        ("PUK-D", 5, 250_000, JAN, 3),
        ("PUK-C", 3, 150_000, JAN, 3),
    ]
    standing(tree, sanction=4)
    report = arrears_report(tree.admin, federation=tree.fspmi)
    assert ([u.code for u in report.flagged], report.flagged_count) == (["PUK-A", "PUK-D"], 2)
    assert union_arrears(tree.admin, tree.puk_c).flagged is False


def test_each_treasurer_sees_the_arrears_of_their_own_scope(tree, behind, make_user):
    puk = arrears_report(make_user("treasurer", tree.puk_a))
    assert (puk.unions, [u.code for u in puk.flagged]) == (1, ["PUK-A"])
    banten = arrears_report(make_user("treasurer", tree.dpw_banten))
    assert (banten.unions, [u.code for u in banten.flagged], banten.arrears) == (1, ["PUK-D"], 250_000)
    spn = arrears_report(make_user("treasurer", tree.spn))
    assert (spn.upto, spn.unions, spn.flagged) == (None, 0, [])


def test_the_arrears_report_costs_the_same_queries_for_more_unions(tree, behind):
    with CaptureQueriesContext(connection) as queries:
        arrears_report(tree.admin, federation=tree.fspmi)
    assert len(queries) == 5  # latest month, totals, standing rules, buckets with the flagged count, flagged page


def test_paid_up_counts_the_months_that_ended_before_the_date(tree):
    fspmi_rules(tree)
    m = member(tree.admin, tree.puk_a, 1)
    run_months(tree, MONTHS[:3])  # nothing paid in January, February, March
    assert is_paid_up(m, datetime.date(2025, 3, 31)) is True  # January and February: 2, the grace
    assert is_paid_up(m, datetime.date(2025, 4, 1)) is False  # March has ended: 3 months behind
    pay(m, FEB, DUE)
    assert is_paid_up(m, datetime.date(2025, 4, 1)) is True
    standing(tree, grace=0)
    assert is_paid_up(m, datetime.date(2025, 4, 1)) is False


def test_paid_up_memberships_of_a_unit_for_the_congress(tree, make_user):
    fspmi_rules(tree)
    good = member(tree.admin, tree.puk_a, 1)
    late = member(tree.admin, tree.puk_a, 2)
    other = member(tree.admin, tree.puk_d, 3)
    gone = member(tree.admin, tree.puk_a, 4, ended_on=datetime.date(2025, 3, 10))
    run_months(tree, MONTHS[:4])
    for month in MONTHS[:4]:
        pay(good, month, DUE)
        pay(other, month, DUE)
    on = datetime.date(2025, 5, 1)
    rows = paid_up_memberships(tree.admin, tree.fspmi, on)
    assert sorted((m.pk, m.arrears_months, m.grace_months) for m in rows) == [(good.pk, 0, 2), (other.pk, 0, 2)]
    assert late.pk not in {m.pk for m in rows} and gone.pk not in {m.pk for m in rows}
    jabar = paid_up_memberships(make_user("treasurer", tree.dpw_jabar), tree.dpw_jabar, on)
    assert [m.pk for m in jabar] == [good.pk]


def test_a_member_statement_lists_each_month_due_paid_and_arrears(tree):
    fspmi_rules(tree)
    m = member(tree.admin, tree.puk_a, 1)
    run_months(tree, MONTHS[:3])
    pay(m, JAN, DUE)
    pay(m, FEB, 20_000)
    statement = member_statement(m, on=datetime.date(2025, 4, 1))
    assert [(r.month, r.unit_code, r.due, r.paid, r.arrears) for r in statement.rows] == [
        (MAR, "PUK-A", DUE, 0, DUE),
        (FEB, "PUK-A", DUE, 20_000, 30_000),
        (JAN, "PUK-A", DUE, DUE, 0),
    ]
    assert (statement.due, statement.paid, statement.arrears, statement.months_in_arrears) == (
        150_000,
        70_000,
        80_000,
        2,
    )
    assert (statement.grace_months, statement.paid_up) == (2, True)


def test_allocation_report_shows_what_a_unit_is_due_as_recipient(tree):
    fspmi_rules(tree)
    paid = member(tree.admin, tree.puk_a, 1)
    member(tree.admin, tree.puk_b, 2, wage=2_000_000)
    member(tree.admin, tree.puk_d, 3)  # another KC
    run_months(tree, [JAN, FEB])
    pay(paid, FEB, DUE)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=FEB)
    report = allocation_report(tree.kc_bks, JAN, FEB)
    assert [(line.month, line.level, line.due, line.received) for line in report.lines] == [
        (JAN, "KC", 7_000, 0),
        (FEB, "KC", 7_000, 5_000),
    ]
    assert (report.due, report.received, report.months) == (14_000, 5_000, [(JAN, 7_000, 0), (FEB, 7_000, 5_000)])
    federation = allocation_report(tree.fspmi, JAN, JAN)
    assert [(line.level, line.due) for line in federation.lines] == [("DPP", 24_000)]


def test_a_union_month_reads_its_remittances_and_contributions(tree):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1)
    run_allocation(actor=tree.admin, federation=tree.fspmi, month=JAN)
    employer = register_employer(actor=tree.admin, unit=tree.puk_a, name="PT Maju")
    remittance = Remittance.objects.create(
        unit=tree.puk_a, employer=employer, month=JAN, expected_amount=50_000, deducted_amount=60_000,
        received_amount=55_000, refund_amount=10_000, uploaded_by=tree.admin,
    )  # fmt: skip
    ReconciliationException.objects.create(remittance=remittance, kind="not_member")
    ReconciliationException.objects.create(remittance=remittance, kind="late", status="resolved")
    report = union_month(tree.puk_a, JAN)
    assert (report.expected, report.deducted, report.received, report.refund, report.exceptions_open) == (
        50_000, 60_000, 55_000, 10_000, 1
    )  # fmt: skip
    assert (report.due, report.paid, report.members, report.allocated) == (DUE, 0, 1, True)


def test_the_confederation_sees_federation_totals_and_levies(tree, make_user):
    fspmi_rules(tree, levy_amount=1_000)
    member(tree.admin, tree.puk_a, 1)
    member(tree.admin, tree.puk_b, 2)
    run_months(tree, [JAN, FEB])
    from serikat.dues.models import Levy

    record_levy_payment(actor=tree.admin, levy=Levy.objects.get(month=JAN), amount=2_000, paid_on=FEB)
    confederation = make_user("treasurer", tree.root)
    [fspmi] = federation_totals(confederation)
    assert (fspmi.federation.code, fspmi.months, fspmi.due, fspmi.received, fspmi.levy_due, fspmi.levy_paid) == (
        "FSPMI", 2, 200_000, 0, 4_000, 2_000
    )  # fmt: skip
    assert (fspmi.arrears, fspmi.levy_outstanding) == (200_000, 2_000)
    assert federation_totals(make_user("treasurer", tree.dpw_jabar)) == []
    assert [(t.month, t.due, t.unions, t.unions_behind) for t in month_totals(confederation)] == [
        (JAN, 100_000, 2, 2),
        (FEB, 100_000, 2, 2),
    ]


def test_the_reports_through_the_api(tree, make_user, client_for):
    from serikat.core.tests.test_api_world import API, call

    fspmi_rules(tree)
    m = member(tree.admin, tree.puk_a, 1)
    treasurer = client_for(make_user("treasurer", tree.fspmi))
    created = call(treasurer, "POST", f"{API}/dues/allocation-runs", {"federation": tree.fspmi.pk, "month": "2025-01"})
    assert created.status_code == 201
    body = created.json()
    assert (body["members_count"], body["due_amount"], body["revision"]) == (1, "50000", 1)
    bad = call(treasurer, "POST", f"{API}/dues/allocation-runs", {"federation": tree.fspmi.pk, "month": "January"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "body.month"
    entries = treasurer.get(f"{API}/dues/allocation-runs/{body['id']}/entries").json()["items"]
    assert sorted((e["level"], e["recipient_unit"]["code"], e["due_amount"]) for e in entries)[:2] == [
        ("DPP", "FSPMI", "10000"),
        ("DPW", "DPW-JABAR", "5000"),
    ]
    arrears = client_for(make_user("treasurer", tree.puk_a)).get(f"{API}/dues/arrears").json()
    assert (arrears["unions"], arrears["buckets"][0]) == (1, {"months": "1", "unions": 1, "arrears_amount": 50_000})
    statement = treasurer.get(f"{API}/dues/members/{m.pk}/statement").json()
    assert (statement["arrears_amount"], statement["rows"][0]["month"]) == (50_000, "2025-01-01")
    assert treasurer.get(f"{API}/dues/members/{m.pk}/standing?on=2025-02-01").json()["paid_up"] is True
    levy = treasurer.get(f"{API}/dues/levies").json()["items"][0]
    paid = call(treasurer, "POST", f"{API}/dues/levies/{levy['id']}/payments", {"amount": 400, "paid_on": "2025-02-03"})
    assert (paid.status_code, paid.json()["paid_amount"]) == (200, "400")
    totals = client_for(make_user("treasurer", tree.root)).get(f"{API}/dues/federation-totals").json()["items"]
    assert [(t["code"], t["levy_due_amount"], t["levy_paid_amount"]) for t in totals] == [("FSPMI", 1_000, 400)]
