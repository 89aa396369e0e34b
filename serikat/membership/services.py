"""Use cases of the member registry. Each takes the actor first, checks scope, writes, and records
its audit event in the same transaction."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, changes_between, record_event, record_events, snapshot
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, ValidationProblems
from serikat.core.scoping import require, scope_of
from serikat.dues.services_authorisations import revoke_on_leaving
from serikat.membership import events
from serikat.membership.errors import MembershipRuleBroken
from serikat.membership.models import (
    CURRENT_STATUSES,
    FederationRegistry,
    Member,
    MemberCard,
    Membership,
    MembershipConflict,
    Transfer,
)
from serikat.membership.names import count_name_words, index_name_words
from serikat.membership.nik import cross_check, database_region_index, parse_nik
from serikat.membership.phones import normalise_phone
from serikat.organisation.models import Employer, Unit, Workplace

MEMBER_FIELDS = ("full_name", "gender", "birth_date", "birth_place", "phone", "email", "address", "region")
MEMBERSHIP_FIELDS = (
    "employer",
    "workplace",
    "employee_number",
    "employment_status",
    "job_title",
    "department",
    "monthly_wage_amount",
    "consent_given_at",
    "consent_method",
    "consent_purposes",
)


def federation_of(unit: Unit) -> Unit:
    """The federation a unit belongs to (its ancestor at depth 2)."""
    if unit.depth < 2:
        raise MembershipRuleBroken(_("Members belong to a union inside a federation."), field="unit")
    return Unit.objects.get(path=unit.federation_path)


def check_person(
    *, nik: str, gender: str | None, birth_date: datetime.date | None, problems: ValidationProblems
) -> tuple[str, str | None, datetime.date | None, list[str]]:
    """Validate a NIK; derive missing gender and birth date; return review flags for disagreements."""
    result = parse_nik(nik, regions=database_region_index())
    for problem in result.errors:
        problems.add("nik", problem.message)
    if result.facts is None:
        return nik, gender, birth_date, []
    flags = [p.code for p in result.warnings]
    flags += [p.code for p in cross_check(result.facts, birth_date=birth_date, gender=gender)]
    return result.facts.nik, gender or result.facts.gender, birth_date or result.facts.birth_date, flags


def check_employment(actor: Any, fields: dict[str, Any], problems: ValidationProblems) -> None:
    """The workplace must belong to the employer (which defaults to the workplace's), and both must be
    visible to the actor: a membership never points at a company the officer cannot see."""
    workplace, employer = fields.get("workplace"), fields.get("employer")
    if workplace is not None:
        if employer is None:
            fields["employer"] = employer = workplace.employer
        elif employer.pk != workplace.employer_id:
            problems.add("workplace", _("This workplace belongs to another employer."))
        if not Workplace.objects.visible_to(actor, perms.VIEW_EMPLOYER).filter(pk=workplace.pk).exists():
            problems.add("workplace", _("Not found."))
    if (
        employer is not None
        and not Employer.objects.visible_to(actor, perms.VIEW_EMPLOYER).filter(pk=employer.pk).exists()
    ):
        problems.add("employer", _("Not found."))


def _check_changed_employment(actor: Any, membership: Membership, changes: dict[str, Any]) -> None:
    """check_employment for a change: a new employer is checked against the workplace kept, so that a
    membership's workplace always belongs to its employer (a workplace's lists find its memberships
    through their employer; ADR 0027). A workplace given alone brings its employer."""
    problems = ValidationProblems()
    employment = {"employer": changes.get("employer"), "workplace": changes.get("workplace")}
    if "workplace" not in changes and membership.workplace_id is not None:
        employment["workplace"] = membership.workplace
        if changes["employer"] is None:
            problems.add("workplace", _("This workplace belongs to another employer."))
    if not problems.problems and (employment["employer"] is not None or employment["workplace"] is not None):
        check_employment(actor, employment, problems)
    problems.raise_if_any(_("The membership was not changed."))
    if "workplace" in changes and "employer" not in changes and employment["employer"] is not None:
        changes["employer"] = employment["employer"]


def detect_conflicts(membership: Membership, actor: Any) -> list[MembershipConflict]:
    """Dual membership: the same person current in another federation, or in another union at the
    same employer. Each conflict is recorded once and reported to both sides and the confederation."""
    others = (
        Membership.objects.filter(member_id=membership.member_id, status__in=CURRENT_STATUSES)
        .exclude(pk=membership.pk)
        .filter(
            Q(~Q(federation_id=membership.federation_id))
            | Q(employer_id=membership.employer_id, employer__isnull=False)
        )
    )
    found = []
    for other in others.select_related("unit"):
        if other.federation_id != membership.federation_id:
            kind = MembershipConflict.Kind.TWO_FEDERATIONS
        elif other.unit_id != membership.unit_id:
            kind = MembershipConflict.Kind.TWO_UNIONS_ONE_EMPLOYER
        else:
            continue
        first, second = sorted((other, membership), key=lambda m: m.pk)
        if MembershipConflict.objects.filter(first=first, second=second, resolved_at__isnull=True).exists():
            continue
        conflict = MembershipConflict.objects.create(
            member_id=membership.member_id, first=first, second=second, kind=kind
        )
        found.append(conflict)
        # One event per side, each in that side's unit, naming only that side's membership.
        record_events(
            [
                build_event(
                    actor=actor,
                    kind=events.CONFLICT_DETECTED,
                    subject=conflict,
                    unit=side.unit,
                    object_label=str(membership.member),
                    data={"kind": kind, "membership": side.pk},
                )
                for side in (first, second)
            ]
        )
    return found


@transaction.atomic
def register_member(
    *,
    actor: Any,
    unit: Unit,
    nik: str,
    full_name: str,
    joined_on: datetime.date,
    gender: str | None = None,
    birth_date: datetime.date | None = None,
    birth_place: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    region: Any = None,
    **membership_fields: Any,
) -> Membership:
    """Record an application to join `unit`. The person is matched by NIK across the confederation:
    an existing person gets a new membership (re-joining, or a second union: flagged as a conflict)."""
    require(actor, perms.CHANGE_MEMBER, unit)
    unknown = set(membership_fields) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise MembershipRuleBroken(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    problems = ValidationProblems()
    nik, gender, birth_date, flags = check_person(nik=nik, gender=gender, birth_date=birth_date, problems=problems)
    if not full_name.strip():
        problems.add("full_name", _("Give the member's full name."))
    if gender not in ("F", "M") and not problems.problems:
        problems.add("gender", _("Choose the member's gender."))
    try:
        phone = normalise_phone(phone)
    except DomainError as error:
        problems.problems.extend(error.problems)
    wage = membership_fields.get("monthly_wage_amount")
    if wage is not None and wage < 0:
        problems.add("monthly_wage_amount", _("The wage cannot be negative."))
    check_employment(actor, membership_fields, problems)
    problems.raise_if_any(_("The member was not registered."))
    federation = federation_of(unit)
    member = Member.objects.select_for_update().filter(nik=nik).first()
    if member is None:
        member = Member.objects.create(
            nik=nik,
            full_name=full_name.strip(),
            gender=gender,
            birth_date=birth_date,
            birth_place=birth_place.strip(),
            phone=phone,
            email=email.strip(),
            address=address.strip(),
            region=region,
            review_flags=flags,
        )
        count_name_words(added=[member.full_name])  # the name search's vocabulary (ADR 0019)
    elif Membership.objects.filter(member=member, federation=federation, status__in=CURRENT_STATUSES).exists():
        raise Conflict(
            _("This NIK is already a member in this federation. Use a transfer to move them to another unit."),
            field="nik",
        )
    membership = Membership.objects.create(
        member=member,
        unit=unit,
        federation=federation,
        joined_on=joined_on,
        status=Membership.Status.APPLICANT,
        **membership_fields,
    )
    index_name_words(memberships=[membership.pk])  # the one-word search's index (ADR 0026)
    record_event(
        actor=actor,
        kind=events.MEMBER_REGISTERED,
        subject=membership,
        unit=unit,
        object_label=member.full_name,
        data={"review_flags": flags, "returning": member.memberships.count() > 1},
    )
    detect_conflicts(membership, actor)
    return membership


def kta_numbers_in_use(federation: Unit) -> QuerySet[Membership]:
    """The memberships of the federation that hold a KTA number no other may take. Written with the
    conditions of kta_unique_in_federation, as it writes them, so that SQLite probes that index too:
    there is no other index of KTA numbers by federation (ADR 0027)."""
    return (
        Membership.objects.filter(federation=federation).exclude(kta_number="").exclude(status=Membership.Status.ENDED)
    )


def _next_kta_number(federation: Unit, unit: Unit) -> str:
    """The next free number in the federation's format. Numbers that came in by import are skipped."""
    registry, _created = FederationRegistry.objects.select_for_update().get_or_create(federation=federation)
    in_use = kta_numbers_in_use(federation)
    while True:
        number = registry.kta_format.format(
            federation=federation.code, unit=unit.code, year=timezone.localdate().year, seq=registry.next_kta_seq
        )
        registry.next_kta_seq += 1
        if not in_use.filter(kta_number=number).exists():
            break
    registry.save(update_fields=["next_kta_seq"])
    return number


