"""Permission matrix of the feedback screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

The world: the confederation's package with a released edition and one new feedback item from
PUK-A's trainer. Actors: not signed in, no grant, the sibling plant union's trainer (PUK-B), the own
trainer (PUK-A), the confederation's publisher (triages), its author (triages and addresses) and a
read-only user at PUK-A. Refused writes answer a redirect to sign in, 404, 400 or 403 and change
nothing, audit log included.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.training import services_feedback as services
from serikat.training.models import Feedback
from serikat.training.tests.test_distribution_factories import make_package

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "training:feedback",
    "training:feedback_triage",
    "training:feedback_new",
    "training:feedback_detail",
    "training:feedback_decide",
    "training:feedback_address",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "publisher", "author", "reader")

MATRIX = [
    ("training:feedback", None, (302, 403, 200, 200, 200, 200, 200)),
    ("training:feedback_triage", None, (302, 403, 403, 403, 200, 200, 403)),
    # Sending reaches up the tree like reading; the publisher and the reader hold no send_feedback.
    ("training:feedback_new", "edition", (302, 404, 200, 200, 403, 200, 403)),
    ("training:feedback_detail", "item", (302, 404, 200, 200, 200, 200, 200)),
    ("training:feedback_decide", "item", (302, 405, 405, 405, 405, 405, 405)),
    ("training:feedback_address", "item", (302, 405, 405, 405, 405, 405, 405)),
]

# name, object, data, expected per refused actor (anonymous, no grant, sibling, own trainer, reader)
WRITES = [
    # The sibling may send, but not from PUK-A (not one of its units): the form refuses the unit.
    ("training:feedback_new", "edition", "send", (302, 404, 400, None, 403)),
    ("training:feedback_decide", "item", "decide", (302, 404, 403, 403, 403)),
    ("training:feedback_address", "accepted", "address", (302, 404, 403, 403, 403)),
]
REFUSERS = ("anonymous", "no_grant", "sibling", "own", "reader")


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("trainer", tree.puk_b),
        "own": make_user("trainer", tree.puk_a),
        "publisher": make_user("training_publisher", tree.root),
        "author": make_user("training_author", tree.root),
        "reader": make_user("read_only", tree.puk_a),
    }
    item = services.send_feedback(
        actor=actors["own"], edition=made.edition, unit=tree.puk_a, module_id=made.module.pk,
        from_role="trainer", body="Tambahkan contoh.",
    )  # fmt: skip
    accepted = services.send_feedback(
        actor=actors["own"], edition=made.edition, unit=tree.puk_a, module_id=made.module.pk,
        session_id=made.session.pk, from_role="participant", body="Terlalu cepat.",
    )  # fmt: skip
    services.triage_feedback(actor=actors["publisher"], feedback=accepted, decision="accepted", reason="Ya")
    data = {
        "send": {"section": str(made.module.pk), "from_role": "trainer", "unit": str(tree.puk_a.pk), "body": "x"},
        "decide": {"decision": "accepted", "reason": "Ya"},
        "address": {},
    }
    return {"edition": made.edition, "item": item, "accepted": accepted}, actors, data


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk] if key else [])


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    objects, actors, _data = world
    url = _url(name, key, objects)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def fingerprint():
    return (
        list(Feedback.objects.values_list("id", "status", "reason", "addressed_at")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key", "data", "refused"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key, data, refused):
    objects, actors, payloads = world
    url = _url(name, key, objects)
    for actor, status in zip(REFUSERS, refused, strict=True):
        if status is None:  # allowed for this actor
            continue
        before = fingerprint()
        response = client_for(actors[actor]).post(url, payloads[data])
        assert (actor, response.status_code) == (actor, status)
        assert fingerprint() == before, actor
