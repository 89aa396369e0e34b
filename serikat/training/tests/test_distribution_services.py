"""Print runs, consignments and the stock ledger, through the services with real rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, Forbidden, NotFound
from serikat.training import events
from serikat.training import services_distribution as services
from serikat.training.models import Consignment, PrintRun, StockMovement
from serikat.training.tests.test_distribution_factories import make_package

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are asserted in English (the msgids), whatever the catalogues translate."""
    with translation.override("en"):
        yield


BOOK = "participant_book"
GUIDE = "trainer_guide"
DAY = datetime.date(2025, 3, 3)


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    publisher = make_user("training_publisher", tree.root)
    run = services.record_print_run(
        actor=publisher,
        edition=made.edition,
        unit=tree.root,
        kind=BOOK,
        printer="Percetakan Maju",
        quantity=100,
        cost_amount="1.500.000",
        ordered_on=DAY,
    )
    services.mark_print_run_delivered(actor=publisher, print_run=run, delivered_on=DAY)
    made.publisher, made.run = publisher, run
    made.puk_a_officer = make_user("secretariat", tree.puk_a)
    return made


def stock(unit, edition, kind=BOOK):
    return services.stock_of(unit=unit, edition=edition, kind=kind)


def fingerprint():
    return (
        list(PrintRun.objects.values_list("id", "delivered_on")),
        list(Consignment.objects.values_list("id", "status", "received_quantity")),
        StockMovement.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_delivered_print_run_enters_the_ordering_units_stock_once(world, tree):
    assert world.run.cost_amount == 1500000
    assert stock(tree.root, world.edition) == 100
    assert stock(tree.root, world.edition, GUIDE) == 0
    before = fingerprint()
    with pytest.raises(Conflict):
        services.mark_print_run_delivered(actor=world.publisher, print_run=world.run, delivered_on=DAY)
    assert fingerprint() == before
    kinds = list(AuditEvent.objects.filter(kind__startswith="training.").values_list("kind", flat=True))
    assert sorted(kinds) == [events.PRINT_RUN_DELIVERED, events.PRINT_RUN_RECORDED]


def test_print_run_needs_distribution_rights_over_the_ordering_unit(world, tree, make_user):
    trainer = make_user("trainer", tree.fspmi)
    before = fingerprint()
    with pytest.raises(NotFound):
        services.record_print_run(
            actor=trainer, edition=world.edition, unit=tree.fspmi, kind=BOOK, printer="X", quantity=5,
            cost_amount=0, ordered_on=DAY,
        )  # fmt: skip
    assert fingerprint() == before


def test_print_run_problems_name_their_fields(world, tree):
    with pytest.raises(DomainError) as refused:
        services.record_print_run(
            actor=world.publisher, edition=world.edition, unit=tree.root, kind="poster", printer=" ",
            quantity=0, cost_amount="12,5", ordered_on=datetime.date(2999, 1, 1),
        )  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["kind", "printer", "quantity", "cost_amount", "ordered_on"]


def test_the_ledger_adds_up_through_plan_ship_receive_hand_out_and_count(world, tree):
    planned = services.plan_consignments(
        actor=world.publisher,
        edition=world.edition,
        from_unit=tree.root,
        kind=BOOK,
        allocations=[(tree.fspmi, 40), (tree.puk_a, 25)],
    )
    assert stock(tree.root, world.edition) == 100  # planning moves nothing
    to_puk = next(c for c in planned if c.to_unit_id == tree.puk_a.pk)
    services.ship_consignment(actor=world.publisher, consignment=to_puk, shipped_on=DAY, carrier="JNE 123")
    assert stock(tree.root, world.edition) == 75
    services.confirm_receipt(
        actor=world.puk_a_officer, consignment=to_puk, received_quantity=23, received_on=DAY, note="2 basah"
    )
    assert stock(tree.puk_a, world.edition) == 23
    services.hand_out_copies(
        actor=world.puk_a_officer, edition=world.edition, unit=tree.puk_a, kind=BOOK, quantity=20,
        handed_out_on=DAY, training="Pelatihan dasar PUK A",
    )  # fmt: skip
    assert stock(tree.puk_a, world.edition) == 3
    services.correct_stock(
        actor=world.puk_a_officer, edition=world.edition, unit=tree.puk_a, kind=BOOK, counted=1,
        counted_on=DAY, reason="2 dipinjam, tidak kembali",
    )  # fmt: skip
    assert stock(tree.puk_a, world.edition) == 1
    ledger = list(StockMovement.objects.order_by("id").values_list("unit__code", "kind", "quantity"))
    assert ledger == [
        ("KSPI", "printed", 100),
        ("KSPI", "shipped", -25),
        ("PUK-A", "received", 23),
        ("PUK-A", "handed_out", -20),
        ("PUK-A", "adjusted", -2),
    ]
    assert Consignment.objects.get(pk=to_puk.pk).receipt_note == "2 basah"


def test_planning_more_than_the_available_stock_is_refused_with_the_numbers(world, tree):
    services.plan_consignments(
        actor=world.publisher, edition=world.edition, from_unit=tree.root, kind=BOOK, allocations=[(tree.spn, 70)]
    )
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        services.plan_consignments(
            actor=world.publisher,
            edition=world.edition,
            from_unit=tree.root,
            kind=BOOK,
            allocations=[(tree.fspmi, 20), (tree.puk_a, 15)],
        )
    assert str(refused.value.message) == (
        "KSPI holds 100 copies of the participant book and has planned 70 for other units, "
        "so 30 are available; these consignments need 35."
    )
    assert fingerprint() == before


def test_shipping_checks_the_ledger_again(world, tree):
    (planned,) = services.plan_consignments(
        actor=world.publisher, edition=world.edition, from_unit=tree.root, kind=BOOK, allocations=[(tree.spn, 90)]
    )
    services.hand_out_copies(
        actor=world.publisher, edition=world.edition, unit=tree.root, kind=BOOK, quantity=20,
        handed_out_on=DAY, training="ToT nasional",
    )  # fmt: skip
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        services.ship_consignment(actor=world.publisher, consignment=planned, shipped_on=DAY)
    assert str(refused.value.message) == "KSPI holds 80 copies of the participant book; this consignment needs 90."
    assert fingerprint() == before


def test_a_plan_refuses_receivers_outside_the_scope_duplicates_and_the_sender(world, tree, make_user):
    fspmi_officer = make_user("secretariat", tree.fspmi)
    before = fingerprint()
    with pytest.raises(NotFound):
        services.plan_consignments(
            actor=fspmi_officer, edition=world.edition, from_unit=tree.fspmi, kind=BOOK,
            allocations=[(tree.puk_a, 1), (tree.spn_puk, 1)],
        )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.plan_consignments(
            actor=world.publisher, edition=world.edition, from_unit=tree.root, kind=BOOK,
            allocations=[(tree.puk_a, 1), (tree.puk_a, 2), (tree.root, 1)],
        )  # fmt: skip
    assert [(p.field, str(p.message)) for p in refused.value.problems] == [
        ("allocations.1.unit", "PUK-A is chosen twice."),
        ("allocations.2.unit", "KSPI cannot send copies to itself."),
    ]
    assert fingerprint() == before


def _shipped_to_puk_a(world, tree, quantity=10):
    (row,) = services.plan_consignments(
        actor=world.publisher, edition=world.edition, from_unit=tree.root, kind=BOOK,
        allocations=[(tree.puk_a, quantity)],
    )  # fmt: skip
    return services.ship_consignment(actor=world.publisher, consignment=row, shipped_on=DAY)


def test_only_an_officer_of_the_receiving_unit_confirms(world, tree, make_user):
    shipped = _shipped_to_puk_a(world, tree)
    sender_officer = make_user("secretariat", tree.root)  # holds confirm_receipt, but covers the sender
    sibling = make_user("secretariat", tree.puk_b)
    before = fingerprint()
    with pytest.raises(Forbidden):
        services.confirm_receipt(actor=sender_officer, consignment=shipped, received_quantity=10, received_on=DAY)
    with pytest.raises(NotFound):
        services.confirm_receipt(actor=sibling, consignment=shipped, received_quantity=10, received_on=DAY)
    assert fingerprint() == before
    branch = make_user("secretariat", tree.pc_bks)  # above the plant union, not above the sender
    services.confirm_receipt(actor=branch, consignment=shipped, received_quantity=10, received_on=DAY)
    assert Consignment.objects.get(pk=shipped.pk).received_by == branch


def test_a_short_receipt_needs_a_note_and_cannot_exceed_the_shipment(world, tree):
    shipped = _shipped_to_puk_a(world, tree)
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        services.confirm_receipt(actor=world.puk_a_officer, consignment=shipped, received_quantity=8, received_on=DAY)
    assert [(p.field, str(p.message)) for p in refused.value.problems] == [
        ("note", "Say what happened to the missing or damaged copies.")
    ]
    with pytest.raises(DomainError) as refused:
        services.confirm_receipt(actor=world.puk_a_officer, consignment=shipped, received_quantity=11, received_on=DAY)
    assert [p.field for p in refused.value.problems] == ["received_quantity"]
    assert fingerprint() == before


def test_a_receipt_is_confirmed_once(world, tree):
    shipped = _shipped_to_puk_a(world, tree)
    services.confirm_receipt(actor=world.puk_a_officer, consignment=shipped, received_quantity=10, received_on=DAY)
    before = fingerprint()
    with pytest.raises(Conflict):
        services.confirm_receipt(actor=world.puk_a_officer, consignment=shipped, received_quantity=10, received_on=DAY)
    assert fingerprint() == before


def test_cancelling_a_shipped_consignment_returns_its_copies(world, tree):
    shipped = _shipped_to_puk_a(world, tree, quantity=30)
    assert stock(tree.root, world.edition) == 70
    services.cancel_consignment(actor=world.publisher, consignment=shipped, reason="Alamat salah")
    assert stock(tree.root, world.edition) == 100
    assert Consignment.objects.get(pk=shipped.pk).status == "cancelled"
    before = fingerprint()
    with pytest.raises(Conflict):
        services.cancel_consignment(actor=world.publisher, consignment=shipped, reason="lagi")
    assert fingerprint() == before


def test_cancelling_a_planned_consignment_frees_the_planned_copies(world, tree):
    (planned,) = services.plan_consignments(
        actor=world.publisher, edition=world.edition, from_unit=tree.root, kind=BOOK, allocations=[(tree.spn, 100)]
    )
    services.cancel_consignment(actor=world.publisher, consignment=planned, reason="Ganti rencana")
    assert services.planned_from(unit=tree.root, edition=world.edition, kind=BOOK) == 0
    assert StockMovement.objects.filter(consignment=planned).count() == 0
    assert (
        len(
            services.plan_consignments(
                actor=world.publisher,
                edition=world.edition,
                from_unit=tree.root,
                kind=BOOK,
                allocations=[(tree.fspmi, 100)],
            )
        )
        == 1
    )


def test_handing_out_below_zero_is_refused(world, tree):
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        services.hand_out_copies(
            actor=world.puk_a_officer, edition=world.edition, unit=tree.puk_a, kind=BOOK, quantity=1,
            handed_out_on=DAY, training="Pelatihan",
        )  # fmt: skip
    assert str(refused.value.message) == "PUK-A holds 0 copies of the participant book; 1 cannot be handed out."
    assert fingerprint() == before


def test_a_count_that_matches_the_ledger_records_nothing(world, tree):
    before = fingerprint()
    with pytest.raises(DomainError) as refused:
        services.correct_stock(
            actor=world.publisher, edition=world.edition, unit=tree.root, kind=BOOK, counted=100,
            counted_on=DAY, reason="stock opname",
        )  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["counted"]
    assert fingerprint() == before


def test_every_write_is_audited_at_its_unit(world, tree):
    shipped = _shipped_to_puk_a(world, tree)
    services.confirm_receipt(actor=world.puk_a_officer, consignment=shipped, received_quantity=10, received_on=DAY)
    trail = list(
        AuditEvent.objects.filter(object_type="training.consignment").order_by("id").values_list("kind", "unit__code")
    )
    assert trail == [
        (events.CONSIGNMENT_PLANNED, "KSPI"),
        (events.CONSIGNMENT_SHIPPED, "KSPI"),
        (events.CONSIGNMENT_RECEIVED, "PUK-A"),
    ]
