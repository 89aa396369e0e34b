"""Permission matrix of the distribution screens (URL names in COVERED; see
core/tests/test_pages_matrix.py).

The world: the confederation's package with a released edition; a print run of 100 participant
books ordered and delivered at the federation FSPMI; from there a planned consignment to PUK-A and a
shipped one to PUK-A. Actors: not signed in, no grant, the sibling plant union's secretariat
(PUK-B), the own plant union's (PUK-A: it receives), the federation's (FSPMI: it sends), the
provincial council's (DPW Jawa Barat, above PUK-A along the territory) and a read-only user at PUK-A.
Every write and every export, by each refused actor, answers a redirect to sign in, 404 or 403 and
changes nothing, audit log included.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.training import services_distribution as services
from serikat.training.models import Consignment, PrintRun, StockMovement
from serikat.training.tests.test_distribution_factories import make_package

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 3)

COVERED: set[str] = {
    "training:distribution",
    "training:distribution_incoming",
    "training:distribution_edition",
    "training:print_run_new",
    "training:print_run_deliver",
    "training:consignment_plan",
    "training:consignments_export",
    "training:distribution_stock",
    "training:stock_hand_out",
    "training:stock_count",
    "training:consignment",
    "training:consignment_ship",
    "training:consignment_receive",
    "training:consignment_cancel",
    "training:distribution_coverage",
    "training:coverage_export",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "sender", "territory", "own_reader")

# name, object keys (url args), expected GET status per actor
MATRIX = [
    ("training:distribution", (), (302, 403, 200, 200, 200, 200, 200)),
    # read_only holds no confirm_receipt: nothing could come in for it.
    ("training:distribution_incoming", (), (302, 403, 200, 200, 200, 200, 403)),
    # The edition is readable up the tree: a sibling plant union reads it too.
    ("training:distribution_edition", ("edition",), (302, 404, 200, 200, 200, 200, 200)),
    ("training:print_run_new", ("edition",), (302, 404, 200, 200, 200, 200, 403)),
    ("training:print_run_deliver", ("run",), (302, 404, 404, 404, 200, 404, 404)),
    ("training:consignment_plan", ("edition",), (302, 404, 200, 200, 200, 200, 403)),
    ("training:consignments_export", ("edition",), (302, 405, 405, 405, 405, 405, 405)),
    ("training:distribution_stock", ("edition", "puk_a"), (302, 404, 404, 200, 200, 200, 200)),
    ("training:stock_hand_out", ("edition", "puk_a"), (302, 405, 405, 405, 405, 405, 405)),
    ("training:stock_count", ("edition", "puk_a"), (302, 405, 405, 405, 405, 405, 405)),
    ("training:consignment", ("shipped",), (302, 404, 404, 200, 200, 200, 200)),
    ("training:consignment_ship", ("planned",), (302, 405, 405, 405, 405, 405, 405)),
    # Only the receiving side confirms: the sender sees the consignment but may not (403).
    ("training:consignment_receive", ("shipped",), (302, 404, 404, 200, 403, 200, 403)),
    ("training:consignment_cancel", ("planned",), (302, 405, 405, 405, 405, 405, 405)),
    ("training:distribution_coverage", ("package",), (302, 404, 200, 200, 200, 200, 200)),
    ("training:coverage_export", ("package",), (302, 405, 405, 405, 405, 405, 405)),
]

# name, object keys, posted data, expected status per refused actor (anonymous, no grant, sibling, own read-only)
WRITES = [
    # The sibling may record print runs, but not for PUK-A: the unit code is "not found" on the form.
    ("training:print_run_new", ("edition",), "print_run", (302, 404, 400, 403)),
    ("training:print_run_deliver", ("run",), "deliver", (302, 404, 404, 404)),
    ("training:consignment_plan", ("edition",), "plan", (302, 404, 400, 403)),
    ("training:consignment_ship", ("planned",), "ship", (302, 404, 404, 403)),
    ("training:consignment_receive", ("shipped",), "receive", (302, 404, 404, 403)),
    ("training:consignment_cancel", ("planned",), "cancel", (302, 404, 404, 403)),
    ("training:stock_hand_out", ("edition", "puk_a"), "hand_out", (302, 404, 404, 403)),
    ("training:stock_count", ("edition", "puk_a"), "count", (302, 404, 404, 403)),
]
# Exports need only the right to read: refused for those who cannot see the edition or package.
EXPORTS = [("training:consignments_export", ("edition",)), ("training:coverage_export", ("package",))]


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    admin = tree.admin
    run = services.record_print_run(
        actor=admin, edition=made.edition, unit=tree.fspmi, kind="participant_book", printer="Percetakan",
        quantity=100, cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    services.mark_print_run_delivered(actor=admin, print_run=run, delivered_on=DAY)
    pending = services.record_print_run(
        actor=admin, edition=made.edition, unit=tree.fspmi, kind="trainer_guide", printer="Percetakan",
        quantity=10, cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    planned, to_ship = services.plan_consignments(
        actor=admin, edition=made.edition, from_unit=tree.fspmi, kind="participant_book",
        allocations=[(tree.puk_a, 10), (tree.puk_c, 5)],
    )  # fmt: skip
    shipped = services.ship_consignment(actor=admin, consignment=to_ship, shipped_on=DAY)
    # The shipment to PUK-C is the one the matrix confirms; PUK-A's stays planned.
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "sender": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }
    # Copies at PUK-A to hand out and count.
    (at_a,) = services.plan_consignments(
        actor=admin, edition=made.edition, from_unit=tree.fspmi, kind="participant_book",
        allocations=[(tree.puk_a, 5)],
    )  # fmt: skip
    services.ship_consignment(actor=admin, consignment=at_a, shipped_on=DAY)
    services.confirm_receipt(actor=actors["own"], consignment=at_a, received_quantity=5, received_on=DAY)
    objects = {
        "edition": made.edition,
        "package": made.package,
        "run": pending,
        "planned": planned,
        "shipped": _to_puk_a(shipped, tree, admin, made.edition, actors),
        "puk_a": tree.puk_a,
    }
    return objects, actors, tree


def _to_puk_a(shipped_to_c, tree, admin, edition, actors):
    """A shipped consignment to PUK-A (the matrix's own unit)."""
    (row,) = services.plan_consignments(
        actor=admin, edition=edition, from_unit=tree.fspmi, kind="participant_book", allocations=[(tree.puk_a, 3)]
    )
    return services.ship_consignment(actor=admin, consignment=row, shipped_on=DAY)


def _url(name, keys, objects):
    return reverse(name, args=[objects[key].pk for key in keys])


DATA = {
    "print_run": {
        "unit": "PUK-A",
        "kind": "participant_book",
        "printer": "X",
        "quantity": "5",
        "ordered_on": "2025-03-01",
    },
    "deliver": {"delivered_on": "2025-03-04"},
    "plan": {"sender": "PUK-A", "kind": "participant_book", "level": "plant", "quantity": "1", "confirm": "1"},
    "ship": {"shipped_on": "2025-03-04", "carrier": "JNE"},
    "receive": {"received_quantity": "3", "received_on": "2025-03-05"},
    "cancel": {"reason": "salah alamat"},
    "hand_out": {"kind": "participant_book", "quantity": "1", "handed_out_on": "2025-03-05", "training": "Dasar"},
    "count": {"kind": "participant_book", "counted": "4", "counted_on": "2025-03-05", "reason": "hilang"},
}


@pytest.mark.parametrize(("name", "keys", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, keys, expected):
    objects, actors, _tree = world
    url = _url(name, keys, objects)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def fingerprint():
    return (
        list(PrintRun.objects.values_list("id", "delivered_on")),
        list(Consignment.objects.values_list("id", "status", "received_quantity")),
        list(StockMovement.objects.values_list("id", "quantity")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "keys", "data", "refused"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, keys, data, refused):
    objects, actors, _tree = world
    url = _url(name, keys, objects)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), refused, strict=True):
        before = fingerprint()
        response = client_for(actors[actor]).post(url, DATA[data])
        assert (actor, response.status_code) == (actor, status)
        assert fingerprint() == before, actor


@pytest.mark.parametrize(("name", "keys"), EXPORTS, ids=[row[0] for row in EXPORTS])
def test_refused_exports_leave_no_trace(world, client_for, name, keys):
    objects, actors, _tree = world
    url = _url(name, keys, objects)
    for actor, status in (("anonymous", 302), ("no_grant", 404)):
        before = fingerprint()
        response = client_for(actors[actor]).post(url, {"format": "csv", "level": "plant"})
        assert (actor, response.status_code) == (actor, status)
        assert response.get("Content-Type", "").startswith("text/html")
        assert fingerprint() == before, actor
