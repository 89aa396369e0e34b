"""The cards screens over HTTP: the panel the member page includes, printing, revoking, the unit
batch, and the journey from the printed card's QR address to the public page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.membership import services
from serikat.membership.models import MemberCard
from serikat.membership.tests.cards_helpers import active_member, pdf_reader, qr_codes, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(tree, make_user):
    return make_user("secretariat", tree.puk_a)


@pytest.fixture
def membership(tree):
    return active_member(tree.admin, tree.puk_a, full_name="Siti Rahayu")


def test_a_member_without_a_card_is_issued_and_printed_from_the_panel(client_for, officer, membership):
    client = client_for(officer)
    page = client.get(f"/members/cards/membership/{membership.pk}/").content.decode()
    assert "No card has been issued yet." in page
    assert f'action="/members/cards/membership/{membership.pk}/card.pdf"' in page and 'data-testid="card-issue"' in page
    response = client.post(f"/members/cards/membership/{membership.pk}/card.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == f'attachment; filename="kta-{membership.kta_number}.pdf"'
    card = MemberCard.objects.get(membership=membership)
    assert f"http://testserver/verify/{card.token}/" in text_of(pdf_reader(response.content).pages[1])


def test_getting_the_pdf_of_a_member_without_a_card_issues_nothing(client_for, officer, membership):
    before = AuditEvent.objects.count()
    response = client_for(officer).get(f"/members/cards/membership/{membership.pk}/card.pdf", follow=True)
    assert response.redirect_chain == [(f"/members/cards/membership/{membership.pk}/", 302)]
    assert "This member has no valid card. Issue one first." in response.content.decode()
    assert (MemberCard.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_the_printed_cards_qr_opens_the_public_page_which_says_valid(client_for, officer, membership, tree):
    services.issue_card(actor=tree.admin, membership=membership)
    page = client_for(officer).get(f"/members/cards/membership/{membership.pk}/").content.decode()
    print_link = re.search(r'href="([^"]+)" data-testid="card-print"', page).group(1)
    pdf = client_for(officer).get(print_link).content
    [(url, _x, _y)] = qr_codes(pdf, 1)
    assert url.startswith("http://testserver/verify/")
    shown = re.search(r'href="([^"]+)" rel="noreferrer" data-testid="card-verify-url"', page).group(1)
    assert shown == url
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(url.removeprefix("http://testserver"))
    assert public.status_code == 200
    assert 'data-testid="verdict">VALID<' in public.content.decode()
    assert 'data-testid="masked-name">S*** R*****<' in public.content.decode()


def test_revoking_a_lost_card_stops_it_verifying(client_for, officer, membership, tree):
    card = services.issue_card(actor=tree.admin, membership=membership)
    page_url = f"/members/cards/membership/{membership.pk}/"
    response = client_for(officer).post(f"/members/cards/{card.pk}/revoke/", {"reason": "lost", "next": page_url})
    assert (response.status_code, response["Location"]) == (302, page_url)
    card.refresh_from_db()
    assert (card.revoked_at is not None, card.revoked_reason) == (True, "lost")
    assert AuditEvent.objects.filter(kind="membership.card_revoked", actor=officer).count() == 1
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/verify/{card.token}/").content.decode()
    assert 'data-testid="verdict">NOT VALID<' in public
    page = client_for(officer).get(page_url).content.decode()
    assert "Revoked" in page and 'data-testid="card-issue"' in page and 'data-testid="card-print"' not in page


def test_revoking_needs_a_reason_and_goes_back_only_to_this_site(client_for, officer, membership, tree):
    card = services.issue_card(actor=tree.admin, membership=membership)
    response = client_for(officer).post(
        f"/members/cards/{card.pk}/revoke/", {"reason": " ", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"/members/cards/membership/{membership.pk}/"
    card.refresh_from_db()
    assert card.revoked_at is None


def test_revoking_twice_says_so_and_changes_nothing(client_for, officer, membership, tree):
    card = services.issue_card(actor=tree.admin, membership=membership)
    services.revoke_card(actor=tree.admin, card=card, reason="lost")
    before = AuditEvent.objects.count()
    response = client_for(officer).post(f"/members/cards/{card.pk}/revoke/", {"reason": "stolen"}, follow=True)
    assert "This card has already been revoked." in response.content.decode()
    card.refresh_from_db()
    assert (card.revoked_reason, AuditEvent.objects.count()) == ("lost", before)


def test_a_reader_sees_the_cards_but_no_print_or_revoke_buttons(client_for, make_user, membership, tree):
    services.issue_card(actor=tree.admin, membership=membership)
    page = client_for(make_user("read_only", tree.puk_a)).get(f"/members/cards/membership/{membership.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="card-row"' in body
    for button in ("card-print", "card-revoke", "card-issue"):
        assert f'data-testid="{button}"' not in body


def test_the_panel_renders_with_only_membership_member_and_cards(officer, membership, tree):
    card = services.issue_card(actor=tree.admin, membership=membership)
    request = RequestFactory().get("/members/42/")
    request.user = officer
    html = render_to_string(
        "membership/cards/_member_cards.html",
        {"membership": membership, "member": membership.member, "cards": [card]},
        request=request,
    )
    assert f"/verify/{card.token}/" in html and 'data-testid="card-print"' in html
    assert 'name="next" value="/members/42/"' in html
    without_cards = render_to_string(
        "membership/cards/_member_cards.html", {"membership": membership, "member": membership.member}, request=request
    )
    assert f"/verify/{card.token}/" in without_cards


def test_the_unit_page_tells_what_will_be_printed_and_the_post_sends_the_sheets(client_for, officer, tree):
    members = [active_member(tree.admin, tree.puk_a, n, full_name=f"Anggota {n:02d}") for n in range(1, 4)]
    services.issue_card(actor=tree.admin, membership=members[0])
    client = client_for(officer)
    page = client.get(f"/members/cards/unit/{tree.puk_a.pk}/").content.decode()
    assert "PUK-A has 3 active members with a KTA number." in page
    assert "1 has a valid card" in page and "2 cards will be issued now." in page
    response = client.post(f"/members/cards/unit/{tree.puk_a.pk}/")
    assert (response.status_code, response["Content-Disposition"]) == (200, 'attachment; filename="kta-PUK-A.pdf"')
    assert len(pdf_reader(response.content).pages) == 2
    assert AuditEvent.objects.filter(kind="membership.members_exported", unit=tree.puk_a).count() == 1


def test_a_unit_without_members_says_so(client_for, make_user, tree):
    client = client_for(make_user("secretariat", tree.puk_c))
    response = client.post(f"/members/cards/unit/{tree.puk_c.pk}/", follow=True)
    assert "This union has no active members with a KTA number." in response.content.decode()


def test_the_member_page_shows_the_panel_with_its_buttons(client_for, officer, membership, tree):
    card = services.issue_card(actor=tree.admin, membership=membership)
    page = client_for(officer).get(reverse("membership:member", args=[membership.pk])).content.decode()
    assert 'data-testid="member-cards"' in page
    assert f'href="/members/cards/membership/{membership.pk}/card.pdf" data-testid="card-print"' in page
    assert f"http://testserver/verify/{card.token}/" in page
    assert f'name="next" value="/members/{membership.pk}/"' in page
