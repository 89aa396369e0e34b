"""(c) The scoped unit tree for a provincial council's secretariat (demo-dpw-jabar) at full size.

DPW Jawa Barat sees its own councils (KC) through the tree and, through their territory, the sector
branches (PC) and plant unions (PUK) of FSPMI in the province: about a third of FSPMI. Timed:

  * the screens through Django's test client (URL names organisation:tree, organisation:unit_children,
    organisation:unit_search): whole request, middleware, session, queries and template;
  * the same reads at the queryset level (visible_to + the children / search filter), i.e. the part
    the database does, so that the two can be compared;
  * EXPLAIN ANALYZE of the scope filter, to show that the prefix indexes (varchar_pattern_ops on
    `path` and `territory_path`) are used.
"""

from __future__ import annotations

from typing import Any

from bench.harness import count_queries, heading, record, repeat, summary, summary_line

USERNAME = "demo-dpw-jabar"
ADMIN = "demo-admin"
SEARCH_TEXT = "sinar"  # a word in many demo company names: the search has to sort and cap, not just find one
WARMUP = 10


def _fixtures() -> dict[str, Any]:
    from django.db.models import Count

    from serikat.accounts.models import User
    from serikat.core import permissions as perms
    from serikat.organisation.models import Unit

    user = User.objects.get(username=USERNAME)
    visible = Unit.objects.visible_to(user, perms.VIEW_UNIT)
    # The council with the most units in its territory, and the branch with the most plant unions.
    council = (
        visible.filter(level__code="KC")
        .annotate(members=Count("territorial_members"))
        .order_by("-members", "path")
        .first()
    )
    branch = visible.filter(level__code="PC").order_by("-numchild", "path").first()
    return {"user": user, "visible": visible, "council": council, "branch": branch}


def _selector_reads(user: Any, council: Any, branch: Any) -> dict[str, Any]:
    """The reads behind the screens, at the queryset level: what the database has to do."""
    from django.db.models import Q

    from serikat.core import permissions as perms
    from serikat.core.scoping import scope_of
    from serikat.organisation.models import Unit

    def visible():  # type: ignore[no-untyped-def]
        return Unit.objects.visible_to(user, perms.VIEW_UNIT)

    def roots_and_first_level() -> int:
        roots = list(Unit.objects.filter(path__in=scope_of(user, perms.VIEW_UNIT).paths))
        below = list(visible().filter(path__startswith=roots[0].path, depth=roots[0].depth + 1).order_by("name")[:201])
        return len(roots) + len(below)

    def children(unit: Any):  # type: ignore[no-untyped-def]
        def read() -> int:
            in_tree = Q(path__startswith=unit.path, depth=unit.depth + 1)
            in_territory = Q(territory_id=unit.pk) & ~Q(path__startswith=unit.path)
            return len(visible().filter(in_tree | in_territory).order_by("name", "pk")[:201])

        return read

    def search() -> int:
        return len(visible().search(SEARCH_TEXT).order_by("name", "pk")[:51])

    return {
        "tree roots + first level": roots_and_first_level,
        f"children of {council.code} (KC)": children(council),
        f"children of {branch.code} (PC)": children(branch),
        f"search {SEARCH_TEXT!r}": search,
        "visible_to(...).count()": lambda: visible().count(),
    }