@transaction.atomic
def activate_membership(*, actor: Any, membership: Membership, activated_on: datetime.date | None = None) -> Membership:
    """Verify an application: the member becomes active and receives a KTA number unique in the federation."""
    require(actor, perms.CHANGE_MEMBER, membership.unit)
    if membership.status != Membership.Status.APPLICANT:
        raise Conflict(_("Only an application can be activated."))
    membership.status = Membership.Status.ACTIVE
    membership.activated_on = activated_on or timezone.localdate()
    if not membership.kta_number:
        membership.kta_number = _next_kta_number(membership.federation, membership.unit)
    membership.save(update_fields=["status", "activated_on", "kta_number", "updated_at"])
    record_event(
        actor=actor,
        kind=events.MEMBERSHIP_ACTIVATED,
        subject=membership,
        unit=membership.unit,
        object_label=str(membership.member),
        changes={"status": ["applicant", "active"], "kta_number": ["", membership.kta_number]},
    )
    detect_conflicts(membership, actor)
    return membership


@transaction.atomic
def update_member(*, actor: Any, member: Member, **changes: Any) -> Member:
    """Correct a person's details. The NIK itself is never edited (it is the person's identity)."""
    unit_ids = list(member.memberships.values_list("unit_id", flat=True))
    scope = scope_of(actor, perms.CHANGE_MEMBER)
    units = [u for u in Unit.objects.filter(pk__in=unit_ids) if scope.covers(u)]
    if not units:
        require(actor, perms.CHANGE_MEMBER, None)
    unknown = set(changes) - set(MEMBER_FIELDS)
    if unknown:
        raise MembershipRuleBroken(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    if "phone" in changes:
        changes["phone"] = normalise_phone(changes["phone"])
    if "full_name" in changes and not str(changes["full_name"]).strip():
        raise MembershipRuleBroken(_("Give the member's full name."), field="full_name")
    before = snapshot(member, changes)
    for field, value in changes.items():
        setattr(member, field, value.strip() if isinstance(value, str) else value)
    diff = changes_between(before, snapshot(member, changes))
    if not diff:
        return member
    if "gender" in diff or "birth_date" in diff:
        result = parse_nik(member.nik, regions=database_region_index())
        if result.facts is not None:
            old_flags = list(member.review_flags or [])
            member.review_flags = [p.code for p in result.warnings] + [
                p.code for p in cross_check(result.facts, birth_date=member.birth_date, gender=member.gender)
            ]
            if member.review_flags != old_flags:
                diff["review_flags"] = [old_flags, member.review_flags]
    member.save(update_fields=[*[f for f in diff if f in MEMBER_FIELDS], "review_flags", "updated_at"])
    if "full_name" in diff:
        count_name_words(added=[member.full_name], removed=[before["full_name"]])
        index_name_words(renamed=[(member.pk, before["full_name"])])
    record_event(actor=actor, kind=events.MEMBER_CHANGED, subject=member, unit=units[0], changes=diff)
    return member


@transaction.atomic
def update_membership(*, actor: Any, membership: Membership, **changes: Any) -> Membership:
    require(actor, perms.CHANGE_MEMBER, membership.unit)
    unknown = set(changes) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise MembershipRuleBroken(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    if "employer" in changes or "workplace" in changes:
        _check_changed_employment(actor, membership, changes)
    before = snapshot(membership, changes)
    for field, value in changes.items():
        setattr(membership, field, value.strip() if isinstance(value, str) else value)
    diff = changes_between(before, snapshot(membership, changes))
    if diff:
        membership.save(update_fields=[*diff, "updated_at"])
        record_event(
            actor=actor,
            kind=events.MEMBERSHIP_CHANGED,
            subject=membership,
            unit=membership.unit,
            object_label=str(membership.member),
            changes=diff,
        )
    return membership


@transaction.atomic
def suspend_membership(*, actor: Any, membership: Membership, reason: str) -> Membership:
    require(actor, perms.CHANGE_MEMBER, membership.unit)
    if membership.status != Membership.Status.ACTIVE:
        raise Conflict(_("Only an active membership can be suspended."))
    if not reason.strip():
        raise MembershipRuleBroken(_("Say why the membership is suspended."), field="reason")
    membership.status = Membership.Status.SUSPENDED
    membership.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        kind=events.MEMBERSHIP_SUSPENDED,
        subject=membership,
        unit=membership.unit,
        object_label=str(membership.member),
        changes={"status": ["active", "suspended"]},
        data={"reason": reason},
    )
    return membership


@transaction.atomic
def reinstate_membership(*, actor: Any, membership: Membership) -> Membership:
    require(actor, perms.CHANGE_MEMBER, membership.unit)
    if membership.status != Membership.Status.SUSPENDED:
        raise Conflict(_("Only a suspended membership can be reinstated."))
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        kind=events.MEMBERSHIP_REINSTATED,
        subject=membership,
        unit=membership.unit,
        object_label=str(membership.member),
        changes={"status": ["suspended", "active"]},
    )
    return membership


