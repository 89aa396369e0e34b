"""(f) Reconciling a 200,000-line employer deduction file against the 2-million-member database.

What it builds (set-based, then undone at the end so the other benchmarks see the demo unchanged):
  * the FSPMI plant union with the most active members and a workplace link, and that workplace's
    employer, become "the union" and "the employer";
  * `rows` + 0.5 % active FSPMI memberships of other unions are moved into the union at that
    employer with one UPDATE (their ids, unions, employers and employee numbers are kept in the
    table bench_dues_moved and put back at the end: member and membership counts never change);
  * a deduction authorisation (surat kuasa) for the employer for all of them but every 200th
    (one INSERT ... SELECT), and FSPMI's 1 % dues policy when the database has none;
  * the employer's file for January 2026, written with XlsxWriter (and the same lines as CSV):
    about 98 % lines that match, 1 % with an amount that differs, 0.5 % without an authorisation,
    0.5 % of unknown NIKs (not members), 0.2 % duplicates, and 0.5 % of authorised members left out
    (not deducted).

What it times, each in a fresh process (`python -m bench.dues_reconcile child ...`) so that its peak
memory is its own: serikat.dues.services_remittances.import_deductions() reading the xlsx file,
matching and writing the lines, exceptions and contributions and committing (goal < 10 s); then
the CSV of the same lines for the same month (a new file: every line replaced); then the same CSV
again (nothing changes). The remittance, its rows, the authorisations and the policy it created
are deleted afterwards and the memberships moved back.
"""

from __future__ import annotations

import csv
import datetime
import os
import sys
import time
from typing import Any

from bench.dues_allocation import StatementClock
from bench.harness import BenchError, heading, record
from bench.members_common import ADMIN, child_result, child_setup, run_child, work_dir

GOAL_SECONDS = 10.0
MONTH = datetime.date(2026, 1, 1)
HEADER = ["No", "NIK Karyawan", "NIK", "Nama", "Gaji Pokok", "Potongan Iuran"]
MOVED = "bench_dues_moved"


