"""Grants, new accounts and "who am I" through the API."""

from __future__ import annotations

import pytest
from django.utils import timezone

from serikat.accounts.models import Grant, Role, User
from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import API, call, english_answers  # noqa: F401 (autouse fixture)


@pytest.mark.django_db
def test_me_shows_the_user_and_their_active_grants_only(tree, make_user, client_for):
    user = make_user("secretariat", tree.dpw_jabar, username="sri", first_name="Sri", last_name="Lestari")
    Grant.objects.create(user=user, role=Role.objects.get(code="read_only"), unit=tree.puk_d, revoked_at=timezone.now())
    body = client_for(user).get(f"{API}/me").json()
    assert {k: body[k] for k in ("username", "first_name", "last_name", "preferred_language", "has_two_factor")} == {
        "username": "sri",
        "first_name": "Sri",
        "last_name": "Lestari",
        "preferred_language": "id",
        "has_two_factor": False,
    }
    assert [(g["role"]["code"], g["unit"]["code"], g["is_active"]) for g in body["grants"]] == [
        ("secretariat", "DPW-JABAR", True)
    ]


@pytest.mark.django_db
def test_granting_a_role_by_username_to_someone_already_in_scope(tree, make_user, client_for):
    granter = make_user("secretariat", tree.pc_bks, username="granter")
    make_user("read_only", tree.puk_a, username="Budi")
    response = call(
        client_for(granter), "POST", f"{API}/grants", {"username": "budi", "role": "trainer", "unit": tree.puk_a.pk}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["user"]["username"], body["role"]["code"], body["unit"]["code"], body["granted_by"]["username"]) == (
        "Budi", "trainer", "PUK-A", "granter",
    )  # fmt: skip
    event = AuditEvent.objects.get(kind="accounts.role_granted")
    assert (event.actor, event.unit_id, event.data["role"]) == (granter, tree.puk_a.pk, "trainer")


@pytest.mark.django_db
def test_granting_a_role_with_a_permission_one_does_not_hold_is_refused_on_role(tree, make_user, client_for):
    Role.objects.create(
        code="auditor", name="Auditor", name_en="Auditor", permissions=["organisation.view_unit", "dues.audit"]
    )
    granter = make_user("secretariat", tree.pc_bks)
    grantee = make_user("read_only", tree.puk_a)
    payload = {"user": grantee.pk, "role": "auditor", "unit": tree.puk_a.pk}
    events = AuditEvent.objects.count()
    response = call(client_for(granter), "POST", f"{API}/grants", payload)
    assert (response.status_code, response.json()["code"]) == (400, "grant-refused")
    assert response.json()["errors"] == [
        {"field": "body.role", "message": "You cannot grant a role with permissions you do not hold here: dues.audit"}
    ]
    assert (Grant.objects.filter(user=grantee).count(), AuditEvent.objects.count()) == (1, events)


@pytest.mark.django_db
def test_naming_both_user_and_username_or_neither_is_a_422(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.pc_bks))
    for extra in ({"user": 1, "username": "x"}, {}):
        response = call(client, "POST", f"{API}/grants", {"role": "trainer", "unit": tree.puk_a.pk} | extra)
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "body", "message": "Value error, Give either user (an id) or username, not both."}
        ]


@pytest.mark.django_db
def test_revoking_a_grant_then_revoking_it_again(tree, make_user, client_for):
    revoker = make_user("secretariat", tree.pc_bks)
    grantee = make_user("read_only", tree.puk_a)
    grant = Grant.objects.get(user=grantee)
    client = client_for(revoker)
    response = call(client, "POST", f"{API}/grants/{grant.pk}/revoke")
    assert (response.status_code, response.json()["is_active"], response.json()["revoked_by"]["id"]) == (
        200, False, revoker.pk,
    )  # fmt: skip
    again = call(client, "POST", f"{API}/grants/{grant.pk}/revoke")
    assert (again.status_code, again.json()["detail"]) == (409, "This grant has already been revoked.")
    assert AuditEvent.objects.filter(kind="accounts.grant_revoked").count() == 1
    active = client.get(f"{API}/grants", {"user": grantee.pk, "active": "true"}).json()["items"]
    inactive = client.get(f"{API}/grants", {"user": grantee.pk, "active": "false"}).json()["items"]
    assert (active, [g["id"] for g in inactive]) == ([], [grant.pk])


@pytest.mark.django_db
def test_opening_an_account_with_its_first_grant(tree, make_user, client_for):
    opener = make_user("secretariat", tree.puk_a)
    payload = {
        "username": "rina.puk-a",
        "password": "Kuat-Sekali-2024",
        "role": "read_only",
        "unit": tree.puk_a.pk,
        "first_name": "Rina",
        "email": "rina@example.org",
    }
    response = call(client_for(opener), "POST", f"{API}/users", payload)
    assert response.status_code == 201
    assert response.json() == {
        "id": User.objects.get(username="rina.puk-a").pk,
        "username": "rina.puk-a",
        "first_name": "Rina",
        "last_name": "",
        "email": "rina@example.org",
        "preferred_language": "id",
    }
    assert list(Grant.objects.filter(user__username="rina.puk-a").values_list("role__code", "unit__code")) == [
        ("read_only", "PUK-A")
    ]
    assert "password" not in response.content.decode()


@pytest.mark.django_db
def test_a_weak_password_is_refused_on_password_and_creates_nobody(tree, make_user, client_for):
    opener = make_user("secretariat", tree.puk_a)
    payload = {"username": "rina", "password": "12345678", "role": "read_only", "unit": tree.puk_a.pk}
    users, events = User.objects.count(), AuditEvent.objects.count()
    response = call(client_for(opener), "POST", f"{API}/users", payload)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["body.password"] * 3
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)
