"""The dues acceptance journey in a real browser, on a phone: a plant union's treasurer uploads the
employer's deduction file for a month, sees two exceptions (an amount typed wrong, an authorised
member left out), resolves both, records the bank transfer and sees the month reconciled."""

import csv
import datetime

import pytest

from serikat.dues.models import Authorisation, Contribution, ReconciliationException, Remittance
from serikat.dues.policies import authorised_q, dues_for, owing_q, policy_book

pytestmark = pytest.mark.browser

MONTH = datetime.date(2026, 10, 1)


@pytest.fixture
def union_with_members(demo):
    """The demo PUK with demo members (the PUK organises a big plant, so it gets many of them) and
    their surat kuasa, as `seed_demo --members` makes them."""
    from serikat.accounts.models import User
    from serikat.demo.dues import seed_dues
    from serikat.demo.members import seed_members
    from serikat.membership.models import Membership
    from serikat.organisation.models import Unit

    seed_members(count=400, seed=3)
    seed_dues(actor=User.objects.get(username="demo-admin"))
    puk = Unit.objects.get(code=demo.demo_puk)
    employer = puk.workplace_links.select_related("workplace__employer").first().workplace.employer
    book = policy_book(MONTH)
    authorised = Authorisation.objects.filter(authorised_q(MONTH), employer=employer).values("membership_id")
    memberships = list(
        Membership.objects.filter(owing_q(MONTH), unit=puk, employer=employer, pk__in=authorised)
        .select_related("member")
        .order_by("pk")
    )
    assert len(memberships) >= 5, "the demo PUK should have authorised members"
    return puk, employer, [(m, dues_for(book, puk, m.monthly_wage_amount)) for m in memberships]


def write_deductions(path, members):
    """The employer's file: everyone's dues, except that the first amount is Rp 1,000 too much and
    the last member was left out."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["No. Induk", "NIK", "Nama", "Gaji Pokok", "Potongan Iuran"])
        for index, (membership, amount) in enumerate(members[:-1]):
            wrong = 1_000 if index == 0 else 0
            writer.writerow(
                [
                    membership.employee_number,
                    membership.member.nik,
                    membership.member.full_name,
                    int(membership.monthly_wage_amount),
                    amount + wrong,
                ]
            )
    return path, sum(amount for _m, amount in members[:-1]) + 1_000


@pytest.mark.parametrize("viewport", ["phone"])
def test_treasurer_uploads_resolves_two_exceptions_records_transfer_and_sees_month_reconciled(
    page, demo, log_in, screenshot, page_problems, tmp_path, union_with_members
):
    puk, employer, members = union_with_members
    path, file_total = write_deductions(tmp_path / "potongan-oktober.csv", members)
    log_in("demo-bendahara")
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"] button[value="en"]').click()

    # The dues home links to the union's remittances; the upload form takes the employer's file.
    page.goto(demo.url + "/dues/remittances/new/")
    page.fill('input[name="unit"]', puk.code)
    page.select_option('select[name="employer"]', str(employer.pk))
    page.fill('input[name="month"]', "2026-10")
    page.set_input_files('input[name="file"]', str(path))
    screenshot("dues-1-upload")
    with page.expect_navigation():
        page.get_by_role("button", name="Import and reconcile").click()

    assert page.get_by_test_id("status").inner_text() == "Being reconciled"
    open_items = page.locator('li.exception[data-status="open"]')
    assert open_items.count() == 2
    kinds = open_items.all_inner_texts()
    assert any("Amount differs from the policy" in text for text in kinds)
    assert any("Active authorised member not deducted" in text for text in kinds)
    screenshot("dues-2-exceptions")

    # Resolve both: the employer corrects the amount next month; the missing member is chased.
    for action, note in (
        ("accept", "Kelebihan Rp 1.000 dikembalikan bulan depan"),
        ("chase_employer", "Sudah ditanyakan ke HRD"),
    ):
        item = page.locator('li.exception[data-status="open"]').first
        exception_id = item.get_attribute("data-exception")
        item.locator('select[name="action"]').select_option(action)
        item.locator('input[name="note"]').fill(note)
        item.get_by_role("button", name="Resolve").click()
        page.locator(f'li#exception-{exception_id}[data-status="resolved"]').wait_for()
    assert page.locator('li.exception[data-status="open"]').count() == 0

    # The transfer arrives on 5 November, before the 10th: the month is reconciled.
    page.locator("details", has_text="Record the transfer").locator("summary").click()
    page.fill('input[name="received_on"]', "2026-11-05")
    page.fill('input[name="amount"]', str(file_total))
    page.fill('input[name="reference"]', "BCA 0511-7788")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the transfer").click()
    assert page.get_by_test_id("status").inner_text() == "Reconciled"
    screenshot("dues-3-reconciled")

    remittance = Remittance.objects.get(unit=puk, employer=employer, month=MONTH)
    assert remittance.status == Remittance.Status.RECONCILED
    assert int(remittance.received_amount) == file_total
    assert sorted(remittance.exceptions.values_list("kind", "status")) == [
        ("amount_differs", ReconciliationException.Status.RESOLVED),
        ("not_deducted", ReconciliationException.Status.RESOLVED),
    ]
    # What the members paid: the accepted line counts as paid; the member left out paid nothing.
    paid = dict(Contribution.objects.filter(month=MONTH, unit=puk).values_list("membership_id", "paid_amount"))
    first, first_amount = members[0]
    last, _last_amount = members[-1]
    assert (paid[first.pk], paid[last.pk]) == (first_amount + 1_000, 0)
    assert page_problems == []
