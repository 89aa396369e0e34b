"""The distribution and feedback lists answer with the same number of queries for 3 rows as for 30
(registered in serikat/core/tests/test_api_world.QUERY_COUNT_MODULES)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.core.tests.test_api_world import API
from serikat.organisation.services import create_unit
from serikat.training import services_distribution as distribution
from serikat.training import services_feedback as feedback
from serikat.training.tests.test_distribution_factories import make_package

MEASURED = (
    "/training/print-runs",
    "/training/consignments",
    "/training/stock",
    "/training/coverage",
    "/training/coverage/federations",
    "/training/feedback",
)
DAY = datetime.date(2025, 3, 3)


def grow(tree, made, receiver, start, stop):
    """Plant unions start..stop-1 under PC SPL Bekasi, each sent 2 copies from a print run of its own,
    received; one feedback item from each."""
    level = tree.level(tree.fspmi, "PUK")
    for n in range(start, stop):
        unit = create_unit(actor=tree.admin, parent=tree.pc_bks, level=level, code=f"PUK-Q{n}", name=f"PUK Q{n}")
        run = distribution.record_print_run(
            actor=tree.admin, edition=made.edition, unit=tree.root, kind="participant_book", printer=f"P{n}",
            quantity=2, cost_amount=0, ordered_on=DAY,
        )  # fmt: skip
        distribution.mark_print_run_delivered(actor=tree.admin, print_run=run, delivered_on=DAY)
        (row,) = distribution.plan_consignments(
            actor=tree.admin, edition=made.edition, from_unit=tree.root, kind="participant_book",
            allocations=[(unit, 2)],
        )  # fmt: skip
        distribution.ship_consignment(actor=tree.admin, consignment=row, shipped_on=DAY)
        distribution.confirm_receipt(actor=receiver, consignment=row, received_quantity=2, received_on=DAY)
        feedback.send_feedback(
            actor=tree.admin, edition=made.edition, unit=tree.root, module_id=made.module.pk, from_role="trainer",
            body=f"Masukan {n}",
        )  # fmt: skip


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["items"])


@pytest.mark.django_db
def test_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for, make_user):
    made = make_package(tree)
    receiver = make_user("trainer", tree.fspmi)
    client = client_for(tree.admin)
    lists = {
        "/training/print-runs": 5,
        f"/training/print-runs?edition={made.edition.pk}": 6,
        "/training/consignments?direction=in": 5,
        f"/training/stock?edition={made.edition.pk}": 6,
        f"/training/coverage?package={made.package.pk}&level=plant": 7,
        f"/training/coverage/federations?package={made.package.pk}&level=plant": 8,
        "/training/feedback?status=new": 5,
    }
    grow(tree, made, receiver, 0, 3)
    small = {url: measure(client, API + url) for url in lists}
    grow(tree, made, receiver, 3, 30)
    large = {url: measure(client, API + url) for url in lists}
    assert {url: (small[url][0], large[url][0]) for url in lists} == {url: (n, n) for url, n in lists.items()}
    grown = [url for url in lists if "federations" not in url and not large[url][1] > small[url][1] >= 3]
    assert grown == [], "lists that did not grow"
