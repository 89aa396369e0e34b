"""Feedback from the field into the next edition.

A trainer or participant sends a short note anchored to an edition and a section of it (a module, or
a session of a module, as the edition printed it). Triage at the package's owning unit accepts,
declines or defers it with a reason. An accepted item shows in the draft of its section until an
author marks it addressed; the next release records which edition addressed it
(`close_addressed_feedback`, called by `release_edition` inside its transaction).

Who may: `training.send_feedback` on a unit of the sender (reading reaches up the tree, so a plant
union's trainer reports on the confederation's package); `training.triage_feedback` covering the
package's owning unit; `training.author_package` covering it to mark an item addressed.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import changes_between, record_event, snapshot
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, ValidationProblems
from serikat.core.scoping import require
from serikat.organisation.models import Unit
from serikat.training import events
from serikat.training.models import Edition, Feedback, Module, Session
from serikat.training.selectors_feedback import Section, find_section


def close_addressed_feedback(*, edition: Edition) -> int:
    """Records `edition` as the one that addressed every accepted feedback item of its package
    (sent on any earlier edition) that an author marked addressed and no release has closed yet.

    Called by `release_edition` inside its transaction, which records the release's audit event; one
    UPDATE, so its cost does not grow with the number of items. Returns how many items it closed."""
    return Feedback.objects.filter(
        edition__package_id=edition.package_id,
        edition__number__lt=edition.number,
        status=Feedback.Status.ACCEPTED,
        addressed_at__isnull=False,
        addressed_in__isnull=True,
    ).update(addressed_in=edition)


MAX_BODY = 2000
MAX_REASON = 500


class FeedbackRefused(DomainError):
    code = "feedback-rule"


def send_feedback(
    *,
    actor: Any,
    edition: Edition,
    unit: Unit,
    module_id: Any,
    session_id: Any = None,
    from_role: str,
    body: str,
) -> Feedback:
    """File a short note from the field on a section of an edition: a module, or a session of it, as
    the edition's snapshot has them. `edition` comes through `access_edition` with
    `training.send_feedback` (which reaches up the tree); `unit`, the unit it is sent from, must be
    covered by one of the actor's grants with that permission."""
    require(actor, perms.SEND_FEEDBACK, unit)
    problems = ValidationProblems()
    if not is_on_the_line(unit, edition.package.unit):
        problems.add("unit", _("This package is not made for %(unit)s.") % {"unit": unit.name})
    section = find_section(edition, module_id, session_id)
    if section is None:
        field = "session" if session_id not in (None, "") and find_section(edition, module_id) else "module"
        problems.add(field, _("Choose a section of this edition."))
    if from_role not in Feedback.FromRole.values:
        problems.add("from_role", _("Say whether you send this as a trainer or as a participant."))
    text = (body or "").strip()
    if not text:
        problems.add("body", _("Write your feedback."))
    elif len(text) > MAX_BODY:
        problems.add(
            "body",
            _("Keep it to %(limit)s characters; this is %(length)s.") % {"limit": f"{MAX_BODY:,}", "length": len(text)},
        )
    problems.raise_if_any(_("The feedback was not sent."))
    section = cast(Section, section)  # a missing section was a problem above
    # The live module and session, while they still exist in the package: the item shows in their draft.
    live_module = Module.objects.filter(package_id=edition.package_id, pk=section.module_id).exists()
    live_session = (
        section.session_id is not None
        and live_module
        and Session.objects.filter(module_id=section.module_id, pk=section.session_id).exists()
    )
    with transaction.atomic():
        item = Feedback.objects.create(
            edition=edition,
            unit=unit,
            module_id=section.module_id if live_module else None,
            session_id=section.session_id if live_session else None,
            section_title=section.title[:300],
            from_role=from_role,
            body=text,
            author=actor,
        )
        record_event(
            actor=actor,
            kind=events.FEEDBACK_SENT,
            subject=item,
            unit=unit,
            object_label=_("Feedback on %(section)s") % {"section": section.title},
            data={
                "edition": edition.pk,
                "module": section.module_id,
                "session": section.session_id,
                "from_role": from_role,
            },
        )
    return item


def is_on_the_line(unit: Unit, owner: Unit) -> bool:
    """Whether `unit` lies in the owning unit's subtree (along either axis) or above it: the units
    a package is read in."""
    return (
        unit.path.startswith(owner.path)
        or (unit.territory_path or "").startswith(owner.path)
        or owner.path.startswith(unit.path)
    )


DECISIONS = (Feedback.Status.ACCEPTED, Feedback.Status.DECLINED, Feedback.Status.DEFERRED)


def triage_feedback(*, actor: Any, feedback: Feedback, decision: str, reason: str) -> Feedback:
    """Accept, decline or defer a feedback item, always with a reason. Needs
    `training.triage_feedback` covering the package's owning unit. A decision may be revised until
    an author marks the item addressed."""
    require(actor, perms.TRIAGE_FEEDBACK, feedback.edition.package.unit)
    problems = ValidationProblems()
    if decision not in DECISIONS:
        problems.add("decision", _("Choose accept, decline or defer."))
    text = (reason or "").strip()
    if not text:
        problems.add("reason", _("Give the reason for the decision; the sender reads it."))
    elif len(text) > MAX_REASON:
        problems.add("reason", _("Write at most %(limit)s characters.") % {"limit": MAX_REASON})
    problems.raise_if_any(_("The feedback was not triaged."))
    with transaction.atomic():
        row = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if row.addressed_at is not None:
            raise Conflict(_("This feedback was already addressed in the draft; its decision stays."))
        before = snapshot(row, ["status", "reason"])
        row.status, row.reason = decision, text
        row.triaged_by, row.triaged_at = actor, timezone.now()
        row.save(update_fields=["status", "reason", "triaged_by", "triaged_at"])
        record_event(
            actor=actor,
            kind=events.FEEDBACK_TRIAGED,
            subject=row,
            unit=feedback.edition.package.unit,
            object_label=_("Feedback on %(section)s") % {"section": row.section_title},
            changes=changes_between(before, snapshot(row, ["status", "reason"])),
        )
    feedback.status, feedback.reason = row.status, row.reason
    feedback.triaged_by, feedback.triaged_at = row.triaged_by, row.triaged_at
    return feedback


def mark_feedback_addressed(*, actor: Any, feedback: Feedback) -> Feedback:
    """An author says the draft of the item's section now answers it; the next release records the
    edition (`close_addressed_feedback`). Needs `training.author_package` covering the package's
    owning unit, and an accepted item."""
    require(actor, perms.AUTHOR_PACKAGE, feedback.edition.package.unit)
    with transaction.atomic():
        row = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if row.status != Feedback.Status.ACCEPTED:
            raise Conflict(
                _("Only accepted feedback is addressed in the draft; this item is %(status)s.")
                % {"status": row.get_status_display().lower()}
            )
        if row.addressed_at is not None:
            raise Conflict(_("This feedback was already marked addressed."))
        row.addressed_by, row.addressed_at = actor, timezone.now()
        row.save(update_fields=["addressed_by", "addressed_at"])
        record_event(
            actor=actor,
            kind=events.FEEDBACK_ADDRESSED,
            subject=row,
            unit=feedback.edition.package.unit,
            object_label=_("Feedback on %(section)s") % {"section": row.section_title},
            changes={"addressed_at": [None, row.addressed_at]},
        )
    feedback.addressed_by, feedback.addressed_at = row.addressed_by, row.addressed_at
    return feedback
