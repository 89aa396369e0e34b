"""Permission matrix of the training package screens (URL names in COVERED; see
core/tests/test_pages_matrix.py).

A confederation package is readable down the whole tree (the people who use it work below it); a
federation's package by its own units and by the confederation, not by another federation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from serikat.training.models import Package

pytestmark = pytest.mark.django_db

COVERED: set[str] = {"training:home"}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "other_federation")


@pytest.fixture
def world(tree, make_user):
    admin = tree.admin
    Package.objects.create(unit=tree.root, code="KB-01", title="Kebebasan Berserikat", theme="foa", created_by=admin)
    Package.objects.create(unit=tree.fspmi, code="K3-01", title="K3 di Pabrik Logam", theme="osh", created_by=admin)
    return {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("trainer", tree.puk_b),
        "own": make_user("trainer", tree.puk_a),
        "ancestor": make_user("read_only", tree.root),
        "other_federation": make_user("trainer", tree.spn),
    }


def test_home_lists_the_packages_each_actor_may_read(world, client_for):
    pages = {a: client_for(world[a]).get(reverse("training:home")) for a in ACTORS}
    assert [pages[a].status_code for a in ACTORS] == [302, 200, 200, 200, 200, 200]
    seen = {
        a: ("Kebebasan Berserikat" in p.content.decode(), "K3 di Pabrik Logam" in p.content.decode())
        for a, p in pages.items()
        if a != "anonymous"
    }
    assert seen == {
        "no_grant": (False, False),
        "sibling": (True, True),
        "own": (True, True),
        "ancestor": (True, True),
        "other_federation": (True, False),
    }
