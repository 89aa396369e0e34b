"""Screens of the dues module: remittances, mounted at /dues/remittances/ (namespace "dues")."""

from django.urls import path

from serikat.dues.web import remittances

urlpatterns = [
    path("", remittances.remittance_list, name="remittances"),
    path("new/", remittances.remittance_upload, name="remittance_upload"),
    path("<int:pk>/", remittances.remittance_detail, name="remittance"),
    path("<int:pk>/transfers/", remittances.remittance_transfer, name="remittance_transfer"),
    path("<int:pk>/remittance.xlsx", remittances.remittance_xlsx, name="remittance_xlsx"),
    path("exceptions/<int:pk>/resolve/", remittances.exception_resolve, name="exception_resolve"),
]
