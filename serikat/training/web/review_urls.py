"""Screens of review, mounted at /training/review/ (namespace "training")."""

from django.urls import path

from serikat.training.web import production_review as review

urlpatterns = [
    path("<int:package_id>/", review.review_page, name="review"),
    path("<int:package_id>/rounds/", review.round_open, name="review_round_open"),
    path("rounds/<int:round_id>/close/", review.round_close, name="review_round_close"),
    path("threads/", review.thread_open, name="review_thread_open"),
    path("threads/<int:thread_id>/reply/", review.thread_reply, name="review_thread_reply"),
    path("threads/<int:thread_id>/resolve/", review.thread_resolve, name="review_thread_resolve"),
    path("threads/<int:thread_id>/reopen/", review.thread_reopen, name="review_thread_reopen"),
]
