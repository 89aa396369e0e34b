"""The public card-verification page (no sign-in), mounted at /verify/."""

from django.urls import path

from serikat.membership.web import verify

urlpatterns: list = [
    path("<str:token>/", verify.verify_card, name="card"),
]
