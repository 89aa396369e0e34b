"""Permission matrix of the production-process and review screens (URL names in COVERED; see
core/tests/test_pages_matrix.py).

Callers: not signed in; no grant; a trainer at PUK-A (reads and reviews up the tree, authors
nothing); a package author at FSPMI (organises FSPMI's meetings); a trainer at SPN (another
federation); a reader at FSPMI. The meeting and the K3 package belong to FSPMI. Then every write as
each refused caller: nothing changes, audit log included.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.training import services_production as production
from serikat.training import services_review as review
from serikat.training.models import (
    InputLink,
    MeetingInput,
    MeetingParticipant,
    ProductionMeeting,
    ReviewComment,
    ReviewRound,
    ReviewThread,
    Trainer,
)
from serikat.training.tests.test_production_world import build

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "training:meetings",
    "training:meeting_create",
    "training:meeting",
    "training:meeting_edit",
    "training:meeting_participant_add",
    "training:meeting_participant_remove",
    "training:meeting_input_record",
    "training:meeting_input_link",
    "training:meeting_input_unlink",
    "training:trainers",
    "training:trainer_create",
    "training:review",
    "training:review_round_open",
    "training:review_round_close",
    "training:review_thread_open",
    "training:review_thread_reply",
    "training:review_thread_resolve",
    "training:review_thread_reopen",
}

ACTORS = ("anonymous", "no_grant", "trainer", "author", "other_federation", "reader")
AUTHOR_FORM = (302, 404, 403, 200, 404, 403)
CREATE_FORM = (302, 403, 403, 200, 403, 403)
POST_ONLY = (405,) * 6
MATRIX = [
    ("training:meetings", None, (302, 200, 200, 200, 200, 200)),
    ("training:meeting_create", None, CREATE_FORM),
    ("training:meeting", "meeting", (302, 404, 200, 200, 404, 200)),
    ("training:meeting_edit", "meeting", AUTHOR_FORM),
    ("training:meeting_participant_add", "meeting", AUTHOR_FORM),
    ("training:meeting_participant_remove", "participant", POST_ONLY),
    ("training:meeting_input_record", "meeting", AUTHOR_FORM),
    ("training:meeting_input_link", "input", POST_ONLY),
    ("training:meeting_input_unlink", "link", POST_ONLY),
    ("training:trainers", None, (302, 200, 200, 200, 200, 200)),
    ("training:trainer_create", None, CREATE_FORM),
    ("training:review", "package", (302, 404, 200, 200, 404, 200)),
    ("training:review_round_open", "package", POST_ONLY),
    ("training:review_round_close", "round", POST_ONLY),
    ("training:review_thread_open", None, POST_ONLY),
    ("training:review_thread_reply", "thread", POST_ONLY),
    ("training:review_thread_resolve", "thread", POST_ONLY),
    ("training:review_thread_reopen", "resolved", POST_ONLY),
]

REFUSED = ("anonymous", "no_grant", "trainer", "other_federation", "reader")
AUTHOR_WRITE = (302, 404, 403, 404, 403)
# name, object key, form data, expected status per REFUSED caller (None: that caller may do it)
WRITES = [
    ("training:meeting_create", None, "meeting", (302, 403, 403, 403, 403)),
    ("training:meeting_edit", "meeting", "meeting", AUTHOR_WRITE),
    ("training:meeting_participant_add", "meeting", "participant", AUTHOR_WRITE),
    ("training:meeting_participant_remove", "participant", None, AUTHOR_WRITE),
    ("training:meeting_input_record", "meeting", "input", AUTHOR_WRITE),
    ("training:meeting_input_link", "input", "link", AUTHOR_WRITE),
    ("training:meeting_input_unlink", "link", None, AUTHOR_WRITE),
    ("training:trainer_create", None, "trainer", (302, 403, 403, 403, 403)),
    ("training:review_round_open", "package", "round", AUTHOR_WRITE),
    ("training:review_round_close", "round", None, AUTHOR_WRITE),
    ("training:review_thread_open", None, "thread", (302, 404, None, 404, 403)),
    ("training:review_thread_reply", "thread", "comment", (302, 404, None, 404, 403)),
    ("training:review_thread_resolve", "thread", "resolution", (302, 404, 403, 404, 403)),
    ("training:review_thread_reopen", "resolved", "reason", (302, 404, 403, 404, 403)),
]


@pytest.fixture
def world(tree):
    w = build(tree)
    participant = production.add_participant(actor=w.author_fspmi, meeting=w.meeting, name="Budi", unit=tree.fspmi)
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="Alat pelindung")
    link = production.link_input(actor=w.author_fspmi, input=item, module=w.k3.modules[0])
    round_ = review.open_review_round(actor=w.author_fspmi, package=w.k3.package)
    thread = review.open_thread(actor=w.admin, module=w.k3.modules[0], body="Perlu contoh.")
    resolved = review.open_thread(actor=w.admin, module=w.k3.modules[0], body="Typo.")
    review.resolve_thread(actor=w.admin, thread=resolved, resolution="Diperbaiki.")
    w.objects = {
        "meeting": w.meeting.pk,
        "participant": participant.pk,
        "input": item.pk,
        "link": link.pk,
        "package": w.k3.package.pk,
        "round": round_.pk,
        "thread": thread.pk,
        "resolved": resolved.pk,
    }
    w.actors = {
        "anonymous": None,
        "no_grant": w.no_grant,
        "trainer": w.trainer_a,
        "author": w.author_fspmi,
        "other_federation": w.trainer_spn,
        "reader": w.reader_fspmi,
    }
    w.data = {
        "meeting": {
            "unit": str(tree.fspmi.pk), "kind": "production_group", "title": "Baru", "held_on": "2025-03-01",
            "packages": [str(w.k3.package.pk)],
        },
        "participant": {"name": "Ani", "role": "federation"},
        "input": {"kind": "obstacle", "text": "Tidak ada izin"},
        "link": {"section": f"s{w.k3.sessions[0].pk}"},
        "trainer": {"unit": str(tree.fspmi.pk), "name": "Rina"},
        "round": {"title": "Putaran 2"},
        "thread": {"module": str(w.k3.modules[0].pk), "body": "Komentar"},
        "comment": {"body": "Balasan"},
        "resolution": {"resolution": "Selesai"},
        "reason": {"reason": "Belum"},
    }  # fmt: skip
    return w


def _url(world, name, key):
    return reverse(name, args=[world.objects[key]] if key else [])


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    url = _url(world, name, key)
    assert tuple(client_for(world.actors[a]).get(url).status_code for a in ACTORS) == expected


def _fingerprint():
    return (
        list(ProductionMeeting.objects.values_list("id", "title", "kind", "held_on").order_by("id")),
        list(ProductionMeeting.packages.through.objects.values_list("id").order_by("id")),
        list(MeetingParticipant.objects.values_list("id", "name").order_by("id")),
        list(MeetingInput.objects.values_list("id", "text").order_by("id")),
        list(InputLink.objects.values_list("id", "session_id").order_by("id")),
        list(Trainer.objects.values_list("id").order_by("id")),
        list(ReviewRound.objects.values_list("id", "closed_at").order_by("id")),
        list(ReviewThread.objects.values_list("id", "resolved_at", "resolution").order_by("id")),
        list(ReviewComment.objects.values_list("id").order_by("id")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "key", "data", "expected"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key, data, expected):
    url = _url(world, name, key)
    for actor, status in zip(REFUSED, expected, strict=True):
        if status is None:
            continue
        before = _fingerprint()
        response = client_for(world.actors[actor]).post(url, world.data[data] if data else {})
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint() == before, actor


def test_the_meeting_list_shows_each_caller_the_meetings_in_reach(world, client_for):
    seen = {}
    for actor in ("no_grant", "trainer", "author", "other_federation"):
        page = client_for(world.actors[actor]).get(reverse("training:meetings")).content.decode()
        seen[actor] = ("Kelompok produksi FSPMI" in page, "Kelompok produksi SPN" in page)
    assert seen == {
        "no_grant": (False, False),
        "trainer": (True, False),
        "author": (True, False),
        "other_federation": (False, True),
    }
