"""The package list endpoints answer with the same number of queries for 3 rows as for 30.

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the door of the parent object and the page with its batch look-ups.
"""

from __future__ import annotations

import pytest

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.training import services_packages as s

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/training/packages": 5,
    "/training/packages/{package_id}/objectives": 6,  # + the package, through its door
    "/training/packages/{package_id}/terms": 6,
    "/training/packages/{package_id}/modules": 6,
    "/training/modules/{module_id}/sessions": 7,  # + the module's door, + the objectives, prefetched
    "/training/sessions/{session_id}/questions": 6,
}
MEASURED = set(LISTS)  # read by the core test of every list


def grow(tree, first, start, stop):
    """Per i: a package, and in the first package an objective, a term, a module, a session of the
    first module (covering every objective so far) and a question of the first session."""
    admin = tree.admin
    for i in range(start, stop):
        s.create_package(actor=admin, unit=tree.root, code=f"P-{i}", title=f"Paket {i}", theme="foa")
        objective = s.add_objective(actor=admin, package=first.package, text=f"Tujuan {i}")
        s.add_term(actor=admin, package=first.package, term=f"istilah {i}")
        s.add_module(actor=admin, package=first.package, title=f"Modul {i}")
        s.add_session(
            actor=admin,
            module=first.module,
            title=f"Sesi {i}",
            objectives=[*first.package.objectives.all(), objective],
        )
        s.add_question(actor=admin, session=first.session, text=f"Pertanyaan {i}")


@pytest.mark.django_db
def test_package_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    from types import SimpleNamespace

    admin = tree.admin
    package = s.create_package(actor=admin, unit=tree.root, code="FIRST", title="Pertama", theme="foa")
    module = s.add_module(actor=admin, package=package, title="Modul utama")
    session = s.add_session(actor=admin, module=module, title="Sesi utama")
    first = SimpleNamespace(package=package, module=module, session=session)
    client = client_for(admin)
    urls = {e: API + e.format(package_id=package.pk, module_id=module.pk, session_id=session.pk) for e in LISTS}
    grow(tree, first, 0, 3)
    small = {e: measure(client, url) for e, url in urls.items()}
    grow(tree, first, 3, 30)
    large = {e: measure(client, url) for e, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
