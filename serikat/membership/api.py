"""REST endpoints of the member registry: members and their lifecycle, transfers, dual-membership
conflicts, cards and exports.

Each handler parses, goes through a door (a selector or visible_to() for lists, access_*() for one
object and for every id in the input), calls at most one service, and renders. Lists are keyset
pages without a total count. A person's other memberships, and the other side of a conflict or a
transfer, appear only where they lie in the caller's scope.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from serikat.core import permissions as perms
from serikat.core.api import BadCursor, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import Conflict, FieldProblem, NotFound
from serikat.core.scoping import scope_of
from serikat.membership import exports, selectors, services, services_documents
from serikat.membership.access import (
    access_card,
    access_conflict,
    access_member,
    access_membership,
    access_transfer,
)
from serikat.membership.models import Membership, MembershipConflict, Transfer
from serikat.membership.nik import normalise_nik
from serikat.membership.schemas import (
    ActivateIn,
    CardOut,
    CardRevokeIn,
    ConflictFilters,
    ConflictOut,
    ConflictResolveIn,
    EndIn,
    ExportFilters,
    IssuedCardOut,
    MemberDetailOut,
    MemberFilters,
    MemberOut,
    MemberRegisterIn,
    MembershipUpdateIn,
    PersonOut,
    PersonUpdateIn,
    RejoinIn,
    SuspendIn,
    TransferDecisionIn,
    TransferFilters,
    TransferOut,
    TransferReceiveIn,
    TransferRequestIn,
    VerificationListFilters,
)
from serikat.organisation.access import access_employer, access_unit, access_workplace
from serikat.organisation.models import Region, Sector, Unit

router = Router(tags=["members"])

TRANSFERS = ["transfers"]
CONFLICTS = ["conflicts"]
CARDS = ["cards"]


# --- lookups of ids sent by the client ----------------------------------------------------------


def _region(field: str, code: str | None) -> Region | None:
    if code is None:
        return None
    region = Region.objects.filter(pk=code).first()
    if region is None:
        raise NotFound(_("Not found."), field=field)
    return region


def _sector(field: str, pk: int | None) -> Sector | None:
    if pk is None:
        return None
    sector = Sector.objects.filter(pk=pk).first()
    if sector is None:
        raise NotFound(_("Not found."), field=field)
    return sector


def _job(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Employer and workplace ids through their doors; the wage as whole Rupiah."""
    if data.get("employer") is not None:
        data["employer"] = resolve("body.employer", access_employer, actor, data["employer"])
    if data.get("workplace") is not None:
        data["workplace"] = resolve("body.workplace", access_workplace, actor, data["workplace"])
    if data.get("monthly_wage_amount") is not None:
        data["monthly_wage_amount"] = Decimal(data["monthly_wage_amount"])
    return data


def _member_filters(actor: Any, filters: MemberFilters | ExportFilters, permission: str) -> selectors.MemberFilters:
    unit = None
    if filters.unit is not None:
        unit = resolve("query.unit", access_unit, actor, filters.unit, permission=permission)
    return selectors.MemberFilters(
        q=getattr(filters, "q", None) or "",
        unit=unit,
        statuses=list(filters.status),
        gender=filters.gender or "",
        age_from=filters.age_from,
        age_to=filters.age_to,
        employment_status=filters.employment_status or "",
        sector=_sector("query.sector", filters.sector),
        joined_from=filters.joined_from,
        joined_to=filters.joined_to,
    )


# --- cursors of the member list ------------------------------------------------------------------

# The same signed form keyset_page() gives a list ordered on ("-id",): the member list is paged by
# the selector (member_page), which continues after an id.
_ID_CURSOR_SALT = "serikat.api.cursor:-id"


