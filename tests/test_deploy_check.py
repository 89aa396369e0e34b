"""Production settings pass Django's deployment checklist, and refuse to start without a secret key.

Each check runs `manage.py` in a fresh process with only the environment production would have, so
nothing from the test settings (or the CI job) leaks in. The checkout's own `.env` (a developer's
local settings) is switched off for the same reason: production does not have it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

# manage.py, with config.env.load_dotenv made a no-op before the settings module imports it.
RUN_MANAGE_WITHOUT_DOTENV = (
    "import sys, config.env; config.env.load_dotenv = lambda path: None; "
    "from django.core.management import execute_from_command_line; execute_from_command_line(sys.argv[1:])"
)
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SERIKAT_DEBUG": "false",
    "SERIKAT_SECRET_KEY": "k3Vq9-xZ2pLw7Rt4Yb8Nc1Md6Fg0Hj5Sa3Ue7Wi2Ko9Pl4Qr8Ty1Zx6Cv0Bn5Mm-deploy-check",
    "SERIKAT_ALLOWED_HOSTS": "serikat.example.org",
    "SERIKAT_SECURE": "true",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-c", RUN_MANAGE_WITHOUT_DOTENV, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, "LANG": "C.UTF-8", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    assert len(PRODUCTION["SERIKAT_SECRET_KEY"]) >= 50

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "SERIKAT_SECRET_KEY"}

    result = manage("check", "--deploy", env=env)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.rstrip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: "
        "Set the SERIKAT_SECRET_KEY environment variable (see .env.example)."
    )
