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

from serikat.training.models import Edition, Feedback


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
