"""Permission matrix of the dues rules screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

Reading every rules screen as: not signed in, no grant, the treasurer of the sibling plant union
(PUK-B), of the own union (PUK-A), of the federation (FSPMI, where the rules are set) and of the
provincial council (DPW-JABAR). The rules themselves are readable throughout the federation; the
forms only at a unit where the caller may manage rules. Then every write as each refused actor,
including a reader at the federation (sees the unit: 403): nothing changes, audit log included.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues.models import AllocationRule, AllocationShare, DuesPolicy, StandingRule
from serikat.dues.tests.rules_helpers import fspmi_rules, level, standing

pytestmark = pytest.mark.django_db

COVERED: set[str] = {"dues:rules", "dues:policy_set", "dues:allocation_rule_set", "dues:standing_rule_set"}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")
FORM = (302, 404, 404, 404, 200, 404)
MATRIX = [
    ("dues:rules", None, (302, 403, 200, 200, 200, 200)),
    ("dues:policy_set", "federation", FORM),
    ("dues:allocation_rule_set", "federation", FORM),
    ("dues:standing_rule_set", "federation", FORM),
]
WRITES = ["dues:policy_set", "dues:allocation_rule_set", "dues:standing_rule_set"]
REFUSED = ("anonymous", "no_grant", "sibling", "federation_reader")
REFUSED_STATUS = (302, 404, 404, 403)


@pytest.fixture
def world(tree, make_user):
    fspmi_rules(tree)
    standing(tree)
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("treasurer", tree.puk_b),
        "own": make_user("treasurer", tree.puk_a),
        "ancestor": make_user("treasurer", tree.fspmi),
        "territory": make_user("treasurer", tree.dpw_jabar),
        "federation_reader": make_user("read_only", tree.fspmi),
    }
    return actors


def _url(name, key, tree):
    return reverse(name, args=[tree.fspmi.pk] if key else [])


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, tree, client_for, name, key, expected):
    url = _url(name, key, tree)
    assert tuple(client_for(world[a]).get(url).status_code for a in ACTORS) == expected


def test_a_plant_union_treasurer_reads_the_rules_that_apply_to_it(world, tree, client_for):
    page = client_for(world["own"]).get(reverse("dues:rules")).content.decode()
    assert 'data-testid="policies"' in page and "FSPMI" in page and "Paid-up with up to 2 months behind" in page


def _fingerprint():
    return (
        list(DuesPolicy.objects.values_list("id", "kind", "flat_amount").order_by("id")),
        list(AllocationRule.objects.values_list("id", "mode").order_by("id")),
        list(AllocationShare.objects.values_list("id", "basis_points").order_by("id")),
        list(StandingRule.objects.values_list("id", "member_grace_months").order_by("id")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("name", WRITES)
def test_refused_writes_change_nothing(world, tree, client_for, name):
    data = {
        "valid_from": "2025-01", "kind": "flat", "flat_amount": "1", "rounding": "half_up", "rounding_step": "1",
        f"share_{level(tree, 'DPP').pk}": "10000", "mode": "direct", "levy_kind": "none",
        "member_grace_months": "0", "unit_sanction_months": "1",
    }  # fmt: skip
    url = _url(name, "federation", tree)
    for actor, status in zip(REFUSED, REFUSED_STATUS, strict=True):
        before = _fingerprint()
        response = client_for(world[actor]).post(url, data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor
