"""REST endpoints of editions: a package's editions, one edition (with its snapshot on request), the
release, another document of an edition, a document's status and file, and the diff of two
editions of one package.

Reading needs `training.view_package` (it reaches up the tree: a plant union's trainer reads the
confederation's editions); releasing and asking for another document need `training.release_edition`
covering the package's owning unit. Downloads are recorded in the audit log before the bytes go out.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import NotFound
from serikat.training import selectors_editions as selectors
from serikat.training import services_editions as services
from serikat.training.access import access_edition, access_package, access_rendition
from serikat.training.models import Edition, Rendition

router = Router(tags=["training"])


class RenditionOut(Schema):
    id: int
    edition: int
    kind: str
    paper: str
    bleed_mm: int
    crop_marks: bool
    status: str
    progress: int
    pages: int | None
    size_bytes: int | None
    sha256: str
    renderer_version: str
    error: str
    requested_at: datetime.datetime
    finished_at: datetime.datetime | None


class EditionListOut(Schema):
    id: int
    package: int
    number: int
    title: str
    content_sha256: str
    release_notes: str
    released_at: datetime.datetime
    released_by: str
    documents: int
    documents_done: int


class EditionOut(Schema):
    id: int
    package: int
    number: int
    title: str
    content_sha256: str
    renderer: dict[str, Any]
    release_notes: str
    released_at: datetime.datetime
    released_by: str
    renditions: list[RenditionOut]
    snapshot: dict[str, Any] | None = Field(None, description="The frozen content; only with ?snapshot=true.")


class EditionQuery(Schema):
    snapshot: bool = Field(False, description="Include the content snapshot (it can be large).")


class ReleaseIn(Input):
    release_notes: str = ""
    papers: list[str] = Field(default_factory=lambda: ["a4"], description="Paper of the books: a4 and/or a5.")


class RenditionIn(Input):
    kind: str = Field(description="participant_book, trainer_guide or reading.")
    paper: str = Field("a4", description="a4 or a5 (the reading version has none).")
    bleed_mm: int = Field(0, description="0 to 5 millimetres; 3 is what most printers ask for.")
    crop_marks: bool = False


class ChangeOut(Schema):
    name: str
    old: Any = None
    new: Any = None
    words: list[tuple[str, str]] | None = Field(None, description="Word diff: (same|del|ins, text) pairs.")


class SectionOut(Schema):
    anchor: str
    label: str
    title: str
    status: str = Field(description="added, removed, changed or same.")
    level: int = Field(description="1 a module, 2 a session.")
    changes: list[ChangeOut]


class ObjectiveChangeOut(Schema):
    status: str
    old: str
    new: str


class DiffOut(Schema):
    package: int
    old_edition: int
    new_edition: int
    counts: dict[str, int]
    package_changes: list[ChangeOut]
    objectives: list[ObjectiveChangeOut]
    sections: list[SectionOut]


def _rendition_dict(r: Rendition) -> dict[str, Any]:
    return {
        "id": r.pk,
        "edition": r.edition_id,
        "kind": r.kind,
        "paper": r.paper,
        "bleed_mm": r.bleed_mm,
        "crop_marks": r.crop_marks,
        "status": r.status,
        "progress": r.progress,
        "pages": r.pages,
        "size_bytes": r.size_bytes,
        "sha256": r.sha256,
        "renderer_version": r.renderer_version,
        "error": r.error,
        "requested_at": r.requested_at,
        "finished_at": r.finished_at,
    }


def _edition_dict(edition: Edition, *, snapshot: bool) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "package": edition.package_id,
        "number": edition.number,
        "title": edition.title,
        "content_sha256": edition.content_sha256,
        "renderer": edition.renderer,
        "release_notes": edition.release_notes,
        "released_at": edition.released_at,
        "released_by": edition.released_by.get_username(),
        "renditions": [_rendition_dict(r) for r in selectors.renditions_of(edition)],
        "snapshot": edition.snapshot if snapshot else None,
    }


@router.get(
    "/training/packages/{int:package_id}/editions",
    response={200: page_of(EditionListOut), **errors(404, 422)},
    summary="List the editions of a package",
)
def list_editions(request: HttpRequest, package_id: int, page: Query[PageParams]) -> Any:
    """The released editions of a package, newest first, with how many of their documents are ready."""
    actor = actor_of(request)
    package = access_package(actor, package_id)
    rows = selectors.editions_of(actor, package)
    answer = keyset_page(request, rows, order=("-number",), cursor=page.cursor, limit=page.limit)
    answer["items"] = [
        {
            "id": e.pk,
            "package": e.package_id,
            "number": e.number,
            "title": e.title,
            "content_sha256": e.content_sha256,
            "release_notes": e.release_notes,
            "released_at": e.released_at,
            "released_by": e.released_by.get_username(),
            "documents": e.documents,
            "documents_done": e.documents_done,
        }
        for e in answer["items"]
    ]
    return answer


@router.post(
    "/training/packages/{int:package_id}/editions",
    response={201: EditionOut, **errors(400, 403, 404, 422)},
    summary="Release an edition",
    description="Freezes the approved draft of the package as its next numbered edition and queues its "
    "documents (participant book and trainer's guide in each paper, the reading version). Needs "
    "training.release_edition covering the package's unit; the package must be at the stage approved.",
)
def release(request: HttpRequest, package_id: int, payload: ReleaseIn) -> Any:
    actor = actor_of(request)
    package = access_package(actor, package_id, permission=perms.RELEASE_EDITION)
    edition = services.release_edition(
        actor=actor, package=package, release_notes=payload.release_notes, papers=tuple(payload.papers)
    )
    edition = Edition.objects.select_related("released_by").get(pk=edition.pk)
    return Status(201, _edition_dict(edition, snapshot=False))


@router.get(
    "/training/editions/{int:edition_id}",
    response={200: EditionOut, **errors(404, 422)},
    summary="Get an edition",
)
def get_edition(request: HttpRequest, edition_id: int, filters: Query[EditionQuery]) -> Any:
    """An edition with its documents; its content snapshot with `?snapshot=true`."""
    edition = access_edition(actor_of(request), edition_id)
    edition = Edition.objects.select_related("released_by").get(pk=edition.pk)
    return _edition_dict(edition, snapshot=filters.snapshot)


@router.post(
    "/training/editions/{int:edition_id}/renditions",
    response={202: RenditionOut, **errors(400, 403, 404, 409, 422)},
    summary="Request another document of an edition",
    description="A5, or bleed and crop marks for the printer, made from the same snapshot in the "
    "background (poll the rendition). Asking again for a failed one tries it again; one that exists "
    "otherwise answers 409. Needs training.release_edition covering the package's unit.",
)
def request_rendition(request: HttpRequest, edition_id: int, payload: RenditionIn) -> Any:
    actor = actor_of(request)
    edition = access_edition(actor, edition_id, permission=perms.RELEASE_EDITION)
    rendition = services.request_rendition(actor=actor, edition=edition, **payload.dict())
    rendition.refresh_from_db()
    return Status(202, _rendition_dict(rendition))


@router.get(
    "/training/renditions/{int:rendition_id}",
    response={200: RenditionOut, **errors(404)},
    summary="Get a document's status",
)
def get_rendition(request: HttpRequest, rendition_id: int) -> Any:
    """Status and progress (0-100) while it is made; pages, size, sha256 and renderer when done."""
    return _rendition_dict(access_rendition(actor_of(request), rendition_id))


@router.get(
    "/training/renditions/{int:rendition_id}/file",
    response={200: None, **errors(404, 409)},
    summary="Download a document",
    description="The PDF (or the reading version's HTML). Recorded in the audit log before it is sent; "
    "409 while the document is not ready.",
)
def download_rendition(request: HttpRequest, rendition_id: int) -> Any:
    actor = actor_of(request)
    rendition = access_rendition(actor, rendition_id)
    services.record_download(actor=actor, rendition=rendition)
    response = FileResponse(
        rendition.file.open("rb"),
        as_attachment=True,
        filename=services.download_name(rendition),
        content_type=services.content_type_of(rendition),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/training/editions/{int:edition_id}/diff/{int:other_id}",
    response={200: DiffOut, **errors(404)},
    summary="Compare two editions of a package",
)
def diff(request: HttpRequest, edition_id: int, other_id: int) -> Any:
    """Per section added, removed or changed, with a word diff of the text; objectives, durations and
    questions too. The older edition is the base, whichever is named first."""
    actor = actor_of(request)
    edition = access_edition(actor, edition_id)
    other = resolve("path.other_id", access_edition, actor, other_id)
    if other.package_id != edition.package_id or other.pk == edition.pk:
        raise NotFound(_("Only two different editions of one package can be compared."), field="path.other_id")
    old, new = sorted((edition, other), key=lambda e: e.number)
    result = selectors.diff_editions(old, new)

    def change(c: Any) -> dict[str, Any]:
        return {"name": c.name, "old": c.old, "new": c.new, "words": c.words}

    return {
        "package": edition.package_id,
        "old_edition": old.pk,
        "new_edition": new.pk,
        "counts": result.counts(),
        "package_changes": [change(c) for c in result.package_changes],
        "objectives": [{"status": s, "old": o, "new": n} for s, o, n in result.objectives],
        "sections": [
            {
                "anchor": s.anchor,
                "label": s.label,
                "title": s.title,
                "status": s.status,
                "level": s.level,
                "changes": [change(c) for c in s.changes],
            }
            for s in result.sections
        ],
    }
