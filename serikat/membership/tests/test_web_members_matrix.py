"""Permission matrix of the members screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

1. Reading (GET) every screen as: not signed in, no grant, the secretariat of the sibling plant union
   (PUK-B), of the own plant union (PUK-A), of the federation (ancestor in the tree) and of the
   provincial council DPW-JABAR (ancestor along the territory).
2. A read-only officer of the own plant union may read, and is refused (403) every screen that writes.
3. Refused POSTs change nothing, audit log included.

The objects: Siti's active membership at PUK-A, which is also current at SPN's plant union (a
dual-membership conflict), and Budi's transfer from PUK-D (Banten) to PUK-A.
"""

import datetime
import re

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.membership import services
from serikat.membership.models import Member, MemberCard, Membership, MembershipConflict, Transfer

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")
LIST = (302, 403, 200, 200, 200, 200)
OBJECT = (302, 404, 404, 200, 200, 200)

# screen, object key, expected GET status per actor (ACTORS order)
MATRIX = [
    ("members", None, LIST),
    ("member_register", None, LIST),
    ("nik_check", None, LIST),
    ("transfers", None, LIST),
    ("transfer_receive", None, LIST),
    ("conflicts", None, LIST),
    # Exports are POST only: they are audited, and a link must not start one.
    ("member_export", None, (302, 405, 405, 405, 405, 405)),
    ("member", "membership", OBJECT),
    ("person", "member", (302, 404, 404, 302, 302, 302)),
    ("person_edit", "membership", OBJECT),
    ("membership_edit", "membership", OBJECT),
    ("membership_activate", "membership", OBJECT),
    ("membership_suspend", "membership", OBJECT),
    ("membership_reinstate", "membership", OBJECT),
    ("membership_end", "membership", OBJECT),
    ("member_rejoin", "membership", OBJECT),
    ("transfer_request", "membership", OBJECT),
    ("transfer_accept", "transfer", OBJECT),
    ("transfer_decline", "transfer", OBJECT),
    # The conflict's other side is at SPN: nobody here is responsible for both unions.
    ("conflict_resolve", "conflict", (302, 404, 404, 403, 403, 403)),
]
COVERED = {f"membership:{row[0]}" for row in MATRIX}

# Screens that write, with the object they act on.
WRITES = [
    ("member_register", None),
    ("member_export", None),
    ("transfer_receive", None),
    ("person_edit", "membership"),
    ("membership_edit", "membership"),
    ("membership_activate", "applicant"),
    ("membership_suspend", "membership"),
    ("membership_reinstate", "membership"),
    ("membership_end", "membership"),
    ("member_rejoin", "membership"),
    ("transfer_request", "membership"),
    ("transfer_accept", "transfer"),
    ("transfer_decline", "transfer"),
    ("conflict_resolve", "conflict"),
]
# Expected POST status per refused actor: not signed in, no grant, sibling secretariat, own read-only.
DEFAULT_REFUSED = (302, 404, 404, 403)
REFUSED = {
    # Lists: no grant is refused outright; the sibling names PUK-A, which it cannot see: the form
    # says "no unit with this code" (200) or, for an export, the filter is refused (400).
    "member_register": (302, 403, 200, 403),
    "transfer_receive": (302, 403, 200, 403),
    "member_export": (302, 403, 400, 403),
}

SITI = "3216015708850001"
BUDI = "3216010203900002"
DEWI = "3216016512920004"
JOINED = datetime.date(2025, 1, 6)


@pytest.fixture
def world(tree, make_user):
    admin = tree.admin
    siti = services.register_member(actor=admin, unit=tree.puk_a, nik=SITI, full_name="Siti Rahayu", joined_on=JOINED)
    siti = services.activate_membership(actor=admin, membership=siti)
    services.register_member(actor=admin, unit=tree.spn_puk, nik=SITI, full_name="Siti Rahayu", joined_on=JOINED)
    applicant = services.register_member(
        actor=admin, unit=tree.puk_a, nik=DEWI, full_name="Dewi Kartika", joined_on=JOINED
    )
    budi = services.register_member(actor=admin, unit=tree.puk_d, nik=BUDI, full_name="Budi Santoso", joined_on=JOINED)
    budi = services.activate_membership(actor=admin, membership=budi)
    transfer = services.request_transfer(
        actor=admin, membership=budi, to_unit=tree.puk_a, effective_on=datetime.date(2025, 6, 1)
    )
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "ancestor": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }
    objects = {
        "membership": siti,
        "member": siti.member,
        "applicant": applicant,
        "transfer": transfer,
        "conflict": MembershipConflict.objects.get(),
    }
    return objects, actors


def _url(name, key, objects):
    return reverse(f"membership:{name}", args=[objects[key].pk] if key else [])


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    objects, actors = world
    url = _url(name, key, objects)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


@pytest.mark.parametrize(("name", "key"), WRITES, ids=[row[0] for row in WRITES])
def test_a_read_only_officer_of_the_own_union_may_not_open_a_writing_screen(world, client_for, name, key):
    objects, actors = world
    reader = client_for(actors["own_reader"])
    expected = 405 if name == "member_export" else 403
    assert reader.get(_url(name, key, objects)).status_code == expected


def test_a_read_only_officer_reads_the_list_and_the_member_page(world, client_for):
    objects, actors = world
    reader = client_for(actors["own_reader"])
    assert reader.get(reverse("membership:members")).status_code == 200
    page = reader.get(_url("member", "membership", objects))
    assert page.status_code == 200
    body = page.content.decode()
    actions = body[body.index('data-testid="member-actions"') : body.index("</div>", body.index("member-actions"))]
    # Nothing that changes the member: only the way to their dues statement (read_only sees dues).
    assert re.findall(r">([^<]+)</a>", actions) == ["Dues statement"]


def test_the_confederation_may_settle_the_conflict(world, client_for, make_user, tree):
    objects, _actors = world
    root = make_user("secretariat", tree.root)
    assert client_for(root).get(_url("conflict_resolve", "conflict", objects)).status_code == 200


def _fingerprint():
    return (
        list(Member.objects.values_list("id", "full_name", "phone", "gender", "birth_date").order_by("id")),
        list(
            Membership.objects.values_list(
                "id", "unit_id", "status", "kta_number", "ended_on", "employee_number", "consent_given_at"
            ).order_by("id")
        ),
        list(Transfer.objects.values_list("id", "status", "decided_at").order_by("id")),
        list(MembershipConflict.objects.values_list("id", "resolved_at").order_by("id")),
        MemberCard.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key):
    objects, actors = world
    url = _url(name, key, objects)
    if name == "member_export":
        url += "?unit=PUK-A"
    # A plausible form, so that a refusal comes from scope and permission, not from missing fields.
    data = {
        "unit": "PUK-A",
        "nik": "3216014408950005",
        "full_name": "Changed",
        "gender": "F",
        "joined_on": "2025-02-01",
        "phone": "0813-1111-2222",
        "employee_number": "E-1",
        "reason": "resignation",
        "ended_on": "2025-06-30",
        "to_unit": "PUK-C",
        "effective_on": "2025-07-01",
        "kta_number": objects["membership"].kta_number,
        "note": "x",
        "resolution": "settled",
        "format": "csv",
    }
    expected = REFUSED.get(name, DEFAULT_REFUSED)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), expected, strict=True):
        before = _fingerprint()
        response = client_for(actors[actor]).post(url, data)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor
