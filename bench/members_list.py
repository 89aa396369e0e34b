"""(c) The first page of a provincial council's member list at 2 million members.

demo-dpw-jabar (DPW FSPMI Jawa Barat) sees the members of the plant unions in its province's
territory: several hundred thousand memberships. Its list opens on the newest 50, with no COUNT
(keyset pages). Timed 200 times each:

  * the selector: serikat.membership.selectors.member_page(actor, MemberFilters()), and the next
    page after it (keyset);
  * the screen: GET /members/ (URL name membership:members) through Django's test client, the
    whole request with session, middleware, queries and template;
  * for comparison, the same first page for demo-admin (the whole confederation) and filtered to
    women (a filter on the member table).

Then EXPLAIN ANALYZE of the selector's query: the first page should walk the primary key backwards
and stop after 51 rows in scope, not sort the DPW's whole membership.
"""

from __future__ import annotations

from typing import Any

from bench.harness import count_queries, heading, record, repeat, summary, summary_line
from bench.members_common import ADMIN, DPW, users

WARMUP = 10
GOAL_MS = 100.0


def _selector_reads(dpw: Any, admin: Any) -> dict[str, Any]:
    from serikat.membership.selectors import MemberFilters, member_page

    first = member_page(dpw, MemberFilters())
    return {
        f"{DPW}: first page": lambda: member_page(dpw, MemberFilters()),
        f"{DPW}: second page (keyset)": lambda: member_page(dpw, MemberFilters(), after=first.next_after),
        f"{DPW}: first page, women only": lambda: member_page(dpw, MemberFilters(gender="F")),
        f"{ADMIN}: first page": lambda: member_page(admin, MemberFilters()),
    }


def _http_reads(dpw: Any, admin: Any) -> dict[str, Any] | None:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("membership:members")
    except NoReverseMatch as missing:
        print(f"  HTTP part skipped: {missing} (the member list screen has not landed yet)")
        return None

    def get(who: Any, query: str = ""):  # type: ignore[no-untyped-def]
        client = Client()
        client.force_login(who)

        def read() -> int:
            response = client.get(url + query)
            if response.status_code != 200:
                raise SystemExit(f"bench: GET {url}{query} as {who} answered {response.status_code}")
            return len(response.content)

        return read

    return {
        f"GET {url} as {DPW}": get(dpw),
        f"GET {url}?gender=F as {DPW}": get(dpw, "?gender=F"),
        f"GET {url} as {ADMIN}": get(admin),
    }


def run(*, requests: int, env: dict[str, Any]) -> dict[str, Any]:
    from serikat.membership.selectors import MemberFilters, member_page

    actors = users()
    dpw, admin = actors[DPW], actors[ADMIN]
    heading(f"Member list, first page of 50, {requests} times each (goal: p95 < {GOAL_MS:.0f} ms for {DPW})")
    results: dict[str, Any] = {"selectors": {}, "http": {}}
    for label, read in _selector_reads(dpw, admin).items():
        queries, page = count_queries(read)
        figures = summary(repeat(read, times=requests, warmup=WARMUP))
        figures.update({"rows": len(page.rows), "queries": queries})
        results["selectors"][label] = figures
        print(summary_line(label, figures, width=40) + f"   {figures['rows']} rows, {queries} queries")
    http = _http_reads(dpw, admin)
    if http is not None:
        for label, read in http.items():
            queries, size = count_queries(read)
            figures = summary(repeat(read, times=requests, warmup=WARMUP))
            figures.update({"bytes": size, "queries": queries})
            results["http"][label] = figures
            print(summary_line(label, figures, width=40) + f"   {size / 1024:.0f} kB, {queries} queries")
    goal = results["selectors"][f"{DPW}: first page"]["p95_ms"]
    print(f"\n  {DPW} first page (selector) p95 {goal:.1f} ms: {'meets' if goal < GOAL_MS else 'MISSES'} the goal")
    if http is not None:
        page_p95 = next(iter(results["http"].values()))["p95_ms"]
        print(
            f"  {DPW} first page (HTTP) p95 {page_p95:.1f} ms: {'meets' if page_p95 < GOAL_MS else 'MISSES'} the goal"
        )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        member_page(dpw, MemberFilters())
    heading(f"EXPLAIN ANALYZE: the first page of {DPW}'s member list")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + captured.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print(plan)
    results["plan_walks_primary_key"] = "Index Scan Backward using membership_membership_pkey" in plan
    record("members_list", {"requests": requests, **results}, env)
    return results
