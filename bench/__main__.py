"""Run the benchmarks: `make bench`, `python -m bench members_search`, or `python -m bench --help`.

One database for the run: created fresh, migrated, regions loaded, the demo seeded at the target size
(timed: benchmark a), then the scoped tree screens are timed (c) and a 5,000-unit subtree is moved (b).
The member benchmarks add 2 million members (timed: members_seed) and time search, the member list,
imports and KTA cards on them. `--reuse` keeps working on the database of an earlier `--keep` run.
"""

from __future__ import annotations

import argparse
import time

from bench import harness

# seed_demo(plants=N) builds N plant unions plus about 270 councils, branches and federations above
# them (the exact number follows the random seed); 49,730 plant unions give about 50,000 units.
DEFAULT_PLANTS = 49_730
DEFAULT_MEMBERS = 2_000_000
UNIT_BENCHMARKS = ("seed", "tree", "move")
MEMBER_BENCHMARKS = ("members_seed", "members_search", "members_list", "members_import", "members_cards")
DUES_BENCHMARKS = ("dues_reconcile", "dues_allocation")  # on the member database: they need its members
# Needs no demo: on its own it runs on a SQLite file of its own (bench/training_render.py).
TRAINING_BENCHMARKS = ("training_render",)
ALL = UNIT_BENCHMARKS + MEMBER_BENCHMARKS + DUES_BENCHMARKS + TRAINING_BENCHMARKS


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all): " + ", ".join(ALL))
    parser.add_argument("--plants", type=int, default=DEFAULT_PLANTS, help="plant unions to seed (default %(default)s)")
    parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS, help="members to seed (default %(default)s)")
    parser.add_argument("--only", default="", help="comma-separated subset (same as naming them)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per screen (default %(default)s)")
    parser.add_argument(
        "--moves", type=int, default=6, help="timed subtree moves, there and back (default %(default)s)"
    )
    parser.add_argument(
        "--min-subtree", type=int, default=5_000, help="smallest subtree the move may use (default %(default)s)"
    )
    parser.add_argument(
        "--import-rows", type=int, default=1_000_000, help="rows per imported file (default %(default)s)"
    )
    parser.add_argument(
        "--sqlite-rows", type=int, default=200_000, help="rows of the SQLite import (default %(default)s)"
    )
    parser.add_argument(
        "--iex-rows",
        type=int,
        default=0,
        help="rows django-import-export imports (default: all of the file; fewer for a quick run)",
    )
    parser.add_argument(
        "--import-parts",
        default="csv,xlsx,iex,copy,sqlite",
        help="which imports members_import runs (default %(default)s)",
    )
    parser.add_argument(
        "--reconcile-rows",
        type=int,
        default=200_000,
        help="lines of the reconciled deduction file (default %(default)s)",
    )
    parser.add_argument("--cards", type=int, default=1_000, help="KTA cards rendered per run (default %(default)s)")
    parser.add_argument(
        "--render-runs", type=int, default=5, help="fresh-process renders per training document (default %(default)s)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database an earlier --keep run left (seeds skipped when already done; implies --keep)",
    )
    args = parser.parse_args()
    chosen = [name.strip() for name in [*args.names, *args.only.split(",")] if name.strip()] or list(ALL)
    unknown = set(chosen) - set(ALL)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    wants_members = any(name in MEMBER_BENCHMARKS + DUES_BENCHMARKS for name in chosen)
    if set(chosen) <= set(TRAINING_BENCHMARKS):
        from bench import training_render

        training_render.standalone(runs=args.render_runs)
        print(f"\n  results appended to {harness.RESULTS.relative_to(harness.ROOT)}")
        return

    url = harness.database_url()
    started = time.perf_counter()
    reused = args.reuse and harness.database_exists(url)
    if not reused:
        harness.create_database(url)
    harness.setup_django()
    try:
        env = harness.environment()
        harness.heading(
            f"Serikat benchmarks on PostgreSQL {env['postgresql']}, {env['cpus']} CPUs, commit {env['commit']}"
        )
        if reused:
            print(f"  reusing database {harness.database_name(url)}")
        setup_seconds = harness.migrate_and_load_regions()
        print(f"  database {harness.database_name(url)} migrated, regions loaded in {setup_seconds:.1f} s")

        from bench import move, seed, tree
        from serikat.membership.models import Member
        from serikat.organisation.models import Unit

        if reused and Unit.objects.filter(depth=1).exists():
            print("  the demo confederation is there already: unit seed not measured")
        else:
            seed.run(plants=args.plants, env=env)  # the others need the demo; its figures are reported anyway
        if "tree" in chosen:
            tree.run(requests=args.requests, env=env)
        if "move" in chosen:
            move.run(moves=args.moves, env=env, minimum=args.min_subtree)
        if wants_members:
            from bench import members_cards, members_import, members_list, members_search, members_seed

            present = Member.objects.count()
            if present == 0:
                members_seed.run(members=args.members, seed=1, env=env)  # the others need the members
            elif present != args.members:
                raise harness.BenchError(f"the reused database has {present:,} members, not {args.members:,}")
            else:
                print(f"  {present:,} members there already: member seed not measured")
            if "members_search" in chosen:
                members_search.run(queries=args.requests, env=env)
            if "members_list" in chosen:
                members_list.run(requests=args.requests, env=env)
            if "members_cards" in chosen:
                members_cards.run(cards=args.cards, env=env)
            if "members_import" in chosen:
                members_import.run(
                    rows=args.import_rows,
                    sqlite_rows=args.sqlite_rows,
                    iex_rows=args.iex_rows or None,
                    env=env,
                    parts=tuple(part.strip() for part in args.import_parts.split(",") if part.strip()),
                )
            if "dues_allocation" in chosen:
                from bench import dues_allocation

                dues_allocation.run(requests=args.requests, env=env)
            if "dues_reconcile" in chosen:
                from bench import dues_reconcile

                dues_reconcile.run(rows=args.reconcile_rows, env=env)
        if "training_render" in chosen:
            from bench import training_render

            training_render.run(runs=args.render_runs, env=env)
    finally:
        if args.keep or args.reuse:
            print(f"\n  kept database {harness.database_name(url)}")
        else:
            harness.drop_database(url)
    whole = time.perf_counter() - started
    print(f"\n  results appended to {harness.RESULTS.relative_to(harness.ROOT)}; whole run {whole:.0f} s")


if __name__ == "__main__":
    main()
