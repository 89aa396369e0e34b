"""Writing training packages: the package itself, its objectives and glossary, modules, sessions,
assessment questions, images, and the stage of its draft (docs/training.md, sections 2 and 3).

Who may: `training.author_package` over the package's owning unit for content and the working
stages; `training.release_edition` to approve. Releasing itself is services_editions.release_edition.

Three rules hold for every content change here:
  * Optimistic concurrency. A form carries the package revision it was opened at; a save whose
    revision is no longer the package's is refused (409) and changes nothing, so one author never
    silently overwrites another's edit. The package row is locked for the change, so two saves of
    the same revision cannot both pass the check.
  * Every change raises `Package.revision` and records training.content_changed (or
    package_created / package_changed) with what changed.
  * A change to a released package starts the next edition's draft: the stage goes back to
    drafting, with a StageChange. A change to an approved package sends it back to alignment (the
    approval was of the content as it was then).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import changes_between, record_event, snapshot
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, Forbidden, ValidationProblems
from serikat.core.scoping import require, scope_of
from serikat.training import events
from serikat.training.models import (
    AssessmentQuestion,
    ContentImage,
    GlossaryTerm,
    LearningObjective,
    Method,
    Module,
    Package,
    Session,
    Stage,
    StageChange,
    Theme,
)
from serikat.training.richtext import clean_html

# The working order of a draft. `released` is set only by releasing an edition.
STAGE_ORDER = (Stage.DRAFTING, Stage.PRODUCTION_REVIEW, Stage.FINALISATION, Stage.ALIGNMENT, Stage.APPROVED)
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a picture
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
MAX_MINUTES = 100_000


class PackageRuleBroken(DomainError):
    code = "package-rule"


class StaleRevision(Conflict):
    code = "stale-revision"


# --- shared ----------------------------------------------------------------------------------------


def _text(value: Any, field: str, problems: ValidationProblems, *, max_length: int, required: bool) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not text:
        problems.add(field, _("This field is required."))
    elif len(text) > max_length:
        problems.add(field, _("At most %(max)s characters (this has %(n)s).") % {"max": max_length, "n": len(text)})
    return text


def _minutes(value: Any, field: str, problems: ValidationProblems, *, required: bool) -> int | None:
    if value is None or value == "":
        if required:
            problems.add(field, _("This field is required."))
        return None
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        problems.add(field, _("Enter a whole number of minutes."))
        return None
    if minutes < 0 or minutes > MAX_MINUTES:
        problems.add(field, _("Enter a number of minutes between 0 and %(max)s.") % {"max": MAX_MINUTES})
        return None
    return minutes


def _lock(package: Package, revision: int | None) -> Package:
    """The package row, locked for this transaction; refuses a save made on an older revision."""
    locked = Package.objects.select_for_update().get(pk=package.pk)
    if revision is not None and int(revision) != locked.revision:
        raise StaleRevision(
            _(
                "Someone else saved changes to this package after you opened it (you edited revision "
                "%(yours)s, it is now at revision %(now)s). Your changes were not saved: reload the page, "
                "look at their changes and make yours again."
            )
            % {"yours": revision, "now": locked.revision},
            field="revision",
        )
    return locked


def _record_stage(actor: Any, package: Package, to_stage: str, note: str) -> StageChange:
    change = StageChange.objects.create(
        package=package, from_stage=package.stage, to_stage=to_stage, note=note[:300], changed_by=actor
    )
    record_event(
        actor=actor,
        kind=events.STAGE_CHANGED,
        subject=package,
        unit=package.unit,
        changes={"stage": [package.stage, to_stage]},
        data={"note": note[:300]},
    )
    package.stage = to_stage
    package.stage_changed_at = timezone.now()
    return change


def _bump(actor: Any, package: Package) -> None:
    """A new revision; a released or approved draft leaves its stage (see the module docstring)."""
    package.revision += 1
    if package.stage == Stage.RELEASED:
        _record_stage(actor, package, Stage.DRAFTING, _("Changed after release: the next edition's draft."))
    elif package.stage == Stage.APPROVED:
        _record_stage(actor, package, Stage.ALIGNMENT, _("Changed after approval: to be approved again."))
    package.save(update_fields=["revision", "stage", "stage_changed_at", "updated_at"])


def _content_change(
    actor: Any,
    package: Package,
    revision: int | None,
    change: Callable[[Package], tuple[Any, dict[str, Any]]],
) -> Any:
    """Run `change(locked package) -> (subject, audit data)` as one audited content change."""
    require(actor, perms.AUTHOR_PACKAGE, package.unit)
    with transaction.atomic():
        locked = _lock(package, revision)
        locked.unit = package.unit
        subject, data = change(locked)
        _bump(actor, locked)
        record_event(
            actor=actor,
            kind=events.CONTENT_CHANGED,
            subject=locked,
            unit=locked.unit,
            data={**data, "revision": locked.revision},
        )
    _refresh(package, locked)
    return subject


def _refresh(package: Package, locked: Package) -> None:
    for name in ("revision", "stage", "stage_changed_at", "updated_at"):
        setattr(package, name, getattr(locked, name))


def _place(rows: Sequence[Any], item: Any, position: int | None) -> None:
    """Put `item` at `position` (1-based; None or past the end: last) and renumber densely 1..n."""
    others = [row for row in rows if row.pk != item.pk]
    index = len(others) if position is None else max(0, min(int(position) - 1, len(others)))
    others.insert(index, item)
    _renumber(others)


def _renumber(rows: Iterable[Any]) -> None:
    rows = list(rows)
    changed = []
    for number, row in enumerate(rows, start=1):
        if row.position != number:
            row.position = number
            changed.append(row)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])


def _same_package(package: Package, obj: Any, field: str) -> None:
    if obj.package_id != package.pk:
        raise PackageRuleBroken(_("This belongs to another package."), field=field)


# --- packages --------------------------------------------------------------------------------------

PACKAGE_FIELDS = ("code", "title", "theme", "audience", "summary", "implementation_guide", "stated_minutes")


def _package_terms(package_id: int | None, data: dict[str, Any], problems: ValidationProblems) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    if "code" in data:
        terms["code"] = _text(data["code"], "code", problems, max_length=32, required=True).upper()
        if terms["code"] and not all(ch.isalnum() or ch in "-_" for ch in terms["code"]):
            problems.add("code", _("Use letters, digits, - and _ only (e.g. KB-01)."))
    if "title" in data:
        terms["title"] = _text(data["title"], "title", problems, max_length=200, required=True)
    if "theme" in data:
        terms["theme"] = data["theme"]
        if data["theme"] not in Theme.values:
            problems.add("theme", _("Choose a theme."))
    if "audience" in data:
        terms["audience"] = _text(data["audience"], "audience", problems, max_length=300, required=False)
    for name in ("summary", "implementation_guide"):
        if name in data:
            terms[name] = clean_html(data[name], package_id=package_id)
    if "stated_minutes" in data:
        terms["stated_minutes"] = _minutes(data["stated_minutes"], "stated_minutes", problems, required=False)
    return terms


def create_package(
    *,
    actor: Any,
    unit: Any,
    code: str,
    title: str,
    theme: str,
    audience: str = "",
    summary: str = "",
    implementation_guide: str = "",
    stated_minutes: Any = None,
) -> Package:
    """Start a package owned by `unit` (its education department makes it), in drafting.

    The code is unique within the unit. Records training.package_created."""
    require(actor, perms.AUTHOR_PACKAGE, unit)
    problems = ValidationProblems()
    terms = _package_terms(
        None,
        {
            "code": code,
            "title": title,
            "theme": theme,
            "audience": audience,
            "summary": summary,
            "implementation_guide": implementation_guide,
            "stated_minutes": stated_minutes,
        },
        problems,
    )
    if terms.get("code") and Package.objects.filter(unit=unit, code=terms["code"]).exists():
        problems.add("code", _("This unit already has a package with the code %(code)s.") % {"code": terms["code"]})
    problems.raise_if_any(_("The package was not created."))
    with transaction.atomic():
        # Rich text cannot carry images yet: a new package has none.
        package = Package.objects.create(unit=unit, created_by=actor, stage_changed_at=timezone.now(), **terms)
        record_event(
            actor=actor,
            kind=events.PACKAGE_CREATED,
            subject=package,
            unit=unit,
            data={"code": package.code, "title": package.title, "theme": package.theme},
        )
    return package


def change_package(*, actor: Any, package: Package, revision: int | None, **changes: Any) -> Package:
    """Change a package's details (code, title, theme, audience), its summary, implementation guide
    or stated total duration. Only the fields given change. Records training.package_changed."""
    unknown = set(changes) - set(PACKAGE_FIELDS)
    if unknown:
        raise TypeError(f"change_package() got unknown fields: {sorted(unknown)}")
    require(actor, perms.AUTHOR_PACKAGE, package.unit)
    problems = ValidationProblems()
    terms = _package_terms(package.pk, changes, problems)
    if (
        terms.get("code")
        and Package.objects.filter(unit_id=package.unit_id, code=terms["code"]).exclude(pk=package.pk).exists()
    ):
        problems.add("code", _("This unit already has a package with the code %(code)s.") % {"code": terms["code"]})
    problems.raise_if_any(_("The package was not changed."))
    with transaction.atomic():
        locked = _lock(package, revision)
        locked.unit = package.unit
        before = snapshot(locked, PACKAGE_FIELDS)
        for name, value in terms.items():
            setattr(locked, name, value)
        diff = changes_between(before, snapshot(locked, PACKAGE_FIELDS))
        if diff:
            locked.save(update_fields=[*diff, "updated_at"])
            _bump(actor, locked)
            record_event(
                actor=actor,
                kind=events.PACKAGE_CHANGED,
                subject=locked,
                unit=locked.unit,
                changes=_short(diff),
                data={"revision": locked.revision},
            )
    for name in (*PACKAGE_FIELDS, "revision", "stage", "stage_changed_at", "updated_at"):
        setattr(package, name, getattr(locked, name))
    return package


def _short(diff: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Long rich text is kept in the audit log by its length, not whole (the draft keeps the text)."""
    out = {}
    for name, (old, new) in diff.items():
        if isinstance(new, str) and (len(new) > 200 or len(old or "") > 200):
            out[name] = [f"{len(old or '')} characters", f"{len(new)} characters"]
        else:
            out[name] = [old, new]
    return out