def _revoke_cards(membership: Membership, reason: str) -> int:
    return MemberCard.objects.filter(membership=membership, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership, reason: str, ended_on: datetime.date) -> Membership:
    """End a membership (death, resignation, dismissal, another union, leaving the employer).
    Its cards stop verifying; open conflicts it was part of are resolved; its open deduction
    authorisations are revoked on the day it ends, with a notice to each employer (docs/dues.md 2)."""
    require(actor, perms.CHANGE_MEMBER, membership.unit)
    if reason not in Membership.EndReason.values:
        raise MembershipRuleBroken(_("Choose why the membership ends."), field="reason")
    if membership.status == Membership.Status.ENDED:
        raise Conflict(_("This membership has already ended."))
    if ended_on < membership.joined_on:
        raise MembershipRuleBroken(_("A membership cannot end before it began."), field="ended_on")
    old = membership.status
    membership.status = Membership.Status.ENDED
    membership.ended_on = ended_on
    membership.end_reason = reason
    membership.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    revoked = _revoke_cards(membership, _("membership ended"))
    MembershipConflict.objects.filter(Q(first=membership) | Q(second=membership), resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolution=_("one membership ended")
    )
    record_event(
        actor=actor,
        kind=events.MEMBERSHIP_ENDED,
        subject=membership,
        unit=membership.unit,
        object_label=str(membership.member),
        changes={"status": [old, "ended"]},
        data={"reason": reason, "ended_on": ended_on, "cards_revoked": revoked},
    )
    revoke_on_leaving(actor=actor, membership=membership, on=ended_on)
    return membership


