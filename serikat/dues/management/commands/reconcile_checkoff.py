"""`manage.py reconcile_checkoff FILE --unit CODE --month YYYY-MM [--employer ID] [--json] [--user USERNAME]`

Imports an employer's deduction file (xlsx, xls, ods or csv) for one union and month and reconciles
it, in this process, with the rules of the screens (docs/dues.md, section 3).

    --employer  the employer's id; optional when the union organises at exactly one employer
    --json      print exactly one JSON object on stdout: the remittance, its totals, the count of each
                outcome, every line (row, nik, employee_number, name, amount, expected, outcome), the
                members not deducted, and the exceptions
    --user      act as this user, within their grants (a union outside them is "not found").
                Without it the command acts as the administrator at the server (every union in
                scope; audit events name "manage.py reconcile_checkoff (<login name>)").

Errors (unknown union or employer, a month not written YYYY-MM, a file that cannot be read, with
every unreadable cell by row and column) go to stderr, and the exit status is 1. Nothing is written
then.
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
from serikat.dues.models import ReconciliationException
from serikat.dues.money import parse_month
from serikat.dues.reconciliation.reading import DeductionFileRefused
from serikat.dues.services_remittances import Imported, import_deductions
from serikat.membership.services_imports import system_actor
from serikat.organisation.access import access_unit_by_code
from serikat.organisation.models import Employer, Unit, UnitWorkplace


class Command(BaseCommand):
    help = "Import and reconcile an employer's deduction file for a union and month."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The deduction file: .xlsx, .xls, .ods or .csv.")
        parser.add_argument("--unit", required=True, help="Code of the union.")
        parser.add_argument("--month", required=True, help="The month deducted, YYYY-MM.")
        parser.add_argument("--employer", help="Id of the employer (when the union organises at several).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object with the outcome.")
        parser.add_argument("--user", help="Act as this user, within their grants.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            imported = self._import(options)
        except DeductionFileRefused as error:
            for problem in error.row_problems:
                self.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}")
            raise CommandError(str(error.message)) from None
        except DomainError as error:
            details = [str(p.message) for p in error.problems if str(p.message) != str(error.message)]
            raise CommandError(" ".join([str(error.message), *details])) from None
        if options["json"]:
            self.stdout.write(json.dumps(summary(imported), ensure_ascii=False))
            return
        remittance = imported.remittance
        counts = ", ".join(f"{name} {count}" for name, count in remittance.outcome_counts.items())
        verb = "unchanged (the same file again)" if imported.unchanged else "imported"
        self.stdout.write(
            f"Remittance {remittance.pk} {verb}: {remittance.lines_count} lines, deducted "
            f"{remittance.deducted_amount}, expected {remittance.expected_amount}, to refund "
            f"{remittance.refund_amount}, status {remittance.status}. {counts}."
        )

    def _import(self, options: dict[str, Any]) -> Imported:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            month = parse_month(options["month"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["user"]:
            actor = User.objects.filter(username__iexact=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {options['user']!r}.")
            try:
                unit = access_unit_by_code(actor, options["unit"], permission=perms.RECONCILE_DUES)
            except DomainError:
                raise CommandError(f"No unit with the code {options['unit']!r}.") from None
        else:
            actor = system_actor(f"manage.py reconcile_checkoff ({_login_name()})")
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with the code {options['unit']!r}.")
        employer = _employer(unit, options["employer"])
        return import_deductions(actor=actor, unit=unit, employer=employer, month=month, path=path, filename=path.name)


def _employer(unit: Unit, employer_id: str | None) -> Employer:
    if employer_id:
        employer = Employer.objects.filter(pk=int(employer_id)).first() if employer_id.isdigit() else None
        if employer is None:
            raise CommandError(f"No employer with the id {employer_id!r}.")
        return employer
    ids = set(UnitWorkplace.objects.filter(unit=unit).values_list("workplace__employer_id", flat=True))
    ids |= set(Employer.objects.filter(unit=unit).values_list("pk", flat=True))
    if len(ids) != 1:
        known = ", ".join(
            f"{e.pk} ({e.name})" for e in Employer.objects.filter(pk__in=ids).order_by("pk")
        )  # fmt: skip
        raise CommandError(
            f"{unit.code} organises at {len(ids)} employers; name one with --employer"
            + (f": {known}." if known else ".")
        )
    return Employer.objects.get(pk=ids.pop())


def summary(imported: Imported) -> dict[str, Any]:
    """The JSON object of --json."""
    remittance, result = imported.remittance, imported.result
    exceptions = [
        {
            "kind": kind,
            "row": row,
            "nik": nik or "",
            "membership": membership,
            "amount": None if amount is None else int(amount),
            "expected": None if expected is None else int(expected),
            "status": status,
            "action": action,
        }
        for kind, row, nik, membership, amount, expected, status, action in ReconciliationException.objects.filter(
            remittance=remittance
        )
        .order_by("kind", "line__row", "membership_id", "id")
        .values_list("kind", "line__row", "line__nik", "membership_id", "amount", "expected_amount", "status", "action")
    ]
    return {
        "remittance": remittance.pk,
        "unit": remittance.unit.code,
        "employer": {"id": remittance.employer_id, "name": remittance.employer.name},
        "month": remittance.month.strftime("%Y-%m"),
        "file": remittance.filename,
        "unchanged": imported.unchanged,
        "status": remittance.status,
        "totals": {
            "lines": remittance.lines_count,
            "deducted": int(remittance.deducted_amount),
            "expected": int(remittance.expected_amount),
            "refund": int(remittance.refund_amount),
            "received": int(remittance.received_amount),
        },
        "counts": remittance.outcome_counts,
        "lines": [
            {
                "row": m.line.row,
                "nik": m.line.nik,
                "employee_number": m.line.employee_number,
                "name": m.line.name,
                "amount": m.line.amount,
                "expected": m.expected,
                "outcome": m.outcome,
            }
            for m in result.lines
        ],
        "not_deducted": [
            {
                "membership": n.membership.id,
                "nik": n.membership.nik,
                "employee_number": n.membership.employee_number,
                "name": n.membership.full_name,
                "expected": n.expected,
            }
            for n in result.not_deducted
        ],
        "exceptions": exceptions,
    }


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")
