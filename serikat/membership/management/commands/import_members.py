"""`manage.py import_members FILE --unit CODE [--dry-run] [--json] [--user USERNAME]`

Imports a member list (xlsx, xls, ods or csv) into one union, in this process (no worker needed),
with the same rules as the screens: existing members matched by NIK and updated, a file imported
twice changes nothing, problems reported per row and column.

    --dry-run   check only: count what would be created, updated and left unchanged; save no member
    --json      print exactly one JSON object on stdout:
                {"rows", "created", "updated", "unchanged", "errors": [{"row", "column", "message"}]}
                ("errors" lists the problems that left a row out; warnings are not listed)
    --user      act as this user, within their grants (a union outside them is "not found").
                Without it the command acts as the administrator at the server: every union is in
                scope, audit events name "manage.py import_members (<login name>)", and the batch is
                recorded as uploaded by the inactive service account "serikat-system".

Columns that are not recognised are left out (the screens would ask). Exit status: 0 when the file
was read (even with errors in rows), 1 when it could not be imported at all (then, with --json, the
object's "errors" holds the reason with row 0).
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from serikat.accounts.models import User
from serikat.core import permissions as perms
from serikat.core.errors import DomainError
from serikat.membership.services_imports import import_file, system_actor
from serikat.organisation.access import access_unit_by_code
from serikat.organisation.models import Unit


class Command(BaseCommand):
    help = "Import a member list (xlsx, xls, ods, csv) into one union; --dry-run checks only."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The member list: .xlsx, .xls, .ods or .csv.")
        parser.add_argument("--unit", required=True, help="Code of the union the members belong to.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save no member.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object with the counts and errors.")
        parser.add_argument("--user", help="Act as this user, within their grants.")

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = options["json"]
        try:
            summary = self._import(options)
        except (DomainError, CommandError) as error:
            message = str(getattr(error, "message", error))
            if not as_json:
                raise CommandError(message) from None
            self._print_json(
                {
                    "rows": 0,
                    "created": 0,
                    "updated": 0,
                    "unchanged": 0,
                    "errors": [{"row": 0, "column": "", "message": message}],
                }
            )
            raise SystemExit(1) from None
        if as_json:
            self._print_json(summary)
            return
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"{summary['rows']} rows: {summary['created']} {verb} created, {summary['updated']} {verb} updated, "
            f"{summary['unchanged']} unchanged, {len(summary['errors'])} errors (batch {summary['batch']})."
        )
        for error in summary["errors"][:50]:
            self.stderr.write(f"row {error['row']}, {error['column'] or '-'}: {error['message']}")
        if len(summary["errors"]) > 50:
            self.stderr.write(f"... and {len(summary['errors']) - 50} more errors.")

    def _print_json(self, data: dict[str, Any]) -> None:
        data = {key: data[key] for key in ("rows", "created", "updated", "unchanged", "errors")}
        self.stdout.write(json.dumps(data, ensure_ascii=False))

    def _import(self, options: dict[str, Any]) -> dict[str, Any]:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if options["user"]:
            actor = User.objects.filter(username__iexact=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {options['user']!r}.")
            unit = access_unit_by_code(actor, options["unit"], permission=perms.IMPORT_MEMBERS)
        else:
            actor = system_actor(f"manage.py import_members ({_login_name()})")
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with the code {options['unit']!r}.")
        batch = import_file(path, unit, actor, dry_run=options["dry_run"])
        if batch.status == batch.Status.FAILED:
            raise CommandError(batch.error)
        counts = batch.counts or {}
        errors = [
            {"row": row, "column": column, "message": message}
            for row, column, message in batch.problems.filter(is_error=True)
            .order_by("row", "id")
            .values_list("row", "column", "message")
            .iterator(chunk_size=5000)
        ]
        return {
            "rows": counts.get("rows", 0),
            "created": counts.get("created", 0),
            "updated": counts.get("updated", 0),
            "unchanged": counts.get("unchanged", 0),
            "errors": errors,
            "batch": batch.pk,
        }


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")
