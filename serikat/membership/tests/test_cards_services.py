"""print_card and print_unit_cards: scope, issuing where needed, one audit event per document."""

from __future__ import annotations

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.errors import NotFound
from serikat.membership import services, services_documents
from serikat.membership.errors import MembershipRuleBroken
from serikat.membership.models import MemberCard
from serikat.membership.tests.cards_helpers import active_member, page_size_pt, pdf_reader, text_of

pytestmark = pytest.mark.django_db

BASE = "https://serikat.example.org"


def exported():
    return list(
        AuditEvent.objects.filter(kind="membership.members_exported")
        .order_by("id")
        .values_list("unit__code", "data__document", "data__count", "data__issued")
    )


def test_printing_a_member_without_a_card_issues_one_and_audits_both(tree, make_user):
    officer = make_user("secretariat", tree.puk_a)
    membership = active_member(tree.admin, tree.puk_a)
    pdf = services_documents.print_card(actor=officer, membership=membership, base_url=BASE)
    card = MemberCard.objects.get(membership=membership)
    assert len(pdf_reader(pdf).pages) == 2
    assert f"{BASE}/verify/{card.token}/" in text_of(pdf_reader(pdf).pages[1])
    assert AuditEvent.objects.filter(kind="membership.card_issued", actor=officer).count() == 1
    assert exported() == [("PUK-A", "card", 1, 1)]


def test_printing_again_reuses_the_current_card(tree, make_user):
    officer = make_user("secretariat", tree.puk_a)
    membership = active_member(tree.admin, tree.puk_a)
    card = services.issue_card(actor=tree.admin, membership=membership)
    pdf = services_documents.print_card(actor=officer, membership=membership, base_url=BASE)
    assert list(MemberCard.objects.values_list("pk", "revoked_at")) == [(card.pk, None)]
    assert card.token in text_of(pdf_reader(pdf).pages[1])
    assert exported() == [("PUK-A", "card", 1, 0)]


def test_a_suspended_member_gets_no_card_printed(tree):
    membership = active_member(tree.admin, tree.puk_a)
    services.issue_card(actor=tree.admin, membership=membership)
    services.suspend_membership(actor=tree.admin, membership=membership, reason="dues")
    before = AuditEvent.objects.count()
    with pytest.raises(MembershipRuleBroken):
        services_documents.print_card(actor=tree.admin, membership=membership)
    assert AuditEvent.objects.count() == before


def test_out_of_scope_printing_is_refused_as_not_found_and_writes_nothing(tree, make_user):
    membership = active_member(tree.admin, tree.puk_a)
    before = (MemberCard.objects.count(), AuditEvent.objects.count())
    for actor in (make_user("secretariat", tree.puk_b), make_user("read_only", tree.puk_a), make_user()):
        with pytest.raises(NotFound):
            services_documents.print_card(actor=actor, membership=membership)
        with pytest.raises(NotFound):
            services_documents.print_unit_cards(actor=actor, unit=tree.puk_a)
    assert (MemberCard.objects.count(), AuditEvent.objects.count()) == before


def test_a_unit_batch_issues_the_missing_cards_and_prints_the_units_active_members(tree, make_user):
    officer = make_user("secretariat", tree.pc_bks)
    printed = [active_member(tree.admin, tree.puk_a, n, full_name=f"Anggota {n:02d}") for n in range(1, 13)]
    old_cards = {m.pk: services.issue_card(actor=tree.admin, membership=m) for m in printed[:5]}
    suspended = active_member(tree.admin, tree.puk_a, 20, full_name="Ditangguhkan")
    services.suspend_membership(actor=tree.admin, membership=suspended, reason="dues")
    elsewhere = active_member(tree.admin, tree.puk_b, 21, full_name="Di PUK-B")
    issued_before = AuditEvent.objects.filter(kind="membership.card_issued").count()

    pdf = services_documents.print_unit_cards(actor=officer, unit=tree.puk_a, base_url=BASE)

    reader = pdf_reader(pdf)
    assert len(reader.pages) == 4  # 12 cards: two sheets, fronts and backs
    assert {round(v) for v in page_size_pt(reader.pages[0])} == {595, 842}
    fronts = text_of(reader.pages[0]) + text_of(reader.pages[2])
    assert [f"Anggota {n:02d}" in fronts for n in range(1, 13)] == [True] * 12
    assert "Ditangguhkan" not in fronts and "Di PUK-B" not in fronts
    # The five kept their cards; seven were issued, each audited by issue_card.
    for pk, card in old_cards.items():
        assert MemberCard.objects.get(membership_id=pk).pk == card.pk
    assert MemberCard.objects.filter(membership__in=printed, revoked_at__isnull=True).count() == 12
    assert AuditEvent.objects.filter(kind="membership.card_issued").count() == issued_before + 7
    assert not MemberCard.objects.filter(membership__in=[suspended, elsewhere]).exists()
    # One event for the batch, naming every membership printed.
    assert exported() == [("PUK-A", "unit_cards", 12, 7)]
    event = AuditEvent.objects.get(kind="membership.members_exported")
    assert (event.actor_id, sorted(event.data["memberships"])) == (officer.pk, sorted(m.pk for m in printed))


def test_a_unit_without_active_members_prints_nothing(tree):
    with pytest.raises(MembershipRuleBroken):
        services_documents.print_unit_cards(actor=tree.admin, unit=tree.puk_c)
    assert exported() == []


def test_a_failed_render_leaves_no_export_event(tree, monkeypatch):
    membership = active_member(tree.admin, tree.puk_a)

    def broken(*args, **kwargs):
        raise RuntimeError("typst failed")

    monkeypatch.setattr(services_documents.card_documents, "render_cards", broken)
    with pytest.raises(RuntimeError):
        services_documents.print_unit_cards(actor=tree.admin, unit=tree.puk_a)
    assert exported() == []
    # The card issued stays valid; the next print reuses it.
    assert MemberCard.objects.filter(membership=membership, revoked_at__isnull=True).count() == 1
