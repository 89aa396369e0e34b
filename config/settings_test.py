"""Test settings: the real settings with a fast hasher and tasks that run at once."""

import os

os.environ.setdefault("SERIKAT_DEBUG", "false")
os.environ.setdefault("SERIKAT_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SERIKAT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SERIKAT_SECURE", "false")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
