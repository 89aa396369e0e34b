"""Screens of the training module: editions (being built)."""

urlpatterns: list = []
