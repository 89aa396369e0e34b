"""Screens of member imports, mounted at /members/imports/ (namespace "membership")."""

from django.urls import path

from serikat.membership.web import imports

urlpatterns = [
    path("", imports.import_list, name="imports"),
    path("new/", imports.import_upload, name="import_upload"),
    path("<int:pk>/", imports.import_detail, name="import_detail"),
    path("<int:pk>/status/", imports.import_status, name="import_status"),
    path("<int:pk>/columns/", imports.import_mapping, name="import_mapping"),
    path("<int:pk>/check/", imports.import_check, name="import_check"),
    path("<int:pk>/commit/", imports.import_commit, name="import_commit"),
    path("<int:pk>/cancel/", imports.import_cancel, name="import_cancel"),
    path("<int:pk>/problems.xlsx", imports.import_problems_xlsx, name="import_problems_xlsx"),
]
