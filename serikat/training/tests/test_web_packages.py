"""The package screens: creating and writing a package through the forms, stale saves, alignment on
the package page, stage buttons, images, and flat query counts of the home list."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from serikat.audit.models import AuditEvent
from serikat.training import services_packages as s
from serikat.training.models import Package, ReviewThread, Session
from serikat.training.tests.packages_helpers import build_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(make_user, tree):
    return make_user("training_author", tree.root)


@pytest.fixture
def world(tree, author):
    return build_package(tree, author)


def test_an_author_creates_a_package_and_lands_on_its_page(tree, author, client_for):
    client = client_for(author)
    page = client.get(reverse("training:package_create"))
    assert page.status_code == 200 and f'value="{tree.root.pk}"' in page.content.decode()
    response = client.post(
        reverse("training:package_create"),
        {"unit": tree.root.pk, "code": "K3-01", "title": "K3 di tempat kerja", "theme": "osh", "stated_minutes": "480"},
    )
    package = Package.objects.get(code="K3-01")
    assert response.status_code == 302 and response["Location"] == reverse("training:package", args=[package.pk])
    page = client.get(response["Location"]).content.decode()
    assert "K3 di tempat kerja" in page and "The package has no learning objectives yet." in page


def test_a_bad_package_form_names_the_field(tree, author, client_for):
    response = client_for(author).post(
        reverse("training:package_create"), {"unit": tree.root.pk, "code": "A B", "title": "X", "theme": "osh"}
    )
    assert response.status_code == 200
    assert "Use letters, digits, - and _ only (e.g. KB-01)." in response.content.decode()
    assert Package.objects.count() == 0


def test_the_session_form_saves_rich_text_cleaned(world, author, client_for):
    session = world.sessions[0]
    url = reverse("training:session", args=[session.pk])
    page = client_for(author).get(url).content.decode()
    assert 'data-editor="rich"' in page and 'data-upload-url="/training/packages/' in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []  # two forms on one page, no id twice
    response = client_for(author).post(
        url,
        {
            "revision": world.package.revision,
            "title": "Sejarah gerakan buruh",
            "duration_minutes": "75",
            "method": "case_study",
            "objectives": [str(world.objectives[0].pk), str(world.objectives[1].pk)],
            "activities": '<p>Diskusi</p><script>alert(1)</script><table><tr><td colspan="2">x</td></tr></table>',
            "materials": "Kertas plano",
            "handout": "",
            "facilitator_notes": '<p onmouseover="x()">Catatan</p>',
        },
    )
    assert response.status_code == 302
    row = Session.objects.get(pk=session.pk)
    assert (row.title, row.duration_minutes, row.method) == ("Sejarah gerakan buruh", 75, "case_study")
    assert row.activities == '<p>Diskusi</p><table><tbody><tr><td colspan="2">x</td></tr></tbody></table>'
    assert row.facilitator_notes == "<p>Catatan</p>"
    assert sorted(row.objectives.values_list("pk", flat=True)) == sorted(o.pk for o in world.objectives)


def test_a_stale_form_is_refused_with_a_message_and_keeps_the_other_edit(world, author, make_user, client_for):
    other = make_user("training_author", world.package.unit)
    opened = world.package.revision
    s.change_module(actor=other, module=world.modules[0], title="Judul dari rekan", revision=opened)
    events = AuditEvent.objects.count()
    response = client_for(author).post(
        reverse("training:module", args=[world.modules[0].pk]),
        {"revision": opened, "title": "Judul saya", "introduction": "<p>x</p>"},
    )
    assert response.status_code == 200
    assert "Someone else saved changes to this package after you opened it" in response.content.decode()
    assert world.modules[0].__class__.objects.get(pk=world.modules[0].pk).title == "Judul dari rekan"
    assert AuditEvent.objects.count() == events


def test_the_package_page_lists_alignment_problems_with_links(world, author, client_for):
    page = client_for(author).get(reverse("training:package", args=[world.package.pk])).content.decode()
    session = world.sessions[2]
    assert 'data-code="session-without-assessment"' in page
    assert f'href="/training/sessions/{session.pk}/#questions"' in page
    assert "is not covered by any session." in page


def test_stage_buttons_move_the_package_and_show_history(world, author, client_for):
    client = client_for(author)
    url = reverse("training:package", args=[world.package.pk])
    assert 'value="production_review"' in client.get(url).content.decode()
    client.post(
        reverse("training:stage_move", args=[world.package.pk]),
        {"revision": world.package.revision, "to_stage": "production_review", "note": ""},
    )
    page = client.get(url).content.decode()
    assert Package.objects.get(pk=world.package.pk).stage == "production_review"
    assert 'data-testid="stage-history"' in page and "Production group review</strong>" in page
    response = client.post(
        reverse("training:stage_move", args=[world.package.pk]),
        {"revision": world.package.revision, "to_stage": "drafting", "note": ""},
        follow=True,
    )
    assert "Say why the package goes back (a note is required)." in response.content.decode()


def test_objectives_are_added_moved_and_removed_with_buttons(world, author, client_for):
    client = client_for(author)
    package = world.package
    client.post(reverse("training:objectives", args=[package.pk]), {"revision": package.revision, "text": "Baru"})
    package.refresh_from_db()
    new = package.objectives.get(text="Baru")
    client.post(
        reverse("training:objective_move", args=[package.pk, new.pk]), {"revision": package.revision, "position": 1}
    )
    package.refresh_from_db()
    client.post(
        reverse("training:objective_remove", args=[package.pk, world.objectives[0].pk]), {"revision": package.revision}
    )
    assert list(package.objectives.values_list("text", "position")) == [
        ("Baru", 1),
        ("Menyusun rencana pengorganisasian", 2),
    ]


def test_questions_are_added_on_the_session_page(world, author, client_for):
    session = world.sessions[0]
    response = client_for(author).post(
        reverse("training:question_add", args=[session.pk]),
        {"revision": world.package.revision, "kind": "choice", "text": "Pilih satu", "options": "A\nB\n"},
    )
    assert response.status_code == 302
    assert list(session.questions.values_list("text", "options")) == [("Pilih satu", ["A", "B"])]


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "blue").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "peta.png"
    return buffer


def test_an_uploaded_image_is_served_only_to_readers_of_its_package(
    world, author, make_user, client_for, settings, tmp_path, tree
):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(author).post(
        reverse("training:image_upload", args=[world.package.pk]), {"file": _png(), "alt_text": "Peta"}
    )
    assert response.status_code == 201
    url = response.json()["url"]
    assert url.startswith(f"/training/packages/{world.package.pk}/images/")
    image = client_for(make_user("trainer", tree.puk_a)).get(url)
    assert (image.status_code, image["Content-Type"], image["X-Content-Type-Options"]) == (200, "image/png", "nosniff")
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    assert client_for(make_user()).get(url).status_code == 404
    fake = io.BytesIO(b"<svg onload=alert(1)>")
    fake.name = "x.png"
    refused = client_for(author).post(reverse("training:image_upload", args=[world.package.pk]), {"file": fake})
    assert (refused.status_code, refused.json()) == (400, {"error": "Upload a PNG, JPEG or WebP image."})


def test_the_module_page_carries_the_review_and_feedback_tags(world, author, client_for):
    page = client_for(author).get(reverse("training:module", args=[world.modules[0].pk]))
    assert page.status_code == 200
    assert 'id="threads"' in page.content.decode()


def _home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("training:home"))
    assert response.status_code == 200
    return len(queries), response.content.decode().count('data-testid="alignment-badge"')


def test_the_home_list_costs_the_same_for_3_and_30_packages(tree, author, client_for):
    client = client_for(author)
    client.get(reverse("training:home"))  # the first request of a session also saves the session
    for i in range(3):
        build_package(tree, author, code=f"P-{i}")
    small = _home_queries(client)
    for i in range(3, 30):
        world = build_package(tree, author, code=f"P-{i}")
        ReviewThread.objects.create(package=world.package, module=world.modules[0], opened_by=author)
    large = _home_queries(client)
    assert (small[1], large[1]) == (3, 30)
    assert small[0] == large[0] == 10


def test_the_home_list_shows_open_threads_and_alignment(world, author, client_for):
    ReviewThread.objects.create(package=world.package, module=world.modules[0], opened_by=author)
    page = client_for(author).get(reverse("training:home")).content.decode()
    assert "1 open thread" in page
    assert "alignment problems" in page


def test_the_home_list_links_the_current_edition(world, author, client_for):
    from serikat.training.models import Edition

    edition = Edition.objects.create(
        package=world.package, number=3, title="KB", snapshot={}, content_sha256="0" * 64, released_by=author
    )
    Package.objects.filter(pk=world.package.pk).update(current_edition=edition, stage="released")
    page = client_for(author).get(reverse("training:home")).content.decode()
    assert f'href="{reverse("training:edition", args=[edition.pk])}">Edition 3</a>' in page


def test_a_publisher_is_offered_the_release_of_an_approved_package(tree, make_user, client_for):
    author = make_user("training_author", tree.root)
    publisher = make_user("training_publisher", tree.root)
    world = build_package(tree, author, aligned=True)
    for stage in ("production_review", "finalisation", "alignment"):
        s.move_stage(actor=author, package=world.package, to_stage=stage)
    url = reverse("training:package", args=[world.package.pk])
    assert 'value="approved"' in client_for(publisher).get(url).content.decode()
    s.move_stage(actor=publisher, package=world.package, to_stage="approved")
    assert 'data-testid="release-link"' in client_for(publisher).get(url).content.decode()
    assert 'data-testid="release-link"' not in client_for(author).get(url).content.decode()


def test_the_home_page_leads_to_the_other_training_areas(author, client_for):
    page = client_for(author).get(reverse("training:home")).content.decode()
    for name in ("training:meetings", "training:distribution", "training:feedback"):
        assert f'href="{reverse(name)}"' in page
