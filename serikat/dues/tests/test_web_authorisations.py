"""The authorisation screens through HTTP: a union's page (filters, keyset pages, flat query count),
recording one with a scan and a meeting's forms in bulk, revoking, the scan and letter downloads."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues import events
from serikat.dues import services_authorisations as services
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.dues.tests.authorisations_world import PNG_BYTES, SIGNED, plant_union
from serikat.membership.tests.cards_helpers import active_member, pdf_reader, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def union(tree):
    return plant_union(tree, members=4)


@pytest.fixture
def officer(tree, make_user):
    return make_user("secretariat", tree.puk_a)


def _names(response):
    return re.findall(r'data-membership="\d+">.*?<strong>(.*?)</strong>', response.content.decode(), flags=re.S)


def test_the_union_page_shows_who_is_authorised_and_filters(tree, client_for, officer, union):
    services.record_authorisation(actor=officer, membership=union.members[1], employer=union.employer, signed_on=SIGNED)
    client = client_for(officer)
    url = reverse("dues:authorisation_union", args=[tree.puk_a.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert _names(response) == ["Anggota 01", "Anggota 02", "Anggota 03", "Anggota 04"]
    body = response.content.decode()
    assert body.count('name="membership"') == 3  # the authorised member has no tick box
    assert "signed 3 Feb 2025" in body
    assert _names(client.get(url, {"employer": union.employer.pk, "state": "with"})) == ["Anggota 02"]
    without = client.get(url, {"employer": union.employer.pk, "state": "without", "q": "03"})
    assert _names(without) == ["Anggota 03"]
    partial = client.get(url, {"state": "with"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and _names(partial) == ["Anggota 02"]


def test_the_union_page_pages_by_name_with_a_flat_query_count(tree, client_for, officer, union):
    client = client_for(officer)
    url = reverse("dues:authorisation_union", args=[tree.puk_a.pk])
    client.get(url)  # the first request of a session warms caches that every later one reuses
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(60):
        active_member(tree.admin, tree.puk_a, 200 + n, full_name=f"Bulk {n:02d}", employer=union.employer)
    with CaptureQueriesContext(connection) as large:
        first = client.get(url)
    assert len(large) == len(small)
    names = _names(first)
    assert len(names) == 50 and names == sorted(names)
    after = re.search(r'after=([^"&]+)" data-testid="next-page"', first.content.decode()).group(1)
    second = client.get(f"{url}?employer={union.employer.pk}&state=all&after={after}")
    rest = _names(second)
    assert len(rest) == 14 and not set(rest) & set(names) and rest == sorted(rest)
    assert 'data-testid="next-page"' not in second.content.decode()


def test_bulk_recording_from_the_page(tree, client_for, officer, union):
    response = client_for(officer).post(
        reverse("dues:authorisation_bulk", args=[tree.puk_a.pk]),
        {"employer": union.employer.pk, "signed_on": "2025-03-08", "membership": [m.pk for m in union.members[:3]]},
    )
    assert response.status_code == 302
    assert sorted(Authorisation.objects.values_list("membership_id", flat=True)) == [m.pk for m in union.members[:3]]


def test_bulk_without_ticks_or_date_says_which_field(tree, client_for, officer, union):
    client = client_for(officer)
    response = client.post(
        reverse("dues:authorisation_bulk", args=[tree.puk_a.pk]), {"employer": union.employer.pk}, follow=True
    )
    body = response.content.decode()
    assert "Signed on: This field is required." in body
    assert "Members: Tick at least one member." in body
    assert Authorisation.objects.count() == 0


def test_recording_one_with_a_scan_and_downloading_it(tree, client_for, officer, union, media):
    client = client_for(officer)
    url = reverse("dues:authorisation_record", args=[union.members[0].pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "employer": union.employer.pk,
            "signed_on": "2025-02-03",
            "document": SimpleUploadedFile("scan.png", PNG_BYTES, content_type="image/png"),
        },
    )
    authorisation = Authorisation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "dues:authorisation", args=[authorisation.pk]
    )
    download = client.get(reverse("dues:authorisation_scan", args=[authorisation.pk]))
    assert download.status_code == 200
    assert download.content == PNG_BYTES
    assert (download["Content-Type"], download["Cache-Control"], download["X-Content-Type-Options"]) == (
        "image/png",
        "no-store, private",
        "nosniff",
    )
    assert download["Content-Disposition"] == f'attachment; filename="surat-kuasa-{authorisation.pk}.png"'
    exported = AuditEvent.objects.get(kind=events.DUES_EXPORTED)
    assert exported.data["document"] == "authorisation_scan"


def test_a_wrong_file_type_is_refused_on_the_field_and_nothing_is_stored(tree, client_for, officer, union, media):
    response = client_for(officer).post(
        reverse("dues:authorisation_record", args=[union.members[0].pk]),
        {
            "employer": union.employer.pk,
            "signed_on": "2025-02-03",
            "document": SimpleUploadedFile("kuasa.pdf", b"GIF89a not really", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert 'id="id_document_errors"><li>The scan must be a PDF, JPEG or PNG file.</li>' in response.content.decode()
    assert Authorisation.objects.count() == 0
    assert not media.exists() or [p for p in media.rglob("*") if p.is_file()] == []


def test_revoking_from_the_screen_issues_the_notice(tree, client_for, officer, union, today):
    authorisation = services.record_authorisation(
        actor=officer, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    client = client_for(officer)
    url = reverse("dues:authorisation_revoke", args=[authorisation.pk])
    refused = client.post(url, {"revoked_on": "2025-01-01", "reason": "dicabut"})
    assert refused.status_code == 400
    assert "An authorisation cannot be revoked before the day it was signed." in refused.content.decode()
    response = client.post(url, {"revoked_on": today.isoformat(), "reason": "dicabut"}, follow=True)
    notice = EmployerLetter.objects.get(kind="revocation")
    assert f"Notice {notice.number} to the employer is ready to print." in response.content.decode()
    assert reverse("dues:letter_pdf", args=[notice.pk]) in response.content.decode()


def test_issuing_a_letter_and_downloading_its_pdf(tree, client_for, officer, union):
    services.record_authorisations(
        actor=officer,
        unit=tree.puk_a,
        employer=union.employer,
        membership_ids=[m.pk for m in union.members],
        signed_on=SIGNED,
    )
    client = client_for(officer)
    response = client.post(reverse("dues:letter_issue", args=[tree.puk_a.pk]), {"employer": union.employer.pk})
    letter = EmployerLetter.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dues:letters", args=[tree.puk_a.pk])
    listing = client.get(reverse("dues:letters", args=[tree.puk_a.pk])).content.decode()
    assert letter.number in listing and "Check-off notification" in listing
    pdf = client.get(reverse("dues:letter_pdf", args=[letter.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store, private"
    assert "Pemberitahuan Pemotongan Iuran" in text_of(pdf_reader(pdf.content).pages[0])


def test_a_letter_without_authorised_members_is_refused_on_the_employer_field(tree, client_for, officer, union):
    response = client_for(officer).post(
        reverse("dues:letter_issue", args=[tree.puk_a.pk]), {"employer": union.employer.pk}
    )
    assert response.status_code == 400
    assert (
        'id="id_employer_errors"><li>No member of this union has an authorisation in force for this employer.</li>'
        in response.content.decode()
    )
    assert EmployerLetter.objects.count() == 0


def test_the_scan_link_is_absent_without_a_scan_and_answers_404(tree, client_for, officer, union):
    authorisation = services.record_authorisation(
        actor=officer, membership=union.members[0], employer=union.employer, signed_on=SIGNED
    )
    client = client_for(officer)
    page = client.get(reverse("dues:authorisation", args=[authorisation.pk])).content.decode()
    assert f'href="{reverse("dues:authorisation_scan", args=[authorisation.pk])}"' not in page
    assert f'href="{reverse("dues:authorisation_scan_attach", args=[authorisation.pk])}"' in page
    assert client.get(reverse("dues:authorisation_scan", args=[authorisation.pk])).status_code == 404
