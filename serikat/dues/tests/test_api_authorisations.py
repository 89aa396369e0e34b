"""The authorisation and letter endpoints beyond the permission matrix: answers, field errors."""

from __future__ import annotations

import pytest

from serikat.core.tests.test_api_world import API, call
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.dues.tests.authorisations_world import plant_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def union(tree):
    return plant_union(tree, members=3)


def test_record_bulk_revoke_and_a_letter_through_the_api(tree, client_for, make_user, union):
    client = client_for(make_user("secretariat", tree.puk_a))
    ids = [m.pk for m in union.members]
    one = call(
        client,
        "POST",
        f"{API}/dues/authorisations",
        {"membership": ids[0], "employer": union.employer.pk, "signed_on": "2025-02-03"},
    )
    assert one.status_code == 201
    body = one.json()
    assert (body["membership"], body["employer"]["name"], body["signed_on"], body["revoked_on"], body["notice"]) == (
        ids[0],
        "PT Maju Logam",
        "2025-02-03",
        None,
        None,
    )
    bulk = call(
        client,
        "POST",
        f"{API}/dues/authorisations/bulk",
        {"unit": tree.puk_a.pk, "employer": union.employer.pk, "membership_ids": ids, "signed_on": "2025-03-01"},
    )
    assert bulk.status_code == 201
    assert bulk.json()["skipped"] == [ids[0]] and len(bulk.json()["created"]) == 2
    revoked = call(
        client,
        "POST",
        f"{API}/dues/authorisations/{body['id']}/revoke",
        {"revoked_on": "2025-06-30", "reason": "dicabut"},
    )
    assert revoked.status_code == 200
    notice = EmployerLetter.objects.get(kind="revocation")
    assert (revoked.json()["revoked_on"], revoked.json()["notice"]) == ("2025-06-30", notice.pk)
    letter = call(
        client, "POST", f"{API}/dues/employer-letters", {"unit": tree.puk_a.pk, "employer": union.employer.pk}
    )
    assert letter.status_code == 201
    detail = client.get(f"{API}/dues/employer-letters/{letter.json()['id']}").json()
    assert [row["name"] for row in detail["content"]["members"]] == ["Anggota 02", "Anggota 03"]
    assert all(row["nik"].startswith("************") for row in detail["content"]["members"])
    listed = client.get(f"{API}/dues/authorisations?state=revoked").json()["items"]
    assert [(row["id"], row["notice"]) for row in listed] == [(body["id"], notice.pk)]


def test_refusals_name_the_field(tree, client_for, make_user, union, today):
    client = client_for(make_user("secretariat", tree.puk_a))
    before = list(Authorisation.objects.values_list("pk", flat=True))
    wrong_employer = call(
        client,
        "POST",
        f"{API}/dues/authorisations",
        {"membership": union.members[0].pk, "employer": union.other_employer.pk, "signed_on": "2025-02-03"},
    )
    assert wrong_employer.status_code == 404
    assert [e["field"] for e in wrong_employer.json()["errors"]] == ["body.employer"]
    future = call(
        client,
        "POST",
        f"{API}/dues/authorisations",
        {"membership": union.members[0].pk, "employer": union.employer.pk, "signed_on": "2999-01-01"},
    )
    assert future.status_code == 400
    assert future.json()["errors"] == [
        {"field": "body.signed_on", "message": "The signing date cannot be in the future."}
    ]
    stranger = call(
        client,
        "POST",
        f"{API}/dues/authorisations",
        {"membership": 999999, "employer": union.employer.pk, "signed_on": "2025-02-03"},
    )
    assert stranger.status_code == 404 and stranger.json()["errors"][0]["field"] == "body.membership"
    assert list(Authorisation.objects.values_list("pk", flat=True)) == before


def test_a_scan_is_attached_through_the_api_downloaded_audited_and_never_replaced(
    tree, client_for, make_user, union, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from serikat.audit.models import AuditEvent
    from serikat.dues.tests.authorisations_world import PDF_BYTES

    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = client_for(make_user("secretariat", tree.puk_a))
    created = call(
        client,
        "POST",
        f"{API}/dues/authorisations",
        {"membership": union.members[0].pk, "employer": union.employer.pk, "signed_on": "2025-02-03"},
    ).json()
    url = f"{API}/dues/authorisations/{created['id']}/scan"
    assert client.get(url).status_code == 400  # nothing to download yet
    not_a_scan = client.post(url, {"document": SimpleUploadedFile("kuasa.pdf", b"MZ\x90\x00 not a pdf")})
    assert not_a_scan.status_code == 400
    assert [e["field"] for e in not_a_scan.json()["errors"]] == ["body.document"]
    attached = client.post(url, {"document": SimpleUploadedFile("kuasa.pdf", PDF_BYTES)})
    assert attached.status_code == 200
    assert Authorisation.objects.get(pk=created["id"]).document.name.endswith(".pdf")
    events_before = AuditEvent.objects.filter(kind="dues.dues_exported").count()
    download = client.get(url)
    assert (download.status_code, download["Content-Type"], download.content) == (200, "application/pdf", PDF_BYTES)
    assert AuditEvent.objects.filter(kind="dues.dues_exported").count() == events_before + 1
    again = client.post(url, {"document": SimpleUploadedFile("lain.pdf", PDF_BYTES)})
    assert again.status_code == 409
