import datetime

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, NotFound
from serikat.membership import services
from serikat.membership.models import FederationRegistry, MemberCard, Membership, MembershipConflict, Transfer

pytestmark = pytest.mark.django_db

JOINED = datetime.date(2025, 3, 1)
# Kabupaten Bekasi (32.16), district 01, born 17 Aug 1985, a woman (17 + 40 = 57).
SITI = "3216015708850001"
BUDI = "3216010203900002"


def register(actor, unit, nik=SITI, **extra):
    fields = {"full_name": "Siti Rahayu", "joined_on": JOINED, "phone": "0812-3456-7890", **extra}
    return services.register_member(actor=actor, unit=unit, nik=nik, **fields)


def test_registering_derives_gender_and_birth_date_from_the_nik_and_stores_the_phone_as_e164(tree):
    membership = register(tree.admin, tree.puk_a)
    member = membership.member
    assert (member.gender, member.birth_date, member.phone) == ("F", datetime.date(1985, 8, 17), "+6281234567890")
    assert (membership.status, membership.federation_id, membership.kta_number) == ("applicant", tree.fspmi.pk, "")
    assert member.review_flags == []
    assert AuditEvent.objects.filter(kind="membership.member_registered", unit=tree.puk_a).count() == 1


def test_a_declared_gender_that_contradicts_the_nik_is_kept_and_flagged(tree):
    member = register(tree.admin, tree.puk_a, gender="M").member
    assert (member.gender, member.review_flags) == ("M", ["nik_gender_mismatch"])


def test_an_invalid_nik_is_refused_with_the_field_named_and_nothing_written(tree):
    with pytest.raises(DomainError) as error:
        register(tree.admin, tree.puk_a, nik="3216013002850001")
    assert [p.field for p in error.value.problems] == ["nik"]
    assert Membership.objects.count() == 0
    assert AuditEvent.objects.filter(kind__startswith="membership.").count() == 0


def test_activation_assigns_kta_numbers_in_the_federations_format_in_order(tree):
    FederationRegistry.objects.create(federation=tree.fspmi, kta_format="{unit}/{seq:05d}", next_kta_seq=41)
    first = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_a))
    second = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_b, nik=BUDI))
    assert (first.status, first.kta_number, second.kta_number) == ("active", "PUK-A/00041", "PUK-B/00042")


def test_registering_a_current_member_again_in_the_same_federation_is_refused(tree):
    register(tree.admin, tree.puk_a)
    with pytest.raises(Conflict):
        register(tree.admin, tree.puk_c)
    assert Membership.objects.count() == 1


def test_a_nik_active_in_two_federations_is_a_conflict_each_side_sees_only_its_own_membership(tree, make_user):
    fspmi_side = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_a))
    spn_side = register(tree.admin, tree.spn_puk)
    conflict = MembershipConflict.objects.get()
    assert (conflict.kind, conflict.member_id) == ("two_federations", fspmi_side.member_id)
    jabar = make_user("secretariat", tree.dpw_jabar)
    spn = make_user("secretariat", tree.spn)
    root = make_user("administrator", tree.root)
    for user in (jabar, spn, root):
        assert list(MembershipConflict.objects.visible_to(user, "membership.view_member")) == [conflict]
    assert list(Membership.objects.visible_to(jabar, "membership.view_member")) == [fspmi_side]
    assert list(Membership.objects.visible_to(spn, "membership.view_member")) == [spn_side]
    events = AuditEvent.objects.filter(kind="membership.conflict_detected")
    assert sorted(events.values_list("unit__code", flat=True)) == ["PUK-A", "SPN-PUK-S"]


def test_transfer_is_requested_by_one_side_and_accepted_by_the_receiver_keeping_the_kta(tree, make_user):
    old = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_a))
    card = services.issue_card(actor=tree.admin, membership=old)
    releasing = make_user("secretariat", tree.puk_a)
    receiving = make_user("secretariat", tree.puk_c)
    transfer = services.request_transfer(
        actor=releasing, membership=old, to_unit=tree.puk_c, effective_on=datetime.date(2025, 9, 1)
    )
    with pytest.raises(NotFound):
        services.accept_transfer(actor=releasing, transfer=transfer)
    new = services.accept_transfer(actor=receiving, transfer=transfer)
    old.refresh_from_db()
    card.refresh_from_db()
    assert (old.status, old.end_reason, old.ended_on) == ("ended", "transferred", datetime.date(2025, 9, 1))
    assert (new.unit_id, new.status, new.kta_number) == (tree.puk_c.pk, "active", old.kta_number)
    assert (card.membership_id, card.revoked_at) == (new.pk, None)
    assert Transfer.objects.get().status == "accepted"


def test_ending_a_membership_revokes_its_cards_and_needs_a_reason(tree):
    membership = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_a))
    services.issue_card(actor=tree.admin, membership=membership)
    with pytest.raises(DomainError):
        services.end_membership(actor=tree.admin, membership=membership, reason="", ended_on=JOINED)
    services.end_membership(
        actor=tree.admin, membership=membership, reason="resignation", ended_on=datetime.date(2025, 6, 30)
    )
    assert MemberCard.objects.filter(revoked_at__isnull=True).count() == 0
    rejoined = services.rejoin_member(
        actor=tree.admin, member=membership.member, unit=tree.puk_a, joined_on=datetime.date(2026, 1, 5)
    )
    assert rejoined.status == "applicant"
    assert list(membership.member.memberships.order_by("id").values_list("status", flat=True)) == [
        "ended",
        "applicant",
    ]


def test_an_officer_of_another_unit_cannot_register_into_this_one_and_nothing_is_written(tree, make_user):
    sibling = make_user("secretariat", tree.puk_b)
    with pytest.raises(NotFound):
        register(sibling, tree.puk_a)
    assert (Membership.objects.count(), AuditEvent.objects.filter(kind__startswith="membership.").count()) == (0, 0)


def test_a_kta_number_that_came_in_by_import_is_skipped_when_numbering(tree):
    FederationRegistry.objects.create(federation=tree.fspmi, kta_format="K-{seq:03d}", next_kta_seq=7)
    imported = register(tree.admin, tree.puk_a)
    Membership.objects.filter(pk=imported.pk).update(status="active", kta_number="K-007")
    activated = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_b, nik=BUDI))
    assert activated.kta_number == "K-008"
    assert FederationRegistry.objects.get(federation=tree.fspmi).next_kta_seq == 9


def test_a_transfer_to_a_dissolved_union_is_refused(tree):
    membership = services.activate_membership(actor=tree.admin, membership=register(tree.admin, tree.puk_a))
    tree.puk_c.status = "dissolved"
    tree.puk_c.save()
    with pytest.raises(DomainError):
        services.request_transfer(
            actor=tree.admin, membership=membership, to_unit=tree.puk_c, effective_on=datetime.date(2025, 9, 1)
        )
    assert Transfer.objects.count() == 0
