from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from config.api import api
from serikat.accounts.web.views import set_language_view

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language_view, name="set_language"),
    path("i18n/catalog.js", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("serikat.accounts.web.urls")),
    path("", include("serikat.organisation.web.urls")),
    path("audit/", include("serikat.audit.web.urls")),
    path("members/", include("serikat.membership.web.urls")),
    path("dues/", include("serikat.dues.web.urls")),
    path("training/", include("serikat.training.web.urls")),
    path("verify/", include(("serikat.membership.web.verify_urls", "verify"))),
    path("", include("serikat.core.web.urls")),
]
