"""The editions list endpoint answers with the same number of queries for 3 editions as for 30
(registered in serikat/core/tests/test_api_world.QUERY_COUNT_MODULES).

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the package through its door (1) and the page with its document
counts (1)."""

from __future__ import annotations

import pytest

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.training.models import Package, Stage
from serikat.training.services_editions import release_edition
from serikat.training.tests.editions_world import build_package

LISTS = {"/training/packages/{package_id}/editions": 6}
MEASURED = set(LISTS)  # read by the core test of every list


def grow(package, actor, start, stop):
    for _ in range(start, stop):
        Package.objects.filter(pk=package.pk).update(stage=Stage.APPROVED)
        release_edition(actor=actor, package=package)


@pytest.mark.django_db
def test_edition_list_query_counts_are_flat_in_the_number_of_editions(tree, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    package = build_package(tree.root, tree.admin, modules=1, sessions=1, paragraphs=1)
    client = client_for(tree.admin)
    urls = {endpoint: API + endpoint.format(package_id=package.pk) + "?limit=200" for endpoint in LISTS}
    grow(package, tree.admin, 0, 3)
    small = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    grow(package, tree.admin, 3, 30)
    large = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
