"""The coverage view on the tree fixture: which units hold the current edition, only an older one,
or nothing; counts per federation; the same queries for 3 plant unions or 30."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.organisation.services import create_unit
from serikat.training import services_distribution as services
from serikat.training.selectors_distribution import (
    CoverageFilters,
    coverage_counts,
    coverage_page,
    coverage_state,
    coverage_units,
)
from serikat.training.tests.test_distribution_factories import make_package, release

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 3)
BOOK = "participant_book"


def deliver(actor, edition, unit, copies=100):
    run = services.record_print_run(
        actor=actor, edition=edition, unit=unit, kind=BOOK, printer="Percetakan", quantity=copies,
        cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    services.mark_print_run_delivered(actor=actor, print_run=run, delivered_on=DAY)


def send(actor, edition, receivers, *, receive=True):
    planned = services.plan_consignments(
        actor=actor, edition=edition, from_unit=edition.package.unit, kind=BOOK,
        allocations=[(unit, 5) for unit in receivers],
    )  # fmt: skip
    for row in planned:
        services.ship_consignment(actor=actor, consignment=row, shipped_on=DAY)
        if receive:
            row.to_unit.refresh_from_db()
            services.confirm_receipt(actor=actor.receiver, consignment=row, received_quantity=5, received_on=DAY)


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    publisher = make_user("training_publisher", tree.root)
    # One receiver account standing for the plant unions' and federations' officers.
    publisher.receiver = make_user("trainer", tree.fspmi)
    spn_receiver = make_user("trainer", tree.spn)
    deliver(publisher, made.edition, tree.root)
    send(publisher, made.edition, [tree.fspmi, tree.puk_c])
    made.second = release(made.package, tree.admin)
    made.package.refresh_from_db()
    deliver(publisher, made.second, tree.root)
    send(publisher, made.second, [tree.puk_a])
    send(publisher, made.second, [tree.puk_b], receive=False)
    made.publisher, made.spn_receiver = publisher, spn_receiver
    return made


def states(actor, package, **filters):
    return {
        u.code: (coverage_state(u), u.in_transit) for u in coverage_units(actor, package, CoverageFilters(**filters))
    }


def test_plant_unions_by_edition_held(world, tree):
    assert states(world.publisher, world.package, level="plant") == {
        "PUK-A": ("current", False),
        "PUK-B": ("none", True),
        "PUK-C": ("older", False),
        "PUK-D": ("none", False),
        "SPN-PUK-S": ("none", False),
    }


def test_federations_and_units_under_a_provincial_council(world, tree):
    assert states(world.publisher, world.package, level="federation") == {
        "FSPMI": ("older", False),
        "SPN": ("none", False),
    }
    # DPW Jawa Barat reaches its plant unions through the territory, not the tree.
    assert set(states(world.publisher, world.package, level="plant", under=tree.dpw_jabar)) == {
        "PUK-A", "PUK-B", "PUK-C",
    }  # fmt: skip


def test_the_state_filter_and_the_actors_scope(world, tree, make_user):
    assert set(states(world.publisher, world.package, level="plant", state="none")) == {"PUK-B", "PUK-D", "SPN-PUK-S"}
    assert set(states(world.publisher, world.package, level="plant", state="older")) == {"PUK-C"}
    branch = make_user("secretariat", tree.pc_bks)
    assert states(branch, world.package, level="plant") == {"PUK-A": ("current", False), "PUK-B": ("none", True)}
    assert states(make_user(), world.package, level="plant") == {}


def test_counts_per_federation(world, tree):
    counts = coverage_counts(world.publisher, world.package, CoverageFilters(level="plant"))
    assert [(c.code, c.units, c.current, c.older, c.none) for c in counts] == [
        ("FSPMI", 4, 1, 1, 2),
        ("SPN", 1, 0, 0, 1),
    ]


def test_pages_continue_in_tree_order(world, tree):
    first = coverage_page(world.publisher, world.package, CoverageFilters(level="plant"), limit=3)
    second = coverage_page(
        world.publisher, world.package, CoverageFilters(level="plant"), after=first["next_after"], limit=3
    )
    assert [u.code for u in first["items"]] + [u.code for u in second["items"]] == [
        "PUK-A", "PUK-B", "PUK-C", "PUK-D", "SPN-PUK-S",
    ]  # fmt: skip
    assert second["next_after"] is None


def _grow(tree, start, stop):
    level = tree.level(tree.fspmi, "PUK")
    for i in range(start, stop):
        create_unit(actor=tree.admin, parent=tree.pc_tng, level=level, code=f"PUK-N{i}", name=f"PUK N{i}")


def _cost(world):
    with CaptureQueriesContext(connection) as queries:
        page = coverage_page(world.publisher, world.package, CoverageFilters(level="plant"), limit=100)
        counts = coverage_counts(world.publisher, world.package, CoverageFilters(level="plant"))
    return len(queries), len(page["items"]), counts[0].units


def test_coverage_costs_the_same_queries_for_3_or_30_more_plant_unions(world, tree):
    _grow(tree, 0, 3)
    small = _cost(world)
    _grow(tree, 3, 30)
    large = _cost(world)
    assert (small[0], small[1], large[1], large[2]) == (large[0], 8, 35, 34)
