"""Permission matrix of the dues remittances screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

Reading (GET) every screen as: not signed in, no grant, the sibling plant union's treasurer (PUK-B),
the own union's (PUK-A), the federation's (ancestor in the tree) and the provincial council's
(DPW Jawa Barat, ancestor along the territory). Then every write and the download as each refused
actor (not signed in, no grant, sibling treasurer, own read-only): a redirect to sign in, 404 or
403, and nothing changed, audit log included. And what each treasurer's list shows: a PUK treasurer
only their PUK, a DPW treasurer only the unions of their province.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues.models import BankTransfer, Contribution, ReconciliationException, Remittance, RemittanceLine
from serikat.dues.services_remittances import import_deductions
from serikat.dues.tests.remittance_helpers import MARCH, line, member, setup_union, write_xlsx

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "dues:remittances",
    "dues:remittance_upload",
    "dues:remittance",
    "dues:remittance_transfer",
    "dues:remittance_xlsx",
    "dues:exception_resolve",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")

# name, object key, expected GET status per actor (ACTORS order)
MATRIX = [
    # Holding dues.view_dues (or dues.reconcile) nowhere: the page itself is refused.
    ("dues:remittances", None, (302, 403, 200, 200, 200, 200)),
    ("dues:remittance_upload", None, (302, 403, 200, 200, 200, 200)),
    ("dues:remittance", "remittance", (302, 404, 404, 200, 200, 200)),
    ("dues:remittance_transfer", "remittance", (302, 405, 405, 405, 405, 405)),
    ("dues:remittance_xlsx", "remittance", (302, 404, 404, 200, 200, 200)),
    ("dues:exception_resolve", "exception", (302, 405, 405, 405, 405, 405)),
]

# Writes, with the object and the form they send; each refused actor must change nothing.
WRITES = [
    ("dues:remittance_transfer", "remittance", {"received_on": "2026-04-05", "amount": "51235", "reference": "X"}),
    ("dues:exception_resolve", "exception", {"action": "chase_employer", "note": "Asked HR"}),
    ("dues:remittance_upload", None, {"unit": "PUK-A", "employer": "", "month": "2026-03"}),
]
# Expected POST status per refused actor: not signed in, no grant, sibling treasurer, own read-only.
REFUSED = {
    "dues:remittance_transfer": (302, 404, 404, 403),
    "dues:exception_resolve": (302, 404, 404, 403),
    "dues:remittance_upload": (302, 403, 404, 403),
    "dues:remittance_xlsx": (302, 404, 404, 403),
}


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(tree, make_user, tmp_path):
    union = setup_union(tree)
    member(union, 1)
    member(union, 2)
    remittance = import_deductions(
        actor=tree.admin, unit=tree.puk_a, employer=union.employer, month=MARCH,
        path=write_xlsx(tmp_path / "f.xlsx", [line(1), line(2, 40_000)]), filename="f.xlsx",
    ).remittance  # fmt: skip
    exception = ReconciliationException.objects.get(remittance=remittance)
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("treasurer", tree.puk_b),
        "own": make_user("treasurer", tree.puk_a),
        "ancestor": make_user("treasurer", tree.fspmi),
        "territory": make_user("treasurer", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }
    urls = {
        "remittance": lambda name: reverse(name, args=[remittance.pk]),
        "exception": lambda name: reverse(name, args=[exception.pk]),
        None: lambda name: reverse(name),
    }
    return urls, actors, remittance


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    urls, actors, _remittance = world
    url = urls[key](name)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def _fingerprint():
    return (
        list(Remittance.objects.values_list("id", "status", "received_amount", "lines_count")),
        list(RemittanceLine.objects.order_by("id").values_list("id", "outcome")),
        list(ReconciliationException.objects.order_by("id").values_list("id", "status", "action", "note")),
        list(BankTransfer.objects.values_list("id", "amount")),
        list(Contribution.objects.order_by("id").values_list("id", "paid_amount")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key", "data"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key, data):
    urls, actors, _remittance = world
    url = urls[key](name)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), REFUSED[name], strict=True):
        before = _fingerprint()
        response = client_for(actors[actor]).post(url, data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor


def test_refused_downloads_leave_no_trace(world, client_for):
    urls, actors, _remittance = world
    url = urls["remittance"]("dues:remittance_xlsx")
    for actor, status in zip(
        ("anonymous", "no_grant", "sibling", "own_reader"), REFUSED["dues:remittance_xlsx"], strict=True
    ):
        before = _fingerprint()
        response = client_for(actors[actor]).get(url)
        assert (actor, response.status_code) == (actor, status)
        assert response.get("Content-Type", "").startswith("text/html")
        assert _fingerprint() == before, actor


def test_accepted_writes_by_the_own_treasurer(world, client_for):
    urls, actors, remittance = world
    client = client_for(actors["own"])
    response = client.post(
        urls["remittance"]("dues:remittance_transfer"), {"received_on": "2026-04-05", "amount": "91235"}
    )
    assert response.status_code == 302
    response = client.post(urls["exception"]("dues:exception_resolve"), {"action": "accept", "note": "Payroll"})
    assert response.status_code == 302
    remittance.refresh_from_db()
    assert (remittance.received_amount, remittance.status) == (91_235, "reconciled")


def test_each_treasurer_lists_only_the_unions_in_scope(world, tree, make_user, client_for, tmp_path):
    _urls, _actors, puk_a_remittance = world
    banten = setup_union(tree, unit=tree.puk_d, employer_name="PT Tangerang Baja")
    member(banten, 50, unit=tree.puk_d, employer=banten.employer)
    puk_d_remittance = import_deductions(
        actor=tree.admin, unit=tree.puk_d, employer=banten.employer, month=datetime.date(2026, 3, 1),
        path=write_xlsx(tmp_path / "d.xlsx", [line(50)]), filename="d.xlsx",
    ).remittance  # fmt: skip

    def listed(role, unit):
        response = client_for(make_user(role, unit)).get(reverse("dues:remittances"))
        assert response.status_code == 200
        return {r.pk for r in response.context["rows"]}

    assert listed("treasurer", tree.puk_a) == {puk_a_remittance.pk}
    assert listed("treasurer", tree.puk_b) == set()
    assert listed("treasurer", tree.dpw_jabar) == {puk_a_remittance.pk}
    assert listed("treasurer", tree.dpw_banten) == {puk_d_remittance.pk}
    assert listed("treasurer", tree.fspmi) == {puk_a_remittance.pk, puk_d_remittance.pk}
    assert listed("treasurer", tree.spn) == set()
    banten_treasurer = make_user("treasurer", tree.dpw_banten)
    response = client_for(banten_treasurer).get(reverse("dues:remittance", args=[puk_a_remittance.pk]))
    assert response.status_code == 404