@transaction.atomic
def rejoin_member(
    *, actor: Any, member: Member, unit: Unit, joined_on: datetime.date, **membership_fields: Any
) -> Membership:
    """A former member applies again: a new membership; the history of the old ones stays."""
    return register_member(
        actor=actor,
        unit=unit,
        nik=member.nik,
        full_name=member.full_name,
        joined_on=joined_on,
        gender=member.gender,
        birth_date=member.birth_date,
        **membership_fields,
    )


# --- transfers (mutasi) --------------------------------------------------------------------------


@transaction.atomic
def request_transfer(
    *, actor: Any, membership: Membership, to_unit: Unit, effective_on: datetime.date, reason: str = ""
) -> Transfer:
    """Either side may ask. The releasing unit names the receiving union by its exact code (it need
    not see it otherwise); the receiving unit names the member by NIK and KTA number together
    (see find_membership_to_receive), which proves it holds the member's card."""
    scope = scope_of(actor, perms.TRANSFER_MEMBER)
    if not (scope.covers(membership.unit) or scope.covers(to_unit)):
        require(actor, perms.TRANSFER_MEMBER, None)
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.SUSPENDED):
        raise MembershipRuleBroken(_("Only a current member can be transferred."))
    if to_unit.pk == membership.unit_id:
        raise MembershipRuleBroken(_("The member is already in that unit."), field="to_unit")
    if to_unit.status == Unit.Status.DISSOLVED:
        raise MembershipRuleBroken(_("That union has been dissolved."), field="to_unit")
    if not to_unit.level.is_plant and to_unit.depth < 3:
        raise MembershipRuleBroken(_("Members are transferred to a union, not to a federation board."), field="to_unit")
    if Transfer.objects.filter(membership=membership, status=Transfer.Status.REQUESTED).exists():
        raise Conflict(_("A transfer of this member is already waiting."))
    transfer = Transfer.objects.create(
        membership=membership,
        from_unit=membership.unit,
        to_unit=to_unit,
        effective_on=effective_on,
        reason=reason.strip(),
        requested_by=actor,
    )
    record_events(
        [
            build_event(
                actor=actor,
                kind=events.TRANSFER_REQUESTED,
                subject=transfer,
                unit=side,
                object_label=str(membership.member),
                data={"from": membership.unit_id, "to": to_unit.pk},
            )
            for side in (membership.unit, to_unit)
        ]
    )
    return transfer


