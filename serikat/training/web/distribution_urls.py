"""Screens of the training module: print runs, consignments, stock and coverage, mounted at
/training/distribution/ (namespace "training")."""

from django.urls import path

from serikat.training.web import distribution as views

urlpatterns: list = [
    path("", views.home, name="distribution"),
    path("incoming/", views.incoming, name="distribution_incoming"),
    path("editions/<int:edition_id>/", views.edition, name="distribution_edition"),
    path("editions/<int:edition_id>/print-runs/new/", views.print_run_new, name="print_run_new"),
    path("editions/<int:edition_id>/consignments/new/", views.plan, name="consignment_plan"),
    path("editions/<int:edition_id>/consignments/export/", views.consignments_export, name="consignments_export"),
    path("editions/<int:edition_id>/units/<int:unit_id>/", views.unit_stock, name="distribution_stock"),
    path("editions/<int:edition_id>/units/<int:unit_id>/hand-out/", views.hand_out, name="stock_hand_out"),
    path("editions/<int:edition_id>/units/<int:unit_id>/count/", views.stock_count, name="stock_count"),
    path("print-runs/<int:pk>/deliver/", views.print_run_deliver, name="print_run_deliver"),
    path("consignments/<int:pk>/", views.consignment, name="consignment"),
    path("consignments/<int:pk>/ship/", views.consignment_ship, name="consignment_ship"),
    path("consignments/<int:pk>/receive/", views.consignment_receive, name="consignment_receive"),
    path("consignments/<int:pk>/cancel/", views.consignment_cancel, name="consignment_cancel"),
    path("packages/<int:package_id>/coverage/", views.coverage, name="distribution_coverage"),
    path("packages/<int:package_id>/coverage/export/", views.coverage_export, name="coverage_export"),
]
