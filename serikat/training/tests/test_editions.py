"""Releasing editions and making their documents, through the services: numbering, the snapshot,
the package's stage, feedback closed by the release, the documents rendered in the background with
their progress, failures and retries, and that nothing done to the live package afterwards changes
a released edition or its files."""

from __future__ import annotations

import hashlib
from unittest import mock

import pytest
from django.core.files.storage import default_storage

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.training import events
from serikat.training.documents.render import TEMPLATE_VERSION
from serikat.training.models import Edition, Feedback, Module, Package, Rendition, Session, Stage, StageChange
from serikat.training.services_editions import release_edition, request_rendition
from serikat.training.snapshot import IMAGE_SCHEME, content_hash, take_snapshot
from serikat.training.tests.editions_world import add_image, build_package, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def publisher(tree, make_user):
    return make_user("training_publisher", tree.root)


@pytest.fixture
def package(tree):
    return build_package(tree.root, tree.admin, modules=2, sessions=2, paragraphs=1)


def _fingerprint():
    return (
        list(Edition.objects.values_list("id", "number").order_by("id")),
        list(Rendition.objects.values_list("id", "status").order_by("id")),
        list(Package.objects.values_list("id", "stage", "current_edition_id").order_by("id")),
        StageChange.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_snapshot_holds_the_content_in_order_with_live_ids(package, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        snapshot = take_snapshot(package)
    modules = list(Module.objects.filter(package=package).order_by("position"))
    first_sessions = list(Session.objects.filter(module=modules[0]).order_by("position"))
    assert [(m["id"], m["number"], m["title"]) for m in snapshot["modules"]] == [
        (modules[0].pk, 1, "Hak Berserikat Bagian 1"),
        (modules[1].pk, 2, "Hak Berserikat Bagian 2"),
    ]
    assert [(s["id"], s["number"]) for s in snapshot["modules"][0]["sessions"]] == [
        (first_sessions[0].pk, 1),
        (first_sessions[1].pk, 2),
    ]
    session = snapshot["modules"][0]["sessions"][0]
    assert (session["duration_minutes"], session["method"], session["objectives"]) == (45, "group_discussion", [3])
    assert [(q["kind"], q["text"], q["answer_guide"]) for q in session["questions"]] == [
        ("open", "Pertanyaan terbuka 1.1?", "Jawaban A."),
        ("choice", "Pilihan ganda 1.1?", "Kunci: Benar."),
    ]
    assert [(o["number"], o["text"]) for o in snapshot["objectives"]] == [
        (1, "Menjelaskan hak pekerja untuk berserikat"),
        (2, "Menyusun langkah perundingan bersama"),
        (3, "Mengenali tindakan anti-serikat"),
    ]
    assert [t["term"] for t in snapshot["glossary"]] == ["PKB", "PUK"]
    assert (snapshot["total_minutes"], snapshot["language"], snapshot["package"]["unit"]["code"]) == (180, "id", "KSPI")
    assert content_hash(snapshot) == content_hash(take_snapshot(package))


def test_releasing_numbers_the_edition_and_moves_the_package_to_released(package, publisher):
    edition = release_edition(actor=publisher, package=package, release_notes="Edisi pertama.")
    package.refresh_from_db()
    assert (edition.number, edition.title, edition.release_notes) == (1, "Kebebasan Berserikat", "Edisi pertama.")
    assert (package.stage, package.current_edition_id) == (Stage.RELEASED, edition.pk)
    change = StageChange.objects.get(package=package)
    assert (change.from_stage, change.to_stage, change.changed_by) == (Stage.APPROVED, Stage.RELEASED, publisher)
    assert edition.content_sha256 == content_hash(edition.snapshot)
    assert edition.renderer["engine"] == "WeasyPrint" and edition.renderer["weasyprint"] == "70.0"
    assert set(edition.renderer) == {"engine", "weasyprint", "pydyf", "pyphen", "template", "fonts"}
    assert sorted(Rendition.objects.filter(edition=edition).values_list("kind", "paper", "status")) == [
        ("participant_book", "a4", "queued"),
        ("reading", "screen", "queued"),
        ("trainer_guide", "a4", "queued"),
    ]
    event = AuditEvent.objects.get(kind=events.EDITION_RELEASED)
    assert (event.object_id, event.unit_id, event.data["number"], event.data["sessions"]) == (
        str(edition.pk),
        package.unit_id,
        1,
        4,
    )
    package.stage = Stage.APPROVED
    package.save()
    assert release_edition(actor=publisher, package=package, papers=("a4", "a5")).number == 2
    assert Rendition.objects.filter(edition__number=2).count() == 5


def test_a_package_that_is_not_approved_is_not_released_and_nothing_changes(package, publisher):
    package.stage = Stage.ALIGNMENT
    package.save()
    before = _fingerprint()
    with pytest.raises(DomainError) as refused:
        release_edition(actor=publisher, package=package)
    assert [p.field for p in refused.value.problems] == ["stage"]
    assert _fingerprint() == before


def test_an_author_or_a_publisher_elsewhere_cannot_release(tree, package, make_user):
    before = _fingerprint()
    for actor in (make_user("training_author", tree.root), make_user("training_publisher", tree.spn)):
        with pytest.raises(NotFound):
            release_edition(actor=actor, package=package)
    assert _fingerprint() == before


def test_bad_release_input_names_the_field(package, publisher):
    with pytest.raises(DomainError) as refused:
        release_edition(actor=publisher, package=package, release_notes="x" * 5001, papers=("letter",))
    assert sorted(p.field for p in refused.value.problems) == ["papers", "release_notes"]


def test_the_release_records_itself_on_feedback_that_authors_marked_addressed(tree, package, publisher):
    first = release_edition(actor=publisher, package=package)
    module = Module.objects.filter(package=package).first()
    common = {
        "edition": first,
        "unit": tree.puk_a,
        "module": module,
        "section_title": module.title,
        "author": publisher,
    }
    addressed = Feedback.objects.create(
        body="Contoh kasus kurang.", status="accepted", addressed_at="2026-01-02T00:00:00Z", **common
    )
    still_open = Feedback.objects.create(body="Durasi terlalu pendek.", status="accepted", **common)
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    second = release_edition(actor=publisher, package=package)
    assert Feedback.objects.get(pk=addressed.pk).addressed_in_id == second.pk
    assert Feedback.objects.get(pk=still_open.pk).addressed_in_id is None
    assert (
        AuditEvent.objects.get(kind=events.EDITION_RELEASED, object_id=str(second.pk)).data["feedback_addressed"] == 1
    )


def test_documents_are_rendered_after_the_commit_with_progress_and_facts(
    package, publisher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = release_edition(actor=publisher, package=package)
    rows = {r.kind: r for r in Rendition.objects.filter(edition=edition)}
    assert {k: (r.status, r.progress) for k, r in rows.items()} == {
        "participant_book": ("done", 100),
        "trainer_guide": ("done", 100),
        "reading": ("done", 100),
    }
    book = rows["participant_book"]
    data = book.file.read()
    assert data.startswith(b"%PDF-")
    assert (book.size_bytes, book.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert book.pages >= 6 and rows["reading"].pages is None
    assert book.renderer_version == f"WeasyPrint 70.0 · pydyf 0.13.0 · template {TEMPLATE_VERSION}"
    assert AuditEvent.objects.filter(kind=events.RENDITION_FINISHED).count() == 3


def test_progress_goes_through_the_stages_of_weasyprint(package, publisher):
    from serikat.training import tasks

    edition = release_edition(actor=publisher, package=package)
    rendition = Rendition.objects.get(edition=edition, kind="participant_book")
    seen = []
    from django.db.models.query import QuerySet

    real_update = QuerySet.update

    def watching(self, **kwargs):
        if self.model is Rendition and "progress" in kwargs:
            seen.append(kwargs["progress"])
        return real_update(self, **kwargs)

    with mock.patch.object(QuerySet, "update", watching):
        tasks.render_rendition.call(rendition.pk)
    assert seen == [0, 10, 60, 100]


def test_a_failed_rendering_keeps_the_error_and_can_be_tried_again(
    package, publisher, django_capture_on_commit_callbacks
):
    with (
        mock.patch("serikat.training.documents.render.render_pdf", side_effect=RuntimeError("Pango went away")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        edition = release_edition(actor=publisher, package=package)
    book = Rendition.objects.get(edition=edition, kind="participant_book")
    assert (book.status, book.error, bool(book.file)) == ("failed", "RuntimeError: Pango went away", False)
    with django_capture_on_commit_callbacks(execute=True):
        again = request_rendition(actor=publisher, edition=edition, kind="participant_book", paper="a4")
    again.refresh_from_db()
    assert (again.pk, again.status, again.error, again.pages is not None) == (book.pk, "done", "", True)
    event = AuditEvent.objects.filter(kind=events.RENDITION_REQUESTED).latest("id")
    assert event.data["retry"] is True


def test_a_document_that_exists_is_never_made_twice(package, publisher):
    edition = release_edition(actor=publisher, package=package)
    before = _fingerprint()
    with pytest.raises(Conflict):
        request_rendition(actor=publisher, edition=edition, kind="participant_book", paper="a4")
    assert _fingerprint() == before


def test_printer_variants_are_checked_and_recorded(package, publisher):
    edition = release_edition(actor=publisher, package=package)
    with pytest.raises(DomainError) as refused:
        request_rendition(actor=publisher, edition=edition, kind="poster", paper="letter", bleed_mm=9)
    assert sorted(p.field for p in refused.value.problems) == ["bleed_mm", "kind", "paper"]
    variant = request_rendition(
        actor=publisher, edition=edition, kind="trainer_guide", paper="a5", bleed_mm=3, crop_marks=True
    )
    assert (variant.kind, variant.paper, variant.bleed_mm, variant.crop_marks, variant.status) == (
        "trainer_guide",
        "a5",
        3,
        True,
        "queued",
    )
    event = AuditEvent.objects.filter(kind=events.RENDITION_REQUESTED).latest("id")
    assert (event.data["paper"], event.data["bleed_mm"], event.data["crop_marks"]) == ("a5", 3, True)


def test_editing_the_package_after_the_release_changes_nothing_in_the_edition_or_its_files(
    package, publisher, django_capture_on_commit_callbacks
):
    image = add_image(package, publisher)
    module = Module.objects.filter(package=package).order_by("position").first()
    module.introduction = f'<p>Gambar:</p><p><img src="/training/packages/{package.pk}/images/{image.pk}/" alt="x"></p>'
    module.save()
    with django_capture_on_commit_callbacks(execute=True):
        edition = release_edition(actor=publisher, package=package)
    snapshot_before = Edition.objects.get(pk=edition.pk).snapshot
    files_before = {r.pk: (r.file.name, r.sha256) for r in Rendition.objects.filter(edition=edition)}
    bytes_before = {pk: default_storage.open(name).read() for pk, (name, _sha) in files_before.items()}
    stored = snapshot_before["images"][0]
    assert snapshot_before["modules"][0]["introduction"].count(IMAGE_SCHEME + stored["sha256"]) == 1
    assert stored["sha256"] == hashlib.sha256(png_bytes()).hexdigest()

    # The live package changes in every way an author can change it.
    Package.objects.filter(pk=package.pk).update(title="Judul Baru", stage=Stage.DRAFTING)
    Module.objects.filter(pk=module.pk).update(title="Modul yang diubah", introduction="<p>Lain.</p>")
    Session.objects.filter(module=module).update(duration_minutes=5, activities="<p>Diganti.</p>")
    image.file.delete(save=False)
    image.delete()

    edition = Edition.objects.get(pk=edition.pk)
    assert edition.snapshot == snapshot_before
    assert edition.content_sha256 == content_hash(snapshot_before)
    assert {r.pk: (r.file.name, r.sha256) for r in Rendition.objects.filter(edition=edition)} == files_before
    assert {pk: default_storage.open(name).read() for pk, (name, _sha) in files_before.items()} == bytes_before
    # The image's own copy survives the live image, so a variant made now still shows it.
    assert default_storage.exists(stored["file"])
    reading = Rendition.objects.get(edition=edition, kind="reading").file.read().decode()
    assert "data:image/png;base64," in reading and "Hak Berserikat Bagian 1" in reading
    assert "Modul yang diubah" not in reading and "Judul Baru" not in reading


def test_an_image_that_is_not_of_the_package_is_left_out_of_the_snapshot(tree, package, publisher):
    other = build_package(tree.root, tree.admin, code="K3-01", title="K3", modules=1, sessions=1)
    foreign = add_image(other, publisher)
    module = Module.objects.filter(package=package).first()
    module.introduction = (
        f'<p><img src="/training/packages/{other.pk}/images/{foreign.pk}/" alt="a">'
        '<img src="https://example.org/x.png" alt="b"></p>'
    )
    module.save()
    snapshot = take_snapshot(package)
    text = next(m for m in snapshot["modules"] if m["id"] == module.pk)["introduction"]
    assert (snapshot["images"], text.count('src=""'), "example.org" in text) == ([], 2, False)
