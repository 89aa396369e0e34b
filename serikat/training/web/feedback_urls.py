"""Screens of the training module: feedback from the field, mounted at /training/feedback/
(namespace "training")."""

from django.urls import path

from serikat.training.web import feedback as views

urlpatterns: list = [
    path("", views.feedback_list, name="feedback"),
    path("triage/", views.triage_queue, name="feedback_triage"),
    path("new/<int:edition_id>/", views.new, name="feedback_new"),
    path("<int:pk>/", views.detail, name="feedback_detail"),
    path("<int:pk>/triage/", views.triage, name="feedback_decide"),
    path("<int:pk>/address/", views.address, name="feedback_address"),
]