# --- objectives ------------------------------------------------------------------------------------


def add_objective(
    *, actor: Any, package: Package, text: str, position: int | None = None, revision: int | None = None
) -> LearningObjective:
    """Add a learning objective (last, or at `position`, 1-based)."""
    problems = ValidationProblems()
    text = _text(text, "text", problems, max_length=400, required=True)
    problems.raise_if_any(_("The objective was not added."))

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        objective = LearningObjective(package=locked, position=0, text=text)
        objective.save()
        _place(list(locked.objectives.order_by("position", "id")), objective, position)
        return objective, {"what": "objective_added", "objective": objective.pk, "text": text}

    return _content_change(actor, package, revision, change)


def change_objective(
    *, actor: Any, objective: LearningObjective, text: str, revision: int | None = None
) -> LearningObjective:
    """Reword a learning objective."""
    problems = ValidationProblems()
    text = _text(text, "text", problems, max_length=400, required=True)
    problems.raise_if_any(_("The objective was not changed."))

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = objective.text
        objective.text = text
        objective.save(update_fields=["text"])
        return objective, {"what": "objective_changed", "objective": objective.pk, "text": [before, text]}

    return _content_change(actor, objective.package, revision, change)


def remove_objective(*, actor: Any, objective: LearningObjective, revision: int | None = None) -> None:
    """Remove a learning objective (sessions stop covering it); the others close up."""

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        data = {"what": "objective_removed", "objective": objective.pk, "text": objective.text}
        objective.delete()
        _renumber(locked.objectives.order_by("position", "id"))
        return None, data

    _content_change(actor, objective.package, revision, change)


