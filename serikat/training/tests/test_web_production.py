"""The production-process and review screens doing their work: forms that record, the meeting page,
the review block of a section (the `section_threads` tag) answering htmx, and flat query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.training import events
from serikat.training import services_production as production
from serikat.training import services_review as review
from serikat.training.models import InputLink, MeetingInput, MeetingParticipant, ProductionMeeting, ReviewThread
from serikat.training.tests.test_production_world import HELD_ON, build

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def w(tree):
    return build(tree)


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- meetings ------------------------------------------------------------------------------------


def test_an_author_records_a_meeting_through_the_form(w, tree, client_for):
    client = client_for(w.author_fspmi)
    response = client.post(
        reverse("training:meeting_create"),
        {
            "unit": str(tree.fspmi.pk),
            "kind": "follow_up",
            "title": "Finalisasi K3",
            "held_on": "2025-04-02",
            "place": "Cikarang",
            "packages": [str(w.k3.package.pk)],
        },
    )
    meeting = ProductionMeeting.objects.get(title="Finalisasi K3")
    assert response.status_code == 302
    assert response["Location"] == reverse("training:meeting", args=[meeting.pk])
    assert (meeting.unit, meeting.kind, list(meeting.packages.all())) == (tree.fspmi, "follow_up", [w.k3.package])


def test_the_meeting_form_shows_what_is_missing_next_to_the_field(w, client_for):
    response = client_for(w.author_fspmi).post(reverse("training:meeting_create"), {"kind": "follow_up"})
    page = _text(response)
    assert response.status_code == 200
    assert 'id="id_title_error"' in page and 'id="id_held_on_error"' in page
    assert ProductionMeeting.objects.count() == 2


def test_a_participant_picked_from_the_pool_and_an_input_linked_to_a_session(w, tree, client_for):
    trainer = production.record_trainer(actor=w.author_fspmi, unit=tree.puk_a, name="Rina Marlina", sector=w.metal)
    client = client_for(w.author_fspmi)
    response = client.post(
        reverse("training:meeting_participant_add", args=[w.meeting.pk]),
        {"trainer": str(trainer.pk), "role": "ttm_alumnus"},
    )
    assert response.status_code == 302
    participant = MeetingParticipant.objects.get(meeting=w.meeting)
    assert (participant.name, participant.unit, participant.sector) == ("Rina Marlina", tree.puk_a, w.metal)
    client.post(
        reverse("training:meeting_input_record", args=[w.meeting.pk]),
        {"kind": "need", "sector": str(w.metal.pk), "text": "Bahaya debu logam", "raised_by": str(participant.pk)},
    )
    item = MeetingInput.objects.get(meeting=w.meeting)
    response = client.post(
        reverse("training:meeting_input_link", args=[item.pk]), {"section": f"s{w.k3.sessions[0].pk}"}
    )
    assert response["Location"] == reverse("training:meeting", args=[w.meeting.pk]) + f"#input-{item.pk}"
    link = InputLink.objects.get(input=item)
    assert (link.module, link.session) == (w.k3.modules[0], w.k3.sessions[0])
    page = _text(client.get(reverse("training:meeting", args=[w.meeting.pk])))
    assert "<h3>FSPMI</h3>" in page and "Rina Marlina" in page
    assert "Bahaya debu logam" in page and "K3-01 · 1.1 Alat pelindung" in page
    client.post(reverse("training:meeting_input_unlink", args=[link.pk]))
    assert InputLink.objects.filter(input=item).count() == 0


def test_linking_to_a_section_outside_the_meetings_packages_says_so(w, tree, client_for):
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text="x")
    w.meeting.packages.set([w.k3.package])
    client = client_for(w.author_fspmi)
    response = client.post(
        reverse("training:meeting_input_link", args=[item.pk]), {"section": f"m{w.kb.modules[0].pk}"}, follow=True
    )
    assert "Choose a section of one of the meeting&#x27;s packages." in response.content.decode()
    assert InputLink.objects.count() == 0


def test_a_trainer_sees_the_meeting_without_its_authoring_buttons(w, client_for):
    page = _text(client_for(w.trainer_a).get(reverse("training:meeting", args=[w.meeting.pk])))
    assert "Kelompok produksi FSPMI" in page
    assert reverse("training:meeting_edit", args=[w.meeting.pk]) not in page


def test_the_meeting_page_speaks_indonesian_by_default(w, client_for):
    page = _text(client_for(w.author_fspmi, language="id").get(reverse("training:meeting", args=[w.meeting.pk])))
    assert 'lang="id"' in page


def test_a_nik_outside_scope_shows_on_the_trainer_form(w, tree, client_for):
    response = client_for(w.author_fspmi).post(
        reverse("training:trainer_create"), {"unit": str(tree.puk_a.pk), "name": "Rina", "nik": "3216015708850001"}
    )
    assert response.status_code == 200
    assert 'id="id_nik_error"' in _text(response)


# --- review --------------------------------------------------------------------------------------


def test_a_plant_union_trainer_opens_a_thread_with_htmx_and_gets_the_section_back(w, client_for):
    client = client_for(w.trainer_a)
    response = client.post(
        reverse("training:review_thread_open"),
        {"module": str(w.kb.modules[0].pk), "session": str(w.kb.sessions[0].pk), "body": "Tambahkan contoh lokal."},
        **HTMX,
    )
    page = _text(response)
    thread = ReviewThread.objects.get()
    assert response.status_code == 200
    assert page.startswith(f'<section id="review-m{w.kb.modules[0].pk}-s{w.kb.sessions[0].pk}"')
    assert f'id="thread-{thread.pk}"' in page and "Tambahkan contoh lokal." in page
    assert AuditEvent.objects.filter(kind=events.COMMENT_POSTED).count() == 1


def test_an_empty_comment_comes_back_with_the_problem_and_writes_nothing(w, client_for):
    response = client_for(w.trainer_a).post(
        reverse("training:review_thread_open"), {"module": str(w.kb.modules[0].pk), "body": " "}, **HTMX
    )
    assert "Write something first." in response.content.decode()
    assert ReviewThread.objects.count() == 0


def test_a_plain_post_returns_to_the_page_it_came_from(w, client_for):
    back = "/training/?x=1"
    response = client_for(w.trainer_a).post(
        reverse("training:review_thread_open"), {"module": str(w.kb.modules[1].pk), "body": "ok", "next": back}
    )
    assert response["Location"] == f"{back}#review-m{w.kb.modules[1].pk}"
    evil = client_for(w.trainer_a).post(
        reverse("training:review_thread_open"),
        {"module": str(w.kb.modules[1].pk), "body": "ok", "next": "https://evil.example/"},
    )
    assert evil["Location"] == reverse("training:review", args=[w.kb.package.pk]) + f"#review-m{w.kb.modules[1].pk}"


def test_an_author_resolves_and_the_opener_reopens_a_thread_with_htmx(w, client_for):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="Kurang jelas.")
    resolved = client_for(w.author_kspi).post(
        reverse("training:review_thread_resolve", args=[thread.pk]), {"resolution": "Diperjelas."}, **HTMX
    )
    page = _text(resolved)
    assert page.startswith(f'<article id="thread-{thread.pk}"') and "Diperjelas." in page and "Resolved" in page
    reopened = client_for(w.trainer_a).post(
        reverse("training:review_thread_reopen", args=[thread.pk]), {"reason": "Masih kurang."}, **HTMX
    )
    assert "Masih kurang." in reopened.content.decode()
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_replying_to_a_resolved_thread_shows_why_not(w, client_for):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="x")
    review.resolve_thread(actor=w.trainer_a, thread=thread, resolution="ok")
    response = client_for(w.trainer_b).post(
        reverse("training:review_thread_reply", args=[thread.pk]), {"body": "lagi"}, **HTMX
    )
    assert "This thread is resolved; reopen it to reply." in response.content.decode()
    assert thread.comments.count() == 1


def test_an_author_opens_and_closes_a_round_on_the_review_page(w, client_for):
    client = client_for(w.author_kspi)
    client.post(reverse("training:review_round_open", args=[w.kb.package.pk]), {"title": "Putaran 1"})
    page = _text(client.get(reverse("training:review", args=[w.kb.package.pk])))
    assert "Round 1" in page and "Putaran 1" in page
    round_ = w.kb.package.review_rounds.get()
    client.post(reverse("training:review_round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.closed_at is not None


def test_the_review_page_filters_open_and_resolved_threads(w, client_for):
    open_one = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="terbuka")
    done = review.open_thread(actor=w.trainer_a, module=w.kb.modules[1], body="selesai")
    review.resolve_thread(actor=w.trainer_a, thread=done, resolution="ok")
    client = client_for(w.trainer_a)
    url = reverse("training:review", args=[w.kb.package.pk])
    shown = {
        status: re.findall(r'id="thread-(\d+)"', client.get(url, {"status": status}).content.decode())
        for status in ("open", "resolved", "all")
    }
    assert shown == {"open": [str(open_one.pk)], "resolved": [str(done.pk)], "all": [str(open_one.pk), str(done.pk)]}


# --- the section tag -----------------------------------------------------------------------------

TAG = Template("{% load training_review %}{% section_threads user module session %}")


def _render_tag(user, module, session=None):
    request = RequestFactory().get("/training/section/")
    request.user = user
    return TAG.render(Context({"user": user, "module": module, "session": session, "request": request}))


def test_the_section_tag_shows_threads_and_what_the_production_group_asked_for(w):
    item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="obstacle", text="Takut dipecat")
    production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[0], session=w.kb.sessions[1])
    review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], session=w.kb.sessions[1], body="Kasus nyata?")
    html = _render_tag(w.trainer_a, w.kb.modules[0], w.kb.sessions[1])
    assert "Kasus nyata?" in html and "What the production group asked for" in html and "Takut dipecat" in html
    assert 'name="csrfmiddlewaretoken"' in html
    # SPN's trainer reads the confederation package but not FSPMI's meeting: the input stays hidden.
    other = _render_tag(w.trainer_spn, w.kb.modules[0], w.kb.sessions[1])
    assert "Kasus nyata?" in other and "Takut dipecat" not in other


def _grow(w, start, stop):
    for i in range(start, stop):
        thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body=f"komentar {i}")
        review.reply_to_thread(actor=w.trainer_b, thread=thread, body=f"balasan {i}")
        if i % 2:
            review.resolve_thread(actor=w.trainer_a, thread=thread, resolution=f"selesai {i}")
        item = production.record_input(actor=w.author_fspmi, meeting=w.meeting, kind="need", text=f"masukan {i}")
        production.link_input(actor=w.author_fspmi, input=item, module=w.kb.modules[0])
        production.add_participant(actor=w.author_fspmi, meeting=w.meeting, name=f"Peserta {i}", unit=w.tree.puk_a)
        ProductionMeeting.objects.create(unit=w.tree.fspmi, title=f"Rapat {i}", held_on=HELD_ON, created_by=w.admin)


def _count(fn):
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_query_counts_of_the_tag_and_the_pages_are_flat(w, client_for):
    client = client_for(w.author_kspi)
    pages = {
        "meetings": reverse("training:meetings"),
        "meeting": reverse("training:meeting", args=[w.meeting.pk]),
        "review": reverse("training:review", args=[w.kb.package.pk]) + "?status=all",
        "trainers": reverse("training:trainers"),
    }

    def measure():
        counts = {name: _count(lambda url=url: client.get(url)) for name, url in pages.items()}
        # A fresh user object, as each request has: its grants are loaded once, then cached on it.
        actor = type(w.author_kspi).objects.get(pk=w.author_kspi.pk)
        counts["tag"] = _count(lambda: _render_tag(actor, w.kb.modules[0]))
        return counts

    _grow(w, 0, 3)
    measure()  # the first request of a process fills caches (content types, translations)
    small = measure()
    _grow(w, 3, 30)
    large = measure()
    assert large == small == {"meetings": 5, "meeting": 11, "review": 7, "trainers": 4, "tag": 4}
    assert _render_tag(w.author_kspi, w.kb.modules[0]).count('data-testid="thread"') == 30
