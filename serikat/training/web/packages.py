"""Screens of training packages, mounted at /training/: the home list, a package's page (details,
objectives, modules and sessions, stage and its history, alignment problems), the section pages
where modules and sessions are written, and the forms of objectives, glossary and questions.

Every object named in a URL comes through an access_* door (modules, sessions) or through its
package's door and then the package's own rows (objectives, terms, questions, images): out of scope
is 404, readable but not writable 403. Every write is one service call; a refused save shows why on
the form and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.web.helpers import add_problems, scoped_view
from serikat.training import selectors_packages as selectors
from serikat.training import services_packages as services
from serikat.training.access import access_module, access_package, access_session
from serikat.training.models import Package
from serikat.training.web import packages_forms as forms

SECTION = "training"


def _render(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"training/packages/{template}", {"section": SECTION, **context})


def _upload_url(package: Package) -> str:
    return reverse("training:image_upload", args=[package.pk])


def _attempt(form: Any, call: Callable[[], Any]) -> Any:
    """Run a service call; a domain refusal lands on the form (scope refusals propagate: 404/403)."""
    try:
        return call()
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        add_problems(form, error)
        return None


def _act(request: HttpRequest, call: Callable[[], Any], done: str) -> None:
    """A button's action (remove, move): done or refused, said in a message on the next page."""
    try:
        call()
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)


def _one(queryset: Any, pk: Any) -> Any:
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise NotFound(_("Not found."))
    return row


# --- home and package ------------------------------------------------------------------------------