def move_objective(
    *, actor: Any, objective: LearningObjective, position: int, revision: int | None = None
) -> LearningObjective:
    """Put an objective at `position` (1-based) among the package's objectives."""

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = objective.position
        _place(list(locked.objectives.order_by("position", "id")), objective, position)
        return objective, {
            "what": "objective_moved",
            "objective": objective.pk,
            "position": [before, objective.position],
        }

    return _content_change(actor, objective.package, revision, change)


# --- glossary --------------------------------------------------------------------------------------


def _term_terms(term: Any, definition: Any, variants: Any, problems: ValidationProblems) -> dict[str, str]:
    clean_term = _text(term, "term", problems, max_length=120, required=True)
    lines = [line.strip() for line in (variants or "").splitlines() if line.strip()]
    unique: list[str] = []
    for line in lines:
        if len(line) > 120:
            problems.add("variants", _("A variant is at most 120 characters."))
        if line.casefold() == clean_term.casefold():
            problems.add("variants", _("The term itself cannot be one of its variants."))
        if line.casefold() not in {u.casefold() for u in unique}:
            unique.append(line)
    return {
        "term": clean_term,
        "definition": _text(definition, "definition", problems, max_length=2000, required=False),
        "variants": "\n".join(unique),
    }


def add_term(
    *, actor: Any, package: Package, term: str, definition: str = "", variants: str = "", revision: int | None = None
) -> GlossaryTerm:
    """Add a glossary term with the variants (one per line) alignment should flag in the text."""
    problems = ValidationProblems()
    terms = _term_terms(term, definition, variants, problems)
    problems.raise_if_any(_("The term was not added."))

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        if locked.terms.filter(term__iexact=terms["term"]).exists():
            raise PackageRuleBroken(_("The glossary already has this term."), field="term")
        row = GlossaryTerm.objects.create(package=locked, **terms)
        return row, {"what": "term_added", "term": row.pk, "text": row.term}

    return _content_change(actor, package, revision, change)


