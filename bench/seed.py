"""(a) seed_demo at the target size: how long `make seed` takes for a confederation of 50,000 units."""

from __future__ import annotations

import time
from typing import Any

from bench.harness import heading, peak_memory_mb, record


def run(*, plants: int, env: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection, transaction

    from serikat.demo import builder
    from serikat.demo.builder import seed_demo

    heading(f"seed_demo(plants={plants:,}) on a fresh PostgreSQL database")
    phases: dict[str, float] = {}

    # Time the builder's phases without changing it: wrap its steps for this run only.
    def timing(name: str, method):  # type: ignore[no-untyped-def]
        def wrapper(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return method(self, *args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    # (class, method name, phase) to wrap; set_password is where the demo logins spend their time.
    from django.contrib.auth.base_user import AbstractBaseUser

    steps = [
        (builder.DemoBuilder, "build", "build"),
        (builder.DemoBuilder, "_build_fspmi", "structure and plant unions (Python)"),
        (builder.DemoBuilder, "_build_standard", "structure and plant unions (Python)"),
        (builder.DemoBuilder, "_build_workplaces", "employers, workplaces, links (insert)"),
        (builder.DemoBuilder, "_build_officers", "officer terms (build and insert)"),
        (AbstractBaseUser, "set_password", "demo logins (5 password hashes)"),
    ]
    originals = []
    for owner, name, label in steps:
        originals.append((owner, name, owner.__dict__[name]))
        setattr(owner, name, timing(label, owner.__dict__[name]))
    try:
        started = time.perf_counter()
        # seed_demo is atomic; an outer transaction moves its COMMIT here, so that the commit (where
        # PostgreSQL checks the deferred foreign keys of every inserted row) can be timed apart.
        with transaction.atomic():
            result = seed_demo(plants=plants)
            before_commit = time.perf_counter()
        seconds = time.perf_counter() - started
    finally:
        for owner, name, method in originals:
            setattr(owner, name, method)
    if result.get("skipped"):
        raise SystemExit("bench: the database already holds a confederation; seed_demo skipped")
    build = phases.pop("build")
    inside_build = sum(v for k, v in phases.items() if not k.startswith("demo logins"))
    phases["levels and units (insert)"] = build - inside_build
    phases["COMMIT (deferred foreign-key checks)"] = seconds - (before_commit - started)
    phases["the rest (grants, audit event)"] = seconds - sum(phases.values())

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum would do shortly after; the later benchmarks need it
    analyze_seconds = time.perf_counter() - started

    memory = peak_memory_mb()
    print(
        f"  built {result['units']:,} units ({result['plants']:,} plant unions), {result['officers']:,} officer terms, "
        f"{result['employers']:,} employers, {result['workplaces']:,} workplaces"
    )
    print(f"  seed_demo total                    {seconds:8.2f} s   ({result['units'] / seconds:,.0f} units/s)")
    for label, value in phases.items():
        print(f"    {label:<46} {value:8.2f} s")
    print(f"  ANALYZE afterwards (not included)  {analyze_seconds:8.2f} s")
    print(f"  peak memory of the process         {memory:8.1f} MB")
    figures = {
        "plants_requested": plants,
        "units": result["units"],
        "plant_unions": result["plants"],
        "officer_terms": result["officers"],
        "employers": result["employers"],
        "workplaces": result["workplaces"],
        "seconds": round(seconds, 2),
        "units_per_second": round(result["units"] / seconds),
        "phases_seconds": {label: round(value, 2) for label, value in phases.items()},
        "analyze_seconds": round(analyze_seconds, 2),
        "peak_memory_mb": memory,
    }
    record("seed_demo", figures, env)
    return figures
