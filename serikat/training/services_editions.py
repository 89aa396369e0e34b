"""Releasing editions and making their documents.

An edition is an immutable, numbered release of a package: its content snapshot (serikat.training
.snapshot), the renderer's versions at release, and the documents rendered from that snapshot
(renditions): the participant book and the trainer's guide as PDF (A4 at release; A5, bleed and crop
marks on request) and the reading version for phones. Nothing ever changes an edition after its
release; a rendition that is done is never rendered again (docs/adr/0023-edition-rendering.md).

Who may: `training.release_edition` covering the package's owning unit, to release and to ask for
another variant; `training.view_package` (which reaches up the tree) to download.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, ValidationProblems
from serikat.core.scoping import require
from serikat.training import events
from serikat.training.documents.render import MAX_BLEED_MM, renderer_label, renderer_versions
from serikat.training.models import Edition, Package, Rendition, Stage, StageChange
from serikat.training.services_feedback import close_addressed_feedback
from serikat.training.snapshot import content_hash, take_snapshot

RELEASE_NOTES_MAX = 5000
PDF_KINDS = (Rendition.Kind.PARTICIPANT_BOOK, Rendition.Kind.TRAINER_GUIDE)
PRINT_PAPERS = (Rendition.Paper.A4, Rendition.Paper.A5)


class EditionRuleBroken(DomainError):
    code = "edition-rule"


def _enqueue(rendition_ids: list[int]) -> None:
    """Render after the commit, so a task never sees a release that rolled back."""
    from serikat.training.tasks import render_rendition

    def enqueue() -> None:
        for pk in rendition_ids:
            render_rendition.enqueue(pk)

    transaction.on_commit(enqueue)


def release_edition(
    *, actor: Any, package: Package, release_notes: str = "", papers: tuple[str, ...] = (Rendition.Paper.A4,)
) -> Edition:
    """Release the approved draft of `package` as its next numbered edition.

    Takes the content snapshot, records the renderer's versions, makes the edition the package's
    current one, moves the package to `released` (with a stage change), records the edition as the
    one that addressed the feedback authors marked addressed, and queues the participant book and the
    trainer's guide (in each of `papers`) and the reading version. Records training.edition_released."""
    require(actor, perms.RELEASE_EDITION, package.unit)
    problems = ValidationProblems()
    release_notes = (release_notes or "").strip()
    if len(release_notes) > RELEASE_NOTES_MAX:
        problems.add(
            "release_notes", _("Keep the release notes under %(max)s characters.") % {"max": RELEASE_NOTES_MAX}
        )
    papers = tuple(dict.fromkeys(papers or (Rendition.Paper.A4,)))
    if any(paper not in PRINT_PAPERS for paper in papers):
        problems.add("papers", _("Choose A4 or A5."))
    problems.raise_if_any(_("The edition was not released."))
    with transaction.atomic():
        package = Package.objects.select_for_update().select_related("unit").get(pk=package.pk)
        if package.stage != Stage.APPROVED:
            raise EditionRuleBroken(
                _("Only an approved package can be released; this one is at the stage “%(stage)s”.")
                % {"stage": package.get_stage_display()},
                field="stage",
            )
        number = (Edition.objects.filter(package=package).aggregate(n=Max("number"))["n"] or 0) + 1
        snapshot = take_snapshot(package)
        versions = renderer_versions()
        edition = Edition.objects.create(
            package=package,
            number=number,
            title=package.title,
            snapshot=snapshot,
            content_sha256=content_hash(snapshot),
            renderer=versions,
            release_notes=release_notes,
            released_by=actor,
        )
        now = timezone.now()
        previous_stage = package.stage
        package.current_edition = edition
        package.stage = Stage.RELEASED
        package.stage_changed_at = now
        package.save(update_fields=["current_edition", "stage", "stage_changed_at", "updated_at"])
        StageChange.objects.create(
            package=package,
            from_stage=previous_stage,
            to_stage=Stage.RELEASED,
            note=_("Edition %(number)s released.") % {"number": number},
            changed_by=actor,
        )
        closed = close_addressed_feedback(edition=edition)
        renditions = [
            Rendition(edition=edition, kind=kind, paper=paper, requested_by=actor)
            for paper in papers
            for kind in PDF_KINDS
        ]
        renditions.append(
            Rendition(edition=edition, kind=Rendition.Kind.READING, paper=Rendition.Paper.SCREEN, requested_by=actor)
        )
        Rendition.objects.bulk_create(renditions)
        created = list(Rendition.objects.filter(edition=edition).order_by("id").values_list("id", flat=True))
        record_event(
            actor=actor,
            kind=events.EDITION_RELEASED,
            subject=edition,
            unit=package.unit,
            data={
                "package": package.pk,
                "number": number,
                "content_sha256": edition.content_sha256,
                "renderer": renderer_label(versions),
                "modules": len(snapshot["modules"]),
                "sessions": sum(len(m["sessions"]) for m in snapshot["modules"]),
                "feedback_addressed": closed,
                "renditions": created,
            },
        )
        _enqueue(created)
    return edition


