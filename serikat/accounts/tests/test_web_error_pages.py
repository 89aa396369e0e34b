"""The error pages speak the shell's language and need nothing that might be broken."""

import pytest
from django.conf import settings
from django.template import loader
from django.test import Client
from django.utils import translation


def english_client() -> Client:
    """An anonymous client that reads the pages in English, the language of these assertions."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_not_found_is_a_page_of_the_shell(tree, make_user, client_for):
    response = client_for(make_user("read_only", tree.puk_a)).get("/no/such/page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist, or it lies outside the units you may see." in body
    assert 'class="shell-header"' in body


@pytest.mark.django_db
def test_forbidden_explains_what_to_do(make_user, client_for):
    response = client_for(make_user()).get("/audit/")
    assert response.status_code == 403
    assert "ask the secretariat of your union to grant you a suitable role" in response.content.decode()


@pytest.mark.django_db
def test_not_found_renders_for_anonymous_visitors():
    response = english_client().get("/no/such/page/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_server_error_renders_without_a_request_or_the_database():
    # As django.views.defaults.server_error does: no context, no request, no query.
    with translation.override("en"):
        body = loader.get_template("500.html").render()
    assert "Something went wrong" in body
    assert "<script" not in body
