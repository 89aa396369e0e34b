"""The content snapshot of an edition: everything a participant book, a trainer's guide, the reading
version and a diff need, read from the live package once and frozen as plain JSON.

`take_snapshot(package)` reads the package in a fixed number of queries (the package, its
objectives, glossary, modules, sessions with the objectives they cover, questions, images), keeps
the live ids of modules and sessions (feedback anchors to them, the reading version's anchors are
built from them), orders everything by position then id, and hashes the canonical JSON.

Images: rich text points at a package's images through their live URLs. The snapshot copies each
image's bytes into a content-addressed file (`training/edition-images/<sha256>.<ext>`, written once,
never changed or deleted by an edit of the package) and rewrites every `<img src>` to
`edition-image:<sha256>`. The renderers turn that into a data URI, so a PDF and the reading version
carry their images inside them and a later edit or deletion of the live image changes nothing
(docs/adr/0023-edition-rendering.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch

from serikat.training.models import (
    AssessmentQuestion,
    ContentImage,
    GlossaryTerm,
    LearningObjective,
    Module,
    Package,
    Session,
)

FORMAT = 1
IMAGE_SCHEME = "edition-image:"
IMAGE_FOLDER = "training/edition-images"
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}

# Rich-text fields per level; the renderers and the diff walk the same lists.
PACKAGE_RICH = ("summary", "implementation_guide")
MODULE_RICH = ("introduction",)
SESSION_RICH = ("activities", "handout", "facilitator_notes")

_IMG_SRC = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_IMAGE_ID_ATTR = re.compile(r"""\bdata-image(?:-id)?\s*=\s*["']?(\d+)""", re.IGNORECASE)
_IMAGE_URL_ID = re.compile(r"/images?/(\d+)(?:/|$|\?|[^0-9])")


def canonical_json(value: Any) -> str:
    """The one serialisation the content hash is taken of: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def _stored_image(image: ContentImage) -> dict[str, Any] | None:
    """Copy the image's bytes to their content-addressed file (once) and describe it; None when the
    live file is gone (the text then keeps no picture rather than a broken link)."""
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    digest = hashlib.sha256(data).hexdigest()
    name = f"{IMAGE_FOLDER}/{digest}.{EXTENSIONS.get(image.content_type, 'bin')}"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # a concurrent release wrote the same bytes first: keep one copy
            default_storage.delete(saved)
    return {
        "sha256": digest,
        "content_type": image.content_type,
        "width": image.width,
        "height": image.height,
        "alt_text": image.alt_text,
        "file": name,
        "image_id": image.pk,
    }


class _ImageMap:
    """Finds which image of the package an `<img>` points at: by a data-image attribute, by the
    file's storage URL, or by an `.../images/<id>/` path."""

    def __init__(self, images: dict[int, dict[str, Any]], urls: dict[str, int]):
        self.images = images
        self.urls = urls
        self.used: set[str] = set()

    def rewrite(self, html: str) -> str:
        if not html or "<img" not in html.lower():
            return html

        def replace(match: re.Match[str]) -> str:
            tag_start = match.string.rfind("<img", 0, match.end())
            tag_end = match.string.find(">", match.end())
            tag = match.string[tag_start : tag_end + 1 if tag_end >= 0 else len(match.string)]
            image_id = None
            found = _IMAGE_ID_ATTR.search(tag)
            src = match.group(3)
            if found:
                image_id = int(found.group(1))
            elif src in self.urls:
                image_id = self.urls[src]
            else:
                by_path = _IMAGE_URL_ID.search(src)
                image_id = int(by_path.group(1)) if by_path else None
            image = self.images.get(image_id) if image_id is not None else None
            if image is None:
                # Not an image of this package: nothing outside the snapshot is ever fetched.
                return f"{match.group(1)}{match.group(2)}{match.group(2)}"
            self.used.add(image["sha256"])
            return f"{match.group(1)}{match.group(2)}{IMAGE_SCHEME}{image['sha256']}{match.group(2)}"

        return _IMG_SRC.sub(replace, html)


