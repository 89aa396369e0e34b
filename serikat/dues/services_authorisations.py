"""Deduction authorisations (surat kuasa) and the letters to employers: docs/dues.md section 2.

Each use case takes the actor first, checks scope (`dues.manage_authorisations` over the member's
union), writes, and records its audit event in the same transaction. Revoking an authorisation
always issues a revocation notice to the employer in that transaction too, so an authorisation is
never revoked without the letter that tells the employer to stop deducting.

Letters are numbered per union and year (`001/COS/<union code>/<Roman month>/<year>`) under a lock
on the union's row; their content is a snapshot (documents/letters.py) from which the PDF is
rendered whenever it is printed.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_event, record_events
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError
from serikat.core.scoping import require, scope_of
from serikat.dues import events
from serikat.dues.documents import letters
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.membership.models import Membership, Transfer
from serikat.organisation.models import Employer, Unit, UnitWorkplace

MAX_SCAN_BYTES = 5 * 1024 * 1024
MAX_BULK = 1000
MAX_REASON = 200
# Scans are recognised by their first bytes, never by their name or the browser's word for them.
SCAN_TYPES = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)
SIGNING_STATUSES = (Membership.Status.ACTIVE, Membership.Status.SUSPENDED)


class AuthorisationRuleBroken(DomainError):
    code = "authorisation-rule"


# --- checks ---------------------------------------------------------------------------------------------


def scan_type(head: bytes) -> tuple[str, str] | None:
    """(extension, content type) of a scan from its first bytes; None when it is no PDF, JPEG or PNG."""
    for magic, extension, content_type in SCAN_TYPES:
        if head.startswith(magic):
            return extension, content_type
    return None


def _read_scan(document: Any) -> tuple[bytes, str]:
    """The scan's bytes and extension, or a refusal naming the field `document`."""
    size = getattr(document, "size", None)
    if size is not None and size > MAX_SCAN_BYTES:
        raise AuthorisationRuleBroken(
            _("The scan is too large: at most %(mb)s MB.") % {"mb": MAX_SCAN_BYTES // (1024 * 1024)}, field="document"
        )
    if hasattr(document, "seek"):
        document.seek(0)
    data = document.read(MAX_SCAN_BYTES + 1)
    if len(data) > MAX_SCAN_BYTES:
        raise AuthorisationRuleBroken(
            _("The scan is too large: at most %(mb)s MB.") % {"mb": MAX_SCAN_BYTES // (1024 * 1024)}, field="document"
        )
    if not data:
        raise AuthorisationRuleBroken(_("The scan is empty."), field="document")
    found = scan_type(data[:16])
    if found is None:
        raise AuthorisationRuleBroken(_("The scan must be a PDF, JPEG or PNG file."), field="document")
    return data, found[0]


def _check_signed_on(signed_on: datetime.date | None) -> datetime.date:
    if signed_on is None:
        raise AuthorisationRuleBroken(_("Give the date the authorisation was signed."), field="signed_on")
    if signed_on > timezone.localdate():
        raise AuthorisationRuleBroken(_("The signing date cannot be in the future."), field="signed_on")
    return signed_on


def linked_employer_ids(unit: Unit) -> set[int]:
    """Employers the union is linked to: it registered them, or organises at one of their workplaces."""
    linked = set(Employer.objects.filter(unit=unit).values_list("pk", flat=True))
    linked |= set(
        UnitWorkplace.objects.filter(unit=unit, until_on__isnull=True).values_list("workplace__employer_id", flat=True)
    )
    return linked


def _employer_allowed(membership: Membership, employer: Employer, linked: set[int]) -> bool:
    return membership.employer_id == employer.pk or employer.pk in linked


def _may_sign(membership: Membership) -> None:
    if membership.status not in SIGNING_STATUSES:
        if membership.status == Membership.Status.APPLICANT:
            raise AuthorisationRuleBroken(
                _("Activate the membership first: only members can authorise deductions."), field="membership"
            )
        raise AuthorisationRuleBroken(_("This membership has ended."), field="membership")


# --- authorisations ---------------------------------------------------------------------------------------


@transaction.atomic
def record_authorisation(
    *, actor: Any, membership: Membership, employer: Employer, signed_on: datetime.date, document: Any = None
) -> Authorisation:
    """A member's signed surat kuasa for `employer`, with its scan if there is one (PDF, JPEG or PNG,
    at most 5 MB; stored under an unguessable name and served only through a scoped view).

    The file is written before the row; if the transaction rolls back afterwards, the file stays
    under its unguessable name, linked to nothing (Django has no rollback hook)."""
    require(actor, perms.MANAGE_AUTHORISATIONS, membership.unit)
    membership = Membership.objects.select_for_update().select_related("member", "unit").get(pk=membership.pk)
    _may_sign(membership)
    signed_on = _check_signed_on(signed_on)
    if signed_on < membership.joined_on:
        raise AuthorisationRuleBroken(
            _("The authorisation cannot be signed before the member joined."), field="signed_on"
        )
    if not _employer_allowed(membership, employer, linked_employer_ids(membership.unit)):
        raise AuthorisationRuleBroken(
            _("This employer is neither the member's employer nor linked to the union."), field="employer"
        )
    scan = _read_scan(document) if document is not None else None
    if Authorisation.objects.filter(membership=membership, employer=employer, revoked_on__isnull=True).exists():
        raise Conflict(_("This member already has an authorisation for this employer."), field="employer")
    authorisation = Authorisation(
        membership=membership, unit=membership.unit, employer=employer, signed_on=signed_on, created_by=actor
    )
    if scan is not None:
        data, extension = scan
        authorisation.document.save(f"{secrets.token_urlsafe(24)}.{extension}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            authorisation.save()
    except IntegrityError:
        if authorisation.document:
            authorisation.document.delete(save=False)
        raise Conflict(_("This member already has an authorisation for this employer."), field="employer") from None
    record_event(
        actor=actor,
        kind=events.AUTHORISATION_RECORDED,
        subject=authorisation,
        unit=membership.unit,
        object_label=membership.member.full_name,
        data={
            "membership": membership.pk,
            "employer": employer.pk,
            "signed_on": signed_on,
            "document": bool(scan),
        },
    )
    return authorisation


@transaction.atomic
def record_authorisations(
    *, actor: Any, unit: Unit, employer: Employer, membership_ids: Iterable[Any], signed_on: datetime.date
) -> dict[str, Any]:
    """The paper forms collected at a union meeting: one authorisation for each listed membership of
    `unit` that has none open for `employer`, all signed on one date. Set-based: a few queries
    whatever the number of forms. Members who already have one are skipped and reported."""
    require(actor, perms.MANAGE_AUTHORISATIONS, unit)
    signed_on = _check_signed_on(signed_on)
    try:
        ids = sorted({int(pk) for pk in membership_ids})
    except (TypeError, ValueError):
        raise AuthorisationRuleBroken(_("The members must be given by their ids."), field="membership_ids") from None
    if not ids:
        raise AuthorisationRuleBroken(_("Tick at least one member."), field="membership_ids")
    if len(ids) > MAX_BULK:
        raise AuthorisationRuleBroken(_("At most %(n)s members at a time.") % {"n": MAX_BULK}, field="membership_ids")
    memberships = list(
        Membership.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, unit=unit)
        .select_related("member")
        .order_by("pk")
    )
    found = {m.pk for m in memberships}
    problems = []
    missing = [pk for pk in ids if pk not in found]
    if missing:
        problems.append(_("Not members of this union: %(ids)s.") % {"ids": ", ".join(map(str, missing))})
    not_current = [m.member.full_name for m in memberships if m.status not in SIGNING_STATUSES]
    if not_current:
        problems.append(_("Not active members: %(names)s.") % {"names": ", ".join(not_current)})
    linked = linked_employer_ids(unit)
    elsewhere = [m.member.full_name for m in memberships if not _employer_allowed(m, employer, linked)]
    if elsewhere:
        problems.append(
            _("This employer is neither the employer of, nor linked to the union of: %(names)s.")
            % {"names": ", ".join(elsewhere)}
        )
    early = [m.member.full_name for m in memberships if signed_on < m.joined_on]
    if early:
        problems.append(_("Signed before joining: %(names)s.") % {"names": ", ".join(early)})
    if problems:
        raise AuthorisationRuleBroken(" ".join(problems), field="membership_ids")
    already = set(
        Authorisation.objects.filter(membership_id__in=ids, employer=employer, revoked_on__isnull=True).values_list(
            "membership_id", flat=True
        )
    )
    new = [
        Authorisation(membership=m, unit=unit, employer=employer, signed_on=signed_on, created_by=actor)
        for m in memberships
        if m.pk not in already
    ]
    try:
        with transaction.atomic():
            created = Authorisation.objects.bulk_create(new, batch_size=500)
    except IntegrityError:
        raise Conflict(_("Some of these members were given an authorisation meanwhile; try again.")) from None
    if created and created[0].pk is None:  # a backend that does not return ids from bulk inserts
        lookup = dict(
            Authorisation.objects.filter(
                membership_id__in=[a.membership_id for a in created], employer=employer, revoked_on__isnull=True
            ).values_list("membership_id", "pk")
        )
        for authorisation in created:
            authorisation.pk = lookup[authorisation.membership_id]
    names = {m.pk: m.member.full_name for m in memberships}
    record_events(
        [
            build_event(
                actor=actor,
                kind=events.AUTHORISATION_RECORDED,
                subject=authorisation,
                unit=unit,
                object_label=names[authorisation.membership_id],
                data={
                    "membership": authorisation.membership_id,
                    "employer": employer.pk,
                    "signed_on": signed_on,
                    "document": False,
                    "bulk": True,
                },
            )
            for authorisation in created
        ]
    )
    return {"created": created, "skipped": sorted(already)}


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise AuthorisationRuleBroken(_("Say why the authorisation is revoked."), field="reason")
    if len(reason) > MAX_REASON:
        raise AuthorisationRuleBroken(
            _("The reason is too long: at most %(n)s characters.") % {"n": MAX_REASON}, field="reason"
        )
    return reason


def _revoke(actor: Any, authorisation: Authorisation, revoked_on: datetime.date, reason: str) -> EmployerLetter:
    """Close one open authorisation (locked by the caller) and issue its revocation notice."""
    authorisation.revoked_on = revoked_on
    authorisation.revoked_reason = reason
    authorisation.save(update_fields=["revoked_on", "revoked_reason"])
    record_event(
        actor=actor,
        kind=events.AUTHORISATION_REVOKED,
        subject=authorisation,
        unit=authorisation.unit,
        object_label=authorisation.membership.member.full_name,
        changes={"revoked_on": [None, revoked_on]},
        data={"membership": authorisation.membership_id, "employer": authorisation.employer_id, "reason": reason},
    )
    return _issue_revocation_notice(actor, authorisation, timezone.localdate(), reason)


def _locked(authorisation: Authorisation) -> Authorisation:
    return (
        Authorisation.objects.select_for_update(of=("self",))
        .select_related("membership", "membership__member", "unit", "unit__region", "employer", "employer__region")
        .get(pk=authorisation.pk)
    )


@transaction.atomic
def revoke_authorisation(
    *, actor: Any, authorisation: Authorisation, revoked_on: datetime.date, reason: str
) -> Authorisation:
    """The member withdrew their surat kuasa (or it must end): it stops from `revoked_on`, and a
    revocation notice to the employer is issued at once (available as `authorisation.notice`)."""
    require(actor, perms.MANAGE_AUTHORISATIONS, authorisation.unit)
    authorisation = _locked(authorisation)
    if authorisation.revoked_on is not None:
        raise Conflict(_("This authorisation has already been revoked."))
    if revoked_on is None:
        raise AuthorisationRuleBroken(_("Give the date from which it no longer holds."), field="revoked_on")
    if revoked_on < authorisation.signed_on:
        raise AuthorisationRuleBroken(
            _("An authorisation cannot be revoked before the day it was signed."), field="revoked_on"
        )
    reason = _check_reason(reason)
    authorisation.notice = _revoke(actor, authorisation, revoked_on, reason)
    return authorisation


def _may_end_for(actor: Any, membership: Membership) -> bool:
    """Whoever ended the membership may close its authorisations: an officer of its union (registry or
    dues), or the receiving union of the transfer that ended it."""
    for permission in (perms.CHANGE_MEMBER, perms.MANAGE_AUTHORISATIONS):
        if scope_of(actor, permission).covers(membership.unit):
            return True
    if membership.end_reason == Membership.EndReason.TRANSFERRED:
        receiving = Unit.objects.filter(
            pk__in=Transfer.objects.filter(membership=membership, status=Transfer.Status.ACCEPTED).values("to_unit")
        )
        scope = scope_of(actor, perms.TRANSFER_MEMBER)
        return any(scope.covers(unit) for unit in receiving)
    return False


def revoke_on_leaving(*, actor: Any, membership: Membership, on: datetime.date) -> list[EmployerLetter]:
    """A member who leaves the union revokes their authorisations (KEP.187/2004 Pasal 5): every open
    one of the ended membership stops on the day it ended, and each employer gets a revocation
    notice. Called by the registry's services in their own transaction."""
    with transaction.atomic():
        if membership.status != Membership.Status.ENDED:
            raise AuthorisationRuleBroken(_("Only an ended membership revokes its authorisations."))
        if not _may_end_for(actor, membership):
            require(actor, perms.MANAGE_AUTHORISATIONS, None)
        open_ones = list(
            Authorisation.objects.select_for_update(of=("self",))
            .filter(membership=membership, revoked_on__isnull=True)
            .select_related("membership", "membership__member", "unit", "unit__region", "employer", "employer__region")
            .order_by("pk")
        )
        reason = letters.END_REASONS.get(membership.end_reason, "anggota keluar dari keanggotaan serikat pekerja")
        notices = []
        for authorisation in open_ones:
            # Never before it was signed (a backdated end); the database requires the order.
            notices.append(_revoke(actor, authorisation, max(on, authorisation.signed_on), reason))
        return notices


# --- letters -------------------------------------------------------------------------------------------


def _next_number(unit: Unit, day: datetime.date) -> str:
    """The union's next letter number in the year of `day`. The union's row is locked first, so two
    officers issuing at once get consecutive numbers; letters are never deleted, so counting works."""
    Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True).first()
    issued = EmployerLetter.objects.filter(unit=unit, issued_on__year=day.year).count()
    return letters.letter_number(issued + 1, unit.code, day)


def _record_letter(actor: Any, letter: EmployerLetter, **data: Any) -> None:
    record_event(
        actor=actor,
        kind=events.LETTER_ISSUED,
        subject=letter,
        unit=letter.unit,
        object_label=f"{letter.number} · {letter.employer.name}",
        data={"kind": letter.kind, "number": letter.number, "employer": letter.employer_id, **data},
    )


def _issue_revocation_notice(
    actor: Any, authorisation: Authorisation, issued_on: datetime.date, reason: str
) -> EmployerLetter:
    unit = Unit.objects.select_related("region", "territory__region").get(pk=authorisation.unit_id)
    authorisation.unit = unit
    number = _next_number(unit, issued_on)
    letter = EmployerLetter.objects.create(
        unit=unit,
        employer=authorisation.employer,
        kind=EmployerLetter.Kind.REVOCATION,
        number=number,
        issued_on=issued_on,
        authorisation=authorisation,
        content=letters.build_revocation_content(
            authorisation=authorisation, issued_on=issued_on, number=number, reason=reason
        ),
        issued_by=actor,
    )
    _record_letter(actor, letter, authorisation=authorisation.pk, membership=authorisation.membership_id)
    return letter


@transaction.atomic
def issue_revocation_notice(
    *, actor: Any, authorisation: Authorisation, issued_on: datetime.date | None = None
) -> EmployerLetter:
    """The notice for a revoked authorisation that has none yet (revoking issues one already; this
    is for authorisations revoked before notices existed, e.g. imported history)."""
    require(actor, perms.MANAGE_AUTHORISATIONS, authorisation.unit)
    authorisation = _locked(authorisation)
    if authorisation.revoked_on is None:
        raise Conflict(_("This authorisation has not been revoked."))
    if EmployerLetter.objects.filter(authorisation=authorisation, kind=EmployerLetter.Kind.REVOCATION).exists():
        raise Conflict(_("A revocation notice for this authorisation has already been issued."))
    issued_on = _check_issued_on(issued_on)
    return _issue_revocation_notice(actor, authorisation, issued_on, authorisation.revoked_reason or "-")


def _check_issued_on(issued_on: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if issued_on is None:
        return today
    if issued_on > today:
        raise AuthorisationRuleBroken(_("A letter cannot be dated in the future."), field="issued_on")
    if issued_on < today - datetime.timedelta(days=31):
        raise AuthorisationRuleBroken(_("A letter can be dated at most a month back."), field="issued_on")
    return issued_on


@transaction.atomic
def issue_notification_letter(
    *, actor: Any, unit: Unit, employer: Employer, issued_on: datetime.date | None = None
) -> EmployerLetter:
    """The check-off notification to `employer` (KEP.187/2004 Pasal 4): its content (the union and its
    registration number, officers in office, members with an authorisation in force, the dues
    rules) is frozen in the letter, so a reprint reads the same."""
    require(actor, perms.MANAGE_AUTHORISATIONS, unit)
    issued_on = _check_issued_on(issued_on)
    unit = Unit.objects.select_related("region", "territory__region").get(pk=unit.pk)
    if (
        employer.pk not in linked_employer_ids(unit)
        and not Authorisation.objects.filter(unit=unit, employer=employer).exists()
    ):
        raise AuthorisationRuleBroken(_("This employer is not linked to the union."), field="employer")
    authorisations = letters.authorised_members(unit, employer, issued_on)
    if not authorisations:
        raise AuthorisationRuleBroken(
            _("No member of this union has an authorisation in force for this employer."), field="employer"
        )
    number = _next_number(unit, issued_on)
    content = letters.build_notification_content(
        unit=unit, employer=employer, issued_on=issued_on, number=number, authorisations=authorisations
    )
    letter = EmployerLetter.objects.create(
        unit=unit,
        employer=employer,
        kind=EmployerLetter.Kind.NOTIFICATION,
        number=number,
        issued_on=issued_on,
        content=content,
        issued_by=actor,
    )
    _record_letter(actor, letter, members=len(authorisations))
    return letter


def letter_pdf(*, actor: Any, letter: EmployerLetter) -> bytes:
    """The letter as a PDF, from its snapshot. Rendered outside any transaction (WeasyPrint takes a
    moment); the export is audited right after, in its own transaction, only once the PDF exists."""
    require(actor, perms.MANAGE_AUTHORISATIONS, letter.unit)
    pdf = letters.render_pdf(letter)
    members = [row["membership"] for row in letter.content.get("members", [])]
    if letter.content.get("member"):
        members = [letter.content["member"]["membership"]]
    with transaction.atomic():
        record_event(
            actor=actor,
            kind=events.DUES_EXPORTED,
            subject=letter,
            unit=letter.unit,
            object_label=letter.number,
            data={"document": "employer_letter", "kind": letter.kind, "number": letter.number, "memberships": members},
        )
    return pdf


@transaction.atomic
def attach_scan(*, actor: Any, authorisation: Authorisation, document: Any) -> Authorisation:
    """The scan of a surat kuasa recorded without one (the signed paper turned up later): PDF, JPEG
    or PNG, at most 5 MB. A recorded scan is never replaced: it is the evidence behind the
    deductions the employer was told to make."""
    require(actor, perms.MANAGE_AUTHORISATIONS, authorisation.unit)
    authorisation = (
        Authorisation.objects.select_for_update().select_related("membership__member").get(pk=authorisation.pk)
    )
    if authorisation.document:
        raise Conflict(
            _("This authorisation already has its scan; a recorded scan is never replaced."), field="document"
        )
    if document is None:
        raise AuthorisationRuleBroken(_("Attach the scan of the signed form."), field="document")
    data, extension = _read_scan(document)
    authorisation.document.save(f"{secrets.token_urlsafe(24)}.{extension}", ContentFile(data), save=False)
    authorisation.save(update_fields=["document"])
    record_event(
        actor=actor,
        kind=events.AUTHORISATION_SCAN_ATTACHED,
        subject=authorisation,
        unit=authorisation.unit,
        object_label=authorisation.membership.member.full_name,
        data={"membership": authorisation.membership_id, "bytes": len(data), "type": extension},
    )
    return authorisation


def scan_of(*, actor: Any, authorisation: Authorisation) -> tuple[bytes, str, str]:
    """The scanned surat kuasa (bytes, content type, file name), for those who manage authorisations
    in the member's union; each download is audited."""
    require(actor, perms.MANAGE_AUTHORISATIONS, authorisation.unit)
    if not authorisation.document:
        raise AuthorisationRuleBroken(_("No scan was recorded for this authorisation."), field="document")
    with authorisation.document.open("rb") as handle:
        data = handle.read()
    found = scan_type(data[:16])
    if found is None:  # never serve something that is not what was accepted
        raise AuthorisationRuleBroken(_("The stored scan is not readable."), field="document")
    with transaction.atomic():
        record_event(
            actor=actor,
            kind=events.DUES_EXPORTED,
            subject=authorisation,
            unit=authorisation.unit,
            object_label=authorisation.membership.member.full_name,
            data={"document": "authorisation_scan", "memberships": [authorisation.membership_id]},
        )
    return data, found[1], f"surat-kuasa-{authorisation.pk}.{found[0]}"


__all__ = [
    "MAX_SCAN_BYTES",
    "AuthorisationRuleBroken",
    "attach_scan",
    "issue_notification_letter",
    "issue_revocation_notice",
    "letter_pdf",
    "record_authorisation",
    "record_authorisations",
    "revoke_authorisation",
    "revoke_on_leaving",
    "scan_of",
]
