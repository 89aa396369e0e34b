"""Permission matrix of the dues authorisations screens (URL names in COVERED; see core/tests/test_pages_matrix.py).

Reading (GET) every screen as: not signed in, no grant, the sibling plant union's secretariat
(PUK-B), the own union's (PUK-A), the federation's (ancestor in the tree) and the provincial
council's (ancestor along the territory). Then every write and every download as each refused
actor (not signed in, no grant, sibling secretariat, own read-only): the answer is a redirect to
sign in, 404 or 403, and nothing changed, audit log and stored files included.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues import services_authorisations as services
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.dues.tests.authorisations_world import PDF_BYTES, SIGNED, plant_union

pytestmark = pytest.mark.django_db

COVERED: set[str] = {
    "dues:authorisations",
    "dues:authorisation_union",
    "dues:authorisation_bulk",
    "dues:authorisation_record",
    "dues:authorisation",
    "dues:authorisation_revoke",
    "dues:authorisation_scan",
    "dues:authorisation_scan_attach",
    "dues:letters",
    "dues:letter_issue",
    "dues:letter_pdf",
}

ACTORS = ("anonymous", "no_grant", "sibling", "own", "ancestor", "territory")
SEEN = (302, 404, 404, 200, 200, 200)

MATRIX = [
    # Holding dues.view_dues nowhere: the start page itself is refused. Seeing exactly one union
    # with members (PUK-A here), it opens that union's page (302); PUK-B has none: an empty list.
    ("dues:authorisations", None, (302, 403, 200, 302, 302, 302)),
    ("dues:authorisation_union", "unit", SEEN),
    ("dues:authorisation_bulk", "unit", (302, 405, 405, 405, 405, 405)),
    ("dues:authorisation_record", "membership", SEEN),
    ("dues:authorisation", "authorisation", SEEN),
    ("dues:authorisation_revoke", "authorisation", SEEN),
    ("dues:authorisation_scan", "authorisation", SEEN),
    ("dues:authorisation_scan_attach", "authorisation", SEEN),
    ("dues:letters", "unit", SEEN),
    ("dues:letter_issue", "unit", SEEN),
    ("dues:letter_pdf", "letter", SEEN),
]

WRITES = [
    ("dues:authorisation_bulk", "unit"),
    ("dues:authorisation_record", "other_membership"),
    ("dues:authorisation_revoke", "authorisation"),
    ("dues:authorisation_scan_attach", "unscanned"),
    ("dues:letter_issue", "unit"),
]
# Downloads are reads that leave an audit event: refused ones must leave none.
DOWNLOADS = [("dues:authorisation_scan", "authorisation"), ("dues:letter_pdf", "letter")]
REFUSED = (302, 404, 404, 403)  # anonymous, no grant, sibling secretariat, own read-only


@pytest.fixture
def world(tree, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    union = plant_union(tree, members=3)
    scan = SimpleUploadedFile("kuasa.pdf", PDF_BYTES, content_type="application/pdf")
    authorisation = services.record_authorisation(
        actor=tree.admin, membership=union.members[0], employer=union.employer, signed_on=SIGNED, document=scan
    )
    unscanned = services.record_authorisation(
        actor=tree.admin, membership=union.members[2], employer=union.employer, signed_on=SIGNED
    )
    letter = services.issue_notification_letter(actor=tree.admin, unit=tree.puk_a, employer=union.employer)
    actors = {
        "anonymous": None,
        "no_grant": make_user(),
        "sibling": make_user("secretariat", tree.puk_b),
        "own": make_user("secretariat", tree.puk_a),
        "ancestor": make_user("secretariat", tree.fspmi),
        "territory": make_user("secretariat", tree.dpw_jabar),
        "own_reader": make_user("read_only", tree.puk_a),
    }
    objects = {
        None: None,
        "unit": tree.puk_a,
        "membership": union.members[0],
        "other_membership": union.members[1],
        "authorisation": authorisation,
        "unscanned": unscanned,
        "letter": letter,
    }
    data = {
        "employer": union.employer.pk,
        "membership": [union.members[1].pk, union.members[2].pk],
        "signed_on": "2025-03-01",
        "revoked_on": "2025-06-30",
        "reason": "dicabut",
        "issued_on": "",
    }
    return objects, actors, data, tmp_path / "media"


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk] if key else [])


@pytest.mark.parametrize(("name", "key", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_reading(world, client_for, name, key, expected):
    objects, actors, _data, _media = world
    url = _url(name, key, objects)
    assert tuple(client_for(actors[a]).get(url).status_code for a in ACTORS) == expected


def _fingerprint(media):
    return (
        list(Authorisation.objects.values_list("id", "membership_id", "signed_on", "revoked_on", "document")),
        list(EmployerLetter.objects.values_list("id", "number")),
        AuditEvent.objects.count(),
        sorted(str(path) for path in media.rglob("*") if path.is_file()),
    )


@pytest.mark.parametrize(("name", "key"), WRITES, ids=[row[0] for row in WRITES])
def test_refused_writes_change_nothing(world, client_for, name, key):
    objects, actors, data, media = world
    url = _url(name, key, objects)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), REFUSED, strict=True):
        before = _fingerprint(media)
        payload = dict(data, document=SimpleUploadedFile("kuasa.pdf", PDF_BYTES, content_type="application/pdf"))
        response = client_for(actors[actor]).post(url, payload)
        assert (actor, response.status_code) == (actor, status)
        assert _fingerprint(media) == before, actor


@pytest.mark.parametrize(("name", "key"), DOWNLOADS, ids=[row[0] for row in DOWNLOADS])
def test_refused_downloads_leave_no_trace(world, client_for, name, key):
    objects, actors, _data, media = world
    url = _url(name, key, objects)
    for actor, status in zip(("anonymous", "no_grant", "sibling", "own_reader"), REFUSED, strict=True):
        before = _fingerprint(media)
        response = client_for(actors[actor]).get(url)
        assert (actor, response.status_code) == (actor, status)
        assert response.get("Content-Type", "").startswith("text/html")
        assert _fingerprint(media) == before, actor


def test_the_own_officer_writes_through_every_screen(world, client_for, today):
    objects, actors, data, _media = world
    client = client_for(actors["own"])
    response = client.post(_url("dues:authorisation_bulk", "unit", objects), data)
    assert response.status_code == 302
    assert Authorisation.objects.filter(revoked_on__isnull=True).count() == 3
    response = client.post(
        _url("dues:authorisation_revoke", "authorisation", objects), {"revoked_on": today.isoformat(), "reason": "x"}
    )
    assert response.status_code == 302
    assert Authorisation.objects.get(pk=objects["authorisation"].pk).revoked_on == today
    scan = SimpleUploadedFile("kuasa.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(_url("dues:authorisation_scan_attach", "unscanned", objects), {"document": scan})
    assert response.status_code == 302
    assert Authorisation.objects.get(pk=objects["unscanned"].pk).document.name.endswith(".pdf")
    again = SimpleUploadedFile("lain.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(_url("dues:authorisation_scan_attach", "unscanned", objects), {"document": again})
    assert response.status_code == 400
    assert "a recorded scan is never replaced" in response.content.decode()
    response = client.post(_url("dues:letter_issue", "unit", objects), {"employer": data["employer"]})
    assert response.status_code == 302
    assert EmployerLetter.objects.filter(kind="notification").count() == 2