def _after(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        values = signing.loads(cursor, salt=_ID_CURSOR_SALT)
    except signing.BadSignature:
        values = None
    if not (isinstance(values, list) and len(values) == 1 and isinstance(values[0], int)):
        raise BadCursor(_("This cursor is not valid for this list."), field="query.cursor")
    return values[0]


def _envelope(request: HttpRequest, page: selectors.MemberPage) -> dict[str, Any]:
    next_cursor = next_url = None
    if page.next_after is not None:
        next_cursor = signing.dumps([page.next_after], salt=_ID_CURSOR_SALT)
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    return {"items": page.rows, "next_cursor": next_cursor, "next": next_url}


# --- rendering helpers ---------------------------------------------------------------------------


def _transfer_rows(actor: Any) -> QuerySet[Transfer]:
    return Transfer.objects.visible_to(actor, perms.VIEW_MEMBER).select_related(
        "membership__member", "membership__unit", "new_membership__unit", "from_unit", "to_unit"
    )


def _decorate_transfers(actor: Any, transfers: list[Transfer]) -> list[Transfer]:
    """Direction and the memberships the caller may see, from already loaded units (no query)."""
    scope = scope_of(actor, perms.VIEW_MEMBER)
    for transfer in transfers:
        incoming, outgoing = scope.covers(transfer.to_unit), scope.covers(transfer.from_unit)
        transfer.direction = "internal" if incoming and outgoing else "incoming" if incoming else "outgoing"  # type: ignore[attr-defined]
        old, new = transfer.membership, transfer.new_membership
        transfer.membership_id_visible = old.pk if scope.covers(old.unit) else None  # type: ignore[attr-defined]
        transfer.new_membership_id_visible = new.pk if new is not None and scope.covers(new.unit) else None  # type: ignore[attr-defined]
    return transfers


def _transfer_out(actor: Any, transfer_id: int) -> dict[str, Any]:
    transfer = _decorate_transfers(actor, [_transfer_rows(actor).get(pk=transfer_id)])[0]
    return _transfer_dict(transfer)


def _transfer_dict(transfer: Transfer) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "status": transfer.status,
        "direction": transfer.direction,  # type: ignore[attr-defined]
        "member_name": transfer.membership.member.full_name,
        "membership_id": transfer.membership_id_visible,  # type: ignore[attr-defined]
        "new_membership_id": transfer.new_membership_id_visible,  # type: ignore[attr-defined]
        "from_unit": transfer.from_unit,
        "to_unit": transfer.to_unit,
        "effective_on": transfer.effective_on,
        "reason": transfer.reason,
        "requested_at": transfer.requested_at,
        "decided_at": transfer.decided_at,
        "decision_note": transfer.decision_note,
    }


def _detail(actor: Any, membership_id: int) -> Membership:
    """One membership with the person, its cards and the person's history the caller may see."""
    membership = access_membership(actor, membership_id)
    membership.member = (
        type(membership.member).objects.select_related("region").get(pk=membership.member_id)  # fresh after writes
    )
    membership.cards_list = list(membership.cards.order_by("-issued_at", "-id"))  # type: ignore[attr-defined]
    membership.history = list(  # type: ignore[attr-defined]
        Membership.objects.visible_to(actor, perms.VIEW_MEMBER)
        .filter(member_id=membership.member_id)
        .select_related("unit", "federation")
        .order_by("joined_on", "id")
    )
    transfers = list(_transfer_rows(actor).filter(membership__member_id=membership.member_id).order_by("id"))
    membership.transfer_list = [_transfer_dict(t) for t in _decorate_transfers(actor, transfers)]  # type: ignore[attr-defined]
    return membership


def _conflict_side(membership: Membership | None) -> dict[str, Any]:
    if membership is None:
        return {"membership_id": None, "federation": None, "unit": None, "status": None}
    return {
        "membership_id": membership.pk,
        "federation": membership.federation,
        "unit": membership.unit,
        "status": membership.status,
    }


