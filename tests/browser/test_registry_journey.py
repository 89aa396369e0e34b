"""The registry's acceptance journey in a real browser: a plant-union officer imports a small member
list, sees a bad row reported, fixes it in the file and imports again, finds a member by a misspelled
name, prints the member's card and opens the card's verification page."""

import csv

import pytest

from serikat.membership.models import Member, MemberCard, Membership

pytestmark = pytest.mark.browser

HEADER = ["Nama", "NIK", "No. HP", "Tgl Lahir", "L/P", "No. KTA"]
ROWS = [
    ["Siti Rahayu Lestari", "3216015708850001", "81234567890", "17 Agustus 1985", "P", "KTA-BR-0001"],
    ["Budi Santoso", "3216010203900002", "0812 9876 5432", "02/03/1990", "L", "KTA-BR-0002"],
    # 30 February: the NIK cannot be right; the officer fixes it to 3 February.
    ["Agus Setiawan", "3216013002880003", "+62 813 1111 2222", "03-02-1988", "L", "KTA-BR-0003"],
]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def upload(page, demo, unit_code, path):
    page.goto(demo.url + "/members/imports/new/")
    page.fill('input[name="unit"]', unit_code)
    page.set_input_files('input[name="file"]', str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    page.locator("#import-panel dl.facts").wait_for()


def facts(page):
    cells = page.locator("#import-panel dl.facts").inner_text().split("\n")
    return dict(zip(cells[::2], cells[1::2], strict=False))


@pytest.mark.parametrize("viewport", ["phone"])
def test_officer_imports_fixes_reimports_finds_prints_and_verifies(
    page, demo, log_in, screenshot, page_problems, tmp_path
):
    log_in("demo-puk")
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"] button[value="en"]').click()
    unit_code = demo.demo_puk

    # First import: one row is wrong; the other two are saved.
    upload(page, demo, unit_code, write_csv(tmp_path / "anggota.csv", ROWS))
    assert facts(page)["Rows with errors (left out)"] == "1"
    problems = page.locator("#import-panel table").first.inner_text()
    assert "NIK" in problems and "4" in problems  # row 4 of the sheet (after the header)
    screenshot("registry-1-check")
    with page.expect_navigation():
        page.get_by_role("button", name="Save these members").click()
    assert Member.objects.filter(nik__in=["3216015708850001", "3216010203900002"]).count() == 2

    # The officer fixes the NIK and imports the whole file again: one new, two unchanged.
    fixed = [*ROWS[:2], [ROWS[2][0], "3216010302880003", *ROWS[2][2:]]]
    upload(page, demo, unit_code, write_csv(tmp_path / "anggota-perbaikan.csv", fixed))
    counts = facts(page)
    assert (counts["Would be new"], counts["Unchanged"], counts["Rows with errors (left out)"]) == ("1", "2", "0")
    with page.expect_navigation():
        page.get_by_role("button", name="Save these members").click()
    screenshot("registry-2-saved")
    assert Membership.objects.filter(unit__code=unit_code, status="active").count() == 3

    # A misspelled name still finds her.
    page.goto(demo.url + "/members/?q=Siti+Rahyu")
    result = page.locator("#member-results a", has_text="Siti Rahayu Lestari")
    result.wait_for()
    screenshot("registry-3-search")
    with page.expect_navigation():
        result.click()

    # Issue and print her card (a real PDF), then open the page its QR code points to.
    with page.expect_download() as download:
        page.locator('[data-testid="card-issue"]').click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    card = MemberCard.objects.get(membership__member__nik="3216015708850001", revoked_at__isnull=True)
    page.reload()
    verify_url = page.locator('[data-testid="card-verify-url"]').get_attribute("href")
    assert verify_url.endswith(f"/verify/{card.token}/")  # the address the card's QR code carries
    page.goto(verify_url if verify_url.startswith("http") else demo.url + verify_url)
    assert page.locator('[data-testid="verdict"]').inner_text() == "VALID"
    assert page.locator('[data-testid="masked-name"]').inner_text() != "Siti Rahayu Lestari"
    assert "3216015708850001" not in page.content()
    screenshot("registry-4-verify")
    assert page_problems == []
