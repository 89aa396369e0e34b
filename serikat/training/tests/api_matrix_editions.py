"""Permission-matrix rows of the editions API (see serikat/core/tests/test_api_matrix.py; registered
in test_api_world.MATRIX_MODULES).

The world gives PUK-A a package with two released editions (their documents queued: tasks run only
after a commit, and the matrix rolls every call back). The matrix callers are secretariats and a
read_only user: they read the editions where they see the package (reading reaches up the tree, so
the sibling plant union does not see PUK-A's package), and none of them holds
training.release_edition: releasing and asking for a document answer 403 where the package is
visible, 404 elsewhere. A document that is not ready answers 409 to a download. Accepted writes are
tested in test_api_editions.py.
"""

from __future__ import annotations

from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, READ, Op
from serikat.training.models import Edition, Package, Rendition, Stage, StageChange
from serikat.training.services_editions import release_edition
from serikat.training.tests.editions_world import build_package

EDITION_LIST = (401, 404, 404, "200+", "200+", "200+")
REFUSED_WRITE = (401, 404, 404, 403, 403, 403)
NOT_READY = (401, 404, 404, 409, 409, 409)


def extend_world(world: SimpleNamespace) -> None:
    tree = world.tree
    package = build_package(tree.puk_a, tree.admin, code="MTX-01", modules=1, sessions=1, paragraphs=1)
    world.edition_first = release_edition(actor=tree.admin, package=package)
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    world.edition = release_edition(actor=tree.admin, package=package)
    Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
    world.edition_package = package
    world.rendition = Rendition.objects.get(edition=world.edition, kind="participant_book")


MATRIX: dict[str, Op] = {
    "GET /training/packages/{package_id}/editions": Op(
        lambda w: (f"{API}/training/packages/{w.edition_package.pk}/editions", None),
        EDITION_LIST,
        listed=lambda w: w.edition.pk,
    ),
    "POST /training/packages/{package_id}/editions": Op(
        lambda w: (f"{API}/training/packages/{w.edition_package.pk}/editions", {"release_notes": "Edisi 3"}),
        REFUSED_WRITE,
    ),
    "GET /training/editions/{edition_id}": Op(
        lambda w: (f"{API}/training/editions/{w.edition.pk}?snapshot=true", None), READ
    ),
    "POST /training/editions/{edition_id}/renditions": Op(
        lambda w: (
            f"{API}/training/editions/{w.edition.pk}/renditions",
            {"kind": "participant_book", "paper": "a5", "bleed_mm": 3, "crop_marks": True},
        ),
        REFUSED_WRITE,
    ),
    "GET /training/renditions/{rendition_id}": Op(
        lambda w: (f"{API}/training/renditions/{w.rendition.pk}", None), READ
    ),
    "GET /training/renditions/{rendition_id}/file": Op(
        lambda w: (f"{API}/training/renditions/{w.rendition.pk}/file", None), NOT_READY
    ),
    "GET /training/editions/{edition_id}/diff/{other_id}": Op(
        lambda w: (f"{API}/training/editions/{w.edition.pk}/diff/{w.edition_first.pk}", None), READ
    ),
}
SNAPSHOT_MODELS: tuple = (Package, Edition, Rendition, StageChange)
