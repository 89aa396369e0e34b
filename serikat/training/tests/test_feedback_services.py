"""Feedback from the field: sent on a section of an edition, triaged with a reason, addressed in the
draft, closed by the next release."""

from __future__ import annotations

import pytest
from django.utils import translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.training import events
from serikat.training import services_feedback as services
from serikat.training.models import Feedback, Module
from serikat.training.selectors_feedback import edition_sections, open_in_section
from serikat.training.tests.test_distribution_factories import make_package, release

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are asserted in English (the msgids), whatever the catalogues translate."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    made.trainer = make_user("trainer", tree.puk_a)
    made.triager = make_user("training_publisher", tree.root)
    made.author = make_user("training_author", tree.root)
    return made


def fingerprint():
    return list(Feedback.objects.values_list("id", "status", "reason", "addressed_at")), AuditEvent.objects.count()


def send(world, tree, **overrides):
    fields = {
        "actor": world.trainer,
        "edition": world.edition,
        "unit": tree.puk_a,
        "module_id": world.module.pk,
        "session_id": world.other_session.pk,
        "from_role": "trainer",
        "body": "Peserta butuh contoh kasus dari pabrik garmen.",
    }
    fields.update(overrides)
    return services.send_feedback(**fields)


def test_sections_are_read_from_the_snapshot_numbered_as_printed(world):
    titles = [(s.module_id, s.session_id, s.title) for s in edition_sections(world.edition)]
    assert titles == [
        (world.module.pk, None, "Module 1. Hak berserikat"),
        (world.module.pk, world.session.pk, "1.1 Sejarah serikat"),
        (world.module.pk, world.other_session.pk, "1.2 Konvensi ILO 87"),
        (world.other_module.pk, None, "Module 2. Perundingan bersama"),
    ]


def test_a_trainer_sends_feedback_on_a_session_of_a_confederation_package(world, tree):
    item = send(world, tree)
    row = Feedback.objects.get(pk=item.pk)
    assert (row.unit, row.module, row.session, row.section_title, row.status, row.author) == (
        tree.puk_a, world.module, world.other_session, "1.2 Konvensi ILO 87", "new", world.trainer,
    )  # fmt: skip
    event = AuditEvent.objects.get(kind=events.FEEDBACK_SENT)
    assert (event.unit, event.object_id) == (tree.puk_a, str(item.pk))


def test_feedback_problems_name_their_fields(world, tree):
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        send(world, tree, session_id=999999, from_role="boss", body="x" * 2001)
    assert [(p.field, str(p.message)) for p in refused.value.problems] == [
        ("session", "Choose a section of this edition."),
        ("from_role", "Say whether you send this as a trainer or as a participant."),
        ("body", "Keep it to 2,000 characters; this is 2001."),
    ]
    with pytest.raises(DomainError) as refused:
        send(world, tree, module_id="abc", body="  ")
    assert [p.field for p in refused.value.problems] == ["module", "body"]
    assert fingerprint() == before


def test_feedback_comes_only_from_the_senders_own_units(world, tree):
    before = fingerprint()
    with pytest.raises(NotFound):
        send(world, tree, unit=tree.puk_b)
    assert fingerprint() == before


def test_a_section_removed_from_the_draft_keeps_its_printed_title(world, tree):
    Module.objects.filter(pk=world.other_module.pk).delete()
    item = send(world, tree, module_id=world.other_module.pk, session_id=None)
    row = Feedback.objects.get(pk=item.pk)
    assert (row.module_id, row.session_id, row.section_title) == (None, None, "Module 2. Perundingan bersama")


def test_triage_needs_a_reason_and_the_packages_triage_right(world, tree):
    item = send(world, tree)
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        services.triage_feedback(actor=world.triager, feedback=item, decision="accepted", reason=" ")
    assert [p.field for p in refused.value.problems] == ["reason"]
    with pytest.raises(NotFound):
        services.triage_feedback(actor=world.trainer, feedback=item, decision="accepted", reason="ok")
    assert fingerprint() == before
    services.triage_feedback(actor=world.triager, feedback=item, decision="deferred", reason="Edisi berikutnya")
    services.triage_feedback(actor=world.triager, feedback=item, decision="accepted", reason="Tambah contoh")
    row = Feedback.objects.get(pk=item.pk)
    assert (row.status, row.reason, row.triaged_by) == ("accepted", "Tambah contoh", world.triager)
    changes = list(
        AuditEvent.objects.filter(kind=events.FEEDBACK_TRIAGED).order_by("id").values_list("changes", flat=True)
    )
    assert changes == [
        {"status": ["new", "deferred"], "reason": ["", "Edisi berikutnya"]},
        {"status": ["deferred", "accepted"], "reason": ["Edisi berikutnya", "Tambah contoh"]},
    ]


def test_the_whole_lifecycle_ends_with_the_edition_that_addressed_it(world, tree):
    item = send(world, tree)
    declined = send(world, tree, body="Terlalu panjang.")
    services.triage_feedback(actor=world.triager, feedback=item, decision="accepted", reason="Tambah contoh")
    services.triage_feedback(actor=world.triager, feedback=declined, decision="declined", reason="Sudah pas")
    assert open_in_section(world.author, world.module, world.other_session) == [item]
    with pytest.raises(Conflict):
        services.mark_feedback_addressed(actor=world.author, feedback=declined)
    with pytest.raises(NotFound):
        services.mark_feedback_addressed(actor=world.trainer, feedback=item)
    services.mark_feedback_addressed(actor=world.author, feedback=item)
    assert open_in_section(world.author, world.module, world.other_session) == []
    with pytest.raises(Conflict):
        services.triage_feedback(actor=world.triager, feedback=item, decision="declined", reason="x")
    second = release(world.package, tree.admin)
    assert services.close_addressed_feedback(edition=second) == 1
    assert Feedback.objects.get(pk=item.pk).addressed_in == second
    assert Feedback.objects.get(pk=declined.pk).addressed_in is None


def test_module_items_and_session_items_show_in_their_own_section(world, tree):
    on_module = send(world, tree, session_id=None)
    on_session = send(world, tree)
    for item in (on_module, on_session):
        services.triage_feedback(actor=world.triager, feedback=item, decision="accepted", reason="ya")
    assert open_in_section(world.author, world.module) == [on_module]
    assert open_in_section(world.author, world.module, world.other_session) == [on_session]
    assert open_in_section(world.author, world.module, world.session) == []
