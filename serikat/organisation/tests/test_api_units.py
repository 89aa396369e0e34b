"""The unit use cases through the API: create, change details, move, place in a territory, split."""

from __future__ import annotations

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API, call, english_answers  # noqa: F401 (autouse fixture)
from serikat.organisation.models import Unit


def unit(code):
    return Unit.objects.get(code=code)


@pytest.mark.django_db
def test_moving_a_plant_union_to_another_branch_moves_it_and_writes_the_audit_event(tree, make_user, client_for):
    mover = make_user("secretariat", tree.spl, username="sekretariat-spl")
    client = client_for(mover)
    response = call(
        client, "POST", f"{API}/units/{tree.puk_a.pk}/move", {"new_parent": tree.pc_krw.pk, "reason": "PHK massal"}
    )

    assert response.status_code == 200
    assert (response.json()["code"], response.json()["parent_id"]) == ("PUK-A", tree.pc_krw.pk)
    assert unit("PUK-A").path.startswith(tree.pc_krw.path)
    assert (unit("PC-SPL-BKS").numchild, unit("PC-SPL-KRW").numchild) == (1, 2)
    children = client.get(f"{API}/units/{tree.pc_krw.pk}/children").json()["items"]
    assert [u["code"] for u in children] == ["PUK-C", "PUK-A"]

    event = AuditEvent.objects.get(kind="organisation.unit_moved")
    assert (event.actor, event.unit_id, event.object_id) == (mover, tree.puk_a.pk, str(tree.puk_a.pk))
    assert event.changes == {"parent": [tree.pc_bks.pk, tree.pc_krw.pk]}
    assert event.data == {
        "from": "PC-SPL-BKS",
        "to": "PC-SPL-KRW",
        "units_moved": 1,
        "territory_links_rewritten": 0,
        "units_changing_council": 1,
        "reason": "PHK massal",
    }
    assert event.request_id == response["X-Request-ID"]
    listed = client.get(f"{API}/audit-events?kind=organisation.unit_moved").json()["items"]
    assert [(e["id"], e["actor"]["username"], e["unit"]["code"]) for e in listed] == [
        (event.pk, "sekretariat-spl", "PUK-A")
    ]


@pytest.mark.django_db
def test_a_move_under_its_own_subtree_is_refused_and_changes_nothing(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.fspmi))
    paths = dict(Unit.objects.values_list("code", "path"))
    events = AuditEvent.objects.count()
    response = call(client, "POST", f"{API}/units/{tree.pc_bks.pk}/move", {"new_parent": tree.puk_a.pk})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "body.new_parent", "message": "A unit cannot be moved under itself or its own subtree."}
    ]
    assert dict(Unit.objects.values_list("code", "path")) == paths
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_move_to_the_wrong_level_is_refused_on_new_parent(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.fspmi))
    response = call(client, "POST", f"{API}/units/{tree.puk_a.pk}/move", {"new_parent": tree.kc_bks.pk})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "body.new_parent", "message": "A unit of level PUK cannot stand under a unit of level KC."}
    ]


@pytest.mark.django_db
def test_a_new_plant_union_inherits_its_branchs_territorial_council(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    payload = {
        "parent": tree.pc_bks.pk,
        "level": tree.level(tree.fspmi, "PUK").pk,
        "code": "PUK-E",
        "name": "PUK PT Elang",
        "region": "32.16.01",
        "founded_on": "2019-05-01",
        "email": "puk-e@example.org",
    }
    response = call(client, "POST", f"{API}/units", payload)
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("code", "parent_id", "depth", "child_count", "status", "founded_on", "email")} == {
        "code": "PUK-E",
        "parent_id": tree.pc_bks.pk,
        "depth": 5,
        "child_count": 0,
        "status": "active",
        "founded_on": "2019-05-01",
        "email": "puk-e@example.org",
    }
    assert body["territory"] == {"id": tree.kc_bks.pk, "code": "KC-BKS", "name": "KC-BKS"}
    assert body["region"] == {"code": "32.16.01", "name": "Tarumajaya", "kind": "district"}
    assert unit("PUK-E").territory_path == tree.kc_bks.path
    assert AuditEvent.objects.filter(kind="organisation.unit_created", object_id=str(body["id"])).count() == 1


