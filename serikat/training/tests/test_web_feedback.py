"""The feedback screens and the section tag: sent from a phone, triaged from the queue, shown in
the section's draft and marked addressed there (htmx); lists cost the same for 3 items or 30."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.training import services_feedback as services
from serikat.training.access import access_module
from serikat.training.models import Feedback
from serikat.training.tests.test_distribution_factories import make_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    made.trainer = make_user("trainer", tree.puk_a)
    made.publisher = make_user("training_publisher", tree.root)
    made.author = make_user("training_author", tree.root)
    return made


def test_the_link_from_a_section_preselects_it(world, client_for):
    url = reverse("training:feedback_new", args=[world.edition.pk])
    response = client_for(world.trainer).get(url, {"module": world.module.pk, "session": world.other_session.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["section"] == f"{world.module.pk}-{world.other_session.pk}"
    assert [label for _value, label in form.fields["section"].choices] == [
        "Module 1. Hak berserikat", "1.1 Sejarah serikat", "1.2 Konvensi ILO 87", "Module 2. Perundingan bersama",
    ]  # fmt: skip
    assert form.fields["unit"].widget.input_type == "hidden"  # one unit: nothing to choose


def test_send_triage_and_address_through_the_screens(world, tree, client_for):
    phone = client_for(world.trainer)
    response = phone.post(
        reverse("training:feedback_new", args=[world.edition.pk]),
        {"section": f"{world.module.pk}-{world.other_session.pk}", "from_role": "participant",
         "unit": tree.puk_a.pk, "body": "Contoh kasusnya dari sektor lain."},
    )  # fmt: skip
    item = Feedback.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("training:feedback_detail", args=[item.pk]))
    assert (item.from_role, item.section_title, item.session) == (
        "participant",
        "1.2 Konvensi ILO 87",
        world.other_session,
    )
    office = client_for(world.publisher)
    queue = office.get(reverse("training:feedback_triage"))
    assert [row.pk for row in queue.context["page"]["items"]] == [item.pk]
    response = office.post(
        reverse("training:feedback_decide", args=[item.pk]), {"decision": "accepted", "reason": "", "next": "queue"}
    )
    assert response.status_code == 400
    response = office.post(
        reverse("training:feedback_decide", args=[item.pk]),
        {"decision": "accepted", "reason": "Ganti dengan contoh logam", "next": "queue"},
    )
    assert (response.status_code, response["Location"]) == (302, reverse("training:feedback_triage"))
    # In the draft of the section the author sees it, and marks it addressed with htmx.
    module = access_module(world.author, world.module.pk)
    request = RequestFactory().get("/")
    request.user = world.author
    with CaptureQueriesContext(connection) as queries:
        html = Template("{% load training_feedback %}{% section_feedback user module session %}").render(
            Context({"user": world.author, "module": module, "session": world.other_session, "request": request})
        )
    assert len(queries) == 1  # the items (the author's grants were cached by access_module)
    assert "Contoh kasusnya dari sektor lain." in html
    assert reverse("training:feedback_address", args=[item.pk]) in html
    response = client_for(world.author).post(
        reverse("training:feedback_address", args=[item.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "addressed in the draft" in response.content.decode()
    assert Feedback.objects.get(pk=item.pk).addressed_by == world.author
    html = Template("{% load training_feedback %}{% section_feedback user module session %}").render(
        Context({"user": world.author, "module": module, "session": world.other_session, "request": request})
    )
    assert html == ""


def test_the_tag_offers_no_button_to_a_reader(world, tree, make_user):
    item = services.send_feedback(
        actor=world.trainer, edition=world.edition, unit=tree.puk_a, module_id=world.module.pk,
        from_role="trainer", body="Perlu gambar.",
    )  # fmt: skip
    services.triage_feedback(actor=world.publisher, feedback=item, decision="accepted", reason="Ya")
    reader = make_user("read_only", tree.puk_a)
    module = access_module(reader, world.module.pk)
    html = Template("{% load training_feedback %}{% section_feedback user module %}").render(
        Context({"user": reader, "module": module})
    )
    assert "Perlu gambar." in html
    assert "Mark addressed" not in html


def _grow(world, tree, start, stop):
    for n in range(start, stop):
        item = services.send_feedback(
            actor=world.trainer, edition=world.edition, unit=tree.puk_a, module_id=world.module.pk,
            session_id=world.session.pk, from_role="trainer", body=f"Masukan {n}",
        )  # fmt: skip
        if n % 2:
            services.triage_feedback(actor=world.publisher, feedback=item, decision="accepted", reason="Ya")


def test_lists_cost_the_same_queries_for_3_items_or_30(world, tree, client_for):
    client = client_for(world.publisher)
    urls = {
        "list": reverse("training:feedback"),
        "filtered": reverse("training:feedback") + f"?status=new&package={world.package.pk}&edition={world.edition.pk}",
        "triage": reverse("training:feedback_triage"),
    }

    def measure():
        out = {}
        for name, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            out[name] = (len(queries), len(response.context["page"]["items"]) >= 1)
        return out

    _grow(world, tree, 0, 3)
    measure()
    small = measure()
    _grow(world, tree, 3, 30)
    assert measure() == small
    assert small == {"list": (5, True), "filtered": (7, True), "triage": (4, True)}