def change_term(
    *, actor: Any, term: GlossaryTerm, text: str, definition: str = "", variants: str = "", revision: int | None = None
) -> GlossaryTerm:
    """Change a glossary term, its definition or its variants."""
    problems = ValidationProblems()
    terms = _term_terms(text, definition, variants, problems)
    problems.raise_if_any(_("The term was not changed."))

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        if locked.terms.filter(term__iexact=terms["term"]).exclude(pk=term.pk).exists():
            raise PackageRuleBroken(_("The glossary already has this term."), field="term")
        before = snapshot(term, ("term", "definition", "variants"))
        for name, value in terms.items():
            setattr(term, name, value)
        term.save()
        diff = changes_between(before, snapshot(term, ("term", "definition", "variants")))
        return term, {"what": "term_changed", "term": term.pk, "changes": diff}

    return _content_change(actor, term.package, revision, change)


def remove_term(*, actor: Any, term: GlossaryTerm, revision: int | None = None) -> None:
    """Remove a glossary term."""

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        data = {"what": "term_removed", "term": term.pk, "text": term.term}
        term.delete()
        return None, data

    _content_change(actor, term.package, revision, change)


# --- modules ---------------------------------------------------------------------------------------


def add_module(
    *,
    actor: Any,
    package: Package,
    title: str,
    introduction: str = "",
    position: int | None = None,
    revision: int | None = None,
) -> Module:
    """Add a module to a package (last, or at `position`)."""
    problems = ValidationProblems()
    title = _text(title, "title", problems, max_length=200, required=True)
    problems.raise_if_any(_("The module was not added."))
    introduction = clean_html(introduction, package_id=package.pk)

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        module = Module.objects.create(package=locked, position=0, title=title, introduction=introduction)
        _place(list(locked.modules.order_by("position", "id")), module, position)
        return module, {"what": "module_added", "module": module.pk, "title": title}

    return _content_change(actor, package, revision, change)


def change_module(
    *, actor: Any, module: Module, title: str, introduction: str = "", revision: int | None = None
) -> Module:
    """Change a module's title and introduction."""
    problems = ValidationProblems()
    title = _text(title, "title", problems, max_length=200, required=True)
    problems.raise_if_any(_("The module was not changed."))
    introduction = clean_html(introduction, package_id=module.package_id)

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = snapshot(module, ("title", "introduction"))
        module.title, module.introduction = title, introduction
        module.save(update_fields=["title", "introduction"])
        diff = _short(changes_between(before, snapshot(module, ("title", "introduction"))))
        return module, {"what": "module_changed", "module": module.pk, "changes": diff}

    return _content_change(actor, module.package, revision, change)


