"""REST endpoints of training packages: packages, objectives, glossary terms, modules, sessions and
assessment questions; stage moves and alignment (docs/training.md, sections 2 and 3).

Reading reaches up the tree (training.view_package); writing needs training.author_package over the
owning unit, approving training.release_edition. Every write may carry `revision`, the package
revision the client's edit is based on: a stale one is refused with 409 `stale-revision` and
changes nothing. Lists are keyset pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from serikat.core import permissions as perms
from serikat.core.api import PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import DomainError, NotFound
from serikat.organisation.access import access_unit
from serikat.training import services_packages as services
from serikat.training.access import access_module, access_package, access_session
from serikat.training.alignment import check_alignment
from serikat.training.models import LearningObjective, Module, Package, Session
from serikat.training.schemas_packages import (
    AlignmentOut,
    ModuleIn,
    ModuleOut,
    ModulePatch,
    ObjectiveIn,
    ObjectiveOut,
    ObjectivePatch,
    PackageIn,
    PackageOut,
    PackagePatch,
    QuestionIn,
    QuestionOut,
    QuestionPatch,
    SessionIn,
    SessionOut,
    SessionPatch,
    StageIn,
    TermIn,
    TermOut,
)

router = Router(tags=["training packages"])


class OneThingAtATime(DomainError):
    code = "one-change-at-a-time"


def _only_move_or_change(position: Any, other: dict[str, Any]) -> None:
    if position is not None and any(value is not None for value in other.values()):
        raise OneThingAtATime(_("Move or change in one request, not both."), field="body.position")


def _package(request: HttpRequest, package_id: int, permission: str = perms.VIEW_PACKAGE) -> Package:
    return access_package(actor_of(request), package_id, permission=permission)


def _row(queryset: QuerySet, pk: int) -> Any:
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise NotFound(_("Not found."))
    return row


def _term_dict(term: Any) -> dict[str, Any]:
    return {
        "id": term.pk,
        "package_id": term.package_id,
        "term": term.term,
        "definition": term.definition,
        "variants": term.variant_list(),
    }


def _session_dict(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "module": session.module_id,
        "position": session.position,
        "title": session.title,
        "duration_minutes": session.duration_minutes,
        "method": session.method,
        "objectives": sorted(o.pk for o in session.objectives.all()),
        "activities": session.activities,
        "materials": session.materials,
        "handout": session.handout,
        "facilitator_notes": session.facilitator_notes,
    }


def _fresh_session(pk: int) -> dict[str, Any]:
    return _session_dict(Session.objects.prefetch_related("objectives").get(pk=pk))


# --- packages --------------------------------------------------------------------------------------


@router.get("/training/packages", response={200: page_of(PackageOut), **errors(422)}, summary="List packages")
def list_packages(request: HttpRequest, page: Query[PageParams]) -> Any:
    """The packages you may read (those of your units and of the units above them), oldest first."""
    rows = Package.objects.visible_to(actor_of(request), perms.VIEW_PACKAGE).select_related("unit")
    return keyset_page(request, rows, order=("id",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/packages",
    response={201: PackageOut, **errors(400, 403, 404, 422)},
    summary="Create a package",
    description="Starts a package owned by `unit`, in drafting. Needs training.author_package there.",
)
def create_package(request: HttpRequest, payload: PackageIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.AUTHOR_PACKAGE)
    package = services.create_package(actor=actor, unit=unit, **payload.dict(exclude={"unit"}))
    return Status(201, package)


@router.get("/training/packages/{int:package_id}", response={200: PackageOut, **errors(404)}, summary="Get a package")
def get_package(request: HttpRequest, package_id: int) -> Any:
    return _package(request, package_id)


@router.patch(
    "/training/packages/{int:package_id}",
    response={200: PackageOut, **errors(400, 403, 404, 409, 422)},
    summary="Change a package",
    description="Details, summary, implementation guide, stated total minutes: only the fields sent change.",
)
def update_package(request: HttpRequest, package_id: int, payload: PackagePatch) -> Any:
    package = _package(request, package_id, perms.AUTHOR_PACKAGE)
    data = payload.dict(exclude={"revision", "clear_stated_minutes"}, exclude_none=True)
    if payload.clear_stated_minutes:
        data["stated_minutes"] = None
    return services.change_package(actor=actor_of(request), package=package, revision=payload.revision, **data)


@router.post(
    "/training/packages/{int:package_id}/stage",
    response={200: PackageOut, **errors(400, 403, 404, 409, 422)},
    summary="Move a package to another stage",
    description="One stage forward, or back with a note. Approving needs training.release_edition and no "
    "alignment problem; `released` comes only from releasing an edition.",
)
def move_package_stage(request: HttpRequest, package_id: int, payload: StageIn) -> Any:
    actor = actor_of(request)
    package = _package(request, package_id)
    if not services.stage_moves(actor, package):
        package = _package(request, package_id, perms.AUTHOR_PACKAGE)  # 403 for readers
    return services.move_stage(
        actor=actor, package=package, to_stage=payload.to_stage, note=payload.note, revision=payload.revision
    )


@router.get(
    "/training/packages/{int:package_id}/alignment",
    response={200: AlignmentOut, **errors(404)},
    summary="Alignment problems of a package",
)
def get_alignment(request: HttpRequest, package_id: int) -> Any:
    """What to fix before approval; an empty list means the package can be approved."""
    package = _package(request, package_id)
    problems = check_alignment(package)
    return {
        "package": package.pk,
        "revision": package.revision,
        "can_be_approved": not problems,
        "problems": [problem.__dict__ for problem in problems],
    }


# --- objectives ------------------------------------------------------------------------------------


@router.get(
    "/training/packages/{int:package_id}/objectives",
    response={200: page_of(ObjectiveOut), **errors(404, 422)},
    summary="List a package's objectives",
)
def list_objectives(request: HttpRequest, package_id: int, page: Query[PageParams]) -> Any:
    package = _package(request, package_id)
    rows = LearningObjective.objects.filter(package=package)
    return keyset_page(request, rows, order=("position", "id"), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/packages/{int:package_id}/objectives",
    response={201: ObjectiveOut, **errors(400, 403, 404, 409, 422)},
    summary="Add an objective",
)
def create_objective(request: HttpRequest, package_id: int, payload: ObjectiveIn) -> Any:
    package = _package(request, package_id, perms.AUTHOR_PACKAGE)
    objective = services.add_objective(
        actor=actor_of(request),
        package=package,
        text=payload.text,
        position=payload.position,
        revision=payload.revision,
    )
    return Status(201, objective)


def _objective(request: HttpRequest, package_id: int, objective_id: int) -> LearningObjective:
    package = _package(request, package_id, perms.AUTHOR_PACKAGE)
    objective = _row(package.objectives.all(), objective_id)
    objective.package = package
    return objective


@router.patch(
    "/training/packages/{int:package_id}/objectives/{int:objective_id}",
    response={200: ObjectiveOut, **errors(400, 403, 404, 409, 422)},
    summary="Reword or move an objective",
)
def update_objective(request: HttpRequest, package_id: int, objective_id: int, payload: ObjectivePatch) -> Any:
    objective = _objective(request, package_id, objective_id)
    _only_move_or_change(payload.position, {"text": payload.text})
    actor = actor_of(request)
    if payload.position is not None:
        return services.move_objective(
            actor=actor, objective=objective, position=payload.position, revision=payload.revision
        )
    return services.change_objective(
        actor=actor, objective=objective, text=payload.text or "", revision=payload.revision
    )


@router.delete(
    "/training/packages/{int:package_id}/objectives/{int:objective_id}",
    response={204: None, **errors(400, 403, 404, 409)},
    summary="Remove an objective",
)
def delete_objective(request: HttpRequest, package_id: int, objective_id: int, revision: int | None = None) -> Any:
    objective = _objective(request, package_id, objective_id)
    services.remove_objective(actor=actor_of(request), objective=objective, revision=revision)
    return Status(204, None)


# --- glossary --------------------------------------------------------------------------------------


@router.get(
    "/training/packages/{int:package_id}/terms",
    response={200: page_of(TermOut), **errors(404, 422)},
    summary="List a package's glossary",
)
def list_terms(request: HttpRequest, package_id: int, page: Query[PageParams]) -> Any:
    package = _package(request, package_id)
    answer = keyset_page(request, package.terms.all(), order=("term", "id"), cursor=page.cursor, limit=page.limit)
    answer["items"] = [_term_dict(term) for term in answer["items"]]
    return answer


@router.post(
    "/training/packages/{int:package_id}/terms",
    response={201: TermOut, **errors(400, 403, 404, 409, 422)},
    summary="Add a glossary term",
)
def create_term(request: HttpRequest, package_id: int, payload: TermIn) -> Any:
    package = _package(request, package_id, perms.AUTHOR_PACKAGE)
    term = services.add_term(
        actor=actor_of(request),
        package=package,
        term=payload.term,
        definition=payload.definition,
        variants="\n".join(payload.variants),
        revision=payload.revision,
    )
    return Status(201, _term_dict(term))


def _term(request: HttpRequest, package_id: int, term_id: int) -> Any:
    package = _package(request, package_id, perms.AUTHOR_PACKAGE)
    term = _row(package.terms.all(), term_id)
    term.package = package
    return term


@router.put(
    "/training/packages/{int:package_id}/terms/{int:term_id}",
    response={200: TermOut, **errors(400, 403, 404, 409, 422)},
    summary="Replace a glossary term",
)
def update_term(request: HttpRequest, package_id: int, term_id: int, payload: TermIn) -> Any:
    term = _term(request, package_id, term_id)
    term = services.change_term(
        actor=actor_of(request),
        term=term,
        text=payload.term,
        definition=payload.definition,
        variants="\n".join(payload.variants),
        revision=payload.revision,
    )
    return _term_dict(term)


@router.delete(
    "/training/packages/{int:package_id}/terms/{int:term_id}",
    response={204: None, **errors(400, 403, 404, 409)},
    summary="Remove a glossary term",
)
def delete_term(request: HttpRequest, package_id: int, term_id: int, revision: int | None = None) -> Any:
    term = _term(request, package_id, term_id)
    services.remove_term(actor=actor_of(request), term=term, revision=revision)
    return Status(204, None)


# --- modules ---------------------------------------------------------------------------------------


@router.get(
    "/training/packages/{int:package_id}/modules",
    response={200: page_of(ModuleOut), **errors(404, 422)},
    summary="List a package's modules",
)
def list_modules(request: HttpRequest, package_id: int, page: Query[PageParams]) -> Any:
    package = _package(request, package_id)
    rows = Module.objects.filter(package=package)
    return keyset_page(request, rows, order=("position", "id"), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/packages/{int:package_id}/modules",
    response={201: ModuleOut, **errors(400, 403, 404, 409, 422)},
    summary="Add a module",
)
def create_module(request: HttpRequest, package_id: int, payload: ModuleIn) -> Any:
    package = _package(request, package_id, perms.AUTHOR_PACKAGE)
    module = services.add_module(actor=actor_of(request), package=package, **payload.dict())
    return Status(201, module)


@router.get("/training/modules/{int:module_id}", response={200: ModuleOut, **errors(404)}, summary="Get a module")
def get_module(request: HttpRequest, module_id: int) -> Any:
    return access_module(actor_of(request), module_id)


@router.patch(
    "/training/modules/{int:module_id}",
    response={200: ModuleOut, **errors(400, 403, 404, 409, 422)},
    summary="Change or move a module",
)
def update_module(request: HttpRequest, module_id: int, payload: ModulePatch) -> Any:
    actor = actor_of(request)
    module = access_module(actor, module_id, permission=perms.AUTHOR_PACKAGE)
    _only_move_or_change(payload.position, {"title": payload.title, "introduction": payload.introduction})
    if payload.position is not None:
        return services.move_module(actor=actor, module=module, position=payload.position, revision=payload.revision)
    return services.change_module(
        actor=actor,
        module=module,
        title=module.title if payload.title is None else payload.title,
        introduction=module.introduction if payload.introduction is None else payload.introduction,
        revision=payload.revision,
    )


@router.delete(
    "/training/modules/{int:module_id}",
    response={204: None, **errors(400, 403, 404, 409)},
    summary="Remove a module with its sessions",
)
def delete_module(request: HttpRequest, module_id: int, revision: int | None = None) -> Any:
    actor = actor_of(request)
    module = access_module(actor, module_id, permission=perms.AUTHOR_PACKAGE)
    services.remove_module(actor=actor, module=module, revision=revision)
    return Status(204, None)


# --- sessions --------------------------------------------------------------------------------------


@router.get(
    "/training/modules/{int:module_id}/sessions",
    response={200: page_of(SessionOut), **errors(404, 422)},
    summary="List a module's sessions",
)
def list_sessions(request: HttpRequest, module_id: int, page: Query[PageParams]) -> Any:
    module = access_module(actor_of(request), module_id)
    rows = Session.objects.filter(module=module).prefetch_related(
        Prefetch("objectives", queryset=LearningObjective.objects.only("id"))
    )
    answer = keyset_page(request, rows, order=("position", "id"), cursor=page.cursor, limit=page.limit)
    answer["items"] = [_session_dict(session) for session in answer["items"]]
    return answer


@router.post(
    "/training/modules/{int:module_id}/sessions",
    response={201: SessionOut, **errors(400, 403, 404, 409, 422)},
    summary="Add a session",
)
def create_session(request: HttpRequest, module_id: int, payload: SessionIn) -> Any:
    actor = actor_of(request)
    module = access_module(actor, module_id, permission=perms.AUTHOR_PACKAGE)
    session = services.add_session(actor=actor, module=module, **payload.dict())
    return Status(201, _fresh_session(session.pk))


@router.get("/training/sessions/{int:session_id}", response={200: SessionOut, **errors(404)}, summary="Get a session")
def get_session(request: HttpRequest, session_id: int) -> Any:
    return _session_dict(access_session(actor_of(request), session_id))


@router.patch(
    "/training/sessions/{int:session_id}",
    response={200: SessionOut, **errors(400, 403, 404, 409, 422)},
    summary="Change or move a session",
    description="Either a change of fields (only those sent) or a move (`position`, optionally `module`).",
)
def update_session(request: HttpRequest, session_id: int, payload: SessionPatch) -> Any:
    actor = actor_of(request)
    session = access_session(actor, session_id, permission=perms.AUTHOR_PACKAGE)
    fields = payload.dict(exclude={"revision", "module", "position", "objectives"}, exclude_none=True)
    moving = payload.position is not None or payload.module is not None
    _only_move_or_change(1 if moving else None, {**fields, "objectives": payload.objectives})
    if moving:
        target = None
        if payload.module is not None:
            target = resolve("body.module", access_module, actor, payload.module, permission=perms.AUTHOR_PACKAGE)
        services.move_session(
            actor=actor, session=session, module=target, position=payload.position, revision=payload.revision
        )
    else:
        services.change_session(
            actor=actor, session=session, revision=payload.revision, objectives=payload.objectives, **fields
        )
    return _fresh_session(session.pk)


@router.delete(
    "/training/sessions/{int:session_id}",
    response={204: None, **errors(400, 403, 404, 409)},
    summary="Remove a session with its questions",
)
def delete_session(request: HttpRequest, session_id: int, revision: int | None = None) -> Any:
    actor = actor_of(request)
    session = access_session(actor, session_id, permission=perms.AUTHOR_PACKAGE)
    services.remove_session(actor=actor, session=session, revision=revision)
    return Status(204, None)


# --- questions -------------------------------------------------------------------------------------


@router.get(
    "/training/sessions/{int:session_id}/questions",
    response={200: page_of(QuestionOut), **errors(404, 422)},
    summary="List a session's assessment questions",
)
def list_questions(request: HttpRequest, session_id: int, page: Query[PageParams]) -> Any:
    session = access_session(actor_of(request), session_id)
    return keyset_page(request, session.questions.all(), order=("position", "id"), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/sessions/{int:session_id}/questions",
    response={201: QuestionOut, **errors(400, 403, 404, 409, 422)},
    summary="Add an assessment question",
)
def create_question(request: HttpRequest, session_id: int, payload: QuestionIn) -> Any:
    actor = actor_of(request)
    session = access_session(actor, session_id, permission=perms.AUTHOR_PACKAGE)
    question = services.add_question(actor=actor, session=session, **payload.dict())
    return Status(201, question)


def _question(request: HttpRequest, session_id: int, question_id: int) -> Any:
    session = access_session(actor_of(request), session_id, permission=perms.AUTHOR_PACKAGE)
    question = _row(session.questions.all(), question_id)
    question.session = session
    return question


@router.patch(
    "/training/sessions/{int:session_id}/questions/{int:question_id}",
    response={200: QuestionOut, **errors(400, 403, 404, 409, 422)},
    summary="Change or move an assessment question",
)
def update_question(request: HttpRequest, session_id: int, question_id: int, payload: QuestionPatch) -> Any:
    question = _question(request, session_id, question_id)
    fields = payload.dict(exclude={"revision", "position"}, exclude_none=True)
    _only_move_or_change(payload.position, fields)
    actor = actor_of(request)
    if payload.position is not None:
        return services.move_question(
            actor=actor, question=question, position=payload.position, revision=payload.revision
        )
    current = {
        "kind": question.kind,
        "text": question.text,
        "options": question.options,
        "answer_guide": question.answer_guide,
    }
    return services.change_question(actor=actor, question=question, revision=payload.revision, **{**current, **fields})


@router.delete(
    "/training/sessions/{int:session_id}/questions/{int:question_id}",
    response={204: None, **errors(400, 403, 404, 409)},
    summary="Remove an assessment question",
)
def delete_question(request: HttpRequest, session_id: int, question_id: int, revision: int | None = None) -> Any:
    question = _question(request, session_id, question_id)
    services.remove_question(actor=actor_of(request), question=question, revision=revision)
    return Status(204, None)
