"""The edition screens at work: releasing from the form, the documents panel while they are made
and after, audited downloads with clean file names, the reading version's anchors, and the diff of
two editions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.training import events
from serikat.training.models import AssessmentQuestion, Edition, Module, Package, Rendition, Session, Stage
from serikat.training.services_editions import release_edition
from serikat.training.tests.editions_world import build_package

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


def test_a_publisher_releases_from_the_form_and_sees_the_documents_made(
    package, publisher, client_for, django_capture_on_commit_callbacks
):
    client = client_for(publisher)
    form = client.get(reverse("training:edition_release", args=[package.pk])).content.decode()
    assert "this will be edition 1" in form and 'name="papers"' in form and " disabled" not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:edition_release", args=[package.pk]),
            {"release_notes": "Edisi pertama untuk uji coba.", "papers": ["a4", "a5"]},
        )
    edition = Edition.objects.get(package=package)
    assert response.status_code == 302 and response["Location"] == reverse("training:edition", args=[edition.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Edition 1 is released" in page and "Edisi pertama untuk uji coba." in page
    assert page.count('data-testid="download-') == 5
    assert 'hx-trigger="every 2s"' not in page  # nothing left to wait for
    assert "Another document (A5, bleed and crop marks for the printer)" in page


def test_the_documents_panel_polls_while_documents_are_made(package, publisher, client_for):
    edition = release_edition(actor=publisher, package=package)  # tasks wait for a commit that never comes
    Rendition.objects.filter(edition=edition, kind="participant_book").update(status="rendering", progress=60)
    panel = (
        client_for(publisher)
        .get(reverse("training:edition_renditions", args=[edition.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'hx-trigger="every 2s"' in panel
    assert '<progress value="60" max="100"' in panel and '<progress value="0" max="100"' in panel


def test_a_failed_document_shows_its_error_and_a_retry_for_a_publisher_only(
    tree, package, publisher, client_for, make_user
):
    edition = release_edition(actor=publisher, package=package)
    Rendition.objects.filter(edition=edition, kind="trainer_guide").update(status="failed", error="OSError: disk full")
    url = reverse("training:edition", args=[edition.pk])
    mine = client_for(publisher).get(url).content.decode()
    theirs = client_for(make_user("trainer", tree.puk_a)).get(url).content.decode()
    assert "OSError: disk full" in mine and "Try again" in mine
    assert "OSError: disk full" in theirs and "Try again" not in theirs
    # The trainer may send feedback on the edition, the publisher may not; both reach its distribution.
    assert ("Send feedback" in mine, "Send feedback" in theirs) == (False, True)
    distribution = reverse("training:distribution_edition", args=[edition.pk])
    assert f'href="{distribution}"' in mine and f'href="{distribution}"' in theirs


def test_a_package_that_is_not_approved_cannot_be_released_from_the_form(package, publisher, client_for):
    Package.objects.filter(pk=package.pk).update(stage=Stage.FINALISATION)
    url = reverse("training:edition_release", args=[package.pk])
    page = client_for(publisher).get(url).content.decode()
    assert 'data-testid="not-approved"' in page and "Finalisation" in page
    answer = client_for(publisher).post(url, {"papers": ["a4"]})
    assert answer.status_code == 200 and "Only an approved package can be released" in answer.content.decode()
    assert Edition.objects.count() == 0


def test_a_download_is_audited_before_the_bytes_are_sent_with_a_clean_name(
    tree, package, publisher, client_for, make_user, django_capture_on_commit_callbacks
):
    package.code = "KB 01/ä"
    package.save()
    with django_capture_on_commit_callbacks(execute=True):
        edition = release_edition(actor=publisher, package=package)
    book = Rendition.objects.get(edition=edition, kind="participant_book")
    reader = make_user("trainer", tree.puk_a)
    response = client_for(reader).get(reverse("training:rendition_download", args=[book.pk]))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kb-01a-e1-participant-book-a4.pdf"'
    event = AuditEvent.objects.get(kind=events.RENDITION_DOWNLOADED)
    assert (event.actor, event.object_id, event.data["sha256"]) == (reader, str(book.pk), book.sha256)


def test_a_document_not_ready_is_not_sent_and_not_recorded(package, publisher, client_for):
    edition = release_edition(actor=publisher, package=package)
    book = Rendition.objects.get(edition=edition, kind="participant_book")
    response = client_for(publisher).get(reverse("training:rendition_download", args=[book.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind=events.RENDITION_DOWNLOADED).count() == 0


def test_the_reading_version_has_a_contents_and_an_anchor_per_section(
    package, publisher, client_for, django_capture_on_commit_callbacks, tree, make_user
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = release_edition(actor=publisher, package=package)
    page = client_for(publisher).get(reverse("training:edition_read", args=[edition.pk])).content.decode()
    for module in Module.objects.filter(package=package):
        assert f'id="section-{module.pk}"' in page and f'href="#section-{module.pk}"' in page
        for session in module.sessions.all():
            assert f'id="section-{module.pk}-{session.pk}"' in page
            assert f'href="#section-{module.pk}-{session.pk}"' in page
    assert 'lang="id"' in page and "Daftar isi" in page and "serikat/training/editions.css" in page
    assert "<style" not in page and "<script" not in page.split("<main")[1]
    # Who may send feedback (a trainer, not the publisher) gets a link per section, made in the
    # browser from the frozen HTML.
    assert "serikat/training/reading.js" not in page
    trainer = client_for(make_user("trainer", tree.puk_a))
    page = trainer.get(reverse("training:edition_read", args=[edition.pk])).content.decode()
    assert "serikat/training/reading.js" in page.split("<main")[0]
    assert f'data-url="{reverse("training:feedback_new", args=[edition.pk])}"' in page


def test_the_reading_version_says_when_it_is_not_ready(package, publisher, client_for):
    edition = release_edition(actor=publisher, package=package)
    page = client_for(publisher).get(reverse("training:edition_read", args=[edition.pk])).content.decode()
    assert 'data-testid="reading-pending"' in page


def _second_edition(package, publisher):
    first = release_edition(actor=publisher, package=package)
    modules = list(Module.objects.filter(package=package).order_by("position"))
    session = Session.objects.filter(module=modules[0]).order_by("position").first()
    session.activities = session.activities.replace("Kegiatan.", "Kegiatan baru yang diperluas.")
    session.duration_minutes = 60
    session.save()
    AssessmentQuestion.objects.create(session=session, position=3, kind="open", text="Pertanyaan tambahan?")
    Session.objects.create(module=modules[0], position=9, title="Sesi Evaluasi", duration_minutes=30)
    removed_title, removed_id = modules[1].title, modules[1].pk
    modules[1].delete()
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    return first, release_edition(actor=publisher, package=package), session, modules[0], (removed_id, removed_title)


def test_the_diff_shows_sections_added_removed_and_changed_with_a_word_diff(package, publisher, client_for):
    first, second, session, module, (removed_id, removed_title) = _second_edition(package, publisher)
    page = client_for(publisher).get(reverse("training:edition_diff", args=[second.pk, first.pk])).content.decode()
    assert "From edition 1 to edition 2" in page
    assert "1 sections added, 3 removed, 1 changed, 2 unchanged." in page
    changed = page.split(f'data-testid="diff-section-{module.pk}-{session.pk}"')[1].split("</li>")[0]
    assert "<del>Kegiatan.</del> <ins>Kegiatan baru yang diperluas.</ins> Serikat pekerja adalah" in changed
    assert re.search(r"<del>45</del> → <ins>60</ins>", changed)
    assert "<ins>3. Pertanyaan tambahan?</ins>" in changed
    assert f'data-testid="diff-section-{removed_id}"' in page and removed_title in page
    # The same diff, whichever edition is named first.
    again = client_for(publisher).get(reverse("training:edition_diff", args=[first.pk, second.pk])).content.decode()
    assert "From edition 1 to edition 2" in again


def test_editions_of_two_packages_are_not_compared(tree, package, publisher, client_for):
    ours = release_edition(actor=publisher, package=package)
    other = build_package(tree.root, tree.admin, code="K3-01", title="K3", modules=1, sessions=1)
    theirs = release_edition(actor=publisher, package=other)
    response = client_for(publisher).get(reverse("training:edition_diff", args=[ours.pk, theirs.pk]))
    assert response.status_code == 404


def test_the_diff_chooser_leads_to_the_diff(package, publisher, client_for):
    first = release_edition(actor=publisher, package=package)
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    second = release_edition(actor=publisher, package=package)
    page = client_for(publisher).get(reverse("training:edition", args=[second.pk])).content.decode()
    assert 'data-testid="diff-chooser"' in page and f'<option value="{first.pk}">' in page
    compare = reverse("training:edition_compare", args=[second.pk])
    assert client_for(publisher).get(f"{compare}?other={first.pk}")["Location"] == reverse(
        "training:edition_diff", args=[second.pk, first.pk]
    )
    assert client_for(publisher).get(f"{compare}?other=x")["Location"] == reverse("training:edition", args=[second.pk])
