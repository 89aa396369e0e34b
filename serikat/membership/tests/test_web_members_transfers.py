"""Transfers (mutasi) and dual-membership conflicts through their screens."""

import datetime

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict
from serikat.membership import services
from serikat.membership.models import Membership, MembershipConflict, Transfer
from serikat.membership.tests.test_web_members import JOINED, _count, register

pytestmark = pytest.mark.django_db

TRANSFERS = reverse("membership:transfers")
MOVES = "2025-09-01"


def test_the_releasing_union_requests_by_exact_code_and_the_receiving_union_accepts(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    releasing = client_for(make_user("secretariat", tree.puk_a))
    url = reverse("membership:transfer_request", args=[membership.pk])
    body = releasing.post(url, {"to_unit": "PUK-", "effective_on": MOVES}).content.decode()
    assert "No union with this code." in body
    response = releasing.post(url, {"to_unit": "PUK-C", "effective_on": MOVES, "reason": "New employer"})
    assert response.url == reverse("membership:member", args=[membership.pk])
    transfer = Transfer.objects.get()
    # Each side finds it on its transfers screen, in its own direction.
    body = releasing.get(TRANSFERS).content.decode()
    outgoing = body[body.index('id="outgoing"') : body.index('id="decided"')]
    assert "Siti" in outgoing and "Cancel the transfer" in outgoing
    receiving = client_for(make_user("secretariat", tree.puk_c))
    body = receiving.get(TRANSFERS).content.decode()
    incoming = body[body.index('id="incoming"') : body.index('id="outgoing"')]
    assert "Siti" in incoming and reverse("membership:transfer_accept", args=[transfer.pk]) in incoming
    # Only the receiving union accepts.
    assert releasing.get(reverse("membership:transfer_accept", args=[transfer.pk])).status_code == 403
    response = receiving.post(reverse("membership:transfer_accept", args=[transfer.pk]), {"note": "Welcome"})
    new = Membership.objects.get(unit=tree.puk_c)
    assert response.url == reverse("membership:member", args=[new.pk])
    membership.refresh_from_db()
    assert (membership.status, membership.end_reason, new.kta_number) == ("ended", "transferred", membership.kta_number)


def test_the_receiving_union_asks_with_nik_and_kta_and_a_wrong_pair_says_nothing_more(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    other = register(tree.admin, tree.puk_b, 2, "Budi")
    receiving = client_for(make_user("secretariat", tree.puk_c))
    url = reverse("membership:transfer_receive")
    assert 'value="PUK-C"' in receiving.get(url).content.decode()
    for nik, kta in ((membership.member.nik, other.kta_number), ("3216010101010001", membership.kta_number)):
        body = receiving.post(url, {"nik": nik, "kta_number": kta, "to_unit": "PUK-C", "effective_on": MOVES})
        assert "No current member with this NIK and KTA number." in body.content.decode()
    assert Transfer.objects.count() == 0
    body = receiving.post(url, {"nik": "PUK-A", "kta_number": "x", "to_unit": "PUK-A", "effective_on": MOVES})
    assert "No unit with this code where you may receive members." in body.content.decode()
    response = receiving.post(
        url,
        {"nik": membership.member.nik, "kta_number": membership.kta_number, "to_unit": "PUK-C", "effective_on": MOVES},
    )
    assert response.url == TRANSFERS
    transfer = Transfer.objects.get()
    assert (transfer.from_unit_id, transfer.to_unit_id, transfer.status) == (tree.puk_a.pk, tree.puk_c.pk, "requested")
    # The releasing union may cancel while it waits.
    releasing = client_for(make_user("secretariat", tree.puk_a))
    body = releasing.get(reverse("membership:transfer_decline", args=[transfer.pk])).content.decode()
    assert "Cancel the transfer of Siti" in body
    releasing.post(reverse("membership:transfer_decline", args=[transfer.pk]), {"note": "Still employed here"})
    transfer.refresh_from_db()
    assert (transfer.status, transfer.decision_note) == ("cancelled", "Still employed here")


def test_the_receiving_union_rejects(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    transfer = services.request_transfer(
        actor=tree.admin, membership=membership, to_unit=tree.puk_c, effective_on=JOINED
    )
    receiving = client_for(make_user("secretariat", tree.puk_c))
    assert (
        "Reject the transfer of Siti"
        in receiving.get(reverse("membership:transfer_decline", args=[transfer.pk])).content.decode()
    )
    receiving.post(reverse("membership:transfer_decline", args=[transfer.pk]), {})
    transfer.refresh_from_db()
    assert transfer.status == "rejected"
    assert sorted(
        AuditEvent.objects.filter(kind="membership.transfer_rejected").values_list("unit__code", flat=True)
    ) == [
        "PUK-A",
        "PUK-C",
    ]


def test_a_transfer_cannot_be_accepted_once_the_membership_ended_meanwhile(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    transfer = services.request_transfer(
        actor=tree.admin, membership=membership, to_unit=tree.puk_c, effective_on=JOINED
    )
    services.end_membership(actor=tree.admin, membership=membership, reason="death", ended_on=datetime.date(2025, 2, 1))
    receiving = client_for(make_user("secretariat", tree.puk_c))
    before = AuditEvent.objects.count()
    body = receiving.post(reverse("membership:transfer_accept", args=[transfer.pk]), {}).content.decode()
    assert "The membership is no longer current; this transfer cannot be accepted." in body
    assert (Membership.objects.count(), AuditEvent.objects.count()) == (1, before)


def test_a_move_into_a_federation_where_the_person_is_already_a_member_is_refused(tree):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    services.register_member(
        actor=tree.admin, unit=tree.spn_puk, nik=membership.member.nik, full_name="S", joined_on=JOINED
    )
    transfer = services.request_transfer(
        actor=tree.admin, membership=membership, to_unit=tree.spn_puk, effective_on=JOINED
    )
    with pytest.raises(Conflict):
        services.accept_transfer(actor=tree.admin, transfer=transfer)
    assert Membership.objects.filter(status="ended").count() == 0


def test_the_transfers_screen_costs_the_same_queries_for_3_transfers_and_30(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))

    def add(first, last):
        for i in range(first, last):
            membership = register(tree.admin, tree.puk_a if i % 2 else tree.puk_d, 10 + i, f"Anggota {i}")
            to_unit = tree.puk_c if i % 2 else tree.puk_b
            transfer = services.request_transfer(
                actor=tree.admin, membership=membership, to_unit=to_unit, effective_on=JOINED
            )
            if i % 3 == 0:
                services.decide_transfer_against(actor=tree.admin, transfer=transfer)

    add(0, 3)
    few = _count(client, TRANSFERS)
    add(3, 30)
    assert _count(client, TRANSFERS) == few


# --- conflicts -------------------------------------------------------------------------------


def test_the_confederation_settles_a_dual_membership(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    services.register_member(
        actor=tree.admin, unit=tree.spn_puk, nik=membership.member.nik, full_name="S", joined_on=JOINED
    )
    conflict = MembershipConflict.objects.get()
    url = reverse("membership:conflict_resolve", args=[conflict.pk])
    assert client_for(make_user("secretariat", tree.fspmi)).post(url, {"resolution": "x"}).status_code == 403
    root = client_for(make_user("secretariat", tree.root))
    assert "This field is required." in root.post(url, {"resolution": ""}).content.decode()
    response = root.post(url, {"resolution": "Chose SPN in writing on 3 March"})
    assert response.url == reverse("membership:conflicts")
    conflict.refresh_from_db()
    assert conflict.resolution == "Chose SPN in writing on 3 March"
    settled = client_for(make_user("secretariat", tree.puk_a)).get(
        reverse("membership:conflicts"), {"show": "resolved"}
    )
    body = settled.content.decode()
    assert "Chose SPN in writing on 3 March" in body and "SPN-PUK-S" not in body


def test_the_conflicts_screen_costs_the_same_queries_for_3_conflicts_and_30(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))

    def add(first, last):
        for i in range(first, last):
            membership = register(tree.admin, tree.puk_a, 10 + i, f"Anggota {i}")
            services.register_member(
                actor=tree.admin, unit=tree.spn_puk, nik=membership.member.nik, full_name="x", joined_on=JOINED
            )

    add(0, 3)
    few = _count(client, reverse("membership:conflicts"))
    add(3, 30)
    assert _count(client, reverse("membership:conflicts")) == few
    assert client.get(reverse("membership:conflicts")).content.decode().count("data-conflict=") == 30
