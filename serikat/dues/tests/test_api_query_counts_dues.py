"""The dues rules and reports list endpoints answer with the same number of queries for 3 rows as for 30.

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the page and its batch look-ups.
"""

from __future__ import annotations

import datetime

import pytest

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.dues.models import AllocationRun
from serikat.dues.services_allocation import run_allocation
from serikat.dues.services_rules import set_dues_policy, set_standing_rule
from serikat.dues.tests.rules_helpers import fspmi_rules, member

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/dues/policies": 5,
    "/dues/allocation-rules": 7,  # + shares and their levels, prefetched
    "/dues/standing-rules": 5,
    "/dues/allocation-runs": 5,
    "/dues/allocation-runs/{run_id}/entries": 6,  # + the run, through its door
    "/dues/levies": 5,
}
MEASURED = set(LISTS)  # read by the core test of every list


def month(i: int) -> datetime.date:
    return datetime.date(2022 + i // 12, i % 12 + 1, 1)


def grow(tree, start, stop):
    """Per i: a policy, an allocation rule and a standing rule of its own month, a member in another
    union, and the month allocated (a run, its entries and a levy)."""
    admin = tree.admin
    unions = [tree.puk_a, tree.puk_b, tree.puk_c, tree.puk_d]
    for i in range(start, stop):
        fspmi_rules(tree, valid_from=month(i))
        set_dues_policy(actor=admin, unit=tree.spn, valid_from=month(i), kind="flat", flat_amount=20_000)
        set_standing_rule(actor=admin, unit=tree.spn, valid_from=month(i))
        member(tree.admin, unions[i % 4], 5000 + i, activated_on=datetime.date(2021, 12, 1))
        run_allocation(actor=admin, federation=tree.fspmi, month=month(i))


@pytest.mark.django_db
def test_dues_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    client = client_for(tree.admin)
    grow(tree, 0, 3)
    run = AllocationRun.objects.order_by("-id").first()
    urls = {endpoint: API + endpoint.format(run_id=run.pk) for endpoint in LISTS}
    small = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    grow(tree, 3, 30)
    run = AllocationRun.objects.order_by("-id").first()
    urls = {endpoint: API + endpoint.format(run_id=run.pk) for endpoint in LISTS}
    large = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
