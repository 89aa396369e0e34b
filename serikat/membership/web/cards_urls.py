"""KTA cards and the verification list, mounted at /members/cards/ (namespace "membership")."""

from django.urls import path

from serikat.membership.web import cards

urlpatterns: list = [
    path("membership/<int:pk>/", cards.membership_cards, name="cards"),
    path("membership/<int:pk>/card.pdf", cards.card_pdf, name="card_pdf"),
    path("<int:pk>/revoke/", cards.card_revoke, name="card_revoke"),
    path("unit/<int:pk>/", cards.unit_cards, name="unit_cards"),
    path("verification-list/", cards.verification_list, name="verification_list"),
    path("verification-list/download/", cards.verification_list_download, name="verification_list_download"),
]
