"""The distribution screens: an officer's whole path through them, exports opened and audited,
the planning form's refusal, and pages that cost the same queries for 3 rows or 30."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.organisation.models import Unit
from serikat.organisation.services import create_unit
from serikat.training import events
from serikat.training import services_distribution as services
from serikat.training.models import Consignment, PrintRun, StockMovement
from serikat.training.tests.test_distribution_factories import make_package

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 3)


@pytest.fixture
def world(tree, make_user):
    made = make_package(tree)
    made.publisher = make_user("training_publisher", tree.root)
    made.puk_officer = make_user("secretariat", tree.puk_a)
    return made


def test_from_print_run_to_receipt_through_the_screens(world, tree, client_for):
    office = client_for(world.publisher)
    edition_url = reverse("training:distribution_edition", args=[world.edition.pk])
    response = office.post(
        reverse("training:print_run_new", args=[world.edition.pk]),
        {"unit": "kspi", "kind": "participant_book", "printer": "CV Sinar", "quantity": "200",
         "cost_amount": "2.400.000", "ordered_on": "2025-03-01"},
    )  # fmt: skip
    assert (response.status_code, response["Location"]) == (302, edition_url)
    run = PrintRun.objects.get()
    assert (run.unit, run.quantity, run.cost_amount) == (tree.root, 200, 2400000)
    response = office.post(reverse("training:print_run_deliver", args=[run.pk]), {"delivered_on": "2025-03-02"})
    assert response.status_code == 302
    # Planning: first the units under DPW Jawa Barat with 5 each, then PUK-B asks for more.
    plan_url = reverse("training:consignment_plan", args=[world.edition.pk])
    filters = {"sender": "KSPI", "kind": "participant_book", "level": "plant", "under": "DPW-JABAR", "quantity": "5"}
    page = office.get(plan_url, filters)
    assert page.status_code == 200
    assert [u.code for u in page.context["candidates"]] == ["PUK-A", "PUK-B", "PUK-C"]
    response = office.post(
        plan_url,
        {**filters, "confirm": "1", "unit": [tree.puk_a.pk, tree.puk_b.pk],
         f"quantity_{tree.puk_a.pk}": "5", f"quantity_{tree.puk_b.pk}": "12"},
    )  # fmt: skip
    assert response.status_code == 302
    assert sorted(Consignment.objects.values_list("to_unit__code", "quantity", "status")) == [
        ("PUK-A", 5, "planned"),
        ("PUK-B", 12, "planned"),
    ]
    to_a = Consignment.objects.get(to_unit=tree.puk_a)
    response = office.post(
        reverse("training:consignment_ship", args=[to_a.pk]), {"shipped_on": "2025-03-04", "carrier": "JNE 88"}
    )
    assert response.status_code == 302
    # The plant union's officer, on a phone: the incoming list, then the receipt.
    phone = client_for(world.puk_officer)
    incoming = phone.get(reverse("training:distribution_incoming"))
    assert [row.pk for row in incoming.context["rows"]] == [to_a.pk]
    assert reverse("training:consignment_receive", args=[to_a.pk]) in incoming.content.decode()
    response = phone.post(
        reverse("training:consignment_receive", args=[to_a.pk]),
        {"received_quantity": "4", "received_on": "2025-03-06", "note": ""},
    )
    assert response.status_code == 400
    assert "Say what happened to the missing or damaged copies." in response.content.decode()
    response = phone.post(
        reverse("training:consignment_receive", args=[to_a.pk]),
        {"received_quantity": "4", "received_on": "2025-03-06", "note": "1 sobek"},
    )
    assert (response.status_code, response["Location"]) == (302, reverse("training:distribution_incoming"))
    assert services.stock_of(unit=tree.puk_a, edition=world.edition, kind="participant_book") == 4
    # Hand out three, count and find none left.
    stock_url = reverse("training:distribution_stock", args=[world.edition.pk, tree.puk_a.pk])
    phone.post(
        reverse("training:stock_hand_out", args=[world.edition.pk, tree.puk_a.pk]),
        {"kind": "participant_book", "quantity": "3", "handed_out_on": "2025-03-07", "training": "Dasar PUK A"},
    )
    response = phone.post(
        reverse("training:stock_count", args=[world.edition.pk, tree.puk_a.pk]),
        {"kind": "participant_book", "counted": "0", "counted_on": "2025-03-08", "reason": "dipinjam"},
    )
    assert (response.status_code, response["Location"]) == (302, stock_url)
    assert list(StockMovement.objects.filter(unit=tree.puk_a).order_by("id").values_list("kind", "quantity")) == [
        ("received", 4),
        ("handed_out", -3),
        ("adjusted", -1),
    ]
    # Cancel PUK-B's planned consignment.
    to_b = Consignment.objects.get(to_unit=tree.puk_b)
    response = office.post(reverse("training:consignment_cancel", args=[to_b.pk]), {"reason": "Sudah cukup"})
    assert response.status_code == 302
    assert Consignment.objects.get(pk=to_b.pk).status == "cancelled"


def test_a_plan_beyond_the_stock_is_refused_on_the_form_and_keeps_the_choice(world, tree, client_for):
    office = client_for(world.publisher)
    response = office.post(
        reverse("training:consignment_plan", args=[world.edition.pk]),
        {"sender": "KSPI", "kind": "participant_book", "level": "federation", "quantity": "5", "confirm": "1",
         "unit": [tree.fspmi.pk], f"quantity_{tree.fspmi.pk}": "7"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["problems"] == [
        "KSPI holds 0 copies of the participant book and has planned 0 for other units, so 0 are available; "
        "these consignments need 7."
    ]
    chosen = {u.code: (u.plan_checked, u.plan_quantity) for u in response.context["candidates"]}
    assert chosen == {"FSPMI": (True, "7"), "SPN": (False, 5)}
    assert Consignment.objects.count() == 0


def test_planning_for_a_hidden_unit_answers_not_found(world, tree, client_for, make_user):
    fspmi = make_user("secretariat", tree.fspmi)
    response = client_for(fspmi).post(
        reverse("training:consignment_plan", args=[world.edition.pk]),
        {"sender": "FSPMI", "kind": "participant_book", "level": "plant", "quantity": "1", "confirm": "1",
         "unit": [tree.spn_puk.pk], f"quantity_{tree.spn_puk.pk}": "1"},
    )  # fmt: skip
    assert response.status_code == 404


def _distributed(world, tree):
    run = services.record_print_run(
        actor=world.publisher, edition=world.edition, unit=tree.root, kind="participant_book", printer="P",
        quantity=50, cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    services.mark_print_run_delivered(actor=world.publisher, print_run=run, delivered_on=DAY)
    planned = services.plan_consignments(
        actor=world.publisher, edition=world.edition, from_unit=tree.root, kind="participant_book",
        allocations=[(tree.puk_a, 5), (tree.spn_puk, 5)],
    )  # fmt: skip
    services.ship_consignment(actor=world.publisher, consignment=planned[0], shipped_on=DAY)
    services.confirm_receipt(actor=world.puk_officer, consignment=planned[0], received_quantity=5, received_on=DAY)


def test_the_coverage_export_is_audited_first_and_opens_in_excel(world, tree, client_for):
    Unit.objects.filter(pk=tree.puk_b.pk).update(name='=HYPERLINK("http://x")')
    _distributed(world, tree)
    response = client_for(world.publisher).post(
        reverse("training:coverage_export", args=[world.package.pk]), {"format": "xlsx", "level": "plant"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="training-coverage-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Unit code", "Unit", "Level", "Federation", "Holds", "On the way"]
    assert rows[1:] == [
        ["PUK-A", "PUK-A", "PUK", "FSPMI", "Current edition", None],
        ["PUK-B", '\'=HYPERLINK("http://x")', "PUK", "FSPMI", "None", None],
        ["PUK-C", "PUK-C", "PUK", "FSPMI", "None", None],
        ["PUK-D", "PUK-D", "PUK", "FSPMI", "None", None],
        ["SPN-PUK-S", "SPN-PUK-S", "PUK", "SPN", "None", None],
    ]
    event = AuditEvent.objects.get(kind=events.DISTRIBUTION_EXPORTED)
    assert (event.unit, event.data) == (
        tree.root,
        {"what": "coverage", "format": "xlsx", "filters": {"package": world.package.pk, "level": "plant"}, "rows": 5},
    )


def test_the_consignments_export_as_csv_lists_what_the_officer_sees(world, tree, client_for):
    _distributed(world, tree)
    response = client_for(world.puk_officer).post(
        reverse("training:consignments_export", args=[world.edition.pk]), {"format": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[6] for row in rows[1:]] == ["PUK-A"]  # not the one to SPN
    assert rows[1][8:10] == ["5", "Received"]
    event = AuditEvent.objects.get(kind=events.DISTRIBUTION_EXPORTED)
    assert (event.unit, event.data["rows"]) == (tree.puk_a, 1)


def test_the_coverage_page_shows_states_and_counts(world, tree, client_for):
    _distributed(world, tree)
    response = client_for(world.publisher).get(
        reverse("training:distribution_coverage", args=[world.package.pk]), {"level": "plant"}
    )
    assert response.status_code == 200
    assert {u.code: u.state for u in response.context["page"]["items"]} == {
        "PUK-A": "current", "PUK-B": "none", "PUK-C": "none", "PUK-D": "none", "SPN-PUK-S": "none",
    }  # fmt: skip
    assert [(c.code, c.current, c.none) for c in response.context["counts"]] == [("FSPMI", 1, 3), ("SPN", 0, 1)]
    response = client_for(world.publisher).get(
        reverse("training:distribution_coverage", args=[world.package.pk]), {"under": "NOPE"}
    )
    assert response.status_code == 400


def _grow(world, tree, start, stop):
    level = tree.level(tree.fspmi, "PUK")
    units = [
        create_unit(actor=tree.admin, parent=tree.pc_bks, level=level, code=f"PUK-N{i}", name=f"PUK N{i}")
        for i in range(start, stop)
    ]
    run = services.record_print_run(
        actor=world.publisher, edition=world.edition, unit=tree.root, kind="participant_book", printer="P",
        quantity=len(units), cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    services.mark_print_run_delivered(actor=world.publisher, print_run=run, delivered_on=DAY)
    planned = services.plan_consignments(
        actor=world.publisher, edition=world.edition, from_unit=tree.root, kind="participant_book",
        allocations=[(unit, 1) for unit in units],
    )  # fmt: skip
    for row in planned:
        services.ship_consignment(actor=world.publisher, consignment=row, shipped_on=DAY)


PAGES = {
    "edition": lambda w, t: reverse("training:distribution_edition", args=[w.edition.pk]),
    "coverage": lambda w, t: reverse("training:distribution_coverage", args=[w.package.pk]) + "?level=plant",
    "incoming": lambda w, t: reverse("training:distribution_incoming"),
    "plan": lambda w, t: reverse("training:consignment_plan", args=[w.edition.pk])
    + "?sender=KSPI&kind=participant_book&level=plant&quantity=1",
    "home": lambda w, t: reverse("training:distribution"),
}


def test_screens_cost_the_same_queries_for_3_rows_or_30(world, tree, client_for, make_user):
    client = client_for(world.publisher)
    receiver = client_for(make_user("secretariat", tree.pc_bks))

    def measure():
        counts = {}
        for name, url in PAGES.items():
            with CaptureQueriesContext(connection) as queries:
                response = (receiver if name == "incoming" else client).get(url(world, tree))
            assert response.status_code == 200, name
            counts[name] = len(queries)
        return counts

    _grow(world, tree, 0, 3)
    measure()  # the first request of a session also remembers its two-factor check
    small = measure()
    _grow(world, tree, 3, 30)
    assert measure() == small
    assert small == {"edition": 7, "coverage": 9, "incoming": 4, "plan": 9, "home": 5}
