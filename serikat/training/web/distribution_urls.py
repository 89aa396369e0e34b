"""Screens of the training module: distribution (being built)."""

urlpatterns: list = []