def find_membership_to_receive(*, nik: str, kta_number: str) -> Membership | None:
    """The current membership a receiving unit may ask to take over: both NIK and KTA must match."""
    return (
        Membership.objects.filter(
            member__nik=nik.strip(), kta_number=kta_number.strip(), status__in=("active", "suspended")
        )
        .select_related("member", "unit")
        .first()
    )


@transaction.atomic
def accept_transfer(*, actor: Any, transfer: Transfer, note: str = "") -> Membership:
    """The receiving unit accepts: the old membership ends as 'transferred' and a new one starts
    there the same day; within one federation the KTA number travels with the member."""
    require(actor, perms.TRANSFER_MEMBER, transfer.to_unit)
    transfer = Transfer.objects.select_for_update().select_related("membership").get(pk=transfer.pk)
    if transfer.status != Transfer.Status.REQUESTED:
        raise Conflict(_("This transfer has already been decided."))
    old = transfer.membership
    if old.status not in (Membership.Status.ACTIVE, Membership.Status.SUSPENDED):
        # Ended (or otherwise changed) while the transfer waited: there is nothing left to move.
        raise Conflict(_("The membership is no longer current; this transfer cannot be accepted."))
    to_federation = federation_of(transfer.to_unit)
    same_federation = to_federation.pk == old.federation_id
    if (
        not same_federation
        and Membership.objects.filter(
            member_id=old.member_id, federation=to_federation, status__in=CURRENT_STATUSES
        ).exists()
    ):
        raise Conflict(_("This person is already a member in the receiving federation."))
    kta = old.kta_number if same_federation else ""
    old.status = Membership.Status.ENDED
    old.ended_on = max(transfer.effective_on, old.joined_on)
    old.end_reason = Membership.EndReason.TRANSFERRED
    old.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    cards = list(MemberCard.objects.filter(membership=old, revoked_at__isnull=True))
    new = Membership.objects.create(
        member_id=old.member_id,
        unit=transfer.to_unit,
        federation=to_federation,
        joined_on=transfer.effective_on,
        status=Membership.Status.ACTIVE if same_federation else Membership.Status.APPLICANT,
        activated_on=transfer.effective_on if same_federation else None,
        kta_number=kta,
        **{
            f: getattr(old, f)
            for f in (
                "employee_number",
                "employment_status",
                "job_title",
                "department",
                "monthly_wage_amount",
                "consent_given_at",
                "consent_method",
                "consent_purposes",
            )
        },
    )
    index_name_words(memberships=[new.pk])
    if same_federation:
        MemberCard.objects.filter(pk__in=[c.pk for c in cards]).update(membership=new)
    else:
        _revoke_cards(old, _("transferred to another federation"))
    # Conflicts the old membership was part of are settled by the move; the new one is checked below.
    MembershipConflict.objects.filter(Q(first=old) | Q(second=old), resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolution=_("membership transferred")
    )
    transfer.status = Transfer.Status.ACCEPTED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note.strip()
    transfer.new_membership = new
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "new_membership"])
    record_events(
        [
            build_event(
                actor=actor,
                kind=events.TRANSFER_ACCEPTED,
                subject=transfer,
                unit=side,
                object_label=str(old.member),
                data={"old_membership": old.pk, "new_membership": new.pk},
            )
            for side in (transfer.from_unit, transfer.to_unit)
        ]
    )
    # The old union's surat kuasa end with the old membership: deductions for the receiving union
    # need the member's new authorisation (docs/dues.md section 2).
    revoke_on_leaving(actor=actor, membership=old, on=old.ended_on)
    detect_conflicts(new, actor)
    return new


