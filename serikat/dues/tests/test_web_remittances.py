"""The remittance screens, through HTTP with real files: upload, the remittance's page (totals,
outcomes, lines filtered and paged, the exceptions queue), resolving with htmx, recording a transfer
and the xlsx download."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues.models import ReconciliationException, Remittance
from serikat.dues.tests.remittance_helpers import line, member, nik, setup_union, write_xlsx, write_xlsxwriter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(tree, make_user):
    union = setup_union(tree)
    union.treasurer = make_user("treasurer", tree.puk_a)
    return union


def _upload(client, world, path, month="2026-03"):
    with open(path, "rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    return client.post(
        reverse("dues:remittance_upload"),
        {"unit": "PUK-A", "employer": str(world.employer.pk), "month": month, "file": upload},
    )


def test_upload_then_the_remittance_page_shows_totals_outcomes_and_the_queue(world, client_for, tmp_path):
    for n in (1, 2, 3):
        member(world, n)
    client = client_for(world.treasurer)
    page = client.get(reverse("dues:remittance_upload"))
    assert page.status_code == 200
    assert page.context["form"].initial == {"unit": "PUK-A", "employer": world.employer.pk}
    path = write_xlsx(tmp_path / "potongan.xlsx", [line(1), line(2, 50_000), line(7, 20_000, number="Z7")])
    response = _upload(client, world, path)
    remittance = Remittance.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dues:remittance", args=[remittance.pk])
    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200
    assert [(value, count) for value, _label, count in page.context["outcomes"]] == [
        ("matched", 1),
        ("not_member", 1),
        ("no_authorisation", 0),
        ("amount_differs", 1),
        ("wage_missing", 0),
        ("duplicate", 0),
    ]
    assert page.context["not_deducted"] == 1
    assert [e.kind for e in page.context["exceptions"]] == ["amount_differs", "not_member", "not_deducted"]
    assert "Rp 121,235" in content  # the file total
    assert "Rp 153,705" in content  # expected: members 1 and 2 (line wage), member 3 (registry wage)
    filtered = client.get(reverse("dues:remittance", args=[remittance.pk]), {"outcome": "amount_differs"})
    assert [line.row for line in filtered.context["lines"]] == [3]


def test_typing_a_union_code_gives_that_unions_employers_and_only_within_scope(world, tree, make_user, client_for):
    from serikat.dues.tests.remittance_helpers import setup_union

    setup_union(tree, unit=tree.puk_b, employer_name="PT Baja Lain")
    council = client_for(make_user("treasurer", tree.pc_bks))
    url = reverse("dues:remittance_upload")
    everything = [label for _pk, label in council.get(url).context["form"].fields["employer"].choices]
    assert everything == ["—", "PT Baja Lain", "PT Lain (PUK-A)", "PT Lain (PUK-B)", "PT Maju Logam"]
    page = council.get(url, {"unit": "PUK-B"}, HTTP_HX_REQUEST="true")
    assert [label for _pk, label in page.context["form"].fields["employer"].choices] == ["—", "PT Baja Lain"]
    assert 'hx-select="#id_employer"' in page.content.decode()
    assert client_for(world.treasurer).get(url, {"unit": "PUK-B"}).status_code == 404


def test_lines_are_paged_by_key(world, client_for, tmp_path):
    for n in range(1, 61):
        member(world, n)
    client = client_for(world.treasurer)
    _upload(client, world, write_xlsx(tmp_path / "f.xlsx", [line(n) for n in range(1, 61)]))
    remittance = Remittance.objects.get()
    first = client.get(reverse("dues:remittance", args=[remittance.pk]))
    assert [line.row for line in first.context["lines"]] == list(range(2, 52))
    second = client.get(reverse("dues:remittance", args=[remittance.pk]) + "?" + first.context["lines_next"])
    assert [line.row for line in second.context["lines"]] == list(range(52, 62))
    assert second.context["lines_next"] is None


def test_a_bad_file_is_refused_naming_row_and_column(world, client_for, tmp_path):
    member(world, 1)
    client = client_for(world.treasurer)
    response = _upload(client, world, write_xlsx(tmp_path / "f.xlsx", [line(1, "seratus"), line(2, nik_text="3216")]))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Row 2, column Potongan Iuran: seratus is not an amount in Rupiah.",
        "Row 3, column NIK: 3216 is not a NIK (16 digits).",
    ]
    assert (Remittance.objects.count(), AuditEvent.objects.filter(kind__startswith="dues.").count()) == (0, 0)


def test_resolving_with_htmx_answers_the_row_and_a_transfer_reconciles(world, client_for, tmp_path):
    member(world, 1)
    client = client_for(world.treasurer)
    _upload(client, world, write_xlsx(tmp_path / "f.xlsx", [line(1, 50_000)]))
    remittance = Remittance.objects.get()
    exception = ReconciliationException.objects.get()
    url = reverse("dues:exception_resolve", args=[exception.pk])
    refused = client.post(url, {"action": "accept", "note": ""}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    response = client.post(url, {"action": "accept", "note": "Payroll rounds down"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().startswith(f'<li id="exception-{exception.pk}"')
    assert 'data-status="resolved"' in response.content.decode()
    response = client.post(
        reverse("dues:remittance_transfer", args=[remittance.pk]),
        {"received_on": "2026-04-09", "amount": "50000", "reference": "TRF-0042"},
    )
    assert response.status_code == 302
    remittance.refresh_from_db()
    assert (remittance.status, remittance.received_amount) == ("reconciled", 50_000)
    page = client.get(reverse("dues:remittance", args=[remittance.pk]), HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200


def test_the_download_holds_lines_and_exceptions_with_formulas_neutralised(world, client_for, tmp_path):
    member(world, 1)
    client = client_for(world.treasurer)
    rows = [line(1), [2, "=1+1", nik(9), '=HYPERLINK("http://x")', 4_000_000, 40_000]]
    _upload(client, world, write_xlsxwriter(tmp_path / "f.xlsx", rows))  # text cells, never formulas
    remittance = Remittance.objects.get()
    response = client.get(reverse("dues:remittance_xlsx", args=[remittance.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Lines", "Exceptions", "Transfers"]
    assert [list(r) for r in workbook["Lines"].iter_rows(values_only=True)] == [
        ["Row", "Employee number", "NIK", "Name", "Wage", "Deducted", "Expected", "Outcome"],
        [2, "E0001", nik(1), "Pekerja 1", 5_123_500, 51_235, 51_235, "Matched"],
        [3, "'=1+1", nik(9), '\'=HYPERLINK("http://x")', 4_000_000, 40_000, None, "Not an active member: refund"],
    ]
    assert [list(r)[:4] for r in workbook["Exceptions"].iter_rows(values_only=True)][1:] == [
        ["Deducted from someone who is not an active member", 3, nik(9), '\'=HYPERLINK("http://x")']
    ]
    event = AuditEvent.objects.get(kind="dues.dues_exported")
    assert (event.actor, event.object_id, event.data["lines"]) == (world.treasurer, str(remittance.pk), 2)
