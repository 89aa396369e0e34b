"""Signing in and out through the screens: password, lockout, the authenticator step, next, language."""

import time

import pyotp
import pytest
from django.conf import settings
from django.test import Client, override_settings

from serikat.accounts import services
from serikat.accounts.models import LoginAttempt
from serikat.audit.models import AuditEvent

PASSWORD = "pw-Serikat-123"


def english_client() -> Client:
    """An anonymous client that reads the pages in English, the language of these assertions."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_signs_in_with_the_right_password_and_goes_to_the_start_page(make_user):
    user = make_user(username="siti")
    client = english_client()
    response = client.post("/accounts/login/", {"username": "siti", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(user.pk)
    assert list(AuditEvent.objects.filter(kind="accounts.signed_in").values_list("actor_id", flat=True)) == [user.pk]


@pytest.mark.django_db
def test_the_sign_in_page_renders_for_anonymous_visitors():
    response = english_client().get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'autocomplete="current-password"' in response.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_is_refused_and_says_so(make_user):
    make_user(username="siti")
    client = english_client()
    response = client.post("/accounts/login/", {"username": "siti", "password": "wrong"})
    assert response.status_code == 400
    assert "The username or password is wrong." in response.content.decode()
    assert signed_in_user_id(client) is None
    assert list(LoginAttempt.objects.values_list("username", "succeeded")) == [("siti", False)]


@pytest.mark.django_db
@override_settings(SERIKAT_LOGIN_MAX_FAILURES=3, SERIKAT_LOGIN_LOCKOUT_MINUTES=15)
def test_after_too_many_failures_even_the_right_password_is_refused_with_429(make_user):
    make_user(username="siti")
    client = english_client()
    for _ in range(settings.SERIKAT_LOGIN_MAX_FAILURES):
        assert client.post("/accounts/login/", {"username": "siti", "password": "wrong"}).status_code == 400
    response = client.post("/accounts/login/", {"username": "siti", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts. Try again in 15 minutes." in response.content.decode()
    assert signed_in_user_id(client) is None
    assert AuditEvent.objects.filter(kind="accounts.signed_in").count() == 0
    assert AuditEvent.objects.filter(kind="accounts.sign_in_locked").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/accounts/profile/", "/accounts/profile/"),
        ("https://evil.example/steal", "/"),
        ("//evil.example/steal", "/"),
    ],
)
def test_next_is_followed_only_inside_the_site(make_user, next_url, expected):
    make_user(username="siti")
    client = english_client()
    response = client.post(f"/accounts/login/?next={next_url}", {"username": "siti", "password": PASSWORD})
    assert response["Location"] == expected


@pytest.mark.django_db
def test_signing_in_switches_to_the_users_language(make_user):
    make_user(username="john", preferred_language="en")
    client = english_client()
    response = client.post("/accounts/login/", {"username": "john", "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/accounts/profile/")
    assert '<html lang="en">' in page.content.decode()


def enrol(user):
    """Two-factor set up through the services, as the enrolment screen does."""
    services.start_two_factor(actor=user)
    services.confirm_two_factor(actor=user, code=pyotp.TOTP(user.totp_secret).now())
    user.refresh_from_db()
    return pyotp.TOTP(user.totp_secret)


@pytest.mark.django_db
def test_with_an_authenticator_the_password_alone_does_not_sign_in(make_user):
    user = make_user(username="siti")
    totp = enrol(user)
    client = english_client()
    response = client.post("/accounts/login/?next=/accounts/tokens/", {"username": "siti", "password": PASSWORD})
    assert response["Location"] == "/accounts/login/code/"
    assert signed_in_user_id(client) is None
    assert client.get("/accounts/profile/")["Location"] == "/accounts/login/?next=/accounts/profile/"

    wrong = client.post("/accounts/login/code/", {"code": "000000"})
    assert wrong.status_code == 400
    assert "That code is not right." in wrong.content.decode()
    assert signed_in_user_id(client) is None

    # The code of the next 30-second step: the current one was spent on the enrolment.
    response = client.post("/accounts/login/code/", {"code": totp.at(time.time() + 30)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/tokens/"
    assert signed_in_user_id(client) == str(user.pk)
    assert "serikat_pending_sign_in" not in client.session


@pytest.mark.django_db
def test_too_many_wrong_codes_send_back_to_the_password(make_user):
    user = make_user(username="siti")
    totp = enrol(user)
    client = english_client()
    client.post("/accounts/login/", {"username": "siti", "password": PASSWORD})
    for _ in range(4):
        assert client.post("/accounts/login/code/", {"code": "000000"}).status_code == 400
    response = client.post("/accounts/login/code/", {"code": "000000"})
    assert response["Location"] == "/accounts/login/"
    # Even the right code no longer works without the password again.
    response = client.post("/accounts/login/code/", {"code": totp.at(time.time() + 30)})
    assert response["Location"] == "/accounts/login/"
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
def test_the_code_step_without_a_password_step_goes_back_to_sign_in():
    response = english_client().post("/accounts/login/code/", {"code": "123456"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_sign_out_is_post_only(make_user, client_for):
    user = make_user(username="siti")
    client = client_for(user)
    assert client.get("/accounts/logout/").status_code == 405
    assert signed_in_user_id(client) == str(user.pk)
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert signed_in_user_id(client) is None
