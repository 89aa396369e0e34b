from django.urls import path

from serikat.audit.web import views

app_name = "audit"
urlpatterns = [
    path("", views.events_view, name="events"),
    path("<int:event_id>/", views.event_detail_view, name="event"),
]
