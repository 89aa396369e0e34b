"""The authorisation and letter lists answer with the same number of queries for 3 rows as for 30
(registered in serikat/core/tests/test_api_world.QUERY_COUNT_MODULES)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.core.tests.test_api_world import API
from serikat.dues import services_authorisations as services
from serikat.dues.tests.authorisations_world import plant_union
from serikat.membership.tests.cards_helpers import active_member

# endpoint -> queries: session and user (2), two-factor check (1), grants (1), the page, and one
# batch look-up of the page's revocation notices.
LISTS = {
    "/dues/authorisations": 6,
    "/dues/authorisations?state=revoked": 6,
    "/dues/employer-letters": 5,
}
MEASURED = ("/dues/authorisations", "/dues/employer-letters")


def grow(tree, union, start, stop):
    """Members start..stop-1 of PUK-A, each authorised, then revoked (a notice each) and authorised
    again, and one notification letter per round."""
    for n in range(start, stop):
        membership = active_member(tree.admin, tree.puk_a, 300 + n, full_name=f"Anggota N{n}", employer=union.employer)
        first = services.record_authorisation(
            actor=tree.admin, membership=membership, employer=union.employer, signed_on=datetime.date(2025, 1, 2)
        )
        services.revoke_authorisation(
            actor=tree.admin, authorisation=first, revoked_on=datetime.date(2025, 3, 31), reason="dicabut"
        )
        services.record_authorisation(
            actor=tree.admin, membership=membership, employer=union.employer, signed_on=datetime.date(2025, 4, 1)
        )
    services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["items"])


@pytest.mark.django_db
def test_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for, make_user):
    union = plant_union(tree, members=0, rules=False)
    client = client_for(make_user("secretariat", tree.puk_a))
    grow(tree, union, 0, 3)
    small = {endpoint: measure(client, API + endpoint) for endpoint in LISTS}
    grow(tree, union, 3, 30)
    large = {endpoint: measure(client, API + endpoint) for endpoint in LISTS}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
