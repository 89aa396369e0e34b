"""Screens of the dues module: deduction authorisations (surat kuasa) and letters to employers,
mounted at /dues/authorisations/ (namespace "dues")."""

from django.urls import path

from serikat.dues.web import authorisations as views

urlpatterns: list = [
    path("", views.home, name="authorisations"),
    path("unit/<int:pk>/", views.union, name="authorisation_union"),
    path("unit/<int:pk>/bulk/", views.bulk, name="authorisation_bulk"),
    path("unit/<int:pk>/letters/", views.letters, name="letters"),
    path("unit/<int:pk>/letters/issue/", views.letter_issue, name="letter_issue"),
    path("membership/<int:pk>/record/", views.record, name="authorisation_record"),
    path("<int:pk>/", views.detail, name="authorisation"),
    path("<int:pk>/revoke/", views.revoke, name="authorisation_revoke"),
    path("<int:pk>/scan/", views.scan, name="authorisation_scan"),
    path("<int:pk>/scan/attach/", views.scan_attach, name="authorisation_scan_attach"),
    path("letters/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
]