def remove_module(*, actor: Any, module: Module, revision: int | None = None) -> None:
    """Remove a module with its sessions and their questions; the other modules close up. A module
    that released feedback or review threads point at keeps them (they lose their anchor)."""

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        data = {
            "what": "module_removed",
            "module": module.pk,
            "title": module.title,
            "sessions": list(module.sessions.values_list("title", flat=True)),
        }
        try:
            module.delete()
        except IntegrityError:  # pragma: no cover - every relation to a module cascades or nulls
            raise PackageRuleBroken(_("This module cannot be removed."), field="module") from None
        _renumber(locked.modules.order_by("position", "id"))
        return None, data

    _content_change(actor, module.package, revision, change)


def move_module(*, actor: Any, module: Module, position: int, revision: int | None = None) -> Module:
    """Put a module at `position` (1-based) among the package's modules."""

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = module.position
        _place(list(locked.modules.order_by("position", "id")), module, position)
        return module, {"what": "module_moved", "module": module.pk, "position": [before, module.position]}

    return _content_change(actor, module.package, revision, change)


# --- sessions --------------------------------------------------------------------------------------

SESSION_FIELDS = ("title", "duration_minutes", "method", "activities", "materials", "handout", "facilitator_notes")
RICH_SESSION_FIELDS = ("activities", "handout", "facilitator_notes")


def _session_terms(package_id: int, data: dict[str, Any], problems: ValidationProblems) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    if "title" in data:
        terms["title"] = _text(data["title"], "title", problems, max_length=200, required=True)
    if "duration_minutes" in data:
        terms["duration_minutes"] = _minutes(data["duration_minutes"], "duration_minutes", problems, required=True)
    if "method" in data:
        terms["method"] = data["method"]
        if data["method"] not in Method.values:
            problems.add("method", _("Choose a method."))
    if "materials" in data:
        terms["materials"] = _text(data["materials"], "materials", problems, max_length=4000, required=False)
    for name in RICH_SESSION_FIELDS:
        if name in data:
            terms[name] = clean_html(data[name], package_id=package_id)
    return terms


def _objectives_of(package: Package, objective_ids: Iterable[Any] | None) -> list[LearningObjective] | None:
    if objective_ids is None:
        return None
    ids = []
    for value in objective_ids:
        try:
            ids.append(int(getattr(value, "pk", value)))
        except (TypeError, ValueError):
            raise PackageRuleBroken(_("Choose objectives of this package."), field="objectives") from None
    rows = list(LearningObjective.objects.filter(package=package, pk__in=ids))
    if len(rows) != len(set(ids)):
        raise PackageRuleBroken(_("Choose objectives of this package."), field="objectives")
    return rows


def add_session(
    *,
    actor: Any,
    module: Module,
    title: str,
    duration_minutes: Any = 0,
    method: str = Method.GROUP_DISCUSSION,
    activities: str = "",
    materials: str = "",
    handout: str = "",
    facilitator_notes: str = "",
    objectives: Iterable[Any] | None = None,
    position: int | None = None,
    revision: int | None = None,
) -> Session:
    """Add a session to a module (last, or at `position`), with the objectives it covers."""
    problems = ValidationProblems()
    terms = _session_terms(
        module.package_id,
        {
            "title": title,
            "duration_minutes": duration_minutes,
            "method": method,
            "activities": activities,
            "materials": materials,
            "handout": handout,
            "facilitator_notes": facilitator_notes,
        },
        problems,
    )
    problems.raise_if_any(_("The session was not added."))
    chosen = _objectives_of(module.package, objectives)

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        session = Session.objects.create(module=module, position=0, **terms)
        _place(list(module.sessions.order_by("position", "id")), session, position)
        if chosen:
            session.objectives.set(chosen)
        return session, {
            "what": "session_added",
            "module": module.pk,
            "session": session.pk,
            "title": session.title,
            "objectives": sorted(o.pk for o in chosen or []),
        }

    return _content_change(actor, module.package, revision, change)


