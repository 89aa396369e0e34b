"""The public card-verification page: valid or not, the masked name, the federation, the status,
and nothing else; no sign-in; rate-limited per address; never indexed nor sent on as a referrer."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client

from serikat.membership import services
from serikat.membership.tests.cards_helpers import active_member
from serikat.membership.verification import mask_name

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def card(tree):
    membership = active_member(tree.admin, tree.puk_a, full_name="Siti Rahayu", department="Press shop")
    return services.issue_card(actor=tree.admin, membership=membership)


def visit(token, *, language="en", address="203.0.113.7"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=address)
    return client.get(f"/verify/{token}/")


def facts(response):
    """The page's main content as text, without the shell (header, language switch, footer)."""
    body = response.content.decode()
    main = body[body.index('<article class="card-check"') : body.index("</article>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_mask_name_keeps_each_words_first_letter():
    assert mask_name("Siti Rahayu") == "S*** R*****"
    assert mask_name("  Budi   A ") == "B*** A"


def test_a_valid_card_shows_valid_the_masked_name_federation_and_status_only(card):
    response = visit(card.token)
    assert response.status_code == 200
    assert facts(response) == "Membership card check VALID Name S*** R***** Affiliation FSPMI Status Active member"
    body = response.content.decode()
    membership = card.membership
    for secret in (membership.member.nik, membership.kta_number, "Siti", "Rahayu", "PUK-A", "Press shop"):
        assert secret not in body


def test_the_page_is_never_indexed_cached_or_sent_on_as_referrer(card):
    response = visit(card.token)
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_a_revoked_card_is_not_valid(card, tree):
    services.revoke_card(actor=tree.admin, card=card, reason="lost")
    response = visit(card.token)
    assert (response.status_code, facts(response)) == (
        200,
        "Membership card check NOT VALID Name S*** R***** Affiliation FSPMI Status Card revoked",
    )


def test_an_ended_membership_makes_its_card_not_valid(card, tree):
    services.end_membership(
        actor=tree.admin, membership=card.membership, reason="resignation", ended_on=datetime.date(2025, 6, 1)
    )
    response = visit(card.token)
    assert "NOT VALID" in facts(response) and "Status Membership ended" in facts(response)


def test_a_suspended_membership_makes_its_card_not_valid_until_reinstated(card, tree):
    services.suspend_membership(actor=tree.admin, membership=card.membership, reason="dues")
    assert "Status Membership suspended" in facts(visit(card.token))
    assert "NOT VALID" in facts(visit(card.token))
    services.reinstate_membership(actor=tree.admin, membership=card.membership)
    assert "VALID Name" in facts(visit(card.token))


def test_a_replaced_card_is_not_valid_and_the_new_one_is(card, tree):
    new = services.issue_card(actor=tree.admin, membership=card.membership)
    assert "Status Card revoked" in facts(visit(card.token))
    assert "Status Active member" in facts(visit(new.token))


@pytest.mark.parametrize("token", ["A" * 43, "x", "not a token!", "%27%20OR%201%3D1"])
def test_an_unknown_token_says_not_valid_and_nothing_more(card, token):
    response = visit(token)
    assert (response.status_code, facts(response)) == (404, "Membership card check NOT VALID")


def test_the_page_speaks_bahasa_indonesia_too(card):
    response = visit(card.token, language="id")
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert facts(response) == "Pemeriksaan kartu anggota BERLAKU Nama S*** R***** Afiliasi FSPMI Status Anggota aktif"


def test_more_than_30_checks_a_minute_from_one_address_are_refused_with_429(card):
    statuses = [visit(card.token).status_code for _ in range(30)]
    assert statuses == [200] * 30
    refused = visit(card.token)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "S***" not in refused.content.decode()
    # Unknown tokens count too: guessing costs the same.
    assert visit("B" * 43).status_code == 429
    # Another address is not affected.
    assert visit(card.token, address="198.51.100.9").status_code == 200


def test_the_limit_follows_the_setting(card, settings):
    settings.SERIKAT_VERIFY_RATE_PER_MINUTE = 2
    assert [visit(card.token).status_code for _ in range(3)] == [200, 200, 429]


def test_a_signed_in_officer_sees_the_same_page(card, client_for, make_user, tree):
    response = client_for(make_user("secretariat", tree.puk_a)).get(f"/verify/{card.token}/")
    assert "VALID Name S*** R***** Affiliation FSPMI Status Active member" in facts(response)


def test_only_get_is_answered(card):
    client = Client()
    assert client.post(f"/verify/{card.token}/").status_code in (403, 405)
