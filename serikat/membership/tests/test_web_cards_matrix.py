"""Permission matrix of the cards screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

Reading (GET) every cards screen and export as: not signed in, no grant, the sibling plant union's
secretariat (PUK-B), the own union's (PUK-A), the federation's (ancestor in the tree) and the
provincial council's (ancestor along the territory). Then every write, and every export, as each
refused actor: the answer is a redirect to sign in, 404 or 403, and nothing changed, audit log
included. The public verification page answers everyone, signed in or not.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.membership import services
from serikat.membership.models import MemberCard, Membership
from serikat.membership.tests.cards_helpers import active_member
from serikat.organisation.services import link_workplace, register_employer, register_workplace

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "membership:cards",
    "membership:card_pdf",
    "membership:card_revoke",
    "membership:unit_cards",
    "membership:verification_list",
    "membership:verification_list_download",
    "verify:card",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")

# name, object key, expected GET status per actor (ACTORS order)
MATRIX = [
    ("membership:cards", "membership", (302, 404, 404, 200, 200, 200)),
    ("membership:card_pdf", "membership", (302, 404, 404, 200, 200, 200)),
    ("membership:card_revoke", "card", (302, 405, 405, 405, 405, 405)),
    ("membership:unit_cards", "unit", (302, 404, 404, 200, 200, 200)),
    # Holding membership.export_members nowhere: the page itself is refused.
    ("membership:verification_list", None, (302, 403, 200, 200, 200, 200)),
    ("membership:verification_list_download", "list", (302, 403, 404, 200, 200, 200)),
    # Public: the same answer for everyone.
    ("verify:card", "token", (200, 200, 200, 200, 200, 200)),
]

# Screens that write, with the object they act on; each refused actor must change nothing.
WRITES = [
    ("membership:card_pdf", "membership_without_card"),
    ("membership:card_revoke", "card"),
    ("membership:unit_cards", "unit"),
]
# Exports are reads, but leave an audit event when made: refused ones must leave none.
EXPORTS = [
    ("membership:card_pdf", "membership"),
    ("membership:unit_cards", "unit"),
    ("membership:verification_list_download", "list"),
]
# Expected status per refused actor: not signed in, no grant, sibling secretariat, own read-only.
REFUSED = {
    "membership:card_pdf": (302, 404, 404, 403),
    "membership:card_revoke": (302, 404, 404, 403),
    "membership:unit_cards": (302, 404, 404, 403),
    "membership:verification_list_download": (302, 403, 404, 403),
}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(tree, make_user):
    admin = tree.admin
    employer = register_employer(actor=admin, unit=tree.pc_bks, name="PT Alpha")
    workplace = register_workplace(actor=admin, employer=employer, unit=tree.pc_bks, name="Plant 1")
    link_workplace(actor=admin, unit=tree.puk_a, workplace=workplace)
    membership = active_member(admin, tree.puk_a, 1, employer=employer, workplace=workplace, department="Press")
    card = services.issue_card(actor=admin, membership=membership)
    without_card = active_member(admin, tree.puk_a, 2, full_name="Budi Santoso", employer=employer)
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "ancestor": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }
    urls = {
        "membership": lambda name: reverse(name, args=[membership.pk]),
        "membership_without_card": lambda name: reverse(name, args=[without_card.pk]),
        "card": lambda name: reverse(name, args=[card.pk]),
        "unit": lambda name: reverse(name, args=[tree.puk_a.pk]),
        "list": lambda name: f"{reverse(name)}?employer={employer.pk}&federation={tree.fspmi.pk}&format=pdf",
        "token": lambda name: reverse(name, args=[card.token]),
        None: lambda name: reverse(name),
    }
    return urls, actors


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    urls, actors = world
    url = urls[key](name)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def test_the_verification_page_needs_no_sign_in_and_says_valid(world, client):
    urls, _actors = world
    response = client.get(urls["token"]("verify:card"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b'data-testid="verdict">VALID<' in response.content


def _fingerprint():
    return (
        list(MemberCard.objects.values_list("id", "membership_id", "revoked_at", "revoked_reason").order_by("id")),
        list(Membership.objects.values_list("id", "status", "kta_number").order_by("id")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key):
    urls, actors = world
    url = urls[key](name)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), REFUSED[name], strict=True):
        before = _fingerprint()
        response = client_for(actors[actor]).post(url, {"reason": "lost"})
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor


@pytest.mark.parametrize(("name", "key"), EXPORTS, ids=[row[0] for row in EXPORTS])
def test_refused_exports_leave_no_trace(world, client_for, name, key):
    urls, actors = world
    url = urls[key](name)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), REFUSED[name], strict=True):
        before = _fingerprint()
        response = client_for(actors[actor]).get(url)
        assert (actor, response.status_code) == (actor, status)
        assert response.get("Content-Type", "").startswith("text/html")
        assert _fingerprint() == before, actor