@transaction.atomic
def decide_transfer_against(*, actor: Any, transfer: Transfer, note: str = "") -> Transfer:
    """The receiving unit rejects, or the requesting side cancels, a waiting transfer."""
    scope = scope_of(actor, perms.TRANSFER_MEMBER)
    if transfer.status != Transfer.Status.REQUESTED:
        raise Conflict(_("This transfer has already been decided."))
    if scope.covers(transfer.to_unit):
        transfer.status, kind = Transfer.Status.REJECTED, events.TRANSFER_REJECTED
    elif scope.covers(transfer.from_unit):
        transfer.status, kind = Transfer.Status.CANCELLED, events.TRANSFER_CANCELLED
    else:
        require(actor, perms.TRANSFER_MEMBER, None)
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note.strip()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_events(
        [
            build_event(
                actor=actor, kind=kind, subject=transfer, unit=side, object_label=str(transfer.membership.member)
            )
            for side in (transfer.from_unit, transfer.to_unit)
        ]
    )
    return transfer


# --- cards and conflicts -------------------------------------------------------------------------


@transaction.atomic
def issue_card(*, actor: Any, membership: Membership) -> MemberCard:
    """A new card with an unguessable verification token; earlier cards of the membership stop verifying."""
    require(actor, perms.PRINT_CARDS, membership.unit)
    if membership.status != Membership.Status.ACTIVE or not membership.kta_number:
        raise MembershipRuleBroken(_("Cards are issued to active members with a KTA number."))
    replaced = _revoke_cards(membership, _("replaced by a new card"))
    card = MemberCard.objects.create(membership=membership, token=secrets.token_urlsafe(32))
    record_event(
        actor=actor,
        kind=events.CARD_ISSUED,
        subject=card,
        unit=membership.unit,
        object_label=str(membership.member),
        data={"kta_number": membership.kta_number, "cards_replaced": replaced},
    )
    return card


@transaction.atomic
def revoke_card(*, actor: Any, card: MemberCard, reason: str) -> MemberCard:
    """A lost or stolen card: its QR code stops verifying at once."""
    require(actor, perms.PRINT_CARDS, card.membership.unit)
    if card.revoked_at is not None:
        raise Conflict(_("This card has already been revoked."))
    card.revoked_at = timezone.now()
    card.revoked_reason = reason.strip() or _("revoked")
    card.save(update_fields=["revoked_at", "revoked_reason"])
    record_event(
        actor=actor, kind=events.CARD_REVOKED, subject=card, unit=card.membership.unit, data={"reason": reason}
    )
    return card


@transaction.atomic
def resolve_conflict(*, actor: Any, conflict: MembershipConflict, resolution: str) -> MembershipConflict:
    """Record how a dual membership was settled (e.g. the member chose one union in writing)."""
    require(actor, perms.CHANGE_MEMBER, conflict.first.unit)
    require(actor, perms.CHANGE_MEMBER, conflict.second.unit)
    if conflict.resolved_at is not None:
        raise Conflict(_("This conflict is already resolved."))
    if not resolution.strip():
        raise MembershipRuleBroken(_("Say how the conflict was resolved."), field="resolution")
    conflict.resolved_at = timezone.now()
    conflict.resolution = resolution.strip()
    conflict.save(update_fields=["resolved_at", "resolution"])
    record_events(
        [
            build_event(
                actor=actor,
                kind=events.CONFLICT_RESOLVED,
                subject=conflict,
                unit=side.unit,
                object_label=str(conflict.member),
                data={"resolution": conflict.resolution},
            )
            for side in (conflict.first, conflict.second)
        ]
    )
    return conflict
