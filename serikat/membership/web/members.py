"""Screens of the member registry: the list (search, filters, export), a member's page, registering,
the lifecycle forms, transfers (mutasi) and dual-membership conflicts.

Each view: parse, fetch through access_*, one selector or service call, render. Refusals from
access_* become 404/403 through scoped_view; refusals from services are shown on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from serikat.audit.web.kinds import kind_label
from serikat.core import permissions as perms
from serikat.core.errors import DomainError, Forbidden, NotFound
from serikat.core.scoping import has_any, scope_of
from serikat.core.web.helpers import add_problems, is_htmx, scoped_view
from serikat.membership import exports, selectors, services
from serikat.membership.access import (
    access_conflict,
    access_member,
    access_membership,
    access_transfer,
    access_transfer_destination,
)
from serikat.membership.models import Member, Membership, MembershipConflict
from serikat.membership.nik import database_region_index, parse_nik
from serikat.membership.web import forms
from serikat.organisation.access import access_unit_by_code
from serikat.organisation.models import Gender, Region, Unit

SECTION = "members"


def _member_url(membership: Membership) -> str:
    return reverse("membership:member", args=[membership.pk])


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit: str,
    cancel: str,
    membership: Membership | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The one layout of the simple member forms: back link, title, optional intro, fields, buttons."""
    context = {
        "form": form,
        "title": title,
        "submit_label": submit,
        "cancel_url": cancel,
        "membership": membership,
        "section": SECTION,
    }
    context.update(extra)
    return render(request, "membership/members/form.html", context, status=status)


def _posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one: a confirmation has no fields), else None."""
    return request.POST if request.method == "POST" else None


def _after(request: HttpRequest) -> int | None:
    try:
        value = int(request.GET.get("after", ""))
    except ValueError:
        return None
    return value if value > 0 else None


def _parse_filters(
    request: HttpRequest, permission: str
) -> tuple[forms.MemberFilterForm, selectors.MemberFilters | None]:
    """The list's filters from the query string; the unit code is resolved within the actor's scope
    for `permission`, so a code out of scope reads exactly like one that does not exist."""
    form = forms.MemberFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    unit = None
    code = form.cleaned_data.get("unit") or ""
    if code:
        try:
            unit = access_unit_by_code(request.user, code, permission=permission)
        except NotFound:
            form.add_error("unit", _("No unit with this code among yours."))
            return form, None
    return form, form.filters(unit)


def _filter_query(form: forms.MemberFilterForm) -> str:
    """The current filters as a query string (without the page), for the export and the first page."""
    pairs = [(name, form.data.get(name, "")) for name in form.fields]
    return urlencode([(name, value) for name, value in pairs if value])


def _default_unit_code(actor: Any, permission: str) -> str:
    """Prefill a unit code when the actor works at exactly one plant union for `permission`."""
    scope = scope_of(actor, permission)
    if len(scope.paths) != 1:
        return ""
    unit = Unit.objects.filter(path=scope.paths[0]).select_related("level").first()
    return unit.code if unit is not None and unit.level.is_plant else ""


# --- the list ---------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def member_list(request: HttpRequest) -> HttpResponse:
    """Members in scope, newest first, 50 at a time (keyset, no count). One search box reads a NIK,
    a KTA number, a phone number or a name (misspellings forgiven); filters narrow the list."""
    actor = request.user
    if not has_any(actor, perms.VIEW_MEMBER):
        raise Forbidden(_("None of your roles lets you see members."))
    form, filters = _parse_filters(request, perms.VIEW_MEMBER)
    page = (
        selectors.member_page(actor, filters, after=_after(request), limit=selectors.PAGE_SIZE)
        if filters is not None
        else None
    )
    if page is not None:
        _prepare_rows(page.rows)
    context = {
        "form": form,
        "page": page,
        "paged": _after(request) is not None,
        "filter_query": _filter_query(form),
        "filtered": form.is_bound and not form.errors and form.is_filtered(),
        "may_register": has_any(actor, perms.CHANGE_MEMBER),
        "may_export": has_any(actor, perms.EXPORT_MEMBERS),
        "may_transfer": has_any(actor, perms.TRANSFER_MEMBER),
        "section": SECTION,
    }
    wants_partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    template = "membership/members/_results.html" if wants_partial else "membership/members/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


STATUS_BADGES = {"active": "badge-ok", "applicant": "badge-info"}


def _prepare_rows(rows: list[Membership]) -> None:
    """Labels and links of the list's rows, worked out once per page rather than by template tags
    per row (a page of 50 renders in a few milliseconds)."""
    statuses = {value: str(label) for value, label in Membership.Status.choices}
    genders = {value: str(label) for value, label in Gender.choices}
    initials = {"F": pgettext("initial of female", "F"), "M": pgettext("initial of male", "M")}
    link = reverse("membership:member", args=[0])[: -len("0/")]
    for row in rows:
        row.url = f"{link}{row.pk}/"
        row.status_label = statuses.get(row.status, row.status)
        row.status_class = STATUS_BADGES.get(row.status, "badge-warn")
        row.gender_label = genders.get(row.member.gender, "")
        row.gender_initial = initials.get(row.member.gender, "")
        row.joined_label = date_format(row.joined_on, "j M Y")


@login_required
@require_POST
@scoped_view
def member_export(request: HttpRequest) -> HttpResponse:
    """The list under the current filters (query string) as CSV or xlsx; audited before it streams."""
    actor = request.user
    if not has_any(actor, perms.EXPORT_MEMBERS):
        raise Forbidden(_("None of your roles lets you export member lists."))
    form, filters = _parse_filters(request, perms.EXPORT_MEMBERS)
    choice = forms.ExportForm(request.POST)
    if filters is None or not choice.is_valid():
        if not choice.is_valid():
            form.add_error(None, _("Choose CSV or Excel."))
        context = {
            "form": form,
            "page": None,
            "filter_query": _filter_query(form),
            "filtered": True,
            "may_export": True,
            "section": SECTION,
        }
        return render(request, "membership/members/list.html", context, status=400)
    export = exports.export_members(actor, filters, choice.cleaned_data["format"])
    response = StreamingHttpResponse(export.chunks, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Row-Count"] = str(export.row_count)
    response["Cache-Control"] = "no-store"
    return response


# --- one member -------------------------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's page, reached through one of their memberships (the one in focus)."""
    membership = access_membership(request.user, pk)
    page = selectors.member_detail(request.user, membership)
    for event in page.history:
        event.kind_label = kind_label(event.kind)
        event.detail = _event_detail(event)
    methods = dict(forms.CONSENT_METHODS)
    purposes = dict(forms.CONSENT_PURPOSES)
    context = {
        "page": page,
        "membership": membership,
        "member": membership.member,
        "consent_method": methods.get(membership.consent_method, membership.consent_method),
        "consent_purposes": [purposes.get(p, p) for p in membership.consent_purposes or []],
        "section": SECTION,
    }
    return render(request, "membership/members/member.html", context)


