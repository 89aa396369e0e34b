"""Background work of the registry. Tasks are enqueued by services in transaction.on_commit, so a
task never sees a change that rolled back (docs/adr/0005-django-tasks-database-worker.md)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def run_import(batch_id: int, step: str, actor_id: int) -> dict[str, Any]:
    """Check ("check") or commit ("commit") a member import as the user who asked for it.

    The user's scope is checked again here: a grant revoked since the request stops the run.
    Problems are worded in the user's preferred language.
    """
    from django.utils import translation

    from serikat.accounts.models import User
    from serikat.membership.services_imports import execute_import

    actor = User.objects.get(pk=actor_id)
    # The problems are a report for the person who asked: worded in their language.
    with translation.override(actor.preferred_language):
        batch = execute_import(batch_id, actor, commit=step == "commit")
    return {"status": batch.status, **(batch.counts or {})}
