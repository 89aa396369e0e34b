"""close_addressed_feedback: the release records which edition addressed accepted feedback."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serikat.training.models import Feedback
from serikat.training.services_feedback import close_addressed_feedback
from serikat.training.tests.test_distribution_factories import make_package, release

pytestmark = pytest.mark.django_db


def _item(edition, tree, *, status, addressed=False, addressed_in=None):
    now = timezone.now()
    return Feedback.objects.create(
        edition=edition,
        unit=tree.puk_a,
        section_title="Module 1. Hak berserikat",
        body="Contoh kasus kurang relevan untuk sektor garmen.",
        status=status,
        author=tree.admin,
        addressed_by=tree.admin if addressed else None,
        addressed_at=now if addressed else None,
        addressed_in=addressed_in,
    )


def test_release_closes_only_accepted_addressed_open_items_of_the_same_package(tree):
    made = make_package(tree)
    other = make_package(tree, code="K3-01", title="K3")
    done = _item(made.edition, tree, status=Feedback.Status.ACCEPTED, addressed=True)
    open_item = _item(made.edition, tree, status=Feedback.Status.ACCEPTED)
    declined = _item(made.edition, tree, status=Feedback.Status.DECLINED, addressed=True)
    foreign = _item(other.edition, tree, status=Feedback.Status.ACCEPTED, addressed=True)
    second = release(made.package, tree.admin)
    already = _item(second, tree, status=Feedback.Status.ACCEPTED, addressed=True, addressed_in=second)
    third = release(made.package, tree.admin)
    later_done = _item(second, tree, status=Feedback.Status.ACCEPTED, addressed=True)

    assert close_addressed_feedback(edition=third) == 2

    closed = dict(Feedback.objects.values_list("pk", "addressed_in"))
    assert closed == {
        done.pk: third.pk,
        later_done.pk: third.pk,
        open_item.pk: None,
        declined.pk: None,
        foreign.pk: None,
        already.pk: second.pk,
    }


def test_closing_is_one_statement_whatever_the_number_of_items(tree):
    made = make_package(tree)
    for _ in range(5):
        _item(made.edition, tree, status=Feedback.Status.ACCEPTED, addressed=True)
    second = release(made.package, tree.admin)
    with CaptureQueriesContext(connection) as queries:
        closed = close_addressed_feedback(edition=second)
    assert closed == 5
    assert len(queries) == 1
    assert close_addressed_feedback(edition=second) == 0
