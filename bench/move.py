"""(b) Moving a subtree of 5,000+ units through the service, then checking the tree.

The largest branch the level rules let move as a whole: one of FSPMI's sector unions (PP SPA) with
its branches (PC) and plant unions (PUK), moved under another federation and back again, by
move_unit() with demo-admin (administrator at the confederation). Each move is one transaction:
treebeard rewrites the subtree's paths with one UPDATE, the service rewrites territory paths that
point into the subtree and records one audit event.
"""

from __future__ import annotations

import time
from typing import Any

from bench.harness import count_queries, heading, record, summary, summary_line, timed

MINIMUM_SUBTREE = 5_000
ACTOR = "demo-admin"


def _largest_sector_union() -> tuple[Any, int]:
    from serikat.organisation.models import Unit

    candidates = Unit.objects.filter(level__code="PP", level__federation__code="FSPMI")
    sized = [(unit, Unit.objects.filter(path__startswith=unit.path).count()) for unit in candidates]
    return max(sized, key=lambda pair: pair[1])


def _territory_paths_agree() -> int:
    """Units whose copied territory path differs from their council's path (must be 0)."""
    from django.db.models import F

    from serikat.organisation.models import Unit

    return Unit.objects.filter(territory__isnull=False).exclude(territory_path=F("territory__path")).count()


def _time_moves(actor: Any, unit: Any, destinations: list[Any], moves: int, *, verbose: bool = True):  # type: ignore[no-untyped-def]
    """Moves `unit` under each destination in turn; returns the timings and the queries of one move.

    The actor's grants are forgotten before each move, as each request loads them afresh.
    """
    from serikat.core.scoping import forget_grants
    from serikat.organisation.models import Unit
    from serikat.organisation.services import move_unit

    timings: list[float] = []
    queries = 0
    for number in range(moves):
        destination = Unit.objects.get(pk=destinations[number % 2].pk)
        current = Unit.objects.get(pk=unit.pk)
        forget_grants(actor)

        def move(current=current, destination=destination):  # type: ignore[no-untyped-def]
            return move_unit(actor=actor, unit=current, new_parent=destination, reason="benchmark")

        if number == 0:
            started = time.perf_counter()
            queries, _moved = count_queries(move)
            seconds = time.perf_counter() - started
        else:
            seconds, _moved = timed(move)
        timings.append(seconds)
        if verbose:
            print(f"  move {number + 1}: under {destination.code:<8} {seconds * 1000:8.1f} ms")
    return timings, queries


def run(*, moves: int, env: dict[str, Any], minimum: int = MINIMUM_SUBTREE) -> dict[str, Any]:
    from serikat.accounts.models import User
    from serikat.audit.models import AuditEvent
    from serikat.organisation import events
    from serikat.organisation.models import Unit

    actor = User.objects.get(username=ACTOR)
    unit, size = _largest_sector_union()
    if size < minimum:
        raise SystemExit(f"bench: the largest sector union has {size:,} units, fewer than {minimum:,}; seed more")
    home = Unit.objects.get(path=unit.parent_path)
    away = Unit.objects.filter(depth=2).exclude(pk=home.pk).order_by("code").first()
    heading(f"move_unit: {unit.code} with {size:,} units, {home.code} -> {away.code} and back, {moves} moves")

    timings, queries_per_move = _time_moves(actor, unit, [away, home], moves)
    figures_for = summary(timings)
    print(summary_line(f"move_unit, {size:,} units", figures_for, width=40) + f"   {queries_per_move} queries")

    # For comparison: the everyday move, one plant union to another branch of its sector union.
    moved = Unit.objects.get(pk=unit.pk)
    plant = Unit.objects.filter(level__code="PUK", path__startswith=moved.path).order_by("path").first()
    branches = Unit.objects.filter(level__code="PC", path__startswith=moved.path).order_by("path")
    plant_home = Unit.objects.get(path=plant.parent_path)
    plant_away = branches.exclude(pk=plant_home.pk).first()
    small_timings, small_queries = _time_moves(actor, plant, [plant_away, plant_home], moves, verbose=False)
    small = summary(small_timings)
    print(summary_line(f"move_unit, 1 unit ({plant.code})", small, width=40) + f"   {small_queries} queries")

    event = AuditEvent.objects.filter(kind=events.UNIT_MOVED, object_id=str(unit.pk)).order_by("-id").first()
    print(f"  audit event of the last move: units_moved={event.data.get('units_moved') if event else None}")

    started = time.perf_counter()
    problems = Unit.objects.find_problems()
    check_seconds = time.perf_counter() - started
    labels = ("bad characters", "bad path length", "orphans", "wrong depth", "wrong numchild")
    found = {label: len(ids) for label, ids in zip(labels, problems, strict=True)}
    disagreeing = _territory_paths_agree()
    subtree_after = Unit.objects.filter(path__startswith=moved.path).count()
    print(
        f"  Unit.objects.find_problems() over all {Unit.objects.count():,} units in {check_seconds:.1f} s: "
        + ", ".join(f"{label} {count}" for label, count in found.items())
    )
    print(
        f"  territory paths that disagree with their council: {disagreeing}; subtree after the moves: {subtree_after:,}"
    )
    healthy = not any(found.values()) and disagreeing == 0 and subtree_after == size
    print(f"  tree after the moves: {'OK' if healthy else 'BROKEN'}")
    figures = {
        "unit": unit.code,
        "subtree_units": size,
        "from": home.code,
        "to": away.code,
        "moves": moves,
        **figures_for,
        "queries_per_move": queries_per_move,
        "single_unit_move": {**small, "queries": small_queries},
        "find_problems": found,
        "find_problems_seconds": round(check_seconds, 1),
        "territory_paths_disagreeing": disagreeing,
        "tree_ok": healthy,
    }
    record("move_subtree", figures, env)
    if not healthy:
        raise SystemExit("bench: the tree is broken after the moves")
    return figures
