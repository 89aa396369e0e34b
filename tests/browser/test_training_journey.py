"""The training acceptance journey in a real browser, as the people who would do it, each signed in
in their own browser (a phone for the trainer in the field):

* the confederation's education department (demo-pendidikan) records a production-group meeting
  with two inputs and links one to the section it shaped;
* a trainer (demo-pelatih) comments on that section; the author resolves the thread;
* the K3 package shows its alignment problems; the author fixes them until the list is empty;
* the publisher (demo-penerbit) approves it, releases edition 1 and downloads its participant book;
* the publisher records a print run, its delivery, plans consignments to three federations and
  ships them; FSPMI's officer (demo-fspmi) confirms the receipt;
* the trainer sends feedback on a section from a phone; the publisher accepts it; the author sees it
  in that section's draft.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from serikat.organisation.models import Sector
from serikat.training.models import Consignment, Edition, Feedback, Package, Rendition, ReviewThread, Session, Stage
from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, _console_problem, _slug

pytestmark = pytest.mark.browser

MEETING_TITLE = "Pertemuan kelompok produksi K3 sektor logam"
LINKED_INPUT = "Operator pres perlu contoh pasal K3 dari PKB pabrik logam yang sudah berhasil."
OTHER_INPUT = "Pekerja alih daya tidak diundang ke rapat P2K3."
THREAD_COMMENT = "Tambahkan contoh pasal PKB tentang hak menolak pekerjaan berbahaya."
FEEDBACK_TEXT = "Peserta bertanya apakah P3K dan APAR juga harus ada di area subkontraktor."


@pytest.fixture
def people(browser, demo, page_problems, request) -> Iterator[Callable[..., object]]:
    """people("demo-penerbit") is that person's page, signed in, in English, in a browser of their
    own (a new one the first time, the same one after): each person keeps their session. A second
    viewport is a second device of the same person."""
    opened: dict[tuple[str, str], object] = {}

    def person(username: str, viewport: str = "desktop"):
        if (username, viewport) in opened:
            return opened[(username, viewport)]
        context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", **VIEWPORTS[viewport])
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.on("pageerror", lambda error: page_problems.append(f"{username}: JavaScript error: {error}"))
        page.on("console", lambda message: _console_problem(message, page_problems))
        page.on(
            "response",
            lambda response: page_problems.append(f"{username}: HTTP {response.status} {response.url}")
            if response.status >= 400
            else None,
        )
        page.goto(demo.url + reverse("accounts:login"))
        page.fill('input[name="username"]', username)
        page.fill('input[name="password"]', demo.password)
        with page.expect_navigation():
            page.press('input[name="password"]', "Enter")
        # Switching saves the choice on the user: their second device signs in in English already.
        english = page.locator('[data-testid="language-switch"] button[value="en"]')
        if english.count():
            with page.expect_navigation():
                english.click()
        assert page.locator("html").get_attribute("lang") == "en"
        opened[(username, viewport)] = page
        return page

    yield person
    report = getattr(request.node, "report_call", None)
    for (username, viewport), page in opened.items():
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = f"{_slug(request.node.name)}-{username}-{viewport}-failed.png"
            page.screenshot(path=SCREENSHOTS / name, full_page=True)
        page.context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"training-{name}.png", full_page=True)


def submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def open_training(page, demo) -> None:
    """The training home: the one address typed; everything else is reached by clicking."""
    page.goto(demo.url + reverse("training:home"))


def open_package(page, demo, package) -> None:
    open_training(page, demo)
    submit(page, page.get_by_test_id("packages").get_by_role("link", name=package.title))


def test_training_chain_from_meeting_to_feedback_in_the_next_draft(demo, people, page_problems):
    today = timezone.localdate().isoformat()
    k3 = Package.objects.get(code="K3-01")
    hierarchy = Session.objects.get(module__package=k3, title="Hierarki pengendalian dan alat pelindung diri")
    pkb_session = Session.objects.get(module__package=k3, title="K3 dalam perjanjian kerja bersama")

    # 1. The author records a production-group meeting with two inputs; one shaped a section.
    author = people("demo-pendidikan")
    open_training(author, demo)
    submit(author, author.get_by_role("link", name="Production meetings"))
    submit(author, author.get_by_role("button", name="Record a meeting"))
    author.get_by_label("Title").fill(MEETING_TITLE)
    author.get_by_label("Held on").fill(today)
    author.get_by_label("Place").fill("Bekasi")
    author.get_by_label("Keselamatan dan Kesehatan Kerja: Pulang dengan Selamat Setiap Hari (K3-01)").check()
    submit(author, author.get_by_role("button", name="Save"))
    assert author.get_by_role("heading", level=1).inner_text() == MEETING_TITLE

    submit(author, author.get_by_role("button", name="Record an input"))
    author.get_by_label("Kind").select_option("need")
    author.get_by_label("Sector").select_option(str(Sector.objects.get(code="metal").pk))
    author.get_by_label("What was said").fill(LINKED_INPUT)
    submit(author, author.get_by_role("button", name="Save and record another"))
    author.get_by_label("Kind").select_option("obstacle")
    author.get_by_label("What was said").fill(OTHER_INPUT)
    submit(author, author.get_by_role("button", name="Save", exact=True))

    linked = author.locator("li[id^='input-']", has_text=LINKED_INPUT)
    option = linked.locator("select[name='section'] option", has_text=pkb_session.title)
    linked.locator("select[name='section']").select_option(option.get_attribute("value"))
    submit(author, linked.get_by_role("button", name="Link"))
    linked = author.locator("li[id^='input-']", has_text=LINKED_INPUT)
    assert pkb_session.title in linked.locator(".badge-info").inner_text()
    assert author.locator("li[id^='input-']", has_text=OTHER_INPUT).get_by_text("no section linked yet").is_visible()
    shot(author, "1-meeting")

    # 2. A trainer comments on a section; the author resolves the thread.
    trainer = people("demo-pelatih")
    open_package(trainer, demo, k3)
    submit(trainer, trainer.get_by_role("link", name=hierarchy.title))
    review = trainer.get_by_test_id("section-review")
    review.get_by_text("Open a thread on this section").click()
    review.get_by_label("Comment").fill(THREAD_COMMENT)
    review.get_by_role("button", name="Open the thread").click()
    thread = trainer.get_by_test_id("thread").filter(has_text=THREAD_COMMENT)
    thread.get_by_text("Open", exact=True).wait_for()

    open_package(author, demo, k3)
    submit(author, author.get_by_role("link", name=hierarchy.title))
    thread = author.get_by_test_id("thread").filter(has_text=THREAD_COMMENT)
    thread.get_by_label("What was done").fill("Contoh pasal ditambahkan pada sesi 3.2.")
    thread.get_by_role("button", name="Resolve").click()
    author.get_by_test_id("thread").filter(has_text=THREAD_COMMENT).get_by_text("Resolved", exact=True).wait_for()
    assert ReviewThread.objects.get(comments__body=THREAD_COMMENT).resolved_by.username == "demo-pendidikan"

    # 3. The package page lists what alignment found; the author fixes each until none is left.
    submit(author, author.get_by_role("link", name=k3.code))
    problems = author.get_by_test_id("alignment").locator("li[data-code]")
    assert sorted(problems.evaluate_all("items => items.map(item => item.dataset.code)")) == [
        "duration-mismatch",
        "glossary-variant",
        "session-without-assessment",
    ]
    shot(author, "2-alignment-problems")

    submit(author, author.locator("li[data-code='duration-mismatch'] a"))
    author.get_by_label("Stated total duration (minutes)").fill("510")
    submit(author, author.get_by_role("button", name="Save"))

    submit(author, author.locator("li[data-code='session-without-assessment'] a"))
    questions = author.locator("form[action$='/questions/']")
    questions.get_by_label("Question").fill("Sebutkan satu tuntutan K3 yang ingin Anda masukkan ke PKB berikutnya.")
    questions.get_by_label("Answer guide").fill("Misalnya hak menolak pekerjaan berbahaya tanpa sanksi.")
    submit(author, questions.get_by_role("button", name="Add"))

    submit(author, author.get_by_role("link", name=k3.code))
    submit(author, author.locator("li[data-code='glossary-variant'] a"))
    activities = author.locator("#id_activities")
    activities.locator("xpath=..").get_by_role("button", name="Show the HTML").click()
    activities.fill(activities.input_value().replace("near miss", "kejadian nyaris celaka"))
    submit(author, author.get_by_test_id("session-form").get_by_role("button", name="Save"))

    submit(author, author.get_by_role("link", name=k3.code))
    alignment = author.get_by_test_id("alignment")
    assert alignment.locator("li[data-code]").count() == 0
    assert alignment.get_by_text("No alignment problems: the package can be approved.").is_visible()
    shot(author, "3-aligned")

    # 4. The publisher approves and releases edition 1, and downloads its participant book.
    publisher = people("demo-penerbit")
    open_package(publisher, demo, k3)
    submit(publisher, publisher.get_by_role("button", name="Move to Approved"))
    assert publisher.locator("ol.stages li.current").inner_text() == "Approved"
    submit(publisher, publisher.get_by_test_id("release-link"))
    publisher.get_by_label("Release notes").fill("Edisi pertama paket K3.")
    # Rendering runs in the background; the test settings run tasks at once, after the commit.
    with publisher.expect_navigation(timeout=120_000):
        publisher.get_by_role("button", name="Release").click()
    edition = Edition.objects.get(package=k3)
    assert (edition.number, Package.objects.get(pk=k3.pk).stage) == (1, Stage.RELEASED)
    book = publisher.get_by_test_id("rendition-participant_book-a4")
    with publisher.expect_download() as download:
        book.get_by_role("link", name="Download").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages == Rendition.objects.get(edition=edition, kind="participant_book", paper="a4").pages
    assert pages > 3
    shot(publisher, "4-released")

    # 5. A print run, its delivery, consignments to three federations, shipped.
    open_training(publisher, demo)
    submit(publisher, publisher.get_by_role("link", name="Print runs and distribution"))
    row = publisher.get_by_test_id("distribution-packages").locator("li", has_text=k3.title)
    submit(publisher, row.get_by_role("link", name="Edition 1"))
    submit(publisher, publisher.get_by_role("button", name="Record a print run"))
    publisher.get_by_label("Ordered by (unit code)").fill("KSPI")
    publisher.get_by_label("Document").select_option("participant_book")
    publisher.get_by_label("Printer").fill("Percetakan Mitra Aksara (fiktif)")
    publisher.get_by_label("Copies").fill("500")
    publisher.get_by_label("Cost (Rupiah)").fill("9.250.000")
    publisher.get_by_label("Ordered on").fill(today)
    submit(publisher, publisher.locator("form.stacked button[type='submit']"))
    submit(publisher, publisher.get_by_role("link", name="Record the delivery"))
    publisher.get_by_label("Delivered on").fill(today)
    submit(publisher, publisher.locator("form.stacked button[type='submit']"))
    assert publisher.get_by_test_id("print-runs").get_by_text("delivered").is_visible()

    submit(publisher, publisher.get_by_role("button", name="Send copies to units"))
    publisher.get_by_label("From (unit code)").fill("KSPI")
    publisher.get_by_label("Document").select_option("participant_book")
    publisher.get_by_label("Send to").select_option("federation")
    publisher.get_by_label("Copies per unit").fill("100")
    submit(publisher, publisher.get_by_role("button", name="Show the units"))
    for code in ("FSPKEP", "FARKES"):
        publisher.locator(f".plan-row[data-unit='{code}'] input[type='checkbox']").uncheck()
    submit(publisher, publisher.get_by_role("button", name="Plan these consignments"))
    planned = Consignment.objects.filter(edition=edition).select_related("to_unit")
    assert sorted(c.to_unit.code for c in planned) == ["ASPEK", "FSPMI", "SPN"]
    for consignment in planned:
        row = publisher.get_by_test_id("consignments").locator(f"li[data-consignment='{consignment.pk}']")
        submit(publisher, row.get_by_role("link"))
        publisher.get_by_label("Shipped on").fill(today)
        publisher.get_by_label("Carrier and reference").fill(f"JNE Kargo {consignment.to_unit.code}")
        submit(publisher, publisher.get_by_role("button", name="Mark as shipped"))
        assert publisher.get_by_test_id("status").inner_text() == "Shipped"
        submit(publisher, publisher.get_by_role("link", name=str(edition)))
    shot(publisher, "5-shipped")

    # 6. The officer of one receiving federation confirms what arrived.
    officer = people("demo-fspmi")
    open_training(officer, demo)
    submit(officer, officer.get_by_role("link", name="Print runs and distribution"))
    submit(officer, officer.get_by_test_id("incoming-link"))
    to_fspmi = planned.get(to_unit__code="FSPMI")
    submit(
        officer,
        officer.locator(f"li[data-consignment='{to_fspmi.pk}']").get_by_role("button", name="Confirm what arrived"),
    )
    officer.get_by_label("Copies that arrived").fill("100")
    officer.get_by_label("Arrived on").fill(today)
    submit(officer, officer.get_by_test_id("confirm-receipt"))
    to_fspmi.refresh_from_db()
    assert (to_fspmi.status, to_fspmi.received_quantity, to_fspmi.received_by.username) == (
        Consignment.Status.RECEIVED,
        100,
        "demo-fspmi",
    )
    shot(officer, "6-received")

    # 7. The trainer sends feedback on a section from a phone.
    phone = people("demo-pelatih", "phone")
    # They read the edition on the phone and write from the section they were teaching.
    open_training(phone, demo)
    row = phone.get_by_test_id("packages").locator("li", has_text=k3.title)
    submit(phone, row.get_by_role("link", name="Edition 1"))
    submit(phone, phone.get_by_test_id("read-link"))
    in_section = phone.locator(f"section#section-{hierarchy.module_id}-{hierarchy.pk}")
    submit(phone, in_section.get_by_role("link", name="Feedback on this section"))
    assert phone.get_by_label("Section").input_value() == f"{hierarchy.module_id}-{hierarchy.pk}"
    phone.get_by_label("Your feedback").fill(FEEDBACK_TEXT)
    shot(phone, "7-feedback-phone")
    submit(phone, phone.get_by_test_id("send-feedback"))
    item = Feedback.objects.get(body=FEEDBACK_TEXT)
    assert (item.edition_id, item.session_id, item.status, item.author.username) == (
        edition.pk,
        hierarchy.pk,
        Feedback.Status.NEW,
        "demo-pelatih",
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # 8. The publisher accepts it, with a reason.
    open_training(publisher, demo)
    submit(publisher, publisher.get_by_role("link", name="Feedback from the field"))
    submit(publisher, publisher.get_by_role("button", name="Triage new feedback"))
    decide = publisher.locator(f"form[action='{reverse('training:feedback_decide', args=[item.pk])}']")
    decide.get_by_label("Reason").fill("Akan ditambahkan pada sesi 2.2 di edisi berikutnya.")
    submit(publisher, decide.get_by_role("button", name="Accept"))
    item.refresh_from_db()
    assert (item.status, item.triaged_by.username) == (Feedback.Status.ACCEPTED, "demo-penerbit")

    # 9. The author opens the section's draft and finds the accepted item there.
    open_package(author, demo, k3)
    submit(author, author.get_by_role("link", name=hierarchy.title))
    waiting = author.get_by_test_id("section-feedback")
    assert waiting.locator(f"li[data-feedback='{item.pk}']").get_by_text(FEEDBACK_TEXT).is_visible()
    shot(author, "8-feedback-in-draft")
    assert page_problems == []