def _event_detail(event: Any) -> str:
    """One line about an event of the member's history: a reason, a KTA number, or what changed."""
    data, changes = event.data or {}, event.changes or {}
    if event.kind == "membership.membership_ended":
        return (
            str(Membership.EndReason(data["reason"]).label) if data.get("reason") in Membership.EndReason.values else ""
        )
    if data.get("reason"):
        return str(data["reason"])
    if "kta_number" in changes and changes["kta_number"][1]:
        return _("KTA %(number)s") % {"number": changes["kta_number"][1]}
    if changes:
        labels = {f.name: str(f.verbose_name) for f in [*Member._meta.fields, *Membership._meta.fields]}
        return ", ".join(labels.get(name, name) for name in sorted(changes))
    return ""


@login_required
@require_GET
@scoped_view
def member_of_person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person (by member id) opens on their newest membership that the actor may see."""
    member = access_member(request.user, pk)
    membership = selectors.visible_memberships(request.user).filter(member=member).order_by("-joined_on", "-pk").first()
    if membership is None:  # pragma: no cover - access_member found one a moment ago
        raise NotFound(_("Not found."))
    return redirect(_member_url(membership))


# --- registering ------------------------------------------------------------------------------


def _unit_for_form(request: HttpRequest, code: str, permission: str) -> Unit | None:
    if not code:
        return None
    try:
        return access_unit_by_code(request.user, code.strip(), permission=permission)
    except NotFound:
        return None


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def member_register(request: HttpRequest) -> HttpResponse:
    """An application to join a union. The workplace choices follow the unit code (htmx reloads them)."""
    actor = request.user
    if not has_any(actor, perms.CHANGE_MEMBER):
        raise Forbidden(_("None of your roles lets you register members."))
    source = request.POST if request.method == "POST" else request.GET
    code = (source.get("unit") or "").strip() or _default_unit_code(actor, perms.CHANGE_MEMBER)
    unit = _unit_for_form(request, code, perms.CHANGE_MEMBER)
    form = forms.RegisterForm(_posted(request), initial={"unit": code})
    form.set_workplaces(selectors.workplace_links_of(unit) if unit is not None else [])
    if request.method == "POST" and form.is_valid():
        if unit is None:
            form.add_error("unit", _("No unit with this code where you may register members."))
        else:
            data = form.cleaned_data
            try:
                membership = services.register_member(
                    actor=actor,
                    unit=unit,
                    nik=data["nik"],
                    full_name=data["full_name"],
                    joined_on=data["joined_on"],
                    gender=data["gender"] or None,
                    birth_date=data["birth_date"],
                    birth_place=data["birth_place"],
                    phone=data["phone"],
                    email=data["email"],
                    address=data["address"],
                    region=data["region"],
                    **form.employment(),
                )
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s applied to join %(unit)s. Activate the membership once it is verified.")
                    % {"name": membership.member.full_name, "unit": unit.name},
                )
                if MembershipConflict.objects.filter(Q(first=membership) | Q(second=membership)).exists():
                    messages.warning(
                        request, _("This person is also a current member of another union: see “Dual membership”.")
                    )
                return redirect(_member_url(membership))
    context = {"form": form, "unit": unit, "section": SECTION}
    return render(request, "membership/members/register.html", context)


@login_required
@require_GET
@scoped_view
def nik_check(request: HttpRequest) -> HttpResponse:
    """Live message under the NIK field: what the NIK says, what is wrong with it, and whether the
    person is already among the actor's members (nothing is said about members out of scope)."""
    actor = request.user
    if not has_any(actor, perms.CHANGE_MEMBER):
        raise Forbidden(_("None of your roles lets you register members."))
    raw = request.GET.get("nik", "")[:40]
    result = parse_nik(raw, regions=database_region_index()) if raw.strip() else None
    known = None
    region = None
    if result is not None and result.facts is not None:
        region = Region.objects.filter(code__in=[result.facts.district_code, result.facts.regency_code]).order_by(
            "-code"
        )
        region = region.first()
        person = Member.objects.visible_to(actor, perms.VIEW_MEMBER).filter(nik=result.facts.nik).first()
        if person is not None:
            known = (
                selectors.visible_memberships(actor)
                .filter(member=person)
                .select_related("member", "unit")
                .order_by("-joined_on", "-pk")
                .first()
            )
    context = {"result": result, "known": known, "region": region}
    return render(request, "membership/members/_nik_check.html", context)


