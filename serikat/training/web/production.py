"""Screens of the production process, mounted at /training/meetings/: the meetings list, a meeting's
page (participants by federation, inputs by kind and sector with the sections each shaped), the
forms that record and change them, and the trainer pool.

Every object named in a URL comes through an access_*() door (out of scope 404, visible but not
allowed 403); every write is one service call; actions on the meeting page post and redirect back.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any
from serikat.core.web.helpers import add_problems, scoped_view
from serikat.training import services_production as production
from serikat.training.access import access_input, access_input_link, access_meeting, access_participant
from serikat.training.models import Module, Package, Session
from serikat.training.selectors_production import meeting_detail, meeting_page, section_choices, trainer_rows
from serikat.training.web.production_forms import (
    CHOICES_LIMIT,
    InputForm,
    MeetingForm,
    ParticipantForm,
    TrainerForm,
    author_units,
    participant_units,
)

SECTION = "training"


def _meeting_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("training:meeting", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


def _visible_packages(actor: Any) -> list[Package]:
    rows = Package.objects.visible_to(actor, perms.VIEW_PACKAGE).order_by("title", "id")
    return list(rows.only("id", "title", "code", "unit_id")[:CHOICES_LIMIT])


# --- meetings ------------------------------------------------------------------------------------


@require_GET
@login_required
@scoped_view
def meetings(request: HttpRequest) -> HttpResponse:
    """The meetings the user may see, newest first, one page at a time."""
    rows, next_cursor = meeting_page(request.user, cursor=request.GET.get("after"))
    return render(
        request,
        "training/production/meetings.html",
        {
            "meetings": rows,
            "next_cursor": next_cursor,
            "can_record": has_any(request.user, perms.AUTHOR_PACKAGE),
            "can_see_trainers": has_any(request.user, perms.VIEW_PACKAGE),
            "section": SECTION,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Record a production-group meeting at a unit where the user may author packages."""
    actor = request.user
    units = author_units(actor)
    if not units:
        raise Forbidden(_("None of your roles lets you record production-group meetings."))
    form = MeetingForm(request.POST or None, units=units, packages=_visible_packages(actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = production.record_meeting(
                actor=actor,
                unit=form.chosen_unit(),
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                place=data["place"],
                summary=data["summary"],
                packages=form.chosen_packages(),
            )
        except (NotFound, Forbidden) as error:
            if not error.problems:
                raise
            add_problems(form, error)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The meeting was recorded. Add who took part and what they brought."))
            return redirect("training:meeting", meeting.pk)
    return render(request, "training/production/meeting_form.html", {"form": form, "section": SECTION})


@require_GET
@login_required
@scoped_view
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A meeting: what it was, who took part (by federation), what they brought (by kind and
    sector) and which sections each input shaped."""
    found = access_meeting(request.user, meeting_id)
    detail = meeting_detail(request.user, found)
    return render(
        request,
        "training/production/meeting.html",
        {"detail": detail, "meeting": found, "section": SECTION, "link_form_sections": detail.sections},
    )


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Correct a meeting's record and the packages it worked on."""
    actor = request.user
    found = access_meeting(actor, meeting_id, permission=perms.AUTHOR_PACKAGE)
    current = list(found.packages.values_list("pk", flat=True))
    initial = {
        "kind": found.kind,
        "title": found.title,
        "held_on": found.held_on,
        "place": found.place,
        "summary": found.summary,
        "packages": [str(pk) for pk in current],
    }
    packages = _visible_packages(actor)
    form = MeetingForm(request.POST or None, units=None, packages=packages, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            production.change_meeting(
                actor=actor,
                meeting=found,
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                place=data["place"],
                summary=data["summary"],
                packages=form.chosen_packages(),
            )
        except (NotFound, Forbidden) as error:
            if not error.problems:
                raise
            add_problems(form, error)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The meeting was changed."))
            return redirect("training:meeting", found.pk)
    return render(
        request, "training/production/meeting_form.html", {"form": form, "meeting": found, "section": SECTION}
    )


# --- participants --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def participant_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Add someone who took part, typed in or picked from the trainer pool."""
    actor = request.user
    found = access_meeting(actor, meeting_id, permission=perms.AUTHOR_PACKAGE)
    form = ParticipantForm(request.POST or None, trainers=trainer_rows(actor), units=participant_units(actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            production.add_participant(
                actor=actor,
                meeting=found,
                name=data["name"],
                role=data["role"],
                unit=form.chosen_unit(),
                sector=data["sector"],
                trainer=form.chosen_trainer(),
            )
        except (NotFound, Forbidden) as error:
            if not error.problems:
                raise
            add_problems(form, error)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The participant was added."))
            if "another" in request.POST:
                return redirect("training:meeting_participant_add", found.pk)
            return redirect(_meeting_url(found.pk, "participants"))
    return render(
        request, "training/production/participant_form.html", {"form": form, "meeting": found, "section": SECTION}
    )


@require_POST
@login_required
@scoped_view
def participant_remove(request: HttpRequest, participant_id: int) -> HttpResponse:
    """Take someone off a meeting's list."""
    participant = access_participant(request.user, participant_id, permission=perms.AUTHOR_PACKAGE)
    meeting_id = participant.meeting_id
    production.remove_participant(actor=request.user, participant=participant)
    messages.success(request, _("The participant was removed."))
    return redirect(_meeting_url(meeting_id, "participants"))


# --- inputs and links ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def input_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Record a need, an obstacle or an approach the meeting brought."""
    actor = request.user
    found = access_meeting(actor, meeting_id, permission=perms.AUTHOR_PACKAGE)
    participants = list(found.participants.order_by("name", "id"))
    form = InputForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = production.record_input(
                actor=actor,
                meeting=found,
                kind=data["kind"],
                text=data["text"],
                sector=data["sector"],
                raised_by=form.chosen_participant(),
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The input was recorded."))
            if "another" in request.POST:
                return redirect("training:meeting_input_record", found.pk)
            return redirect(_meeting_url(found.pk, f"input-{item.pk}"))
    return render(request, "training/production/input_form.html", {"form": form, "meeting": found, "section": SECTION})


def _section(meeting: Any, choice: str) -> tuple[Module | None, Session | None]:
    """The module or session a picker value ("m<id>", "s<id>") names among the meeting's packages."""
    packages = list(meeting.packages.all())
    _choices, modules, sessions = section_choices(packages)
    if not choice or choice[:1] not in ("m", "s") or not choice[1:].isdigit():
        return None, None
    pk = int(choice[1:])
    if choice[0] == "m":
        return next((m for m in modules if m.pk == pk), None), None
    session = next((s for s in sessions if s.pk == pk), None)
    return (session.module, session) if session is not None else (None, None)


@require_POST
@login_required
@scoped_view
def input_link(request: HttpRequest, input_id: int) -> HttpResponse:
    """Link an input to the section it shaped."""
    actor = request.user
    item = access_input(actor, input_id, permission=perms.AUTHOR_PACKAGE)
    module, session = _section(item.meeting, request.POST.get("section", ""))
    if module is None:
        messages.error(request, _("Choose a section of one of the meeting's packages."))
    else:
        try:
            production.link_input(actor=actor, input=item, module=module, session=session)
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The input is linked to the section."))
    return redirect(_meeting_url(item.meeting_id, f"input-{item.pk}"))


@require_POST
@login_required
@scoped_view
def input_unlink(request: HttpRequest, link_id: int) -> HttpResponse:
    """Withdraw a link between an input and a section."""
    link = access_input_link(request.user, link_id, permission=perms.AUTHOR_PACKAGE)
    meeting_id, input_id = link.input.meeting_id, link.input_id
    production.unlink_input(actor=request.user, link=link)
    messages.success(request, _("The link was removed."))
    return redirect(_meeting_url(meeting_id, f"input-{input_id}"))


# --- the trainer pool ----------------------------------------------------------------------------


@require_GET
@login_required
@scoped_view
def trainers(request: HttpRequest) -> HttpResponse:
    """The trainers of the units the user's grants cover."""
    return render(
        request,
        "training/production/trainers.html",
        {
            "trainers": trainer_rows(request.user),
            "limit": CHOICES_LIMIT,
            "can_record": has_any(request.user, perms.AUTHOR_PACKAGE),
            "section": SECTION,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@scoped_view
def trainer_create(request: HttpRequest) -> HttpResponse:
    """Add a trainer to the pool of a unit, optionally linked to the registry's member."""
    actor = request.user
    units = author_units(actor)
    if not units:
        raise Forbidden(_("None of your roles lets you keep the trainer pool."))
    form = TrainerForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            production.record_trainer(
                actor=actor,
                unit=form.chosen_unit(),
                name=data["name"],
                sector=data["sector"],
                ttm_completed_on=data["ttm_completed_on"],
                nik=data["nik"],
                kta_number=data["kta_number"],
            )
        except (NotFound, Forbidden) as error:
            if not error.problems:
                raise
            add_problems(form, error)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The trainer was added to the pool."))
            return redirect("training:trainers")
    return render(request, "training/production/trainer_form.html", {"form": form, "section": SECTION})
