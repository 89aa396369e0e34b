"""The distribution and feedback API beyond the permission matrix: refusals name their field and
change nothing; triage and "addressed" by the roles that hold them."""

from __future__ import annotations

import datetime

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API, call
from serikat.training import services_distribution as distribution
from serikat.training.models import Consignment, Feedback, StockMovement
from serikat.training.tests.test_distribution_factories import make_package

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 3)


@pytest.fixture(autouse=True)
def english_answers(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    made.publisher = make_user("training_publisher", tree.root)
    made.author = make_user("training_author", tree.root)
    made.trainer = make_user("trainer", tree.puk_a)
    run = distribution.record_print_run(
        actor=made.publisher, edition=made.edition, unit=tree.root, kind="participant_book", printer="P",
        quantity=30, cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    distribution.mark_print_run_delivered(actor=made.publisher, print_run=run, delivered_on=DAY)
    return made


def fingerprint():
    return (
        list(Consignment.objects.values_list("id", "status")),
        StockMovement.objects.count(),
        list(Feedback.objects.values_list("id", "status")),
        AuditEvent.objects.count(),
    )


def test_over_planning_is_refused_with_the_numbers(world, tree, client_for):
    before = fingerprint()
    response = call(
        client_for(world.publisher),
        "POST",
        f"{API}/training/consignments",
        {"edition": world.edition.pk, "from_unit": tree.root.pk, "kind": "participant_book",
         "allocations": [{"unit": tree.fspmi.pk, "quantity": 20}, {"unit": tree.spn.pk, "quantity": 11}]},
    )  # fmt: skip
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["errors"]) == (
        "distribution-rule",
        [{"field": "body.allocations", "message": "KSPI holds 30 copies of the participant book and has planned 0 "
          "for other units, so 30 are available; these consignments need 31."}],
    )  # fmt: skip
    assert fingerprint() == before


def test_a_hidden_receiver_is_named_by_its_place_in_the_list(world, tree, client_for, make_user):
    federation = make_user("secretariat", tree.fspmi)
    response = call(
        client_for(federation),
        "POST",
        f"{API}/training/consignments",
        {"edition": world.edition.pk, "from_unit": tree.fspmi.pk, "kind": "participant_book",
         "allocations": [{"unit": tree.puk_a.pk, "quantity": 1}, {"unit": tree.spn_puk.pk, "quantity": 1}]},
    )  # fmt: skip
    assert (response.status_code, response.json()["errors"]) == (
        404,
        [{"field": "body.allocations.1.unit", "message": "Not found."}],
    )


def test_plan_ship_and_the_lists(world, tree, client_for):
    client = client_for(world.publisher)
    response = call(
        client, "POST", f"{API}/training/consignments",
        {"edition": world.edition.pk, "from_unit": tree.root.pk, "kind": "participant_book",
         "allocations": [{"unit": tree.fspmi.pk, "quantity": 20}]},
    )  # fmt: skip
    assert response.status_code == 201
    (row,) = response.json()
    response = call(client, "POST", f"{API}/training/consignments/{row['id']}/ship", {"shipped_on": "2025-03-04"})
    assert (response.status_code, response.json()["status"]) == (200, "shipped")
    stock = client.get(f"{API}/training/stock?edition={world.edition.pk}").json()["items"]
    assert [(s["code"], s["participant_book"]) for s in stock] == [("KSPI", 10)]
    coverage = client.get(f"{API}/training/coverage?package={world.package.pk}").json()["items"]
    assert [(c["code"], c["state"], c["in_transit"]) for c in coverage] == [
        ("FSPMI", "none", True),
        ("SPN", "none", False),
    ]


def test_feedback_from_send_to_addressed(world, tree, client_for):
    response = call(
        client_for(world.trainer),
        "POST",
        f"{API}/training/feedback",
        {"edition": world.edition.pk, "unit": tree.puk_a.pk, "module": world.module.pk,
         "session": world.session.pk, "from_role": "trainer", "body": "Sesi ini terlalu singkat."},
    )  # fmt: skip
    assert response.status_code == 201
    item = response.json()
    assert (item["section_title"], item["status"], item["session"]) == ("1.1 Sejarah serikat", "new", world.session.pk)
    response = call(
        client_for(world.publisher), "POST", f"{API}/training/feedback/{item['id']}/triage",
        {"decision": "accepted", "reason": "Tambah 30 menit"},
    )  # fmt: skip
    assert (response.status_code, response.json()["status"]) == (200, "accepted")
    response = call(client_for(world.author), "POST", f"{API}/training/feedback/{item['id']}/address")
    assert response.status_code == 200
    assert response.json()["addressed_at"] is not None
    listed = client_for(world.author).get(f"{API}/training/feedback?status=accepted&module={world.module.pk}")
    assert [row["id"] for row in listed.json()["items"]] == [item["id"]]


def test_a_section_outside_the_edition_is_refused_on_its_field(world, tree, client_for):
    before = fingerprint()
    response = call(
        client_for(world.trainer),
        "POST",
        f"{API}/training/feedback",
        {"edition": world.edition.pk, "unit": tree.puk_a.pk, "module": world.module.pk, "session": 987654,
         "from_role": "participant", "body": "x"},
    )  # fmt: skip
    assert (response.status_code, response.json()["errors"]) == (
        400,
        [{"field": "body.session", "message": "Choose a section of this edition."}],
    )
    assert fingerprint() == before
