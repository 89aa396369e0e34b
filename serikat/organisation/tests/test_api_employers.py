"""Employers, workplaces, plant-union links and officers through the API."""

from __future__ import annotations

import datetime

import pytest

from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API, build_world, call, english_answers  # noqa: F401 (autouse fixture)
from serikat.organisation.models import Employer, OfficerTerm, Position, Sector, UnitWorkplace, Workplace


@pytest.mark.django_db
def test_registering_an_employer_and_a_workplace_for_a_plant_union(tree, make_user, client_for):
    client = client_for(make_user("membership_admin", tree.pc_bks))
    metal = Sector.objects.get(code="metal")
    payload = {"unit": tree.puk_b.pk, "name": " PT Baja Prima ", "sector": metal.pk, "region": "32.16"}
    address = {"address": "Jl. Jababeka Raya Blok A", "letters_attention": "HR Manager"}
    created = call(client, "POST", f"{API}/employers", payload | {"business_number": "812"} | address)
    assert created.status_code == 201
    employer = Employer.objects.get()
    assert created.json() | {"created_at": None, "updated_at": None} == {
        "id": employer.pk,
        "name": "PT Baja Prima",
        "business_number": "812",
        "sector": {"id": metal.pk, "code": "metal", "name": metal.name},
        "region": {"code": "32.16", "name": "Kabupaten Bekasi", "kind": "regency"},
        "address": "Jl. Jababeka Raya Blok A",
        "letters_attention": "HR Manager",
        "status": "active",
        "unit": {"id": tree.puk_b.pk, "code": "PUK-B", "name": "PUK-B"},
        "created_at": None,
        "updated_at": None,
    }
    workplace = call(
        client, "POST", f"{API}/workplaces", {"employer": employer.pk, "unit": tree.puk_b.pk, "name": "Pabrik 1"}
    )
    assert workplace.status_code == 201
    assert (workplace.json()["sector"]["code"], workplace.json()["links"]) == ("metal", [])
    link = call(client, "POST", f"{API}/workplaces/{workplace.json()['id']}/links", {"unit": tree.puk_b.pk})
    assert link.status_code == 201
    assert (link.json()["unit"]["code"], link.json()["until_on"]) == ("PUK-B", None)
    fetched = client.get(f"{API}/workplaces/{workplace.json()['id']}").json()
    assert [lk["id"] for lk in fetched["links"]] == [link.json()["id"]]
    assert list(AuditEvent.objects.filter(unit=tree.puk_b).order_by("id").values_list("kind", flat=True)) == [
        "organisation.unit_created",
        "organisation.employer_created",
        "organisation.workplace_created",
        "organisation.workplace_linked",
    ]


@pytest.mark.django_db
def test_linking_a_branch_or_twice_is_refused(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("secretariat", tree.pc_bks))
    branch = call(client, "POST", f"{API}/workplaces/{world.workplace.pk}/links", {"unit": tree.pc_bks.pk})
    assert (branch.status_code, branch.json()["errors"]) == (
        400,
        [{"field": "body.unit", "message": "Only plant-level unions are linked to workplaces."}],
    )
    twice = call(client, "POST", f"{API}/workplaces/{world.workplace.pk}/links", {"unit": tree.puk_a.pk})
    assert (twice.status_code, twice.json()["code"]) == (409, "conflict")
    assert UnitWorkplace.objects.count() == 1


@pytest.mark.django_db
def test_ending_a_link_then_ending_it_again(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("secretariat", tree.puk_a))
    ended = call(client, "POST", f"{API}/workplace-links/{world.link.pk}/end", {"until_on": "2025-06-30"})
    assert (ended.status_code, ended.json()["until_on"]) == (200, "2025-06-30")
    again = call(client, "POST", f"{API}/workplace-links/{world.link.pk}/end", {"until_on": "2025-07-01"})
    assert (again.status_code, again.json()["detail"]) == (409, "This link has already ended.")
    assert UnitWorkplace.objects.get().until_on == datetime.date(2025, 6, 30)


@pytest.mark.django_db
def test_patching_an_employer_and_a_workplace(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("secretariat", tree.puk_a))
    employer = call(client, "PATCH", f"{API}/employers/{world.employer.pk}", {"status": "closed", "sector": None})
    assert (employer.status_code, employer.json()["status"], employer.json()["sector"]) == (200, "closed", None)
    workplace = call(client, "PATCH", f"{API}/workplaces/{world.workplace.pk}", {"workforce_size": -1})
    assert workplace.status_code == 422
    assert workplace.json()["errors"] == [
        {"field": "body.workforce_size", "message": "Input should be greater than or equal to 0"}
    ]
    assert Workplace.objects.get(pk=world.workplace.pk).workforce_size is None


@pytest.mark.django_db
def test_workplace_filters(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("read_only", tree.pc_bks))
    by_unit = client.get(f"{API}/workplaces", {"unit": tree.puk_a.pk}).json()["items"]
    assert [w["name"] for w in by_unit] == ["Pabrik Cikarang 1", "Pabrik Cikarang 2"]
    assert client.get(f"{API}/workplaces", {"unit": tree.puk_b.pk}).json()["items"] == []
    by_employer = client.get(f"{API}/workplaces", {"employer": world.employer.pk, "q": "2"}).json()["items"]
    assert [w["name"] for w in by_employer] == ["Pabrik Cikarang 2"]


@pytest.mark.django_db
def test_appointing_a_second_chair_needs_replace_current(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("secretariat", tree.puk_a))
    payload = {
        "unit": tree.puk_a.pk,
        "position": Position.objects.get(code="ketua").pk,
        "person_name": "Andi Wijaya",
        "gender": "M",
        "started_on": "2025-01-01",
    }
    refused = call(client, "POST", f"{API}/officers", payload)
    assert (refused.status_code, refused.json()["errors"]) == (
        400,
        [
            {
                "field": "body.position",
                "message": "Ketua is held by Siti Rahayu; end that term first or replace the holder.",
            }
        ],
    )
    accepted = call(client, "POST", f"{API}/officers", payload | {"replace_current": True})
    assert accepted.status_code == 201
    assert OfficerTerm.objects.get(pk=world.term.pk).ended_on == datetime.date(2024, 12, 31)
    current = client.get(f"{API}/officers", {"unit": tree.puk_a.pk, "current": "true"}).json()["items"]
    assert [(t["person_name"], t["is_current"]) for t in current] == [("Andi Wijaya", True)]
    past = client.get(f"{API}/officers", {"unit": tree.puk_a.pk, "current": "false"}).json()["items"]
    assert [(t["person_name"], t["ended_on"]) for t in past] == [("Siti Rahayu", "2024-12-31")]


@pytest.mark.django_db
def test_ending_a_term_before_it_started_is_refused(tree, make_user, client_for):
    world = build_world(tree)
    client = client_for(make_user("secretariat", tree.puk_a))
    response = call(client, "POST", f"{API}/officers/{world.term.pk}/end", {"ended_on": "2023-12-31"})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        [{"field": "body.ended_on", "message": "The term cannot end before it starts."}],
    )
    assert OfficerTerm.objects.get(pk=world.term.pk).ended_on is None
