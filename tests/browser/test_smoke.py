"""The smallest journey through a real browser: an officer signs in and sees the home page."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_provincial_secretariat_signs_in_and_sees_its_role_on_the_home_page(
    page, demo, log_in, screenshot, page_problems
):
    log_in("demo-dpw-jabar")

    assert page.url == demo.url + "/"
    assert "Sekretariat DPW Jawa Barat" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="DPW FSPMI Jawa Barat", exact=True).is_visible()
    screenshot("home-demo-dpw-jabar")
    assert page_problems == []
