"""The dues dashboard and report screens: running a month, arrears, a statement, levies, exports."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues import events
from serikat.dues.models import AllocationRun, Levy
from serikat.dues.services_allocation import run_allocation
from serikat.dues.tests.rules_helpers import FEB, JAN, MAR, fspmi_rules, member, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocated(tree):
    fspmi_rules(tree)
    paid = member(tree.admin, tree.puk_a, 1)
    late = member(tree.admin, tree.puk_b, 2)
    for month in (JAN, FEB, MAR):
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=month)
        pay(paid, month, 50_000)
        run_allocation(actor=tree.admin, federation=tree.fspmi, month=month)
    return paid, late


def test_the_dues_link_shows_for_those_who_may_see_dues(tree, make_user, client_for):
    assert 'href="/dues/"' in client_for(make_user("read_only", tree.puk_a)).get("/").content.decode()
    assert 'href="/dues/"' not in client_for(make_user()).get("/").content.decode()


def test_the_dashboard_charts_the_months_and_names_the_unions_behind(tree, allocated, make_user, client_for):
    page = client_for(make_user("treasurer", tree.fspmi)).get(reverse("dues:home")).content.decode()
    assert 'data-testid="chart"' in page and "<svg" in page and "<script>" not in page and " style=" not in page
    assert page.count('class="dues-chart-row"') == 3  # January to March
    assert "Allocated month 2025-03" in page
    assert "1 union has arrears up to 2025-03." in page and "PUK-B" in page


def test_a_treasurer_runs_a_month_from_the_form(tree, make_user, client_for):
    fspmi_rules(tree)
    member(tree.admin, tree.puk_a, 1)
    client = client_for(make_user("treasurer", tree.fspmi))
    response = client.post(reverse("dues:run_allocation"), {"federation": tree.fspmi.pk, "month": "2025-01"})
    run = AllocationRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dues:run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Rp 50,000" in page and 'data-testid="run-levels"' in page


def test_running_a_month_without_a_rule_names_the_month(tree, make_user, client_for):
    response = client_for(make_user("treasurer", tree.fspmi)).post(
        reverse("dues:run_allocation"), {"federation": tree.fspmi.pk, "month": "2025-01"}
    )
    assert response.status_code == 200
    assert "No allocation rule of this federation is in force in that month." in response.content.decode()


def test_a_plant_union_cannot_run_nor_run_another_federation(tree, make_user, client_for):
    fspmi_rules(tree)
    assert client_for(make_user("treasurer", tree.puk_a)).get(reverse("dues:run_allocation")).status_code == 403
    spn = client_for(make_user("treasurer", tree.spn))
    response = spn.post(reverse("dues:run_allocation"), {"federation": tree.fspmi.pk, "month": "2025-01"})
    assert response.status_code == 404
    assert AllocationRun.objects.count() == 0


def test_arrears_page_lists_the_flagged_unions(tree, allocated, make_user, client_for):
    page = (
        client_for(make_user("treasurer", tree.fspmi))
        .get(reverse("dues:arrears") + f"?federation={tree.fspmi.pk}")
        .content.decode()
    )
    assert "Arrears ageing · FSPMI" in page
    assert "1 union has reached its standing rule's months of arrears." in page
    assert f'href="/dues/unions/{tree.puk_b.pk}/"' in page


def test_a_member_statement_page(tree, allocated, make_user, client_for):
    _paid, late = allocated
    page = client_for(make_user("treasurer", tree.puk_b)).get(reverse("dues:statement", args=[late.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Not paid-up" in html and "Rp 150,000 (3 months)" in html
    assert (
        client_for(make_user("treasurer", tree.puk_a)).get(reverse("dues:statement", args=[late.pk])).status_code == 404
    )


def test_a_union_month_and_the_allocation_report(tree, allocated, make_user, client_for):
    client = client_for(make_user("treasurer", tree.kc_bks))
    page = client.get(reverse("dues:union_month", args=[tree.puk_b.pk]) + "?month=2025-02").content.decode()
    assert "Months in arrears" in page and "flagged for sanction" in page
    report = client.get(reverse("dues:allocation_report") + "?from=2025-01&to=2025-03").content.decode()
    assert "KC-BKS" in report and report.count("<td>KC</td>") == 3


def test_levies_page_and_recording_a_payment(tree, allocated, make_user, client_for):
    treasurer = make_user("treasurer", tree.root)
    client = client_for(treasurer)
    page = client.get(reverse("dues:levies")).content.decode()
    assert "FSPMI 2025-03" in page and "Record a payment" in page
    levy = Levy.objects.get(month=JAN)
    response = client.post(
        reverse("dues:levy_pay", args=[levy.pk]), {"amount": "1500", "paid_on": "2025-02-03", "reference": "BCA-9"}
    )
    assert response.status_code == 302
    levy.refresh_from_db()
    assert int(levy.paid_amount) == 1_500
    too_much = client.post(reverse("dues:levy_pay", args=[levy.pk]), {"amount": "600", "paid_on": "2025-02-03"})
    assert too_much.status_code == 302
    levy.refresh_from_db()
    assert int(levy.paid_amount) == 1_500
    # A DPW treasurer sees no federation's levy.
    assert (
        "No levy yet."
        in client_for(make_user("treasurer", tree.dpw_jabar)).get(reverse("dues:levies")).content.decode()
    )


def test_the_arrears_export_is_audited_and_neutralises_formulas(tree, allocated, make_user, client_for):
    tree.puk_b.name = '=HYPERLINK("x")'
    tree.puk_b.save()
    treasurer = make_user("treasurer", tree.fspmi)
    response = client_for(treasurer).get(reverse("dues:export", args=["arrears"]) + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Union code", "Union", "Months in arrears", "Arrears (Rp)", "Oldest month", "Flagged"],
        ["PUK-B", '\'=HYPERLINK("x")', "3", "150000", "2025-01", "yes"],
    ]
    event = AuditEvent.objects.get(kind=events.DUES_EXPORTED)
    assert (event.actor_id, event.unit_id, event.data["report"], event.data["rows"], event.data["format"]) == (
        treasurer.pk, tree.fspmi.pk, "arrears", 1, "csv"
    )  # fmt: skip
    xlsx = client_for(treasurer).get(reverse("dues:export", args=["levies"]) + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_exports_need_the_export_permission_and_leave_no_trace_when_refused(tree, allocated, make_user, client_for):
    before = AuditEvent.objects.count()
    reader = client_for(make_user("read_only", tree.fspmi))
    assert reader.get(reverse("dues:export", args=["arrears"]) + "?format=csv").status_code == 403
    assert AuditEvent.objects.count() == before
    assert datetime.date.today() > MAR