def _decorate_conflicts(actor: Any, conflicts: list[MembershipConflict]) -> list[MembershipConflict]:
    """Each caller sees its own membership of the two; the other only if it is in scope too (the
    same split as the screens: selectors.conflict_sides)."""
    scope, change = scope_of(actor, perms.VIEW_MEMBER), scope_of(actor, perms.CHANGE_MEMBER)
    for conflict in conflicts:
        sides = selectors.conflict_sides(actor, conflict, scope, change)
        conflict.own_side = _conflict_side(sides.own[0])  # type: ignore[attr-defined]
        conflict.other_side = _conflict_side(sides.others[0] if sides.others else None)  # type: ignore[attr-defined]
        conflict.may_resolve = sides.may_resolve  # type: ignore[attr-defined]
    return conflicts


def _conflict_rows(actor: Any) -> QuerySet[MembershipConflict]:
    return MembershipConflict.objects.visible_to(actor, perms.VIEW_MEMBER).select_related(
        "member", "first__unit", "first__federation", "second__unit", "second__federation"
    )


def _verification_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("verify:card", kwargs={"token": token}))


PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"  # members' data: never kept by a browser or proxy
    return response


def _filename(*parts: str) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip("-") for part in parts if part)[:120]


def _file_answer(description: str, *media_types: str) -> dict[str, Any]:
    """The OpenAPI description of an answer that is a file, not JSON."""
    content = {media: {"schema": {"type": "string", "format": "binary"}} for media in media_types}
    return {"responses": {200: {"description": description, "content": content}}}


# --- members --------------------------------------------------------------------------------------


@router.get(
    "/members",
    response={200: page_of(MemberOut), **errors(403, 404, 422)},
    summary="List and search members",
    description="Memberships in your scope, newest first (keyset pages, no total count). `q` is one search "
    "box (NIK, phone, KTA number exactly; names forgiving typos, best first, one page). The other filters "
    "combine; `unit` covers the unit's subtree on either axis (a DPW covers the plant unions in its "
    "territory).",
)
def list_members(request: HttpRequest, filters: Query[MemberFilters]) -> Any:
    actor = actor_of(request)
    page = selectors.member_page(
        actor, _member_filters(actor, filters, perms.VIEW_MEMBER), after=_after(filters.cursor), limit=filters.limit
    )
    return _envelope(request, page)


@router.get(
    "/members/export",
    response={**errors(403, 404, 422)},
    summary="Export members (CSV or Excel)",
    description="The members you may export (membership.export_members), with the same filters and search box "
    "as the list, newest first, as CSV (UTF-8) or xlsx, streamed; `X-Row-Count` says how many. Recorded in "
    "the audit log (format, filters, rows) before the first byte. Text a spreadsheet would read as a formula "
    "starts with an apostrophe.",
    openapi_extra=_file_answer("The file, streamed.", "text/csv", XLSX_TYPE),
)
def export_members(request: HttpRequest, filters: Query[ExportFilters]) -> Any:
    actor = actor_of(request)
    export = exports.export_members(actor, _member_filters(actor, filters, perms.EXPORT_MEMBERS), filters.format)
    response = StreamingHttpResponse(export.chunks, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Row-Count"] = str(export.row_count)
    response["Cache-Control"] = "no-store, private"  # members' data: never kept by a browser or proxy
    return response


@router.get(
    "/members/{int:membership_id}",
    response={200: MemberDetailOut, **errors(404)},
    summary="Get a membership",
    description="The membership, the person, the membership's cards, and the person's memberships and "
    "transfers that you may see (their unions outside your scope stay hidden).",
)
def get_member(request: HttpRequest, membership_id: int) -> Any:
    return _detail(actor_of(request), membership_id)


@router.post(
    "/members",
    response={201: MemberDetailOut, **errors(400, 403, 404, 409, 422)},
    summary="Register a member",
    description="Records an application to join `unit` (needs membership.change_member there). The person is "
    "matched by NIK across the confederation; gender and birth date default to what the NIK says, and "
    "disagreements are kept as review flags. A NIK already current in this federation is refused (409); a "
    "NIK current in another federation is registered and reported as a conflict to both sides.",
)
def register_member(request: HttpRequest, payload: MemberRegisterIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.CHANGE_MEMBER)
    data = payload.dict()
    person = {k: data.pop(k) for k in ("nik", "full_name", "joined_on", "gender", "birth_date", "birth_place",
                                        "phone", "email", "address")}  # fmt: skip
    data.pop("unit")
    region = _region("body.region", data.pop("region"))
    membership = services.register_member(actor=actor, unit=unit, region=region, **person, **_job(actor, data))
    return Status(201, _detail(actor, membership.pk))


@router.patch(
    "/members/{int:membership_id}",
    response={200: MemberDetailOut, **errors(400, 403, 404, 422)},
    summary="Change a membership's details",
    description="Job, employer, wage and consent. Only the fields sent change. The person's own details "
    "change through PATCH /people/{member_id}; the status through the actions.",
)
def update_membership(request: HttpRequest, membership_id: int, payload: MembershipUpdateIn) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.CHANGE_MEMBER)
    services.update_membership(actor=actor, membership=membership, **_job(actor, payload.dict(exclude_unset=True)))
    return _detail(actor, membership.pk)


