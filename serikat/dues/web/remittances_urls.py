"""Screens of the dues module: remittances."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
