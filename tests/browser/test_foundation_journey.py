"""The foundation's acceptance journey in a real browser: a provincial secretariat (demo-dpw-jabar)
switches language, browses the tree, creates a plant union, moves it to another branch, and finds
both changes in the audit log. Screenshots of each step go to artifacts/screenshots/."""

import pytest

from serikat.audit.models import AuditEvent
from serikat.organisation.models import Unit

pytestmark = pytest.mark.browser

NEW_CODE = "FSPMI-PUK-BROWSER-1"


@pytest.mark.parametrize("viewport", ["phone"])
def test_provincial_secretariat_creates_and_moves_a_plant_union_and_finds_both_in_the_audit_log(
    page, demo, log_in, screenshot, page_problems
):
    log_in("demo-dpw-jabar")
    assert page.locator("html").get_attribute("lang") == "id"

    # Switch language: the same page comes back in English.
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"] button[value="en"]').click()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot("journey-1-home-english")

    # Browse: the province is open at the top; a council opens to show the branches in its territory.
    page.goto(demo.url + "/units/")
    bekasi = page.locator('li[data-unit="FSPMI-KC-3216"]')
    bekasi.locator("summary").first.click()
    branch = bekasi.locator('li[data-unit="FSPMI-SPL-PC-3216"]')
    branch.wait_for()
    screenshot("journey-2-tree")
    assert page.locator('li[data-unit^="SPN-"]').count() == 0

    # Create a plant union under the metal branch in Bekasi.
    with page.expect_navigation():
        branch.locator("a.node-name").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="New unit below").click()
    # Under a branch the only level allowed is the plant union, so it is already chosen.
    assert page.locator('select[name="level"] option:checked').inner_text().startswith("PUK")
    page.fill('input[name="code"]', NEW_CODE)
    page.fill('input[name="name"]', "PUK SPL FSPMI PT Uji Coba Peramban")
    screenshot("journey-3-create-form")
    with page.expect_navigation():
        page.locator("form.stacked button[type=submit]").click()
    assert page.locator("h1").inner_text().strip() == "PUK SPL FSPMI PT Uji Coba Peramban"
    created = Unit.objects.get(code=NEW_CODE)
    assert created.parent_path == Unit.objects.get(code="FSPMI-SPL-PC-3216").path

    # Move it to the metal branch in Karawang, confirming what will move.
    with page.expect_navigation():
        page.get_by_role("button", name="Move", exact=True).click()
    assert "This moves 1 unit" in page.locator('[data-testid="move-size"]').inner_text()
    page.fill('input[name="new_parent"]', "FSPMI-SPL-PC-3215")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    screenshot("journey-4-move-confirm")
    with page.expect_navigation():
        page.locator('[data-testid="move-confirm"] button[type=submit]').click()
    moved = Unit.objects.get(code=NEW_CODE)
    karawang = Unit.objects.get(code="FSPMI-SPL-PC-3215")
    assert moved.parent_path == karawang.path
    assert moved.territory_id == karawang.territory_id

    # Both changes are in the audit log, filtered to the new unit.
    page.goto(demo.url + f"/audit/?unit={NEW_CODE}")
    rows = page.locator("#event-results")
    rows.wait_for()
    text = rows.inner_text()
    screenshot("journey-5-audit")
    assert "demo-dpw-jabar" in text
    kinds = set(AuditEvent.objects.filter(object_id=str(moved.pk)).values_list("kind", flat=True))
    assert kinds == {"organisation.unit_created", "organisation.unit_moved"}
    assert page.locator("#event-results tbody tr").count() == 2
    assert "Unit moved" in text and "Unit created" in text

    # Back to Bahasa Indonesia.
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"] button[value="id"]').click()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page_problems == []