@router.patch(
    "/people/{int:member_id}",
    response={200: PersonOut, **errors(400, 403, 404, 422)},
    summary="Correct a person's details",
    description="Name, gender, birth date and place, phone, email, address, region. Only the fields sent "
    "change; the NIK never does. Any union of the person in your scope may correct them.",
)
def update_member(request: HttpRequest, member_id: int, payload: PersonUpdateIn) -> Any:
    actor = actor_of(request)
    member = access_member(actor, member_id, permission=perms.CHANGE_MEMBER)
    changes = payload.dict(exclude_unset=True)
    if "region" in changes:
        changes["region"] = _region("body.region", changes["region"])
    services.update_member(actor=actor, member=member, **changes)
    return type(member).objects.select_related("region").get(pk=member.pk)


# --- lifecycle ------------------------------------------------------------------------------------


@router.post(
    "/members/{int:membership_id}/activate",
    response={200: MemberDetailOut, **errors(400, 403, 404, 409, 422)},
    summary="Activate a membership",
    description="Verifies an application: the member becomes active and receives a KTA number unique in the "
    "federation (409 unless the membership is an application).",
)
def activate_membership(request: HttpRequest, membership_id: int, payload: ActivateIn) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.CHANGE_MEMBER)
    services.activate_membership(actor=actor, membership=membership, activated_on=payload.activated_on)
    return _detail(actor, membership.pk)


@router.post(
    "/members/{int:membership_id}/suspend",
    response={200: MemberDetailOut, **errors(400, 403, 404, 409, 422)},
    summary="Suspend a membership",
)
def suspend_membership(request: HttpRequest, membership_id: int, payload: SuspendIn) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.CHANGE_MEMBER)
    services.suspend_membership(actor=actor, membership=membership, reason=payload.reason)
    return _detail(actor, membership.pk)


@router.post(
    "/members/{int:membership_id}/reinstate",
    response={200: MemberDetailOut, **errors(403, 404, 409)},
    summary="Reinstate a suspended membership",
)
def reinstate_membership(request: HttpRequest, membership_id: int) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.CHANGE_MEMBER)
    services.reinstate_membership(actor=actor, membership=membership)
    return _detail(actor, membership.pk)