def change_session(
    *, actor: Any, session: Session, revision: int | None = None, objectives: Iterable[Any] | None = None, **fields: Any
) -> Session:
    """Change a session's fields (only those given) and, when `objectives` is given, the
    objectives it covers."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"change_session() got unknown fields: {sorted(unknown)}")
    package = session.module.package
    problems = ValidationProblems()
    terms = _session_terms(package.pk, fields, problems)
    problems.raise_if_any(_("The session was not changed."))
    chosen = _objectives_of(package, objectives)

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = snapshot(session, SESSION_FIELDS)
        for name, value in terms.items():
            setattr(session, name, value)
        session.save()
        data: dict[str, Any] = {
            "what": "session_changed",
            "module": session.module_id,
            "session": session.pk,
            "changes": _short(changes_between(before, snapshot(session, SESSION_FIELDS))),
        }
        if chosen is not None:
            old = sorted(session.objectives.values_list("pk", flat=True))
            session.objectives.set(chosen)
            new = sorted(o.pk for o in chosen)
            if old != new:
                data["objectives"] = [old, new]
        return session, data

    return _content_change(actor, package, revision, change)


def remove_session(*, actor: Any, session: Session, revision: int | None = None) -> None:
    """Remove a session with its questions; the other sessions of the module close up."""
    module = session.module

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        data = {"what": "session_removed", "module": module.pk, "session": session.pk, "title": session.title}
        session.delete()
        _renumber(module.sessions.order_by("position", "id"))
        return None, data

    _content_change(actor, module.package, revision, change)


def move_session(
    *, actor: Any, session: Session, position: int, module: Module | None = None, revision: int | None = None
) -> Session:
    """Put a session at `position` (1-based) in its module, or in another module of the same package."""
    source = session.module
    target = module or source
    if target.package_id != source.package_id:
        raise PackageRuleBroken(_("A session moves only between modules of its own package."), field="module")

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = (source.pk, session.position)
        if target.pk != source.pk:
            session.module = target
            session.save(update_fields=["module"])
            _renumber(source.sessions.order_by("position", "id"))
        _place(list(target.sessions.order_by("position", "id")), session, position)
        return session, {
            "what": "session_moved",
            "session": session.pk,
            "from": list(before),
            "to": [target.pk, session.position],
        }

    return _content_change(actor, source.package, revision, change)


# --- assessment questions --------------------------------------------------------------------------


def _question_terms(
    kind: Any, text: Any, options: Any, answer_guide: Any, problems: ValidationProblems
) -> dict[str, Any]:
    if kind not in AssessmentQuestion.Kind.values:
        problems.add("kind", _("Choose a kind of question."))
    clean_options = [str(o).strip() for o in (options or []) if str(o).strip()]
    if kind == AssessmentQuestion.Kind.CHOICE and len(clean_options) < 2:
        problems.add("options", _("A multiple-choice question needs at least two options."))
    if kind != AssessmentQuestion.Kind.CHOICE:
        clean_options = []
    if any(len(o) > 300 for o in clean_options):
        problems.add("options", _("An option is at most 300 characters."))
    return {
        "kind": kind,
        "text": _text(text, "text", problems, max_length=2000, required=True),
        "options": clean_options[:12],
        "answer_guide": _text(answer_guide, "answer_guide", problems, max_length=4000, required=False),
    }


def add_question(
    *,
    actor: Any,
    session: Session,
    text: str,
    kind: str = AssessmentQuestion.Kind.OPEN,
    options: Sequence[str] = (),
    answer_guide: str = "",
    position: int | None = None,
    revision: int | None = None,
) -> AssessmentQuestion:
    """Add an assessment question to a session. A multiple-choice question has 2-12 options."""
    problems = ValidationProblems()
    terms = _question_terms(kind, text, options, answer_guide, problems)
    problems.raise_if_any(_("The question was not added."))

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        question = AssessmentQuestion.objects.create(session=session, position=0, **terms)
        _place(list(session.questions.order_by("position", "id")), question, position)
        return question, {"what": "question_added", "session": session.pk, "question": question.pk}

    return _content_change(actor, session.module.package, revision, change)


def change_question(
    *,
    actor: Any,
    question: AssessmentQuestion,
    text: str,
    kind: str = AssessmentQuestion.Kind.OPEN,
    options: Sequence[str] = (),
    answer_guide: str = "",
    revision: int | None = None,
) -> AssessmentQuestion:
    """Change an assessment question."""
    problems = ValidationProblems()
    terms = _question_terms(kind, text, options, answer_guide, problems)
    problems.raise_if_any(_("The question was not changed."))
    fields = ("kind", "text", "options", "answer_guide")

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = snapshot(question, fields)
        for name, value in terms.items():
            setattr(question, name, value)
        question.save()
        diff = changes_between(before, snapshot(question, fields))
        return question, {"what": "question_changed", "question": question.pk, "changes": diff}

    return _content_change(actor, question.session.module.package, revision, change)


def remove_question(*, actor: Any, question: AssessmentQuestion, revision: int | None = None) -> None:
    """Remove an assessment question; the others of its session close up."""
    session = question.session

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        data = {"what": "question_removed", "session": session.pk, "question": question.pk, "text": question.text}
        question.delete()
        _renumber(session.questions.order_by("position", "id"))
        return None, data

    _content_change(actor, session.module.package, revision, change)


def move_question(
    *, actor: Any, question: AssessmentQuestion, position: int, revision: int | None = None
) -> AssessmentQuestion:
    """Put a question at `position` (1-based) among its session's questions."""
    session = question.session

    def change(locked: Package) -> tuple[Any, dict[str, Any]]:
        before = question.position
        _place(list(session.questions.order_by("position", "id")), question, position)
        return question, {"what": "question_moved", "question": question.pk, "position": [before, question.position]}

    return _content_change(actor, session.module.package, revision, change)


