"""(a) seed_demo --members at the target size: 2,000,000 members on the 50,000-unit demo.

The member seed runs in a fresh process (`python -m bench.members_seed N`) so that its peak memory is
its own, not the unit seed's. Phases: generating rows in Python, COPY, rebuilding the indexes and
foreign keys dropped for the load, COMMIT. Afterwards the rows are counted (the benchmark stops if
the registry does not hold exactly N members) and the tables analysed.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from bench.harness import BenchError, heading, record
from bench.members_common import child_result, child_setup, run_child


def run(*, members: int, seed: int, env: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection

    from serikat.membership.models import Member, Membership, MembershipConflict

    heading(f"seed_demo --members {members:,} on PostgreSQL (fresh process)")
    child = run_child("bench.members_seed", str(members), str(seed))
    if child.get("skipped"):
        raise BenchError("the registry already holds members; seed_members skipped")
    started = time.perf_counter()
    counted = Member.objects.count()
    memberships = Membership.objects.count()
    conflicts = MembershipConflict.objects.count()
    count_seconds = time.perf_counter() - started
    if counted != members:
        raise BenchError(f"asked for {members:,} members, the registry holds {counted:,}")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk load (statistics, and the visibility map that lets
        # the searches' index-only scans skip the tables); done here so that the timed reads that
        # follow never depend on whether the server's autovacuum is on or has come round yet.
        for table in ("membership_member", "membership_membership", "membership_membershipnameword"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute(
            "SELECT pg_total_relation_size('membership_member'), pg_total_relation_size('membership_membership')"
        )
        member_bytes, membership_bytes = cursor.fetchone()
    analyze_seconds = time.perf_counter() - started
    seconds = child["seconds_total"]
    print(
        f"  verified: {counted:,} members, {memberships:,} memberships, {conflicts:,} dual-membership conflicts "
        f"(counted in {count_seconds:.1f} s)"
    )
    print(
        f"  women {child['women_share']:.1%}; active {child['active']:,}, applicants {child['applicant']:,}, "
        f"suspended {child['suspended']:,}, ended {child['ended']:,}"
    )
    print(f"  seed_members total                   {seconds:8.2f} s   ({members / seconds:,.0f} members/s)")
    for label, value in child["phases"].items():
        print(f"    {label:<44} {value:8.2f} s")
    print(f"    {'COMMIT':<44} {child['commit_seconds']:8.2f} s")
    print(f"  VACUUM ANALYZE afterwards (not incl.) {analyze_seconds:8.2f} s")
    print(f"  peak memory of the seeding process   {child['peak_rss_mb']:8.1f} MB")
    print(
        f"  table sizes with indexes: members {member_bytes / 2**20:,.0f} MB, "
        f"memberships {membership_bytes / 2**20:,.0f} MB"
    )
    figures = {
        "members": counted,
        "memberships": memberships,
        "conflicts": conflicts,
        "women_share": child["women_share"],
        "seconds": seconds,
        "members_per_second": round(members / seconds),
        "phases_seconds": {k: round(v, 2) for k, v in child["phases"].items()},
        "commit_seconds": child["commit_seconds"],
        "analyze_seconds": round(analyze_seconds, 2),
        "peak_rss_mb": child["peak_rss_mb"],
        "member_table_mb": round(member_bytes / 2**20),
        "membership_table_mb": round(membership_bytes / 2**20),
    }
    record("members_seed", figures, env)
    return figures


class _Progress:
    """Progress lines to stderr (stdout carries the result)."""

    def write(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)


def _child(members: int, seed: int) -> None:
    child_setup()
    from django.db import transaction

    from serikat.demo.members import seed_members

    phases: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():  # seed_members is atomic too; the outer block times COMMIT apart
        result = seed_members(count=members, seed=seed, timings=phases, stdout=_Progress())
        before_commit = time.perf_counter()
    finished = time.perf_counter()
    child_result(
        {
            **result,
            "phases": phases,
            "commit_seconds": round(finished - before_commit, 2),
            "seconds_total": round(finished - started, 2),
        }
    )


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
