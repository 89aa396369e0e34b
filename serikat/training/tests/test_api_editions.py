"""The editions API with a publisher: releasing, asking for a printer's variant, polling a document
until it is done, downloading it (audited), the snapshot on request, the diff; and the refusals
with their fields."""

from __future__ import annotations

import json

import pytest

from serikat.audit.models import AuditEvent
from serikat.training import events
from serikat.training.documents.render import TEMPLATE_VERSION
from serikat.training.models import Edition, Module, Package, Rendition, Session, Stage
from serikat.training.services_editions import release_edition
from serikat.training.tests.editions_world import build_package

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def english_and_media(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def publisher(tree, make_user):
    return make_user("training_publisher", tree.fspmi)


@pytest.fixture
def package(tree):
    return build_package(tree.fspmi, tree.admin, modules=2, sessions=1, paragraphs=1)


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_publisher_releases_through_the_api_and_downloads_the_book(
    package, publisher, client_for, django_capture_on_commit_callbacks
):
    client = client_for(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(
            client, f"{API}/training/packages/{package.pk}/editions", {"release_notes": "Baru", "papers": ["a5"]}
        )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["number"], body["release_notes"], body["snapshot"]) == (1, "Baru", None)
    assert sorted((r["kind"], r["paper"]) for r in body["renditions"]) == [
        ("participant_book", "a5"),
        ("reading", "screen"),
        ("trainer_guide", "a5"),
    ]
    book = next(r for r in body["renditions"] if r["kind"] == "participant_book")
    status = client.get(f"{API}/training/renditions/{book['id']}").json()
    assert (status["status"], status["progress"], status["pages"] > 0) == ("done", 100, True)
    download = client.get(f"{API}/training/renditions/{book['id']}/file")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Disposition"] == 'attachment; filename="kb-01-e1-participant-book-a5.pdf"'
    assert AuditEvent.objects.filter(kind=events.RENDITION_DOWNLOADED, object_id=str(book["id"])).count() == 1


def test_the_snapshot_comes_only_when_asked(package, publisher, client_for):
    edition = release_edition(actor=publisher, package=package)
    client = client_for(publisher)
    plain = client.get(f"{API}/training/editions/{edition.pk}").json()
    full = client.get(f"{API}/training/editions/{edition.pk}?snapshot=true").json()
    assert plain["snapshot"] is None
    assert [m["title"] for m in full["snapshot"]["modules"]] == ["Hak Berserikat Bagian 1", "Hak Berserikat Bagian 2"]
    assert full["content_sha256"] == edition.content_sha256 and full["renderer"]["template"] == TEMPLATE_VERSION


def test_a_printer_variant_is_queued_and_a_duplicate_is_a_conflict(package, publisher, client_for):
    edition = release_edition(actor=publisher, package=package)
    client = client_for(publisher)
    url = f"{API}/training/editions/{edition.pk}/renditions"
    body = {"kind": "participant_book", "paper": "a5", "bleed_mm": 3, "crop_marks": True}
    first = post(client, url, body)
    assert first.status_code == 202
    assert {k: first.json()[k] for k in body} == body and first.json()["status"] == "queued"
    again = post(client, url, body)
    assert (again.status_code, again["Content-Type"]) == (409, "application/problem+json")
    bad = post(client, url, {"kind": "poster", "paper": "a3", "bleed_mm": 12})
    assert bad.status_code == 400
    assert sorted(e["field"] for e in bad.json()["errors"]) == ["body.bleed_mm", "body.kind", "body.paper"]
    assert Rendition.objects.filter(edition=edition).count() == 4


def test_an_author_cannot_release_and_nothing_changes(tree, package, client_for, make_user):
    author = make_user("training_author", tree.fspmi)
    before = (Edition.objects.count(), AuditEvent.objects.count())
    answer = post(client_for(author), f"{API}/training/packages/{package.pk}/editions", {})
    assert answer.status_code == 403
    assert (Edition.objects.count(), AuditEvent.objects.count()) == before


def test_a_package_not_approved_answers_with_the_stage_field(package, publisher, client_for):
    Package.objects.filter(pk=package.pk).update(stage=Stage.DRAFTING)
    answer = post(client_for(publisher), f"{API}/training/packages/{package.pk}/editions", {})
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["body.stage"]


def test_the_diff_reports_durations_and_sections(package, publisher, client_for):
    first = release_edition(actor=publisher, package=package)
    module = Module.objects.filter(package=package).order_by("position").first()
    session = module.sessions.first()
    Session.objects.filter(pk=session.pk).update(duration_minutes=90, title="Diskusi Panjang")
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    second = release_edition(actor=publisher, package=package)
    body = client_for(publisher).get(f"{API}/training/editions/{first.pk}/diff/{second.pk}").json()
    assert (body["old_edition"], body["new_edition"]) == (first.pk, second.pk)
    assert body["counts"] == {"added": 0, "removed": 0, "changed": 1, "same": 3}
    changed = next(s for s in body["sections"] if s["status"] == "changed")
    assert changed["anchor"] == f"section-{module.pk}-{session.pk}"
    changes = {c["name"]: c for c in changed["changes"]}
    assert (changes["duration_minutes"]["old"], changes["duration_minutes"]["new"]) == (45, 90)
    assert changes["title"]["words"] == [["same", "Diskusi"], ["del", "Kelompok 1.1"], ["ins", "Panjang"]]
    assert next(c for c in body["package_changes"] if c["name"] == "total_minutes")["new"] == 135


def test_editions_of_another_package_are_not_compared(tree, package, publisher, client_for):
    ours = release_edition(actor=publisher, package=package)
    other = release_edition(actor=publisher, package=build_package(tree.fspmi, tree.admin, code="K3", modules=1))
    answer = client_for(publisher).get(f"{API}/training/editions/{ours.pk}/diff/{other.pk}")
    assert answer.status_code == 404 and answer.json()["errors"][0]["field"] == "path.other_id"