def take_snapshot(package: Package) -> dict[str, Any]:
    """The whole content of `package` as plain JSON, ordered by position, with the live ids of its
    modules and sessions. Seven queries whatever the package's size, plus reading its images."""
    package = Package.objects.select_related("unit").get(pk=package.pk)
    objectives = list(LearningObjective.objects.filter(package=package).order_by("position", "id"))
    objective_numbers = {objective.pk: number for number, objective in enumerate(objectives, start=1)}
    terms = list(GlossaryTerm.objects.filter(package=package).order_by("term", "id"))
    modules = list(Module.objects.filter(package=package).order_by("position", "id"))
    sessions = list(
        Session.objects.filter(module__package=package)
        .order_by("module_id", "position", "id")
        .prefetch_related(Prefetch("objectives", queryset=LearningObjective.objects.order_by("position", "id")))
    )
    questions = list(
        AssessmentQuestion.objects.filter(session__module__package=package).order_by("session_id", "position", "id")
    )
    live_images = list(ContentImage.objects.filter(package=package).order_by("id"))

    images: dict[int, dict[str, Any]] = {}
    urls: dict[str, int] = {}
    for image in live_images:
        stored = _stored_image(image)
        if stored is not None:
            images[image.pk] = stored
            with contextlib.suppress(ValueError):  # a storage without URLs
                urls[image.file.url] = image.pk
    mapper = _ImageMap(images, urls)

    questions_of: dict[int, list[dict[str, Any]]] = {}
    for question in questions:
        questions_of.setdefault(question.session_id, []).append(
            {
                "id": question.pk,
                "kind": question.kind,
                "text": question.text,
                "options": list(question.options or []),
                "answer_guide": question.answer_guide,
            }
        )
    sessions_of: dict[int, list[Session]] = {}
    for session in sessions:
        sessions_of.setdefault(session.module_id, []).append(session)

    module_rows = []
    for module_number, module in enumerate(modules, start=1):
        session_rows = []
        for session_number, session in enumerate(sessions_of.get(module.pk, []), start=1):
            row: dict[str, Any] = {
                "id": session.pk,
                "number": session_number,
                "title": session.title,
                "objectives": [objective_numbers[o.pk] for o in session.objectives.all() if o.pk in objective_numbers],
                "duration_minutes": session.duration_minutes,
                "method": session.method,
                "materials": session.materials,
                "questions": questions_of.get(session.pk, []),
            }
            for name in SESSION_RICH:
                row[name] = mapper.rewrite(getattr(session, name))
            session_rows.append(row)
        module_row: dict[str, Any] = {
            "id": module.pk,
            "number": module_number,
            "title": module.title,
            "sessions": session_rows,
            "minutes": sum(s["duration_minutes"] for s in session_rows),
        }
        for name in MODULE_RICH:
            module_row[name] = mapper.rewrite(getattr(module, name))
        module_rows.append(module_row)

    package_row: dict[str, Any] = {
        "id": package.pk,
        "code": package.code,
        "title": package.title,
        "theme": package.theme,
        "audience": package.audience,
        "stated_minutes": package.stated_minutes,
        "unit": {"id": package.unit_id, "code": package.unit.code, "name": package.unit.name},
    }
    for name in PACKAGE_RICH:
        package_row[name] = mapper.rewrite(getattr(package, name))

    return {
        "format": FORMAT,
        "language": settings.LANGUAGE_CODE,
        "package": package_row,
        "objectives": [{"id": o.pk, "number": objective_numbers[o.pk], "text": o.text} for o in objectives],
        "glossary": [{"term": t.term, "definition": t.definition} for t in terms],
        "modules": module_rows,
        "total_minutes": sum(m["minutes"] for m in module_rows),
        "images": [image for image in images.values() if image["sha256"] in mapper.used],
    }


def section_anchor(module_id: int, session_id: int | None = None) -> str:
    """The id of a section in the reading version: `section-<module>` or `section-<module>-<session>`
    (live ids, so a feedback form can link to the section it is about)."""
    return f"section-{module_id}" if session_id is None else f"section-{module_id}-{session_id}"
