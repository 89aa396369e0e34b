"""Writing packages through the services: scope, revisions and stale saves, dense positions, stage
moves, the return to drafting after a release, images, and the audit log."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from serikat.audit.models import AuditEvent
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.training import events
from serikat.training import services_packages as s
from serikat.training.models import LearningObjective, Module, Package, Session, Stage, StageChange
from serikat.training.tests.packages_helpers import build_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(make_user, tree):
    return make_user("training_author", tree.root)


@pytest.fixture
def publisher(make_user, tree):
    return make_user("training_publisher", tree.root)


def _fingerprint():
    return (
        list(Package.objects.values_list("id", "title", "revision", "stage").order_by("id")),
        list(LearningObjective.objects.values_list("id", "text", "position").order_by("id")),
        list(Module.objects.values_list("id", "title", "position").order_by("id")),
        list(Session.objects.values_list("id", "title", "position", "module_id").order_by("id")),
        StageChange.objects.count(),
        AuditEvent.objects.count(),
    )


def test_creates_a_package_in_drafting_and_records_it(author, tree):
    package = s.create_package(
        actor=author, unit=tree.root, code="kb-01", title=" Kebebasan Berserikat ", theme="foa", stated_minutes=480
    )
    assert (package.code, package.title, package.stage, package.revision) == (
        "KB-01",
        "Kebebasan Berserikat",
        "drafting",
        1,
    )
    event = AuditEvent.objects.get(kind=events.PACKAGE_CREATED)
    assert (event.unit_id, event.object_id, event.data["code"]) == (tree.root.pk, str(package.pk), "KB-01")


def test_refuses_a_package_outside_the_authoring_scope(make_user, tree):
    federation_author = make_user("training_author", tree.fspmi)
    trainer = make_user("trainer", tree.root)
    before = _fingerprint()
    with pytest.raises(NotFound):
        s.create_package(actor=federation_author, unit=tree.root, code="X", title="X", theme="foa")
    with pytest.raises(NotFound):
        s.create_package(actor=trainer, unit=tree.root, code="X", title="X", theme="foa")
    assert _fingerprint() == before


def test_names_every_bad_field_of_a_new_package(author, tree):
    s.create_package(actor=author, unit=tree.root, code="KB-01", title="A", theme="foa")
    with pytest.raises(DomainError) as error:
        s.create_package(actor=author, unit=tree.root, code="KB-01", title="", theme="sport", stated_minutes=-5)
    assert sorted(p.field for p in error.value.problems) == ["code", "stated_minutes", "theme", "title"]


def test_every_content_change_raises_the_revision_and_is_audited(author, tree):
    world = build_package(tree, author)
    start = world.package.revision
    s.change_module(actor=author, module=world.modules[0], title="Hak-hak dasar", revision=start)
    world.package.refresh_from_db()
    assert world.package.revision == start + 1
    event = AuditEvent.objects.filter(kind=events.CONTENT_CHANGED).latest("id")
    assert event.data["what"] == "module_changed"
    assert event.data["changes"]["title"] == ["Hak dasar", "Hak-hak dasar"]
    assert event.data["revision"] == start + 1


def test_a_stale_save_is_refused_and_changes_nothing(author, make_user, tree):
    world = build_package(tree, author)
    other = make_user("training_author", tree.root)
    opened_at = world.package.revision
    s.change_session(actor=other, session=world.sessions[0], title="Sejarah gerakan", revision=opened_at)
    before = _fingerprint()
    with pytest.raises(s.StaleRevision) as error:
        s.change_session(actor=author, session=world.sessions[0], title="Sejarah buruh", revision=opened_at)
    assert error.value.status == 409
    assert f"revision {opened_at}" in error.value.message
    assert _fingerprint() == before
    assert Session.objects.get(pk=world.sessions[0].pk).title == "Sejarah gerakan"


def test_positions_stay_dense_when_adding_moving_and_removing(author, tree):
    world = build_package(tree, author)
    package = world.package
    third = s.add_objective(actor=author, package=package, text="Ketiga", position=1)
    assert list(package.objectives.values_list("text", "position")) == [
        ("Ketiga", 1),
        ("Menjelaskan hak berserikat", 2),
        ("Menyusun rencana pengorganisasian", 3),
    ]
    s.move_objective(actor=author, objective=third, position=99)
    s.remove_objective(actor=author, objective=world.objectives[0])
    assert list(package.objectives.values_list("text", "position")) == [
        ("Menyusun rencana pengorganisasian", 1),
        ("Ketiga", 2),
    ]
    s.move_module(actor=author, module=world.modules[1], position=1)
    assert list(package.modules.values_list("title", "position")) == [("Pengorganisasian", 1), ("Hak dasar", 2)]


def test_moves_a_session_to_another_module_and_closes_the_gap(author, tree):
    world = build_package(tree, author)
    first = world.sessions[0]
    s.move_session(actor=author, session=first, module=world.modules[1], position=1)
    assert list(world.modules[0].sessions.values_list("title", "position")) == [("Konvensi ILO 87", 1)]
    assert list(world.modules[1].sessions.values_list("title", "position")) == [("Sejarah", 1), ("Pemetaan", 2)]


def test_session_objectives_must_belong_to_the_package(author, tree):
    world = build_package(tree, author)
    other = build_package(tree, author, code="KB-02")
    with pytest.raises(DomainError) as error:
        s.change_session(actor=author, session=world.sessions[0], objectives=[other.objectives[0].pk])
    assert [p.field for p in error.value.problems] == ["objectives"]
    s.change_session(actor=author, session=world.sessions[0], objectives=[world.objectives[1].pk])
    assert list(world.sessions[0].objectives.values_list("pk", flat=True)) == [world.objectives[1].pk]


def test_rich_text_is_cleaned_before_it_is_stored(author, tree):
    world = build_package(tree, author)
    s.change_session(
        actor=author,
        session=world.sessions[0],
        activities='<p onclick="steal()">Diskusi<script>alert(1)</script></p><img src="https://evil.example/x.png">',
    )
    assert Session.objects.get(pk=world.sessions[0].pk).activities == "<p>Diskusi</p>"


def test_multiple_choice_needs_two_options(author, tree):
    world = build_package(tree, author)
    with pytest.raises(DomainError) as error:
        s.add_question(actor=author, session=world.sessions[0], kind="choice", text="Pilih", options=["A"])
    assert [p.field for p in error.value.problems] == ["options"]
    question = s.add_question(
        actor=author, session=world.sessions[0], kind="choice", text="Pilih", options=["A", " ", "B"]
    )
    assert question.options == ["A", "B"]


def test_glossary_terms_are_unique_and_never_their_own_variant(author, tree):
    world = build_package(tree, author)
    with pytest.raises(DomainError) as error:
        s.add_term(actor=author, package=world.package, term="Serikat Pekerja")
    assert [p.field for p in error.value.problems] == ["term"]
    with pytest.raises(DomainError) as error:
        s.add_term(actor=author, package=world.package, term="PKB", variants="pkb\nKKB")
    assert [p.field for p in error.value.problems] == ["variants"]


# --- stages ----------------------------------------------------------------------------------------


def _walk_to_alignment(author, package):
    for stage in ("production_review", "finalisation", "alignment"):
        s.move_stage(actor=author, package=package, to_stage=stage)


def test_stages_move_forward_one_at_a_time_with_history(author, tree):
    world = build_package(tree, author, aligned=True)
    with pytest.raises(DomainError) as error:
        s.move_stage(actor=author, package=world.package, to_stage="finalisation")
    assert "one stage at a time" in error.value.message
    _walk_to_alignment(author, world.package)
    history = list(world.package.stage_changes.order_by("id").values_list("from_stage", "to_stage", "changed_by"))
    assert history == [
        ("drafting", "production_review", author.pk),
        ("production_review", "finalisation", author.pk),
        ("finalisation", "alignment", author.pk),
    ]
    assert AuditEvent.objects.filter(kind=events.STAGE_CHANGED).count() == 3


def test_going_back_needs_a_note(author, tree):
    world = build_package(tree, author)
    _walk_to_alignment(author, world.package)
    with pytest.raises(DomainError) as error:
        s.move_stage(actor=author, package=world.package, to_stage="drafting")
    assert [p.field for p in error.value.problems] == ["note"]
    s.move_stage(actor=author, package=world.package, to_stage="drafting", note="Masukan kelompok produksi")
    assert world.package.stage == "drafting"
    assert world.package.stage_changes.latest("id").note == "Masukan kelompok produksi"


def test_an_author_cannot_approve_and_a_publisher_cannot_approve_a_misaligned_package(author, publisher, tree):
    world = build_package(tree, author)
    _walk_to_alignment(author, world.package)
    with pytest.raises(Forbidden):
        s.move_stage(actor=author, package=world.package, to_stage="approved")
    before = _fingerprint()
    with pytest.raises(DomainError) as error:
        s.move_stage(actor=publisher, package=world.package, to_stage="approved")
    assert "alignment lists" in error.value.message
    assert _fingerprint() == before


def test_a_publisher_approves_an_aligned_package(author, publisher, tree):
    world = build_package(tree, author, aligned=True)
    _walk_to_alignment(author, world.package)
    s.move_stage(actor=publisher, package=world.package, to_stage="approved")
    assert Package.objects.get(pk=world.package.pk).stage == "approved"


def test_released_is_never_a_move(author, tree):
    world = build_package(tree, author)
    with pytest.raises(DomainError):
        s.move_stage(actor=author, package=world.package, to_stage="released")


def test_a_change_after_release_starts_the_next_draft(author, tree):
    world = build_package(tree, author)
    Package.objects.filter(pk=world.package.pk).update(stage=Stage.RELEASED)
    world.package.refresh_from_db()
    s.change_package(actor=author, package=world.package, revision=world.package.revision, audience="PUK")
    package = Package.objects.get(pk=world.package.pk)
    assert package.stage == "drafting"
    change = package.stage_changes.latest("id")
    assert (change.from_stage, change.to_stage, change.changed_by_id) == ("released", "drafting", author.pk)


def test_a_change_after_approval_sends_the_package_back_to_alignment(author, publisher, tree):
    world = build_package(tree, author, aligned=True)
    _walk_to_alignment(author, world.package)
    s.move_stage(actor=publisher, package=world.package, to_stage="approved")
    s.add_objective(actor=author, package=world.package, text="Baru")
    assert Package.objects.get(pk=world.package.pk).stage == "alignment"


def test_stage_moves_offered_depend_on_the_roles(author, publisher, tree):
    world = build_package(tree, author)
    _walk_to_alignment(author, world.package)
    assert s.stage_moves(author, world.package) == ["finalisation", "production_review", "drafting"]
    assert s.stage_moves(publisher, world.package) == ["approved"]


# --- images ----------------------------------------------------------------------------------------


def _png(size=(4, 3)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_uploads_a_png_checked_by_its_bytes(author, tree, media):
    world = build_package(tree, author)
    image = s.upload_image(actor=author, package=world.package, data=_png(), name="peta.png", alt_text="Peta")
    assert (image.content_type, image.width, image.height) == ("image/png", 4, 3)
    assert image.file.name.startswith("training/images/") and image.file.name.endswith(".png")
    assert AuditEvent.objects.filter(kind=events.IMAGE_UPLOADED, object_id=str(image.pk)).count() == 1


def test_a_photo_is_stored_upright_and_without_its_metadata(author, tree, media):
    """A phone photo's EXIF (camera, time, here also the orientation) is dropped and the pixels turned."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:11:01 08:30:00"  # DateTime
    exif[0x0112] = 6  # Orientation: the camera was held sideways
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(buffer, "JPEG", exif=exif.tobytes())
    assert b"PhoneMaker" in buffer.getvalue()
    world = build_package(tree, author)
    image = s.upload_image(actor=author, package=world.package, data=buffer.getvalue(), name="foto.jpg")
    stored = image.file.read()
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as reopened:
        assert (reopened.format, reopened.size, dict(reopened.getexif())) == ("JPEG", (20, 40), {})
    assert (image.width, image.height) == (20, 40)
    assert image.sha256 == hashlib.sha256(stored).hexdigest()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<svg onload=alert(1)></svg>", "Upload a PNG, JPEG or WebP image."),
        (b"GIF89a" + b"\0" * 20, "Upload a PNG, JPEG or WebP image."),
        (b"\x89PNG\r\n\x1a\n" + b"not really a png", "The image cannot be read; it may be damaged."),
        (b"", "Choose an image file."),
    ],
)
def test_refuses_what_is_not_an_image(author, tree, media, data, message):
    world = build_package(tree, author)
    before = _fingerprint()
    with pytest.raises(DomainError) as error:
        s.upload_image(actor=author, package=world.package, data=data)
    assert error.value.message == message
    assert _fingerprint() == before


def test_refuses_an_image_over_five_megabytes(author, tree, media):
    world = build_package(tree, author)
    with pytest.raises(DomainError) as error:
        s.upload_image(actor=author, package=world.package, data=_png() + b"\0" * (5 * 1024 * 1024))
    assert "at most 5 MB" in error.value.message
