"""The demo's promise through the API: the secretariat of DPW Jawa Barat works on the units in its
province (its councils, and the sector branches and plant unions in their territory) and cannot
list, fetch or probe SPN's units or those in DPW Banten's territory: every such id answers 404,
the same answer as an id that does not exist."""

from __future__ import annotations

import datetime

import pytest

from serikat.accounts.models import Grant, Role, User
from serikat.core.tests.test_api_world import API, call, english_answers  # noqa: F401 (autouse fixture)
from serikat.organisation.models import Position, Unit
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace

VISIBLE = ["PC-SPL-BKS", "PUK-A", "PUK-B", "PC-SPL-KRW", "PUK-C", "DPW-JABAR", "KC-BKS", "KC-KRW"]
HIDDEN = ["SPN", "SPN-DPD-JABAR", "SPN-DPC-BKS", "SPN-PUK-S", "DPW-BANTEN", "KC-TNG", "PC-SPL-TNG", "PUK-D"]
HIDDEN_MARKERS = ["SPN", "BANTEN", "TNG", "PUK-D", "Tangerang"]


@pytest.fixture
def province(tree, make_user, client_for):
    """Rows in the province and outside it, and the DPW-JABAR secretariat's client."""
    admin, chair = tree.admin, Position.objects.get(code="ketua")
    rows = {}
    for code in ["PUK-A", "SPN-PUK-S", "PUK-D"]:
        unit = tree.units[code]
        employer = register_employer(actor=admin, unit=unit, name=f"PT Pabrik {code}")
        workplace = register_workplace(actor=admin, employer=employer, unit=unit, name=f"Lokasi {code}")
        link = link_workplace(actor=admin, unit=unit, workplace=workplace)
        term = appoint_officer(
            actor=admin, unit=unit, position=chair, person_name=f"Ketua {code}", gender="M",
            started_on=datetime.date(2024, 1, 1),
        )  # fmt: skip
        holder = User.objects.create_user(username=f"holder-{code.lower()}", password="pw-Serikat-123")
        grant = Grant.objects.create(user=holder, role=Role.objects.get(code="read_only"), unit=unit)
        rows[code] = {
            "employer": employer,
            "workplace": workplace,
            "link": link,
            "term": term,
            "holder": holder,
            "grant": grant,
        }
    secretariat = make_user("secretariat", tree.dpw_jabar, username="sekretariat-jabar")
    return rows, client_for(secretariat)


def everything(client, url):
    """All rows of a list, following the cursor."""
    items = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        items += response.json()["items"]
        url = response.json()["next"]
    return items


def not_found(response):
    assert response.status_code == 404, response.content
    body = response.json()
    return {k: v for k, v in body.items() if k not in {"request_id", "instance"}}


@pytest.mark.django_db
def test_lists_show_the_province_and_nothing_else(tree, province):
    _rows, client = province
    assert [u["code"] for u in everything(client, f"{API}/units?limit=3")] == VISIBLE
    for query in ["SPN", "TNG", "BANTEN", "PUK-D", "Tangerang"]:
        assert everything(client, f"{API}/units?q={query}") == []
    assert [u["code"] for u in everything(client, f"{API}/units?q=PUK")] == ["PUK-A", "PUK-B", "PUK-C"]
    assert [e["name"] for e in everything(client, f"{API}/employers")] == ["PT Pabrik PUK-A"]
    assert [w["name"] for w in everything(client, f"{API}/workplaces")] == ["Lokasi PUK-A"]
    assert [t["person_name"] for t in everything(client, f"{API}/officers")] == ["Ketua PUK-A"]
    assert [(g["user"]["username"], g["unit"]["code"]) for g in everything(client, f"{API}/grants")] == [
        ("holder-puk-a", "PUK-A"),
        ("sekretariat-jabar", "DPW-JABAR"),
    ]
    events = everything(client, f"{API}/audit-events?limit=200")
    assert {e["unit"]["code"] for e in events} == set(VISIBLE)
    assert len(events) == 8 + 4  # the creation of the 8 units; PUK-A's employer, workplace, link, chair


@pytest.mark.django_db
def test_no_list_mentions_a_unit_outside_the_province(tree, province):
    _rows, client = province
    for url in ["units", "employers", "workplaces", "officers", "grants", "audit-events", "me", "levels"]:
        body = client.get(f"{API}/{url}?limit=200").content.decode()
        assert [marker for marker in HIDDEN_MARKERS if marker in body] == [], url


@pytest.mark.django_db
def test_children_show_the_tree_below_and_the_units_in_a_councils_territory(tree, province):
    _rows, client = province
    children = everything(client, f"{API}/units/{tree.dpw_jabar.pk}/children")
    assert [(u["code"], u["relation"]) for u in children] == [("KC-BKS", "child"), ("KC-KRW", "child")]
    members = everything(client, f"{API}/units/{tree.kc_bks.pk}/children")
    assert [(u["code"], u["relation"]) for u in members] == [
        ("PC-SPL-BKS", "territorial_member"),
        ("PUK-A", "territorial_member"),
        ("PUK-B", "territorial_member"),
    ]


