"""Browser tests: Playwright (Python) drives Debian's Chromium against a live test server.

The browser is the one apt installed (/usr/bin/chromium, or SERIKAT_CHROMIUM); `playwright install`
is never run, so the tests work offline and CI downloads nothing but Debian packages.

    @pytest.mark.browser
    @pytest.mark.parametrize("viewport", ["desktop", "phone"])   # optional: default is desktop
    def test_something(page, demo, log_in):
        log_in("demo-dpw-jabar")
        ...

Screenshots go to artifacts/screenshots/ (gitignored): the `screenshot` fixture saves named ones,
and a failing test leaves `<test>-failed.png` there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("SERIKAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container, where the sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a 64 MB /dev/shm
    "--disable-background-networking",  # no update checks or field trials: the tests run offline
    "--disable-component-update",
    "--no-first-run",
]
# Desktop: a common office laptop. Phone: a low-end Android, which is what most officers carry.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 360, "height": 800},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
DEMO_PLANTS = 60  # small: the demo logins and a few hundred units, seeded in about a second


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    # Keep each phase's report on the item so that the `page` fixture can tell whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def migration_rows(django_db_setup, django_db_blocker) -> str:
    """The rows the migrations created (roles, positions, sectors), as Django serialized them.

    Read here, before the browser starts: while Playwright's event loop runs in this thread, Django
    hands out a fresh connection object per async context, which does not carry the serialized rows,
    so Django's own serialized rollback silently restores nothing in browser tests.
    """
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        pytest.fail("the test database was not serialized: request django_db_serialized_rollback")
    return contents


@pytest.fixture(scope="session")
def browser(migration_rows) -> Iterator:
    """One headless Chromium for the whole run."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set SERIKAT_CHROMIUM).")
    # Playwright's sync API keeps an event loop running in this thread; Django refuses ORM calls
    # from such a thread unless told the calls are in fact synchronous (they are).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def viewport() -> str:
    """The screen the `page` fixture emulates; override with @pytest.mark.parametrize("viewport", [...])."""
    return "desktop"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


def _console_problem(message, problems: list[str]) -> None:
    # A resource that failed to load is reported by the response listener with its URL; the console
    # line only repeats it without the URL (and also fires for the favicon the browser asks for itself).
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"console error: {message.text}")


@pytest.fixture
def page_problems() -> list[str]:
    """What went wrong in the browser during the test: JavaScript errors and failed responses."""
    return []


@pytest.fixture
def page(browser, viewport: str, page_problems: list[str], request: pytest.FixtureRequest) -> Iterator:
    """A fresh browser context (no cookies) and page, in Indonesian, at the chosen viewport."""
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", **VIEWPORTS[viewport])
    context.set_default_timeout(10_000)
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: page_problems.append(f"JavaScript error: {error}"))
    new_page.on("console", lambda msg: _console_problem(msg, page_problems))
    new_page.on(
        "response",
        lambda response: page_problems.append(f"HTTP {response.status} {response.url}")
        if response.status >= 400
        else None,
    )
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        new_page.screenshot(path=SCREENSHOTS / f"{_slug(request.node.name)}-failed.png", full_page=True)
    context.close()


@pytest.fixture
def screenshot(page, viewport: str) -> Callable[[str], Path]:
    """screenshot("home") saves artifacts/screenshots/home-<viewport>.png and returns its path."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{_slug(name)}-{viewport}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


def _restore_missing(rows: str) -> None:
    """Save the serialized rows of every model whose table is empty (a flush emptied it).

    Tables that are not empty are left alone: a flush re-creates content types and permissions
    under new ids, and Django's own restore may already have run.
    """
    from django.core import serializers
    from django.db import transaction

    empty: dict[type, bool] = {}
    with transaction.atomic():
        for item in serializers.deserialize("json", rows):
            model = type(item.object)
            if model not in empty:
                empty[model] = not model._base_manager.exists()
            if empty[model]:
                item.save()


@pytest.fixture
def demo(live_server, transactional_db, django_db_serialized_rollback, migration_rows) -> SimpleNamespace:
    """A live server whose database holds a small demo confederation with the demo logins.

    The database is shared with the server thread, so the rows are committed (transactional_db) and
    flushed after each test; the roles, positions and sectors that the migrations created (and the
    demo builder needs) are put back first.
    """
    from django.test import override_settings

    from serikat.demo.builder import DEMO_PASSWORD, seed_demo
    from serikat.organisation.regions import load_regions

    _restore_missing(migration_rows)
    load_regions(Path(settings.SERIKAT_REGIONS_DIR))
    # The demo releases a training edition. Its documents stay queued here (a test that needs
    # documents releases its own edition), which spares rendering three PDFs before every test.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        result = seed_demo(plants=DEMO_PLANTS)
    return SimpleNamespace(url=live_server.url, password=DEMO_PASSWORD, **result)


@pytest.fixture
def log_in(page, demo) -> Callable[..., None]:
    """log_in("demo-dpw-jabar") signs in through the login screen and waits for the next page."""
    from django.urls import reverse

    def sign_in(username: str, password: str | None = None) -> None:
        page.goto(demo.url + reverse("accounts:login"))
        page.fill('input[name="username"]', username)
        page.fill('input[name="password"]', password or demo.password)
        with page.expect_navigation():
            page.press('input[name="password"]', "Enter")

    return sign_in
