"""Screens of training packages and their content."""

from django.urls import path

from serikat.training.web import packages

urlpatterns = [
    path("", packages.home, name="home"),
]
