"""Setting up and turning off two-factor sign-in through the screens."""

import re
import time

import pyotp
import pytest

from serikat.accounts.models import Role, User
from serikat.audit.models import AuditEvent


def secret_shown(response):
    match = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', response.content.decode())
    return match.group(1).replace(" ", "")


@pytest.mark.django_db
def test_a_role_that_requires_two_factor_redirects_until_it_is_confirmed(tree, make_user, client_for):
    Role.objects.filter(code="secretariat").update(requires_two_factor=True)
    user = make_user("secretariat", tree.dpw_jabar)
    client = client_for(user)

    for path in ("/", "/audit/", "/accounts/grants/", "/accounts/tokens/"):
        response = client.get(path)
        assert (path, response.status_code, response.get("Location")) == (path, 302, "/accounts/two-factor/?required=1")
    page = client.get("/accounts/two-factor/?required=1")
    assert "One of your roles requires two-factor sign-in." in page.content.decode()

    assert client.post("/accounts/two-factor/start/")["Location"] == "/accounts/two-factor/"
    page = client.get("/accounts/two-factor/")
    body = page.content.decode()
    assert "<svg" in body
    user.refresh_from_db()
    assert secret_shown(page) == user.totp_secret
    assert re.search(r'data-testid="totp-secret">([A-Z2-7]{4} )+[A-Z2-7]{1,4}<', body)
    assert client.get("/audit/").status_code == 302  # not confirmed yet

    wrong = client.post("/accounts/two-factor/confirm/", {"code": "000000"})
    assert wrong.status_code == 400
    assert "That code is not right." in wrong.content.decode()
    assert User.objects.get(pk=user.pk).totp_confirmed_at is None

    response = client.post("/accounts/two-factor/confirm/", {"code": pyotp.TOTP(user.totp_secret).now()})
    assert response["Location"] == "/"
    assert User.objects.get(pk=user.pk).totp_confirmed_at is not None
    assert AuditEvent.objects.filter(kind="accounts.two_factor_confirmed", actor=user).count() == 1
    assert client.get("/audit/").status_code == 200


@pytest.mark.django_db
def test_two_factor_cannot_be_turned_off_while_a_role_requires_it(tree, make_user, client_for):
    user = make_user("secretariat", tree.dpw_jabar)
    client = client_for(user)
    client.post("/accounts/two-factor/start/")
    user.refresh_from_db()
    totp = pyotp.TOTP(user.totp_secret)
    client.post("/accounts/two-factor/confirm/", {"code": totp.now()})
    Role.objects.filter(code="secretariat").update(requires_two_factor=True)
    events_before = AuditEvent.objects.count()

    page = client.get("/accounts/two-factor/")
    assert "cannot be turned off" in page.content.decode()
    response = client.post("/accounts/two-factor/disable/", {"code": totp.at(time.time() + 30)})
    assert response.status_code == 400
    assert "One of your roles requires two-factor sign-in." in response.content.decode()
    assert User.objects.get(pk=user.pk).totp_confirmed_at is not None
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_two_factor_can_be_turned_off_with_a_code_when_no_role_requires_it(make_user, client_for):
    user = make_user()
    client = client_for(user)
    client.post("/accounts/two-factor/start/")
    user.refresh_from_db()
    totp = pyotp.TOTP(user.totp_secret)
    client.post("/accounts/two-factor/confirm/", {"code": totp.now()})
    assert client.post("/accounts/two-factor/disable/", {"code": "000000"}).status_code == 400
    assert User.objects.get(pk=user.pk).totp_confirmed_at is not None

    response = client.post("/accounts/two-factor/disable/", {"code": totp.at(time.time() + 30)})
    assert response["Location"] == "/accounts/two-factor/"
    user.refresh_from_db()
    assert (user.totp_confirmed_at, user.totp_secret) == (None, "")
    assert AuditEvent.objects.filter(kind="accounts.two_factor_disabled", actor=user).count() == 1


@pytest.mark.django_db
def test_two_factor_pages_need_an_account():
    from django.test import Client

    client = Client()
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/login/?next=/accounts/two-factor/"
    assert client.post("/accounts/two-factor/start/").status_code == 302
