"""The training module's screens, under /training/. Each area has its own url module."""

from django.urls import include, path

app_name = "training"

urlpatterns = [
    path("", include("serikat.training.web.packages_urls")),
    path("meetings/", include("serikat.training.web.production_urls")),
    path("review/", include("serikat.training.web.review_urls")),
    path("editions/", include("serikat.training.web.editions_urls")),
    path("distribution/", include("serikat.training.web.distribution_urls")),
    path("feedback/", include("serikat.training.web.feedback_urls")),
]
