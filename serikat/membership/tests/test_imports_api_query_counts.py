"""The import list endpoints answer with the same number of queries for 3 rows as for 30.

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the page (1), and the batch or the filter's unit through its door (1).
"""

from __future__ import annotations

import pytest

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.membership.models import ImportBatch, ImportProblem

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/imports": 5,
    "/imports?unit={puk_a}&status=checked": 6,
    "/imports/{batch_id}/problems": 6,
    "/imports/{batch_id}/problems?kind=error": 6,
}
MEASURED = {endpoint.split("?")[0] for endpoint in LISTS}  # read by the core test of every list


def grow(tree, batch, start, stop):
    for i in range(start, stop):
        ImportBatch.objects.create(
            unit=tree.puk_a,
            uploaded_by=tree.admin,
            file=f"imports/{i}.csv",
            filename=f"anggota-{i}.csv",
            file_sha256=f"{i:064d}",
            file_format="csv",
            status="checked",
            mapping={"header_row": 0, "headers": ["NIK"], "columns": {"0": "nik"}, "unknown": []},
            counts={"phase": "check", "rows": i},
        )
        ImportProblem.objects.create(batch=batch, row=i + 2, column="NIK", code="nik_length", message="16 digits")


@pytest.mark.django_db
def test_import_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    client = client_for(tree.admin)
    batch = ImportBatch.objects.create(
        unit=tree.puk_a, uploaded_by=tree.admin, file="imports/x.csv", filename="x.csv", file_sha256="0" * 64,
        file_format="csv", status="checked",
    )  # fmt: skip
    urls = {e: API + e.format(puk_a=tree.puk_a.pk, batch_id=batch.pk) for e in LISTS}
    grow(tree, batch, 0, 3)
    small = {e: measure(client, url) for e, url in urls.items()}
    grow(tree, batch, 3, 30)
    large = {e: measure(client, url) for e, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
