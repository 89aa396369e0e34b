"""Screens of editions, mounted at /training/editions/ (namespace "training")."""

from django.urls import path

from serikat.training.web import editions

urlpatterns: list = [
    path("package/<int:package_id>/", editions.package_editions, name="package_editions"),
    path("release/<int:package_id>/", editions.edition_release, name="edition_release"),
    path("<int:edition_id>/", editions.edition_detail, name="edition"),
    path("<int:edition_id>/documents/", editions.edition_renditions, name="edition_renditions"),
    path("<int:edition_id>/documents/new/", editions.rendition_request, name="rendition_request"),
    path("<int:edition_id>/read/", editions.edition_read, name="edition_read"),
    path("<int:edition_id>/compare/", editions.edition_compare, name="edition_compare"),
    path("<int:edition_id>/diff/<int:other_id>/", editions.edition_diff, name="edition_diff"),
    path("documents/<int:rendition_id>/download/", editions.rendition_download, name="rendition_download"),
    path("documents/<int:rendition_id>/retry/", editions.rendition_retry, name="rendition_retry"),
]