def request_rendition(
    *,
    actor: Any,
    edition: Edition,
    kind: str,
    paper: str = Rendition.Paper.A4,
    bleed_mm: int = 0,
    crop_marks: bool = False,
) -> Rendition:
    """Ask for another document of an edition (A5, or bleed and crop marks for the printer), made from
    the same snapshot. Asking again for one that failed queues it again (the retry); asking for one
    that exists otherwise is refused (409): a finished document is never made twice. Records
    training.rendition_requested."""
    package = edition.package
    require(actor, perms.RELEASE_EDITION, package.unit)
    problems = ValidationProblems()
    if kind not in Rendition.Kind.values:
        problems.add("kind", _("Choose the participant book, the trainer's guide or the reading version."))
    if kind == Rendition.Kind.READING:
        paper, bleed_mm, crop_marks = Rendition.Paper.SCREEN, 0, False
    elif paper not in PRINT_PAPERS:
        problems.add("paper", _("Choose A4 or A5."))
    try:
        bleed_mm = int(bleed_mm or 0)
    except (TypeError, ValueError):
        problems.add("bleed_mm", _("Enter the bleed in whole millimetres."))
        bleed_mm = 0
    if not 0 <= bleed_mm <= MAX_BLEED_MM:
        problems.add("bleed_mm", _("The bleed is between 0 and %(max)s mm.") % {"max": MAX_BLEED_MM})
    problems.raise_if_any(_("The document was not requested."))
    crop_marks = bool(crop_marks)
    with transaction.atomic():
        existing = (
            Rendition.objects.select_for_update()
            .filter(edition=edition, kind=kind, paper=paper, bleed_mm=bleed_mm, crop_marks=crop_marks)
            .first()
        )
        retry = existing is not None and existing.status == Rendition.Status.FAILED
        if existing is not None and not retry:
            raise Conflict(_("This document of the edition exists already."), field="kind")
        if retry:
            rendition = existing
            rendition.status, rendition.progress, rendition.error = Rendition.Status.QUEUED, 0, ""
            rendition.requested_by, rendition.finished_at = actor, None
            rendition.save(update_fields=["status", "progress", "error", "requested_by", "finished_at"])
        else:
            rendition = Rendition.objects.create(
                edition=edition, kind=kind, paper=paper, bleed_mm=bleed_mm, crop_marks=crop_marks, requested_by=actor
            )
        record_event(
            actor=actor,
            kind=events.RENDITION_REQUESTED,
            subject=rendition,
            unit=package.unit,
            object_label=_describe(edition, rendition),
            data={
                "edition": edition.pk,
                "kind": kind,
                "paper": paper,
                "bleed_mm": bleed_mm,
                "crop_marks": crop_marks,
                "retry": retry,
            },
        )
        _enqueue([rendition.pk])
    return rendition


def record_download(*, actor: Any, rendition: Rendition) -> None:
    """Record that the actor is about to receive a document (before the bytes are sent, like the
    member exports). Needs `training.view_package` reaching the package; only finished documents."""
    if rendition.status != Rendition.Status.DONE or not rendition.file:
        raise Conflict(_("This document is not ready yet."))
    with transaction.atomic():
        record_event(
            actor=actor,
            kind=events.RENDITION_DOWNLOADED,
            subject=rendition,
            unit=rendition.edition.package.unit,
            object_label=_describe(rendition.edition, rendition),
            data={"edition": rendition.edition_id, "sha256": rendition.sha256, "size_bytes": rendition.size_bytes},
        )


def _describe(edition: Edition, rendition: Rendition) -> str:
    label = f"{edition.title} ({edition.number}) · {rendition.get_kind_display()}"
    if rendition.kind != Rendition.Kind.READING:
        label += f" · {rendition.get_paper_display()}"
        if rendition.bleed_mm:
            label += f" · bleed {rendition.bleed_mm} mm"
        if rendition.crop_marks:
            label += " · crop marks"
    return label[:200]


def download_name(rendition: Rendition) -> str:
    """'kb-01-edisi-2-participant-book-a5-bleed3-marks.pdf': ASCII, no spaces, no quotes."""
    edition = rendition.edition
    parts = [slugify(edition.package.code) or "package", f"e{edition.number}", rendition.kind.replace("_", "-")]
    if rendition.kind != Rendition.Kind.READING:
        parts.append(rendition.paper)
        if rendition.bleed_mm:
            parts.append(f"bleed{rendition.bleed_mm}")
        if rendition.crop_marks:
            parts.append("marks")
    extension = "html" if rendition.kind == Rendition.Kind.READING else "pdf"
    return "-".join(parts)[:120] + "." + extension


def content_type_of(rendition: Rendition) -> str:
    return "text/html; charset=utf-8" if rendition.kind == Rendition.Kind.READING else "application/pdf"