@router.post(
    "/members/{int:membership_id}/end",
    response={200: MemberDetailOut, **errors(400, 403, 404, 409, 422)},
    summary="End a membership",
    description="Death, resignation, dismissal by the union, joining another union, leaving the employer. "
    "Its cards stop verifying; open conflicts it was part of are resolved. (A transfer ends a membership "
    "by itself, as 'transferred'.)",
)
def end_membership(request: HttpRequest, membership_id: int, payload: EndIn) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.CHANGE_MEMBER)
    services.end_membership(
        actor=actor,
        membership=membership,
        reason=payload.reason,
        ended_on=payload.ended_on or timezone.localdate(),
    )
    return _detail(actor, membership.pk)


@router.post(
    "/members/{int:membership_id}/rejoin",
    response={201: MemberDetailOut, **errors(400, 403, 404, 409, 422)},
    summary="Re-join a former member",
    description="A new application for the person of this membership, at `unit` (by default the same "
    "union). The old memberships stay as history.",
)
def rejoin_member(request: HttpRequest, membership_id: int, payload: RejoinIn) -> Any:
    actor = actor_of(request)
    old = access_membership(actor, membership_id, permission=perms.CHANGE_MEMBER)
    data = payload.dict()
    unit_id, joined_on = data.pop("unit") or old.unit_id, data.pop("joined_on")
    unit = resolve("body.unit", access_unit, actor, unit_id, permission=perms.CHANGE_MEMBER)
    membership = services.rejoin_member(
        actor=actor, member=old.member, unit=unit, joined_on=joined_on, **_job(actor, data)
    )
    return Status(201, _detail(actor, membership.pk))


# --- transfers ------------------------------------------------------------------------------------


@router.post(
    "/members/{int:membership_id}/transfer",
    response={201: TransferOut, **errors(400, 403, 404, 409, 422)},
    tags=TRANSFERS,
    summary="Ask to transfer a member",
    description="The releasing side asks for its member to move to the union with the exact code `to_unit` "
    "(which you need not otherwise see). The receiving union accepts or rejects it.",
)
def request_transfer(request: HttpRequest, membership_id: int, payload: TransferRequestIn) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.TRANSFER_MEMBER)
    to_unit = Unit.objects.select_related("level").filter(code=payload.to_unit.strip()).first()
    if to_unit is None:
        raise NotFound(_("There is no union with this code."), field="body.to_unit")
    transfer = services.request_transfer(
        actor=actor,
        membership=membership,
        to_unit=to_unit,
        effective_on=payload.effective_on,
        reason=payload.reason,
    )
    return Status(201, _transfer_out(actor, transfer.pk))


@router.post(
    "/transfers/receive",
    response={201: TransferOut, **errors(400, 403, 404, 409, 422)},
    tags=TRANSFERS,
    summary="Ask to receive a member from another union",
    description="The receiving side names the member by NIK and KTA number together (proof that it holds the "
    "member's card) and its own union `to_unit`. Answers 404 naming both fields unless exactly this NIK "
    "holds this KTA number in a current membership.",
)
def receive_transfer(request: HttpRequest, payload: TransferReceiveIn) -> Any:
    actor = actor_of(request)
    # The receiving union first: a caller who may receive nowhere learns nothing about the NIK.
    to_unit = resolve("body.to_unit", access_unit, actor, payload.to_unit, permission=perms.TRANSFER_MEMBER)
    membership = services.find_membership_to_receive(nik=normalise_nik(payload.nik), kta_number=payload.kta_number)
    if membership is None:
        message = _("No current membership has this NIK and this KTA number together.")
        raise NotFound(message, problems=[FieldProblem("body.nik", message), FieldProblem("body.kta_number", message)])
    transfer = services.request_transfer(
        actor=actor,
        membership=membership,
        to_unit=to_unit,
        effective_on=payload.effective_on,
        reason=payload.reason,
    )
    return Status(201, _transfer_out(actor, transfer.pk))


