"""Permission matrix of the edition screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

The package belongs to FSPMI and has two editions. Reading reaches up the tree: a trainer of a plant
union under FSPMI reads its editions, a trainer of SPN does not (404). Releasing and asking for
another document need training.release_edition covering FSPMI: a publisher there may, an author or a
trainer who sees the package is refused (403), a publisher of SPN does not see it (404). Every
refused write changes nothing, audit log included.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.training.models import Edition, Package, Rendition, Stage, StageChange
from serikat.training.services_editions import release_edition
from serikat.training.tests.editions_world import build_package

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "training:package_editions",
    "training:edition_release",
    "training:edition",
    "training:edition_renditions",
    "training:rendition_request",
    "training:edition_read",
    "training:edition_compare",
    "training:edition_diff",
    "training:rendition_download",
    "training:rendition_retry",
}

ACTORS = ("anonymous", "no_grant", "other_federation", "own", "ancestor", "author", "publisher", "publisher_spn")
READ = (302, 404, 404, 200, 200, 200, 200, 404)
RELEASE = (302, 404, 404, 403, 403, 403, 200, 404)
REDIRECT = (302, 404, 404, 302, 302, 302, 302, 404)
POST_ONLY = (302, 405, 405, 405, 405, 405, 405, 405)
MATRIX = [
    ("training:package_editions", "package", READ),
    ("training:edition_release", "package", RELEASE),
    ("training:edition", "edition", READ),
    ("training:edition_renditions", "edition", REDIRECT),  # without htmx: back to the edition page
    ("training:rendition_request", "edition", RELEASE),
    ("training:edition_read", "edition", READ),
    ("training:edition_compare", "edition", REDIRECT),
    ("training:edition_diff", "pair", READ),
    ("training:rendition_download", "done", READ),
    ("training:rendition_retry", "failed", POST_ONLY),
]
WRITES = [
    ("training:edition_release", "package", {"release_notes": "Edisi", "papers": ["a4"]}),
    ("training:rendition_request", "edition", {"kind": "trainer_guide", "paper": "a5", "bleed_mm": "3"}),
    ("training:rendition_retry", "failed", {}),
]
REFUSED = ("anonymous", "no_grant", "other_federation", "own", "author", "publisher_spn")
REFUSED_STATUS = (302, 404, 404, 403, 403, 404)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(tree, make_user):
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "other_federation": make_user("trainer", tree.spn),
        "own": make_user("trainer", tree.puk_a),
        "ancestor": make_user("read_only", tree.root),
        "author": make_user("training_author", tree.fspmi),
        "publisher": make_user("training_publisher", tree.fspmi),
        "publisher_spn": make_user("training_publisher", tree.spn),
    }
    package = build_package(tree.fspmi, tree.admin, modules=2, sessions=1, paragraphs=1)
    first = release_edition(actor=tree.admin, package=package)
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    second = release_edition(actor=tree.admin, package=package)
    done = Rendition.objects.get(edition=second, kind="participant_book")
    done.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=False)
    done.status, done.pages, done.size_bytes, done.sha256 = "done", 1, 15, "0" * 64
    done.save()
    failed = Rendition.objects.get(edition=second, kind="trainer_guide")
    failed.status, failed.error = "failed", "RuntimeError: test"
    failed.save()
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    objects = {"package": package, "edition": second, "first": first, "done": done, "failed": failed}
    return actors, objects


def _url(name, key, objects):
    if key == "pair":
        return reverse(name, args=[objects["edition"].pk, objects["first"].pk])
    url = reverse(name, args=[objects[key].pk])
    return f"{url}?other={objects['first'].pk}" if name == "training:edition_compare" else url


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    actors, objects = world
    url = _url(name, key, objects)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def test_the_documents_panel_answers_htmx_polls_of_those_who_read_the_edition(world, client_for):
    actors, objects = world
    url = reverse("training:edition_renditions", args=[objects["edition"].pk])
    statuses = tuple(client_for(actors[a]).get(url, HTTP_HX_REQUEST="true").status_code for a in ACTORS)
    assert statuses == READ


def _fingerprint():
    return (
        list(Edition.objects.values_list("id", "number").order_by("id")),
        list(Rendition.objects.values_list("id", "kind", "paper", "bleed_mm", "status").order_by("id")),
        list(Package.objects.values_list("id", "stage", "current_edition_id").order_by("id")),
        StageChange.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key", "data"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key, data):
    actors, objects = world
    url = _url(name, key, objects)
    for actor, status in zip(REFUSED, REFUSED_STATUS, strict=True):
        before = _fingerprint()
        response = client_for(actors[actor]).post(url, data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor


@pytest.mark.parametrize(("name", "key", "data"), WRITES, ids=[row[0] for row in WRITES])
def test_a_publisher_of_the_owning_federation_may_write(world, client_for, name, key, data):
    actors, objects = world
    before = AuditEvent.objects.count()
    response = client_for(actors["publisher"]).post(_url(name, key, objects), data)
    assert response.status_code == 302
    assert AuditEvent.objects.count() > before
