"""Screens of the registry, mounted at /members/. Each part has its own module and owner."""

from django.urls import include, path

app_name = "membership"
urlpatterns = [
    path("", include("serikat.membership.web.members_urls")),
    path("imports/", include("serikat.membership.web.imports_urls")),
    path("cards/", include("serikat.membership.web.cards_urls")),
]
