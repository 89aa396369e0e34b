"""Errors as RFC 9457 problem+json, authentication (tokens, session, two-factor, CSRF), docs, cursors."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from serikat.accounts.models import ApiToken, Grant, Role
from serikat.accounts.services import create_api_token, revoke_api_token
from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_matrix import MATRIX
from serikat.core.tests.test_api_world import API, call, english_answers  # noqa: F401 (autouse fixture)
from serikat.organisation.models import Unit

PROBLEM = "application/problem+json"


def problem_of(response, *, status):
    """The problem body without the request id (checked against the response header)."""
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body.pop("request_id") == response["X-Request-ID"]
    return body


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# --- problem shapes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_gets_a_401_problem_with_a_bearer_challenge(tree):
    response = Client().get(f"{API}/units")
    assert problem_of(response, status=401) == {
        "type": "urn:serikat:problem:unauthenticated",
        "title": "Sign-in required",
        "status": 401,
        "detail": "Sign in, or send a personal API token.",
        "instance": "/api/v1/units",
        "code": "unauthenticated",
        "errors": [],
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="serikat"'


@pytest.mark.django_db
def test_a_missing_id_a_hidden_id_and_an_unknown_route_are_the_same_404(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    missing = Unit.objects.order_by("-pk").first().pk + 1
    missing_body = problem_of(client.get(f"{API}/units/{missing}"), status=404)
    hidden_body = problem_of(client.get(f"{API}/units/{tree.spn.pk}"), status=404)
    assert missing_body.pop("instance") == f"/api/v1/units/{missing}"
    assert hidden_body.pop("instance") == f"/api/v1/units/{tree.spn.pk}"
    assert (
        missing_body
        == hidden_body
        == {
            "type": "urn:serikat:problem:not-found",
            "title": "Not found",
            "status": 404,
            "detail": "Not found.",
            "code": "not-found",
            "errors": [],
        }
    )
    route = problem_of(client.get(f"{API}/no-such-thing"), status=404)
    assert (route["detail"], route["instance"]) == ("There is no such endpoint.", "/api/v1/no-such-thing")
    assert problem_of(client.get(f"{API}/units/abc"), status=404)["code"] == "not-found"
    assert problem_of(client.get(f"{API}/"), status=404)["code"] == "not-found"


@pytest.mark.django_db
def test_a_wrong_method_is_a_405_problem_with_allow(tree, make_user, client_for):
    response = client_for(make_user("secretariat", tree.dpw_jabar)).delete(f"{API}/units/{tree.puk_a.pk}")
    body = problem_of(response, status=405)
    assert (body["code"], body["instance"]) == ("method-not-allowed", f"/api/v1/units/{tree.puk_a.pk}")
    assert sorted(response["Allow"].split(", ")) == ["GET", "PATCH"]


@pytest.mark.django_db
def test_schema_validation_is_a_422_problem_naming_each_body_field(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.pc_bks))
    response = call(
        client, "POST", f"{API}/units", {"parent": "x", "code": "P" * 41, "email": "not-an-email", "colour": "red"}
    )
    body = problem_of(response, status=422)
    assert (body["title"], body["detail"], body["code"]) == (
        "The request is not valid",
        "Some fields are not valid.",
        "validation-failed",
    )
    assert body["errors"] == [
        {"field": "body.parent", "message": "Input should be a valid integer, unable to parse string as an integer"},
        {"field": "body.level", "message": "Field required"},
        {"field": "body.code", "message": "String should have at most 40 characters"},
        {"field": "body.name", "message": "Field required"},
        {"field": "body.email", "message": "Value error, Enter a valid email address."},
        {"field": "body.colour", "message": "Extra inputs are not permitted"},
    ]


@pytest.mark.django_db
def test_query_validation_names_query_fields(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    body = problem_of(client.get(f"{API}/units?limit=500&status=closed"), status=422)
    assert body["errors"] == [
        {"field": "query.limit", "message": "Input should be less than or equal to 200"},
        {"field": "query.status", "message": "Input should be 'active', 'dormant' or 'dissolved'"},
    ]


@pytest.mark.django_db
def test_a_rule_of_a_service_is_a_problem_with_its_fields_in_the_body(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.pc_bks))
    payload = {"parent": tree.pc_bks.pk, "level": tree.level(tree.fspmi, "PUK").pk, "code": "PUK-A", "name": " "}
    events = AuditEvent.objects.count()
    body = problem_of(call(client, "POST", f"{API}/units", payload), status=400)
    assert body == {
        "type": "urn:serikat:problem:domain-rule",
        "title": "The request breaks a rule",
        "status": 400,
        "detail": "The unit was not created.",
        "instance": "/api/v1/units",
        "code": "domain-rule",
        "errors": [
            {"field": "body.code", "message": "The code PUK-A is already in use."},
            {"field": "body.name", "message": "Give the unit a name."},
        ],
    }
    assert (Unit.objects.count(), AuditEvent.objects.count()) == (len(tree.units), events)


@pytest.mark.django_db
def test_a_conflict_is_a_409_problem(tree, make_user, client_for):
    user = make_user("secretariat", tree.pc_bks)
    grantee = make_user("read_only", tree.puk_a)
    payload = {"user": grantee.pk, "role": "read_only", "unit": tree.puk_a.pk}
    body = problem_of(call(client_for(user), "POST", f"{API}/grants", payload), status=409)
    assert body == {
        "type": "urn:serikat:problem:conflict",
        "title": "Conflict with the current state",
        "status": 409,
        "detail": f"{grantee.username} already holds this role here.",
        "instance": "/api/v1/grants",
        "code": "conflict",
        "errors": [],
    }
    assert Grant.objects.filter(user=grantee).count() == 1


@pytest.mark.django_db
def test_a_hidden_reference_in_the_body_is_a_404_naming_the_field(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.pc_bks))
    payload = {"parent": tree.spn_dpc.pk, "level": tree.level(tree.spn, "PUK").pk, "code": "X", "name": "X"}
    body = problem_of(call(client, "POST", f"{API}/units", payload), status=404)
    assert body["errors"] == [{"field": "body.parent", "message": "Not found."}]


@pytest.mark.django_db
def test_the_problem_carries_the_incoming_request_id(tree):
    response = Client().get(f"{API}/me", HTTP_X_REQUEST_ID="officer-report-0042")
    assert response.json()["request_id"] == "officer-report-0042"


@pytest.mark.django_db
def test_an_unexpected_error_is_a_500_problem_without_internals(tree, make_user, client_for, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("database on fire: secret detail")

    monkeypatch.setattr("serikat.organisation.services.update_unit", explode)
    client = client_for(make_user("secretariat", tree.puk_a))
    body = problem_of(call(client, "PATCH", f"{API}/units/{tree.puk_a.pk}", {"name": "x"}), status=500)
    assert (body["code"], body["detail"]) == (
        "internal-error",
        "Something went wrong on our side. The error was logged.",
    )


# --- tokens ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_token_acts_with_its_users_grants(tree, make_user):
    user = make_user("secretariat", tree.dpw_jabar)
    _token, raw = create_api_token(actor=user, name="script")
    response = Client().get(f"{API}/units?limit=200", **bearer(raw))
    assert response.status_code == 200
    assert [u["code"] for u in response.json()["items"]] == [
        "PC-SPL-BKS", "PUK-A", "PUK-B", "PC-SPL-KRW", "PUK-C", "DPW-JABAR", "KC-BKS", "KC-KRW",
    ]  # fmt: skip
    assert Client().get(f"{API}/me", **bearer(raw)).json()["username"] == user.username
    assert ApiToken.objects.get(name="script").last_used_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["revoked", "expired", "user inactive", "unknown", "not a token"])
def test_a_refused_token_is_a_401_even_with_a_session(tree, make_user, how):
    user = make_user("secretariat", tree.dpw_jabar)
    token, raw = create_api_token(actor=user, name="script")
    if how == "revoked":
        revoke_api_token(actor=user, token=token)
    elif how == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    elif how == "user inactive":
        type(user).objects.filter(pk=user.pk).update(is_active=False)
    elif how == "unknown":
        raw = raw[:-4] + "AAAA"
    else:
        raw = "not-a-token"
    other = Client()
    other.force_login(make_user("secretariat", tree.root))
    body = problem_of(other.get(f"{API}/units", **bearer(raw)), status=401)
    assert (body["code"], body["detail"]) == ("token-refused", "This API token is unknown, revoked or expired.")


@pytest.mark.django_db
def test_a_token_cannot_mint_tokens(tree, make_user):
    user = make_user("secretariat", tree.dpw_jabar)
    _token, raw = create_api_token(actor=user, name="script")
    response = call(Client(), "POST", f"{API}/me/tokens", {"name": "another"}, **bearer(raw))
    assert problem_of(response, status=403)["detail"] == "Create API tokens from a signed-in browser session."
    assert ApiToken.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_a_session_mints_a_token_shown_once_that_then_works(tree, make_user, client_for):
    user = make_user("secretariat", tree.dpw_jabar)
    created = call(client_for(user), "POST", f"{API}/me/tokens", {"name": "laptop"})
    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("srk_") and created.json()["prefix"] == raw[:10]
    assert "token" not in client_for(user).get(f"{API}/me/tokens").json()["items"][0]
    assert Client().get(f"{API}/me", **bearer(raw)).json()["username"] == user.username
    revoked = call(client_for(user), "POST", f"{API}/me/tokens/{created.json()['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert Client().get(f"{API}/me", **bearer(raw)).status_code == 401


# --- two-factor and CSRF -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_role_requiring_two_factor_refuses_an_unconfirmed_user_by_token_and_session(tree, make_user, client_for):
    user = make_user("secretariat", tree.dpw_jabar)
    _token, raw = create_api_token(actor=user, name="script")
    Role.objects.filter(code="secretariat").update(requires_two_factor=True)
    for response in (Client().get(f"{API}/me", **bearer(raw)), client_for(user).get(f"{API}/me")):
        body = problem_of(response, status=401)
        assert body["code"] == "two-factor-required"
        assert body["detail"] == "One of your roles requires two-factor sign-in. Confirm an authenticator app first."
    type(user).objects.filter(pk=user.pk).update(totp_confirmed_at=timezone.now())
    assert Client().get(f"{API}/me", **bearer(raw)).status_code == 200
    assert client_for(user).get(f"{API}/me").status_code == 200


@pytest.mark.django_db
def test_session_writes_need_the_csrf_token(tree, make_user):
    user = make_user("secretariat", tree.puk_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    assert client.get(f"{API}/units/{tree.puk_a.pk}").status_code == 200
    refused = call(client, "PATCH", f"{API}/units/{tree.puk_a.pk}", {"name": "Renamed"})
    assert problem_of(refused, status=403)["code"] == "csrf-failed"
    assert Unit.objects.get(pk=tree.puk_a.pk).name == "PUK-A"
    accepted = call(client, "PATCH", f"{API}/units/{tree.puk_a.pk}", {"name": "Renamed"}, HTTP_X_CSRFTOKEN=secret)
    assert accepted.status_code == 200
    assert Unit.objects.get(pk=tree.puk_a.pk).name == "Renamed"


@pytest.mark.django_db
def test_an_anonymous_write_is_401_not_a_csrf_failure(tree):
    response = call(Client(enforce_csrf_checks=True), "POST", f"{API}/units", {})
    assert problem_of(response, status=401)["code"] == "unauthenticated"


# --- OpenAPI and docs ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_document_describes_every_operation_and_both_ways_to_authenticate():
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert sorted(schema["components"]["securitySchemes"]) == ["BrowserSessionAuth", "TokenAuth"]
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) == len(MATRIX)  # each one in the permission matrix, none left out here
    assert all(op["summary"] and op["tags"] and op["security"] for op in operations)
    assert all("application/problem+json" in op["responses"]["401"]["content"] for op in operations), (
        "error answers are documented as problem+json"
    )
    assert len({op["operationId"] for op in operations}) == len(operations)


@pytest.mark.django_db
def test_interactive_docs_load_swagger_from_our_own_static_files():
    response = Client().get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js"></script>' in html
    assert 'href="/static/ninja/swagger-ui.css"' in html
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html


# --- keyset cursors ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_follow_the_cursor_without_gaps_or_repeats(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.root))
    seen, url, pages = [], f"{API}/units?limit=4", 0
    while url:
        body = client.get(url).json()
        seen += [u["code"] for u in body["items"]]
        url, pages = body["next"], pages + 1
        assert (body["next"] is None) == (body["next_cursor"] is None)
    assert pages == 5  # 18 units, 4 a page
    assert seen == list(Unit.objects.order_by("path").values_list("code", flat=True))


@pytest.mark.django_db
def test_a_forged_or_foreign_cursor_is_refused(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.root))
    audit_cursor = client.get(f"{API}/audit-events?limit=1").json()["next_cursor"]
    for cursor in ["garbage", audit_cursor]:
        body = problem_of(client.get(f"{API}/units", {"cursor": cursor}), status=422)
        assert (body["code"], body["errors"]) == (
            "invalid-cursor",
            [{"field": "query.cursor", "message": "This cursor is not valid for this list."}],
        )


@pytest.mark.django_db
def test_a_token_cannot_expire_in_the_past(tree, make_user, client_for):
    user = make_user("secretariat", tree.dpw_jabar)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = call(client_for(user), "POST", f"{API}/me/tokens", {"name": "old", "expires_on": yesterday})
    assert problem_of(response, status=400)["errors"] == [
        {"field": "body.expires_on", "message": "The expiry date is in the past."}
    ]
    assert ApiToken.objects.count() == 0