def _http_reads(user: Any, council: Any, branch: Any) -> dict[str, Any] | None:
    """The screens through the test client; None while the screens do not exist yet.

    The last line is the same search for demo-admin, who sees the whole confederation: the worst
    case for a search, for comparison.
    """
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from serikat.accounts.models import User

    htmx = {"HTTP_HX_REQUEST": "true"}
    try:
        search = reverse("organisation:unit_search") + f"?q={SEARCH_TEXT}"
        urls = {
            "GET tree page": (user, reverse("organisation:tree"), {}),
            f"GET children of {council.code} (htmx)": (
                user,
                reverse("organisation:unit_children", args=[council.pk]),
                htmx,
            ),
            f"GET children of {branch.code} (htmx)": (
                user,
                reverse("organisation:unit_children", args=[branch.pk]),
                htmx,
            ),
            f"GET search ?q={SEARCH_TEXT} (htmx)": (user, search, htmx),
            f"  same search as {ADMIN} (all units)": (User.objects.get(username=ADMIN), search, htmx),
        }
    except NoReverseMatch as missing:
        print(f"  HTTP part skipped: {missing} (the screens have not landed yet)")
        return None
    clients: dict[int, Client] = {}

    def get(who: Any, url: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
        if who.pk not in clients:
            clients[who.pk] = Client()
            clients[who.pk].force_login(who)
        client = clients[who.pk]

        def read() -> int:
            response = client.get(url, **headers)
            if response.status_code != 200:
                raise SystemExit(f"bench: GET {url} as {who} answered {response.status_code}")
            return len(response.content)

        return read

    return {label: get(who, url, headers) for label, (who, url, headers) in urls.items()}


def _explain(user: Any, council: Any) -> dict[str, bool]:
    from django.db.models import Q

    from serikat.core import permissions as perms
    from serikat.organisation.models import Unit

    visible = Unit.objects.visible_to(user, perms.VIEW_UNIT)
    heading("EXPLAIN ANALYZE: units visible to demo-dpw-jabar (Unit.objects.visible_to(user, VIEW_UNIT))")
    print(str(visible.query))
    plan = visible.explain(analyze=True, buffers=True)
    print(plan)
    heading(f"EXPLAIN ANALYZE: children of {council.code} within that scope")
    in_tree = Q(path__startswith=council.path, depth=council.depth + 1)
    in_territory = Q(territory_id=council.pk) & ~Q(path__startswith=council.path)
    children_plan = visible.filter(in_tree | in_territory).order_by("name", "pk")[:201].explain(analyze=True)
    print(children_plan)
    indexes = _pattern_ops_indexes()
    print("\n  pattern-ops (prefix) indexes on organisation_unit, and whether the scope filter used them:")
    used = {}
    for name, column in indexes:
        used[name] = f"Index Scan on {name} " in plan
        print(f"    {name:<42} on {column:<15} {'used' if used[name] else 'not used'}")
    for column in ("path", "territory_path"):
        served = any(used[name] for name, indexed in indexes if indexed == column)
        print(f"  prefix match on {column}: {'served by an index' if served else 'NOT served by an index'}")
    return used


def _pattern_ops_indexes() -> list[tuple[str, str]]:
    """(index name, column) of every varchar_pattern_ops index on the unit table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'organisation_unit' "
            "AND indexdef LIKE '%%pattern_ops%%' ORDER BY indexname"
        )
        rows = cursor.fetchall()
    return [(name, definition.split("(", 1)[1].split()[0]) for name, definition in rows]


def run(*, requests: int, env: dict[str, Any]) -> dict[str, Any]:
    facts = _fixtures()
    user, council, branch = facts["user"], facts["council"], facts["branch"]
    visible_count = facts["visible"].count()
    heading(f"Scoped tree for {USERNAME}: {visible_count:,} visible units, {requests} timed requests each")
    print(
        f"  council {council.code}: {council.members:,} units in its territory; "
        f"branch {branch.code}: {branch.numchild:,} plant unions"
    )
    figures: dict[str, Any] = {"user": USERNAME, "visible_units": visible_count, "requests": requests}

    print("\n  queryset level (the database's share)")
    selector_figures = {}
    for label, read in _selector_reads(user, council, branch).items():
        queries, rows = count_queries(read)
        figures_for = summary(repeat(read, times=requests, warmup=WARMUP))
        selector_figures[label] = {**figures_for, "rows": rows, "queries": queries}
        print(summary_line(label, figures_for, width=46) + f"   {rows:>5} rows")
    figures["selectors"] = selector_figures

    http = _http_reads(user, council, branch)
    if http is not None:
        print("\n  HTTP through the test client (whole request: middleware, session, queries, template)")
        http_figures = {}
        for label, read in http.items():
            read()  # the session and grants cache warm, as for a user who is already signed in
            queries, size = count_queries(read)
            figures_for = summary(repeat(read, times=requests, warmup=WARMUP))
            http_figures[label] = {**figures_for, "queries": queries, "bytes": size}
            print(summary_line(label, figures_for, width=46) + f"   {queries:>3} queries {size / 1024:6.1f} KB")
        figures["http"] = http_figures

    figures["prefix_indexes_used"] = _explain(user, council)
    record("tree_page", figures, env)
    return figures