@pytest.mark.django_db
def test_every_hidden_unit_answers_exactly_like_a_missing_one(tree, province):
    _rows, client = province
    missing = Unit.objects.order_by("-pk").first().pk + 1000
    expected = not_found(client.get(f"{API}/units/{missing}"))
    for code in [*HIDDEN, "KSPI", "FSPMI", "FSPMI-SPL"]:
        pk = tree.units[code].pk
        assert not_found(client.get(f"{API}/units/{pk}")) == expected, code
        assert not_found(client.get(f"{API}/units/{pk}/children")) == expected, code
        probes = [f"units?parent={pk}", f"employers?unit={pk}", f"workplaces?unit={pk}", f"officers?unit={pk}",
                  f"grants?unit={pk}", f"audit-events?unit={pk}"]  # fmt: skip
        for probe in probes:
            field = "query." + probe.split("?")[1].split("=")[0]
            assert not_found(client.get(f"{API}/{probe}"))["errors"] == [{"field": field, "message": "Not found."}]
        assert not_found(client.get(f"{API}/units?parent={missing}")) == not_found(
            client.get(f"{API}/units?parent={pk}")
        )


@pytest.mark.django_db
def test_rows_of_hidden_units_answer_404(tree, province):
    rows, client = province
    for code in ["SPN-PUK-S", "PUK-D"]:
        row = rows[code]
        for url in [
            f"employers/{row['employer'].pk}",
            f"workplaces/{row['workplace'].pk}",
            f"officers/{row['term'].pk}",
            f"grants/{row['grant'].pk}",
            f"workplaces?employer={row['employer'].pk}",
            f"grants?user={row['holder'].pk}",
        ]:
            assert client.get(f"{API}/{url}").status_code == 404, url
        for method, url, body in [
            ("PATCH", f"employers/{row['employer'].pk}", {"name": "x"}),
            ("PATCH", f"workplaces/{row['workplace'].pk}", {"name": "x"}),
            ("POST", f"workplace-links/{row['link'].pk}/end", {"until_on": "2025-01-01"}),
            ("POST", f"officers/{row['term'].pk}/end", {"ended_on": "2025-01-01"}),
            ("POST", f"grants/{row['grant'].pk}/revoke", None),
            ("POST", f"workplaces/{row['workplace'].pk}/links", {"unit": tree.puk_a.pk}),
        ]:
            assert call(client, method, f"{API}/{url}", body).status_code == 404, url


@pytest.mark.django_db
def test_hidden_ids_in_a_request_body_answer_404_on_their_field(tree, province):
    rows, client = province
    puk_level = tree.level(tree.fspmi, "PUK").pk
    chair = Position.objects.get(code="ketua").pk
    new_unit = {"level": puk_level, "code": "X1", "name": "X"}
    officer = {"position": chair, "person_name": "X", "gender": "F", "started_on": "2024-01-01"}
    split = {"new_code": "KC-X", "new_name": "X", "territorial_members": [tree.pc_tng.pk]}
    new_user = {"username": "someone", "password": "Kuat-Sekali-2024", "role": "read_only", "unit": tree.spn.pk}
    probes = [
        ("units", new_unit | {"parent": tree.spn_dpc.pk}, "body.parent"),
        ("units", new_unit | {"parent": tree.pc_bks.pk, "territory": tree.kc_tng.pk}, "body.territory"),
        (f"units/{tree.puk_a.pk}/move", {"new_parent": tree.pc_tng.pk}, "body.new_parent"),
        (f"units/{tree.pc_bks.pk}/territory", {"territory": tree.kc_tng.pk}, "body.territory"),
        (f"units/{tree.kc_bks.pk}/split", split, "body.territorial_members"),
        ("employers", {"unit": tree.spn_puk.pk, "name": "PT X"}, "body.unit"),
        ("workplaces", {"employer": rows["PUK-D"]["employer"].pk, "unit": tree.puk_a.pk, "name": "X"}, "body.employer"),
        ("officers", officer | {"unit": tree.puk_d.pk}, "body.unit"),
        ("grants", {"user": rows["SPN-PUK-S"]["holder"].pk, "role": "read_only", "unit": tree.puk_a.pk}, "body.user"),
        ("grants", {"username": "holder-puk-d", "role": "read_only", "unit": tree.puk_a.pk}, "body.username"),
        ("grants", {"user": rows["PUK-A"]["holder"].pk, "role": "trainer", "unit": tree.puk_d.pk}, "body.unit"),
        ("users", new_user, "body.unit"),
    ]
    before = Unit.objects.count(), Grant.objects.count()
    for url, body, field in probes:
        response = call(client, "POST", f"{API}/{url}", body)
        assert response.status_code == 404, (url, response.content)
        assert response.json()["errors"] == [{"field": field, "message": "Not found."}], url
    assert (Unit.objects.count(), Grant.objects.count()) == before
