"""`manage.py create_confederation`: the first unit and its administrator on a fresh installation.

    manage.py create_confederation --code KSPI --name "Konfederasi Serikat Pekerja Indonesia" \
        --admin-username admin            # asks for the password twice

Without a terminal (a deployment script), give every value as a flag and the password through
SERIKAT_ADMIN_PASSWORD, so it stays out of the shell history and the process list; --password works
too. Refused once a confederation exists.
"""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from serikat.core.errors import DomainError
from serikat.organisation.bootstrap import bootstrap_confederation
from serikat.organisation.models import Unit

PASSWORD_VARIABLE = "SERIKAT_ADMIN_PASSWORD"  # noqa: S105 -- the name of a variable, not a password


class Command(BaseCommand):
    help = "Install the confederation (the root unit) and its first administrator on an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--code", help="Code of the confederation, e.g. KSPI.")
        parser.add_argument("--name", help="Full name of the confederation.")
        parser.add_argument("--admin-username", help="Username of the first administrator.")
        parser.add_argument(
            "--password",
            help=f"Password of the administrator. Prefer the {PASSWORD_VARIABLE} environment variable or the prompt.",
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Never prompt; fail if a value is missing."
        )

    def handle(self, *args, **options):
        if Unit.objects.filter(depth=1).exists():
            raise CommandError("A confederation already exists; nothing was changed.")
        interactive = options["interactive"]
        code = self._value(options["code"], "Code of the confederation (e.g. KSPI)", "--code", interactive)
        name = self._value(options["name"], "Full name of the confederation", "--name", interactive)
        username = self._value(
            options["admin_username"], "Username of the administrator", "--admin-username", interactive
        )
        if Unit.objects.filter(code=code).exists():
            raise CommandError(f"A unit with the code {code} already exists.")
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise CommandError(f"The username {username} is taken.")
        password = self._password(options["password"], username, interactive)
        try:
            root = bootstrap_confederation(code=code, name=name, admin_username=username, admin_password=password)
        except DomainError as error:
            raise CommandError(f"{error.message} Nothing was changed.") from None
        self.stdout.write(self.style.SUCCESS(f"Installed {root.name} ({root.code}); {username} is its administrator."))
        self.stdout.write("Next: sign in, turn on two-factor sign-in, then add the federations.")

    def _value(self, given: str | None, prompt: str, flag: str, interactive: bool) -> str:
        value = (given or "").strip()
        while not value:
            if not interactive:
                raise CommandError(f"Give {flag} (or run without --no-input to be asked).")
            value = input(f"{prompt}: ").strip()
        return value

    def _password(self, given: str | None, username: str, interactive: bool) -> str:
        password = given or os.environ.get(PASSWORD_VARIABLE, "")
        from_prompt = not password
        if from_prompt:
            if not interactive:
                raise CommandError(f"Give the password in {PASSWORD_VARIABLE} (or --password).")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ; nothing was changed.")
        try:
            validate_password(password, get_user_model()(username=username))
        except ValidationError as error:
            raise CommandError("The password is too weak: " + " ".join(error.messages)) from None
        return password
