"""Benchmark settings: production settings (DEBUG off, real password hasher, persistent connections)
with what a test client on plain HTTP needs, and the database from DATABASE_URL."""

import os
import warnings

# Forced, not defaulted: `make` exports SERIKAT_DEBUG=true for development, and DEBUG would make
# Django keep every query in memory and render debug pages.
os.environ["SERIKAT_DEBUG"] = "false"
os.environ["SERIKAT_SECURE"] = "false"  # the test client speaks plain HTTP; no redirect to HTTPS
os.environ.setdefault("SERIKAT_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SERIKAT_ALLOWED_HOSTS", "testserver")

from config.settings import *  # noqa: F403

# Plain static storage: the manifest of collected files is not needed to time views.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# WhiteNoise warns that STATIC_ROOT was never collected; the benchmarks serve no static files.
warnings.filterwarnings("ignore", "No directory at", UserWarning)
