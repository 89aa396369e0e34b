"""Permission matrix of the dues report screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

Reading every report screen as: not signed in, no grant, the treasurer of the sibling plant union
(PUK-B), of the own union (PUK-A), of the federation (FSPMI) and of the provincial council
(DPW-JABAR); then what each sees: a plant union only itself, a DPW its province, the confederation
the federations' totals and levies. Then every write and export as each refused actor: nothing
changes, audit log included.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues.models import AllocationEntry, AllocationRun, Contribution, Levy
from serikat.dues.services_allocation import run_allocation
from serikat.dues.tests.rules_helpers import FEB, JAN, fspmi_rules, member

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "dues:home",
    "dues:runs",
    "dues:run_allocation",
    "dues:run",
    "dues:allocation_report",
    "dues:arrears",
    "dues:statement",
    "dues:union_month",
    "dues:levies",
    "dues:levy_pay",
    "dues:export",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")
ANY_DUES = (302, 403, 200, 200, 200, 200)
OWN_UNION = (302, 404, 404, 200, 200, 200)
FEDERATION_ONLY = (302, 404, 404, 404, 200, 404)
MATRIX = [
    ("dues:home", None, ANY_DUES),
    ("dues:runs", None, ANY_DUES),
    ("dues:run_allocation", None, (302, 403, 403, 403, 200, 403)),
    ("dues:run", "run", FEDERATION_ONLY),
    ("dues:allocation_report", None, ANY_DUES),
    ("dues:arrears", None, ANY_DUES),
    ("dues:statement", "membership", OWN_UNION),
    ("dues:union_month", "unit", OWN_UNION),
    ("dues:levies", None, ANY_DUES),
    ("dues:levy_pay", "levy", (302, 405, 405, 405, 405, 405)),
    ("dues:export", "export", ANY_DUES),
]
REFUSED_ACTORS = ("anonymous", "no_grant", "sibling", "federation_reader")
WRITES = [
    ("dues:run_allocation", None, (302, 403, 403, 403)),
    ("dues:levy_pay", "levy", (302, 404, 404, 403)),
]
EXPORTS = [("dues:export", "export", (302, 403, None, 403))]


@pytest.fixture
def world(tree, make_user):
    fspmi_rules(tree)
    jabar = member(tree.admin, tree.puk_a, 1)
    member(tree.admin, tree.puk_d, 2)  # Banten
    for month in (JAN, FEB):
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=month)
    run = AllocationRun.objects.get(month=JAN)
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("treasurer", tree.puk_b),
        "own": make_user("treasurer", tree.puk_a),
        "ancestor": make_user("treasurer", tree.fspmi),
        "territory": make_user("treasurer", tree.dpw_jabar),
        "confederation": make_user("treasurer", tree.root),
        "federation_reader": make_user("read_only", tree.fspmi),
    }
    urls = {
        None: lambda name: reverse(name),
        "run": lambda name: reverse(name, args=[run.pk]),
        "membership": lambda name: reverse(name, args=[jabar.pk]),
        "unit": lambda name: reverse(name, args=[tree.puk_a.pk]),
        "levy": lambda name: reverse(name, args=[Levy.objects.get(run=run).pk]),
        "export": lambda name: reverse(name, args=["arrears"]) + "?format=csv",
    }
    return urls, actors


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    urls, actors = world
    url = urls[key](name)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def test_each_treasurer_sees_the_unions_of_their_scope_and_the_confederation_the_federations(world, client_for):
    _urls, actors = world

    def arrears_csv(actor):
        body = client_for(actors[actor]).get(reverse("dues:export", args=["arrears"]) + "?format=csv").content
        return sorted(line.split(",")[0] for line in body.decode("utf-8-sig").splitlines()[1:])

    assert arrears_csv("own") == ["PUK-A"]
    assert arrears_csv("sibling") == []
    assert arrears_csv("territory") == ["PUK-A"]  # DPW Jawa Barat: not PUK-D in Banten
    assert arrears_csv("ancestor") == ["PUK-A", "PUK-D"]
    levies = client_for(actors["confederation"]).get(reverse("dues:levies")).content.decode()
    assert 'data-testid="federations"' in levies and "FSPMI 2025-01" in levies and "Record a payment" in levies
    assert "FSPMI 2025-01" not in client_for(actors["territory"]).get(reverse("dues:levies")).content.decode()


def _fingerprint():
    return (
        list(AllocationRun.objects.values_list("id", "revision").order_by("id")),
        AllocationEntry.objects.count(),
        Contribution.objects.count(),
        list(Levy.objects.values_list("id", "paid_amount").order_by("id")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key", "statuses"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, tree, client_for, name, key, statuses):
    urls, actors = world
    data = {"federation": tree.fspmi.pk, "month": "2025-01", "amount": "100", "paid_on": "2025-02-01"}
    for actor, status in zip(REFUSED_ACTORS, statuses, strict=True):
        before = _fingerprint()
        response = client_for(actors[actor]).post(urls[key](name), data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor


@pytest.mark.parametrize(("name", "key", "statuses"), EXPORTS, ids=[row[0] for row in EXPORTS])
def test_refused_exports_leave_no_trace(world, client_for, name, key, statuses):
    urls, actors = world
    for actor, status in zip(REFUSED_ACTORS, statuses, strict=True):
        if status is None:
            continue
        before = _fingerprint()
        response = client_for(actors[actor]).get(urls[key](name))
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor
