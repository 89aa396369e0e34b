"""Screens of the training module: feedback (being built)."""

urlpatterns: list = []
