"""Screens of the dues module: rules."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
