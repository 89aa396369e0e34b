"""The demo training packages (seed_demo → seed_training): what the demo shows, built through the
services, with content that the editor's sanitiser keeps as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from serikat.accounts.models import Grant
from serikat.audit.models import AuditEvent
from serikat.demo.builder import DEMO_PASSWORD, seed_demo
from serikat.demo.training import COPIES_PER_PLANT, PRINT_RUN_COPIES, TO_FEDERATIONS, seed_training
from serikat.demo.training_content import MEETINGS, PACKAGES
from serikat.organisation.models import Unit
from serikat.organisation.regions import load_regions
from serikat.training import events
from serikat.training.alignment import check_alignment
from serikat.training.models import (
    Consignment,
    Edition,
    Feedback,
    InputLink,
    MeetingInput,
    MeetingParticipant,
    Package,
    PrintRun,
    ProductionMeeting,
    Rendition,
    ReviewThread,
    Session,
    Stage,
    StockMovement,
    Trainer,
)
from serikat.training.richtext import clean_html

RICH_SESSION_FIELDS = {"activities": "activities", "handout": "handout", "notes": "facilitator_notes"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One small demo for the whole module (seeding takes seconds), rolled back at its end; each test
    runs in a savepoint inside it (the `db` fixture), so none sees another's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_regions(Path(settings.SERIKAT_REGIONS_DIR))
        yield seed_demo(plants=60)
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded


def _package(code: str) -> Package:
    return Package.objects.get(unit__depth=1, code=code)


def _stock(unit_code: str) -> int:
    return sum(StockMovement.objects.filter(unit__code=unit_code).values_list("quantity", flat=True))


def test_content_is_what_the_editor_keeps_unchanged():
    for content in PACKAGES:
        for html in (content["summary"], content["implementation_guide"]):
            assert clean_html(html) == html
        for module in content["modules"]:
            assert clean_html(module["introduction"]) == module["introduction"]
            for session in module["sessions"]:
                for key in RICH_SESSION_FIELDS:
                    assert clean_html(session[key]) == session[key], (session["title"], key)


def test_freedom_of_association_states_the_minutes_its_sessions_add_up_to():
    foa = PACKAGES[0]
    assert sum(s["minutes"] for m in foa["modules"] for s in m["sessions"]) == foa["stated_minutes"] == 1200


def test_seeds_three_packages_at_their_stages_with_every_module_and_session(demo):
    assert demo["training"] == {
        "packages": 3,
        "meeting_inputs": 16,
        "threads": 4,
        "editions": 1,
        "print_runs": 1,
        "consignments": 9,
        "feedback": 2,
    }
    stages = dict(Package.objects.values_list("code", "stage"))
    assert stages == {"KB-01": Stage.RELEASED, "K3-01": Stage.ALIGNMENT, "KG-01": Stage.DRAFTING}
    for content in PACKAGES:
        package = _package(content["code"])
        assert package.unit.code == "KSPI"
        assert list(package.objectives.values_list("text", flat=True)) == content["objectives"]
        assert package.terms.count() == len(content["terms"])
        assert list(package.modules.values_list("title", flat=True)) == [m["title"] for m in content["modules"]]
        sessions = Session.objects.filter(module__package=package).order_by("module__position", "position")
        assert [s.title for s in sessions] == [s["title"] for m in content["modules"] for s in m["sessions"]]


def test_stored_rich_text_is_the_content_as_written(demo):
    for content in PACKAGES:
        package = _package(content["code"])
        assert (package.summary, package.implementation_guide) == (content["summary"], content["implementation_guide"])
        stored = {s.title: s for s in Session.objects.filter(module__package=package).prefetch_related("questions")}
        for module in content["modules"]:
            for written in module["sessions"]:
                session = stored[written["title"]]
                for key, field in RICH_SESSION_FIELDS.items():
                    assert getattr(session, field) == written[key]
                assert [q.text for q in session.questions.all()] == [q["text"] for q in written["questions"]]


def test_freedom_of_association_aligns_and_k3_lists_its_problems_to_fix(demo):
    assert check_alignment(_package("KB-01")) == []
    assert check_alignment(_package("KG-01")) == []
    problems = check_alignment(_package("K3-01"))
    assert sorted(p.code for p in problems) == ["duration-mismatch", "glossary-variant", "session-without-assessment"]


def test_freedom_of_association_is_released_as_edition_one_with_its_documents_queued(demo):
    package = _package("KB-01")
    edition = Edition.objects.get()
    assert (edition.package_id, edition.number, package.current_edition_id) == (package.pk, 1, edition.pk)
    assert edition.released_by.username == "demo-penerbit"
    assert len(edition.snapshot["modules"]) == 4
    assert sum(len(m["sessions"]) for m in edition.snapshot["modules"]) == 14
    # The test transaction never commits, so the render tasks queued on commit never ran.
    assert sorted(edition.renditions.values_list("kind", "paper", "status")) == [
        (Rendition.Kind.PARTICIPANT_BOOK, Rendition.Paper.A4, Rendition.Status.QUEUED),
        (Rendition.Kind.READING, Rendition.Paper.SCREEN, Rendition.Status.QUEUED),
        (Rendition.Kind.TRAINER_GUIDE, Rendition.Paper.A4, Rendition.Status.QUEUED),
    ]


def test_meetings_record_participants_inputs_and_the_sections_they_shaped(demo):
    meetings = ProductionMeeting.objects.order_by("held_on")
    assert [(m.kind, m.held_on.isoformat(), m.place) for m in meetings] == [
        (m["kind"], m["held_on"], m["place"]) for m in MEETINGS
    ]
    assert MeetingParticipant.objects.count() == sum(len(m["participants"]) for m in MEETINGS)
    assert MeetingInput.objects.count() == sum(len(m["inputs"]) for m in MEETINGS)
    assert InputLink.objects.count() == sum(len(i["links"]) for m in MEETINGS for i in m["inputs"])
    assert MeetingInput.objects.filter(links__isnull=True).count() == 0
    # The TTM alumni are in the trainer pool once each, whichever meetings they sat in.
    alumni = {p["name"] for m in MEETINGS for p in m["participants"] if p["trainer"]}
    assert set(Trainer.objects.values_list("name", flat=True)) == alumni
    assert MeetingParticipant.objects.filter(trainer__isnull=False).count() == sum(
        1 for m in MEETINGS for p in m["participants"] if p["trainer"]
    )


def test_review_threads_some_resolved_by_the_author(demo):
    threads = ReviewThread.objects.select_related("package", "resolved_by")
    assert sorted((t.package.code, t.resolved_by.username if t.resolved_by else "") for t in threads) == [
        ("KB-01", ""),
        ("KB-01", "demo-pendidikan"),
        ("KB-01", "demo-pendidikan"),
        ("KG-01", ""),
    ]


def test_print_run_and_partial_distribution_leave_stock_where_it_went(demo):
    run = PrintRun.objects.get()
    assert (run.unit.code, run.quantity, run.delivered_on is not None) == ("KSPI", PRINT_RUN_COPIES, True)
    by_unit = {c.to_unit.code: (c.from_unit.code, c.status) for c in Consignment.objects.select_related("to_unit")}
    for code, _copies, fate in TO_FEDERATIONS:
        assert by_unit.pop(code) == ("KSPI", fate)
    puk = Unit.objects.get(code=demo["demo_puk"])
    assert by_unit.pop(puk.code) == ("FSPMI", Consignment.Status.RECEIVED)
    assert sorted(by_unit.values()) == [("FSPMI", Consignment.Status.SHIPPED)] * 3
    shipped = sum(copies for _code, copies, fate in TO_FEDERATIONS if fate != "planned")
    assert _stock("KSPI") == PRINT_RUN_COPIES - shipped
    assert _stock("FSPMI") == 2_000 - 4 * COPIES_PER_PLANT
    assert _stock("SPN") == 1_000
    assert _stock(puk.code) == COPIES_PER_PLANT
    assert Consignment.objects.get(to_unit=puk).received_by.username == "demo-puk"


def test_feedback_one_accepted_not_yet_addressed_and_one_new(demo):
    items = {f.status: f for f in Feedback.objects.select_related("author", "triaged_by", "session")}
    assert set(items) == {Feedback.Status.ACCEPTED, Feedback.Status.NEW}
    accepted = items[Feedback.Status.ACCEPTED]
    assert (accepted.author.username, accepted.triaged_by.username) == ("demo-pelatih", "demo-penerbit")
    assert accepted.addressed_at is None
    assert accepted.session.title == "Jalur pembelaan: bipartit, mediasi dan pengadilan"
    assert items[Feedback.Status.NEW].from_role == Feedback.FromRole.PARTICIPANT


def test_training_logins_have_their_roles_and_the_demo_password(demo):
    grants = {
        g.user.username: (g.role.code, g.unit.code)
        for g in Grant.objects.filter(
            user__username__in=["demo-pendidikan", "demo-penerbit", "demo-pelatih"]
        ).select_related("user", "role", "unit")
    }
    assert grants == {
        "demo-pendidikan": ("training_author", "KSPI"),
        "demo-penerbit": ("training_publisher", "KSPI"),
        "demo-pelatih": ("trainer", demo["demo_puk"]),
    }
    for username in grants:
        assert get_user_model().objects.get(username=username).check_password(DEMO_PASSWORD)


def test_every_step_is_in_the_audit_log_under_who_did_it(demo):
    def actors(kind: str) -> set[str]:
        return set(AuditEvent.objects.filter(kind=kind).values_list("actor__username", flat=True))

    assert actors(events.PACKAGE_CREATED) == {"demo-pendidikan"}
    assert actors(events.INPUT_LINKED) == {"demo-pendidikan"}
    assert actors(events.EDITION_RELEASED) == {"demo-penerbit"}
    assert actors(events.CONSIGNMENT_RECEIVED) == {"demo-fspmi", "demo-spn", "demo-puk"}
    assert actors(events.FEEDBACK_TRIAGED) == {"demo-penerbit"}
    assert AuditEvent.objects.filter(kind=events.CONSIGNMENT_PLANNED).count() == 9


def test_seeding_again_adds_nothing(demo):
    admin = get_user_model().objects.get(username="demo-admin")
    before = AuditEvent.objects.count()
    assert seed_training(actor=admin) == {"skipped": 1}
    assert (Package.objects.count(), AuditEvent.objects.count()) == (3, before)
