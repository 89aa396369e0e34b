"""Read models of field feedback: the sections of an edition (from its snapshot), the feedback
lists and the accepted items a section's draft shows.

Feedback is visible to whoever may read its package (`Feedback.objects.visible_to`, through the
edition's package, reaching up the tree like the package itself); triage lists are narrowed to
the packages the actor triages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext

from serikat.core import permissions as perms
from serikat.training.models import Edition, Feedback

PAGE = 50


@dataclass(frozen=True)
class Section:
    """A module, or a session of a module, as an edition printed it."""

    module_id: int
    session_id: int | None
    title: str

    @property
    def anchor(self) -> str:
        """The id of the section in the reading version."""
        if self.session_id is None:
            return f"section-{self.module_id}"
        return f"section-{self.module_id}-{self.session_id}"


def edition_sections(edition: Edition) -> list[Section]:
    """Every section of the edition in print order, titled as the documents print them ("Module 2.
    ..." in the edition's language, "2.1 ..." for a session). Read from the snapshot: no query."""
    snapshot = edition.snapshot or {}
    with translation.override(snapshot.get("language") or settings.LANGUAGE_CODE):
        label = gettext("Module %(number)s")
    sections: list[Section] = []
    for m_index, module in enumerate(snapshot.get("modules", []), start=1):
        m_number = module.get("number", m_index)
        title = f"{label % {'number': m_number}}. {module.get('title', '')}".strip()
        sections.append(Section(int(module["id"]), None, title))
        for s_index, session in enumerate(module.get("sessions", []), start=1):
            s_number = session.get("number", s_index)
            title = f"{m_number}.{s_number} {session.get('title', '')}".strip()
            sections.append(Section(int(module["id"]), int(session["id"]), title))
    return sections


def _as_id(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # names no section


def find_section(edition: Edition, module_id: Any, session_id: Any = None) -> Section | None:
    """The section of the edition with these snapshot ids, or None."""
    module, session = _as_id(module_id), _as_id(session_id)
    if module is None:
        return None
    for section in edition_sections(edition):
        if section.module_id == module and section.session_id == session:
            return section
    return None


@dataclass
class FeedbackFilters:
    status: str = ""
    package: Any = None  # a Package from access_package
    edition: Any = None  # an Edition from access_edition
    module: int | None = None
    session: int | None = None
    triage: bool = False  # only packages the actor triages


def feedback_rows(actor: Any, filters: FeedbackFilters) -> QuerySet:
    """Feedback the actor may see, narrowed by the filters, with what a row shows joined in."""
    rows = Feedback.objects.visible_to(actor, perms.VIEW_PACKAGE)
    if filters.triage:
        rows = rows.filter(pk__in=Feedback.objects.visible_to(actor, perms.TRIAGE_FEEDBACK).values("pk"))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.package is not None:
        rows = rows.filter(edition__package=filters.package)
    if filters.edition is not None:
        rows = rows.filter(edition=filters.edition)
    if filters.module is not None:
        rows = rows.filter(module_id=filters.module)
    if filters.session is not None:
        rows = rows.filter(session_id=filters.session)
    return rows.select_related("edition", "edition__package", "unit", "author", "addressed_in")


def feedback_page(actor: Any, filters: FeedbackFilters, *, after: Any = None, limit: int = PAGE) -> dict[str, Any]:
    """A page of feedback, newest first, continuing after the id `after` (keyset, no count)."""
    rows = feedback_rows(actor, filters)
    try:
        after_id = int(after) if after else None
    except (TypeError, ValueError):
        after_id = None
    if after_id is not None:
        rows = rows.filter(pk__lt=after_id)
    items = list(rows.order_by("-id")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_after": items[-1].pk if more else None}


def open_in_section(actor: Any, module: Any, session: Any = None) -> list[Feedback]:
    """Accepted feedback of a section not yet addressed, oldest first: what its draft shows. One
    query. `session` None means the module's own items (not those of its sessions)."""
    rows = Feedback.objects.visible_to(actor, perms.VIEW_PACKAGE).filter(
        module=module, status=Feedback.Status.ACCEPTED, addressed_at__isnull=True
    )
    rows = rows.filter(session=session) if session is not None else rows.filter(Q(session__isnull=True))
    return list(rows.select_related("edition", "unit").order_by("created_at", "id")[:100])