@router.get(
    "/transfers",
    response={200: page_of(TransferOut), **errors(422)},
    tags=TRANSFERS,
    summary="List transfers",
    description="Transfers to (incoming) or from (outgoing) the unions in your scope, newest first.",
)
def list_transfers(request: HttpRequest, filters: Query[TransferFilters]) -> Any:
    actor = actor_of(request)
    rows = _transfer_rows(actor)
    scope = scope_of(actor, perms.VIEW_MEMBER)
    if filters.direction == "incoming":
        rows = rows.filter(scope.q("to_unit"))
    elif filters.direction == "outgoing":
        rows = rows.filter(scope.q("from_unit"))
    if filters.status:
        rows = rows.filter(status=filters.status)
    page = keyset_page(
        request,
        rows,
        order=("-id",),
        cursor=filters.cursor,
        limit=filters.limit,
        prepare=lambda page: _decorate_transfers(actor, page),
    )
    page["items"] = [_transfer_dict(t) for t in page["items"]]
    return page


@router.post(
    "/transfers/{int:transfer_id}/accept",
    response={200: TransferOut, **errors(403, 404, 409, 422)},
    tags=TRANSFERS,
    summary="Accept a transfer",
    description="The receiving union accepts: the old membership ends as 'transferred' and a new one starts "
    "there on the effective date; within one federation the KTA number and card travel with the member.",
)
def accept_transfer(request: HttpRequest, transfer_id: int, payload: TransferDecisionIn) -> Any:
    actor = actor_of(request)
    transfer = access_transfer(actor, transfer_id, permission=perms.TRANSFER_MEMBER)
    services.accept_transfer(actor=actor, transfer=transfer, note=payload.note)
    return _transfer_out(actor, transfer.pk)


@router.post(
    "/transfers/{int:transfer_id}/reject",
    response={200: TransferOut, **errors(403, 404, 409, 422)},
    tags=TRANSFERS,
    summary="Reject or cancel a transfer",
    description="The receiving union rejects a waiting transfer (status rejected); the releasing side, if "
    "it is not also the receiver, cancels it (status cancelled).",
)
def reject_transfer(request: HttpRequest, transfer_id: int, payload: TransferDecisionIn) -> Any:
    actor = actor_of(request)
    transfer = access_transfer(actor, transfer_id, permission=perms.TRANSFER_MEMBER)
    services.decide_transfer_against(actor=actor, transfer=transfer, note=payload.note)
    return _transfer_out(actor, transfer.pk)


# --- conflicts ------------------------------------------------------------------------------------


@router.get(
    "/conflicts",
    response={200: page_of(ConflictOut), **errors(422)},
    tags=CONFLICTS,
    summary="List dual-membership conflicts",
    description="People current in two federations, or in two unions at one employer, where one of the "
    "memberships is in your scope; newest first. You see your own membership; the other side is null unless "
    "it is in your scope too.",
)
def list_conflicts(request: HttpRequest, filters: Query[ConflictFilters]) -> Any:
    actor = actor_of(request)
    rows = _conflict_rows(actor)
    if filters.status == "open":
        rows = rows.filter(resolved_at__isnull=True)
    elif filters.status == "resolved":
        rows = rows.filter(resolved_at__isnull=False)
    return keyset_page(
        request,
        rows,
        order=("-id",),
        cursor=filters.cursor,
        limit=filters.limit,
        prepare=lambda page: _decorate_conflicts(actor, page),
    )


@router.post(
    "/conflicts/{int:conflict_id}/resolve",
    response={200: ConflictOut, **errors(400, 403, 404, 409, 422)},
    tags=CONFLICTS,
    summary="Record how a conflict was settled",
    description="Needs membership.change_member over both memberships (in practice the confederation); "
    "each side settles its own part by ending its membership, which resolves the conflict too.",
)
def resolve_conflict(request: HttpRequest, conflict_id: int, payload: ConflictResolveIn) -> Any:
    actor = actor_of(request)
    conflict = access_conflict(actor, conflict_id, permission=perms.CHANGE_MEMBER)
    services.resolve_conflict(actor=actor, conflict=conflict, resolution=payload.resolution)
    return _decorate_conflicts(actor, [_conflict_rows(actor).get(pk=conflict.pk)])[0]


