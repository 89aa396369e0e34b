"""Run the benchmarks: `make bench`, or `python -m bench --help` for the options.

One database for the run: created fresh, migrated, regions loaded, the demo seeded at the target size
(timed: benchmark a), then the scoped tree screens are timed (c) and a 5,000-unit subtree is moved (b).
"""

from __future__ import annotations

import argparse
import time

from bench import harness

# seed_demo(plants=N) builds N plant unions plus about 270 councils, branches and federations above
# them (the exact number follows the random seed); 49,730 plant unions give about 50,000 units.
DEFAULT_PLANTS = 49_730
ALL = ("seed", "tree", "move")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--plants", type=int, default=DEFAULT_PLANTS, help="plant unions to seed (default %(default)s)")
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated subset of: " + ", ".join(ALL))
    parser.add_argument("--requests", type=int, default=200, help="timed requests per screen (default %(default)s)")
    parser.add_argument(
        "--moves", type=int, default=6, help="timed subtree moves, there and back (default %(default)s)"
    )
    parser.add_argument(
        "--min-subtree", type=int, default=5_000, help="smallest subtree the move may use (default %(default)s)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(chosen) - set(ALL)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    url = harness.database_url()
    started = time.perf_counter()
    harness.create_database(url)
    harness.setup_django()
    try:
        env = harness.environment()
        harness.heading(
            f"Serikat benchmarks on PostgreSQL {env['postgresql']}, {env['cpus']} CPUs, commit {env['commit']}"
        )
        setup_seconds = harness.migrate_and_load_regions()
        print(f"  database {harness.database_name(url)} created; migrations and regions in {setup_seconds:.1f} s")

        from bench import move, seed, tree

        seed.run(plants=args.plants, env=env)  # the others need the demo; its figures are reported anyway
        if "tree" in chosen:
            tree.run(requests=args.requests, env=env)
        if "move" in chosen:
            move.run(moves=args.moves, env=env, minimum=args.min_subtree)
    finally:
        if args.keep:
            print(f"\n  kept database {harness.database_name(url)}")
        else:
            harness.drop_database(url)
    whole = time.perf_counter() - started
    print(f"\n  results appended to {harness.RESULTS.relative_to(harness.ROOT)}; whole run {whole:.0f} s")


if __name__ == "__main__":
    main()
