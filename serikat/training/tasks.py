"""Background work of the training module: rendering an edition's documents. Tasks are enqueued by
the services in transaction.on_commit, so a task never sees a release that rolled back
(docs/adr/0005-django-tasks-database-worker.md)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

EXTENSIONS = {"reading": "html"}


def _file_name(rendition: Any) -> str:
    edition = rendition.edition
    parts = [
        edition.package.code or f"package-{edition.package_id}",
        f"e{edition.number}",
        rendition.kind,
        rendition.paper,
    ]
    if rendition.bleed_mm:
        parts.append(f"bleed{rendition.bleed_mm}")
    if rendition.crop_marks:
        parts.append("marks")
    return "-".join(parts) + "." + EXTENSIONS.get(rendition.kind, "pdf")


@task()
def render_rendition(rendition_id: int) -> dict[str, Any]:
    """Render one document of an edition from its snapshot and store it.

    Progress is written as the work goes (10 before the layout, 60 after it, 100 when written) so
    the edition page's progress bar moves; each write is its own short statement, visible at once.
    A failure keeps the error and status `failed` (the edition page offers to try again). A document
    that is done is never rendered again."""
    from django.utils import translation

    from serikat.audit.recorder import record_event
    from serikat.training import events
    from serikat.training.documents.render import Variant, render_variant, renderer_label
    from serikat.training.models import Rendition

    rendition = Rendition.objects.select_related("edition", "edition__package", "edition__package__unit").get(
        pk=rendition_id
    )
    if rendition.status == Rendition.Status.DONE:
        return {"status": rendition.status, "skipped": True}
    rows = Rendition.objects.filter(pk=rendition_id)
    rows.update(status=Rendition.Status.RENDERING, progress=0, error="")
    edition = rendition.edition
    facts = {"number": edition.number, "released_at": edition.released_at.isoformat()}
    variant = Variant(rendition.kind, rendition.paper, rendition.bleed_mm, rendition.crop_marks)
    try:
        with translation.override(edition.snapshot.get("language", "id")):
            output = render_variant(
                edition.snapshot, edition=facts, variant=variant, progress=lambda p: rows.update(progress=p)
            )
    except Exception as error:  # any failure is recorded on the rendition, for a retry
        logger.exception("rendering rendition %s failed", rendition_id)
        rows.update(
            status=Rendition.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        return {"status": Rendition.Status.FAILED}
    digest = hashlib.sha256(output.content).hexdigest()
    with transaction.atomic():
        rendition = Rendition.objects.select_for_update().get(pk=rendition_id)
        rendition.file.save(_file_name(rendition), ContentFile(output.content), save=False)
        rendition.pages = output.pages
        rendition.size_bytes = len(output.content)
        rendition.sha256 = digest
        rendition.renderer_version = renderer_label()
        rendition.status = Rendition.Status.DONE
        rendition.progress = 100
        rendition.finished_at = timezone.now()
        rendition.save()
        record_event(
            actor=rendition.requested_by,
            kind=events.RENDITION_FINISHED,
            subject=rendition,
            unit=edition.package.unit,
            object_label=f"{edition.title} ({edition.number}) · {rendition.get_kind_display()}"[:200],
            data={"pages": rendition.pages, "size_bytes": rendition.size_bytes, "sha256": digest},
        )
    return {"status": Rendition.Status.DONE, "pages": output.pages, "size_bytes": len(output.content)}
