"""Screens of the dues module: authorisations."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
