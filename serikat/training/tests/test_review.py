"""Review through its services: rounds, threads on sections, replies, resolution and reopening."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import Conflict, DomainError, Forbidden, NotFound
from serikat.training import events
from serikat.training import services_review as review
from serikat.training.models import ReviewComment, ReviewRound, ReviewThread
from serikat.training.selectors_production import package_review, section_review
from serikat.training.tests.test_production_world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tree):
    return build(tree)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _rows():
    return (
        list(ReviewRound.objects.values_list("id", "number", "closed_at").order_by("id")),
        list(ReviewThread.objects.values_list("id", "resolved_at", "resolution").order_by("id")),
        list(ReviewComment.objects.values_list("id", "body").order_by("id")),
        AuditEvent.objects.count(),
    )


def _problems(error):
    return sorted((p.field, str(p.message)) for p in error.value.problems)


# --- rounds --------------------------------------------------------------------------------------


def test_rounds_are_numbered_per_package_and_one_is_open_at_a_time(w):
    first = review.open_review_round(actor=w.author_kspi, package=w.kb.package, title="Putaran pertama")
    other = review.open_review_round(actor=w.author_fspmi, package=w.k3.package)
    before = _rows()
    with pytest.raises(Conflict) as error:
        review.open_review_round(actor=w.author_kspi, package=w.kb.package)
    assert str(error.value.message) == "Round 1 is still open; close it before opening another."
    assert _rows() == before
    review.close_review_round(actor=w.author_kspi, round=first)
    second = review.open_review_round(actor=w.author_kspi, package=w.kb.package)
    assert (first.number, other.number, second.number) == (1, 1, 2)
    assert [e.data["number"] for e in AuditEvent.objects.filter(kind=events.REVIEW_ROUND_OPENED).order_by("id")] == [
        1,
        1,
        2,
    ]
    assert AuditEvent.objects.filter(kind=events.REVIEW_ROUND_CLOSED).count() == 1


def test_closing_a_closed_round_is_a_conflict(w):
    opened = review.open_review_round(actor=w.author_kspi, package=w.kb.package)
    review.close_review_round(actor=w.author_kspi, round=opened)
    with pytest.raises(Conflict):
        review.close_review_round(actor=w.author_kspi, round=ReviewRound.objects.get(pk=opened.pk))


def test_a_round_needs_authoring_over_the_package(w):
    before = _rows()
    for actor in (w.author_fspmi, w.trainer_a, w.reader_fspmi):  # FSPMI's author does not author KSPI's package
        with pytest.raises(NotFound):
            review.open_review_round(actor=actor, package=w.kb.package)
    assert _rows() == before


def test_a_round_cannot_close_in_the_past(w):
    with pytest.raises(DomainError) as error:
        review.open_review_round(
            actor=w.author_kspi, package=w.kb.package, closes_on=timezone.localdate() - datetime.timedelta(days=1)
        )
    assert _problems(error) == [("closes_on", "The closing day has already passed.")]


# --- threads -------------------------------------------------------------------------------------


def test_a_plant_union_trainer_comments_on_a_confederation_package_in_the_open_round(w):
    opened = review.open_review_round(actor=w.author_kspi, package=w.kb.package)
    thread = review.open_thread(
        actor=w.trainer_a, module=w.kb.modules[0], session=w.kb.sessions[1], body="Tambahkan UU 21/2000."
    )
    assert (thread.round, thread.package, [c.body for c in thread.comments.all()]) == (
        opened,
        w.kb.package,
        ["Tambahkan UU 21/2000."],
    )
    event = AuditEvent.objects.get(kind=events.COMMENT_POSTED)
    assert (event.unit_id, event.data["thread"], event.data["opened"], event.data["round"]) == (
        w.tree.root.pk,
        thread.pk,
        True,
        1,
    )


def test_a_thread_opened_without_an_open_round_belongs_to_none(w):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[1], body="Contoh perundingan?")
    assert thread.round is None


def test_review_reaches_up_the_tree_but_not_across_it(w):
    before = _rows()
    with pytest.raises(NotFound):  # SPN cannot see FSPMI's package
        review.open_thread(actor=w.trainer_spn, module=w.k3.modules[0], body="x")
    with pytest.raises(Forbidden):  # a reader sees the package but may not review it
        review.open_thread(actor=w.reader_fspmi, module=w.k3.modules[0], body="x")
    with pytest.raises(NotFound):
        review.open_thread(actor=w.no_grant, module=w.k3.modules[0], body="x")
    assert _rows() == before


def test_a_thread_needs_a_comment_and_a_session_of_its_module(w):
    with pytest.raises(DomainError) as error:
        review.open_thread(actor=w.trainer_a, module=w.kb.modules[1], session=w.kb.sessions[0], body="  ")
    assert _problems(error) == [
        ("body", "Write something first."),
        ("session", "This session is not part of that module."),
    ]


def test_the_opener_resolves_a_thread_and_a_resolved_thread_takes_no_reply_until_reopened(w):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="Judul kurang jelas.")
    review.reply_to_thread(actor=w.trainer_b, thread=thread, body="Setuju.")
    review.resolve_thread(actor=w.trainer_a, thread=thread, resolution="Judul diganti.")
    thread.refresh_from_db()
    assert (thread.resolved_by, thread.resolution) == (w.trainer_a, "Judul diganti.")
    before = _rows()
    with pytest.raises(Conflict):
        review.reply_to_thread(actor=w.trainer_b, thread=thread, body="Masih kurang.")
    with pytest.raises(Conflict):
        review.resolve_thread(actor=w.trainer_a, thread=thread, resolution="lagi")
    assert _rows() == before
    review.reopen_thread(actor=w.author_kspi, thread=thread, reason="Judul baru juga membingungkan.")
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolution) == (None, "")
    assert [c.body for c in thread.comments.order_by("id")] == [
        "Judul kurang jelas.",
        "Setuju.",
        "Judul baru juga membingungkan.",
    ]
    reopened = AuditEvent.objects.get(kind=events.THREAD_REOPENED)
    assert reopened.data["withdrawn"] == {"resolution": "Judul diganti.", "resolved_by": w.trainer_a.pk}


def test_only_an_author_or_the_opener_settles_a_thread(w):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="x")
    before = _rows()
    with pytest.raises(Forbidden):
        review.resolve_thread(actor=w.trainer_b, thread=thread, resolution="Bukan urusan saya")
    with pytest.raises(NotFound):
        review.resolve_thread(actor=w.no_grant, thread=thread, resolution="x")
    assert _rows() == before
    review.resolve_thread(actor=w.author_kspi, thread=thread, resolution="Sudah diperbaiki.")
    assert AuditEvent.objects.get(kind=events.THREAD_RESOLVED).data == {
        "thread": thread.pk,
        "resolution": "Sudah diperbaiki.",
    }


def test_a_resolution_needs_a_note(w):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="x")
    with pytest.raises(DomainError) as error:
        review.resolve_thread(actor=w.trainer_a, thread=thread, resolution="")
    assert _problems(error) == [("resolution", "Write something first.")]


def test_reopening_an_open_thread_is_a_conflict(w):
    thread = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="x")
    with pytest.raises(Conflict):
        review.reopen_thread(actor=w.trainer_a, thread=thread)


# --- read models ---------------------------------------------------------------------------------


def test_a_section_shows_its_threads_open_first_and_only_its_own(w):
    resolved = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="lama")
    review.resolve_thread(actor=w.trainer_a, thread=resolved, resolution="ok")
    newer_open = review.open_thread(actor=w.trainer_b, module=w.kb.modules[0], body="baru")
    review.open_thread(actor=w.trainer_b, module=w.kb.modules[0], session=w.kb.sessions[0], body="sesi")
    data = section_review(w.trainer_a, w.kb.modules[0])
    assert [t.pk for t in data.threads] == [newer_open.pk, resolved.pk]
    assert [(t.can_review, t.can_settle) for t in data.threads] == [(True, False), (True, True)]
    assert (data.can_review, data.can_author) == (True, False)


def test_the_package_review_groups_threads_by_section_in_package_order(w):
    review.open_review_round(actor=w.author_kspi, package=w.kb.package)
    second_module = review.open_thread(actor=w.trainer_a, module=w.kb.modules[1], body="a")
    on_session = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], session=w.kb.sessions[1], body="b")
    on_module = review.open_thread(actor=w.trainer_a, module=w.kb.modules[0], body="c")
    review.resolve_thread(actor=w.trainer_a, thread=on_module, resolution="done")
    data = package_review(w.author_kspi, w.kb.package, status="all")
    assert [(g.label, [t.pk for t in g.rows]) for g in data.sections] == [
        ("1. Hak berserikat", [on_module.pk]),
        ("1.2 Undang-undang", [on_session.pk]),
        ("2. Berunding", [second_module.pk]),
    ]
    assert [(r.number, r.open_count, r.resolved_count) for r in data.rounds] == [(1, 2, 1)]
    assert [g.label for g in package_review(w.author_kspi, w.kb.package, status="resolved").sections] == [
        "1. Hak berserikat"
    ]