# --- cards ----------------------------------------------------------------------------------------


@router.post(
    "/members/{int:membership_id}/cards",
    response={201: IssuedCardOut, **errors(400, 403, 404, 422)},
    tags=CARDS,
    summary="Issue a membership card",
    description="A new card (KTA) with an unguessable verification token, for an active member with a KTA "
    "number; earlier cards of the membership stop verifying. `verification_url` is what its QR code opens.",
)
def issue_card(request: HttpRequest, membership_id: int) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.PRINT_CARDS)
    card = services.issue_card(actor=actor, membership=membership)
    card.verification_url = _verification_url(request, card.token)  # type: ignore[attr-defined]
    return Status(201, card)


@router.post(
    "/cards/{int:card_id}/revoke",
    response={200: CardOut, **errors(403, 404, 409, 422)},
    tags=CARDS,
    summary="Revoke a card",
    description="A lost or stolen card: its QR code stops verifying at once.",
)
def revoke_card(request: HttpRequest, card_id: int, payload: CardRevokeIn) -> Any:
    actor = actor_of(request)
    card = access_card(actor, card_id, permission=perms.PRINT_CARDS)
    return services.revoke_card(actor=actor, card=card, reason=payload.reason)


@router.get(
    "/members/{int:membership_id}/card.pdf",
    response={**errors(400, 403, 404, 409)},
    tags=CARDS,
    summary="Print a membership card",
    description="The membership's current card (KTA) as a PDF: front and back on ID-1 pages, with the QR "
    "code of its verification page. Issue a card first (POST /members/{membership_id}/cards): printing never "
    "issues one (409 when there is no card that verifies). Recorded in the audit log.",
    openapi_extra=_file_answer("The card.", PDF_TYPE),
)
def print_card(request: HttpRequest, membership_id: int) -> Any:
    actor = actor_of(request)
    membership = access_membership(actor, membership_id, permission=perms.PRINT_CARDS)
    if services_documents.current_card(membership) is None:
        raise Conflict(_("This member has no valid card. Issue one first."))
    pdf = services_documents.print_card(actor=actor, membership=membership, base_url=request.build_absolute_uri("/"))
    return _download(pdf, PDF_TYPE, _filename("kta", membership.kta_number) + ".pdf")


# --- verification lists ---------------------------------------------------------------------------


@router.get(
    "/verification-lists",
    response={**errors(400, 403, 404, 422)},
    tags=CARDS,
    summary="Verification list of a company (PER.06/MEN/IV/2005)",
    description="The active members of one affiliation (`federation`) at one company: an `employer`, or "
    "one `workplace` of it (give exactly one), that you may export (membership.export_members), as a "
    "signable PDF or as xlsx. A company where you see no active member answers 404. Recorded in the "
    "audit log with the memberships it holds.",
    openapi_extra=_file_answer("The list.", PDF_TYPE, XLSX_TYPE),
)
def export_verification_list(request: HttpRequest, filters: Query[VerificationListFilters]) -> Any:
    actor = actor_of(request)
    field = "query.workplace" if filters.workplace is not None else "query.employer"
    employer, workplace = resolve(
        field,
        services_documents.verification_target,
        actor,
        employer_id=filters.employer,
        workplace_id=filters.workplace,
    )
    federation = resolve("query.federation", services_documents.federation_by_id, filters.federation)
    content = services_documents.export_verification_list(
        actor=actor, federation=federation, employer=employer, workplace=workplace, fmt=filters.format
    )
    company = workplace.employer.name if workplace is not None else employer.name
    name = _filename("verifikasi", company, workplace.name if workplace is not None else "", federation.code)
    return _download(content, PDF_TYPE if filters.format == "pdf" else XLSX_TYPE, f"{name}.{filters.format}")
