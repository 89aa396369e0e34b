"""The dues module's screens, under /dues/. Each area has its own url module."""

from django.urls import include, path

app_name = "dues"

urlpatterns = [
    path("", include("serikat.dues.web.reports_urls")),
    path("rules/", include("serikat.dues.web.rules_urls")),
    path("authorisations/", include("serikat.dues.web.authorisations_urls")),
    path("remittances/", include("serikat.dues.web.remittances_urls")),
]
