"""Screens of the training module: production (being built)."""

urlpatterns: list = []
