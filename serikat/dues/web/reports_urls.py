"""Screens of the dues module: the dashboard and the reports, mounted at /dues/ (namespace "dues")."""

from django.urls import path

from serikat.dues.web import reports

urlpatterns: list = [
    path("", reports.home, name="home"),
    path("allocation/", reports.runs, name="runs"),
    path("allocation/run/", reports.run_allocation_view, name="run_allocation"),
    path("allocation/<int:pk>/", reports.run_detail, name="run"),
    path("allocation/report/", reports.allocation_report_view, name="allocation_report"),
    path("arrears/", reports.arrears, name="arrears"),
    path("members/<int:membership_id>/", reports.statement, name="statement"),
    path("unions/<int:unit_id>/", reports.union_month_view, name="union_month"),
    path("levies/", reports.levies, name="levies"),
    path("levies/<int:pk>/pay/", reports.levy_pay, name="levy_pay"),
    path("export/<str:report>/", reports.export, name="export"),
]