@pytest.mark.django_db
def test_unknown_region_or_level_answers_404_on_its_field(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.pc_bks))
    base = {"parent": tree.pc_bks.pk, "level": tree.level(tree.fspmi, "PUK").pk, "code": "PUK-E", "name": "E"}
    for change, field in [
        ({"region": "99.99"}, "body.region"),
        ({"level": tree.level(tree.spn, "PUK").pk}, "body.level"),
    ]:
        response = call(client, "POST", f"{API}/units", base | change)
        assert (response.status_code, response.json()["errors"]) == (404, [{"field": field, "message": "Not found."}])
    assert not Unit.objects.filter(code="PUK-E").exists()


@pytest.mark.django_db
def test_patch_changes_only_the_fields_sent_and_never_the_tree(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    response = call(client, "PATCH", f"{API}/units/{tree.puk_a.pk}", {"phone": "021-8990", "region": "32.16"})
    assert response.status_code == 200
    changed = unit("PUK-A")
    assert (changed.name, changed.phone, changed.region_id) == ("PUK-A", "021-8990", "32.16")
    event = AuditEvent.objects.get(kind="organisation.unit_changed")
    assert event.changes == {"phone": ["", "021-8990"], "region": [None, "32.16"]}

    refused = call(client, "PATCH", f"{API}/units/{tree.puk_a.pk}", {"code": "PUK-Z", "name": None})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "body.name", "message": "Input should be a valid string"},
        {"field": "body.code", "message": "Extra inputs are not permitted"},
    ]
    assert unit("PUK-A").code == "PUK-A"


@pytest.mark.django_db
def test_placing_a_branch_in_another_council_takes_its_plant_unions_along(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    response = call(client, "POST", f"{API}/units/{tree.pc_bks.pk}/territory", {"territory": tree.kc_krw.pk})
    assert response.status_code == 200
    assert response.json()["units_updated"] == 3
    assert response.json()["unit"]["territory"]["code"] == "KC-KRW"
    assert sorted(Unit.objects.filter(territory=tree.kc_krw).values_list("code", flat=True)) == [
        "PC-SPL-BKS", "PC-SPL-KRW", "PUK-A", "PUK-B", "PUK-C",
    ]  # fmt: skip


@pytest.mark.django_db
def test_splitting_a_council_gives_the_new_one_its_territorial_members(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    payload = {"new_code": "KC-BKS-UTARA", "new_name": "KC Bekasi Utara", "territorial_members": [tree.pc_bks.pk]}
    response = call(client, "POST", f"{API}/units/{tree.kc_bks.pk}/split", payload)
    assert response.status_code == 201
    new = unit("KC-BKS-UTARA")
    assert (response.json()["id"], response.json()["parent_id"]) == (new.pk, tree.dpw_jabar.pk)
    assert sorted(Unit.objects.filter(territory=new).values_list("code", flat=True)) == ["PC-SPL-BKS", "PUK-A", "PUK-B"]
    assert AuditEvent.objects.filter(kind="organisation.unit_split", object_id=str(tree.kc_bks.pk)).count() == 1


@pytest.mark.django_db
def test_filters_on_the_unit_list(tree, make_user, client_for):
    client = client_for(make_user("read_only", tree.fspmi))
    Unit.objects.filter(code="PUK-B").update(status="dormant")
    by_parent = client.get(f"{API}/units", {"parent": tree.pc_bks.pk}).json()["items"]
    assert [u["code"] for u in by_parent] == ["PUK-A", "PUK-B"]
    by_level = client.get(f"{API}/units", {"level": tree.level(tree.fspmi, "KC").pk}).json()["items"]
    assert [u["code"] for u in by_level] == ["KC-BKS", "KC-KRW", "KC-TNG"]
    dormant = client.get(f"{API}/units", {"status": "dormant"}).json()["items"]
    assert [u["code"] for u in dormant] == ["PUK-B"]
    assert [u["code"] for u in client.get(f"{API}/units", {"q": "dpw"}).json()["items"]] == ["DPW-JABAR", "DPW-BANTEN"]


@pytest.mark.django_db
def test_levels_are_those_of_the_federations_one_works_in(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.pc_bks))
    codes = [(lv["federation_id"], lv["code"]) for lv in client.get(f"{API}/levels").json()["items"]]
    fspmi = tree.fspmi.pk
    assert codes == [
        (None, "KONF"), (None, "DPP"), (fspmi, "DPW"), (fspmi, "PP"), (fspmi, "KC"), (fspmi, "PC"), (fspmi, "PUK"),
    ]  # fmt: skip
    assert client.get(f"{API}/levels", {"federation": tree.spn.pk}).status_code == 404
