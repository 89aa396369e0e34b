"""`manage.py allocate_month --month YYYY-MM [--federation CODE ...] [--workers N] [--json] [--user USERNAME]`

Shares a month's dues between the levels of every federation (or of the named ones): for each,
`run_allocation` writes the month's contributions, the entries per union and level, the rollup and
the levy, in its own transaction with its own audit event (docs/dues.md, section 4). Running a month
again replaces it (a new revision) and keeps levy payments.

    --federation  a federation's code; repeat for several. Without it: every federation that has an
                  allocation rule in force in that month (the others are listed as skipped).
    --workers     on PostgreSQL, how many federations run at once on their own connections
                  (default 2: a two-core server does two runs in little more than the time of the
                  largest). SQLite runs them one after another whatever this says.
    --json        print exactly one JSON object: the month, and per federation its members, due,
                  received, unpriced, revision and levy; the skipped federations with the reason.
    --user        act as this user, within their grants (a federation outside them is "not found").
                  Without it the command acts as the administrator at the server; audit events name
                  "manage.py allocate_month (<login name>)".

Errors (an unknown federation, a month not written YYYY-MM or not begun, a named federation without
a rule) go to stderr and the exit status is 1; a federation that fails leaves the others' runs as
they were written, each being its own transaction.
"""

from __future__ import annotations

import getpass
import json
import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from serikat.accounts.models import User
from serikat.core.errors import DomainError
from serikat.dues.models import AllocationRule, AllocationRun, Levy
from serikat.dues.money import parse_month
from serikat.dues.policies import RuleBook
from serikat.dues.services_allocation import allocate_month
from serikat.membership.services_imports import system_actor
from serikat.organisation.models import Unit


class Command(BaseCommand):
    help = "Share a month's dues between the levels of every federation (or the named ones)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="The month, YYYY-MM.")
        parser.add_argument(
            "--federation", action="append", default=[], help="Code of a federation; repeat for several."
        )
        parser.add_argument("--workers", type=int, default=2, help="Federations at once (PostgreSQL only).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object with the runs.")
        parser.add_argument("--user", help="Act as this user, within their grants.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["workers"] < 1:
            raise CommandError("--workers must be 1 or more.")
        actor = self._actor(options["user"])
        federations, skipped = self._federations(options["federation"], month)
        started = time.perf_counter()
        try:
            runs = allocate_month(actor=actor, month=month, federations=federations, workers=options["workers"])
        except DomainError as error:
            details = [str(p.message) for p in error.problems if str(p.message) != str(error.message)]
            raise CommandError(" ".join([str(error.message), *details])) from None
        seconds = round(time.perf_counter() - started, 2)
        result = summary(month, runs, skipped, seconds)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for row in result["runs"]:
            self.stdout.write(
                f"{row['federation']}: {row['members']} members, due {row['due']}, received {row['received']}, "
                f"unpriced {row['unpriced']}, levy {row['levy']}, revision {row['revision']}."
            )
        for row in result["skipped"]:
            self.stdout.write(f"{row['federation']}: skipped, {row['reason']}")
        self.stdout.write(f"{len(runs)} federations allocated for {result['month']} in {seconds} s.")

    def _actor(self, username: str | None) -> Any:
        if not username:
            return system_actor(f"manage.py allocate_month ({_login_name()})")
        actor = User.objects.filter(username__iexact=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {username!r}.")
        return actor

    def _federations(self, codes: list[str], month: Any) -> tuple[list[Unit], list[dict[str, str]]]:
        """The federations to run and those left out (no rule in force), in tree order."""
        if codes:
            found = {unit.code: unit for unit in Unit.objects.filter(depth=2, code__in=codes)}
            missing = [code for code in codes if code not in found]
            if missing:
                raise CommandError(f"No federation with the code {', '.join(map(repr, missing))}.")
            # A named federation without a rule is refused by the service with its own message.
            return [found[code] for code in dict.fromkeys(codes)], []
        every = list(Unit.objects.filter(depth=2).order_by("path"))
        rules = RuleBook(AllocationRule, month, federation_paths=[unit.path for unit in every])
        chosen = [unit for unit in every if rules.for_path(unit.path) is not None]
        skipped = [
            {"federation": unit.code, "reason": "no allocation rule in force in that month"}
            for unit in every
            if rules.for_path(unit.path) is None
        ]
        return chosen, skipped


def summary(month: Any, runs: list[AllocationRun], skipped: list[dict[str, str]], seconds: float) -> dict[str, Any]:
    """The JSON object of --json."""
    levies = {levy.run_id: levy for levy in Levy.objects.filter(run__in=runs)}
    rows = []
    for run in runs:
        levy = levies.get(run.pk)
        rows.append(
            {
                "federation": run.federation.code,
                "members": run.members_count,
                "due": int(run.due_amount),
                "received": int(run.received_amount),
                "unpriced": run.unpriced_count,
                "revision": run.revision,
                "levy": int(levy.due_amount) if levy is not None else 0,
            }
        )
    return {"month": month.strftime("%Y-%m"), "runs": rows, "skipped": skipped, "seconds": seconds}


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")
