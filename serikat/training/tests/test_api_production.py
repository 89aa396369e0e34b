"""The production and review API doing its work, with the callers the core matrix does not have:
package authors, trainers at a plant union, another federation's trainer."""

from __future__ import annotations

import json

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API
from serikat.training import events
from serikat.training import services_review as review
from serikat.training.models import InputLink, MeetingInput, MeetingParticipant, ProductionMeeting, ReviewThread
from serikat.training.tests.test_production_world import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_answers(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def w(tree):
    return build(tree)


def post(client, url, body):
    return client.post(API + url, json.dumps(body), content_type="application/json")


def patch(client, url, body):
    return client.patch(API + url, json.dumps(body), content_type="application/json")


def test_an_author_records_a_meeting_its_people_inputs_and_links(w, tree, client_for):
    client = client_for(w.author_fspmi)
    answer = post(
        client,
        "/training/meetings",
        {
            "unit": tree.fspmi.pk, "kind": "follow_up", "title": "Finalisasi", "held_on": "2025-05-02",
            "packages": [w.k3.package.pk, w.kb.package.pk],
        },
    )  # fmt: skip
    assert answer.status_code == 201, answer.content
    meeting = answer.json()
    assert [p["code"] for p in meeting["packages"]] == ["K3-01", "KB-01"]
    trainer = post(client, "/training/trainers", {"unit": tree.puk_a.pk, "name": "Rina", "sector": "metal"}).json()
    person = post(
        client, f"/training/meetings/{meeting['id']}/participants", {"trainer": trainer["id"], "role": "ttm_alumnus"}
    )
    assert (person.status_code, person.json()["name"], person.json()["unit"]["code"], person.json()["sector"]) == (
        201,
        "Rina",
        "PUK-A",
        "metal",
    )
    item = post(
        client,
        f"/training/meetings/{meeting['id']}/inputs",
        {"kind": "obstacle", "text": "Intimidasi", "sector": "metal", "raised_by": person.json()["id"]},
    )
    assert item.status_code == 201 and item.json()["raised_by"] == person.json()["id"]
    link = post(
        client,
        f"/training/meeting-inputs/{item.json()['id']}/links",
        {"module": w.kb.modules[0].pk, "session": w.kb.sessions[1].pk},
    )
    assert link.status_code == 201
    assert link.json() == {
        "id": link.json()["id"], "input": item.json()["id"], "package": w.kb.package.pk,
        "module": w.kb.modules[0].pk, "session": w.kb.sessions[1].pk,
    }  # fmt: skip
    again = post(
        client,
        f"/training/meeting-inputs/{item.json()['id']}/links",
        {"module": w.kb.modules[0].pk, "session": w.kb.sessions[1].pk},
    )
    assert (again.status_code, again.json()["errors"]) == (
        409,
        [{"field": "body.section", "message": "This input is already linked to that section."}],
    )
    listed = client.get(API + f"/training/meetings/{meeting['id']}/inputs").json()["items"]
    assert [[ln["session"] for ln in row["links"]] for row in listed] == [[w.kb.sessions[1].pk]]
    changed = patch(client, f"/training/meetings/{meeting['id']}", {"place": "Cikarang"})
    assert (changed.status_code, changed.json()["place"], len(changed.json()["packages"])) == (200, "Cikarang", 2)
    removed = post(client, f"/training/input-links/{link.json()['id']}/remove", {})
    assert removed.status_code == 200 and InputLink.objects.count() == 0


def test_a_trainer_at_a_plant_union_comments_on_a_confederation_package_but_records_no_meeting(w, tree, client_for):
    client = client_for(w.trainer_a)
    thread = post(client, "/training/review-threads", {"module": w.kb.modules[0].pk, "body": "Tambah contoh."})
    assert thread.status_code == 201
    assert [c["body"] for c in thread.json()["comments"]] == ["Tambah contoh."]
    before = (ProductionMeeting.objects.count(), AuditEvent.objects.count())
    refused = post(client, "/training/meetings", {"unit": tree.puk_a.pk, "title": "Rapat", "held_on": "2025-05-02"})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (403, "body.unit")
    assert (ProductionMeeting.objects.count(), AuditEvent.objects.count()) == before


def test_another_federations_meeting_answers_404(w, client_for):
    client = client_for(w.trainer_spn)
    assert client.get(API + f"/training/meetings/{w.meeting.pk}").status_code == 404
    assert client.get(API + f"/training/meetings/{w.spn_meeting.pk}").status_code == 200
    listed = [row["id"] for row in client.get(API + "/training/meetings").json()["items"]]
    assert listed == [w.spn_meeting.pk]


def test_a_hidden_package_on_a_meeting_is_refused_on_its_field(w, tree, client_for):
    from serikat.training.tests.test_production_world import package

    spn_package = package(tree.spn, "SPN-01", "Modul SPN", [], admin=w.admin).package
    answer = post(
        client_for(w.author_fspmi),
        "/training/meetings",
        {"unit": tree.fspmi.pk, "title": "Rapat", "held_on": "2025-05-02", "packages": [spn_package.pk]},
    )
    assert (answer.status_code, answer.json()["errors"]) == (404, [{"field": "body.packages", "message": "Not found."}])


def test_a_participant_of_another_meeting_cannot_raise_an_input(w, client_for):
    stranger = MeetingParticipant.objects.create(meeting=w.spn_meeting, name="Orang lain")
    answer = post(
        client_for(w.author_fspmi),
        f"/training/meetings/{w.meeting.pk}/inputs",
        {"kind": "need", "text": "x", "raised_by": stranger.pk},
    )
    assert (answer.status_code, answer.json()["errors"][0]["field"]) == (404, "body.raised_by")
    assert MeetingInput.objects.count() == 0


def test_an_unknown_sector_is_named(w, client_for):
    answer = post(
        client_for(w.author_fspmi),
        f"/training/meetings/{w.meeting.pk}/inputs",
        {"kind": "need", "text": "x", "sector": "moon"},
    )
    assert (answer.status_code, answer.json()["errors"]) == (
        404,
        [{"field": "body.sector", "message": "There is no sector with this code."}],
    )


def test_rounds_threads_resolution_and_reopening(w, client_for):
    author, opener, other = client_for(w.author_kspi), client_for(w.trainer_a), client_for(w.trainer_b)
    opened = post(author, f"/training/packages/{w.kb.package.pk}/review-rounds", {"title": "Putaran 1"})
    assert (opened.status_code, opened.json()["number"]) == (201, 1)
    second = post(author, f"/training/packages/{w.kb.package.pk}/review-rounds", {})
    assert second.status_code == 409
    thread = post(opener, "/training/review-threads", {"module": w.kb.modules[1].pk, "body": "Kurang latihan."}).json()
    assert thread["round"] == 1
    assert post(other, f"/training/review-threads/{thread['id']}/comments", {"body": "Setuju."}).status_code == 201
    assert post(other, f"/training/review-threads/{thread['id']}/resolve", {"resolution": "x"}).status_code == 403
    resolved = post(opener, f"/training/review-threads/{thread['id']}/resolve", {"resolution": "Latihan ditambah."})
    assert (resolved.status_code, resolved.json()["resolved_by"], resolved.json()["resolution"]) == (
        200,
        "trainer-a",
        "Latihan ditambah.",
    )
    assert post(other, f"/training/review-threads/{thread['id']}/comments", {"body": "lagi"}).status_code == 409
    only_open = author.get(API + f"/training/packages/{w.kb.package.pk}/review-threads?status=open").json()["items"]
    assert only_open == []
    reopened = post(author, f"/training/review-threads/{thread['id']}/reopen", {"reason": "Belum cukup."})
    assert (reopened.status_code, reopened.json()["resolved_at"], len(reopened.json()["comments"])) == (200, None, 3)
    closed = post(author, f"/training/review-rounds/{opened.json()['id']}/close", {})
    assert closed.status_code == 200 and closed.json()["closed_at"] is not None
    kinds = list(AuditEvent.objects.filter(kind__startswith="training.").values_list("kind", flat=True).order_by("id"))
    assert kinds == [
        events.REVIEW_ROUND_OPENED,
        events.COMMENT_POSTED,
        events.COMMENT_POSTED,
        events.THREAD_RESOLVED,
        events.THREAD_REOPENED,
        events.REVIEW_ROUND_CLOSED,
    ]


def test_a_reader_sees_threads_but_may_not_open_one(w, client_for):
    review.open_thread(actor=w.trainer_a, module=w.k3.modules[0], body="x")
    client = client_for(w.reader_fspmi)
    assert len(client.get(API + f"/training/packages/{w.k3.package.pk}/review-threads").json()["items"]) == 1
    refused = post(client, "/training/review-threads", {"module": w.k3.modules[0].pk, "body": "y"})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (403, "body.module")
    assert ReviewThread.objects.count() == 1
