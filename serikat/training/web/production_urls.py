"""Screens of the production process, mounted at /training/meetings/ (namespace "training")."""

from django.urls import path

from serikat.training.web import production

urlpatterns = [
    path("", production.meetings, name="meetings"),
    path("new/", production.meeting_create, name="meeting_create"),
    path("<int:meeting_id>/", production.meeting, name="meeting"),
    path("<int:meeting_id>/edit/", production.meeting_edit, name="meeting_edit"),
    path("<int:meeting_id>/participants/", production.participant_add, name="meeting_participant_add"),
    path("participants/<int:participant_id>/remove/", production.participant_remove, name="meeting_participant_remove"),
    path("<int:meeting_id>/inputs/", production.input_record, name="meeting_input_record"),
    path("inputs/<int:input_id>/links/", production.input_link, name="meeting_input_link"),
    path("links/<int:link_id>/remove/", production.input_unlink, name="meeting_input_unlink"),
    path("trainers/", production.trainers, name="trainers"),
    path("trainers/new/", production.trainer_create, name="trainer_create"),
]