# --- images ----------------------------------------------------------------------------------------


def sniff_image(head: bytes) -> str | None:
    """The image format by its first bytes (never by the file name or the browser's word)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _measure(data: bytes, kind: str) -> tuple[int, int]:
    """Width and height, decoded by Pillow, which must agree on the format; refuses what it cannot read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if (image.format or "").lower() != kind:
                raise PackageRuleBroken(_("The file is not the image it claims to be."), field="file")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise PackageRuleBroken(_("The image has too many pixels."), field="file")
            image.verify()
    except PackageRuleBroken:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PackageRuleBroken(_("The image cannot be read; it may be damaged."), field="file") from None
    return width, height


def _without_metadata(data: bytes, kind: str) -> tuple[bytes, int, int]:
    """The image written again by Pillow, turned upright, without EXIF, XMP or text chunks: a phone
    photo of a training can carry where and when it was taken and the phone's serial number, which
    has no place in a book printed by the thousand (UU PDP: collect no more than is needed)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        options: dict[str, Any] = (
            {"icc_profile": opened.info.get("icc_profile")} if opened.info.get("icc_profile") else {}
        )
        output = io.BytesIO()
        if kind == "jpeg":
            image.save(output, "JPEG", quality=92, optimize=True, **options)
        elif kind == "webp":
            image.save(output, "WEBP", quality=92, **options)
        else:
            image.save(output, "PNG", optimize=True, **options)
        return output.getvalue(), image.width, image.height


def upload_image(*, actor: Any, package: Package, data: bytes, name: str = "", alt_text: str = "") -> ContentImage:
    """Store an image for a package's rich text: PNG, JPEG or WebP (checked by its bytes and decoded),
    at most 5 MB), written again without its metadata (_without_metadata). It is kept in private
    storage and served only through the package's image view.
    Records training.image_uploaded. Not a content change: the text that shows it is."""
    require(actor, perms.AUTHOR_PACKAGE, package.unit)
    if not data:
        raise PackageRuleBroken(_("Choose an image file."), field="file")
    if len(data) > MAX_IMAGE_BYTES:
        raise PackageRuleBroken(
            _("The image is %(size)s MB; at most 5 MB is accepted.") % {"size": f"{len(data) / 1048576:.1f}"},
            field="file",
        )
    kind = sniff_image(data[:16])
    if kind is None:
        raise PackageRuleBroken(_("Upload a PNG, JPEG or WebP image."), field="file")
    _measure(data, kind)
    data, width, height = _without_metadata(data, kind)
    problems = ValidationProblems()
    alt_text = _text(alt_text, "alt_text", problems, max_length=200, required=False)
    problems.raise_if_any(_("The image was not uploaded."))
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        image = ContentImage(
            package=package,
            content_type=IMAGE_TYPES[kind],
            width=width,
            height=height,
            sha256=digest,
            alt_text=alt_text,
            uploaded_by=actor,
        )
        # The stored name is ours: the uploaded name could carry a path or a misleading extension.
        extension = "jpg" if kind == "jpeg" else kind
        image.file.save(f"{digest[:16]}.{extension}", ContentFile(data), save=False)
        image.save()
        record_event(
            actor=actor,
            kind=events.IMAGE_UPLOADED,
            subject=image,
            unit=package.unit,
            object_label=(name or image.file.name)[:255],
            data={"package": package.pk, "bytes": len(data), "type": image.content_type, "sha256": digest},
        )
    return image


# --- stages ----------------------------------------------------------------------------------------


def stage_moves(actor: Any, package: Package) -> list[str]:
    """The stages the actor may move the package to from where it stands (no query for the scope
    beyond the actor's cached grants). Approval is offered only with training.release_edition; whether
    alignment allows it is checked when moving."""
    author = scope_of(actor, perms.AUTHOR_PACKAGE).covers(package.unit)
    release = scope_of(actor, perms.RELEASE_EDITION).covers(package.unit)
    stage = package.stage
    if stage == Stage.RELEASED:
        return [Stage.DRAFTING] if author else []
    index = STAGE_ORDER.index(stage)
    moves: list[str] = []
    if index + 1 < len(STAGE_ORDER):
        following = STAGE_ORDER[index + 1]
        if (following == Stage.APPROVED and release) or (following != Stage.APPROVED and author):
            moves.append(following)
    if stage == Stage.APPROVED:
        if author or release:
            moves.extend(reversed(STAGE_ORDER[:index]))
    elif author:
        moves.extend(reversed(STAGE_ORDER[:index]))
    return moves


def move_stage(*, actor: Any, package: Package, to_stage: str, note: str = "", revision: int | None = None) -> Package:
    """Move a package's draft to the next stage, or back to an earlier one with a note saying why.

    drafting → production_review → finalisation → alignment → approved, one step at a time. Approving
    needs training.release_edition and no alignment problem left; the other moves need
    training.author_package (from approved, either). `released` is set only by releasing an
    edition; from released a package can be moved back to drafting to start the next edition.
    Records training.stage_changed and a StageChange."""
    from serikat.training.alignment import check_alignment

    if not (
        scope_of(actor, perms.AUTHOR_PACKAGE).covers(package.unit)
        or scope_of(actor, perms.RELEASE_EDITION).covers(package.unit)
    ):
        require(actor, perms.AUTHOR_PACKAGE, package.unit)  # 404: out of scope for writing
    note = (note or "").strip()
    if to_stage not in Stage.values:
        raise PackageRuleBroken(_("Choose a stage."), field="to_stage")
    if to_stage == Stage.RELEASED:
        raise PackageRuleBroken(_("A package is released by releasing an edition, not by moving it."), field="to_stage")
    if len(note) > 300:
        raise PackageRuleBroken(_("At most 300 characters."), field="note")
    with transaction.atomic():
        locked = _lock(package, revision)
        locked.unit = package.unit
        if to_stage == locked.stage:
            raise PackageRuleBroken(_("The package is already at this stage."), field="to_stage")
        allowed = stage_moves(actor, locked)
        if to_stage not in allowed:
            if to_stage == Stage.APPROVED and locked.stage == Stage.ALIGNMENT:
                raise Forbidden(_("Approving a package needs the role that releases editions."))
            if locked.stage in STAGE_ORDER and to_stage in STAGE_ORDER and allowed:
                raise PackageRuleBroken(
                    _("A package moves forward one stage at a time (next: %(next)s).")
                    % {"next": Stage(allowed[0]).label},
                    field="to_stage",
                )
            raise Forbidden(_("Your roles do not allow this move."))
        backwards = locked.stage == Stage.RELEASED or STAGE_ORDER.index(to_stage) < STAGE_ORDER.index(locked.stage)
        if backwards and not note:
            raise PackageRuleBroken(_("Say why the package goes back (a note is required)."), field="note")
        if to_stage == Stage.APPROVED:
            problems = check_alignment(locked)
            if problems:
                raise PackageRuleBroken(
                    _("The package cannot be approved while alignment lists %(n)s problem(s) to fix.")
                    % {"n": len(problems)},
                    field="to_stage",
                )
        _record_stage(actor, locked, to_stage, note)
        locked.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    _refresh(package, locked)
    return package
