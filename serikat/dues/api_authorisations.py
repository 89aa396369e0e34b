"""API of the dues module: deduction authorisations (surat kuasa) and letters to employers.

Each handler parses, fetches every id through a door (access_* for one object, `visible_to()` for
lists, the union's own employers for an employer id), calls at most one service, and renders.
Lists are keyset pages without a count. Scans are uploaded through the web screen (this JSON API
takes none); letters come as PDF from `/dues/employer-letters/{id}/pdf`.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.dues import selectors_authorisations as selectors
from serikat.dues import services_authorisations as services
from serikat.dues.access import access_authorisation, access_dues_membership, access_dues_unit, access_letter
from serikat.dues.models import Authorisation, EmployerLetter

router = Router(tags=["dues"])

AUTHORISATIONS = ["authorisations"]
LETTERS = ["employer letters"]
PDF_TYPE = "application/pdf"


# --- schemas -------------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class UnitRef(Schema):
    id: int
    code: str
    name: str


class AuthorisationOut(Schema):
    id: int
    membership: int = Field(description="The membership's id (see /members/{membership_id}).")
    member_name: str
    kta_number: str
    unit: UnitRef = Field(description="The member's union when the authorisation was recorded.")
    employer: Ref
    signed_on: datetime.date
    revoked_on: datetime.date | None
    revoked_reason: str
    has_document: bool = Field(description="Whether a scan of the signed form is kept (GET ./scan downloads it).")
    notice: int | None = Field(None, description="The revocation notice's letter id, once revoked.")


class AuthorisationFilters(PageParams):
    unit: int | None = Field(None, description="Only this union's authorisations.")
    employer: int | None = None
    membership: int | None = None
    state: Literal["open", "revoked", "all"] = "all"


class AuthorisationIn(Input):
    membership: int
    employer: int = Field(description="The member's employer, or an employer linked to the union.")
    signed_on: datetime.date


class BulkIn(Input):
    unit: int
    employer: int
    membership_ids: list[int] = Field(description="Up to 1,000 memberships of the union.")
    signed_on: datetime.date


class BulkOut(Schema):
    created: list[int] = Field(description="Ids of the authorisations recorded.")
    skipped: list[int] = Field(description="Membership ids that already had an open authorisation.")


class RevokeIn(Input):
    revoked_on: datetime.date
    reason: str = Field(max_length=services.MAX_REASON, description="Quoted on the notice to the employer.")


class LetterOut(Schema):
    id: int
    unit: UnitRef
    employer: Ref
    kind: Literal["notification", "revocation"]
    number: str
    issued_on: datetime.date
    authorisation: int | None


class LetterDetailOut(LetterOut):
    content: dict[str, Any] = Field(description="The snapshot the PDF is printed from (NIKs masked).")


class LetterFilters(PageParams):
    unit: int | None = None
    employer: int | None = None
    kind: Literal["notification", "revocation"] | None = None


class LetterIn(Input):
    unit: int
    employer: int
    issued_on: datetime.date | None = Field(None, description="By default today.")


# --- rendering -------------------------------------------------------------------------------------------


def _authorisation(row: Authorisation, notice: int | None = None) -> dict[str, Any]:
    membership = row.membership
    return {
        "id": row.pk,
        "membership": membership.pk,
        "member_name": membership.member.full_name,
        "kta_number": membership.kta_number,
        "unit": {"id": row.unit.pk, "code": row.unit.code, "name": row.unit.name},
        "employer": {"id": row.employer.pk, "name": row.employer.name},
        "signed_on": row.signed_on,
        "revoked_on": row.revoked_on,
        "revoked_reason": row.revoked_reason,
        "has_document": bool(row.document),
        "notice": notice,
    }


def _notices(rows: list[Authorisation]) -> dict[int, int]:
    """Revocation notices of a page of authorisations, in one query."""
    revoked = [row.pk for row in rows if row.revoked_on is not None]
    if not revoked:
        return {}
    return dict(
        EmployerLetter.objects.filter(authorisation_id__in=revoked, kind=EmployerLetter.Kind.REVOCATION)
        .order_by("authorisation_id", "pk")
        .values_list("authorisation_id", "pk")
    )


def _letter(letter: EmployerLetter, *, content: bool = False) -> dict[str, Any]:
    out = {
        "id": letter.pk,
        "unit": {"id": letter.unit.pk, "code": letter.unit.code, "name": letter.unit.name},
        "employer": {"id": letter.employer.pk, "name": letter.employer.name},
        "kind": letter.kind,
        "number": letter.number,
        "issued_on": letter.issued_on,
        "authorisation": letter.authorisation_id,
    }
    if content:
        out["content"] = letter.content
    return out


# --- authorisations ---------------------------------------------------------------------------------------


@router.get(
    "/dues/authorisations",
    response={200: page_of(AuthorisationOut), **errors(403, 404, 422)},
    tags=AUTHORISATIONS,
    summary="List deduction authorisations",
    description="Authorisations (surat kuasa) of the unions in your scope, newest first.",
)
def list_authorisations(request: HttpRequest, filters: Query[AuthorisationFilters]) -> Any:
    actor = actor_of(request)
    rows = selectors.authorisations_visible(actor)
    if filters.unit is not None:
        unit = resolve("query.unit", access_dues_unit, actor, filters.unit)
        rows = rows.filter(unit=unit)
    if filters.employer is not None:
        rows = rows.filter(employer_id=filters.employer)
    if filters.membership is not None:
        rows = rows.filter(membership_id=filters.membership)
    if filters.state == "open":
        rows = rows.filter(revoked_on__isnull=True)
    elif filters.state == "revoked":
        rows = rows.filter(revoked_on__isnull=False)
    page = keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
    notices = _notices(page["items"])
    page["items"] = [_authorisation(row, notices.get(row.pk)) for row in page["items"]]
    return page


@router.get(
    "/dues/authorisations/{int:authorisation_id}",
    response={200: AuthorisationOut, **errors(404)},
    tags=AUTHORISATIONS,
    summary="Get a deduction authorisation",
)
def get_authorisation(request: HttpRequest, authorisation_id: int) -> Any:
    row = access_authorisation(actor_of(request), authorisation_id)
    return _authorisation(row, _notices([row]).get(row.pk))


@router.post(
    "/dues/authorisations",
    response={201: AuthorisationOut, **errors(400, 403, 404, 409, 422)},
    tags=AUTHORISATIONS,
    summary="Record a deduction authorisation",
    description="A current member's signed surat kuasa for an employer (theirs, or one linked to the union). "
    "One open authorisation per membership and employer (409 otherwise). Attach the scan with "
    "POST /dues/authorisations/{id}/scan.",
)
def record_authorisation(request: HttpRequest, payload: AuthorisationIn) -> Any:
    actor = actor_of(request)
    membership = resolve(
        "body.membership", access_dues_membership, actor, payload.membership, permission=perms.MANAGE_AUTHORISATIONS
    )
    employer = selectors.employer_of_union(membership.unit, payload.employer, field="body.employer")
    row = services.record_authorisation(
        actor=actor, membership=membership, employer=employer, signed_on=payload.signed_on
    )
    return Status(201, _authorisation(access_authorisation(actor, row.pk)))


@router.post(
    "/dues/authorisations/bulk",
    response={201: BulkOut, **errors(400, 403, 404, 409, 422)},
    tags=AUTHORISATIONS,
    summary="Record many authorisations signed on one date",
    description="The paper forms collected at a union meeting. Members who already have an open "
    "authorisation for the employer are skipped and listed; any membership that is not a current member "
    "of the union refuses the whole request (nothing is recorded).",
)
def record_authorisations(request: HttpRequest, payload: BulkIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_dues_unit, actor, payload.unit, permission=perms.MANAGE_AUTHORISATIONS)
    employer = selectors.employer_of_union(unit, payload.employer, field="body.employer")
    result = services.record_authorisations(
        actor=actor, unit=unit, employer=employer, membership_ids=payload.membership_ids, signed_on=payload.signed_on
    )
    return Status(201, {"created": [row.pk for row in result["created"]], "skipped": result["skipped"]})


@router.post(
    "/dues/authorisations/{int:authorisation_id}/revoke",
    response={200: AuthorisationOut, **errors(400, 403, 404, 409, 422)},
    tags=AUTHORISATIONS,
    summary="Revoke a deduction authorisation",
    description="It no longer holds from `revoked_on`; a revocation notice to the employer is issued at once "
    "(its id is `notice`).",
)
def revoke_authorisation(request: HttpRequest, authorisation_id: int, payload: RevokeIn) -> Any:
    actor = actor_of(request)
    row = access_authorisation(actor, authorisation_id, permission=perms.MANAGE_AUTHORISATIONS)
    revoked = services.revoke_authorisation(
        actor=actor, authorisation=row, revoked_on=payload.revoked_on, reason=payload.reason
    )
    return _authorisation(revoked, revoked.notice.pk)


@router.post(
    "/dues/authorisations/{int:authorisation_id}/scan",
    response={200: AuthorisationOut, **errors(400, 403, 404, 409, 422)},
    tags=AUTHORISATIONS,
    summary="Attach the scan of a deduction authorisation",
    description="multipart/form-data with `document`: the signed form as PDF, JPEG or PNG (checked by its "
    "first bytes), at most 5 MB. Only for an authorisation recorded without a scan: a recorded scan is never "
    "replaced (409).",
)
def attach_scan(request: HttpRequest, authorisation_id: int, document: File[UploadedFile] = None) -> Any:  # type: ignore[assignment]
    actor = actor_of(request)
    row = access_authorisation(actor, authorisation_id, permission=perms.MANAGE_AUTHORISATIONS)
    services.attach_scan(actor=actor, authorisation=row, document=document)
    row = access_authorisation(actor, authorisation_id)
    return _authorisation(row, _notices([row]).get(row.pk))


@router.get(
    "/dues/authorisations/{int:authorisation_id}/scan",
    response={**errors(400, 403, 404)},
    tags=AUTHORISATIONS,
    summary="Download the scan of a deduction authorisation",
    description="The signed form as it was uploaded (PDF, JPEG or PNG), to those who manage the union's "
    "authorisations. Recorded in the audit log before it is sent.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The scan.",
                "content": {
                    kind: {"schema": {"type": "string", "format": "binary"}}
                    for kind in (PDF_TYPE, "image/jpeg", "image/png")
                },
            }
        }
    },
)
def download_scan(request: HttpRequest, authorisation_id: int) -> Any:
    actor = actor_of(request)
    row = access_authorisation(actor, authorisation_id, permission=perms.MANAGE_AUTHORISATIONS)
    data, content_type, filename = services.scan_of(actor=actor, authorisation=row)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


# --- letters ---------------------------------------------------------------------------------------------


@router.get(
    "/dues/employer-letters",
    response={200: page_of(LetterOut), **errors(403, 404, 422)},
    tags=LETTERS,
    summary="List letters to employers",
    description="Check-off notifications and revocation notices of the unions in your scope, newest first.",
)
def list_letters(request: HttpRequest, filters: Query[LetterFilters]) -> Any:
    actor = actor_of(request)
    rows = selectors.letters_visible(actor)
    if filters.unit is not None:
        unit = resolve("query.unit", access_dues_unit, actor, filters.unit)
        rows = rows.filter(unit=unit)
    if filters.employer is not None:
        rows = rows.filter(employer_id=filters.employer)
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    page = keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
    page["items"] = [_letter(row) for row in page["items"]]
    return page


@router.get(
    "/dues/employer-letters/{int:letter_id}",
    response={200: LetterDetailOut, **errors(404)},
    tags=LETTERS,
    summary="Get a letter to an employer, with its content",
)
def get_letter(request: HttpRequest, letter_id: int) -> Any:
    return _letter(access_letter(actor_of(request), letter_id), content=True)


@router.post(
    "/dues/employer-letters",
    response={201: LetterOut, **errors(400, 403, 404, 422)},
    tags=LETTERS,
    summary="Issue a check-off notification to an employer",
    description="KEP.187/MEN/X/2004 Pasal 4: the members with an authorisation in force, the officers in "
    "office, the union's registration number and the dues rules, frozen in the letter. Numbered per union "
    "and year (001/COS/<union code>/<Roman month>/<year>).",
)
def issue_letter(request: HttpRequest, payload: LetterIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_dues_unit, actor, payload.unit, permission=perms.MANAGE_AUTHORISATIONS)
    employer = selectors.employer_of_union(unit, payload.employer, field="body.employer")
    letter = services.issue_notification_letter(actor=actor, unit=unit, employer=employer, issued_on=payload.issued_on)
    return Status(201, _letter(letter))


@router.get(
    "/dues/employer-letters/{int:letter_id}/pdf",
    response={**errors(403, 404)},
    tags=LETTERS,
    summary="Print a letter to an employer",
    description="The letter as an A4 PDF in Bahasa Indonesia, from its snapshot. Recorded in the audit log.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The letter.",
                "content": {PDF_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def letter_pdf(request: HttpRequest, letter_id: int) -> Any:
    actor = actor_of(request)
    letter = access_letter(actor, letter_id, permission=perms.MANAGE_AUTHORISATIONS)
    pdf = services.letter_pdf(actor=actor, letter=letter)
    response = HttpResponse(pdf, content_type=PDF_TYPE)
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", f"surat-{letter.number}").strip("-")[:120]
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response