@require_GET
@login_required
@scoped_view
def home(request: HttpRequest) -> HttpResponse:
    """The packages the user may read, with stage, current edition, open threads and alignment."""
    rows = selectors.home_packages(request.user)
    return render(
        request,
        "training/home.html",
        {
            "packages": rows[: selectors.HOME_LIMIT],
            "more": len(rows) > selectors.HOME_LIMIT,
            "may_create": bool(selectors.author_units(request.user, limit=1)),
            "section": SECTION,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def package_create(request: HttpRequest) -> HttpResponse:
    """Start a package at a unit where the user may author."""
    units = selectors.author_units(request.user)
    if not units:
        raise Forbidden(_("None of your roles lets you write training packages."))
    form = forms.PackageCreateForm(request.POST or None, units=units, initial={"unit": str(units[0].pk)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        package = _attempt(
            form,
            lambda: services.create_package(
                actor=request.user,
                unit=form.units[data["unit"]],
                code=data["code"],
                title=data["title"],
                theme=data["theme"],
                audience=data["audience"],
                stated_minutes=data["stated_minutes"],
            ),
        )
        if package is not None:
            messages.success(request, _("The package was created. Add its objectives and modules."))
            return redirect("training:package", package.pk)
    return _render(request, "create.html", form=form)


@require_GET
@login_required
@scoped_view
def package(request: HttpRequest, package_id: int) -> HttpResponse:
    """A package: details, objectives, modules and sessions, stage and history, alignment."""
    package = access_package(request.user, package_id)
    page = selectors.package_page(request.user, package)
    return _render(request, "package.html", package=package, page=page, stages=selectors.stage_labels())


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def package_edit(request: HttpRequest, package_id: int) -> HttpResponse:
    """Details, summary, implementation guide and stated total duration."""
    package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)
    initial = {name: getattr(package, name) for name in services.PACKAGE_FIELDS}
    initial["revision"] = package.revision
    form = forms.PackageForm(request.POST or None, initial=initial, upload_url=_upload_url(package))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        done = _attempt(
            form, lambda: services.change_package(actor=request.user, package=package, revision=revision, **data)
        )
        if done is not None:
            messages.success(request, _("The package was saved."))
            return redirect("training:package", package.pk)
    return _render(request, "package_edit.html", package=package, form=form)


@require_POST
@login_required
@scoped_view
def stage_move(request: HttpRequest, package_id: int) -> HttpResponse:
    """Move the package's draft to another stage (the buttons on the package page)."""
    package = access_package(request.user, package_id)
    if not (selectors.can_author(request.user, package) or services.stage_moves(request.user, package)):
        package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)  # 403
    form = forms.StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a stage."))
    else:
        data = form.cleaned_data
        _act(
            request,
            lambda: services.move_stage(
                actor=request.user,
                package=package,
                to_stage=data["to_stage"],
                note=data["note"],
                revision=data["revision"],
            ),
            _("The stage was changed."),
        )
    return redirect(reverse("training:package", args=[package.pk]) + "#stage")


# --- objectives ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def objectives(request: HttpRequest, package_id: int) -> HttpResponse:
    """The package's learning objectives, to add, reword, reorder and remove."""
    package = access_package(request.user, package_id)
    may_write = selectors.can_author(request.user, package)
    if request.method == "POST" and not may_write:
        access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)  # 403
    form = forms.ObjectiveForm(request.POST or None, initial={"revision": package.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.add_objective(
                actor=request.user, package=package, text=data["text"], revision=data["revision"]
            ),
        )
        if done is not None:
            messages.success(request, _("The objective was added."))
            return redirect("training:objectives", package.pk)
    rows = list(package.objectives.order_by("position", "id"))
    return _render(request, "objectives.html", package=package, rows=rows, form=form, may_write=may_write)


def _objective(request: HttpRequest, package_id: int, objective_id: int) -> Any:
    package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)
    objective = _one(package.objectives.all(), objective_id)
    objective.package = package
    return package, objective


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def objective_edit(request: HttpRequest, package_id: int, objective_id: int) -> HttpResponse:
    package, objective = _objective(request, package_id, objective_id)
    form = forms.ObjectiveForm(request.POST or None, initial={"text": objective.text, "revision": package.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.change_objective(
                actor=request.user, objective=objective, text=data["text"], revision=data["revision"]
            ),
        )
        if done is not None:
            messages.success(request, _("The objective was saved."))
            return redirect("training:objectives", package.pk)
    return _render(request, "simple_form.html", package=package, form=form, title=_("Change an objective"))


@require_POST
@login_required
@scoped_view
def objective_remove(request: HttpRequest, package_id: int, objective_id: int) -> HttpResponse:
    package, objective = _objective(request, package_id, objective_id)
    form = forms.RemoveForm(request.POST)
    revision = form.cleaned_data["revision"] if form.is_valid() else 0
    _act(
        request,
        lambda: services.remove_objective(actor=request.user, objective=objective, revision=revision),
        _("The objective was removed."),
    )
    return redirect("training:objectives", package.pk)


@require_POST
@login_required
@scoped_view
def objective_move(request: HttpRequest, package_id: int, objective_id: int) -> HttpResponse:
    package, objective = _objective(request, package_id, objective_id)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _act(
            request,
            lambda: services.move_objective(
                actor=request.user, objective=objective, position=data["position"], revision=data["revision"]
            ),
            _("The objective was moved."),
        )
    return redirect(reverse("training:objectives", args=[package.pk]) + f"#objective-{objective.pk}")


# --- glossary --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def terms(request: HttpRequest, package_id: int) -> HttpResponse:
    """The package's glossary: terms used one way only, and the variants to avoid."""
    package = access_package(request.user, package_id)
    may_write = selectors.can_author(request.user, package)
    if request.method == "POST" and not may_write:
        access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)  # 403
    form = forms.TermForm(request.POST or None, initial={"revision": package.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.add_term(
                actor=request.user,
                package=package,
                term=data["term"],
                definition=data["definition"],
                variants=data["variants"],
                revision=data["revision"],
            ),
        )
        if done is not None:
            messages.success(request, _("The term was added."))
            return redirect("training:terms", package.pk)
    rows = list(package.terms.order_by("term"))
    return _render(request, "terms.html", package=package, rows=rows, form=form, may_write=may_write)


def _term(request: HttpRequest, package_id: int, term_id: int) -> Any:
    package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)
    term = _one(package.terms.all(), term_id)
    term.package = package
    return package, term


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def term_edit(request: HttpRequest, package_id: int, term_id: int) -> HttpResponse:
    package, term = _term(request, package_id, term_id)
    initial = {"term": term.term, "definition": term.definition, "variants": term.variants}
    form = forms.TermForm(request.POST or None, initial={**initial, "revision": package.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.change_term(
                actor=request.user,
                term=term,
                text=data["term"],
                definition=data["definition"],
                variants=data["variants"],
                revision=data["revision"],
            ),
        )
        if done is not None:
            messages.success(request, _("The term was saved."))
            return redirect("training:terms", package.pk)
    return _render(request, "simple_form.html", package=package, form=form, title=_("Change a glossary term"))


@require_POST
@login_required
@scoped_view
def term_remove(request: HttpRequest, package_id: int, term_id: int) -> HttpResponse:
    package, term = _term(request, package_id, term_id)
    form = forms.RemoveForm(request.POST)
    revision = form.cleaned_data["revision"] if form.is_valid() else 0
    _act(
        request,
        lambda: services.remove_term(actor=request.user, term=term, revision=revision),
        _("The term was removed."),
    )
    return redirect("training:terms", package.pk)


# --- modules ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def module_add(request: HttpRequest, package_id: int) -> HttpResponse:
    package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)
    form = forms.ModuleForm(
        request.POST or None, initial={"revision": package.revision}, upload_url=_upload_url(package)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        module = _attempt(
            form,
            lambda: services.add_module(
                actor=request.user,
                package=package,
                title=data["title"],
                introduction=data["introduction"],
                revision=data["revision"],
            ),
        )
        if module is not None:
            messages.success(request, _("The module was added. Add its sessions."))
            return redirect("training:module", module.pk)
    return _render(request, "simple_form.html", package=package, form=form, title=_("Add a module"), rich=True)


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def module(request: HttpRequest, module_id: int) -> HttpResponse:
    """A module's section page: its introduction in the editor, its sessions, review threads and
    accepted feedback."""
    module = access_module(request.user, module_id)
    package = module.package
    may_write = selectors.can_author(request.user, package)
    if request.method == "POST" and not may_write:
        access_module(request.user, module_id, permission=perms.AUTHOR_PACKAGE)  # 403
    initial = {"title": module.title, "introduction": module.introduction, "revision": package.revision}
    form = forms.ModuleForm(request.POST or None, initial=initial, upload_url=_upload_url(package))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.change_module(
                actor=request.user,
                module=module,
                title=data["title"],
                introduction=data["introduction"],
                revision=data["revision"],
            ),
        )
        if done is not None:
            messages.success(request, _("The module was saved."))
            return redirect("training:module", module.pk)
    return _render(
        request,
        "module.html",
        package=package,
        module=module,
        form=form,
        may_write=may_write,
        sessions=selectors.module_sessions(module),
        modules_count=package.modules.count(),
    )


@require_POST
@login_required
@scoped_view
def module_remove(request: HttpRequest, module_id: int) -> HttpResponse:
    module = access_module(request.user, module_id, permission=perms.AUTHOR_PACKAGE)
    form = forms.RemoveForm(request.POST)
    revision = form.cleaned_data["revision"] if form.is_valid() else 0
    try:
        services.remove_module(actor=request.user, module=module, revision=revision)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("training:module", module.pk)
    messages.success(request, _("The module was removed."))
    return redirect(reverse("training:package", args=[module.package_id]) + "#modules")


@require_POST
@login_required
@scoped_view
def module_move(request: HttpRequest, module_id: int) -> HttpResponse:
    module = access_module(request.user, module_id, permission=perms.AUTHOR_PACKAGE)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _act(
            request,
            lambda: services.move_module(
                actor=request.user, module=module, position=data["position"], revision=data["revision"]
            ),
            _("The module was moved."),
        )
    return redirect(reverse("training:package", args=[module.package_id]) + f"#module-{module.pk}")


# --- sessions --------------------------------------------------------------------------------------


def _session_form(request: HttpRequest, package: Package, initial: dict[str, Any]) -> forms.SessionForm:
    return forms.SessionForm(
        request.POST or None,
        initial=initial,
        objectives=list(package.objectives.order_by("position", "id")),
        upload_url=_upload_url(package),
    )


def _session_data(form: forms.SessionForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("revision")
    data["objectives"] = [int(pk) for pk in data["objectives"]]
    return data


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def session_add(request: HttpRequest, module_id: int) -> HttpResponse:
    module = access_module(request.user, module_id, permission=perms.AUTHOR_PACKAGE)
    package = module.package
    form = _session_form(request, package, {"revision": package.revision, "duration_minutes": 60})
    if request.method == "POST" and form.is_valid():
        revision = form.cleaned_data["revision"]
        session = _attempt(
            form,
            lambda: services.add_session(actor=request.user, module=module, revision=revision, **_session_data(form)),
        )
        if session is not None:
            messages.success(request, _("The session was added. Add its assessment questions."))
            return redirect("training:session", session.pk)
    return _render(request, "session_add.html", package=package, module=module, form=form, title=_("Add a session"))


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    """A session's section page: all its fields in one form, its assessment questions, review
    threads and accepted feedback."""
    session = access_session(request.user, session_id)
    module, package = session.module, session.module.package
    may_write = selectors.can_author(request.user, package)
    if request.method == "POST" and not may_write:
        access_session(request.user, session_id, permission=perms.AUTHOR_PACKAGE)  # 403
    initial = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    initial["objectives"] = [str(pk) for pk in session.objectives.values_list("pk", flat=True)]
    initial["revision"] = package.revision
    form = _session_form(request, package, initial)
    if request.method == "POST" and form.is_valid():
        revision = form.cleaned_data["revision"]
        done = _attempt(
            form,
            lambda: services.change_session(
                actor=request.user, session=session, revision=revision, **_session_data(form)
            ),
        )
        if done is not None:
            messages.success(request, _("The session was saved."))
            return redirect("training:session", session.pk)
    question_form = forms.QuestionForm(initial={"revision": package.revision}, auto_id="question_%s")
    return _render(
        request,
        "session.html",
        package=package,
        module=module,
        session=session,
        form=form,
        question_form=question_form,
        questions=selectors.session_questions(session),
        sessions_count=module.sessions.count(),
        may_write=may_write,
    )


@require_POST
@login_required
@scoped_view
def session_remove(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_session(request.user, session_id, permission=perms.AUTHOR_PACKAGE)
    form = forms.RemoveForm(request.POST)
    revision = form.cleaned_data["revision"] if form.is_valid() else 0
    try:
        services.remove_session(actor=request.user, session=session, revision=revision)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("training:session", session.pk)
    messages.success(request, _("The session was removed."))
    return redirect("training:module", session.module_id)


@require_POST
@login_required
@scoped_view
def session_move(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_session(request.user, session_id, permission=perms.AUTHOR_PACKAGE)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _act(
            request,
            lambda: services.move_session(
                actor=request.user, session=session, position=data["position"], revision=data["revision"]
            ),
            _("The session was moved."),
        )
    return redirect(reverse("training:module", args=[session.module_id]) + f"#session-{session.pk}")


# --- questions -------------------------------------------------------------------------------------


@require_POST
@login_required
@scoped_view
def question_add(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_session(request.user, session_id, permission=perms.AUTHOR_PACKAGE)
    package = session.module.package
    form = forms.QuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.add_question(
                actor=request.user,
                session=session,
                kind=data["kind"],
                text=data["text"],
                options=form.option_list(),
                answer_guide=data["answer_guide"],
                revision=data["revision"],
            ),
        )
        if done is not None:
            messages.success(request, _("The question was added."))
            return redirect(reverse("training:session", args=[session.pk]) + "#questions")
    return _render(request, "simple_form.html", package=package, form=form, title=_("Add an assessment question"))


def _question(request: HttpRequest, session_id: int, question_id: int) -> Any:
    session = access_session(request.user, session_id, permission=perms.AUTHOR_PACKAGE)
    question = _one(session.questions.all(), question_id)
    question.session = session
    return session, question


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def question_edit(request: HttpRequest, session_id: int, question_id: int) -> HttpResponse:
    session, question = _question(request, session_id, question_id)
    package = session.module.package
    initial = {
        "kind": question.kind,
        "text": question.text,
        "options": "\n".join(question.options or []),
        "answer_guide": question.answer_guide,
        "revision": package.revision,
    }
    form = forms.QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.change_question(
                actor=request.user,
                question=question,
                kind=data["kind"],
                text=data["text"],
                options=form.option_list(),
                answer_guide=data["answer_guide"],
                revision=data["revision"],
            ),
        )
        if done is not None:
            messages.success(request, _("The question was saved."))
            return redirect(reverse("training:session", args=[session.pk]) + "#questions")
    return _render(request, "simple_form.html", package=package, form=form, title=_("Change an assessment question"))


@require_POST
@login_required
@scoped_view
def question_remove(request: HttpRequest, session_id: int, question_id: int) -> HttpResponse:
    session, question = _question(request, session_id, question_id)
    form = forms.RemoveForm(request.POST)
    revision = form.cleaned_data["revision"] if form.is_valid() else 0
    _act(
        request,
        lambda: services.remove_question(actor=request.user, question=question, revision=revision),
        _("The question was removed."),
    )
    return redirect(reverse("training:session", args=[session.pk]) + "#questions")


@require_POST
@login_required
@scoped_view
def question_move(request: HttpRequest, session_id: int, question_id: int) -> HttpResponse:
    session, question = _question(request, session_id, question_id)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _act(
            request,
            lambda: services.move_question(
                actor=request.user, question=question, position=data["position"], revision=data["revision"]
            ),
            _("The question was moved."),
        )
    return redirect(reverse("training:session", args=[session.pk]) + "#questions")


# --- images ----------------------------------------------------------------------------------------


@require_POST
@login_required
@scoped_view
def image_upload(request: HttpRequest, package_id: int) -> HttpResponse:
    """The editor's image upload: answers JSON with the image's address, or the problem (400)."""
    package = access_package(request.user, package_id, permission=perms.AUTHOR_PACKAGE)
    form = forms.ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"error": _("Choose an image file.")}, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > services.MAX_IMAGE_BYTES:
        return JsonResponse({"error": _("The image is larger than 5 MB.")}, status=400)
    try:
        image = services.upload_image(
            actor=request.user,
            package=package,
            data=upload.read(),
            name=upload.name or "",
            alt_text=form.cleaned_data["alt_text"],
        )
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    from serikat.training.richtext import image_url

    return JsonResponse({"url": image_url(package.pk, image.pk), "alt": image.alt_text}, status=201)


@require_GET
@login_required
@scoped_view
def image(request: HttpRequest, package_id: int, image_id: int) -> HttpResponse:
    """An image of a package, for those who may read the package (never a public address)."""
    package = access_package(request.user, package_id)
    row = _one(package.images.all(), image_id)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Not found.")) from None
    response = FileResponse(handle, content_type=row.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
