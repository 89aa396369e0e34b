"""The production and review list endpoints answer with the same number of queries for 3 rows as for 30.

As in serikat/core/tests/test_api_query_counts.py: session and user (2), the two-factor check (1),
the caller's grants (1), then the door of the parent object (1) where there is one, the page, and
its batch look-ups.
"""

from __future__ import annotations

import pytest

from serikat.core.tests.test_api_query_counts import measure
from serikat.core.tests.test_api_world import API
from serikat.training import services_production as production
from serikat.training import services_review as review
from serikat.training.models import ProductionMeeting
from serikat.training.tests.test_production_world import HELD_ON, build

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/training/trainers": 5,  # + sectors and units joined, nothing per row
    "/training/meetings": 6,  # + the packages of the page, prefetched
    "/training/meetings/{meeting_id}/participants": 6,  # + the meeting
    "/training/meetings/{meeting_id}/inputs": 7,  # + the meeting, the links prefetched
    "/training/packages/{package_id}/review-rounds": 6,  # + the package
    "/training/packages/{package_id}/review-threads": 7,  # + the package, the comments prefetched
    "/training/review-threads/{thread_id}/comments": 6,  # + the thread
}
MEASURED = set(LISTS)  # read by the core test of every list


def grow(w, start, stop):
    """Per i: a trainer, a meeting, a participant and a linked input of the FSPMI meeting, a closed
    review round, a thread (with a reply) and a comment on the first thread."""
    admin = w.admin
    for i in range(start, stop):
        production.record_trainer(actor=admin, unit=w.tree.puk_a, name=f"Pelatih {i}", sector=w.metal)
        ProductionMeeting.objects.create(unit=w.tree.fspmi, title=f"Rapat {i}", held_on=HELD_ON, created_by=admin)
        production.add_participant(actor=admin, meeting=w.meeting, name=f"Peserta {i}", unit=w.tree.puk_a)
        item = production.record_input(actor=admin, meeting=w.meeting, kind="need", text=f"masukan {i}")
        production.link_input(actor=admin, input=item, module=w.k3.modules[0])
        opened = review.open_review_round(actor=admin, package=w.k3.package)
        thread = review.open_thread(actor=admin, module=w.k3.modules[0], body=f"utas {i}")
        review.reply_to_thread(actor=admin, thread=thread, body=f"balasan {i}")
        review.close_review_round(actor=admin, round=opened)
        review.reply_to_thread(actor=admin, thread=w.first_thread, body=f"komentar {i}")


@pytest.mark.django_db
def test_production_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    w = build(tree)
    w.first_thread = review.open_thread(actor=w.admin, module=w.k3.modules[0], body="pertama")
    client = client_for(tree.admin)
    ids = {"meeting_id": w.meeting.pk, "package_id": w.k3.package.pk, "thread_id": w.first_thread.pk}
    urls = {endpoint: API + endpoint.format(**ids) for endpoint in LISTS}
    grow(w, 0, 3)
    small = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    grow(w, 3, 30)
    large = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"
