"""The profile, the language switch and personal API tokens through the screens."""

import re

import pytest
from django.conf import settings
from django.test import Client

from serikat.accounts.models import ApiToken, User
from serikat.accounts.services import hash_token
from serikat.audit.models import AuditEvent


@pytest.mark.django_db
def test_profile_shows_the_roles_held_and_the_two_factor_status(tree, make_user, client_for):
    user = make_user("treasurer", tree.puk_a, first_name="Siti", last_name="Aminah")
    response = client_for(user, language="id").get("/accounts/profile/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Siti Aminah" in body
    assert "PUK-A" in body
    assert "Bendahara" in body  # the role's name in Bahasa Indonesia, the default language
    assert 'href="/accounts/tokens/"' in body


@pytest.mark.django_db
def test_switching_language_stores_the_preference_and_the_next_page_is_in_english(tree, make_user, client_for):
    user = make_user("read_only", tree.puk_a)
    client = client_for(user, language="id")
    assert '<html lang="id">' in client.get("/accounts/profile/").content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/profile/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    assert User.objects.get(pk=user.pk).preferred_language == "en"
    assert client.session["preferred_language"] == "en"
    event = AuditEvent.objects.get(kind="accounts.language_changed")
    assert (event.actor_id, event.changes) == (user.pk, {"preferred_language": ["id", "en"]})
    assert '<html lang="en">' in client.get("/accounts/profile/").content.decode()

    # Another browser, no cookie yet: the account's choice applies from the sign-in on.
    other = Client()
    other.post("/accounts/login/", {"username": user.username, "password": "pw-Serikat-123"})
    assert '<html lang="en">' in other.get("/accounts/profile/").content.decode()


@pytest.mark.django_db
def test_switching_language_anonymously_sets_the_cookie_only():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert AuditEvent.objects.count() == 0
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(make_user, client_for):
    user = make_user()
    client_for(user).post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert User.objects.get(pk=user.pk).preferred_language == "id"
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(tree, make_user, client_for):
    user = make_user("read_only", tree.puk_a)
    client = client_for(user)
    response = client.post("/accounts/tokens/", {"name": "dues spreadsheet", "expires_on": ""})
    assert response.status_code == 200
    raw = re.search(r'value="(srk_[A-Za-z0-9_-]+)" class="token-value"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.key_hash, token.prefix) == ("dues spreadsheet", hash_token(raw), raw[:10])
    assert response["Cache-Control"].startswith("max-age=0")
    assert AuditEvent.objects.filter(kind="accounts.api_token_created", actor=user).count() == 1

    listing = client.get("/accounts/tokens/").content.decode()
    assert raw not in listing
    assert f"{token.prefix}…" in listing


@pytest.mark.django_db
def test_a_token_needs_a_role_and_a_refused_token_leaves_nothing(make_user, client_for):
    user = make_user()
    response = client_for(user).post("/accounts/tokens/", {"name": "script"})
    assert response.status_code == 400
    assert "You hold no role, so a token could do nothing." in response.content.decode()
    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_revoking_a_token(tree, make_user, client_for):
    user = make_user("read_only", tree.puk_a)
    client = client_for(user)
    client.post("/accounts/tokens/", {"name": "script"})
    token = ApiToken.objects.get(user=user)
    page = client.get("/accounts/tokens/").content.decode()
    assert f'action="/accounts/tokens/{token.pk}/revoke/"' in page
    assert "data-confirm=" in page

    assert client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response["Location"] == "/accounts/tokens/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(kind="accounts.api_token_revoked", actor=user).count() == 1


@pytest.mark.django_db
def test_someone_elses_token_answers_404_and_stays_active(tree, make_user, client_for):
    owner = make_user("read_only", tree.puk_a)
    client_for(owner).post("/accounts/tokens/", {"name": "script"})
    token = ApiToken.objects.get(user=owner)
    events_before = AuditEvent.objects.count()
    intruder = make_user("secretariat", tree.root)
    assert client_for(intruder).post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEvent.objects.count() == events_before
