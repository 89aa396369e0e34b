"""The remittance list endpoints answer with the same number of queries for 3 rows as for 30.

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the page (1), and the remittance or the filter's union through its
door (1).
"""

from __future__ import annotations

import datetime

import pytest

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.dues.models import ReconciliationException, Remittance, RemittanceLine
from serikat.organisation.services import register_employer

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/remittances": 5,
    "/remittances?unit={puk_a}&status=open&month=2026-03": 6,
    "/remittances/{remittance_id}/lines": 6,
    "/remittances/{remittance_id}/lines?outcome=amount_differs": 6,
    "/remittances/{remittance_id}/exceptions": 6,
    "/remittances/{remittance_id}/exceptions?status=open": 6,
}
MEASURED = {endpoint.split("?")[0] for endpoint in LISTS}  # read by the core test of every list


def grow(tree, remittance, start, stop):
    for i in range(start, stop):
        employer = register_employer(actor=tree.admin, unit=tree.puk_a, name=f"PT N{i}")
        Remittance.objects.create(
            unit=tree.puk_a, employer=employer, month=datetime.date(2026, 3, 1), uploaded_by=tree.admin
        )
        line = RemittanceLine.objects.create(
            remittance=remittance, row=i + 2, nik=f"{i:016d}", deducted_amount=40_000, expected_amount=51_235,
            outcome="amount_differs",
        )  # fmt: skip
        ReconciliationException.objects.create(
            remittance=remittance, kind="amount_differs", line=line, amount=40_000, expected_amount=51_235
        )
        ReconciliationException.objects.create(remittance=remittance, kind="not_deducted", expected_amount=51_235)


@pytest.mark.django_db
def test_remittance_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    client = client_for(tree.admin)
    employer = register_employer(actor=tree.admin, unit=tree.puk_a, name="PT Utama")
    remittance = Remittance.objects.create(
        unit=tree.puk_a, employer=employer, month=datetime.date(2026, 3, 1), uploaded_by=tree.admin
    )
    urls = {e: API + e.format(puk_a=tree.puk_a.pk, remittance_id=remittance.pk) for e in LISTS}
    grow(tree, remittance, 0, 3)
    small = {e: measure(client, url) for e, url in urls.items()}
    grow(tree, remittance, 3, 30)
    large = {e: measure(client, url) for e, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
