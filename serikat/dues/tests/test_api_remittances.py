"""The remittance endpoints with a treasurer's session: upload (multipart), lines and exceptions,
a transfer, a resolution, and refusals as problem+json naming the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from serikat.core.tests.test_api_world import API, call
from serikat.dues.models import Remittance
from serikat.dues.tests.remittance_helpers import line, member, setup_union, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(tree, make_user):
    union = setup_union(tree)
    union.treasurer = make_user("treasurer", tree.puk_a)
    member(union, 1)
    member(union, 2)
    return union


def _upload(client, world, path, **fields):
    with open(path, "rb") as handle:
        data = {"employer": world.employer.pk, "month": "2026-03", "file": SimpleUploadedFile(path.name, handle.read())}
    data.update(fields)
    return client.post(f"{API}/units/{world.unit.pk}/remittances", data)


def test_upload_read_transfer_and_resolve(world, client_for, tmp_path):
    client = client_for(world.treasurer)
    response = _upload(client, world, write_xlsx(tmp_path / "maret.xlsx", [line(1), line(2, 50_000)]))
    assert response.status_code == 201, response.content
    body = response.json()
    remittance = Remittance.objects.get()
    assert {k: body[k] for k in ("id", "month", "status", "lines_count", "deducted_amount", "unchanged")} == {
        "id": remittance.pk,
        "month": "2026-03",
        "status": "open",
        "lines_count": 2,
        "deducted_amount": 101_235,
        "unchanged": False,
    }
    lines = client.get(f"{API}/remittances/{remittance.pk}/lines?outcome=amount_differs").json()
    assert [(i["row"], i["deducted_amount"], i["expected_amount"]) for i in lines["items"]] == [(3, 50_000, 51_235)]
    exceptions = client.get(f"{API}/remittances/{remittance.pk}/exceptions?status=open").json()["items"]
    assert [(e["kind"], e["row"], e["name"]) for e in exceptions] == [("amount_differs", 3, "Pekerja 2")]
    resolved = call(
        client, "POST", f"{API}/reconciliation-exceptions/{exceptions[0]['id']}/resolve",
        {"action": "accept", "note": "Payroll rounding"},
    )  # fmt: skip
    assert (resolved.status_code, resolved.json()["status"], resolved.json()["action"]) == (200, "resolved", "accept")
    transfer = call(
        client, "POST", f"{API}/remittances/{remittance.pk}/transfers",
        {"received_on": "2026-04-20", "amount": 101_235, "reference": "TRF-9"},
    )  # fmt: skip
    assert (transfer.status_code, transfer.json()["late"]) == (201, True)
    detail = client.get(f"{API}/remittances/{remittance.pk}").json()
    assert (detail["status"], detail["received_amount"], detail["payment_deadline"]) == ("open", 101_235, "2026-04-10")
    assert [
        e["kind"] for e in client.get(f"{API}/remittances/{remittance.pk}/exceptions?status=open").json()["items"]
    ] == ["late"]
    listed = client.get(f"{API}/remittances?status=open&month=2026-03").json()["items"]
    assert [r["id"] for r in listed] == [remittance.pk]


def test_a_bad_file_is_a_problem_naming_each_cell(world, client_for, tmp_path):
    client = client_for(world.treasurer)
    response = _upload(client, world, write_xlsx(tmp_path / "f.xlsx", [line(1, "x"), line(2)]))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "body.file", "message": "Row 2, column Potongan Iuran: x is not an amount in Rupiah."}
    ]
    assert Remittance.objects.count() == 0


def test_an_employer_where_the_union_does_not_organise_answers_404(world, client_for, tmp_path):
    client = client_for(world.treasurer)
    response = _upload(client, world, write_xlsx(tmp_path / "f.xlsx", [line(1)]), employer=world.other_employer.pk)
    assert (response.status_code, response.json()["errors"]) == (
        404,
        [{"field": "body.employer", "message": "Not an employer where this union organises."}],
    )
    response = _upload(client, world, write_xlsx(tmp_path / "f.xlsx", [line(1)]), month="March")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "body.month")
    assert Remittance.objects.count() == 0
