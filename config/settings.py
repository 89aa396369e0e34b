"""Serikat settings: one module, every difference between machines comes from the environment.

See `.env.example` for every variable. Development reads SERIKAT_DEBUG=true from the .env that `make setup`
writes; production leaves it unset and must provide SERIKAT_SECRET_KEY and SERIKAT_ALLOWED_HOSTS, and
DATABASE_URL unless one small federation is served from the SQLite file in var/.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("SERIKAT_DEBUG", default=False)
SECRET_KEY = env_str("SERIKAT_SECRET_KEY", "insecure-development-key-only" if DEBUG else None)
ALLOWED_HOSTS = env_list("SERIKAT_ALLOWED_HOSTS", default="127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("SERIKAT_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram lookups for name search; harmless on SQLite
    "treebeard",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "serikat.core",
    "serikat.audit",
    "serikat.accounts",
    "serikat.organisation",
    "serikat.membership",
    "serikat.dues",
    "serikat.training",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "serikat.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "serikat.core.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "serikat.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "serikat.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "serikat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "serikat.core.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'serikat.sqlite3'}"),
        conn_max_age=env_int("SERIKAT_DB_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays for itself only in queries of seconds, and its guesses are made
    # from estimated costs, so a search of a few milliseconds estimated high spent 40 ms compiling
    # (ADR 0029). Set when the connection opens; nothing is sent per query.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Django turns psycopg's prepared statements off (a threshold of None). Its own queries are
    # bound on the client and never prepared whatever the threshold; serikat.core.statements
    # prepares the few hot statements it runs on a cursor of its own (ADR 0031), which needs a
    # threshold. This one is never reached by counting: only those statements are prepared.
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 2**31 - 1
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: failures per account and per address within the window lock them out.
SERIKAT_LOGIN_MAX_FAILURES = env_int("SERIKAT_LOGIN_MAX_FAILURES", default=5)
SERIKAT_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("SERIKAT_LOGIN_MAX_FAILURES_PER_ADDRESS", default=20)
SERIKAT_LOGIN_LOCKOUT_MINUTES = env_int("SERIKAT_LOGIN_LOCKOUT_MINUTES", default=15)

# Internationalisation: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "serikat" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "serikat_language"
LANGUAGE_COOKIE_SECURE = env_bool("SERIKAT_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "serikat" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Where `manage.py load_regions` finds the Kemendagri region CSVs (npm package idn-area-data).
SERIKAT_REGIONS_DIR = Path(env_str("SERIKAT_REGIONS_DIR", str(BASE_DIR / "node_modules" / "idn-area-data" / "data")))

# Documents. The address printed in the KTA's QR code (https://…, no trailing slash); without it the
# first allowed host is used. Fonts: a folder with the DejaVu TTF files (Debian: fonts-dejavu-core).
SERIKAT_PUBLIC_URL = env_str("SERIKAT_PUBLIC_URL", "").rstrip("/")
SERIKAT_DOCUMENT_FONT_DIR = env_str("SERIKAT_DOCUMENT_FONT_DIR", "")
# Public card checks allowed per client address and minute (counted in the cache below).
SERIKAT_VERIFY_RATE_PER_MINUTE = env_int("SERIKAT_VERIFY_RATE_PER_MINUTE", default=30)

# The cache holds rate-limit counters. The default is per process; with several server processes set
# SERIKAT_CACHE_URL=redis://127.0.0.1:6379/1 so that limits hold across them.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("SERIKAT_CACHE_URL", "")}
        if env_str("SERIKAT_CACHE_URL", "")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work through Django's tasks API; the database backend runs with `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("SERIKAT_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Security. SERIKAT_SECURE=true (the default when DEBUG is off) assumes HTTPS in front.
SECURE = env_bool("SERIKAT_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SERIKAT_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SERIKAT_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SERIKAT_BEHIND_PROXY", default=False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SERIKAT_SESSION_HOURS", default=12) * 3600
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SERIKAT_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