# --- changing a member ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access_membership(request.user, pk, permission=perms.CHANGE_MEMBER)
    member = membership.member
    form = forms.PersonForm(_posted(request), initial=forms.PersonForm.initial_from(member), region=member.region)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(actor=request.user, member=member, **form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The details of %(name)s were saved.") % {"name": member.full_name})
            return redirect(_member_url(membership))
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": member.full_name},
        submit=_("Save"),
        cancel=_member_url(membership),
        membership=membership,
        intro=_("The NIK %(nik)s cannot be changed: it is the person's identity.") % {"nik": member.nik},
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access_membership(request.user, pk, permission=perms.CHANGE_MEMBER)
    form = forms.MembershipForm(_posted(request), initial=forms.MembershipForm.initial_from(membership))
    form.set_workplaces(selectors.workplace_links_of(membership.unit), current=membership.workplace)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_membership(
                actor=request.user,
                membership=membership,
                **form.employment(consent_given_at=membership.consent_given_at),
            )
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The membership of %(name)s was saved.") % {"name": membership.member})
            return redirect(_member_url(membership))
    return _form_page(
        request,
        form,
        title=_("Job and consent of %(name)s at %(unit)s") % {"name": membership.member, "unit": membership.unit},
        submit=_("Save"),
        cancel=_member_url(membership),
        membership=membership,
    )


def _lifecycle(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type,
    act: Any,
    title: str,
    submit: str,
    done: str,
    intro: str = "",
    danger: bool = False,
) -> HttpResponse:
    """One lifecycle step on one membership: a short form, one service call, back to the member page."""
    membership = access_membership(request.user, pk, permission=perms.CHANGE_MEMBER)
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            act(membership, form.cleaned_data)
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, done % {"name": membership.member.full_name})
            return redirect(_member_url(membership))
    return _form_page(
        request,
        form,
        title=title % {"name": membership.member.full_name},
        submit=submit,
        cancel=_member_url(membership),
        membership=membership,
        intro=intro,
        danger=danger,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def membership_activate(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle(
        request,
        pk,
        form_class=forms.ConfirmForm,
        act=lambda m, data: services.activate_membership(actor=request.user, membership=m),
        title=_("Activate the membership of %(name)s"),
        submit=_("Activate"),
        done=_("%(name)s is now an active member and has a KTA number."),
        intro=_("Activate once the application is verified: the member receives a KTA number."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def membership_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle(
        request,
        pk,
        form_class=forms.SuspendForm,
        act=lambda m, data: services.suspend_membership(actor=request.user, membership=m, reason=data["reason"]),
        title=_("Suspend the membership of %(name)s"),
        submit=_("Suspend"),
        done=_("The membership of %(name)s is suspended."),
        danger=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def membership_reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle(
        request,
        pk,
        form_class=forms.ConfirmForm,
        act=lambda m, data: services.reinstate_membership(actor=request.user, membership=m),
        title=_("Reinstate the membership of %(name)s"),
        submit=_("Reinstate"),
        done=_("%(name)s is an active member again."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle(
        request,
        pk,
        form_class=forms.EndForm,
        act=lambda m, data: services.end_membership(
            actor=request.user, membership=m, reason=data["reason"], ended_on=data["ended_on"]
        ),
        title=_("End the membership of %(name)s"),
        submit=_("End the membership"),
        done=_("The membership of %(name)s has ended."),
        intro=_("Membership cards stop verifying at once. The history stays on the member's page."),
        danger=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def member_rejoin(request: HttpRequest, pk: int) -> HttpResponse:
    """A former member joins again: a new application, in this union or another one in scope."""
    membership = access_membership(request.user, pk)
    if not has_any(request.user, perms.CHANGE_MEMBER):
        raise Forbidden(_("None of your roles lets you register members."))
    scope = scope_of(request.user, perms.CHANGE_MEMBER)
    initial = {"unit": membership.unit.code if scope.covers(membership.unit) else ""}
    form = forms.RejoinForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = _unit_for_form(request, form.cleaned_data["unit"], perms.CHANGE_MEMBER)
        if unit is None:
            form.add_error("unit", _("No unit with this code where you may register members."))
        else:
            try:
                new = services.rejoin_member(
                    actor=request.user, member=membership.member, unit=unit, joined_on=form.cleaned_data["joined_on"]
                )
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s applied to join %(unit)s again.") % {"name": membership.member, "unit": unit.name},
                )
                return redirect(_member_url(new))
    return _form_page(
        request,
        form,
        title=_("%(name)s joins again") % {"name": membership.member.full_name},
        submit=_("Register the application"),
        cancel=_member_url(membership),
        membership=membership,
        intro=_("A new membership starts as an application; the earlier ones stay in the history."),
    )


# --- transfers (mutasi) -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def transfer_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The releasing union asks to move a member to another union, named by its exact code."""
    membership = access_membership(request.user, pk, permission=perms.TRANSFER_MEMBER)
    form = forms.TransferRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            to_unit = access_transfer_destination(request.user, data["to_unit"])
        except NotFound:
            form.add_error("to_unit", _("No union with this code."))
        else:
            try:
                services.request_transfer(
                    actor=request.user,
                    membership=membership,
                    to_unit=to_unit,
                    effective_on=data["effective_on"],
                    reason=data["reason"],
                )
            except DomainError as error:
                add_problems(form, error)
            else:
                messages.success(
                    request,
                    _("The transfer of %(name)s to %(unit)s was requested; %(unit)s accepts it.")
                    % {"name": membership.member.full_name, "unit": to_unit.name},
                )
                return redirect(_member_url(membership))
    return _form_page(
        request,
        form,
        title=_("Transfer %(name)s to another union") % {"name": membership.member.full_name},
        submit=_("Request the transfer"),
        cancel=_member_url(membership),
        membership=membership,
        intro=_("The receiving union accepts the transfer; until then you may cancel it."),
    )


@login_required
@require_GET
@scoped_view
def transfer_list(request: HttpRequest) -> HttpResponse:
    """Transfers waiting in both directions, and the latest decided ones."""
    if not has_any(request.user, perms.VIEW_MEMBER):
        raise Forbidden(_("None of your roles lets you see members."))
    lists = selectors.transfer_lists(request.user)
    context = {
        "lists": lists,
        "may_receive": has_any(request.user, perms.TRANSFER_MEMBER),
        "section": SECTION,
    }
    return render(request, "membership/members/transfers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def transfer_receive(request: HttpRequest) -> HttpResponse:
    """The receiving union asks for a member it has in front of it, by NIK and KTA number together."""
    actor = request.user
    if not has_any(actor, perms.TRANSFER_MEMBER):
        raise Forbidden(_("None of your roles lets you transfer members."))
    form = forms.ReceiveForm(_posted(request), initial={"to_unit": _default_unit_code(actor, perms.TRANSFER_MEMBER)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        to_unit = _unit_for_form(request, data["to_unit"], perms.TRANSFER_MEMBER)
        if to_unit is None:
            form.add_error("to_unit", _("No unit with this code where you may receive members."))
        else:
            found = services.find_membership_to_receive(nik=data["nik"], kta_number=data["kta_number"])
            if found is None:
                # The same answer whichever of the two did not match: neither is confirmed on its own.
                form.add_error(None, _("No current member with this NIK and KTA number."))
            else:
                try:
                    transfer = services.request_transfer(
                        actor=actor,
                        membership=found,
                        to_unit=to_unit,
                        effective_on=data["effective_on"],
                        reason=data["reason"],
                    )
                except DomainError as error:
                    add_problems(form, error)
                else:
                    messages.success(
                        request,
                        _("The transfer of %(name)s to %(unit)s is waiting: accept it when the member arrives.")
                        % {"name": transfer.membership.member.full_name, "unit": to_unit.name},
                    )
                    return redirect(reverse("membership:transfers"))
    return _form_page(
        request,
        form,
        title=_("Receive a member from another union"),
        submit=_("Request the transfer"),
        cancel=reverse("membership:transfers"),
        intro=_("Type the NIK and the KTA number from the member's cards: both must match a current membership."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = access_transfer(request.user, pk, permission=perms.TRANSFER_MEMBER)
    if not scope_of(request.user, perms.TRANSFER_MEMBER).covers(transfer.to_unit):
        raise Forbidden(_("Only the receiving union accepts a transfer."))
    form = forms.DecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            new = services.accept_transfer(actor=request.user, transfer=transfer, note=form.cleaned_data["note"])
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a member of %(unit)s.")
                % {"name": transfer.membership.member.full_name, "unit": transfer.to_unit.name},
            )
            return redirect(_member_url(new))
    return _form_page(
        request,
        form,
        title=_("Accept %(name)s from %(unit)s")
        % {"name": transfer.membership.member.full_name, "unit": transfer.from_unit.name},
        submit=_("Accept the transfer"),
        cancel=reverse("membership:transfers"),
        transfer=transfer,
    )


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def transfer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving union rejects a waiting transfer; the requesting side cancels its own."""
    transfer = access_transfer(request.user, pk, permission=perms.TRANSFER_MEMBER)
    scope = scope_of(request.user, perms.TRANSFER_MEMBER)
    receiving = scope.covers(transfer.to_unit)
    form = forms.DecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_transfer_against(actor=request.user, transfer=transfer, note=form.cleaned_data["note"])
        except DomainError as error:
            add_problems(form, error)
        else:
            done = (
                _("The transfer of %(name)s was rejected.")
                if receiving
                else _("The transfer of %(name)s was cancelled.")
            )
            messages.success(request, done % {"name": transfer.membership.member.full_name})
            return redirect(reverse("membership:transfers"))
    name = transfer.membership.member.full_name
    return _form_page(
        request,
        form,
        title=(_("Reject the transfer of %(name)s") if receiving else _("Cancel the transfer of %(name)s"))
        % {"name": name},
        submit=_("Reject") if receiving else _("Cancel the transfer"),
        cancel=reverse("membership:transfers"),
        transfer=transfer,
        danger=True,
    )


# --- dual-membership conflicts ----------------------------------------------------------------


@login_required
@require_GET
@scoped_view
def conflict_list(request: HttpRequest) -> HttpResponse:
    """Members current in two federations (or two unions at one employer) touching the actor's units;
    each side sees only its own membership."""
    if not has_any(request.user, perms.VIEW_MEMBER):
        raise Forbidden(_("None of your roles lets you see members."))
    resolved = request.GET.get("show") == "resolved"
    page = selectors.conflict_page(request.user, resolved=resolved, after=_after(request))
    context = {"page": page, "resolved": resolved, "paged": _after(request) is not None, "section": SECTION}
    return render(request, "membership/members/conflicts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@scoped_view
def conflict_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how a dual membership was settled: for those responsible for both unions."""
    conflict = access_conflict(request.user, pk, permission=perms.CHANGE_MEMBER)
    sides = selectors.conflict_sides(request.user, conflict)
    if conflict.resolved_at is None and not sides.may_resolve:
        raise Forbidden(_("Only someone responsible for both unions records how this was settled."))
    form = forms.ResolveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.resolve_conflict(actor=request.user, conflict=conflict, resolution=form.cleaned_data["resolution"])
        except DomainError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The dual membership of %(name)s is settled.") % {"name": conflict.member})
            return redirect(reverse("membership:conflicts"))
    return _form_page(
        request,
        form,
        title=_("Settle the dual membership of %(name)s") % {"name": conflict.member.full_name},
        submit=_("Record the settlement"),
        cancel=reverse("membership:conflicts"),
        sides=sides,
    )