def _sql(statement: str, params: list[Any] | None = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
        return cursor.rowcount


def _restore() -> int:
    """Puts moved memberships back (also after a run that stopped half-way)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MOVED])
        if cursor.fetchone()[0] is None:
            return 0
        cursor.execute(
            f"UPDATE membership_membership m SET unit_id = b.unit_id, employer_id = b.employer_id, "  # noqa: S608
            f"employee_number = b.employee_number FROM {MOVED} b WHERE m.id = b.id"
        )
        count = cursor.rowcount
        cursor.execute(f"DROP TABLE {MOVED}")
        return count


def _target() -> tuple[Any, Any]:
    from django.db.models import Count

    from serikat.membership.models import Membership
    from serikat.organisation.models import Unit, UnitWorkplace

    fspmi = Unit.objects.get(code="FSPMI", depth=2)
    linked = UnitWorkplace.objects.filter(unit__path__startswith=fspmi.path, until_on__isnull=True).values("unit_id")
    best = (
        Membership.objects.filter(federation=fspmi, status="active", unit_id__in=linked)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n", "unit_id")
        .first()
    )
    unit = Unit.objects.get(pk=best["unit_id"])
    link = UnitWorkplace.objects.filter(unit=unit, until_on__isnull=True).select_related("workplace").first()
    return unit, link.workplace.employer


def prepare(rows: int) -> dict[str, Any]:
    """Moves memberships into the union, authorises them, writes the files. Returns what to undo."""
    from django.db import transaction

    from serikat.accounts.models import User
    from serikat.dues.models import Authorisation, DuesPolicy

    restored = _restore()
    from serikat.organisation.models import Unit

    if restored:
        print(f"  put back {restored:,} memberships a stopped run had moved")
    unit, employer = _target()
    federation = Unit.objects.get(path=unit.path[:8])
    admin = User.objects.get(username=ADMIN)
    extra = rows // 200
    started = time.perf_counter()
    with transaction.atomic():
        policy_id = None
        if not DuesPolicy.objects.filter(unit=federation, valid_from__lte=MONTH).exists():
            policy_id = DuesPolicy.objects.create(
                unit=federation, valid_from=datetime.date(2025, 1, 1), kind="percent",
                rate_basis_points=100, created_by=admin, note="bench.dues_reconcile",
            ).pk  # fmt: skip
        last_authorisation = Authorisation.objects.order_by("-id").values_list("id", flat=True).first() or 0
        _sql(
            f"CREATE TABLE {MOVED} AS SELECT id, unit_id, employer_id, employee_number FROM membership_membership "  # noqa: S608
            "WHERE federation_id = %s AND status = 'active' AND ended_on IS NULL AND activated_on <= %s "
            "AND unit_id <> %s AND monthly_wage_amount IS NOT NULL ORDER BY id LIMIT %s",
            [federation.pk, MONTH, unit.pk, rows + extra],
        )
        _sql(f"ALTER TABLE {MOVED} ADD PRIMARY KEY (id)")
        _sql(f"ANALYZE {MOVED}")
        _sql(
            f"UPDATE membership_membership m SET unit_id = %s, employer_id = %s, employee_number = 'BD' || m.id "  # noqa: S608
            f"FROM {MOVED} b WHERE m.id = b.id",
            [unit.pk, employer.pk],
        )
        authorised = _sql(
            "INSERT INTO dues_authorisation (membership_id, unit_id, employer_id, signed_on, document, revoked_on, "  # noqa: S608
            "revoked_reason, created_by_id, created_at) "
            f"SELECT m.id, %s, %s, m.activated_on, '', NULL, '', %s, now() FROM {MOVED} b "
            "JOIN membership_membership m ON m.id = b.id WHERE b.id %% 200 <> 0 ON CONFLICT DO NOTHING",
            [unit.pk, employer.pk, admin.pk],
        )
    _sql("ANALYZE membership_membership")
    _sql("ANALYZE dues_authorisation")
    setup_seconds = time.perf_counter() - started
    paths, counts = _write_files(unit, rows, extra)
    print(
        f"  union {unit.code} ({unit.name}) at {employer.name}: {rows + extra:,} memberships moved in, "
        f"{authorised:,} authorised, in {setup_seconds:.1f} s; files written: {counts}"
    )
    return {
        "unit": unit,
        "employer": employer,
        "policy_id": policy_id,
        "last_authorisation": last_authorisation,
        "paths": paths,
        "counts": counts,
        "setup_seconds": round(setup_seconds, 2),
    }


def _write_files(unit: Any, rows: int, extra: int) -> tuple[dict[str, str], dict[str, int]]:
    import xlsxwriter

    from serikat.dues.money import round_to
    from serikat.membership.models import Membership

    members = list(
        Membership.objects.filter(unit=unit, employee_number__startswith="BD")
        .order_by("id")
        .values_list("id", "member__nik", "employee_number", "member__full_name", "monthly_wage_amount")
    )
    lines: list[list[Any]] = []
    counts = {"matched": 0, "amount_differs": 0, "no_authorisation": 0, "not_member": 0, "duplicate": 0}
    unknown = rows // 200
    duplicates = rows // 500
    listed = members[: rows - unknown - duplicates]  # the rest (about 0.5 %) are not deducted
    for pk, nik, number, name, wage in listed:
        amount = round_to(int(wage) * 100, 10_000, rule="half_up")
        if pk % 200 == 0:
            counts["no_authorisation"] += 1
        elif pk % 100 == 7:
            amount += 1_000
            counts["amount_differs"] += 1
        else:
            counts["matched"] += 1
        lines.append([len(lines) + 1, number, nik, name, int(wage), amount])
    for i in range(unknown):
        lines.append([len(lines) + 1, f"X{i:06d}", f"9{i:015d}", f"Bukan Anggota {i}", 4_500_000, 45_000])
        counts["not_member"] += 1
    for i in range(duplicates):
        lines.append([len(lines) + 1, *lines[i * 7][1:]])
        counts["duplicate"] += 1
    counts["not_deducted (about)"] = len(members) - len(listed)
    folder = work_dir()
    xlsx_path, csv_path = folder / f"potongan-{rows}.xlsx", folder / f"potongan-{rows}.csv"
    workbook = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Potongan")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(lines, start=1):
        sheet.write_number(r, 0, row[0])
        sheet.write_string(r, 1, row[1])
        sheet.write_string(r, 2, row[2])
        sheet.write_string(r, 3, row[3])
        sheet.write_number(r, 4, row[4])
        sheet.write_number(r, 5, row[5])
    workbook.close()
    with open(csv_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(lines)
    return {"xlsx": str(xlsx_path), "csv": str(csv_path)}, counts


def cleanup(state: dict[str, Any]) -> None:
    from django.db import transaction

    from serikat.dues.models import (
        Authorisation,
        BankTransfer,
        Contribution,
        DuesPolicy,
        ReconciliationException,
        Remittance,
        RemittanceLine,
    )

    with transaction.atomic():
        remittances = list(
            Remittance.objects.filter(unit=state["unit"], employer=state["employer"], month=MONTH).values_list(
                "pk", flat=True
            )
        )
        Contribution.objects.filter(remittance_id__in=remittances).delete()
        ReconciliationException.objects.filter(remittance_id__in=remittances)._raw_delete("default")
        RemittanceLine.objects.filter(remittance_id__in=remittances)._raw_delete("default")
        BankTransfer.objects.filter(remittance_id__in=remittances).delete()
        Remittance.objects.filter(pk__in=remittances).delete()
        Authorisation.objects.filter(pk__gt=state["last_authorisation"])._raw_delete("default")
        if state["policy_id"]:
            DuesPolicy.objects.filter(pk=state["policy_id"]).delete()
        moved = _restore()
    print(f"  cleaned up: remittance rows deleted, {moved:,} memberships put back")


def run(*, rows: int, env: dict[str, Any]) -> dict[str, Any]:
    heading(f"Dues: reconcile a {rows:,}-line deduction file (import_deductions, goal < {GOAL_SECONDS:.0f} s)")
    state = prepare(rows)
    results: dict[str, Any] = {"rows": rows, "file_lines": state["counts"], "setup_seconds": state["setup_seconds"]}
    unit, employer = state["unit"], state["employer"]
    try:
        for label, kind in (("xlsx", "xlsx"), ("csv (replaces every line)", "csv"), ("csv again (unchanged)", "csv")):
            child = run_child(
                "bench.dues_reconcile", "child", state["paths"][kind], str(unit.pk), str(employer.pk), MONTH.isoformat()
            )
            results[label] = child
            print(
                f"  {label:<28} {child['seconds']:>6.2f} s  (read {child['phases']['read']:.2f} s, load "
                f"{child['phases']['load']:.2f} s, match {child['phases']['match']:.2f} s, write+commit "
                f"{child['phases']['write']:.2f} s)  peak {child['peak_rss_mb']:,.0f} MB  outcomes {child['outcomes']}"
            )
            parts = ", ".join(f"{name} {value:.2f} s" for name, value in child["write_parts"].items())
            print(f"  {'':<28} write: {parts}")
            slowest = ", ".join(f"{kind} {value:.2f} s" for kind, value in child["statements_s"].items())
            print(f"  {'':<28} slowest SQL (COPY not included): {slowest}")
    finally:
        cleanup(state)
    seconds = results["xlsx"]["seconds"]
    verdict = "meets" if seconds < GOAL_SECONDS else "MISSES"
    print(f"\n  {verdict}: < {GOAL_SECONDS:.0f} s for {rows:,} lines ({seconds:.2f} s from the xlsx file)")
    record("dues_reconcile", results, env)
    return results


def _child(path: str, unit_id: str, employer_id: str, month: str) -> None:
    """One import_deductions() in this fresh process, with the time of each phase."""
    child_setup()
    from django.db import connection

    from serikat.accounts.models import User
    from serikat.dues import services_remittances
    from serikat.dues.reconciliation import matching, reading, writing
    from serikat.organisation.models import Employer, Unit

    phases = {"read": 0.0, "load": 0.0, "match": 0.0}

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] += time.perf_counter() - started

        return wrapper

    # Inside `write`: finer parts, to say where the writing goes (the deletes of a replaced file,
    # the COPYs, the contributions' upsert, the COMMIT) and the statements that took longest.
    details: dict[str, float] = {}

    def part(name: Any, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            label = name(*args) if callable(name) else name
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                details[label] = details.get(label, 0.0) + time.perf_counter() - started

        return wrapper

    writing.clear = part("delete old lines", writing.clear)
    writing.insert_rows = part(lambda model, *rest: f"insert {model._meta.model_name}", writing.insert_rows)
    writing.copy_binary = part(lambda cursor, target, *rest: f"COPY {target.split()[0]}", writing.copy_binary)
    writing.write_contributions = part("contributions", writing.write_contributions)
    writing.stored_fingerprint = part("compare with stored", writing.stored_fingerprint)
    connection.commit = part("COMMIT", connection.commit)
    services_remittances.read_deductions = timed("read", reading.read_deductions)
    services_remittances.matching.load_candidates = timed("load", matching.load_candidates)
    services_remittances.matching.authorised_ids = timed("load", matching.authorised_ids)
    services_remittances.matching.reconcile = timed("match", matching.reconcile)
    actor = User.objects.get(username=ADMIN)
    unit, employer = Unit.objects.get(pk=int(unit_id)), Employer.objects.get(pk=int(employer_id))
    clock = StatementClock()
    started = time.perf_counter()
    with connection.execute_wrapper(clock):
        imported = services_remittances.import_deductions(
            actor=actor,
            unit=unit,
            employer=employer,
            month=datetime.date.fromisoformat(month),
            path=path,
            filename=os.path.basename(path),
        )
    seconds = time.perf_counter() - started
    phases["write"] = seconds - sum(phases.values())
    remittance = imported.remittance
    child_result(
        {
            "seconds": round(seconds, 2),
            "phases": {name: round(value, 2) for name, value in phases.items()},
            "write_parts": {name: round(value, 2) for name, value in details.items()},
            "statements_s": {
                kind: round(value, 2) for kind, value in sorted(clock.seconds.items(), key=lambda item: -item[1])[:6]
            },
            "unchanged": imported.unchanged,
            "lines": remittance.lines_count,
            "outcomes": remittance.outcome_counts,
            "deducted_amount": int(remittance.deducted_amount),
            "expected_amount": int(remittance.expected_amount),
        }
    )


if __name__ == "__main__":
    os.environ.setdefault("SERIKAT_DEBUG", "false")
    if len(sys.argv) < 2 or sys.argv[1] != "child":
        raise BenchError("usage: python -m bench.dues_reconcile child FILE UNIT_ID EMPLOYER_ID YYYY-MM-DD")
    _child(*sys.argv[2:])
