"""The registry's list endpoints answer with the same number of queries for 3 rows as for 30.

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the page itself (1) and any look-up of a filter's id.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.membership import services

# A name search reads the vocabulary of name words first (one more statement); on SQLite it then
# reads the candidates' names and the page's rows apart (one more again). See selectors.find_names.
TODAY = datetime.date.today()  # the local calendar day, as services use
NAME_SEARCH = 1 if connection.vendor == "postgresql" else 2

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/members": 5,
    "/members?status=active&status=suspended&gender=F&age_from=18&employment_status=permanent": 5,
    "/members?unit={pc_bks}": 6,  # + the unit, through its door
    "/members?q=Anggota": 5 + NAME_SEARCH,  # typo-tolerant name search, one ranked page
    "/transfers": 5,
    "/transfers?direction=incoming&status=requested": 5,
    "/conflicts": 5,
    "/conflicts?status=all": 5,
}
MEASURED = {endpoint.split("?")[0] for endpoint in LISTS}  # read by the core test of every list


def _nik(i: int) -> str:
    """A valid NIK from Kabupaten Bekasi (32.16.01) for a woman born in 1990, serial i + 1."""
    return f"321601{41 + i % 28:02d}{1 + i % 12:02d}90{i + 1:04d}"


def grow(tree, start, stop):
    """Per i: an active member at PUK-A waiting to move to PUK-C, and a dual member (PUK-B and SPN)."""
    admin = tree.admin
    for i in range(start, stop):
        moving = services.register_member(
            actor=admin, unit=tree.puk_a, nik=_nik(2 * i), full_name=f"Anggota Pindah {i}",
            joined_on=datetime.date(2024, 1, 1), employment_status="permanent",
        )  # fmt: skip
        moving = services.activate_membership(actor=admin, membership=moving)
        services.request_transfer(actor=admin, membership=moving, to_unit=tree.puk_c, effective_on=TODAY)
        for unit in (tree.puk_b, tree.spn_puk):
            services.register_member(
                actor=admin, unit=unit, nik=_nik(2 * i + 1), full_name=f"Anggota Ganda {i}",
                joined_on=datetime.date(2024, 1, 1),
            )  # fmt: skip


@pytest.mark.django_db
def test_registry_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    client = client_for(tree.admin)
    urls = {endpoint: API + endpoint.format(pc_bks=tree.pc_bks.pk) for endpoint in LISTS}
    grow(tree, 0, 3)
    small = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    grow(tree, 3, 30)
    large = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
