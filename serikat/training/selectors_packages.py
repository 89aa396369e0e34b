"""Read models of the package screens and endpoints. Every list starts from `visible_to()`; counts
are annotations or batch look-ups, so a screen costs the same for 3 packages or 300."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.training.alignment import Problem, check_alignment, check_alignment_many
from serikat.training.models import (
    AssessmentQuestion,
    GlossaryTerm,
    LearningObjective,
    Module,
    Package,
    ReviewThread,
    Session,
    Stage,
    StageChange,
)
from serikat.training.services_packages import STAGE_ORDER, stage_moves

HOME_LIMIT = 200
HISTORY_LIMIT = 50


def _open_threads() -> Any:
    open_threads = (
        ReviewThread.objects.filter(package=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("package")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(open_threads, output_field=IntegerField()), 0)


def packages_for(actor: Any) -> QuerySet:
    """The packages the actor may read, with their owning unit, current edition and open threads."""
    return (
        Package.objects.visible_to(actor, perms.VIEW_PACKAGE)
        .select_related("unit", "current_edition")
        .annotate(open_threads=_open_threads())
    )


def home_packages(actor: Any, *, limit: int = HOME_LIMIT) -> list[Package]:
    """The home list: packages by title, each with `open_threads`, `problems` (the alignment
    problems) and `can_author`. Six queries however many packages there are."""
    rows = list(packages_for(actor).order_by("title", "id")[: limit + 1])
    author = scope_of(actor, perms.AUTHOR_PACKAGE)
    problems = check_alignment_many(rows[:limit])
    for package in rows[:limit]:
        package.problems = problems[package.pk]
        package.can_author = author.covers(package.unit)
    return rows


def author_units(actor: Any, *, limit: int = 100) -> list[Any]:
    """Units where the actor may start a package: the roots of their authoring scope and, below
    them, the confederation and federation boards (the units with an education department)."""
    from serikat.organisation.models import Unit

    scope = scope_of(actor, perms.AUTHOR_PACKAGE)
    if scope.is_empty:
        return []
    rows = Unit.objects.filter(scope.q()).filter(depth__lte=2) | Unit.objects.filter(path__in=scope.paths)
    return list(rows.distinct().order_by("path")[:limit])


@dataclass
class PackagePage:
    package: Package
    objectives: list[LearningObjective]
    terms: list[GlossaryTerm]
    modules: list[Module]
    history: list[StageChange]
    problems: list[Problem]
    moves: list[str]
    can_author: bool
    can_release: bool
    minutes: int


def package_page(actor: Any, package: Package) -> PackagePage:
    """Everything the package page shows, in a fixed number of queries."""
    objectives = list(package.objectives.order_by("position", "id"))
    terms = list(package.terms.order_by("term"))
    sessions = Session.objects.order_by("position", "id").annotate(question_count=Count("questions"))
    modules = list(
        package.modules.order_by("position", "id").prefetch_related(
            Prefetch("sessions", queryset=sessions.prefetch_related("objectives"))
        )
    )
    history = list(package.stage_changes.select_related("changed_by").order_by("-changed_at", "-id")[:HISTORY_LIMIT])
    return PackagePage(
        package=package,
        objectives=objectives,
        terms=terms,
        modules=modules,
        history=history,
        problems=check_alignment(package),
        moves=_moves(actor, package),
        can_author=scope_of(actor, perms.AUTHOR_PACKAGE).covers(package.unit),
        can_release=scope_of(actor, perms.RELEASE_EDITION).covers(package.unit),
        minutes=sum(s.duration_minutes for m in modules for s in m.sessions.all()),
    )


def _moves(actor: Any, package: Package) -> list[dict[str, Any]]:
    order = [*STAGE_ORDER, Stage.RELEASED]
    return [
        {"code": code, "label": Stage(code).label, "forward": order.index(code) > order.index(package.stage)}
        for code in stage_moves(actor, package)
    ]


def stage_labels() -> list[tuple[str, str]]:
    return [(code, Stage(code).label) for code in (*STAGE_ORDER, Stage.RELEASED)]


def module_sessions(module: Module) -> list[Session]:
    """A module's sessions in order, with their question counts."""
    return list(module.sessions.order_by("position", "id").annotate(question_count=Count("questions")))


def session_questions(session: Session) -> list[AssessmentQuestion]:
    return list(session.questions.order_by("position", "id"))


def can_author(actor: Any, package: Package) -> bool:
    return scope_of(actor, perms.AUTHOR_PACKAGE).covers(package.unit)
